"""Precision of the `response` type (and of progression and death) on wording the contract says
is no outcome: a biomarker's or a substance's response, answers and acts of a task or a survey,
a care plan that "progressed", an exposure linked with mortality, "PR" that is no partial response,
responder definitions and planned measures. Team-written paraphrases, each class on a wording
other than the rule's own examples, with the clinical wording beside it that must stay."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from cartmine.components.outcomes import ANALYTE_RESPONSE, OutcomeMatcher
from cartmine.extensions import mention_spans


@pytest.fixture(scope="module")
def matcher() -> OutcomeMatcher:
    return OutcomeMatcher("outcomes.yaml")


def outcome_types(matcher: OutcomeMatcher, text: str, analytes: Sequence[tuple[int, int]] = ()) -> set[str]:
    """Outcome labels that ``find`` keeps for a plain text (no learned sentence score)."""
    return {r if isinstance(r, str) else r.label
            for _, _, r in matcher.find(text, fired=set(), score_sentences=False, analytes=analytes)}


@pytest.mark.parametrize(("text", "outcome", "kept"), [
    # answers and acts: a survey answered, the answers of a task, a behaviour therapy's name
    ("Of 120 pharmacists sent the form, 80 responded to the questionnaire.", "response", False),
    ("The response rate for the online survey was 55%.", "response", False),
    ("Incorrect responses on the reading task fell after the lessons.", "response", False),
    ("Response latencies were slower after the sedative.", "response", False),
    ("Of 120 patients given the drug, 80 responded.", "response", True),
    # a test or stimulus answered with the verb; a substance measured in blood
    ("All volunteers responded to the hypoxic challenge with faster breathing.", "response", False),
    ("The plasma renin response to the diuretic was larger in older men.", "response", False),
    ("The serum levels and the clinical response improved together.", "response", True),
    # immune and dose responses with other wordings
    ("Vaccination responders kept protective titres for a year.", "response", False),
    ("A concentration-response curve was fitted for each drug.", "response", False),
    ("The immunogenic response to the two vaccines was alike.", "response", False),
    # "PR": an ECG interval and the progesterone receptor are no partial response
    ("Prolongation of the PR interval was seen in three patients.", "response", False),
    ("Cancers that were HER2 or PR positive were excluded.", "response", False),
    ("One patient reached a PR after four cycles.", "response", True),
    # a care plan moving on is no disease progressing
    ("Babies fed the new formula progressed to full oral feeding two days earlier.", "progression", False),
    ("The training intensity was progressed weekly.", "progression", False),
    ("The tumour progressed in two patients after the third cycle.", "progression", True),
    # an exposure linked with mortality is epidemiology; a treatment lowering deaths stays
    ("Regular walking was associated with a 20% lower risk of dying in the cohort.", "death", False),
    ("Mortality at one year was lower with the drug.", "death", True),
    # a responder definition and a planned measure are method; a result stays
    ("Children were counted as responders when their tics fell by a third.", "response", False),
    ("The follow-up study will monitor responses for five years.", "response", False),
    ("Seven of ten children were counted as responders at week 8.", "response", True),
    # a population that generically fails to respond is who a treatment is for
    ("Some people with the condition simply do not respond to the usual drugs.", "no_response", False),
    # how progressive a disease is describes it; what constituted progression defines it
    ("Patients with the variant have less slowly progressive disease than others.", "progression", False),
    ("A rise in the marker on two visits was considered biochemical progression.", "progression", False),
    ("Progressive disease was seen in 4 of 20 patients.", "progression", True),
    # prognosis told with the event first, and analyses still to come
    ("Relapse in the first year could be predicted from the baseline scan.", "relapse", False),
    ("Work is ongoing for response in the second cohort.", "response", False),
    ("Relapse in the first year was less common with the drug.", "relapse", True),
    # a reaction something provokes; groups split by the size of a change
    ("Breath-holding may provoke the vagal response in trained divers.", "response", False),
    ("The diet split the volunteers into low and high responders.", "response", False),
    ("The antibody induced responses in 6 of 20 patients.", "response", True),
])
def test_response_precision(matcher, text, outcome, kept):
    assert (outcome in outcome_types(matcher, text)) is kept, text


def test_analyte_response_is_dropped(matcher):
    """A response named right after a substance that is no therapy is a biomarker's response;
    the range of the substance comes from the pipeline (NER chemicals less the therapies)."""
    text = "The cholesterol response was small with the new diet."
    start = text.index("cholesterol")
    fired: set[str] = set()
    found = matcher.find(text, fired=fired, score_sentences=False, analytes=[(start, start + len("cholesterol"))])
    assert "response" not in {r.label for _, _, r in found if not isinstance(r, str)}
    assert ANALYTE_RESPONSE in fired
    # without the substance's range (a therapy, or no chemical found) the response stays
    assert "response" in outcome_types(matcher, text)
    # a substance elsewhere in the sentence does not touch the response
    other = "Cholesterol fell, and the response rate was 40% with the drug."
    assert "response" in outcome_types(matcher, other, [(0, len("Cholesterol"))])


def test_pipeline_keeps_therapy_responders_and_drops_analyte_responses(nlp):
    """In the pipeline the chemicals come from the NER: a drug given in the document keeps its
    responders, a substance measured in the body does not give a response."""
    def types(text: str) -> set[str]:
        return {s._.norm for s in mention_spans(nlp(text), "OUTCOME")}

    assert "response" not in types("Effects of fibre on meals in adults with diabetes. The glucose response "
                                   "to the test meal was lower after the fibre supplement.")
    assert "response" in types("Tamoxifen in advanced breast cancer. Women were treated with tamoxifen, "
                               "and 40 tamoxifen responders went on to receive chemotherapy.")
