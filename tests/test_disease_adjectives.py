"""Patient adjectives of one-word disease names (resources/disease_adjectives.yaml): team-written sentences only."""

from __future__ import annotations

import pytest

from cartmine.kb.disease_adjectives import AdjectiveMatcher, compounds, load_rule
from cartmine.rules import load_yaml

DATA = load_yaml("disease_adjectives.yaml")
RECORD = DATA["rules"][0]


def linked(nlp, text: str) -> list[tuple[str, str]]:
    """(lower-cased text, norm) of the linked DISEASE mentions (the ones the contract reports)."""
    doc = nlp(text)
    return [(s.text.lower(), s._.norm.lower()) for s in doc.spans.get("DISEASE", []) if s.kb_id_]


@pytest.mark.parametrize("example", RECORD["examples"], ids=[e[1] for e in RECORD["examples"]])
def test_examples_name_the_disease(nlp, example):
    sentence, disease = example
    assert any(disease in norm for _, norm in linked(nlp, sentence)), sentence


@pytest.mark.parametrize("sentence", RECORD["counterexamples"])
def test_counterexamples_name_no_disease(nlp, sentence):
    assert linked(nlp, sentence) == [], sentence


def test_record_has_examples_and_counterexamples():
    assert RECORD["id"] and RECORD["label"] == "disease" and RECORD["endings"] and RECORD["heads"]
    assert RECORD["examples"] and RECORD["counterexamples"]


def test_adjectives_are_derived_from_noun_endings():
    rule = load_rule(DATA)
    assert rule.adjective("hypertension") == "hypertensive"
    assert rule.adjective("asthma") == "asthmatic"
    assert rule.adjective("psoriasis") == "psoriatic"
    assert rule.adjective("epilepsy") == "epileptic"
    assert rule.adjective("anaemia") == "anaemic"
    assert rule.adjective("diabetes") == "diabetic"
    assert rule.adjective("autism") == "autistic"
    assert rule.adjective("obesity") == "obese"
    assert rule.adjective("gout") is None


def test_adjective_needs_a_population_or_predicative_context():
    matcher = AdjectiveMatcher(load_rule(DATA), [("asthma", "A"), ("ischemia", "I")])
    assert [p for *_, p in matcher.find("Asthmatic adults and asthmatics took part.")] == ["A", "A"]
    assert list(matcher.find("The ischemic period lasted an hour.")) == []
    assert [p for *_, p in matcher.find("Two of them were ischemic.")] == ["I"]


def test_an_adjective_two_diseases_share_is_dropped():
    matcher = AdjectiveMatcher(load_rule(DATA), [("epilepsy", "E"), ("epilepsis", "X")])
    assert "epileptic" not in matcher.adjectives


@pytest.mark.parametrize("example", DATA["compound_examples"], ids=[e[1] for e in DATA["compound_examples"]])
def test_compound_examples_name_the_disease(nlp, example):
    sentence, disease = example
    assert any(disease == norm for _, norm in linked(nlp, sentence)), sentence


@pytest.mark.parametrize("sentence", DATA["compound_counterexamples"])
def test_compound_counterexamples_name_no_disease(nlp, sentence):
    assert linked(nlp, sentence) == [], sentence


def test_compounds_offer_the_longer_name_first():
    found = list(compounds("Ten growth hormone-deficient women", {"deficient": "deficiency"}))
    assert [name for *_, name in found] == ["growth hormone deficiency", "hormone deficiency"]
    assert found[0][0] == 4
