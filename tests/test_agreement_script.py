"""scripts/eval_agreement.py: a gold row turned into a prediction must score as what it is."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

from cartmine.evaluation.contract_scorer import score

ROOT = Path(__file__).resolve().parents[1]
SECOND = sorted((ROOT / "corpora" / "gold-real" / "agreement").glob("*.jsonl"))


@pytest.fixture(scope="module")
def agreement():
    spec = importlib.util.spec_from_file_location("eval_agreement_script", ROOT / "scripts" / "eval_agreement.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


ROW = {"id": "d1", "title": "t", "text": "x", "source": "abstract", "gold": {
    "therapies": [{"name": "imatinib", "aliases": ["Gleevec"]}],
    "diseases": [{"name": "chronic myeloid leukemia", "ids": ["DOID:8552"]}],
    "outcomes": ["response", "death"],
    "durations": [{"months": 24, "kind": "follow_up", "qualifier": "median"}],
    "patient_counts": [40, 12], "sponsors": ["Novartis"],
    "records": [{"therapy": "imatinib", "disease": "DOID:8552", "outcome": "response", "negated": False},
                {"therapy": "imatinib", "disease": "DOID:8552", "outcome": "death", "negated": True}]}}


def test_a_gold_row_agrees_with_itself(agreement) -> None:
    report = score([ROW], [agreement.as_prediction(ROW)])
    assert all(report.fields[f].fp == 0 and report.fields[f].fn == 0 for f in report.fields)
    assert report.fields["records"].tp == 2


def test_a_changed_record_is_a_disagreement(agreement) -> None:
    other = json.loads(json.dumps(ROW))
    other["gold"]["records"][1]["negated"] = False
    report = score([ROW], [agreement.as_prediction(other)])
    assert (report.fields["records"].tp, report.fields["records"].fp, report.fields["records"].fn) == (1, 1, 1)


@pytest.mark.parametrize("path", SECOND, ids=[p.name for p in SECOND])
def test_second_annotations_are_valid_gold(path: Path) -> None:
    from cartmine.evaluation.gold_files import read_jsonl, validate_gold

    assert validate_gold(read_jsonl(path)) == []
