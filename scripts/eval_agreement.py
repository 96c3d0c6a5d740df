#!/usr/bin/env python3
"""Inter-annotator agreement: a second, independent annotation scored against the first.

usage: python scripts/eval_agreement.py SECOND.jsonl [SECOND.jsonl ...] [--first corpora/gold-real/pool.jsonl]

Each second annotation is turned into a prediction line (every gold item becomes a mention, every
gold record a record) and scored with the referee's rules against the first annotation of the
same document, then the other way round. The two directions differ only where one annotator lists
aliases or several DOIDs that the other's single name or id matches; both are printed. This is
the ceiling a perfect extractor could reach against one annotator, which is why the README sets
the extractor's real-text scores beside it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cartmine.evaluation.contract_scorer import score
from cartmine.evaluation.gold_files import read_jsonl


def _mention(label: str, norm: Any, ident: str | None = None, **attrs: Any) -> dict[str, Any]:
    return {"label": label, "text": str(norm), "norm": norm, "id": ident, "start": 0, "end": 0, "attrs": attrs}


def as_prediction(row: dict[str, Any]) -> dict[str, Any]:
    """A gold row in the prediction form the scorer reads: its items as mentions, its records as records."""
    gold = row["gold"]
    mentions = [_mention("THERAPY", t["name"]) for t in gold.get("therapies") or []]
    mentions += [_mention("DISEASE", d["name"], (d.get("ids") or [None])[0]) for d in gold.get("diseases") or []]
    mentions += [_mention("OUTCOME", o) for o in gold.get("outcomes") or []]
    mentions += [_mention("DURATION", None, months=float(d["months"]), kind=d["kind"])
                 for d in gold.get("durations") or []]
    mentions += [_mention("PATIENT_COUNT", str(n), n=int(n)) for n in gold.get("patient_counts") or []]
    mentions += [_mention("SPONSOR", s) for s in gold.get("sponsors") or []]
    names = {i: d["name"] for d in gold.get("diseases") or [] for i in d.get("ids") or []}
    records = [{"therapy": r["therapy"], "disease_id": r["disease"], "disease": names.get(r["disease"]),
                "outcome": r["outcome"], "negated": bool(r.get("negated"))} for r in gold.get("records") or []]
    return {"doc_id": row["id"], "mentions": mentions, "records": records}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("second", nargs="+", type=Path, help="second-annotation JSONL files")
    parser.add_argument("--first", type=Path, default=Path("corpora/gold-real/pool.jsonl"),
                        help="file holding the first annotation of the same documents")
    args = parser.parse_args(argv)
    second = [row for path in args.second for row in read_jsonl(path)]
    by_id = {row["id"]: row for row in read_jsonl(args.first)}
    missing = [row["id"] for row in second if row["id"] not in by_id]
    if missing:
        parser.error(f"not in {args.first}: {', '.join(missing)}")
    first = [by_id[row["id"]] for row in second]
    for title, gold, other in (("second scored against the first", first, second),
                               ("first scored against the second", second, first)):
        report = score(gold, [as_prediction(row) for row in other])
        print(f"== {title} ({report.n_documents} documents)")
        print(report.format_table())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
