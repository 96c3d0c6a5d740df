"""Pretrain the NER model's own tok2vec on unlabeled PubMed/PMC text (spaCy's character objective).

Why a script and not ``spacy pretrain``: cartmine's NER keeps its tok2vec *inside*
the ``ner`` component (no listener), so that the cartmine pipeline can source
that one component. ``spacy pretrain`` needs a layer that returns one array per
doc, found by name with ``[pretraining] component/layer``; inside
``spacy.TransitionBasedParser.v2`` the only named ``tok2vec`` ref is the chain
*tok2vec -> list2array -> Linear*, which returns one array per batch, and spaCy
3.8 fails on it ("Provided 'x' array should be 2-dimensional"). This script runs
the same objective (``spacy.PretrainCharacters.v1``: predict each token's first
and last 4 characters from its context vector) on the inner ``Tok2Vec.v2``
(:func:`inner_tok2vec`) and saves its weights. ``scripts/train_ner.py
--init-tok2vec FILE`` loads them after initialisation through the
``cartmine.init_inner_tok2vec.v1`` callback, and ``install_model`` removes the
callback from the shipped config so that ``spacy.load`` needs nothing.

The text is ``$CARTMINE_SHARED/data/unlabeled/biomedical-sentences.txt.gz``
(3.7M tokens; it holds BC5CDR train/devel and NCBI-disease train/devel text,
never BC5CDR test).

Example::

    nohup .venv/bin/python scripts/pretrain_ner.py --epochs 2 > build/pretrain.log 2>&1 &
"""

from __future__ import annotations

import argparse
import gzip
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from spacy.language import Language
from spacy.util import registry
from thinc.api import Model

PROJECT_DIR = Path(__file__).resolve().parents[1]
if str(PROJECT_DIR) not in sys.path:  # run as a plain script: make the package importable
    sys.path.insert(0, str(PROJECT_DIR))

from cartmine.paths import shared_dir  # noqa: E402

DEFAULT_CONFIG = PROJECT_DIR / "scripts" / "configs" / "ner_bc5cdr.cfg"
DEFAULT_VECTORS = PROJECT_DIR / "build" / "vectors" / "spacy"
DEFAULT_OUTPUT = PROJECT_DIR / "build" / "pretrain"


def inner_tok2vec(nlp: Language) -> Model:
    """The ``Tok2Vec.v2`` inside the ``ner`` component (a Model[List[Doc], List[Floats2d]]).

    ``TransitionBasedParser.v2`` wraps it as ``chain(tok2vec, list2array, Linear)``
    under the ref ``tok2vec``; the first layer of that chain is the one to pretrain.
    """
    wrapped = nlp.get_pipe("ner").model.get_ref("tok2vec")
    layer = wrapped.layers[0]
    if "tok2vec" not in layer.name and "embed" not in layer.name:
        raise ValueError(f"unexpected NER model layout: first layer is {layer.name!r}")
    return layer


@registry.callbacks("cartmine.init_inner_tok2vec.v1")
def init_inner_tok2vec(path: str) -> Callable[[Language], Language]:
    """``[initialize.after_init]`` callback: load pretrained weights into the NER's inner tok2vec."""

    def after_init(nlp: Language) -> Language:
        inner_tok2vec(nlp).from_bytes(Path(path).read_bytes())
        print(f"[pretrain] loaded pretrained tok2vec weights from {path}", flush=True)
        return nlp

    return after_init


def read_sentences(path: Path) -> Iterator[str]:
    """Non-empty lines of the (gzipped) unlabeled text, one sentence per line."""
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf8") as handle:
        for line in handle:
            line = line.strip()
            if line:
                yield line


def batches(nlp: Language, path: Path, words_per_batch: int, sentences_per_doc: int) -> Iterator[list]:
    """Docs of ``sentences_per_doc`` sentences (about an abstract), in batches of about ``words_per_batch`` words."""
    batch: list = []
    n_words = 0
    group: list[str] = []
    for sentence in read_sentences(path):
        group.append(sentence)
        if len(group) < sentences_per_doc:
            continue
        doc = nlp.make_doc(" ".join(group))
        group = []
        batch.append(doc)
        n_words += len(doc)
        if n_words >= words_per_batch:
            yield batch
            batch, n_words = [], 0
    if batch:
        yield batch


def build(config_path: Path, vectors: Path) -> tuple[Language, Model]:
    """The untrained NER pipeline (with the floret vectors) and its inner tok2vec, initialised."""
    from spacy.training.initialize import load_vectors_into_model
    from spacy.util import load_config, load_model_from_config

    config = load_config(config_path, overrides={"paths.vectors": str(vectors)}, interpolate=False)
    nlp = load_model_from_config(config, auto_fill=True)
    load_vectors_into_model(nlp, str(vectors))
    tok2vec = inner_tok2vec(nlp)
    tok2vec.initialize(X=[nlp.make_doc("Give it a doc to infer shapes")])
    return nlp, tok2vec


def main(argv: Sequence[str] | None = None) -> int:
    from thinc.api import Adam, fix_random_seed, set_dropout_rate

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--text", type=Path, default=None, help="unlabeled sentences, one per line (.gz ok)")
    parser.add_argument("--config", type=Path, default=DEFAULT_CONFIG)
    parser.add_argument("--vectors", type=Path, default=DEFAULT_VECTORS)
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--max-words", type=int, default=0, help="stop after this many words (0: no limit)")
    parser.add_argument("--words-per-batch", type=int, default=3000)
    parser.add_argument("--sentences-per-doc", type=int, default=10)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    text = args.text or shared_dir() / "data" / "unlabeled" / "biomedical-sentences.txt.gz"
    if not text.exists() or not (args.vectors / "vocab").exists():
        print(f"need {text} and floret vectors in {args.vectors} (scripts/train_vectors.py)", file=sys.stderr)
        return 2
    fix_random_seed(args.seed)
    nlp, tok2vec = build(args.config, args.vectors)
    objective = registry.architectures.get("spacy.PretrainCharacters.v1")(
        maxout_pieces=3, hidden_size=300, n_characters=4
    )
    model = objective(nlp.vocab, tok2vec)
    model.initialize(X=[nlp.make_doc("Give it a doc to infer shapes")])
    set_dropout_rate(model, 0.2)
    loss_fn = model.attrs["loss"]
    optimizer = Adam(0.001, L2=0.01, grad_clip=1.0, use_averages=True)
    args.output.mkdir(parents=True, exist_ok=True)
    t0 = time.time()
    seen = 0
    for epoch in range(args.epochs):
        epoch_loss, next_report = 0.0, 100_000
        epoch_words = 0
        for docs in batches(nlp, text, args.words_per_batch, args.sentences_per_doc):
            predictions, backprop = model.begin_update(docs)
            loss, gradients = loss_fn(model.ops, docs, predictions)
            backprop(gradients)
            model.finish_update(optimizer)
            n = sum(len(d) for d in docs)
            seen += n
            epoch_words += n
            epoch_loss += float(loss)
            if epoch_words >= next_report:
                rate = seen / (time.time() - t0)
                print(f"[pretrain] epoch {epoch} words {epoch_words:,} loss/word {epoch_loss / epoch_words:.3f} "
                      f"{rate:,.0f} w/s", flush=True)
                next_report += 100_000
            if args.max_words and seen >= args.max_words:
                break
        with model.use_params(optimizer.averages):
            path = args.output / f"tok2vec-epoch{epoch}.bin"
            path.write_bytes(tok2vec.to_bytes())
        print(f"[pretrain] epoch {epoch} done: {epoch_words:,} words, loss/word "
              f"{epoch_loss / max(1, epoch_words):.3f}, saved {path} ({time.time() - t0:.0f}s)", flush=True)
        if args.max_words and seen >= args.max_words:
            break
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
