#!/usr/bin/env python3
"""Why records are wrong: each false negative and false positive record, put down to its cause.

usage: python scripts/record_errors.py GOLD.jsonl [--details]

A record error is counted against the first step that explains it: the therapy, disease or outcome
type is missing from (or spurious in) the document's mentions, else the linker paired entities the
gold pairs otherwise ("linking"). Tune on dev files only; never run it with ``--details`` on a
test split.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cartmine.evaluation.contract_scorer import (
    describe_gold,
    describe_pred,
    disease_matches,
    match_document,
    therapy_matches,
)
from cartmine.evaluation.gold_files import read_jsonl


def _gold_disease(gold: dict[str, Any], doid: str | None) -> dict[str, Any] | None:
    return next((d for d in gold.get("diseases") or [] if doid in d["ids"]), None)


def missed_because(gold: dict[str, Any], record: dict[str, Any], mentions: list[dict[str, Any]]) -> str:
    """The cause of one false-negative record."""
    by = {label: [m for m in mentions if m["label"] == label] for label in ("THERAPY", "DISEASE", "OUTCOME")}
    therapy = next((t for t in gold.get("therapies") or [] if t["name"] == record["therapy"]),
                   {"name": record["therapy"], "aliases": []})
    if record["therapy"] is not None and not any(therapy_matches(therapy, m["norm"]) for m in by["THERAPY"]):
        return "therapy not found"
    if record["outcome"] not in {m["norm"] for m in by["OUTCOME"]}:
        return "outcome type not found"
    disease = _gold_disease(gold, record["disease"])
    if record["disease"] is not None and (
            disease is None or not any(disease_matches(disease, (m["id"], m["norm"])) for m in by["DISEASE"])):
        return "disease not found"
    return "linking"


def spurious_because(gold: dict[str, Any], pred: tuple) -> str:
    """The cause of one false-positive record."""
    therapy, disease_id, disease_name, outcome, _negated = pred
    if therapy is not None and not any(therapy_matches(t, therapy) for t in gold.get("therapies") or []):
        return "therapy not gold"
    if outcome not in set(gold.get("outcomes") or []):
        return "outcome type not gold"
    if disease_id is not None and not any(disease_matches(d, (disease_id, disease_name))
                                          for d in gold.get("diseases") or []):
        return "disease not gold"
    return "linking"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", type=Path)
    parser.add_argument("--details", action="store_true", help="list every record error with its cause")
    args = parser.parse_args(argv)

    from cartmine.document import InputDocument
    from cartmine.extractor import Extractor

    rows = read_jsonl(args.gold)
    results = Extractor().process(InputDocument.from_dict(row) for row in rows)
    causes: Counter[str] = Counter()
    for row, result in zip(rows, results, strict=True):
        pred = result.to_dict()
        gold = row["gold"]
        match = match_document(gold, pred)["records"]
        for record in match.unmatched_gold:
            cause = "FN " + missed_because(gold, record, pred["mentions"])
            causes[cause] += 1
            if args.details:
                print(row["id"], cause, describe_gold("records", record))
        for record in match.unmatched_pred:
            cause = "FP " + spurious_because(gold, record)
            causes[cause] += 1
            if args.details:
                print(row["id"], cause, describe_pred("records", record))
    for cause, n in causes.most_common():
        print(f"{n:4d}  {cause}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
