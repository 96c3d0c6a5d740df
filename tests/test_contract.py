"""The contract module is the one copy of the closed lists: the schema and the rule files agree with it."""

from __future__ import annotations

import json

import pytest

from cartmine import contract
from cartmine.rules import load_rules


def test_schema_enums_are_the_contract_lists() -> None:
    schema = contract.load_schema()
    assert schema["$defs"]["outcome"]["enum"] == list(contract.OUTCOMES)


def test_a_schema_that_drifts_from_the_contract_is_an_error(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    schema = json.loads(contract.SCHEMA_PATH.read_text())
    schema["$defs"]["outcome"]["enum"].append("cure")
    drifted = tmp_path / "schema.json"
    drifted.write_text(json.dumps(schema))
    monkeypatch.setattr(contract, "SCHEMA_PATH", drifted)
    with pytest.raises(ValueError, match="outcomes"):
        contract.load_schema()


def test_outcome_rules_name_only_contract_outcomes() -> None:
    for section in ("rules", "abbreviations"):
        assert {rule.label for rule in load_rules("outcomes.yaml", section)} <= set(contract.OUTCOMES)


def test_categories_follow_the_contract() -> None:
    assert {contract.category_of(o) for o in contract.SAFETY_OUTCOMES} == {"safety"}
    assert {contract.category_of(o) for o in contract.EFFICACY_OUTCOMES} == {"efficacy"}


@pytest.mark.parametrize(("a", "b"), [("Kyverna Therapeutics, Inc.", "Kyverna"), ("BMS", "BMS")])
def test_sponsor_key_is_the_referee_key(a: str, b: str) -> None:
    assert contract.sponsor_key(a) == contract.sponsor_key(b)


def test_therapy_key_drops_trademark_signs_and_agrees_with_the_referee_key() -> None:
    assert contract.therapy_key("Kymriah\u00ae") == contract.therapy_key("kymriah")
    for name in ("anti-CD19 CAR T", "cilta-cel", "KYV-101"):
        assert contract.therapy_key(name) == contract.comparison_key(name)
