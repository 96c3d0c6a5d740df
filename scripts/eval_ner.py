"""Score cartmine's NER backends on BC5CDR or NCBI-disease: mention-level P/R/F1 (strict and overlap) and speed.

Why: the model card and the choice between the spaCy CNN (``models/ner_bc5cdr``)
and the transformer backend (``cartmine.components.transformer_ner``) rest on
the same numbers, computed the same way: gold tokens are fed to each model (so
tokenisation cannot differ), mentions are compared strictly (exact boundaries
and label) and by overlap (a shared token and the same label), per label and
micro-averaged. Each backend is one column; a backend that cannot be imported
or has no trained model is skipped with a note, never an error.

Documents: BC5CDR's token files have no document boundaries, so the scoring
pass groups ``--score-sentences-per-doc`` consecutive sentences (default 10, about
one abstract) into a document; a mention is never counted across a sentence
boundary. Document context matters for the ``+abbr`` columns: each backend is
also scored followed by cartmine's abbreviation step (``cartmine_ner_abbreviations``:
short forms defined in the document get their long form's label), as the
pipeline runs it; ``--no-abbreviations`` leaves those columns out.

Speed: ``sentences/s`` comes from the scoring pass; ``docs/s`` from a second
pass over docs of ``--sentences-per-doc`` consecutive sentences (default 10), on
whatever CPU this runs on.

Examples::

    .venv/bin/python scripts/eval_ner.py                       # test split, all backends
    .venv/bin/python scripts/eval_ner.py --split devel --backend spacy
    .venv/bin/python scripts/eval_ner.py --corpus ncbi --split devel   # NCBI-disease Disease only
    .venv/bin/python scripts/eval_ner.py --json out/ner_eval.json
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[1]
if str(PROJECT_DIR) not in sys.path:  # run as a plain script: make the package importable
    sys.path.insert(0, str(PROJECT_DIR))

from cartmine.evaluation.ner_predictors import (  # noqa: E402
    NerEvaluation,
    SpanPredictor,
    evaluate_predictor,
    spacy_predictor,
    with_abbreviation_labels,
)
from cartmine.evaluation.ner_reading import Sentence, read_iob  # noqa: E402
from cartmine.evaluation.ner_scoring import MICRO  # noqa: E402
from cartmine.paths import MODELS_DIR, bc5cdr_dir, ncbi_disease_dir  # noqa: E402

LABELS = ("Disease", "Chemical")
#: Labels scored per corpus: NCBI-disease annotates diseases only, so predicted Chemicals are left out.
CORPUS_LABELS = {"bc5cdr": LABELS, "ncbi": ("Disease",)}
CORPUS_DIRS = {"bc5cdr": bc5cdr_dir, "ncbi": ncbi_disease_dir}
SPLIT_FILES = {"test": "test.tsv", "devel": "devel.tsv", "train": "train.tsv"}


@dataclass
class BackendResult:
    """Scores of one backend (scoring pass) plus the docs/s of the abstract-sized pass."""

    name: str
    evaluation: NerEvaluation
    docs_per_second: float | None
    sentences_per_second_in_docs: float | None


def load_spacy(model: Path) -> SpanPredictor:
    """The BC5CDR spaCy CNN as a predictor; FileNotFoundError when it is not trained yet."""
    import spacy

    if not model.exists():
        raise FileNotFoundError(f"no spaCy model at {model} (run scripts/train_ner.py)")
    return spacy_predictor(spacy.load(model))


def load_transformer(model: Path) -> SpanPredictor:
    """The transformer NER backend as a predictor; ImportError/FileNotFoundError when unavailable.

    It runs as in the pipeline: ``cartmine_sentences`` splits each doc and
    ``cartmine_transformer_ner`` tags one sentence at a time, so multi-sentence
    docs score the same as single sentences. The model loads lazily on first
    use, which the warm-up in :func:`evaluate_backend` absorbs.
    """
    import spacy

    import cartmine.components  # noqa: F401  (registers the factories)
    from cartmine.components.transformer_ner import TransformerNER
    from cartmine.encoders import require_transformers

    require_transformers()
    TransformerNER(model)  # FileNotFoundError now rather than at the first doc
    nlp = spacy.blank("en")
    nlp.add_pipe("cartmine_sentences")
    nlp.add_pipe("cartmine_transformer_ner", config={"model_path": str(model)})
    return spacy_predictor(nlp, batch_size=64)


def evaluate_backend(
    name: str,
    predictor: SpanPredictor,
    sentences: Sequence[Sentence],
    sentences_per_doc: int,
    score_sentences_per_doc: int = 10,
    labels: Sequence[str] = LABELS,
) -> BackendResult:
    """Score on docs of ``score_sentences_per_doc`` sentences, then time docs of ``sentences_per_doc``."""
    # Warm-up on a few sentences so that lazy initialisation is not timed.
    evaluate_predictor(predictor, sentences[:20])
    evaluation = evaluate_predictor(
        predictor, sentences, score_sentences_per_doc, keep_labels=labels, model_name=name
    )
    docs_ps = sents_ps = None
    if sentences_per_doc == score_sentences_per_doc:
        docs_ps, sents_ps = evaluation.docs_per_second, evaluation.sentences_per_second
    elif sentences_per_doc > 1:
        timing = evaluate_predictor(predictor, sentences, sentences_per_doc, keep_labels=labels)
        docs_ps, sents_ps = timing.docs_per_second, timing.sentences_per_second
    return BackendResult(name, evaluation, docs_ps, sents_ps)


def format_table(results: Sequence[BackendResult], sentences_per_doc: int, score_sentences_per_doc: int = 10,
                 labels: Sequence[str] = LABELS) -> str:
    """One row per label x match x metric, one column per backend."""
    names = [r.name for r in results]
    width = max(12, *(len(n) + 2 for n in names))
    lines = [f"{'':<28}" + "".join(f"{n:>{width}}" for n in names)]
    for label in (*labels, MICRO):
        for match in ("strict", "overlap"):
            for metric in ("precision", "recall", "f1"):
                cells = [getattr(getattr(r.evaluation.scores, match)[label], metric) for r in results]
                lines.append(f"{label + ' ' + match + ' ' + metric:<28}" + "".join(f"{c:>{width}.4f}" for c in cells))
    lines.append(f"{f'sentences/s ({score_sentences_per_doc}/doc, scoring)':<28}" + "".join(
        f"{r.evaluation.sentences_per_second:>{width}.1f}" for r in results))
    if sentences_per_doc > 1:
        lines.append(f"{f'docs/s ({sentences_per_doc} sents/doc)':<28}" + "".join(
            f"{r.docs_per_second or 0:>{width}.1f}" for r in results))
        lines.append(f"{f'sentences/s ({sentences_per_doc}/doc)':<28}" + "".join(
            f"{r.sentences_per_second_in_docs or 0:>{width}.1f}" for r in results))
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--backend", choices=("spacy", "transformer", "all"), default="all")
    parser.add_argument("--corpus", choices=tuple(CORPUS_DIRS), default="bc5cdr",
                        help="bc5cdr (Disease, Chemical) or ncbi (NCBI-disease: Disease only; no test split here)")
    parser.add_argument("--split", choices=tuple(SPLIT_FILES), default="test")
    parser.add_argument("--data-dir", type=Path, default=None, help="corpus folder (default: shared data)")
    parser.add_argument("--spacy-model", type=Path, default=MODELS_DIR / "ner_bc5cdr")
    parser.add_argument("--transformer-model", type=Path, default=MODELS_DIR / "ner_minilm")
    parser.add_argument("--sentences-per-doc", type=int, default=10, help="doc size for docs/s (1: skip)")
    parser.add_argument("--score-sentences-per-doc", type=int, default=10,
                        help="sentences per document in the scoring pass (default 10, about an abstract)")
    parser.add_argument("--no-abbreviations", action="store_true",
                        help="leave out the +abbr columns (backend followed by cartmine_ner_abbreviations)")
    parser.add_argument("--limit", type=int, default=0, help="only the first N sentences (smoke tests)")
    parser.add_argument("--json", type=Path, default=None, help="also write the results here")
    args = parser.parse_args(argv)

    path = (args.data_dir or CORPUS_DIRS[args.corpus]()) / SPLIT_FILES[args.split]
    labels = CORPUS_LABELS[args.corpus]
    if not path.exists():
        print(f"{args.corpus} {args.split} split not found at {path} (set CARTMINE_SHARED)", file=sys.stderr)
        return 2
    sentences = read_iob(path)
    if args.limit:
        sentences = sentences[: args.limit]

    loaders: dict[str, Callable[[], SpanPredictor]] = {
        "spacy": lambda: load_spacy(args.spacy_model),
        "transformer": lambda: load_transformer(args.transformer_model),
    }
    wanted = list(loaders) if args.backend == "all" else [args.backend]
    results: list[BackendResult] = []
    for name in wanted:
        try:
            predictor = loaders[name]()
        except (ImportError, FileNotFoundError, OSError) as err:
            print(f"[skip] {name}: {err}", file=sys.stderr)
            continue
        variants = [(name, predictor)]
        if not args.no_abbreviations:
            variants.append((f"{name}+abbr", with_abbreviation_labels(predictor)))
        for label, variant in variants:
            print(f"[run] {label} on {len(sentences)} {args.split} sentences", file=sys.stderr, flush=True)
            results.append(evaluate_backend(
                label, variant, sentences, args.sentences_per_doc, args.score_sentences_per_doc, labels
            ))
    if not results:
        print("no backend could be evaluated", file=sys.stderr)
        return 1

    print(f"{args.corpus} {args.split}: {len(sentences)} sentences, mention-level scores "
          f"(strict = exact span + label; overlap = shared token + label); "
          f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}")
    print(format_table(results, args.sentences_per_doc, args.score_sentences_per_doc, labels))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        payload = {
            "corpus": args.corpus,
            "split": args.split,
            "file": str(path),
            "backends": {
                r.name: {
                    **r.evaluation.to_dict(),
                    "docs_per_second_in_docs": r.docs_per_second,
                    "sentences_per_second_in_docs": r.sentences_per_second_in_docs,
                    "sentences_per_doc": args.sentences_per_doc,
                    "score_sentences_per_doc": args.score_sentences_per_doc,
                }
                for r in results
            },
        }
        args.json.write_text(json.dumps(payload, indent=2), encoding="utf8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
