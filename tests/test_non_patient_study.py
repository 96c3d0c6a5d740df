"""Studies of people with no disease to treat (healthy or trained volunteers, a night of sleep
deprivation, women seeking contraception) report no efficacy outcome, even when the title does not
say so; safety events in them are still reported, and a study that also names patients keeps its
outcomes (outcomes.yaml non_patient_sentence / patient_sentence rules). Team-written sentences."""

from __future__ import annotations

import pytest

from cartmine.components.outcomes import OutcomeMatcher


@pytest.fixture(scope="module")
def matcher() -> OutcomeMatcher:
    return OutcomeMatcher("outcomes.yaml")


def outcome_types(matcher: OutcomeMatcher, text: str) -> set[str]:
    """Outcome labels that ``find`` keeps (no learned sentence score: plain-text sentences)."""
    return {r if isinstance(r, str) else r.label for _, _, r in matcher.find(text, fired=set(), score_sentences=False)}


@pytest.mark.parametrize(("text", "outcome", "kept"), [
    # trained volunteers: no efficacy
    ("Effects of a berry extract on markers of stress. Twenty trained cyclists took the extract "
     "or placebo for six weeks. Markers of muscle damage improved with the extract.", "improvement", False),
    # a sleep-deprivation design: no efficacy
    ("Caffeine and attention across a night awake. Sixteen adults stayed awake for one night "
     "after sleep deprivation began. Attention improved with caffeine compared with placebo.", "improvement", False),
    # a safety event in volunteers is still one
    ("A new antibody in healthy volunteers. Thirty healthy adult volunteers received one dose. "
     "One volunteer died of sepsis after the infusion.", "death", True),
    # patients in the study keep their outcomes
    ("Effects of a berry extract on markers of stress. Twenty trained cyclists and twenty patients "
     "with heart disease took the extract. Symptoms improved with the extract.", "improvement", True),
    # healthy volunteers undergoing surgery are patients with a condition
    ("Two painkillers after minor surgery. Forty healthy volunteers undergoing day-case surgery "
     "took one or the other. Pain improved with the first.", "improvement", True),
], ids=["trained-volunteers", "sleep-deprivation", "safety-in-volunteers", "patients-too", "volunteers-in-surgery"])
def test_non_patient_studies(matcher, text, outcome, kept):
    assert (outcome in outcome_types(matcher, text)) is kept
