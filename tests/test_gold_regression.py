"""Guard against extraction regressions on the team gold corpus.

The baseline (``corpora/gold/baseline.json``) is recorded on purpose with
``scripts/eval_gold.py --record-baseline``; this test fails when any field's F1
falls more than ``TOLERANCE`` below it, so that a change that helps one field
cannot silently hurt another. It runs the full pipeline, hence ``slow``.
"""

from __future__ import annotations

import json

import pytest

from cartmine.evaluation.contract_scorer import score
from cartmine.evaluation.gold_files import read_jsonl
from cartmine.paths import PROJECT_DIR

GOLD = PROJECT_DIR / "corpora" / "gold" / "gold.jsonl"
BASELINE = PROJECT_DIR / "corpora" / "gold" / "baseline.json"
#: Allowed F1 drop per field; small enough to catch a real regression, large enough for one flipped item.
TOLERANCE = 0.02


@pytest.mark.slow
def test_no_field_drops_below_baseline() -> None:
    if not BASELINE.is_file():
        pytest.skip(f"no baseline yet: record one with 'python scripts/eval_gold.py --record-baseline' "
                    f"(expected at {BASELINE})")
    if not GOLD.is_file():
        pytest.skip(f"team gold corpus missing at {GOLD}")
    from cartmine.document import InputDocument
    from cartmine.extractor import Extractor

    baseline = json.loads(BASELINE.read_text(encoding="utf-8"))["f1"]
    gold = read_jsonl(GOLD)
    predictions = [r.to_dict() for r in Extractor().process(InputDocument.from_dict(row) for row in gold)]
    current = score(gold, predictions).f1_by_field()
    drops = {name: (was, current.get(name, 0.0)) for name, was in baseline.items()
             if current.get(name, 0.0) < was - TOLERANCE}
    assert not drops, "F1 fell below the baseline: " + ", ".join(
        f"{name} {was:.3f} -> {now:.3f}" for name, (was, now) in drops.items())
