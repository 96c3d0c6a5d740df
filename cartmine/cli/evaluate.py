"""``cartmine evaluate GOLD.jsonl [--pred PRED.jsonl] [--details] [--json]``.

Scores extraction output against a gold file with the contract's rules
(:mod:`cartmine.evaluation.contract_scorer`, which agrees with the referee
script). Without ``--pred`` it runs the extractor on the gold documents first,
so one command answers "how good is the pipeline on this gold set right now".
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from cartmine.evaluation.contract_scorer import score
from cartmine.evaluation.gold_files import read_jsonl, validate_gold


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``evaluate`` sub-command."""
    parser = subparsers.add_parser(
        "evaluate",
        help="score extraction output against a gold JSONL file (record contract, section 4)",
        description="Score predictions against a gold file. Without --pred, the extractor is run "
                    "on the gold documents (their gold field is ignored).",
    )
    parser.add_argument("gold", type=Path, help="gold JSONL (input fields + 'gold' object)")
    parser.add_argument("--pred", type=Path, default=None,
                        help="predictions JSONL as 'cartmine extract' writes it; default: run the extractor")
    parser.add_argument("--details", action="store_true",
                        help="list every false positive and false negative per document and field")
    parser.add_argument("--json", action="store_true", help="print the scores as JSON (referee's --json shape)")
    parser.add_argument("--write-pred", type=Path, default=None, metavar="PATH",
                        help="when running the extractor, also save its output here")
    parser.set_defaults(func=run)


def predict(gold_rows: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Run the extractor on gold documents and return contract output lines.

    Imported lazily because loading the spaCy pipeline is slow and not needed
    when predictions are given.
    """
    from cartmine.document import InputDocument
    from cartmine.extractor import Extractor

    documents = [InputDocument.from_dict(dict(row)) for row in gold_rows]
    return [result.to_dict() for result in Extractor().process(documents)]


def write_jsonl(rows: Iterable[Mapping[str, Any]], path: Path) -> None:
    """Write one JSON object per line, creating the folder if needed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")


def run(args: argparse.Namespace) -> int:
    """Score and print; returns 0 (scores are information, not a pass/fail verdict)."""
    try:
        gold_rows = read_jsonl(args.gold)
    except (OSError, ValueError) as exc:
        print(f"cartmine evaluate: cannot read gold file: {exc}", file=sys.stderr)
        return 2
    problems = validate_gold(gold_rows)
    if problems:
        # Scoring an invalid gold file gives misleading numbers; say so but still score what can be.
        print(f"warning: {args.gold} has {len(problems)} gold problem(s), e.g. {problems[0]}", file=sys.stderr)
    if args.pred is not None:
        try:
            pred_rows = read_jsonl(args.pred)
        except (OSError, ValueError) as exc:
            print(f"cartmine evaluate: cannot read predictions: {exc}", file=sys.stderr)
            return 2
    else:
        pred_rows = predict(gold_rows)
        if args.write_pred is not None:
            write_jsonl(pred_rows, args.write_pred)
    report = score(gold_rows, pred_rows)
    if args.json:
        out: dict[str, Any] = report.to_dict()
        if args.details:
            out["details"] = [
                {"doc_id": d.doc_id, "missing_prediction": d.missing_prediction,
                 "fields": {name: {"fp": e.false_positives, "fn": e.false_negatives}
                            for name, e in d.fields.items()}}
                for d in report.documents
            ]
        print(json.dumps(out))
    else:
        print(report.format_table())
        if args.details:
            details = report.format_details()
            print()
            print(details if details else "no false positives or false negatives")
    return 0
