"""The ``cartmine evaluate-ner`` sub-command: mention-level NER scores on an IOB/CoNLL file.

Why a sub-command: anyone retraining or swapping the NER model (or pointing the
pipeline at another one) needs the same strict and overlap numbers the model
card reports, without writing code. Scoring lives in
:mod:`cartmine.evaluation.ner_predictors` and ``ner_scoring``; this module only parses arguments and prints.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from cartmine.paths import model_dir

DEFAULT_MODEL = model_dir("ner_bc5cdr")

EXAMPLES = """\
examples:
  cartmine evaluate-ner ../shared/data/ner/bc5cdr/devel.tsv
  cartmine evaluate-ner test.tsv --model models/ner_bc5cdr --json > ner_scores.json
  cartmine evaluate-ner test.tsv --sentences-per-doc 10   # time abstract-sized docs
  cartmine evaluate-ner test.tsv --sentences-per-doc 10 --abbreviations   # as the pipeline runs it
"""


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``evaluate-ner`` to the ``cartmine`` command."""
    parser = subparsers.add_parser(
        "evaluate-ner",
        help="score a spaCy NER model on an IOB/CoNLL TSV file (strict and overlap P/R/F1)",
        description=(
            "Run a spaCy NER model over the gold tokens of an IOB/CoNLL file (one token per line, "
            "token in the first column, tag in the last, blank line between sentences) and print "
            "mention-level precision, recall and F1 per label and micro-averaged, both strict "
            "(exact boundaries and label) and overlap (any shared token and same label)."
        ),
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("file", type=Path, metavar="FILE.tsv", help="gold IOB/CoNLL file")
    parser.add_argument(
        "--model", type=Path, default=DEFAULT_MODEL, help=f"spaCy pipeline directory (default: {DEFAULT_MODEL})"
    )
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    parser.add_argument(
        "--sentences-per-doc", type=int, default=1, help="sentences per Doc when running the model (default 1)"
    )
    parser.add_argument("--batch-size", type=int, default=256, help="nlp.pipe batch size (default 256)")
    parser.add_argument(
        "--abbreviations",
        action="store_true",
        help="follow the model with cartmine's abbreviation step (short forms defined in a doc take "
        "their long form's label); use with --sentences-per-doc > 1 so definitions are in reach",
    )
    parser.add_argument(
        "--all-labels",
        action="store_true",
        help="also count predicted labels absent from the gold file (default: ignore them)",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Evaluate and print; returns 0, or 2 when the file or model is missing."""
    import spacy

    from cartmine.evaluation.ner_predictors import (
        evaluate_predictor,
        spacy_predictor,
        with_abbreviation_labels,
    )
    from cartmine.evaluation.ner_reading import read_iob
    from cartmine.evaluation.ner_scoring import format_scores

    if not args.file.exists():
        print(f"error: no such file: {args.file}", file=sys.stderr)
        return 2
    if not Path(args.model).exists():
        print(f"error: no model at {args.model} (train it with scripts/train_ner.py)", file=sys.stderr)
        return 2
    sentences = read_iob(args.file)
    nlp = spacy.load(args.model)
    gold_labels = {span.label for sent in sentences for span in sent.spans}
    predictor = spacy_predictor(nlp, args.batch_size)
    if args.abbreviations:
        predictor = with_abbreviation_labels(predictor)
    evaluation = evaluate_predictor(
        predictor,
        sentences,
        sentences_per_doc=args.sentences_per_doc,
        keep_labels=None if args.all_labels else gold_labels,
        model_name=str(args.model),
    )
    if args.json:
        print(json.dumps({"file": str(args.file), **evaluation.to_dict()}, indent=2))
        return 0
    print(format_scores(evaluation.scores, title=f"{args.model} on {args.file}"))
    print(
        f"\n{evaluation.n_sentences} sentences in {evaluation.n_docs} docs, {evaluation.seconds:.1f}s: "
        f"{evaluation.sentences_per_second:.0f} sentences/s, {evaluation.docs_per_second:.0f} docs/s"
    )
    return 0
