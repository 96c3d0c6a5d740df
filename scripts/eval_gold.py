#!/usr/bin/env python3
"""Score the current extractor on the team's gold corpus and on the shared dev set.

usage: python scripts/eval_gold.py [--record-baseline [--baseline PATH]] [--details] [--gold PATH]
                                  [--general] [--real] [--pool] [--real-test] [--check]

``--general`` adds ``corpora/gold/general.jsonl``, the team's general-medicine documents (trials and
news about treatments outside CAR-T, written in round 15; tune on them).

``--real`` adds the dev half of ``corpora/gold-real`` (real abstracts and press releases that the
team annotated; tune on it), ``--pool`` its second development file ``pool.jsonl`` (the rule
writers' review pool, annotated later; tune on it), ``--real-test`` its test half (report it,
never tune on it), ``--check`` the two held-out check sets written in round 14: ``corpora/gold/check.jsonl``
(32 CAR-T documents the team wrote and annotated without running cartmine) and
``corpora/gold-real/check.jsonl`` (63 real documents no rule writer had read, annotated blind), and the
set written in round 15, ``corpora/gold/check-general.jsonl`` (32 general-medicine documents, not CAR-T,
written and annotated the same blind way). Like test, they are scored by totals and never read by rule
writers.

Why a script and not only ``cartmine evaluate``: it loads the pipeline once for
both gold sets, and ``--record-baseline`` writes ``corpora/gold/baseline.json``,
the per-field F1 that ``tests/test_gold_regression.py`` guards against
regressions. Record a new baseline only on purpose, after an improvement has
been reviewed, never to make a failing regression test pass.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

PROJECT_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_DIR))

from cartmine import __version__  # noqa: E402 - needs the sys.path line above when run from a checkout
from cartmine.evaluation.contract_scorer import ScoreReport, score  # noqa: E402
from cartmine.evaluation.gold_files import read_jsonl  # noqa: E402
from cartmine.paths import dev_gold_path  # noqa: E402

CORPUS_GOLD = PROJECT_DIR / "corpora" / "gold" / "gold.jsonl"
BASELINE = PROJECT_DIR / "corpora" / "gold" / "baseline.json"
REAL_GOLD = PROJECT_DIR / "corpora" / "gold-real"


def evaluate(extractor: Any, gold_path: Path) -> ScoreReport:
    """Run ``extractor`` on the documents of a gold file and score its output."""
    from cartmine.document import InputDocument

    gold = read_jsonl(gold_path)
    results = extractor.process(InputDocument.from_dict(row) for row in gold)
    return score(gold, [r.to_dict() for r in results])


def baseline_payload(report: ScoreReport, gold_path: Path) -> dict[str, Any]:
    """What the regression test compares against: per-field F1 plus enough context to trust it."""
    return {
        "gold": str(gold_path.relative_to(PROJECT_DIR)) if gold_path.is_relative_to(PROJECT_DIR) else str(gold_path),
        "n_documents": report.n_documents,
        "cartmine_version": __version__,
        "recorded": dt.date.today().isoformat(),
        "f1": report.f1_by_field(),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=CORPUS_GOLD, help="team gold file (default: %(default)s)")
    parser.add_argument("--record-baseline", action="store_true",
                        help="write the team-gold F1 per field to the baseline file")
    parser.add_argument("--baseline", type=Path, default=BASELINE,
                        help="baseline file to write (default: %(default)s)")
    parser.add_argument("--details", action="store_true", help="also list false positives/negatives")
    parser.add_argument("--general", action="store_true",
                        help="also score corpora/gold/general.jsonl (team gold outside CAR-T)")
    parser.add_argument("--real", action="store_true", help="also score corpora/gold-real/dev.jsonl")
    parser.add_argument("--pool", action="store_true", help="also score corpora/gold-real/pool.jsonl (development)")
    parser.add_argument("--real-test", action="store_true", help="also score corpora/gold-real/test.jsonl")
    parser.add_argument("--check", action="store_true",
                        help="also score the held-out check sets (corpora/gold/check.jsonl, check-general.jsonl, corpora/gold-real/check.jsonl)")
    args = parser.parse_args(argv)

    from cartmine.extractor import Extractor

    extractor = Extractor()
    sets = [("team gold", args.gold)]
    dev = dev_gold_path()
    if dev.is_file():
        sets.append(("shared dev", dev))
    else:
        print(f"(shared dev set not found at {dev}; set CARTMINE_SHARED to include it)\n")
    if args.general:
        sets.append(("team gold (general medicine)", CORPUS_GOLD.parent / "general.jsonl"))
    if args.real:
        sets.append(("real-text dev", REAL_GOLD / "dev.jsonl"))
    if args.pool:
        sets.append(("real-text pool (dev)", REAL_GOLD / "pool.jsonl"))
    if args.real_test:
        sets.append(("real-text test", REAL_GOLD / "test.jsonl"))
    if args.check:
        sets.append(("team check (CAR-T, held out)", CORPUS_GOLD.parent / "check.jsonl"))
        sets.append(("real-text check (held out)", REAL_GOLD / "check.jsonl"))
        sets.append(("general check (held out)", CORPUS_GOLD.parent / "check-general.jsonl"))
    reports: dict[str, ScoreReport] = {}
    for label, path in sets:
        report = evaluate(extractor, path)
        reports[label] = report
        print(f"== {label}: {path} ({report.n_documents} documents)")
        print(report.format_table())
        if args.details:
            print()
            print(report.format_details())
        print()
    if args.record_baseline:
        payload = baseline_payload(reports["team gold"], args.gold)
        args.baseline.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
        print(f"baseline written to {args.baseline}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
