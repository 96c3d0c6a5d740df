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


def test_trained_volunteers_give_no_efficacy(matcher):
    text = ("Effects of a berry extract on markers of stress. Twenty trained cyclists took the extract "
            "or placebo for six weeks. Markers of muscle damage improved with the extract.")
    assert "improvement" not in outcome_types(matcher, text)


def test_sleep_deprivation_design_gives_no_efficacy(matcher):
    text = ("Caffeine and attention across a night awake. Sixteen adults stayed awake for one night "
            "after sleep deprivation began. Attention improved with caffeine compared with placebo.")
    assert "improvement" not in outcome_types(matcher, text)


def test_safety_event_in_volunteers_is_kept(matcher):
    text = ("A new antibody in healthy volunteers. Thirty healthy adult volunteers received one dose. "
            "One volunteer died of sepsis after the infusion.")
    assert "death" in outcome_types(matcher, text)


def test_patients_in_the_study_keep_their_outcomes(matcher):
    text = ("Effects of a berry extract on markers of stress. Twenty trained cyclists and twenty patients "
            "with heart disease took the extract. Symptoms improved with the extract.")
    assert "improvement" in outcome_types(matcher, text)


def test_healthy_volunteers_undergoing_surgery_keep_their_outcomes(matcher):
    text = ("Two painkillers after minor surgery. Forty healthy volunteers undergoing day-case surgery "
            "took one or the other. Pain improved with the first.")
    assert "improvement" in outcome_types(matcher, text)
