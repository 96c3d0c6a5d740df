"""Trial-result wording (issue #15): the effects, effects_null, effects_fallback and effects_exclude
groups of outcomes.yaml, on abstract-like sentences the team wrote."""

from __future__ import annotations

import pytest

from cartmine.components.context import null_effect_rules
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
    assert {r.id for r in load_rules("outcomes.yaml", "effects_null")} <= null_effect_rules("outcomes.yaml")


CUSTOM_OUTCOMES = """
rules:
  - {id: my_better, label: improvement, pattern: 'got better', examples: ['They got better.']}
effects_null:
  - {id: my_null, label: no_response, pattern: 'did nothing', examples: ['The pill did nothing.']}
"""


def test_context_reads_the_configured_outcome_rules(tmp_path, rule_pipeline):
    """The partial-null check uses the null rules of the outcome rules file in the config, not
    the packaged default: a custom file's null rule is honoured, the default ones are not."""
    custom = tmp_path / "my_outcomes.yaml"
    custom.write_text(CUSTOM_OUTCOMES, encoding="utf-8")
    nlp = rule_pipeline()
    nlp.add_pipe("cartmine_context", config={"outcome_rules_file": str(custom)})
    annotator = nlp.get_pipe("cartmine_context")
    assert "my_null" in annotator.null_effect_rules
    assert "null_not_effective" not in annotator.null_effect_rules
    # a file without an effects_null section adds no null rule
    bare = tmp_path / "bare.yaml"
    bare.write_text(CUSTOM_OUTCOMES.split("effects_null")[0], encoding="utf-8")
    assert null_effect_rules(str(bare)) == {"no_effect"}


def test_pipeline_config_links_context_to_outcome_rules():
    """pipeline.cfg gives the context the outcomes' own rules file (one setting, one place)."""
    from thinc.api import Config

    from cartmine.pipeline import DEFAULT_CONFIG_PATH
    config = Config().from_disk(DEFAULT_CONFIG_PATH, overrides={"components.outcomes.rules_file": "custom.yaml"})
    assert config["components"]["context"]["outcome_rules_file"] == "custom.yaml"


@pytest.mark.parametrize(("text", "expected"), [
    ("RESULTS The spray significantly reduced the frequency of migraine attacks (p < 0.01).", {"improvement"}),
    ("CONCLUSIONS Zinc shortened the duration of the common cold.", {"improvement"}),
    ("CONCLUSIONS The gel was superior to placebo for itch.", {"improvement"}),
    ("CONCLUSIONS Drug A was more effective than drug B for knee pain.", {"improvement"}),
    ("CONCLUSIONS The lozenges were not effective in adults with a cold.", {"no_response"}),
    ("RESULTS There was no significant difference between the active and placebo groups in pain.", {"no_response"}),
    # a burden measure falling (burden_measure_fell) and a lasting effect (benefit_sustained), in general-medicine
    # wording written for round 15: neither names "improve", a score or a comparison with placebo
    ("RESULTS Weekly attack frequency fell from five to two in the children given the syrup.", {"improvement"}),
    ("RESULTS Among adults on the patch, their back pain dropped by a third within a month.", {"improvement"}),
    ("CONCLUSIONS The effect of the inhaler on night-time symptoms was maintained through the second year.", {"improvement"}),
    # round 16 (improve16): favourable results that name no improvement word, team-written paraphrases of the
    # classes missed on half A+B: a lowered disease-activity score, a shorter illness, a significantly better
    # arm, an efficacy rate, a treatment claimed useful, patients who may benefit from a treatment
    ("RESULTS The antibody lowered disease-activity scores in most of the treated patients.", {"improvement"}),
    ("RESULTS The duration of labour was significantly shorter in the women who walked about.", {"improvement"}),
    ("RESULTS The pregnancy rate per cycle was significantly better with the hormone (19 versus 9).", {"improvement"}),
    ("RESULTS The total effective rate was 90% in the treatment group, higher than in the control group.", {"improvement"}),
    ("CONCLUSIONS The tablet could be a useful addition to the drugs for the treatment of high triglycerides.",
     {"improvement"}),
    ("CONCLUSIONS Children of smoking parents may benefit from inhaled steroid treatment.", {"improvement"}),
    ("CONCLUSIONS The single bolus was non-inferior to the infusion in adults with stroke.", {"improvement"}),
    ("RESULTS Overall survival was significantly better in the combined arm.", set()),
    ("METHODS The total effective rate was compared between the groups.", set()),
    ("Future work will identify the patients who may benefit from the tablet.", set()),
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


def test_falls_and_lasting_effects_outside_burden_stay_silent(rules_nlp):
    """A falling count that is no clinical burden, a vaccine's lasting efficacy (prevention) and a survival
    benefit give no improvement from the two round-15 rules."""
    assert types(rules_nlp, "RESULTS Hospital admissions per ward fell from nine to four over the year.") == set()
    assert "burden_measure_fell" not in fired_ids("RESULTS Migraine days were logged in a diary by every patient.")
    assert "benefit_sustained" not in fired_ids("CONCLUSIONS The survival benefit in the older group was maintained.")


def fired_ids(text: str) -> set[str]:
    fired: set[str] = set()
    OutcomeMatcher("outcomes.yaml", None, 0.0).find(text, fired=fired)
    return fired


def test_generic_efficacy_yields_to_a_specific_outcome(rules_nlp):
    found = types(rules_nlp, "RESULTS The overall response rate was 60%. Drug A was more effective than drug B.")
    assert found == {"response"}


def _source_types(nlp, text: str, source: str | None) -> set[str]:
    """Outcome types of ``text`` read as a document whose contract ``source`` is ``source``."""
    doc = nlp.make_doc(text)
    doc._.source = source
    for _name, proc in nlp.pipeline:
        doc = proc(doc)
    return {s._.norm for s in mention_spans(doc, "OUTCOME")}


@pytest.mark.parametrize(("source", "expected"), [
    ("news", {"remission", "improvement"}),
    ("abstract", {"remission"}),
    (None, {"remission"}),
])
def test_press_release_efficacy_claim_stands_beside_a_specific_outcome(rules_nlp, source, expected):
    """A press release's "the creams are effective" is a claim of its own (summary_sources in
    pipeline.cfg); an abstract's sums up the remission it reports and yields to it."""
    text = ("A three-year trial found that two skin creams are effective against early skin cancer. "
            "About 70% of the treated patients were tumour free after three years.")
    assert _source_types(rules_nlp, text, source) == expected


def test_extractor_passes_the_document_source(nlp):
    from cartmine.document import InputDocument
    from cartmine.extractor import Extractor

    extractor = Extractor(nlp)
    doc = extractor._make_doc(InputDocument(id="n1", text="A short text.", source="news"))
    assert doc._.source == "news"


def test_exclusions_read_through_bracketed_short_forms():
    """A bracketed abbreviation between an exclusion's cue and its head ("treatment (XYZ) for
    pneumonia") does not stop the exclusion; the same infection as an event stays an outcome."""
    matcher = OutcomeMatcher("outcomes.yaml", None, 0.0)
    fired: set[str] = set()
    found = matcher.find("Spinal manipulation treatment (SMT) for pneumonia shortened hospital stays.", fired=fired)
    assert not [r for _, _, r in found if getattr(r, "label", r) == "infection"]
    assert "infection_as_treated_disease" in fired
    found = matcher.find("Two patients (PT) had pneumonia after the infusion.")
    assert [r for _, _, r in found if getattr(r, "label", r) == "infection"]


def test_a_measured_change_reports_a_result_despite_an_assessment_cue(rules_nlp):
    """"X fell from 4.2 to 0.3" says what happened: the sentence keeps its outcomes although "was documented at"
    alone marks a sentence that only says how something was assessed."""
    assert types(rules_nlp, "Proteinuria fell from 4.2 g/day to 0.3 g/day by month 3, and complete remission was "
                            "documented at month 6.") == {"improvement", "complete_remission"}
    assert types(rules_nlp, "Complete remission was documented at month 6 by biopsy.") == set()
