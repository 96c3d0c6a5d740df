"""Train cartmine's statistical NER model (Disease, Chemical) on BC5CDR and NCBI-disease.

Why a script and not only ``spacy train``: the corpora are token/IOB TSV, not
spaCy's format; NCBI-disease has no Chemical annotation, so it needs silver
labels first; and the result must land in ``models/ner_bc5cdr`` as a pipeline
holding only a self-contained ``ner`` component (own tok2vec, no listener) that
the cartmine pipeline can source. One reproducible command does it all:

1. floret vectors from the unlabeled PubMed/PMC sentences (``scripts/train_vectors.py``),
   unless ``--vectors`` already holds them (``--no-vectors``: none);
2. stage 1: the same model on BC5CDR alone, which labels NCBI-disease's chemicals
   (:func:`silver_chemicals`; ``--silver-model`` skips it);
3. stage 2: convert BC5CDR + NCBI-disease train/devel to ``.spacy`` DocBins (gold tokens,
   guessed spaces, ``--sentences-per-doc`` sentences per Doc) and train with
   ``scripts/configs/ner_bc5cdr.cfg`` (devel is the only tuning data; test is never read);
4. copy ``model-best`` to ``models/ner_bc5cdr`` (keeping its README.md) and check that
   it loads with exactly the labels Disease and Chemical.

Examples::

    # quick smoke run (a few minutes; BC5CDR only)
    .venv/bin/python scripts/train_ner.py --quick --corpora bc5cdr --output build/ner_quick_model
    # the real run, in the background
    nohup .venv/bin/python scripts/train_ner.py > /tmp/train_ner.log 2>&1 &
"""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from collections.abc import Sequence
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[1]
if str(PROJECT_DIR) not in sys.path:  # run as a plain script: make the package importable
    sys.path.insert(0, str(PROJECT_DIR))
sys.path.insert(0, str(Path(__file__).resolve().parent))  # scripts/train_vectors.py

from cartmine.evaluation.ner_reading import Sentence, guess_spaces, read_iob  # noqa: E402
from cartmine.iob import spans_to_iob  # noqa: E402
from cartmine.paths import bc5cdr_dir, ncbi_disease_dir  # noqa: E402

EXPECTED_LABELS = ("Chemical", "Disease")
DEFAULT_CONFIG = PROJECT_DIR / "scripts" / "configs" / "ner_bc5cdr.cfg"
DEFAULT_OUTPUT = PROJECT_DIR / "models" / "ner_bc5cdr"
DEFAULT_WORK = PROJECT_DIR / "build" / "ner_bc5cdr"
DEFAULT_VECTORS = PROJECT_DIR / "build" / "vectors" / "spacy"
#: Settings of the smoke run: enough steps to go through init, training, evaluation and saving.
QUICK_OVERRIDES = {"training.max_steps": 200, "training.eval_frequency": 100, "training.patience": 0}


def sentences_to_docbin(sentences: Sequence[Sentence], sentences_per_doc: int):  # -> DocBin
    """Convert gold sentences to a DocBin, ``sentences_per_doc`` sentences per Doc.

    Grouping ~10 sentences approximates an abstract (what the pipeline sees at
    run time) and makes batches less ragged; sentence starts are kept so that
    nothing downstream mistakes a group for one sentence.
    """
    from spacy.tokens import Doc, DocBin
    from spacy.vocab import Vocab

    vocab = Vocab()
    docbin = DocBin(attrs=["ORTH", "SENT_START", "ENT_IOB", "ENT_TYPE"], store_user_data=False)
    step = max(1, sentences_per_doc)
    for i in range(0, len(sentences), step):
        chunk = sentences[i : i + step]
        words: list[str] = []
        spaces: list[bool] = []
        ents: list[str] = []
        sent_starts: list[bool] = []
        for sent in chunk:
            words.extend(sent.words)
            sent_spaces = guess_spaces(sent.words)
            sent_spaces[-1] = True
            spaces.extend(sent_spaces)
            # Normalise whatever IOB flavour the file uses to IOB2 via spans.
            tags = spans_to_iob(sent.spans, len(sent.words))
            # "-" marks a token whose label is unknown (no loss): spaCy's missing value is "".
            ents.extend("" if raw == "-" else tag for raw, tag in zip(sent.tags, tags, strict=True))
            sent_starts.extend([True] + [False] * (len(sent.words) - 1))
        spaces[-1] = False
        docbin.add(Doc(vocab, words=words, spaces=spaces, ents=ents, sent_starts=sent_starts))
    return docbin


def chemical_lexicon(sentences: Sequence[Sentence]) -> set[str]:
    """Lower-cased strings annotated as Chemical in gold sentences (BC5CDR train).

    It only filters the model's predictions: some entries are ambiguous on their own
    ("no", "be", "mg"), so adding every match as silver Chemical would be wrong.
    """
    return {" ".join(s.words[x.start : x.end]).lower() for s in sentences for x in s.spans if x.label == "Chemical"}


def silver_chemicals(sentences: Sequence[Sentence], model: Path, sentences_per_doc: int,
                     lexicon: set[str] | None = None) -> list[Sentence]:
    """Add ``model``'s Chemical predictions to NCBI-disease sentences, which have Disease gold only.

    Why: NCBI-disease leaves chemicals unannotated, so its O tags would teach the
    model that drug names are not Chemical. A BC5CDR-trained model labels them
    instead (silver). Gold Disease mentions are kept exactly as annotated and a
    prediction touching one is dropped. With a ``lexicon`` (BC5CDR train's gold
    Chemical strings) only predictions found in it become Chemical; the others,
    mostly gene and protein symbols in these genetics abstracts ("APC", "DMD",
    "ATM"), are marked unknown (tag ``-``, no loss either way) rather than taught
    as Chemical or as O.
    """
    import spacy

    from cartmine.evaluation.ner_predictors import predict_spans, spacy_predictor

    preds, _, _ = predict_spans(spacy_predictor(spacy.load(model)), sentences, sentences_per_doc, ["Chemical"])
    out = []
    for sent, chems in zip(sentences, preds, strict=True):
        gold = sent.spans
        kept = [c for c in chems if not any(c.overlaps(g) for g in gold)]
        known = [c for c in kept if lexicon is None or " ".join(sent.words[c.start : c.end]).lower() in lexicon]
        tags = spans_to_iob([*gold, *known], len(sent.words))
        for c in kept:
            if c not in known:
                tags[c.start : c.end] = ["-"] * (c.end - c.start)
        out.append(Sentence(sent.words, tuple(tags)))
    return out


def convert(corpora: dict[str, tuple[Path, Path]], work_dir: Path, sentences_per_doc: int,
            silver_model: Path | None = None, silver_lexicon: bool = True) -> dict[str, Path]:
    """Write ``train.spacy`` and ``dev.spacy`` under ``work_dir``; return their paths.

    ``corpora`` maps a corpus name to its (train, devel) IOB files. Corpora whose
    name starts with ``ncbi`` get silver Chemical labels from ``silver_model``, filtered by
    BC5CDR train's Chemical strings when ``silver_lexicon`` (see :func:`silver_chemicals`).
    """
    work_dir.mkdir(parents=True, exist_ok=True)
    lexicon = chemical_lexicon(read_iob(corpora["bc5cdr"][0])) if silver_lexicon and "bc5cdr" in corpora else None
    out = {}
    for split, index in (("train", 0), ("dev", 1)):
        docbin = None
        for name, files in corpora.items():
            sentences = read_iob(files[index])
            n_gold = sum(len(s.spans) for s in sentences)
            if name.startswith("ncbi") and silver_model is not None:
                sentences = silver_chemicals(sentences, silver_model, sentences_per_doc, lexicon)
            n_ents = sum(len(s.spans) for s in sentences)
            n_unknown = sum(t == "-" for s in sentences for t in s.tags)
            print(f"[convert] {name} {files[index].name}: {len(sentences)} sentences, {n_gold} gold mentions, "
                  f"{n_ents - n_gold} silver Chemical, {n_unknown} unknown tokens", flush=True)
            part = sentences_to_docbin(sentences, sentences_per_doc)
            if docbin is None:
                docbin = part
            else:
                docbin.merge(part)
        path = work_dir / f"{split}.spacy"
        docbin.to_disk(path)
        out[split] = path
    return out


def parse_overrides(items: Sequence[str]) -> dict[str, object]:
    """Parse ``section.key=value`` strings; values are read as JSON when possible."""
    import json

    overrides: dict[str, object] = {}
    for item in items:
        key, _, value = item.partition("=")
        try:
            overrides[key.strip()] = json.loads(value)
        except json.JSONDecodeError:
            overrides[key.strip()] = value
    return overrides


def relative_config_paths(config_file: Path) -> None:
    """Write the ``[paths]`` of a saved config relative to the project (no machine-specific folders).

    The training-only ``[initialize] after_init`` callback (pretrained tok2vec weights,
    ``scripts/pretrain_ner.py``) is removed too: the weights are in the model, and
    ``spacy.load`` must not need the script that registered it.
    """
    from thinc.api import Config

    config = Config().from_disk(config_file, interpolate=False)
    config["initialize"]["after_init"] = None
    for key, value in config["paths"].items():
        if isinstance(value, str) and Path(value).is_absolute() and Path(value).is_relative_to(PROJECT_DIR):
            config["paths"][key] = str(Path(value).relative_to(PROJECT_DIR))
    config.to_disk(config_file)


def install_model(model_best: Path, output: Path) -> None:
    """Replace ``output`` by ``model_best``, keeping a hand-written README.md, and check it."""
    import spacy

    readme = output / "README.md"
    saved_readme = readme.read_text(encoding="utf8") if readme.exists() else None
    if output.exists():
        shutil.rmtree(output)
    shutil.copytree(model_best, output)
    if saved_readme is not None:
        (output / "README.md").write_text(saved_readme, encoding="utf8")
    relative_config_paths(output / "config.cfg")
    nlp = spacy.load(output)
    if nlp.pipe_names != ["ner"]:
        raise SystemExit(f"expected only a 'ner' component, got {nlp.pipe_names}")
    labels = tuple(sorted(nlp.get_pipe("ner").labels))
    if labels != EXPECTED_LABELS:
        raise SystemExit(f"expected labels {EXPECTED_LABELS}, got {labels}")
    if "listener" in str(nlp.config["components"]["ner"]["model"]["tok2vec"]).lower():
        raise SystemExit("the ner component must have its own tok2vec, not a listener")
    size = sum(p.stat().st_size for p in output.rglob("*") if p.is_file())
    print(f"[install] {output} ({size / 1e6:.1f} MB), labels {labels}", flush=True)


def with_pretrained_tok2vec(config: Path, weights: Path, work_dir: Path) -> Path:
    """A copy of ``config`` whose ``[initialize.after_init]`` loads ``weights`` into the NER's tok2vec.

    Why not ``[initialize] init_tok2vec``: spaCy finds that layer by a ref name, and the
    tok2vec inside ``TransitionBasedParser.v2`` has none (see ``scripts/pretrain_ner.py``).
    """
    import pretrain_ner  # noqa: F401  (registers cartmine.init_inner_tok2vec.v1)
    from thinc.api import Config

    cfg = Config().from_disk(config, interpolate=False)
    cfg["initialize"]["after_init"] = {"@callbacks": "cartmine.init_inner_tok2vec.v1", "path": str(weights)}
    work_dir.mkdir(parents=True, exist_ok=True)
    out = work_dir / "config.cfg"
    cfg.to_disk(out)
    return out


def train_stage(config: Path, corpora: dict[str, tuple[Path, Path]], work_dir: Path, sentences_per_doc: int,
                overrides: dict[str, object], silver_model: Path | None = None, silver_lexicon: bool = True,
                init_tok2vec: Path | None = None) -> Path:
    """Convert ``corpora``, run ``spacy train`` in ``work_dir/training``; return its ``model-best``."""
    from spacy.cli.train import train

    paths = convert(corpora, work_dir, sentences_per_doc, silver_model, silver_lexicon)
    if init_tok2vec is not None:
        config = with_pretrained_tok2vec(config, init_tok2vec, work_dir)
    stage_overrides = {"paths.train": str(paths["train"]), "paths.dev": str(paths["dev"]), **overrides}
    train_dir = work_dir / "training"
    print(f"[train] {'+'.join(corpora)}: config {config} overrides {stage_overrides}", flush=True)
    t0 = time.time()
    train(config, train_dir, use_gpu=-1, overrides=stage_overrides)
    print(f"[train] {'+'.join(corpora)} took {time.time() - t0:.0f}s", flush=True)
    return train_dir / "model-best"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data-dir", type=Path, default=None, help="BC5CDR folder with train.tsv and devel.tsv")
    parser.add_argument("--ncbi-dir", type=Path, default=None, help="NCBI-disease folder with train.tsv, devel.tsv")
    parser.add_argument("--corpora", choices=("bc5cdr", "bc5cdr+ncbi"), default="bc5cdr+ncbi")
    parser.add_argument("--silver-model", type=Path, default=None,
                        help="model that labels Chemical on NCBI-disease (default: train one on BC5CDR first)")
    parser.add_argument("--no-silver-lexicon", action="store_true",
                        help="keep every silver Chemical, not only strings that are Chemical in BC5CDR train")
    parser.add_argument("--vectors", type=Path, default=DEFAULT_VECTORS,
                        help="spaCy floret vectors folder (built by scripts/train_vectors.py when missing)")
    parser.add_argument("--no-vectors", action="store_true", help="train without static vectors")
    parser.add_argument("--config", type=Path, default=DEFAULT_CONFIG)
    parser.add_argument("--work-dir", type=Path, default=DEFAULT_WORK, help="DocBins and checkpoints")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help="where model-best is copied")
    parser.add_argument("--sentences-per-doc", type=int, default=10)
    parser.add_argument("--quick", action="store_true", help="smoke run: 200 steps")
    parser.add_argument("--init-tok2vec", type=Path, default=None,
                        help="pretrained tok2vec weights from scripts/pretrain_ner.py (both stages)")
    parser.add_argument(
        "--override", action="append", default=[], metavar="SECTION.KEY=VALUE", help="config override"
    )
    args = parser.parse_args(argv)

    bc5cdr = args.data_dir or bc5cdr_dir()
    ncbi = args.ncbi_dir or ncbi_disease_dir()
    corpora = {"bc5cdr": (bc5cdr / "train.tsv", bc5cdr / "devel.tsv")}
    if args.corpora == "bc5cdr+ncbi":
        corpora["ncbi"] = (ncbi / "train.tsv", ncbi / "devel.tsv")
    missing = [str(p) for files in corpora.values() for p in files if not p.exists()]
    if missing:
        print(f"training data not found: {missing} (set CARTMINE_SHARED)", file=sys.stderr)
        return 2
    t0 = time.time()
    overrides: dict[str, object] = {}
    if args.no_vectors:
        overrides["components.ner.model.tok2vec.embed.include_static_vectors"] = False
    else:
        if not (args.vectors / "vocab").exists():
            import train_vectors

            if train_vectors.main(["--work-dir", str(args.vectors.parent)]) != 0:
                return 2
        overrides["paths.vectors"] = str(args.vectors)
    if args.quick:
        overrides.update(QUICK_OVERRIDES)
    overrides.update(parse_overrides(args.override))

    silver = args.silver_model
    if "ncbi" in corpora and silver is None:
        # Stage 1: a BC5CDR-only model (same config and vectors) labels NCBI's chemicals.
        silver = train_stage(args.config, {"bc5cdr": corpora["bc5cdr"]}, args.work_dir / "bc5cdr_only",
                             args.sentences_per_doc, overrides, init_tok2vec=args.init_tok2vec)
    model_best = train_stage(args.config, corpora, args.work_dir / args.corpora.replace("+", "_"),
                             args.sentences_per_doc, overrides, silver, not args.no_silver_lexicon,
                             args.init_tok2vec)
    install_model(model_best, args.output)
    print(f"[done] {time.time() - t0:.0f}s", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
