"""The record linker's data: cue lists, adverse-event diseases and confidence weights.

Everything the linker decides by word lists lives in ``resources/linking.yaml`` (or another file
of the same shape named in ``pipeline.cfg``), so that it can be read and changed without reading
Python. Cue lists are regular expressions matched case-insensitively.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from cartmine.rules import alternation, load_yaml

#: cue-list fields of :class:`LinkingConfig` and the data-file key each is compiled from
CUE_KEYS = {
    "lymphodepletion": "lymphodepletion_cues", "background": "background_cues",
    "outcome_treatment": "outcome_treatment_cues", "comparator": "comparator_cues",
    "comparison": "comparison_cues", "drug_class": "drug_class_cues", "design": "design_cues",
    "arm_connector": "arm_connectors", "arm_gap_break": "arm_gap_breaks", "trial": "trial_cues",
    "population": "population_cues", "treated": "treated_cues", "treats": "treats_cues",
    "symptom_target": "symptom_target_cues", "prevented": "prevented_cues",
    "procedure_population": "procedure_population_cues", "age_qualified": "age_qualified_cues",
    "not_population": "not_population_cues",
    "other_indication": "other_indication_cues", "indication_label": "indication_label_cues",
    "outcome_cause": "outcome_cause_cues",
    "disease_qualifier": "disease_qualifier_cues", "endpoint": "endpoint_cues", "untreated": "untreated_cues",
    "study_result": "study_result_cues", "general": "general_cues", "furniture": "furniture_cues",
    "combination": "combination_cues", "together": "together_connectors", "regimen": "regimen_cues",
    "regimen_suffix": "regimen_suffix_cues",
    "regimen_join": "regimen_join_cues", "treatment_given": "treatment_given_cues",
    "arm_reference": "arm_reference_cues", "arm_reference_suffix": "arm_reference_suffix_cues",
    "recurrence": "recurrence_cues", "recurrence_before": "recurrence_before_cues",
    "class_example": "class_example_cues", "relative_to": "relative_to_cues",
    "relative_versus": "relative_versus_cues", "arm_count": "arm_count_cues", "arm_label": "arm_label_cues",
    "event_population": "event_population_cues", "enrolment": "enrolment_cues",
    "headline_therapy": "headline_therapy_cues", "arm_null": "arm_null_cues",
    "base_arm_suffix": "base_arm_suffix_cues", "untreated_comparison": "untreated_comparison_cues",
    "side_effect_burden": "side_effect_burden_cues", "one_drug_reference": "one_drug_reference_cues",
    "combination_reference": "combination_reference_cues", "quote": "quote_cues",
    "background_reset": "background_reset_cues", "own_therapy": "own_therapy_cues", "regained": "regained_cues",
    "given_then": "given_then_cues", "paragraph_product": "paragraph_product_cues", "trial_entry": "trial_entry_cues",
    "observed_event": "observed_event_cues",
    "next_treatment": "next_treatment_cues",
    "other_study": "other_study_cues", "other_study_comparison": "other_study_comparison_cues",
    "upcoming_study": "upcoming_study_cues",
    "other_treatment": "other_treatment_cues", "patients_free": "patients_free_cues",
    "yardstick_before": "yardstick_before_cues", "pretreatment": "pretreatment_cues",
    "pretreatment_change": "pretreatment_change_cues", "non_drug_title": "non_drug_title_cues",
    "defined_condition": "defined_condition_cues", "class_members": "class_members_cues",
}
#: cue lists a data file may leave out (they match nothing then)
OPTIONAL_CUE_KEYS = frozenset({"procedure_population_cues", "age_qualified_cues", "drug_class_cues", "treated_cues",
                               "treats_cues", "symptom_target_cues", "prevented_cues", "not_population_cues",
                               "other_indication_cues", "indication_label_cues", "outcome_cause_cues", "untreated_cues",
                               "study_result_cues",
                               "general_cues", "furniture_cues", "combination_cues", "together_connectors", "regimen_cues",
                               "regimen_suffix_cues", "regimen_join_cues", "treatment_given_cues",
                               "arm_reference_cues", "arm_reference_suffix_cues", "recurrence_cues",
                               "recurrence_before_cues", "class_example_cues", "relative_to_cues", "relative_versus_cues",
                               "arm_count_cues", "arm_label_cues",
                               "event_population_cues", "enrolment_cues", "headline_therapy_cues",
                               "arm_null_cues", "base_arm_suffix_cues", "untreated_comparison_cues",
                               "side_effect_burden_cues", "one_drug_reference_cues", "combination_reference_cues",
                               "quote_cues",
                               "background_reset_cues", "own_therapy_cues", "regained_cues", "given_then_cues",
                               "paragraph_product_cues", "trial_entry_cues",
                               "observed_event_cues", "next_treatment_cues", "other_study_cues",
                               "other_study_comparison_cues", "upcoming_study_cues",
                               "other_treatment_cues", "patients_free_cues", "yardstick_before_cues",
                               "pretreatment_cues", "pretreatment_change_cues", "non_drug_title_cues",
                               "defined_condition_cues", "class_members_cues"})
KEYS = frozenset(CUE_KEYS.values()) | {"adverse_event_diseases", "confidence", "background_suffix_cues",
                                       "section_headers", "no_result_sections", "result_sections"}
WEIGHTS = frozenset({"base", "therapy_in_sentence", "disease_in_sentence", "duration_or_count", "hedged",
                     "min", "max"})


#: what may stand between a therapy and its background suffix: the other drugs of its regimen and the
#: word for the treatment ("peginterferon/ribavirin treatment-experienced", "MTX therapy-naive")
BACKGROUND_SUFFIX_LEAD = r"(?:\s*/\s*[\w.-]+)*(?:\s*-?\s*(?:treatment|therapy|chemotherapy))?"


class LinkingConfigError(ValueError):
    """A linking data file with unknown or missing keys."""


def _cue(patterns: list[str]) -> re.Pattern[str]:
    """One case-insensitive alternation; an empty list matches nothing (not everything).
    Multi-line, so that a cue may anchor on a line of its own (``^...$``)."""
    return re.compile(alternation(patterns) if patterns else "(?!)", re.IGNORECASE | re.MULTILINE)


@dataclass(frozen=True)
class LinkingConfig:
    """Compiled linking data; build it with :func:`load_config`."""

    lymphodepletion: re.Pattern[str]
    adverse_event_diseases: frozenset[str]
    confidence: dict[str, float]
    background: re.Pattern[str]
    #: matched right after the mention ("steroid-refractory", "methotrexate-naive")
    background_suffix: re.Pattern[str]
    outcome_treatment: re.Pattern[str]
    comparator: re.Pattern[str]
    comparison: re.Pattern[str]
    #: drug classes: an outcome of a class is no record for the document's studied therapies
    drug_class: re.Pattern[str]
    design: re.Pattern[str]
    arm_connector: re.Pattern[str]
    arm_gap_break: re.Pattern[str]
    trial: re.Pattern[str]
    population: re.Pattern[str]
    #: right before a disease the patients were treated for ("in the treatment of")
    treated: re.Pattern[str]
    #: right before the disease a therapy named in the sentence treats ("used to treat X")
    treats: re.Pattern[str]
    #: in the title, right before the patients' disease, a symptom the treatment targets ("for hot flashes
    #: in breast cancer patients"): the result is the symptom's, not that disease's
    symptom_target: re.Pattern[str]
    #: right before a disease the treatment is meant to prevent ("prophylaxis against X"): no population
    prevented: re.Pattern[str]
    #: in a title naming no disease, a procedure the patients undergo ("undergoing major abdominal surgery",
    #: "PEG gastropexy"): the trial's population is the procedure's, and no body disease is its target
    procedure_population: re.Pattern[str]
    #: a disease's ontology label qualified by the patients' age ("childhood leukemia", "pediatric
    #: kidney cancer"): the ontology files it beside the subtypes it covers, not above them
    age_qualified: re.Pattern[str]
    #: right after (``recurrence``) or before (``recurrence_before``) a prevented disease, words making
    #: its return what is prevented ("prevention of ulcer recurrence"): the patients have it
    recurrence: re.Pattern[str]
    recurrence_before: re.Pattern[str]
    #: right before a disease the treatment must not be given in or that causes the treated symptom
    not_population: re.Pattern[str]
    #: right before a disease the sentence names as a therapy's other, earlier or approved indication
    #: ("usually used for X", "already approved for X"): not the population where another disease is
    other_indication: re.Pattern[str]
    #: matched right after a disease that labels a drug by its usual use ("a dementia drug", "an
    #: Alzheimer's drug"): the drug's indication, not the population where another disease is
    indication_label: re.Pattern[str]
    #: between an efficacy outcome and a drug named after it, words making the drug its cause
    outcome_cause: re.Pattern[str]
    #: matched right after a disease mention that qualifies the next one ("HIV-associated")
    disease_qualifier: re.Pattern[str]
    section_headers: dict[str, tuple[str, ...]]
    no_result_sections: frozenset[str]
    endpoint: re.Pattern[str]
    #: a sentence saying its outcome happened without treatment ("untreated", "while waiting"):
    #: the only outcomes that get a record with a null therapy
    untreated: re.Pattern[str]
    #: in a trial, a sentence comparing a treated arm with the untreated one ("12 given the block versus 10
    #: not given it"): its outcome is the studied treatment's comparative result, not a null therapy's
    untreated_comparison: re.Pattern[str]
    #: a sentence reporting what happened to the study's own patients ("in 12 of 20 patients",
    #: "in both groups", "p < 0.05"): one naming no therapy is about the studied therapies only then
    study_result: re.Pattern[str]
    #: figures about the general population ("3,000 deaths a year"): epidemiology, not a result
    general: re.Pattern[str]
    #: a line that ends the article and starts page furniture ("###", "About Acme", "References")
    furniture: re.Pattern[str]
    #: a document studying therapies given together ("in combination with", "the drug combination")
    combination: re.Pattern[str]
    #: words between two therapies given together ("and", "plus", "with"; not "or", "versus")
    together: re.Pattern[str]
    #: right before (``regimen``) or after (``regimen_suffix``) a list of drugs, words naming it a
    #: regimen ("a combination of X and Y", "X, Y and Z combination therapy")
    regimen: re.Pattern[str]
    regimen_suffix: re.Pattern[str]
    #: between two drugs, words that only mean they were given together ("plus", "+", "followed by"), and a
    #: sentence giving the patients their treatment ("received", "were given"): there such a list is a regimen
    regimen_join: re.Pattern[str]
    treatment_given: re.Pattern[str]
    #: a paragraph-opening sentence that gives its patients a drug ("given off-label to eight patients",
    #: "joined a trial of X"): the paragraph is about that drug (:func:`~cartmine.linking.records.paragraph_arms`)
    paragraph_product: re.Pattern[str]
    #: a patient joining the trial of a drug ("he joined a trial of X"): the paragraph is about X
    trial_entry: re.Pattern[str]
    #: around a named therapy, words that make it stand for its arm ("the regimen containing X")
    arm_reference: re.Pattern[str]
    arm_reference_suffix: re.Pattern[str]
    #: right before a therapy named only as an example of a drug class ("antidepressants such as X")
    class_example: re.Pattern[str]
    #: between an efficacy outcome and a therapy named after it, words making the therapy only what the
    #: result is measured against ("better than diazepam", "a greater reduction over the X group")
    relative_to: re.Pattern[str]
    #: the same for a positive result only, right before the therapy ("X increased BMD versus daily oral Y")
    relative_versus: re.Pattern[str]
    #: the label of a trial arm ("group A", "arm 2", "group II"): a sentence naming drugs by labelled arms assigns them
    arm_label: re.Pattern[str]
    #: the study's drugs referred to by their number ("all three drugs", "both agents"): see ``arm_count``
    arm_count: re.Pattern[str]
    #: right before an adverse-event-listed disease, words naming it the patients' condition
    #: ("children hospitalised with", "patients presenting with", "treatment of")
    event_population: re.Pattern[str]
    #: a sentence enrolling or studying the patients ("were enrolled", "were included")
    enrolment: re.Pattern[str]
    #: a bare therapy word in a title ("Drug for X shows promise"): the headline reports the study's result
    headline_therapy: re.Pattern[str]
    #: a null result stated between arms or doses ("the groups did not differ", "higher doses gave no
    #: additional benefit"): in a trial of active arms only it is no null effect of either arm
    arm_null: re.Pattern[str]
    #: right after a therapy, words making it the arm every group received ("infliximab alone"): in an
    #: add-on trial the between-arm null is the added drug's, not the base drug's
    base_arm_suffix: re.Pattern[str]
    #: an adverse effect of treatment ("nausea", "mucositis", "respiratory depression"): an improvement read
    #: from less of it is the arms' safety comparison, unless the title names it as what the study treats
    side_effect_burden: re.Pattern[str]
    #: a sentence naming no therapy that refers to one drug ("this drug has shown", "the agent was") or to
    #: the drugs given together ("this combination"): of several studied arms, only that one or those
    one_drug_reference: re.Pattern[str]
    combination_reference: re.Pattern[str]
    #: a quotation (opening quote mark, or the close of one before "said"): of several studied arms it speaks
    #: for the main therapy and the drugs given with it, not for the arm it was compared with
    quote: re.Pattern[str]
    #: between a background cue and a therapy, the verb of receiving it ("after failing X, she received
    #: CD19 CAR-T"): the therapy after it is the one given now, not history
    background_reset: re.Pattern[str]
    #: between an efficacy outcome and a drug right after it, the words that make the outcome that drug's
    #: ("relapsed after rituximab", "did not respond to eculizumab")
    own_therapy: re.Pattern[str]
    #: right before an efficacy outcome, a verb of getting it back ("regained remission"): the drug named
    #: after it with "with" is the one that brought it back
    regained: re.Pattern[str]
    #: a drug given and then an efficacy outcome in one clause ("the third was treated with belimumab and
    #: responded"): the words before the drug and between it and the outcome
    given_then: re.Pattern[str]
    #: a sentence stating that an event happened (past tense: "CRS was mild", "there were no cases of
    #: ICANS"), not what it can do ("CRS can be life-threatening")
    observed_event: re.Pattern[str]
    #: between an outcome and a therapy named after it, words making the therapy the next treatment
    #: ("did not respond and was switched to X", "relapsed and was re-treated with Y"): the outcome is
    #: the earlier treatment's, not X's, also where X is a cell therapy
    next_treatment: re.Pattern[str]
    #: a sentence reporting another study ("in a previous study", "studies have shown", "those studies"):
    #: one naming no therapy is no result of the document's studied therapies
    other_study: re.Pattern[str]
    #: ... unless it compares the study's own result with the other ones ("in line with earlier reports")
    other_study_comparison: re.Pattern[str]
    #: a sentence about a study that has not reported yet ("a second trial comparing X with Y is fully
    #: enrolled"): the drugs it pairs are no arms of the document's study
    upcoming_study: re.Pattern[str]
    #: a sentence crediting its result to a treatment cartmine does not report ("an implanted stimulator
    #: improves symptoms", "relaxation training reduces pain"): one naming no therapy is that treatment's
    other_treatment: re.Pattern[str]
    #: patients who stayed free of relapse ("twelve remained relapse-free", "none has relapsed since"):
    #: reported beside the ones who relapsed, both are results (:func:`~cartmine.linking.records.merge`)
    patients_free: re.Pattern[str]
    #: right before a therapy named before an efficacy outcome, words making it the yardstick of a comparison
    #: ("X reduced fractures compared with Y and increased bone density": Y's own effect is not reported)
    yardstick_before: re.Pattern[str]
    #: in an outcome's clause, words placing it before the treatment ("before treatment, they had 1.2 relapses
    #: a year"): the patients' history, no result (:func:`~cartmine.linking.records.pretreatment_history`)
    pretreatment: re.Pattern[str]
    #: ... unless the clause sets it against the time after ("fell from 1.2 before treatment to 0.1")
    pretreatment_change: re.Pattern[str]
    #: in a title naming no therapy, a treatment cartmine does not report as the title's subject ("Implanted
    #: device treats sleep apnea", "Surgery for chronic headaches"): see :func:`~cartmine.linking.records.non_drug_study`
    non_drug_title: re.Pattern[str]
    #: right before a disease, words defining the treated condition as a form of it ("RAP, a neovascular
    #: form of age-related macular degeneration", "what used to be called bursitis"): in a document whose
    #: title names no disease, that disease is the patients' (:func:`~cartmine.linking.anchors.target_disease`)
    defined_condition: re.Pattern[str]
    #: right after a disease class, words introducing the specific diseases it stands for here ("a variety
    #: of cancer types, including breast cancer, NSCLC and melanoma"): :func:`~cartmine.linking.anchors.listed_members`
    class_members: re.Pattern[str]
    #: sections whose sentences report the study's results even where they name no therapy
    result_sections: frozenset[str] = frozenset()

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> LinkingConfig:
        unknown = set(data) - KEYS
        if unknown:
            raise LinkingConfigError(f"unknown keys in linking data: {sorted(unknown)}")
        weights = dict(data["confidence"])
        if set(weights) != WEIGHTS:
            raise LinkingConfigError(f"confidence weights must be exactly {sorted(WEIGHTS)}, got {sorted(weights)}")
        cues = {name: _cue(data.get(key, []) if key in OPTIONAL_CUE_KEYS else data[key])
                for name, key in CUE_KEYS.items()}
        return cls(
            adverse_event_diseases=frozenset(data["adverse_event_diseases"]),
            confidence={k: float(v) for k, v in weights.items()},
            background_suffix=re.compile(BACKGROUND_SUFFIX_LEAD + r"\s*-?\s*(?:" + alternation(data["background_suffix_cues"])
                                         + ")", re.IGNORECASE),
            section_headers={k: tuple(v) for k, v in data["section_headers"].items()},
            no_result_sections=frozenset(data["no_result_sections"]),
            result_sections=frozenset(data.get("result_sections", [])),
            **cues,
        )


def load_config(rules_file: str = "linking.yaml") -> LinkingConfig:
    """The linking data from ``cartmine/resources`` (or an absolute path)."""
    return LinkingConfig.from_dict(load_yaml(rules_file))
