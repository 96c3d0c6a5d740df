"""Trial-result wording (issue #15): the effects, effects_null, effects_fallback and effects_exclude
groups of outcomes.yaml, on abstract-like sentences the team wrote."""

from __future__ import annotations

import pytest

from cartmine.components.context import NULL_EFFECT_RULES
from cartmine.components.outcomes import OutcomeMatcher
from cartmine.extensions import mention_spans
from cartmine.rules import load_rules


@pytest.fixture(scope="module")
def rules_nlp(rule_pipeline):
    """Only the rule components: sentence roles, outcomes and negation/hedging."""
    return rule_pipeline("cartmine_sentences", "cartmine_boilerplate", "cartmine_outcomes", "cartmine_context")


def types(nlp, text: str) -> set[str]:
    return {s._.norm for s in mention_spans(nlp(text), "OUTCOME")}


def test_effect_groups_are_loaded():
    matcher = OutcomeMatcher("outcomes.yaml")
    ids = {r.id for r in matcher.rules}
    assert {"effect_burden_lowered", "null_not_effective"} <= ids
    assert "effect_comparative_efficacy" in {r.id for r in matcher.fallback_rules}
    assert "effect_aspired_benefit" in {r.id for r in matcher.exclusions}
    # every null rule is a null-effect rule for the partial-null check
    assert {r.id for r in load_rules("outcomes.yaml", "effects_null")} <= NULL_EFFECT_RULES


@pytest.mark.parametrize(("text", "expected"), [
    ("RESULTS The spray significantly reduced the frequency of migraine attacks (p < 0.01).", {"improvement"}),
    ("CONCLUSIONS Zinc shortened the duration of the common cold.", {"improvement"}),
    ("CONCLUSIONS The gel was superior to placebo for itch.", {"improvement"}),
    ("CONCLUSIONS Drug A was more effective than drug B for knee pain.", {"improvement"}),
    ("CONCLUSIONS The lozenges were not effective in adults with a cold.", {"no_response"}),
    ("RESULTS There was no significant difference between the active and placebo groups in pain.", {"no_response"}),
])
def test_result_wording(rules_nlp, text, expected):
    assert types(rules_nlp, text) == expected


def test_methods_and_aims_report_no_effect(rules_nlp):
    assert types(rules_nlp, "METHODS We tested whether the spray significantly reduced the frequency of "
                            "migraine attacks. RESULTS Adverse events were mild.") == set()
    assert types(rules_nlp, "We sought to determine whether the gel was superior to placebo for itch.") == set()


def test_null_on_some_endpoints_keeps_improvement_only(rules_nlp):
    found = types(rules_nlp, "RESULTS The drug significantly reduced pain. "
                             "There was no significant difference between the drug and placebo groups in fatigue.")
    assert found == {"improvement"}


def test_generic_efficacy_yields_to_a_specific_outcome(rules_nlp):
    found = types(rules_nlp, "RESULTS The overall response rate was 60%. Drug A was more effective than drug B.")
    assert found == {"response"}
