"""Train cartmine's statistical NER model (Disease, Chemical) on BC5CDR.

Why a script and not only ``spacy train``: the BC5CDR files are token/IOB TSV,
not spaCy's format, and the result must land in ``models/ner_bc5cdr`` as a
pipeline holding only a self-contained ``ner`` component (own tok2vec, no
listener) that the cartmine pipeline can source. This script does the three
steps in one reproducible command:

1. convert ``train.tsv`` and ``devel.tsv`` to ``.spacy`` DocBins (gold tokens,
   guessed spaces, ``--sentences-per-doc`` sentences per Doc);
2. train with ``scripts/configs/ner_bc5cdr.cfg`` (devel is the only tuning
   data; the test split is never read here);
3. copy ``model-best`` to ``models/ner_bc5cdr`` (keeping its README.md) and
   check that it loads with exactly the labels Disease and Chemical.

Examples::

    # quick smoke run (a couple of minutes)
    .venv/bin/python scripts/train_ner.py --quick --output build/ner_quick_model
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

from cartmine.evaluation.ner_reading import Sentence, guess_spaces, read_iob  # noqa: E402
from cartmine.paths import bc5cdr_dir  # noqa: E402

EXPECTED_LABELS = ("Chemical", "Disease")
DEFAULT_CONFIG = PROJECT_DIR / "scripts" / "configs" / "ner_bc5cdr.cfg"
DEFAULT_OUTPUT = PROJECT_DIR / "models" / "ner_bc5cdr"
DEFAULT_WORK = PROJECT_DIR / "build" / "ner_bc5cdr"
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

    from cartmine.iob import spans_to_iob

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
            ents.extend(spans_to_iob(sent.spans, len(sent.words)))
            sent_starts.extend([True] + [False] * (len(sent.words) - 1))
        spaces[-1] = False
        docbin.add(Doc(vocab, words=words, spaces=spaces, ents=ents, sent_starts=sent_starts))
    return docbin


def convert(data_dir: Path, work_dir: Path, sentences_per_doc: int) -> dict[str, Path]:
    """Write ``train.spacy`` and ``dev.spacy`` under ``work_dir``; return their paths."""
    work_dir.mkdir(parents=True, exist_ok=True)
    out = {}
    for split, filename in (("train", "train.tsv"), ("dev", "devel.tsv")):
        sentences = read_iob(data_dir / filename)
        path = work_dir / f"{split}.spacy"
        sentences_to_docbin(sentences, sentences_per_doc).to_disk(path)
        n_ents = sum(len(s.spans) for s in sentences)
        print(f"[convert] {filename}: {len(sentences)} sentences, {n_ents} mentions -> {path}", flush=True)
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


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data-dir", type=Path, default=None, help="folder with train.tsv and devel.tsv")
    parser.add_argument("--config", type=Path, default=DEFAULT_CONFIG)
    parser.add_argument("--work-dir", type=Path, default=DEFAULT_WORK, help="DocBins and checkpoints")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help="where model-best is copied")
    parser.add_argument("--sentences-per-doc", type=int, default=10)
    parser.add_argument("--quick", action="store_true", help="smoke run: 200 steps")
    parser.add_argument(
        "--override", action="append", default=[], metavar="SECTION.KEY=VALUE", help="config override"
    )
    args = parser.parse_args(argv)

    from spacy.cli.train import train

    data_dir = args.data_dir or bc5cdr_dir()
    if not (data_dir / "train.tsv").exists():
        print(f"BC5CDR not found in {data_dir} (set CARTMINE_SHARED)", file=sys.stderr)
        return 2
    t0 = time.time()
    paths = convert(data_dir, args.work_dir, args.sentences_per_doc)
    overrides: dict[str, object] = {"paths.train": str(paths["train"]), "paths.dev": str(paths["dev"])}
    if args.quick:
        overrides.update(QUICK_OVERRIDES)
    overrides.update(parse_overrides(args.override))
    train_dir = args.work_dir / "training"
    print(f"[train] config {args.config} overrides {overrides}", flush=True)
    train(args.config, train_dir, use_gpu=-1, overrides=overrides)
    install_model(train_dir / "model-best", args.output)
    print(f"[done] {time.time() - t0:.0f}s", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
