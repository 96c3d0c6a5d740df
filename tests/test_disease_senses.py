"""Disease words used in another sense (resources/disease_senses.yaml): team-written sentences only."""

from __future__ import annotations

import pytest

from cartmine.kb.disease_senses import OtherSenses, other_senses
from cartmine.rules import load_yaml

RECORDS = load_yaml("disease_senses.yaml")["senses"]


def disease_texts(nlp, text: str) -> list[str]:
    """Lower-cased texts of the linked DISEASE mentions (the ones the contract reports)."""
    doc = nlp(text)
    return [s.text.lower() for s in doc.spans.get("DISEASE", []) if s.kb_id_]


def _mentions_head(texts: list[str], heads: set[str]) -> bool:
    return any(t.replace("-", " ").split()[-1] in heads for t in texts)


@pytest.mark.parametrize("record", RECORDS, ids=[r["id"] for r in RECORDS])
def test_record_examples_name_no_disease(nlp, record):
    heads = set(record["heads"])
    for sentence in record["examples"]:
        assert not _mentions_head(disease_texts(nlp, sentence), heads), sentence


@pytest.mark.parametrize("record", RECORDS, ids=[r["id"] for r in RECORDS])
def test_record_counterexamples_still_name_the_disease(nlp, record):
    heads = set(record["heads"])
    for sentence in record.get("counterexamples") or []:
        assert _mentions_head(disease_texts(nlp, sentence), heads), sentence


def test_records_have_examples_and_counterexamples():
    for record in RECORDS:
        assert record["id"] and record["label"] == "not_disease" and record["heads"]
        assert record.get("examples") and record.get("counterexamples"), record["id"]
        assert record.get("before") or record.get("after") or record.get("after_of"), record["id"]


def test_rule_ids_and_cue_positions():
    senses = other_senses()
    text = "Neither drug caused depression of left ventricular function."
    start = text.index("depression")
    assert senses.other_sense(text, start, start + len("depression")) == "depression_physiological"
    text = "Patients with respiratory symptoms and depression were seen."
    start = text.index("depression")
    assert senses.other_sense(text, start, start + len("depression")) is None  # "and": another noun's cue
    text = "Cardiac arrest occurred. Depression was common afterwards."
    start = text.index("Depression")
    assert senses.other_sense(text, start, start + len("Depression")) is None  # cue in the sentence before


def test_a_record_without_cues_matches_nothing():
    senses = OtherSenses({"senses": [{"id": "x", "heads": ["ischemia"]}]})
    text = "warm ischemia time"
    assert senses.other_sense(text, 5, 13) is None


def test_major_depression_stays_major_depressive_disorder(nlp):
    found = nlp("Patients with major depression received sertraline; respiratory depression did not occur.")
    linked = [(s.text, s.kb_id_) for s in found.spans.get("DISEASE", []) if s.kb_id_]
    assert linked == [("major depression", "DOID:1470")]


def test_procedure_before_or_is_no_conjunct_of_a_disease(nlp):
    texts = disease_texts(nlp, "Cystitis may follow previous irradiation or bacterial cystitis.")
    assert "irradiation" not in texts and texts
    # a real modifier before "or" still shares the head
    assert "colon" in disease_texts(nlp, "Patients with colon or breast cancer were enrolled.")


def test_normal_glucose_tolerance_is_no_intolerance(nlp):
    assert disease_texts(nlp, "Women with normal glucose tolerance served as controls.") == []
    assert "impaired glucose tolerance" in disease_texts(nlp, "Ten adults had impaired glucose tolerance.")



def test_proposed_record_covers_every_lookup_lay_term(nlp):
    """The ``scope: proposed`` records are checked on NER-proposed "lookup" lay terms: each such term's
    head must have one, or the term would lose the check it has always had."""
    senses = other_senses()
    lookup_only = nlp.get_pipe("diseases").lexicon.lookup_only
    assert lookup_only
    for key in lookup_only:
        assert senses.proposed_other_sense(key, "with ST segment elevation or ") is not None, key


@pytest.mark.parametrize(("before", "cued"), [
    ("Attacks with ST segment elevation or ", True),   # "or" may come between
    ("opioids cause respiratory ", True),
    ("Patients with respiratory symptoms and ", True),  # the proposed scope reaches across "and"
    ("Cardiac rehabilitation was offered; ", False),    # not across ";"
    ("Cardiac arrest occurred. ", False),               # nor across "."
    ("Cardiac patients who joined the walking group reported less ", False),  # over 30 characters
    ("patients with a history of ", False),
])
def test_proposed_scope_reach(before, cued):
    assert (other_senses().proposed_other_sense("depression", before) is not None) is cued


def test_proposed_records_are_not_checked_on_other_mentions():
    text = "Attacks with ST segment elevation or depression were recorded."
    start = text.index("depression")
    assert other_senses().other_sense(text, start, start + len("depression")) is None
