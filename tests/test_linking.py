"""The record linker on hand-built mentions: no spaCy, no models, only Mentions and a layout."""

from __future__ import annotations

import re

import pytest

from cartmine.linking import DocumentLayout, LinkingConfigError, find_sections, link_records, load_config
from cartmine.linking.acronyms import regimen_acronym_mentions
from cartmine.linking.config import LinkingConfig
from cartmine.linking.records import active_arm_null_outcomes
from cartmine.result import Mention
from cartmine.rules import load_yaml

CONFIG = load_config()


class HandDoc:
    """A document written as text plus the mentions a test names by their words."""

    def __init__(self, text: str, title: str | None = None) -> None:
        self.text = f"{title}\n\n{text}" if title else text
        self.body_offset = len(title) + 2 if title else 0
        self.mentions: list[Mention] = []

    def _at(self, words: str, nth: int) -> tuple[int, int]:
        found = [m.span() for m in re.finditer(re.escape(words), self.text)]
        return found[nth]

    def add(self, label: str, words: str, norm: str | None = None, nth: int = 0, id: str | None = None,
            **attrs) -> HandDoc:
        start, end = self._at(words, nth)
        self.mentions.append(Mention(label, words, start, end, norm or words.lower(), id, attrs))
        return self

    def therapy(self, words: str, norm: str | None = None, nth: int = 0, **attrs) -> HandDoc:
        return self.add("THERAPY", words, norm, nth, **attrs)

    def regimen(self, words: str, drugs: list[str], nth: int = 0) -> HandDoc:
        """One THERAPY mention per drug on the regimen's span, as the therapies component writes them."""
        for drug in drugs:
            self.add("THERAPY", words, drug, nth, regimen=words)
        return self

    def disease(self, words: str, doid: str, norm: str | None = None, nth: int = 0, **attrs) -> HandDoc:
        return self.add("DISEASE", words, norm, nth, id=doid, **attrs)

    def outcome(self, words: str, norm: str, nth: int = 0, negated: bool = False, hedged: bool = False,
                category: str = "efficacy") -> HandDoc:
        return self.add("OUTCOME", words, norm, nth, negated=negated, hedged=hedged, category=category)

    def claims(self, ancestors: dict[str, list[str]] | None = None) -> set[tuple]:
        """The records' claims; ``ancestors`` is a hand-written disease hierarchy (id: its ancestors)."""
        ends = [m.end() for m in re.finditer(r"[.!?](?=\s|$)|\n\n", self.text)]
        starts = [0, *ends]
        sentences = [(s, e) for s, e in zip(starts, [*ends, len(self.text)], strict=True) if self.text[s:e].strip()]
        layout = DocumentLayout.build(self.text, sentences, self.body_offset, CONFIG.section_headers)
        lookup = (lambda doid: ancestors.get(doid, [])) if ancestors is not None else None
        return {(r.therapy, r.disease_id, r.outcome, r.negated)
                for r in link_records(self.mentions, layout, CONFIG, ancestors=lookup)}


def test_each_named_arm_with_a_result_gets_a_record():
    doc = (HandDoc("Patients with lung cancer were randomized to gemcitabine or docetaxel. "
               "Response rates were 41% with gemcitabine and 29% with docetaxel.")
           .disease("lung cancer", "DOID:1324")
           .therapy("gemcitabine").therapy("docetaxel").therapy("gemcitabine", nth=1).therapy("docetaxel", nth=1)
           .outcome("Response", "response"))
    assert doc.claims() == {("gemcitabine", "DOID:1324", "response", False),
                            ("docetaxel", "DOID:1324", "response", False)}


def test_a_result_sentence_naming_no_therapy_goes_to_every_studied_arm():
    doc = (HandDoc("Relapse occurred in 14 and 36 patients, respectively.",
               title="Trimethoprim or pentamidine for prophylaxis of pneumocystosis")
           .therapy("Trimethoprim", "trimethoprim").therapy("pentamidine")
           .disease("pneumocystosis", "DOID:11339").outcome("Relapse", "relapse"))
    assert doc.claims() == {("trimethoprim", "DOID:11339", "relapse", False),
                            ("pentamidine", "DOID:11339", "relapse", False)}


def test_a_regimen_gives_each_of_its_drugs_a_record():
    doc = (HandDoc("Patients with lymphoma received R-CHOP. Complete response was seen in 80%.")
           .disease("lymphoma", "DOID:0060058")
           .regimen("R-CHOP", ["rituximab", "cyclophosphamide", "doxorubicin", "vincristine", "prednisone"])
           .outcome("Complete response", "complete_response"))
    assert {c[0] for c in doc.claims()} == {"rituximab", "cyclophosphamide", "doxorubicin", "vincristine",
                                            "prednisone"}


def test_placebo_and_unnamed_comparators_get_no_records():
    doc = (HandDoc("In the placebo group 12 patients relapsed. Relapse was less frequent with drugamab than with "
               "placebo.", title="Drugamab versus placebo in multiple sclerosis")
           .therapy("Drugamab", "drugamab").disease("multiple sclerosis", "DOID:2377")
           .outcome("relapsed", "relapse").therapy("drugamab").outcome("Relapse", "relapse"))
    records = doc.claims()
    assert records == {("drugamab", "DOID:2377", "relapse", False)}
    assert all(therapy != "placebo" for therapy, *_ in records)


def test_outcomes_of_a_drug_class_are_not_the_studied_therapys():
    doc = (HandDoc("Immunotherapy has been shown to be effective in other cancers. Response was seen in 40% "
                   "with drugamab. Responses were more frequent than with immunotherapy. All patients were "
                   "free of immunotherapy and in remission.", title="Drugamab in lung cancer")
           .therapy("Drugamab", "drugamab").disease("lung cancer", "DOID:1324")
           .outcome("effective", "improvement").outcome("Response", "response").therapy("drugamab")
           .outcome("Responses", "response").outcome("remission", "remission"))
    # the class's own result gives nothing; compared with the class, or with the class withdrawn,
    # the outcome is the studied therapy's
    assert doc.claims() == {("drugamab", "DOID:1324", "response", False),
                            ("drugamab", "DOID:1324", "remission", False)}
    assert not any(outcome == "improvement" for _, _, outcome, _ in doc.claims())


def test_a_disease_word_naming_cells_or_genes_is_not_the_records_disease():
    doc = (HandDoc("The trial treated patients with cancer of the blood. Patients whose tumour cells carried a faulty "
                   "cancer gene went into remission after drugamab.", title="Drugamab in acute myeloid leukemia")
           .therapy("Drugamab", "drugamab").disease("acute myeloid leukemia", "DOID:9119")
           .disease("cancer", "DOID:162", nth=0).disease("cancer", "DOID:162", nth=1)
           .therapy("drugamab", nth=0).outcome("remission", "remission"))
    # "cancer gene" names a gene, not the patients' condition: the record takes the document's leukemia
    assert doc.claims() == {("drugamab", "DOID:9119", "remission", False)}


def test_outcomes_of_a_qualified_class_of_other_treatments_are_not_the_studied_therapys():
    doc = (HandDoc("Although second- and third-line targeted therapies often bring the disease back into remission, "
                   "but the patients may not benefit for long. In the trial, drugamab improved blood counts in most patients.",
                   title="Drugamab in chronic myeloid leukemia")
           .therapy("Drugamab", "drugamab").disease("chronic myeloid leukemia", "DOID:8552")
           .outcome("remission", "remission").therapy("drugamab", nth=0).outcome("improved", "improvement"))
    # "targeted therapies" in general put patients into remission: background of the field, not drugamab's result
    assert doc.claims() == {("drugamab", "DOID:8552", "improvement", False)}


def test_diseases_listed_with_an_outcome_are_events_not_the_population():
    doc = (HandDoc("Patients with knee arthritis received aspirin after surgery. The incidence of thrombosis, "
                   "pulmonary embolism and death did not increase in these patients.",
                   title="Aspirin in knee arthritis")
           .disease("knee arthritis", "DOID:8398", "osteoarthritis", nth=1).therapy("aspirin")
           .disease("thrombosis", "DOID:0060903").disease("pulmonary embolism", "DOID:9477")
           .outcome("death", "death", category="safety"))
    assert doc.claims() == {("aspirin", "DOID:8398", "death", False)}


def test_without_a_title_disease_a_prevented_disease_is_no_population():
    prevented = (HandDoc("Surgeons gave aspirin to prevent pulmonary embolism. Pulmonary embolism is feared. "
                         "Death did not increase in the treated patients.", title="Aspirin after knee surgery")
                 .therapy("aspirin").disease("pulmonary embolism", "DOID:9477")
                 .disease("Pulmonary embolism", "DOID:9477", "pulmonary embolism")
                 .outcome("Death", "death", category="safety"))
    assert prevented.claims() == {("aspirin", None, "death", False)}
    treated = (HandDoc("Cefprozil is a drug for the treatment of pharyngitis. Clinical responses were better "
                       "with cefprozil.", title="Cefprozil versus penicillin")
               .therapy("Cefprozil", "cefprozil").disease("pharyngitis", "DOID:2275")
               .outcome("responses", "response").therapy("cefprozil"))
    assert treated.claims() == {("cefprozil", "DOID:2275", "response", False)}


def test_an_adverse_event_disease_the_title_names_as_the_population_is_the_target():
    title = "Drugamab aerosols in patients with nosocomial pneumonia"
    doc = (HandDoc("By day 28, 6 patients had died.", title=title)
           .therapy("Drugamab", "drugamab").disease("pneumonia", "DOID:552").outcome("died", "death",
                                                                                     category="safety"))
    assert doc.claims() == {("drugamab", "DOID:552", "death", False)}
    # named in the title, but not as who was treated: still an adverse event
    doc = (HandDoc("Remission was reached by 40%.", title="Drugamab in lupus: no pneumonia seen")
           .therapy("Drugamab", "drugamab").disease("lupus", "DOID:9074").disease("pneumonia", "DOID:552")
           .outcome("Remission", "remission"))
    assert doc.claims() == {("drugamab", "DOID:9074", "remission", False)}


def test_background_therapies_get_no_records():
    doc = (HandDoc("Patients who had failed prior methotrexate received tofacitinib. Remission was reached by 40%.",
               title="Tofacitinib in rheumatoid arthritis")
           .therapy("Tofacitinib", "tofacitinib").disease("rheumatoid arthritis", "DOID:7148")
           .therapy("methotrexate").therapy("tofacitinib").outcome("Remission", "remission"))
    assert doc.claims() == {("tofacitinib", "DOID:7148", "remission", False)}


def test_a_stopped_drug_gets_no_record_of_what_followed():
    doc = (HandDoc("OBJECTIVE Over half of patients with gout discontinue drugamab therapy and go through a period "
                   "of remission.", title="Drugamab withdrawal in gout")
           .disease("gout", "DOID:13189").therapy("drugamab").outcome("remission", "remission"))
    assert doc.claims() == set()


def test_a_therapy_received_after_failed_ones_is_the_one_given_now():
    # the failure cue before the history drugs does not reach past "received"
    doc = (HandDoc("After failing azathioprine and tocilizumab, the boy received anti-CD19 CAR T cells and went "
                   "into remission.", title="CAR-T in juvenile myositis")
           .disease("myositis", "DOID:633").therapy("azathioprine").therapy("tocilizumab")
           .therapy("anti-CD19 CAR T cells", "CD19 CAR-T", modality="CAR-T").outcome("remission", "remission"))
    assert doc.claims() == {("CD19 CAR-T", "DOID:633", "remission", False)}


def test_an_outcome_attached_to_a_drug_in_a_case_history_is_that_drugs():
    # "flared after X" / "no response to X": the history drug's result, not the cell therapy's
    doc = (HandDoc("The woman had flared after obinutuzumab and showed no response to voclosporin, so she was "
                   "given BCMA CAR T cells and improved.", title="CAR-T in lupus nephritis")
           .disease("lupus nephritis", "DOID:0080162").therapy("obinutuzumab").therapy("voclosporin")
           .therapy("BCMA CAR T cells", "BCMA CAR-T", modality="CAR-T")
           .outcome("flared", "relapse").outcome("no response", "no_response").outcome("improved", "improvement"))
    assert doc.claims() == {("obinutuzumab", "DOID:0080162", "relapse", False),
                            ("voclosporin", "DOID:0080162", "no_response", False),
                            ("BCMA CAR-T", "DOID:0080162", "improvement", False)}
    # ... and one attached to a background drug ("prior") is who was enrolled: no record
    doc = (HandDoc("Adults who had relapsed on prior rituximab were given CD19 CAR T cells.",
                   title="CAR-T in pemphigus vulgaris")
           .disease("pemphigus vulgaris", "DOID:0060851").therapy("rituximab")
           .therapy("CD19 CAR T cells", "CD19 CAR-T", modality="CAR-T").outcome("relapsed", "relapse"))
    assert doc.claims() == set()


def test_a_news_sentence_saying_crs_happened_is_the_cell_therapys_result():
    # no figures, no therapy named: the infused cells' toxicity all the same
    doc = (HandDoc("Eleven patients with myositis have received NVX-33 so far. Neurotoxicity was not seen, and "
                   "cytokine release syndrome was low grade.", title="CAR-T maker reports myositis data")
           .disease("myositis", "DOID:633").therapy("NVX-33", "NVX-33", modality="CAR-T")
           .outcome("Neurotoxicity", "icans", negated=True, category="safety")
           .outcome("cytokine release syndrome", "crs", category="safety"))
    assert doc.claims() == {("NVX-33", "DOID:633", "icans", True), ("NVX-33", "DOID:633", "crs", False)}


def test_drugs_that_treat_an_adverse_event_are_not_its_therapy():
    doc = (HandDoc("Patients with lupus received KYV-101. CRS occurred in two patients and was treated with "
               "tocilizumab.")
           .disease("lupus", "DOID:9074", "systemic lupus erythematosus").therapy("KYV-101", modality="CAR-T")
           .outcome("CRS", "crs", category="safety").therapy("tocilizumab"))
    assert doc.claims() == {("kyv-101", "DOID:9074", "crs", False)}


def test_several_diseases_each_outcome_takes_its_own():
    doc = (HandDoc("Fifteen patients received CD19 CAR-T cells. All eight patients with SLE reached remission, "
               "and all three with myositis had a major clinical response.")
           .therapy("CD19 CAR-T", "CD19 CAR-T", modality="CAR-T")
           .disease("SLE", "DOID:9074").outcome("remission", "remission")
           .disease("myositis", "DOID:633").outcome("major clinical response", "response"))
    assert doc.claims() == {("CD19 CAR-T", "DOID:9074", "remission", False),
                            ("CD19 CAR-T", "DOID:633", "response", False)}


def test_the_treated_disease_not_its_qualifier_or_adverse_events():
    doc = (HandDoc("Rituximab was given. Complete response was seen in 73%. Serious bacterial infections occurred in 12%.",
               title="Rituximab in HIV-associated lymphoma")
           .therapy("Rituximab", "rituximab").disease("HIV", "DOID:526").disease("lymphoma", "DOID:0060058")
           .therapy("Rituximab", "rituximab", nth=1).outcome("Complete response", "complete_response")
           .disease("bacterial infections", "DOID:104")
           .outcome("infections", "infection", category="safety"))
    assert doc.claims() == {("rituximab", "DOID:0060058", "complete_response", False),
                            ("rituximab", "DOID:0060058", "infection", False)}


def test_background_sentence_claims_keep_their_own_therapy():
    doc = (HandDoc("Levodopa has improved the lives of patients for decades. In this trial apomorphine reduced "
               "off time, an improvement over placebo.", title="Apomorphine in Parkinson's disease")
           .therapy("Apomorphine", "apomorphine").disease("Parkinson's disease", "DOID:14330")
           .therapy("Levodopa", "levodopa").outcome("improved", "improvement")
           .therapy("apomorphine").outcome("improvement", "improvement"))
    assert doc.claims() == {("levodopa", "DOID:14330", "improvement", False),
                            ("apomorphine", "DOID:14330", "improvement", False)}


def test_a_partly_positive_trial_gives_improvement_only():
    doc = (HandDoc("In this randomized trial drugamab improved fatigue. Drugamab did not improve pain.",
               title="Drugamab in fibromyalgia")
           .therapy("Drugamab", "drugamab").disease("fibromyalgia", "DOID:631")
           .therapy("drugamab").outcome("improved", "improvement")
           .therapy("Drugamab", "drugamab", nth=1).outcome("improve", "improvement", negated=True))
    assert doc.claims() == {("drugamab", "DOID:631", "improvement", False)}


def test_a_wholly_null_trial_gives_no_response():
    doc = (HandDoc("In this randomized, placebo-controlled trial drugamab did not improve symptoms.",
               title="Drugamab in autism")
           .therapy("Drugamab", "drugamab").disease("autism", "DOID:12849")
           .therapy("drugamab").outcome("improve", "improvement", negated=True))
    assert doc.claims() == {("drugamab", "DOID:12849", "no_response", False)}


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Shares fell after the firm said that drugamab, given to 35 people with gout, helped none of them "
         "and no patient responded.", "responded"),
        ("At the meeting, a small company showed that drugamab did not improve gout in any of its 20 patients.",
         "improve"),
    ],
)
def test_a_failed_drug_outside_a_trial_gives_no_response(text, words):
    """The null-result rule is the contract's in a news item that names no trial too: "no patient
    responded" is ``no_response``, not a negated ``response``."""
    norm = "response" if words == "responded" else "improvement"
    doc = (HandDoc(text, title="News in brief").therapy("drugamab").disease("gout", "DOID:13189")
           .outcome(words, norm, negated=True))
    assert doc.claims() == {("drugamab", "DOID:13189", "no_response", False)}


def test_a_hedged_benefit_yields_to_the_trials_null_result():
    doc = (HandDoc("In this randomized, placebo-controlled trial some children on drugamab may have improved. "
                   "Overall drugamab was not more effective than placebo.", title="Drugamab in autism")
           .therapy("Drugamab", "drugamab").disease("autism", "DOID:12849")
           .therapy("drugamab").outcome("improved", "improvement", hedged=True)
           .therapy("drugamab", nth=1).outcome("was not more effective", "no_response"))
    assert doc.claims() == {("drugamab", "DOID:12849", "no_response", False)}


def test_an_affirmed_benefit_outranks_the_null_result():
    doc = (HandDoc("In this randomized, placebo-controlled trial drugamab improved sleep. "
                   "Drugamab was not more effective than placebo for mood.", title="Drugamab in autism")
           .therapy("Drugamab", "drugamab").disease("autism", "DOID:12849")
           .therapy("drugamab").outcome("improved", "improvement")
           .therapy("Drugamab", nth=1).outcome("was not more effective", "no_response"))
    assert doc.claims() == {("drugamab", "DOID:12849", "improvement", False)}


def test_no_difference_between_two_active_arms_is_no_null_result():
    doc = (HandDoc("In this randomized trial, patients received drugamab or cellumab. "
                   "The treatment groups did not differ in response rate.", title="Drugamab or cellumab in gout")
           .therapy("drugamab").therapy("cellumab").disease("gout", "DOID:13189")
           .outcome("did not differ", "no_response"))
    assert doc.claims() == set()


def test_no_difference_between_doses_is_no_null_result():
    doc = (HandDoc("Children received 400 or 1200 units of drugamab. Higher doses gave no additional benefit.",
                   title="Drugamab doses in rickets")
           .therapy("drugamab").disease("rickets", "DOID:10609").outcome("no additional benefit", "no_response"))
    assert doc.claims() == set()


def test_no_advantage_over_another_active_treatment_is_no_null_result():
    doc = (HandDoc("Patients were randomized to drugamab or cellumab. Drugamab offers no advantage over cellumab "
                   "for recovery.", title="Drugamab or cellumab in gout")
           .therapy("drugamab").therapy("cellumab").therapy("Drugamab", "drugamab").therapy("cellumab", nth=1)
           .disease("gout", "DOID:13189").outcome("no advantage over", "no_response"))
    assert doc.claims() == set()


def test_no_difference_from_placebo_stays_a_null_result():
    doc = (HandDoc("In this randomized trial, patients received drugamab or placebo. "
                   "The treatment groups did not differ in response rate.", title="Drugamab in gout")
           .therapy("drugamab").disease("gout", "DOID:13189").outcome("did not differ", "no_response"))
    assert doc.claims() == {("drugamab", "DOID:13189", "no_response", False)}


def test_an_add_on_null_is_the_added_drugs_own():
    doc = (HandDoc("In this randomized trial, patients received drugamab alone or drugamab with cellumab. "
                   "The two groups did not differ in symptom scores.", title="Drugamab with cellumab in gout")
           .therapy("Drugamab", "drugamab").therapy("cellumab").therapy("drugamab").therapy("drugamab", nth=1)
           .therapy("cellumab", nth=1).disease("gout", "DOID:13189")
           .outcome("did not differ", "no_response"))
    assert {c[0] for c in doc.claims()} == {"cellumab"}


def _arm_null_outcomes(doc: HandDoc) -> set[str]:
    """The text of the OUTCOME mentions that the outcome set loses beside the records."""
    ends = [m.end() for m in re.finditer(r"[.!?](?=\s|$)|\n\n", doc.text)]
    starts = [0, *ends]
    sentences = [(s, e) for s, e in zip(starts, [*ends, len(doc.text)], strict=True) if doc.text[s:e].strip()]
    layout = DocumentLayout.build(doc.text, sentences, doc.body_offset, CONFIG.section_headers)
    records = link_records(doc.mentions, layout, CONFIG)
    return {doc.text[s:e] for s, e in active_arm_null_outcomes(doc.mentions, layout, records, CONFIG)}


def test_a_null_between_active_arms_leaves_the_outcome_set_too():
    doc = (HandDoc("In this randomized trial, patients received drugamab or cellumab. "
                   "The treatment groups did not differ in response rate.", title="Drugamab or cellumab in gout")
           .therapy("drugamab").therapy("cellumab").disease("gout", "DOID:13189")
           .outcome("did not differ", "no_response"))
    assert _arm_null_outcomes(doc) == {"did not differ"}


def test_a_null_against_placebo_or_of_an_added_drug_stays_in_the_outcome_set():
    placebo = (HandDoc("In this randomized trial, patients received drugamab or placebo. "
                       "The treatment groups did not differ in response rate.", title="Drugamab in gout")
               .therapy("drugamab").disease("gout", "DOID:13189").outcome("did not differ", "no_response"))
    add_on = (HandDoc("In this randomized trial, patients received drugamab alone or drugamab with cellumab. "
                      "The two groups did not differ in symptom scores.", title="Drugamab with cellumab in gout")
              .therapy("Drugamab", "drugamab").therapy("cellumab").therapy("drugamab").therapy("drugamab", nth=1)
              .therapy("cellumab", nth=1).disease("gout", "DOID:13189")
              .outcome("did not differ", "no_response"))
    assert _arm_null_outcomes(placebo) == set() and _arm_null_outcomes(add_on) == set()


def test_case_series_keep_per_patient_non_response():
    doc = (HandDoc("Patients with lupus received KYV-101. Most patients responded. Two patients did not respond.")
           .disease("lupus", "DOID:9074").therapy("KYV-101", modality="CAR-T")
           .outcome("responded", "response").outcome("did not respond", "no_response"))
    assert {c[2] for c in doc.claims()} == {"response", "no_response"}


def test_lymphodepleting_drugs_are_not_the_studied_therapy():
    doc = (HandDoc("Patients with lupus received KYV-101 after lymphodepletion with fludarabine and "
               "cyclophosphamide. All patients improved.")
           .disease("lupus", "DOID:9074").therapy("KYV-101", modality="CAR-T")
           .therapy("fludarabine").therapy("cyclophosphamide").outcome("improved", "improvement"))
    assert doc.claims() == {("kyv-101", "DOID:9074", "improvement", False)}


def test_no_outcome_no_records():
    doc = HandDoc("Patients with lupus received KYV-101.").therapy("KYV-101").disease("lupus", "DOID:9074")
    assert doc.claims() == set()


def test_sections_are_read_from_upper_case_headings():
    text = "BACKGROUND Relapse is common. METHODS We randomized 40 patients. RESULTS The results were good."
    sections = find_sections(text, CONFIG.section_headers)
    assert [s.name for s in sections] == ["background", "methods", "results"]
    assert find_sections("The results were good and the methods sound.", CONFIG.section_headers) == ()
    # a section may open with a lower-case word; capitals inside a sentence start nothing
    text = "METHODS We randomized 40 patients. RESULTS alpha-interferon was given to all. CONCLUSION the drug helped."
    assert [s.name for s in find_sections(text, CONFIG.section_headers)] == ["methods", "results", "conclusions"]
    assert find_sections("Patients read the RESULTS of their scans.", CONFIG.section_headers) == ()


def test_layout_places_offsets_in_sentences():
    layout = DocumentLayout("One. Two.", ((0, 4), (5, 9)), body_offset=0)
    assert layout.sentence_of(0) == 0 and layout.sentence_of(6) == 1 and layout.sentence_text(1) == "Two."


def test_linking_data_rejects_unknown_keys():
    data = dict(load_yaml("linking.yaml"))
    with pytest.raises(LinkingConfigError):
        LinkingConfig.from_dict({**data, "lymphodepletion_cue": []})
    with pytest.raises(LinkingConfigError):
        LinkingConfig.from_dict({**data, "confidence": {"base": 0.5}})


def test_methods_and_endpoint_definitions_are_not_results():
    doc = (HandDoc("METHODS Response was assessed every 8 weeks. The primary endpoint was remission at week 12. "
               "RESULTS Remission was reached by 30%.", title="Drugamab in ulcerative colitis")
           .therapy("Drugamab", "drugamab").disease("ulcerative colitis", "DOID:8577")
           .outcome("Response", "response").outcome("remission", "remission")
           .outcome("Remission", "remission"))
    assert doc.claims() == {("drugamab", "DOID:8577", "remission", False)}


def test_an_outcome_word_inside_the_population_disease_is_not_an_outcome():
    doc = (HandDoc("Recurrences were fewer with trimethoprim.",
               title="Trimethoprim for Pneumocystis carinii pneumonia")
           .therapy("Trimethoprim", "trimethoprim").disease("Pneumocystis carinii pneumonia", "DOID:11339")
           .outcome("pneumonia", "infection", category="safety")
           .outcome("Recurrences", "relapse").therapy("trimethoprim"))
    assert doc.claims() == {("trimethoprim", "DOID:11339", "relapse", False)}


def test_a_disease_class_stands_for_the_documents_only_disease_of_that_class():
    doc = (HandDoc("Docetaxel improved quality of life in patients with cancer.", title="Docetaxel in gastric cancer")
           .therapy("Docetaxel", "docetaxel").disease("gastric cancer", "DOID:10534", group="cancer")
           .therapy("Docetaxel", "docetaxel", nth=1).disease("cancer", "DOID:162", nth=1, group="cancer", **{"class": True})
           .outcome("improved", "improvement"))
    assert doc.claims() == {("docetaxel", "DOID:10534", "improvement", False)}
    several = (HandDoc("Remission was reached in all patients with autoimmune disease.", title="CAR-T in lupus and myositis")
               .therapy("CAR-T", "CD19 CAR-T", modality="CAR-T")
               .disease("lupus", "DOID:9074", group="autoimmune disease")
               .disease("myositis", "DOID:633", group="autoimmune disease")
               .disease("autoimmune disease", "DOID:417", group="autoimmune disease", **{"class": True})
               .outcome("Remission", "remission"))
    assert several.claims() == {("CD19 CAR-T", "DOID:417", "remission", False)}


def test_a_trial_of_a_treatment_cartmine_does_not_report_gives_no_null_therapy_record():
    text = "Patients with breast cancer were randomized to psychotherapy or usual care. Depression improved."
    trial = HandDoc(text).disease("breast cancer", "DOID:1612").outcome("improved", "improvement")
    assert trial.claims() == set()
    untreated = (HandDoc("Without treatment, most patients with lupus relapsed.")
                 .disease("lupus", "DOID:9074").outcome("relapsed", "relapse"))
    assert untreated.claims() == {(None, "DOID:9074", "relapse", False)}


def test_a_trial_sentence_comparing_the_treated_arm_with_the_untreated_one_is_the_treatments_result():
    text = ("Women with gout were randomized to drugamab or no drug. Pain scores were 4.5 in those given the "
            "drug versus 4.9 in those not given it, without significant differences.")
    trial = (HandDoc(text, title="Drugamab in gout").therapy("Drugamab", "drugamab")
             .disease("gout", "DOID:13189").outcome("without significant differences", "no_response"))
    assert trial.claims() == {("drugamab", "DOID:13189", "no_response", False)}
    untreated_arm = (HandDoc("Women with gout were randomized to drugamab or no drug. Most women not given it relapsed.",
                             title="Drugamab in gout").therapy("Drugamab", "drugamab")
                     .disease("gout", "DOID:13189").outcome("relapsed", "relapse"))
    assert untreated_arm.claims() == set()


def test_an_outcome_with_no_therapy_and_no_untreated_statement_gives_no_record():
    epidemiology = (HandDoc("Gout remains a common cause of death among older men.")
                    .disease("Gout", "DOID:13189").outcome("death", "death", category="safety"))
    assert epidemiology.claims() == set()
    waiting = (HandDoc("Several patients with myeloma progressed while they waited for a manufacturing slot.")
               .disease("myeloma", "DOID:9538").outcome("progressed", "progression"))
    assert waiting.claims() == {(None, "DOID:9538", "progression", False)}
    drug_free = (HandDoc("Patients with lupus stayed in remission without any treatment.",
                         title="Anifrolumab in lupus")
                 .therapy("Anifrolumab", "anifrolumab").disease("lupus", "DOID:9074", nth=1)
                 .outcome("remission without any treatment", "drug_free_remission"))
    assert drug_free.claims() == {("anifrolumab", "DOID:9074", "drug_free_remission", False)}


def test_the_title_disease_of_the_patients_is_the_target():
    doc = (HandDoc("Serious infections occurred in 19 patients.",
               title="Pentamidine for prophylaxis of pneumocystosis in patients with AIDS")
           .therapy("Pentamidine", "pentamidine").disease("pneumocystosis", "DOID:11339")
           .disease("AIDS", "DOID:635").outcome("infections", "infection", category="safety"))
    assert doc.claims() == {("pentamidine", "DOID:635", "infection", False)}


def test_aims_and_arm_assignments_are_not_results():
    aim = (HandDoc("We sought to determine whether valsartan prevents relapse of gout.")
           .therapy("valsartan").disease("gout", "DOID:13189").outcome("relapse", "relapse"))
    assert aim.claims() == set()
    assigned = (HandDoc("Patients with leukemia in remission were randomized to imatinib or nilotinib.")
                .disease("leukemia", "DOID:1240").therapy("imatinib").therapy("nilotinib")
                .outcome("remission", "remission"))
    assert assigned.claims() == set()
    limitation = (HandDoc("LIMITATIONS Responders to valsartan were selected before randomisation.")
                  .therapy("valsartan").outcome("Responders", "response"))
    assert limitation.claims() == set()
    designed = (HandDoc("This trial evaluated the efficacy of valsartan on relapse in gout.")
                .therapy("valsartan").disease("gout", "DOID:13189").outcome("relapse", "relapse"))
    assert designed.claims() == set()
    eligible = (HandDoc("Only patients in complete remission were eligible for valsartan maintenance.")
                .therapy("valsartan").outcome("complete remission", "complete_remission"))
    assert eligible.claims() == set()
    measures = (HandDoc("The outcome measures were relapse and side effects of valsartan.")
                .therapy("valsartan").outcome("relapse", "relapse"))
    assert measures.claims() == set()
    plan = (HandDoc("Responding patients could receive valsartan maintenance; others were censored at death.")
            .therapy("valsartan").outcome("Responding", "response").outcome("death", "death", category="safety"))
    assert plan.claims() == set()


def test_a_sentence_naming_no_therapy_is_a_result_only_when_it_reports_on_the_studys_patients():
    title = "Valsartan for gout"
    general = (HandDoc("Gout is a frequent cause of death in older men. Relapse remains a problem.", title=title)
               .therapy("Valsartan", "valsartan").disease("gout", "DOID:13189")
               .outcome("death", "death", category="safety").outcome("Relapse", "relapse"))
    assert general.claims() == set()
    epidemiology = (HandDoc("About 3,000 women a year are diagnosed with gout and 900 patients die.", title=title)
                    .therapy("Valsartan", "valsartan").disease("gout", "DOID:13189")
                    .outcome("die", "death", category="safety"))
    assert epidemiology.claims() == set()
    quote = (HandDoc("\"Relapse remains the problem in gout,\" he said.", title=title)
             .therapy("Valsartan", "valsartan").disease("gout", "DOID:13189").outcome("Relapse", "relapse"))
    assert quote.claims() == set()
    case = (HandDoc("She relapsed after nine months.", title=title)
            .therapy("Valsartan", "valsartan").disease("gout", "DOID:13189").outcome("relapsed", "relapse"))
    assert case.claims() == {("valsartan", "DOID:13189", "relapse", False)}
    counted = (HandDoc("Gout relapsed in 4 of 20 patients. One patient died.", title=title)
               .therapy("Valsartan", "valsartan").disease("gout", "DOID:13189")
               .outcome("relapsed", "relapse").outcome("died", "death", category="safety"))
    assert counted.claims() == {("valsartan", "DOID:13189", "relapse", False),
                                ("valsartan", "DOID:13189", "death", False)}
    side_effects = (HandDoc("Side effects were mild infections.", title=title)
                    .therapy("Valsartan", "valsartan").disease("gout", "DOID:13189")
                    .outcome("infections", "infection", category="safety"))
    assert side_effects.claims() == {("valsartan", "DOID:13189", "infection", False)}
    # the studied therapy named bare after the response it gave
    scanned = (HandDoc("A good response to therapy was confirmed on the follow-up scan.", title=title)
               .therapy("Valsartan", "valsartan").disease("gout", "DOID:13189").outcome("response", "response"))
    assert scanned.claims() == {("valsartan", "DOID:13189", "response", False)}
    what_response_is = (HandDoc("Response to treatment is often poor in this form of gout.", title=title)
                        .therapy("Valsartan", "valsartan").disease("gout", "DOID:13189").outcome("Response", "response"))
    assert what_response_is.claims() == set()
    in_results = (HandDoc("BACKGROUND Relapse is common. RESULTS Relapse was rare.", title=title)
                  .therapy("Valsartan", "valsartan").disease("gout", "DOID:13189")
                  .outcome("Relapse", "relapse").outcome("Relapse", "relapse", nth=1))
    assert in_results.claims() == {("valsartan", "DOID:13189", "relapse", False)}


def test_a_result_takes_the_condition_treated_not_an_event_or_comorbidity_it_names():
    title = "Tofacitinib in rheumatoid arthritis"
    events = (HandDoc("Adverse events in the tofacitinib group were diarrhea and respiratory infections.", title=title)
              .therapy("Tofacitinib", "tofacitinib").disease("rheumatoid arthritis", "DOID:7148")
              .therapy("tofacitinib").disease("diarrhea", "DOID:13250")
              .outcome("infections", "infection", category="safety"))
    assert events.claims() == {("tofacitinib", "DOID:7148", "infection", False)}
    cohort = (HandDoc("Responses were seen in 9 of 10 patients; one lupus patient relapsed.", title="KYV-101 in myositis")
              .therapy("KYV-101", "KYV-101", modality="CAR-T").disease("myositis", "DOID:633")
              .disease("lupus", "DOID:9074").outcome("relapsed", "relapse"))
    assert cohort.claims() == {("KYV-101", "DOID:9074", "relapse", False)}
    governed = (HandDoc("Blinatumomab, a drug used in leukemia, induced remission of rheumatoid arthritis in 4 patients.")
                .therapy("Blinatumomab", "blinatumomab").disease("leukemia", "DOID:1240")
                .disease("rheumatoid arthritis", "DOID:7148").outcome("remission", "remission"))
    assert governed.claims() == {("blinatumomab", "DOID:7148", "remission", False)}


def test_diseases_listed_with_the_patients_condition_are_the_population_too():
    # "patients with A, B or C": the cue stands before the first disease only, yet each is a condition
    # of the treated patients, so a result stated for the list is each one's
    doc = (HandDoc("Aspirin taken by patients with bowel, breast or lung cancer was linked to fewer deaths.",
                   title="Aspirin and cancer")
           .therapy("Aspirin", "aspirin", nth=1).disease("cancer", "DOID:162", class_=True)
           .disease("bowel", "DOID:9256", norm="colorectal cancer").disease("breast", "DOID:1612", norm="breast cancer")
           .disease("lung cancer", "DOID:1324").outcome("deaths", "death", category="safety"))
    assert doc.claims() == {("aspirin", "DOID:9256", "death", False), ("aspirin", "DOID:1612", "death", False),
                            ("aspirin", "DOID:1324", "death", False)}


def test_a_comparator_with_its_own_figure_gets_the_outcome_even_if_not_a_studied_arm():
    doc = (HandDoc("On valsartan, 15% of patients relapsed, compared to 10% on losartan.", title="Valsartan in gout")
           .therapy("Valsartan", "valsartan").disease("gout", "DOID:13189").therapy("valsartan", nth=0)
           .therapy("losartan").outcome("relapsed", "relapse"))
    assert doc.claims() == {("valsartan", "DOID:13189", "relapse", False), ("losartan", "DOID:13189", "relapse", False)}
    cause = (HandDoc("Gout relapsed in 15% of patients after stopping losartan.", title="Valsartan in gout")
             .therapy("Valsartan", "valsartan").disease("gout", "DOID:13189").therapy("losartan")
             .outcome("relapsed", "relapse"))
    assert ("losartan", "DOID:13189", "relapse", False) not in cause.claims()


def test_outcomes_in_the_furniture_after_the_article_are_not_results():
    text = ("Valsartan reduced gout relapse in 40 patients.\n\n###\n\n"
            "About Acme\nAcme makes valsartan, which may cause death from angioedema.")
    doc = (HandDoc(text).therapy("Valsartan", "valsartan").disease("gout", "DOID:13189")
           .outcome("relapse", "relapse").therapy("valsartan", nth=0)
           .outcome("death", "death", category="safety"))
    assert doc.claims() == {("valsartan", "DOID:13189", "relapse", False)}


CUE_EXAMPLES = [
    # (cue list, sentence it must match, sentence it must not match)
    ("other_study", "In an earlier study, the team showed that the supplement improves memory in mice.",
     "This study showed that memory improved in 12 of 20 patients."),
    ("other_study", "Several studies have shown that the class lowers blood pressure.",
     "In these trials the second regimen improved the results."),
    ("other_study", "In a related editorial, a cardiologist said such treatments could cut heart attacks.",
     "The researchers said the results were encouraging."),
    ("other_study_comparison", "Safety was in line with earlier reports: mild CRS in eight patients.",
     "In an earlier study, the team showed that the supplement improves memory in mice."),
    ("other_study_comparison", "Responses were more frequent than in previous trials of the drug.",
     "Previous trials of the drug found no benefit."),
    ("other_treatment", "The results show that an implanted nerve stimulator significantly improves symptoms.",
     "After surgery, pain improved in 12 of 20 patients."),
    ("other_treatment", "We conclude that relaxation and imagery training reduces pain.",
     "We conclude that drugamab reduces pain."),
    ("untreated", "Untreated patients relapsed within a year.", "Patients stayed in remission without further therapy."),
    ("untreated", "Two patients progressed while waiting for their cells.", "Patients were treated with valsartan."),
    ("study_result", "Gout relapsed in 4 of 20 patients.", "Gout is a frequent cause of death."),
    ("study_result", "Side effects were mild.", "Relapse remains a problem."),
    ("study_result", "She relapsed after nine months.", "\"Relapse is common,\" he said."),
    ("study_result", "Responses were more frequent in the treatment group (p < 0.01).", "One of the main causes of death."),
    ("general", "About 3,000 women a year die of gout.", "Three of 20 patients died."),
    ("general", "Gout is the leading cause of arthritis worldwide.", "Gout relapsed in 15% of the treated patients."),
    ("endpoint", "We sought to determine whether valsartan prevents relapse.", "Valsartan prevented relapse."),
    ("endpoint", "Patients in remission were randomized to valsartan or placebo.", "Patients randomized to valsartan relapsed less."),
    ("endpoint", "The outcome measures were relapse and response.", "Response was seen in 12 patients."),
    ("furniture", "Results follow.\n###\nAbout Acme Pharma\n", "We asked about Acme's results.\n"),
    ("furniture", "Text.\nReferences\n1. Smith J.", "Text with references to earlier work.\n"),
    ("outcome_treatment", "CRS resolved after it was treated with tocilizumab.", "those treated with drugamab"),
    ("outcome_treatment", "Flares required steroids.", "patients who were treated with valsartan"),
    ("combination", "A combination approach shrank tumours.", "Drugamab was compared with placebo."),
    ("together", " plus ", " versus "),
    ("regimen_join", " 200 mg followed by ", " 200 mg or "),
    ("regimen_join", " 5 mg + ", " +/- "),
    ("treatment_given", "Half of the patients received ", "Half of the patients will be offered "),
    ("together", " and the experimental agent ", " with "),
    ("arm_reference", "more often with the regimen containing ", "more often with "),
    ("arm_reference_suffix", " regimen (12%)", " (12%) than with placebo"),
    ("endpoint", "The outcomes of interest were relapse and response.", "No deaths were recorded in either group."),
    ("endpoint", "Adverse events were recorded at every visit.", "None of the relapses was recorded late."),
    ("study_result", "No deaths occurred in either group.", "Deaths from gout are rare."),
    ("prevented", "Drugamab is given to prevent deep ", "Drugamab is given to patients with "),
    ("prevented", "a trial of drugamab as prophylaxis against ", "a trial of drugamab in patients with "),
    ("recurrence", " recurrence in the first year", " in the first year"),
    ("recurrence", " (DU) relapses", " (DU) patients"),
    ("recurrence_before", "to prevent relapse of ", "to prevent "),
    ("background", "Both treatment groups were given intravenous ", "Both groups improved with "),
    ("relative_to", " was better than ", " was good with "),
    ("relative_to", " a greater reduction in pain over the ", " a reduction in pain over 12 weeks with "),
    ("relative_to", " was as effective as two tablets of ", " excellent results as first line treatment with "),
    ("background", "All patients also received ", "All patients received "),
    ("background", "The antibiotic was added to oral ", "In addition to the effect of "),
    ("background", "Adding the new tablet to inhaled ", "Adding "),
    ("background", "The addition of the new tablet to ", "The addition of "),
    ("background", "The addition of the new tablet to oral comparamab plus ", "Comparamab plus "),
    ("background", "Adding the new tablet to standard drugamab and ", "The new tablet and "),
    ("background", "Participants already taking ", "Participants taking "),
    ("background", "given on top of stable doses of ", "given on top of the bed to "),
    ("upcoming_study", "A second trial comparing the two tablets is fully enrolled.", "This ongoing trial compared the two tablets."),
    ("upcoming_study", "A future study will compare drugamab with comparamab.", "The study compared drugamab with comparamab."),
    ("background", "Many patients discontinue ", "Many patients continue on "),
    ("background", "after stopping ", "after starting "),
    ("not_population", "Drugamab should not be used in patients with ", "Drugamab was used in patients with "),
    ("not_population", "Night urination can be caused by conditions such as ", "Night urination improved in "),
    ("outcome_cause", " associated with the ", " (41%) with "),
    ("other_indication", "Drugamab, usually used for ", "Drugamab was used for "),
    ("other_indication", "a drug already approved for the treatment of ", "a trial in patients with "),
    ("other_indication", "originally developed to treat ", "was developed in patients with "),
    ("other_indication", "a pill widely prescribed for ", "a pill given for "),
    ("other_indication", "a drug already being used to treat ", "a drug being tested in patients with "),
    ("indication_label", " drug eased the tremor", " drug-resistant strains spread"),
    ("indication_label", "'s medicines help", " medication-induced rash"),
    ("outcome_cause", " induced by ", " in patients given "),
    ("class_example", "newer antidepressants, such as ", "patients with diseases such as "),
    ("class_example", "the type of drug sold under the names Brandix, ", "the drug sold well in "),
    ("disease_qualifier", " physician at the clinic", " patients were treated"),
    ("disease_qualifier", " Care Alliance", " care was given"),
    ("disease_qualifier", " Care Alliance", "\n\nDoctors in Berlin said"),
    ("arm_count", "All three drugs improved vision.", "All three groups improved."),
    ("arm_count", "a trial comparing two antibiotics", "patients took two antibiotics daily"),
    ("background", "Patients stayed on background ", "BACKGROUND "),
    ("background", "Background therapy with ", "Background: "),
    ("class_example", "a synthetic anti-rheumatic drug (DMARD) such as ", "the drug was given as well as "),
    ("study_result", "Itching was significantly reduced.", "Itching is a common problem."),
    ("study_result", "In all four trials, itching fell.", "Trials of itching remedies are rare."),
    ("study_result", "A good response to therapy was confirmed on the follow-up scan.",
     "Response to treatment is often poor in this form of gout."),
    ("headline_therapy", "New vaccine shows promising results", "Treatment of gout: an overview"),
    ("headline_therapy", "Clot-buster drug may reduce disability", "Drug-resistant infections are spreading"),
    ("comparison", "remission in 40% compared with 13.5% in the", "remission in 40%. In the"),
    ("relative_to", " was lower ( p less than 0.05 ) than with ", " ( p less than 0.05 ) when taking "),
    ("endpoint", "MAIN OUTCOME MEASURES Pain scores and rescue drug use.", "Drugamab was better than placebo on the primary outcome measure."),
    ("endpoint", "The efficacy variables were pain and sleep.", "Scores improved further on all outcome measures."),
    ("endpoint", "MAIN OUTCOME MEASURES Change in pain on outcome measures.", "Pain improved on the main outcome measures."),
    ("untreated_comparison", "4.5 in those given the block versus 4.9 in those not given it", "4.9 in the women not given it"),
    ("relative_versus", " significantly versus once-weekly ", " versus 150 mL with "),
    ("relative_versus", " compared with those given ", " and with "),
    ("design", "This study compares the effects of drugamab and comparamab.", "Drugamab was given daily."),
    ("design", "A comparison of drugamab with comparamab in gout.", "Drugamab helped patients with gout."),
    ("arm_label", "Group A received drugamab and group B received comparamab.", "A group of 12 patients received it."),
    ("arm_label", "drugamab 5 mg ( group C ) or comparamab", "arm pain after drugamab 5 mg"),
    ("symptom_target", "Drugamab for the relief of hot flushes in women with ", "Drugamab for women with "),
    ("defined_condition", "choroidal swelling, a severe form of ", "choroidal swelling, similar to "),
    ("defined_condition", "the disorder is what used to be called chronic ", "the disorder is what used to cause "),
    ("defined_condition", "hip pain (formerly known as ", "hip pain known to worsen with "),
    ("class_members", " subtypes, including ", " subtypes were excluded, unlike "),
    ("class_members", " diseases such as ", " diseases in children and "),
    ("symptom_target", "Drugamab eases worry and depression in older people with ", "Drugamab eases pain in people with "),
    ("symptom_target", "a trial of drugamab for disturbed sleep in ", "a trial of drugamab in "),
    ("yardstick_before", "The tablet cut flares by half compared with ", "The tablet cut flares by half and "),
    ("yardstick_before", "It was judged, if not better than, ", "It was non-inferior to "),
    ("yardstick_before", "Compared to the standard 20 mg dose of ", "Patients were compared on "),
    ("pretreatment", "whereas before treatment they had two flares a year", "two flares occurred after treatment"),
    ("pretreatment", "four died before they could be given the cells", "four died after the cells were given"),
    ("pretreatment", "in the pre-treatment year", "in the treatment year"),
    ("pretreatment_change", "the flare rate fell from 2 before treatment to 0.2", "two flares a year before treatment"),
    ("non_drug_title", "Wearable device eases ", "Daily tablet eases "),
    ("non_drug_title", "Mindfulness training lowers ", "Drugamab lowers "),
    ("non_drug_title", "Effects of tactile massage ", "Effect of a dental cream "),
]


@pytest.mark.parametrize(("cue", "example", "counterexample"), CUE_EXAMPLES)
def test_cue_lists_match_their_examples_and_not_their_counterexamples(cue, example, counterexample):
    pattern = getattr(CONFIG, cue)
    assert pattern.search(example), example
    assert not pattern.search(counterexample), counterexample


def test_a_sentence_naming_no_therapy_about_another_study_or_treatment_is_not_the_studied_drugs():
    title = "Drugamab for gout"
    earlier = (HandDoc("\"In a previous study, we showed that the treatment improves memory in diabetic rats,\" he said.",
                       title=title)
               .therapy("Drugamab", "drugamab").disease("gout", "DOID:13189").disease("diabetic", "DOID:9351")
               .outcome("improves memory", "improvement"))
    assert earlier.claims() == set()
    device = (HandDoc("A second study found that an implanted nerve stimulator significantly improves symptoms "
                      "in 12 of 20 patients with gout.", title=title)
              .therapy("Drugamab", "drugamab").disease("gout", "DOID:13189", nth=1)
              .outcome("improves symptoms", "improvement"))
    assert device.claims() == set()
    compared = (HandDoc("Safety was in line with earlier reports: two patients had mild CRS.", title=title)
                .therapy("Drugamab", "drugamab").disease("gout", "DOID:13189").outcome("CRS", "crs", category="safety"))
    assert compared.claims() == {("drugamab", "DOID:13189", "crs", False)}
    own = (HandDoc("Symptoms improved in 12 of 20 patients with gout.", title=title)
           .therapy("Drugamab", "drugamab").disease("gout", "DOID:13189", nth=1).outcome("improved", "improvement"))
    assert own.claims() == {("drugamab", "DOID:13189", "improvement", False)}


def test_patients_treated_with_a_drug_after_the_outcome_are_its_arm():
    doc = (HandDoc("Responses in patients treated with drugamab were better than in those treated with "
                   "comparamab (90% versus 80%).", title="Drugamab versus comparamab or thirdamab in gout")
           .therapy("Drugamab", "drugamab").therapy("comparamab", nth=0).therapy("thirdamab")
           .disease("gout", "DOID:13189")
           .therapy("drugamab", nth=0).therapy("comparamab", nth=1).outcome("Responses", "response"))
    assert doc.claims() == {("drugamab", "DOID:13189", "response", False),
                            ("comparamab", "DOID:13189", "response", False)}


def test_drugs_listed_with_a_studied_arm_after_the_outcome_share_its_result():
    doc = (HandDoc("Pain relief was greatest with drugamab, followed by otheramab, comparamab and thirdamab.",
                   title="Drugamab, comparamab and thirdamab in gout")
           .therapy("Drugamab", "drugamab").therapy("comparamab", nth=0).therapy("thirdamab", nth=0)
           .disease("gout", "DOID:13189").therapy("drugamab", nth=0).therapy("otheramab")
           .therapy("comparamab", nth=1).therapy("thirdamab", nth=1).outcome("Pain relief", "improvement"))
    assert {c[0] for c in doc.claims()} == {"drugamab", "otheramab", "comparamab", "thirdamab"}


def test_a_drug_named_after_the_outcome_for_another_reason_stays_out():
    doc = (HandDoc("Relapse was rare with drugamab, although otheramab was added in three patients.",
                   title="Drugamab in gout")
           .therapy("Drugamab", "drugamab").disease("gout", "DOID:13189").therapy("drugamab")
           .therapy("otheramab").outcome("Relapse", "relapse"))
    assert doc.claims() == {("drugamab", "DOID:13189", "relapse", False)}


def test_in_a_combination_study_the_drugs_given_together_share_results_that_name_neither():
    doc = (HandDoc("A combination approach helps patients with melanoma. The study used drugamab and the "
                   "experimental agent XY-101. Drugamab is approved. Seven of nine patients responded to the "
                   "combination.", title="Combination shows promise in melanoma")
           .disease("melanoma", "DOID:1909", nth=1).disease("melanoma", "DOID:1909", nth=0)
           .therapy("drugamab").therapy("XY-101").therapy("Drugamab", "drugamab").outcome("responded", "response"))
    assert doc.claims() == {("drugamab", "DOID:1909", "response", False), ("xy-101", "DOID:1909", "response", False)}


def test_without_a_combination_drugs_named_together_in_passing_are_not_studied():
    # a combination named only in the body ("in combination with" other drugs, a label) is not the study's
    doc = (HandDoc("The study used drugamab. Drugamab and otheramab are approved in combination with "
                   "chemotherapy. Seven of nine patients responded.", title="Drugamab shows promise in melanoma")
           .therapy("Drugamab", "drugamab").disease("melanoma", "DOID:1909").therapy("drugamab")
           .therapy("Drugamab", "drugamab", nth=1).therapy("otheramab").outcome("responded", "response"))
    assert doc.claims() == {("drugamab", "DOID:1909", "response", False)}


def test_a_regimen_named_by_one_drug_gives_its_partners_the_result():
    title = "Drugamab plus basemycin versus comparamab plus basemycin for infections"
    doc = (HandDoc("Cure was more frequent with the regimen containing drugamab (54%) than with comparamab "
                   "(38%). Cure was more frequent in the drugamab group.", title=title)
           .therapy("Drugamab", "drugamab").therapy("basemycin").therapy("comparamab")
           .therapy("basemycin", nth=1).therapy("drugamab").therapy("comparamab", nth=1)
           .outcome("Cure", "improvement"))
    assert {c[0] for c in doc.claims()} == {"drugamab", "comparamab", "basemycin"}
    # an arm or group named after a drug is that drug's: the partners there are the common background
    doc = (HandDoc("Cure was more frequent in the drugamab group (54%).", title=title)
           .therapy("Drugamab", "drugamab").therapy("basemycin").therapy("comparamab")
           .therapy("basemycin", nth=1).therapy("drugamab").outcome("Cure", "improvement"))
    assert {c[0] for c in doc.claims()} == {"drugamab"}


def test_patients_named_by_an_adverse_event_adjective_have_that_condition():
    doc = (HandDoc("The groups were matched for duration of neutropenia. Fever resolved more often with "
                   "drugamab (54%) than with comparamab (38%).",
                   title="Drugamab versus comparamab for fever in neutropenic patients")
           .therapy("Drugamab", "drugamab").therapy("comparamab").disease("neutropenia", "DOID:1227")
           .therapy("drugamab").therapy("comparamab", nth=1).outcome("Fever resolved", "improvement"))
    assert doc.claims() == {("drugamab", "DOID:1227", "improvement", False),
                            ("comparamab", "DOID:1227", "improvement", False)}
    # without the adjective, neutropenia stays an adverse event
    doc = (HandDoc("Neutropenia occurred in 10%. Fever resolved more often with drugamab (54%) than with "
                   "comparamab (38%).", title="Drugamab versus comparamab for fever")
           .therapy("Drugamab", "drugamab").therapy("comparamab").disease("Neutropenia", "DOID:1227", "neutropenia")
           .therapy("drugamab").therapy("comparamab", nth=1).outcome("Fever resolved", "improvement"))
    assert doc.claims() == {("drugamab", None, "improvement", False), ("comparamab", None, "improvement", False)}


@pytest.mark.parametrize("sentence", [
    # drugs a sentence names as a regimen
    "We enrolled patients with melanoma in a study using drugamab, basemycin and otheramab combination therapy.",
    "Patients with melanoma received a combination of drugamab, basemycin and otheramab.",
    # "plus", "+", "followed by", "in combination with" between drugs given to the patients: one arm's regimen
    "One half of the patients with melanoma received drugamab 40 mg followed by basemycin 10 mg + otheramab 5 mg weekly.",
    "The patients with melanoma were divided into two groups, each receiving drugamab in combination with "
    "basemycin followed by otheramab.",
])
def test_drugs_given_as_one_regimen_are_studied_together(sentence):
    doc = (HandDoc(f"{sentence} Drugamab levels were measured. Seven of nine patients responded (p = 0.01).",
                   title="Drugamab levels in melanoma")
           .disease("melanoma", "DOID:1909").disease("melanoma", "DOID:1909", nth=1)
           .therapy("Drugamab", "drugamab").therapy("drugamab").therapy("basemycin").therapy("otheramab")
           .therapy("Drugamab", "drugamab", nth=1).outcome("responded", "response"))
    assert {c[0] for c in doc.claims()} == {"drugamab", "basemycin", "otheramab"}


def test_drugs_joined_by_and_or_outside_a_treatment_sentence_are_no_regimen():
    # "and" also lists the arms of a comparison; "plus" in a sentence giving no one a treatment is a plan or advice
    for sentence in ("One half of the patients received drugamab and the other half basemycin.",
                     "Later lines may add drugamab plus basemycin."):
        doc = (HandDoc(f"{sentence} Relapse was less frequent in the treated patients (p = 0.01).",
                       title="Drugamab for melanoma")
               .disease("melanoma", "DOID:1909").therapy("Drugamab", "drugamab").therapy("drugamab")
               .therapy("basemycin").outcome("Relapse", "relapse"))
        assert {c[0] for c in doc.claims()} == {"drugamab"}


def test_a_combination_merely_mentioned_is_no_regimen_of_the_study():
    # "the combination of three drugs - X plus Y": the cue is not right before the list
    doc = (HandDoc("A future trial will test the combination of three drugs - drugamab plus basemycin. "
                   "Seven of nine patients responded (p = 0.01).", title="Drugamab in melanoma")
           .disease("melanoma", "DOID:1909").therapy("Drugamab", "drugamab").therapy("drugamab")
           .therapy("basemycin").outcome("responded", "response"))
    assert {c[0] for c in doc.claims()} == {"drugamab"}


def test_the_disease_a_therapy_treats_is_the_condition_of_its_result():
    doc = (HandDoc("Drugamab, used to treat gout in patients undergoing cancer therapy, is safe and effective.",
                   title="Drugamab for gout in cancer patients")
           .therapy("Drugamab", "drugamab").disease("gout", "DOID:13189").disease("cancer", "DOID:162")
           .therapy("Drugamab", "drugamab", nth=1).disease("gout", "DOID:13189", nth=1)
           .disease("cancer", "DOID:162", nth=1).outcome("safe and effective", "improvement"))
    assert doc.claims() == {("drugamab", "DOID:13189", "improvement", False)}


def test_a_drug_inside_the_outcomes_own_words_is_its_subject():
    doc = (HandDoc("The antihypertensive effect of drugamab and basemycin was not reduced by zolastatin.",
                   title="Drugamab in hypertension")
           .therapy("Drugamab", "drugamab").disease("hypertension", "DOID:10763")
           .therapy("drugamab", nth=0).therapy("basemycin").therapy("zolastatin")
           .outcome("antihypertensive effect of drugamab and basemycin was", "improvement"))
    assert {c[0] for c in doc.claims()} == {"drugamab", "basemycin"}


def test_an_outcome_stated_for_a_list_of_diseases_goes_to_each():
    listed = (HandDoc("Drugamab was effective for older patients seeking relief of gout symptoms, psoriasis, "
                      "asthma and lupus.", title="Drugamab in older patients")
              .therapy("Drugamab", "drugamab").therapy("Drugamab", "drugamab", nth=1)
              .outcome("effective", "improvement").disease("gout", "DOID:13189")
              .disease("psoriasis", "DOID:8893").disease("asthma", "DOID:2841").disease("lupus", "DOID:9074"))
    assert {c[1] for c in listed.claims()} == {"DOID:13189", "DOID:8893", "DOID:2841", "DOID:9074"}
    # a clause of its own after the outcome lists comorbidities, not what the outcome is stated for
    clause = (HandDoc("Drugamab was effective in patients with gout; psoriasis and asthma were common.",
                      title="Drugamab in gout")
              .therapy("Drugamab", "drugamab").disease("gout", "DOID:13189").therapy("Drugamab", "drugamab", nth=1)
              .outcome("effective", "improvement").disease("gout", "DOID:13189", nth=1)
              .disease("psoriasis", "DOID:8893").disease("asthma", "DOID:2841"))
    assert {c[1] for c in clause.claims()} == {"DOID:13189"}


def test_a_recurrence_naming_no_disease_is_of_the_disease_the_document_says_recurs():
    doc = (HandDoc("There were 14 recurrences of pneumocystosis with drugamab and 36 with basemycin. "
                   "The recurrence rates were 11% and 28% in the two groups (p < 0.01).",
                   title="Drugamab or basemycin for prophylaxis of pneumocystosis in patients with AIDS")
           .therapy("Drugamab", "drugamab").therapy("basemycin").disease("pneumocystosis", "DOID:11339")
           .disease("AIDS", "DOID:635").outcome("recurrences", "relapse")
           .disease("pneumocystosis", "DOID:11339", nth=1).therapy("drugamab").therapy("basemycin", nth=1)
           .outcome("recurrence", "relapse", nth=1))
    assert {c[1] for c in doc.claims()} == {"DOID:11339"}


def test_a_title_disease_the_treatment_only_prevents_is_no_population():
    doc = (HandDoc("Forty patients having knee surgery were given dextran. No deaths were recorded in either "
                   "group.", title="Dextran as prophylaxis against thrombosis after knee surgery")
           .therapy("Dextran", "dextran").disease("thrombosis", "DOID:0060903").therapy("dextran")
           .outcome("deaths", "death", negated=True, category="safety"))
    assert doc.claims() == {("dextran", None, "death", True)}
    # ... the patients' own disease, named in the body, is the population then
    other = (HandDoc("Men with hypogonadism were followed for years. Only two deaths occurred in the treated "
                     "group.", title="Androgenol gives protection against heart disease")
             .therapy("Androgenol", "androgenol").disease("heart disease", "DOID:114")
             .disease("hypogonadism", "DOID:1924").outcome("deaths", "death", category="safety"))
    assert other.claims() == {("androgenol", "DOID:1924", "death", False)}


def test_preventing_a_disease_from_coming_back_keeps_it_the_population():
    recurrence = (HandDoc("In 60 patients, relapse occurred in 10% on ranitidine.",
                          title="Ranitidine for the prevention of duodenal ulcer recurrence")
                  .therapy("Ranitidine", "ranitidine").disease("duodenal ulcer", "DOID:1724")
                  .outcome("relapse", "relapse").therapy("ranitidine"))
    assert recurrence.claims() == {("ranitidine", "DOID:1724", "relapse", False)}
    # ... and so does naming it as the patients' condition elsewhere in the title
    named = (HandDoc("Recurrence was seen in 30% of 50 patients on digoxin.",
                     title="Digoxin for the prevention of atrial fibrillation. Patients with atrial fibrillation "
                           "were randomly assigned to digoxin or placebo")
             .therapy("Digoxin", "digoxin").disease("atrial fibrillation", "DOID:0060224")
             .disease("atrial fibrillation", "DOID:0060224", nth=1).therapy("digoxin", nth=0)
             .outcome("Recurrence", "relapse").therapy("digoxin", nth=1))
    assert named.claims() == {("digoxin", "DOID:0060224", "relapse", False)}


def test_a_document_naming_one_disease_is_about_it_unless_it_prevents_it():
    doc = (HandDoc("Drugamab was given before lithotripsy of ureteric stones. Drugamab markedly improved the "
                   "results.", title="Effect of drugamab during lithotripsy")
           .therapy("drugamab").therapy("Drugamab", "drugamab").therapy("Drugamab", "drugamab", nth=1)
           .disease("ureteric stones", "DOID:14146").outcome("improved", "improvement"))
    assert doc.claims() == {("drugamab", "DOID:14146", "improvement", False)}


def test_a_disease_class_the_patients_are_treated_for_is_the_target():
    doc = (HandDoc("Treatment of reflux disease with drugamab was studied. Pain relief was faster with "
                   "drugamab.", title="An office study")
           .disease("reflux disease", "DOID:8534", **{"class": True}).therapy("drugamab")
           .outcome("Pain relief", "improvement").therapy("drugamab", nth=1))
    assert doc.claims() == {("drugamab", "DOID:8534", "improvement", False)}


def test_a_drug_given_to_every_arm_is_not_the_studied_therapy():
    doc = (HandDoc("Patients with anaemia were randomized to two doses of a hormone. Both groups were given "
                   "intravenous zolafer. Haemoglobin improved more with the higher dose (p = 0.01).")
           .disease("anaemia", "DOID:2355").therapy("zolafer").outcome("improved", "improvement"))
    assert doc.claims() == set()


def test_a_drug_with_its_regimen_partner_before_a_background_suffix_is_background():
    from cartmine.linking.anchors import DocumentIndex

    text = "Drugamab was given to peginterferon/RBV treatment-experienced patients."
    mentions = [Mention("THERAPY", "Drugamab", 0, 8, "drugamab", None, {}),
                Mention("THERAPY", "peginterferon", 22, 35, "peginterferon alfa", None, {})]
    index = DocumentIndex(DocumentLayout(text, ((0, len(text)),)), CONFIG, mentions)
    assert [index.role(m) for m in mentions] == ["arm", "background"]


def test_the_condition_a_drug_is_named_for_is_no_result():
    doc = (HandDoc("Drugamab is the last option for treating MRSA-related infections in 12 patients.",
                   title="Drugamab against MRSA")
           .therapy("Drugamab", "drugamab").therapy("Drugamab", "drugamab", nth=1)
           .outcome("infections", "infection", category="safety"))
    assert doc.claims() == set()


def test_a_title_class_stands_for_the_one_specific_disease_of_its_group_the_patients_have():
    def doc(title_words: str, title_id: str, group: str, specific: str, specific_id: str, specific_group: str) -> set:
        return (HandDoc(f"Patients with {specific} received drugamab. Remission was achieved in 12 patients.",
                        title=f"Drugamab in a lethal type of {title_words}")
                .therapy("Drugamab", "drugamab").disease(title_words, title_id, nth=0, **{"class": True, "group": group})
                .disease(specific, specific_id, group=specific_group, **{"class": False}).therapy("drugamab")
                .outcome("Remission", "remission")).claims()

    assert doc("leukemia", "DOID:1240", "hematologic cancer", "AML", "DOID:9119", "hematologic cancer") == {
        ("drugamab", "DOID:9119", "remission", False)}
    # the catch-all group "other" holds nothing: anxiety does not stand for depression
    assert doc("anxiety", "DOID:2030", "other", "depression", "DOID:1596", "other") == {
        ("drugamab", "DOID:2030", "remission", False)}


def test_a_disease_the_drug_must_not_be_given_in_is_no_population():
    doc = (HandDoc("Drugamab reduced night urination in 300 patients (p < 0.01). Drugamab should not be used in "
                   "patients with heart failure.", title="Drugamab approved for night urination")
           .therapy("Drugamab", "drugamab").therapy("Drugamab", "drugamab", nth=1).therapy("Drugamab", "drugamab", nth=2)
           .outcome("reduced night urination", "improvement").disease("heart failure", "DOID:6000"))
    assert doc.claims() == {("drugamab", None, "improvement", False)}


def test_a_drug_named_as_the_cause_of_what_improved_is_not_its_therapy():
    # basemycin, the most named drug, is the document's main therapy: only the cue keeps it out
    doc = (HandDoc("Basemycin often hurts on injection. Basemycin is widely used. Pretreatment with drugamab "
                   "effectively attenuated pain associated with basemycin injection.",
                   title="Drugamab before basemycin injection")
           .therapy("Drugamab", "drugamab").therapy("basemycin").therapy("Basemycin", "basemycin")
           .therapy("Basemycin", "basemycin", nth=1).therapy("drugamab").therapy("basemycin", nth=1)
           .outcome("attenuated pain", "improvement"))
    assert {c[0] for c in doc.claims()} == {"drugamab"}


def test_a_claim_about_one_population_named_at_two_levels_gets_one_record():
    doc = (HandDoc("In ovarian carcinoma patients, response rates were 52% with drugamab. The response was "
                   "durable in 12 patients.", title="Drugamab in ovarian cancer")
           .therapy("Drugamab", "drugamab").disease("ovarian cancer", "DOID:2394")
           .disease("ovarian carcinoma", "DOID:4001").therapy("drugamab")
           .outcome("response", "response").outcome("response", "response", nth=1))
    # the first sentence names ovarian carcinoma, the second gets the target: one record, the target's
    assert doc.claims() == {("drugamab", "DOID:2394", "response", False)}
    # different diseases stay apart
    other = (HandDoc("Drugamab was effective in gout, psoriasis and asthma (p = 0.02).", title="Drugamab")
             .therapy("Drugamab", "drugamab").therapy("Drugamab", "drugamab", nth=1)
             .outcome("effective", "improvement").disease("gout", "DOID:13189").disease("psoriasis", "DOID:8893")
             .disease("asthma", "DOID:2841"))
    assert len(other.claims()) == 3


#: a hand-written hierarchy: "subtype x" and "subtype y" are kinds of "broad disease"
HIERARCHY = {"DOID:X1": ["DOID:B"], "DOID:Y1": ["DOID:B"]}


def _headline_doc(body: str) -> HandDoc:
    doc = HandDoc(body, title="New drug works in broad disease")
    doc.therapy("drugamab").disease("broad disease", "DOID:B")
    for i in range(body.count("subtype x")):
        doc.disease("subtype x", "DOID:X1", nth=i)
    for i in range(body.count("subtype y")):
        doc.disease("subtype y", "DOID:Y1", nth=i)
    return doc.outcome("responded", "response")


def test_a_headline_disease_stands_for_the_one_subtype_the_body_studies():
    body = ("In the trial, 40 patients with subtype x received drugamab. Most patients responded. "
            "Subtype x is rare, and subtype x patients have had no approved option.")
    doc = _headline_doc(body.replace("Subtype x", "subtype x"))
    assert doc.claims(HIERARCHY) == {("drugamab", "DOID:X1", "response", False)}
    # without the ontology the headline's term stays
    assert doc.claims() == {("drugamab", "DOID:B", "response", False)}


def test_a_headline_disease_stays_where_the_subtype_is_rarer_or_not_alone():
    rarer = _headline_doc("Both patients had subtype x. Most patients responded after drugamab, and broad "
                          "disease did not progress. Broad disease is common.")
    rarer.disease("broad disease", "DOID:B", nth=1).disease("Broad disease", "DOID:B", norm="broad disease")
    assert rarer.claims(HIERARCHY) == {("drugamab", "DOID:B", "response", False)}
    two = _headline_doc("Patients with subtype x and patients with subtype y received drugamab. Most patients "
                        "responded. subtype x and subtype y are rare.")
    assert two.claims(HIERARCHY) == {("drugamab", "DOID:B", "response", False)}


def test_earlier_evidence_about_a_drug_is_no_prior_treatment():
    doc = (HandDoc("Previous studies have suggested that drugamab improves lung function in patients with gout.")
           .therapy("drugamab").outcome("improves", "improvement").disease("gout", "DOID:13189"))
    assert doc.claims() == {("drugamab", "DOID:13189", "improvement", False)}
    # ... while a drug the patients had before is still their history
    treated = (HandDoc("Pain improved in 12 patients with gout previously treated with drugamab.")
               .therapy("drugamab").outcome("improved", "improvement").disease("gout", "DOID:13189"))
    assert treated.claims() == set()


def test_a_claim_for_a_class_of_several_named_diseases_is_not_merged_into_one_of_them():
    doc = (HandDoc("Drugamab gave clinical benefit to 6 patients with HER2-positive cancers. One patient with "
                   "ovarian cancer had a complete response and one with gastric cancer a partial response. "
                   "The trial then opened to patients with breast cancer after clinical benefit was seen.",
                   title="Drugamab vaccine")
           .therapy("Drugamab", "drugamab").therapy("Drugamab", "drugamab", nth=1)
           .outcome("clinical benefit", "improvement").disease("cancers", "DOID:162", norm="cancer", **{"class": True})
           .disease("ovarian cancer", "DOID:2394").outcome("complete response", "complete_response")
           .disease("gastric cancer", "DOID:10534").outcome("partial response", "response")
           .disease("breast cancer", "DOID:1612").outcome("clinical benefit", "improvement", nth=1))
    improvement = {c[1] for c in doc.claims() if c[2] == "improvement"}
    assert improvement == {"DOID:162", "DOID:1612"}
    # one specific disease of that head: the class is the same population at a broader level
    one = (HandDoc("Drugamab gave clinical benefit to 6 patients with cancer. The trial then opened to more "
                   "patients with breast cancer after clinical benefit was seen.", title="Drugamab vaccine")
           .therapy("Drugamab", "drugamab").therapy("Drugamab", "drugamab", nth=1)
           .outcome("clinical benefit", "improvement").disease("cancer", "DOID:162", **{"class": True})
           .disease("breast cancer", "DOID:1612").outcome("clinical benefit", "improvement", nth=1))
    assert {c[1] for c in one.claims()} == {"DOID:1612"}


def test_a_headline_disease_stands_for_the_subtype_the_patients_were_randomized_with():
    # the title's term is named as often as the subtype, but the subtype is whom the trial enrolled
    doc = (HandDoc("Broad disease is hard to treat. In all, 80 children with subtype x were randomized to "
                   "drugamab or placebo. Most patients responded. Broad disease remains a burden.",
                   title="New drug works in broad disease")
           .therapy("drugamab").disease("broad disease", "DOID:B")
           .disease("Broad disease", "DOID:B", norm="broad disease")
           .disease("Broad disease", "DOID:B", norm="broad disease", nth=1)
           .disease("subtype x", "DOID:X1").outcome("responded", "response"))
    assert doc.claims(HIERARCHY) == {("drugamab", "DOID:X1", "response", False)}


def test_a_drugs_other_indication_is_not_the_population_where_the_patients_have_another_disease():
    # the title names two diseases; the one named as the drug's approved use is not the patients'
    doc = (HandDoc("Flares fell in 20 of 30 treated patients.",
                   title="Drugamab, approved for the treatment of psoriasis, works in uveitis")
           .therapy("Drugamab", "drugamab").disease("psoriasis", "DOID:8893").disease("uveitis", "DOID:13141")
           .outcome("Flares fell", "improvement"))
    assert doc.claims() == {("drugamab", "DOID:13141", "improvement", False)}
    # in the result sentence itself ("treatment of" would otherwise make it the treated disease)
    doc = (HandDoc("Drugamab, already approved for the treatment of psoriasis and gout, gave remission in 20 of 30 "
                   "patients with uveitis.", title="A new use for drugamab")
           .therapy("Drugamab", "drugamab").disease("psoriasis", "DOID:8893").disease("gout", "DOID:13189")
           .disease("uveitis", "DOID:13141").outcome("remission", "remission"))
    assert doc.claims() == {("drugamab", "DOID:13141", "remission", False)}


def test_a_disease_labelling_a_drug_is_its_indication_not_the_patients_disease():
    # "a gout drug": the drug's usual use; the patients have Parkinson's disease
    doc = (HandDoc("Forty patients with Parkinson's disease took drugamab. Walking improved in 30 of them.",
                   title="Common gout drug steadies gait in Parkinson's disease")
           .disease("gout", "DOID:13189").disease("Parkinson's disease", "DOID:14330")
           .disease("Parkinson's disease", "DOID:14330", nth=1).therapy("drugamab")
           .outcome("steadies gait", "improvement").outcome("Walking improved", "improvement"))
    assert doc.claims() == {("drugamab", "DOID:14330", "improvement", False)}
    # ... also where a quote names the drug's usual use in the result sentence itself
    doc = (HandDoc("We know drugamab works to treat gout, but our trial shows it can also improve walking speed.",
                   title="Common gout drug may help people with Parkinson's disease")
           .disease("gout", "DOID:13189").disease("Parkinson's disease", "DOID:14330")
           .disease("gout", "DOID:13189", nth=1).therapy("drugamab")
           .outcome("improve walking speed", "improvement"))
    assert doc.claims() == {("drugamab", "DOID:14330", "improvement", False)}
    # a headline naming one disease is about it, whatever the body calls an event's patients
    doc = (HandDoc("Spaced doses of drugamab cut flares in 20 of 30 patients. Patients with kidney stones were few.",
                   title="New dosing makes a gout drug safer")
           .disease("gout", "DOID:13189").disease("kidney stones", "DOID:585").therapy("drugamab")
           .outcome("cut flares", "improvement"))
    assert doc.claims() == {("drugamab", "DOID:13189", "improvement", False)}
    # a document whose patients have the labelled disease keeps it ("a new psoriasis drug cleared ...")
    doc = (HandDoc("Plaques cleared in 30 of 40 patients given drugamab.", title="New psoriasis drug clears plaques")
           .disease("psoriasis", "DOID:8893").therapy("drugamab").outcome("cleared", "improvement"))
    assert doc.claims() == {("drugamab", "DOID:8893", "improvement", False)}


def test_a_drugs_approved_indication_stays_where_it_is_the_patients_disease():
    # "patients with rheumatoid arthritis treated with X": no cue, the patients' disease
    doc = (HandDoc("Drugamab, already approved for rheumatoid arthritis, was tested in uveitis. In patients with "
                   "rheumatoid arthritis treated with drugamab, remission was reached by 40%.",
                   title="Drugamab in two diseases")
           .therapy("Drugamab", "drugamab", nth=1).disease("rheumatoid arthritis", "DOID:7148")
           .disease("uveitis", "DOID:13141").disease("rheumatoid arthritis", "DOID:7148", nth=1)
           .therapy("drugamab").outcome("remission", "remission"))
    assert doc.claims() == {("drugamab", "DOID:7148", "remission", False)}
    # a document naming no other disease is about the drug's indication
    doc = (HandDoc("Drugamab, usually used for gout, reduced pain in 12 of 20 patients.", title="Drugamab study")
           .therapy("Drugamab", "drugamab", nth=1).disease("gout", "DOID:13189").outcome("reduced pain", "improvement"))
    assert doc.claims() == {("drugamab", "DOID:13189", "improvement", False)}


def test_a_class_of_the_catch_all_group_does_not_stand_for_the_target():
    doc = (HandDoc("Children with autism received zolatonin. Zolatonin was efficacious in treating behavioural "
                   "symptoms associated with developmental disorders in children.",
                   title="Zolatonin in autism")
           .therapy("Zolatonin", "zolatonin").disease("autism", "DOID:12849", group="other")
           .disease("autism", "DOID:12849", nth=1, group="other").therapy("zolatonin", nth=0)
           .therapy("Zolatonin", "zolatonin", nth=1)
           .disease("developmental disorders", "DOID:0060040", **{"class": True, "group": "other"})
           .outcome("efficacious", "improvement"))
    assert ("zolatonin", "DOID:0060040", "improvement", False) in doc.claims()


def test_a_comparator_named_only_as_what_the_result_is_measured_against_gets_no_record():
    doc = (HandDoc("Patients with burns were randomized to a film dressing or to zolvadine. The film group had "
                   "a greater reduction in pain over the zolvadine group.", title="Zolvadine versus a film")
           .therapy("zolvadine").therapy("Zolvadine", "zolvadine").therapy("zolvadine", nth=1)
           .disease("burns", "DOID:0000001").outcome("reduction in pain", "improvement"))
    assert doc.claims() == set()
    # ... while a figure for its own arm is its result
    figures = (HandDoc("Patients with gout were randomized to zolacin or brovacin. Pain fell in 60% with zolacin "
                       "and in 40% with brovacin, fewer than with zolacin.", title="Zolacin versus brovacin")
               .therapy("Zolacin", "zolacin").therapy("brovacin").therapy("zolacin", nth=0)
               .therapy("brovacin", nth=1).therapy("zolacin", nth=1).therapy("brovacin", nth=2)
               .disease("gout", "DOID:13189").outcome("Pain fell", "improvement"))
    assert figures.claims() == {("zolacin", "DOID:13189", "improvement", False),
                                ("brovacin", "DOID:13189", "improvement", False)}
    # ... and the therapy named before "than" keeps its result
    better = (HandDoc("Patients with gout were randomized to zolacin or placebo. Pain relief was better with "
                      "zolacin than with placebo.", title="Zolacin for gout")
              .therapy("Zolacin", "zolacin").disease("gout", "DOID:13189").therapy("zolacin")
              .disease("gout", "DOID:13189", nth=1).therapy("zolacin", nth=1).outcome("Pain relief", "improvement"))
    assert better.claims() == {("zolacin", "DOID:13189", "improvement", False)}


def test_a_yardstick_comparator_does_not_take_a_result_its_sentence_gives_an_unnamed_arm():
    # the sentence's subject is a dressing (no v1 therapy) and its figure makes it a study result: the
    # studied-arm fallback must not hand the dressing's result to the drug it is measured against
    doc = (HandDoc("Patients with burns were randomized to a film dressing or to zolvadine. The film group had "
                   "a 40 per cent greater reduction in pain after the first change over the zolvadine group.",
                   title="Zolvadine versus a film")
           .therapy("zolvadine").therapy("Zolvadine", "zolvadine").therapy("zolvadine", nth=1)
           .disease("burns", "DOID:0000001").outcome("greater reduction in pain", "improvement"))
    assert doc.claims() == set()
    # ... while the same sentence with the drug's own figure is the drug's result
    own = (HandDoc("Patients with burns were randomized to a film dressing or to zolvadine. Pain fell by 40 per "
                   "cent with zolvadine.", title="Zolvadine versus a film")
           .therapy("zolvadine").therapy("Zolvadine", "zolvadine").therapy("zolvadine", nth=1)
           .disease("burns", "DOID:0000001").outcome("Pain fell", "improvement"))
    assert ("zolvadine", None, "improvement", False) in {(t, None, o, n) for t, _d, o, n in own.claims()}


def test_events_listed_with_a_death_are_not_its_disease_with_an_oxford_comma():
    # "a lower risk of heart attack, stroke, or death": heart attack and stroke are events counted with the
    # deaths, like "heart attack, stroke and death"; the death is the treated population's
    doc = (HandDoc("Men with hypogonadism treated with zolandrone had a lower risk of heart attack, stroke, or "
                   "death in 800 patients.", title="Zolandrone, heart attack and stroke in men with hypogonadism")
           .therapy("Zolandrone", "zolandrone").therapy("zolandrone").disease("heart attack", "DOID:5844")
           .disease("stroke", "DOID:0051061").disease("hypogonadism", "DOID:1924")
           .disease("hypogonadism", "DOID:1924", nth=1).disease("heart attack", "DOID:5844", nth=1)
           .disease("stroke", "DOID:0051061", nth=1).outcome("death", "death", category="safety"))
    assert doc.claims() == {("zolandrone", "DOID:1924", "death", False)}


def test_without_a_title_disease_the_enrolled_patients_disease_is_the_target():
    # "RA patients were randomized to ...": the disease that names the enrolled patients is the
    # population of a result sentence naming none
    doc = (HandDoc("RA patients were randomized to zolacin or brovacin. The endpoint was thrombosis. RESULTS "
                   "Both agents resulted in similar efficacy in 300 patients.", title="Safety of zolacin versus brovacin")
           .therapy("zolacin").therapy("brovacin").therapy("zolacin", nth=1).therapy("brovacin", nth=1)
           .disease("RA", "DOID:7148", norm="rheumatoid arthritis").disease("thrombosis", "DOID:0060903")
           .outcome("similar efficacy", "improvement"))
    assert doc.claims() == {("zolacin", "DOID:7148", "improvement", False),
                            ("brovacin", "DOID:7148", "improvement", False)}


# --- press releases (issue #15, helper "newsrec")

def test_a_drug_named_only_as_an_example_of_a_class_gets_no_records():
    # the review compared a drug class with talk therapy; the brands only illustrate the class
    doc = (HandDoc("The review compared newer antidepressants, such as Brandix and Otherix, with talk therapy. "
                   "Symptom improvement was similar between the two options in 1,200 patients.",
                   title="Talk therapy as good as pills for depression")
           .therapy("Brandix", "drugamab").therapy("Otherix", "otheramab")
           .disease("depression", "DOID:1596").outcome("improvement", "improvement"))
    assert doc.claims() == set()
    # "sold under the names ..." likewise
    sold = (HandDoc("Men given the class of drug sold under the names Brandix and Otherix were 30 percent less "
                    "likely to die.", title="Heart attack survivors and a class of drugs")
            .therapy("Brandix", "drugamab").therapy("Otherix", "otheramab")
            .disease("Heart attack", "DOID:5844").outcome("die", "death"))
    assert sold.claims() == set()


def test_a_class_example_the_text_also_names_on_its_own_keeps_its_records():
    doc = (HandDoc("The analysis compared placebo and painkillers such as drugamab and otheramab. Pain relief was "
                   "greatest with otheramab, followed by drugamab.", title="Pain drugs ranked for gout")
           .therapy("drugamab").therapy("otheramab").disease("gout", "DOID:13189")
           .outcome("Pain relief", "improvement").therapy("otheramab", nth=1).therapy("drugamab", nth=1))
    assert doc.claims() == {("otheramab", "DOID:13189", "improvement", False),
                            ("drugamab", "DOID:13189", "improvement", False)}


def test_a_headline_class_that_recurs_is_the_specific_disease_the_patients_have():
    # "leukemia relapse" in the headline, "patients with AML" in the body: a relapse naming no
    # disease is of AML, as the title class itself would be
    doc = (HandDoc("Patients with AML received drugamab after a transplant. Of 20 patients given only a "
                   "transplant, more than a quarter relapsed.", title="Cell therapy keeps leukemia relapse away")
           .disease("leukemia", "DOID:1240", **{"class": True, "group": "hematologic cancer"})
           .outcome("relapse", "relapse").disease("AML", "DOID:9119", **{"class": False, "group": "hematologic cancer"})
           .therapy("drugamab").therapy("transplant", "HSCT", nth=1).outcome("relapsed", "relapse"))
    assert ("HSCT", "DOID:9119", "relapse", False) in doc.claims()
    assert not any(c[1] == "DOID:1240" for c in doc.claims())


def test_a_headline_disease_stands_for_the_subtype_the_body_names_as_often():
    # a press release: the headline's broad term, the body's subtype (named as the patient's disease)
    # as often as the broad term overall
    doc = _headline_doc("She had advanced subtype x. The broad disease specialist said she responded to "
                        "drugamab. Two more subtype x patients now get it.")
    doc.disease("broad disease", "DOID:B", nth=1)
    assert doc.claims(HIERARCHY) == {("drugamab", "DOID:X1", "response", False)}


def test_a_disease_word_naming_a_job_or_an_institution_is_no_population():
    doc = (HandDoc("All 12 patients who received drugamab are still in remission, said a gout physician at the "
                   "hospital. She also treats gout patients.", title="Drugamab helps patients with AML")
           .therapy("Drugamab", "drugamab").disease("AML", "DOID:9119").therapy("drugamab")
           .outcome("in remission", "remission").disease("gout", "DOID:13189")
           .disease("gout", "DOID:13189", nth=1))
    assert doc.claims() == {("drugamab", "DOID:9119", "remission", False)}


def test_a_regimen_acronym_the_document_defines_names_each_of_its_drugs():
    text = ("Patients were given drugamab plus alphacin, betanib and gammastat (ABG) or ABG alone. "
            "The response rate was 41% with ABG alone.")
    doc = (HandDoc(text, title="Drugamab with chemotherapy in gout").therapy("Drugamab", "drugamab")
           .disease("gout", "DOID:13189").therapy("drugamab", nth=0).therapy("alphacin").therapy("betanib")
           .therapy("gammastat").outcome("response", "response"))
    assert doc.claims() == {(drug, "DOID:13189", "response", False) for drug in ("alphacin", "betanib", "gammastat")}
    # an abbreviation whose letters outnumber the drugs before it is one drug's own name, not the list's
    other = ("Patients were given drugamab and alphacin (GCSFX). The response rate was 41% with GCSFX.")
    single = (HandDoc(other, title="Drugamab in gout").therapy("Drugamab", "drugamab").disease("gout", "DOID:13189")
              .therapy("drugamab", nth=0).therapy("alphacin").outcome("response", "response"))
    assert ("alphacin", "DOID:13189", "response", False) not in single.claims()


def test_a_counted_group_of_drugs_makes_each_named_arm_studied():
    text = ("This was a trial comparing three drugs. A dose cost $900 for alphamab, $500 for betamab and $50 for gammamab. "
            "All participants improved after one year. "
            "All three drugs reduced pain, with alphamab acting fastest.")
    doc = (HandDoc(text, title="Alphamab in gout").therapy("Alphamab", "alphamab").disease("gout", "DOID:13189")
           .therapy("alphamab", nth=0).therapy("betamab").therapy("gammamab").therapy("alphamab", nth=1)
           .outcome("improved", "improvement").outcome("reduced pain", "improvement"))
    assert doc.claims() == {(drug, "DOID:13189", "improvement", False) for drug in ("alphamab", "betamab", "gammamab")}
    # a count that is not the number of drugs the article names says nothing about which are arms
    two = text.replace("comparing three drugs", "comparing two drugs").replace("All three drugs", "Both drugs")
    fewer = (HandDoc(two, title="Alphamab in gout").therapy("Alphamab", "alphamab").disease("gout", "DOID:13189")
             .therapy("alphamab", nth=0).therapy("betamab").therapy("gammamab").therapy("alphamab", nth=1)
             .outcome("improved", "improvement").outcome("reduced pain", "improvement"))
    assert fewer.claims() == {("alphamab", "DOID:13189", "improvement", False)}


def test_an_adverse_event_disease_the_title_or_an_enrolling_sentence_names_as_the_condition_is_the_target():
    # the title names it after a treatment cue ("drugamab in mild pneumonia")
    doc = (HandDoc("Clinical cure was reached by 75% with drugamab.", title="Drugamab in mild pneumonia")
           .therapy("Drugamab", "drugamab").disease("pneumonia", "DOID:552").therapy("drugamab")
           .outcome("Clinical cure", "improvement"))
    assert doc.claims() == {("drugamab", "DOID:552", "improvement", False)}
    # a sentence enrolling the patients names it after a population cue
    doc = (HandDoc("Nine patients with renal anaemia on dialysis were enrolled. Drugamab corrected the anaemia in "
                   "all nine patients.", title="Lymphocyte subsets on dialysis")
           .disease("anaemia", "DOID:2355", "anemia").therapy("Drugamab", "drugamab")
           .outcome("corrected", "improvement"))
    assert doc.claims() == {("drugamab", "DOID:2355", "improvement", False)}
    # a result sentence naming patients with it names an event of the treatment, not the population
    doc = (HandDoc("Remission was reached by 40% with drugamab. Five patients with neutropenia had fevers.",
                   title="Drugamab in lupus nephritis")
           .therapy("Drugamab", "drugamab").disease("lupus nephritis", "DOID:0080162")
           .outcome("Remission", "remission").therapy("drugamab").disease("neutropenia", "DOID:1227"))
    assert doc.claims() == {("drugamab", "DOID:0080162", "remission", False)}
    # ... and so is one the treatment prevents
    doc = (HandDoc("Infections were fewer with drugamab (p = 0.01).", title="Drugamab to prevent pneumonia in surgery")
           .therapy("Drugamab", "drugamab").disease("pneumonia", "DOID:552").therapy("drugamab")
           .outcome("Infections were fewer", "improvement"))
    assert doc.claims() == {("drugamab", None, "improvement", False)}


def test_a_disease_class_named_before_a_population_noun_is_the_target():
    doc = (HandDoc("Drugamab was first used in glomerulonephritis in 1966. 29 glomerulonephritis patients were "
                   "randomized. Proteinuria fell by 70% with drugamab.", title="Drugamab decreases proteinuria")
           .therapy("Drugamab", "drugamab").disease("glomerulonephritis", "DOID:2921", **{"class": True})
           .disease("glomerulonephritis", "DOID:2921", nth=1, **{"class": True}).therapy("drugamab")
           .outcome("Proteinuria fell", "improvement"))
    assert doc.claims() == {("drugamab", "DOID:2921", "improvement", False)}


def test_a_disease_a_medication_is_started_for_is_the_target():
    doc = (HandDoc("Starting medication for multiple sclerosis early helps. The yearly relapse rate was 19 percent "
                   "lower with drugamab. The society's members treat stroke and epilepsy.",
                   title="Treating at the earliest sign")
           .disease("multiple sclerosis", "DOID:2377").therapy("drugamab").outcome("relapse", "relapse")
           .disease("stroke", "DOID:0051061").disease("epilepsy", "DOID:1826"))
    assert doc.claims() == {("drugamab", "DOID:2377", "relapse", False)}


def test_of_two_title_diseases_one_above_the_other_the_narrower_is_the_target():
    doc = (HandDoc("Pressure fell more often with drugamab (p = 0.01).",
                   title="Glaucoma surgery: drugamab in primary open-angle glaucoma")
           .disease("Glaucoma", "DOID:1686").disease("open-angle glaucoma", "DOID:1067")
           .therapy("drugamab", nth=1).outcome("Pressure fell", "improvement"))
    assert doc.claims(ancestors={"DOID:1067": ["DOID:1686"]}) == {("drugamab", "DOID:1067", "improvement", False)}
    # without an ontology the first title disease stays the target
    assert doc.claims() == {("drugamab", "DOID:1686", "improvement", False)}


def test_a_headline_naming_the_therapy_by_a_bare_word_reports_the_studied_therapys_result():
    body = "Researchers gave drugamab to 40 adults with gout in a small trial."
    doc = (HandDoc(body, title="Experimental drug for gout shows promise").therapy("drugamab")
           .disease("gout", "DOID:13189", nth=0).disease("gout", "DOID:13189", nth=1)
           .outcome("shows promise", "improvement"))
    assert doc.claims() == {("drugamab", "DOID:13189", "improvement", False)}
    # a title naming a topic ("Treatment of gout") or no therapy reports nothing of the studied drug
    for title in ("Treatment of gout: relapse remains common", "Drug-resistant gout relapses often"):
        topic = (HandDoc(body, title=title).therapy("drugamab").disease("gout", "DOID:13189", nth=0)
                 .disease("gout", "DOID:13189", nth=1).outcome("relapse" if "remains" in title else "relapses", "relapse"))
        assert topic.claims() == set(), title
    # nor does a title field that runs on into a background sentence
    runon = (HandDoc(body, title="Drugamab in gout. Older medications may be beneficial in adults.")
             .therapy("Drugamab", "drugamab").disease("gout", "DOID:13189", nth=0).therapy("drugamab", nth=0)
             .outcome("be beneficial", "improvement"))
    assert runon.claims() == set()


def test_a_comparison_with_a_decimal_figure_before_the_control_group_keeps_the_result_the_studied_drugs():
    text = "About half of patients given drugamab went into remission compared with 13.5% in the control group."
    doc = (HandDoc(text, title="Drugamab in gout").therapy("Drugamab", "drugamab").disease("gout", "DOID:13189")
           .outcome("remission", "remission"))
    assert doc.claims() == {("drugamab", "DOID:13189", "remission", False)}
    placebo = (HandDoc("Remission came in 13.5% of the control group.", title="Drugamab in gout")
               .therapy("Drugamab", "drugamab").disease("gout", "DOID:13189").outcome("Remission", "remission"))
    assert placebo.claims() == set()


def test_a_defining_measure_goes_to_its_own_disease():
    """"Testosterone was restored" is hypogonadism improving, not the obesity its sentence names
    (outcomes.yaml measure_diseases)."""
    doc = (HandDoc("In the obese men, the pill restored testosterone levels.",
               title="Enclomiphene for hypogonadism")
           .therapy("Enclomiphene", "enclomiphene").disease("hypogonadism", "DOID:1924").disease("obese", "DOID:9970")
           .therapy("pill", "enclomiphene")
           .add("OUTCOME", "restored testosterone levels", "improvement", negated=False, hedged=False,
                category="efficacy", rule="measure_testosterone_raised"))
    assert doc.claims(ancestors={}) == {("enclomiphene", "DOID:1924", "improvement", False)}


def test_a_blood_pressure_result_goes_to_the_hypertension_the_document_names():
    """"In patients with kidney disease, X lowered blood pressure" is the hypertension improving, not the
    kidney disease its sentence names (outcomes.yaml measure_record_diseases); without hypertension named,
    the sentence's disease keeps it (the rule is not gated)."""
    text = "In adults with chronic kidney disease, drugamab reduced systolic blood pressure by 9 mm Hg."

    def doc(title: str, hypertension: bool) -> HandDoc:
        d = HandDoc(text, title=title).therapy("drugamab", "drugamab", nth=-1).disease("chronic kidney disease", "DOID:784", nth=-1)
        if hypertension:
            d = d.disease("hypertension", "DOID:10763")
        return d.add("OUTCOME", "reduced systolic blood pressure", "improvement", negated=False, hedged=False,
                     category="efficacy", rule="effect_blood_pressure_reduced")

    assert doc("Drugamab for hypertension in kidney disease", True).claims(ancestors={}) == \
        {("drugamab", "DOID:10763", "improvement", False)}
    assert doc("Drugamab in kidney disease", False).claims(ancestors={}) == {("drugamab", "DOID:784", "improvement", False)}


def test_the_base_drug_of_an_add_on_design_gets_no_record():
    """"X added to Y", "adding X to Y", "on top of Y": Y is every arm's, the result is X's."""
    added = (HandDoc("Drugamab given on top of stable doses of comparamab reduced flares of gout.",
                     title="Drugamab in gout")
             .therapy("Drugamab", "drugamab").disease("gout", "DOID:13189", nth=-1)
             .therapy("Drugamab", "drugamab", nth=1).therapy("comparamab").outcome("reduced flares", "improvement"))
    assert added.claims() == {("drugamab", "DOID:13189", "improvement", False)}
    adding = (HandDoc("Adding drugamab to oral comparamab did not improve gout.", title="Drugamab in gout")
              .therapy("Drugamab", "drugamab").disease("gout", "DOID:13189", nth=-1)
              .therapy("drugamab", "drugamab").therapy("comparamab").outcome("did not improve", "no_response"))
    assert adding.claims() == {("drugamab", "DOID:13189", "no_response", False)}
    # the noun form, with a two-drug base: both base drugs are every arm's
    addition = (HandDoc("The addition of drugamab to comparamab plus otheramab lessened pain in gout.",
                        title="Drugamab in gout")
                .therapy("Drugamab", "drugamab").disease("gout", "DOID:13189", nth=-1)
                .therapy("drugamab", "drugamab").therapy("comparamab").therapy("otheramab")
                .outcome("lessened pain", "improvement"))
    assert addition.claims() == {("drugamab", "DOID:13189", "improvement", False)}


def test_a_trial_that_has_not_reported_links_no_studied_arms():
    """"A second trial comparing X with Y is recruiting": Y is no arm of the study whose results follow."""
    doc = (HandDoc("A larger trial comparing drugamab with comparamab is now recruiting. Pain improved in 70% of patients.",
                   title="Drugamab eases gout pain")
           .therapy("Drugamab", "drugamab").disease("gout", "DOID:13189")
           .therapy("drugamab", "drugamab").therapy("comparamab").outcome("Pain improved", "improvement"))
    assert doc.claims() == {("drugamab", "DOID:13189", "improvement", False)}


def test_a_comparator_named_only_after_versus_has_no_positive_result_of_its_own():
    doc = (HandDoc("Drugamab increased bone density significantly versus daily oral comparamab.",
                   title="Drugamab versus comparamab in osteoporosis")
           .therapy("Drugamab", "drugamab").therapy("comparamab", nth=0).disease("osteoporosis", "DOID:11476")
           .therapy("Drugamab", "drugamab", nth=1).therapy("comparamab", nth=1).outcome("increased", "improvement"))
    assert doc.claims() == {("drugamab", "DOID:11476", "improvement", False)}


def test_an_event_compared_across_arms_stays_each_arms():
    doc = (HandDoc("More relapses occurred with drugamab compared with comparamab.",
                   title="Drugamab versus comparamab in gout")
           .therapy("Drugamab", "drugamab").therapy("comparamab", nth=0).disease("gout", "DOID:13189")
           .outcome("relapses", "relapse").therapy("drugamab", nth=0).therapy("comparamab", nth=1))
    assert doc.claims() == {("drugamab", "DOID:13189", "relapse", False),
                            ("comparamab", "DOID:13189", "relapse", False)}


def test_a_p_value_is_no_comparison_with_the_drug_after_it():
    doc = (HandDoc("Pain fell with drugamab and also fell ( p less than 0.05 ) when taking comparamab.",
                   title="Drugamab, comparamab and thirdamab in gout: a crossover trial")
           .therapy("Drugamab", "drugamab").therapy("comparamab", nth=0).therapy("thirdamab")
           .disease("gout", "DOID:13189").therapy("drugamab", nth=0).outcome("also fell", "improvement")
           .therapy("comparamab", nth=1))
    assert ("comparamab", "DOID:13189", "improvement", False) in doc.claims()


def test_drugs_given_to_labelled_groups_are_the_studied_arms():
    doc = (HandDoc("Sixty patients with gout took part. Group A received drugamab, group B received comparamab "
                   "and group C received thirdamab. Pain fell in all three groups.",
                   title="Three treatments for gout")
           .disease("gout", "DOID:13189", nth=1).therapy("drugamab").therapy("comparamab").therapy("thirdamab")
           .outcome("Pain fell", "improvement"))
    assert {c[0] for c in doc.claims()} == {"drugamab", "comparamab", "thirdamab"}


def test_a_sentence_that_compares_two_drugs_names_the_arms():
    doc = (HandDoc("This study compares the effects of drugamab and comparamab in gout. "
                   "RESULTS Relapse was seen in 30% and 20% of patients.",
                   title="Two treatments for gout")
           .therapy("drugamab").therapy("comparamab").disease("gout", "DOID:13189", nth=0)
           .outcome("Relapse", "relapse"))
    assert {c[0] for c in doc.claims()} == {"drugamab", "comparamab"}


def test_an_outcome_naming_one_of_the_patients_conditions_is_about_that_one():
    # two conditions of the enrolled patients; the result's own words say which one improved
    text = ("We studied lymphocytes in 12 chronic uraemic patients on dialysis. Nine patients with renal anaemia were enrolled in "
            "drugamab treatment. Each patient had corrected anaemia after 8 weeks.")
    doc = (HandDoc(text, title="Lymphocyte subsets on dialysis")
           .disease("uraemic", "DOID:4676", "uremia").disease("anaemia", "DOID:2355", "anemia")
           .therapy("drugamab").outcome("corrected anaemia", "improvement")
           .disease("anaemia", "DOID:2355", "anemia", nth=1))
    assert doc.claims() == {("drugamab", "DOID:2355", "improvement", False)}
    # a condition named only inside the result (a sign of the disease, not the patients' own condition)
    # leaves it to the target (less of a side effect such as mucositis is no improvement at all: see
    # test_less_of_an_adverse_effect_is_a_safety_comparison_not_an_improvement)
    doc = (HandDoc("Patients with graft-versus-host disease were given drugamab. There was less dermatitis with drugamab.",
                   title="Drugamab for graft-versus-host disease")
           .therapy("Drugamab", "drugamab").disease("graft-versus-host disease", "DOID:0081267")
           .disease("graft-versus-host disease", "DOID:0081267", nth=1).therapy("drugamab")
           .outcome("less dermatitis", "improvement").disease("dermatitis", "DOID:2723").therapy("drugamab", nth=1))
    assert doc.claims() == {("drugamab", "DOID:0081267", "improvement", False)}


def test_a_symptom_treated_in_patients_with_a_disease_is_the_results_condition():
    # the title names the disease only as who has the symptom treated: the result is the symptom's (no
    # ontology term here: disease null), where the disease's own symptom ("pain in gout") stays the disease's
    doc = (HandDoc("Hot flush scores fell by half with drugamab in the breast cancer patients.",
                   title="Drugamab for the treatment of hot flushes in breast cancer patients")
           .therapy("Drugamab", "drugamab").disease("breast cancer", "DOID:1612")
           .therapy("drugamab").disease("breast cancer", "DOID:1612", nth=1).outcome("fell", "improvement"))
    assert doc.claims() == {("drugamab", None, "improvement", False)}
    own = (HandDoc("Pain fell by half with drugamab in the gout patients.",
                   title="Drugamab for the treatment of pain in gout patients")
           .therapy("Drugamab", "drugamab").disease("gout", "DOID:13189")
           .therapy("drugamab").disease("gout", "DOID:13189", nth=1).outcome("fell", "improvement"))
    assert own.claims() == {("drugamab", "DOID:13189", "improvement", False)}


def test_a_second_condition_treated_in_patients_with_a_disease_is_the_target():
    doc = (HandDoc("Depression scores improved with drugamab.",
                   title="Drugamab relieves depression in patients with advanced cancer")
           .therapy("Drugamab", "drugamab").disease("depression", "DOID:1596").disease("cancer", "DOID:162", nth=0)
           .therapy("drugamab").outcome("improved", "improvement"))
    assert doc.claims() == {("drugamab", "DOID:1596", "improvement", False)}


def test_a_disease_listed_with_others_after_a_symptom_stays_a_results_condition():
    doc = (HandDoc("Sleep improved with drugamab in both groups.",
                   title="Drugamab for sleep problems in children with autism or fragile X syndrome")
           .therapy("Drugamab", "drugamab").disease("autism", "DOID:0060041")
           .disease("fragile X syndrome", "DOID:14261").therapy("drugamab").outcome("improved", "improvement"))
    assert ("drugamab", None, "improvement", False) not in doc.claims()


def test_a_result_sentence_naming_the_target_more_broadly_gives_the_target():
    # a trial in open-angle glaucoma whose result sentence says "in glaucoma patients": one population
    # named at two levels, and the record takes the most specific term the text supports
    doc = (HandDoc("Pressure fell more often in glaucoma patients given drugamab (p = 0.01).",
                   title="Drugamab in patients with open-angle glaucoma")
           .disease("open-angle glaucoma", "DOID:1067").disease("glaucoma", "DOID:1686", nth=1)
           .therapy("Drugamab", "drugamab").therapy("drugamab").outcome("Pressure fell", "improvement"))
    assert doc.claims(ancestors={"DOID:1067": ["DOID:1686"]}) == {("drugamab", "DOID:1067", "improvement", False)}
    # without an ontology the two names are not known to be one population: the sentence's stays
    assert doc.claims() == {("drugamab", "DOID:1686", "improvement", False)}


def test_a_broader_name_of_a_body_subtype_target_is_another_group():
    # the headline names the broad disease, the body's patients a narrower subtype (the target); a
    # result sentence about "patients with" the broad disease reports on another group, and keeps it
    doc = (HandDoc("Patients with severe diffuse sclerosis were randomized to drugamab. Patients with sclerosis "
                   "treated with drugamab elsewhere improved.",
                   title="Two options for sclerosis")
           .disease("sclerosis", "DOID:418").disease("diffuse sclerosis", "DOID:1580")
           .disease("sclerosis", "DOID:418", nth=2).therapy("drugamab").therapy("drugamab", nth=1)
           .outcome("improved", "improvement"))
    assert ("drugamab", "DOID:418", "improvement", False) in doc.claims(ancestors={"DOID:1580": ["DOID:418"]})


def test_less_of_an_adverse_effect_is_a_safety_comparison_not_an_improvement():
    # the arms differ in a side effect of treatment, not in the disease they were given for
    doc = (HandDoc("Pain relief was similar. Patients given drugamab had significantly less postoperative nausea "
                   "than those given the older agent. Bleeding episodes were fewer in the drugamab arm.",
                   title="Drugamab versus an older agent for anaesthesia in bowel surgery")
           .therapy("Drugamab", "drugamab").therapy("drugamab", nth=0).therapy("drugamab", nth=1)
           .outcome("less postoperative nausea", "improvement").outcome("episodes were fewer", "improvement"))
    assert doc.claims() == set()
    # a result on a burden that is no side effect stays the treatment's improvement
    doc = (HandDoc("Patients given drugamab had significantly less postoperative pain than those given the older agent.",
                   title="Drugamab versus an older agent for anaesthesia in bowel surgery")
           .therapy("Drugamab", "drugamab").therapy("drugamab").outcome("less postoperative pain", "improvement"))
    assert doc.claims() == {("drugamab", None, "improvement", False)}


def test_less_of_an_adverse_effect_the_title_names_as_the_target_is_an_improvement():
    # the trial is about the effect itself: reducing it is what the treatment is for
    doc = (HandDoc("Patients given drugamab had significantly less nausea than those given placebo.",
                   title="Drugamab for postoperative nausea and vomiting")
           .therapy("Drugamab", "drugamab").therapy("drugamab").outcome("less nausea", "improvement"))
    assert doc.claims() == {("drugamab", None, "improvement", False)}
    doc = (HandDoc("Blood loss was significantly reduced with drugamab.",
                   title="Reducing blood loss in knee replacement: drugamab")
           .therapy("drugamab").therapy("drugamab", nth=1).outcome("Blood loss was significantly reduced", "improvement"))
    assert doc.claims() == {("drugamab", None, "improvement", False)}


def test_a_result_sentence_referring_to_one_drug_goes_to_the_main_therapy_only():
    # two drugs were tested; "this drug" is one of them, the one the document is about
    doc = (HandDoc("Volunteers were randomized to drugamab or otherumab. Drugamab reduced impulsive choices, otherumab "
                   "did not. RESULTS In obese volunteers this drug has shown that it can improve self-control.",
                   title="Drugamab for impulsive eating")
           .therapy("Drugamab", "drugamab").therapy("drugamab").therapy("otherumab")
           .therapy("Drugamab", "drugamab", nth=1).therapy("otherumab", nth=1).outcome("improve", "improvement"))
    assert doc.claims() == {("drugamab", None, "improvement", False)}
    # "the drug group" names an arm without saying which: every studied arm keeps the result
    doc = (HandDoc("Volunteers were randomized to drugamab or otherumab. RESULTS Self-control improved in the drug group.",
                   title="Drugamab for impulsive eating")
           .therapy("Drugamab", "drugamab").therapy("drugamab").therapy("otherumab").outcome("improved", "improvement"))
    assert doc.claims() == {("drugamab", None, "improvement", False), ("otherumab", None, "improvement", False)}


def test_a_result_sentence_referring_to_this_combination_goes_to_the_drugs_given_together():
    # one arm took X alone, another Y plus Z: "this combination" is Y and Z, not X
    doc = (HandDoc("Patients were randomly assigned to drugamab alone or otherumab plus thirdumab. "
                   "RESULTS Best palliation was seen with otherumab. This combination gave the longest response duration.",
                   title="Drugamab versus otherumab plus thirdumab in prostate cancer")
           .therapy("Drugamab", "drugamab").therapy("otherumab").therapy("thirdumab")
           .therapy("drugamab").therapy("otherumab", nth=1).therapy("thirdumab", nth=1).therapy("otherumab", nth=2)
           .disease("prostate cancer", "DOID:10283").outcome("response", "response"))
    assert doc.claims() == {("otherumab", "DOID:10283", "response", False), ("thirdumab", "DOID:10283", "response", False)}
    # a sentence naming no therapy and no single drug stays every studied arm's
    doc = (HandDoc("Patients were randomly assigned to drugamab or otherumab. RESULTS Response occurred in 40%.",
                   title="Drugamab versus otherumab in prostate cancer")
           .therapy("Drugamab", "drugamab").therapy("otherumab").therapy("drugamab").therapy("otherumab", nth=1)
           .disease("prostate cancer", "DOID:10283").outcome("Response", "response"))
    assert doc.claims() == {("drugamab", "DOID:10283", "response", False), ("otherumab", "DOID:10283", "response", False)}


def test_a_quotation_naming_no_therapy_speaks_for_the_main_therapy_not_the_comparator():
    # an investigator quoted on a drug-versus-drug trial speaks of the drug the study is about
    doc = (HandDoc('Patients were randomized to drugamab or otherumab. "These patients can now live '
                   'without progressive disease," said the lead author.',
                   title="Drugamab beats otherumab in kidney cancer")
           .therapy("Drugamab", "drugamab").therapy("otherumab").therapy("drugamab").therapy("otherumab", nth=1)
           .disease("kidney cancer", "DOID:263").outcome("progressive disease", "progression", negated=True))
    assert doc.claims() == {("drugamab", "DOID:263", "progression", True)}
    # the drugs of the combination the study gave keep the quotation's result together
    doc = (HandDoc('The patient received a combination of drugamab and otherumab. "We saw a remarkable response '
                   'in this patient," the oncologist said.', title="New hope with drugamab")
           .therapy("drugamab").therapy("drugamab", nth=1).therapy("otherumab")
           .outcome("response", "response"))
    assert doc.claims() == {("drugamab", None, "response", False), ("otherumab", None, "response", False)}
    # outside a quotation a sentence naming no therapy stays every studied arm's
    doc = (HandDoc("Patients were randomized to drugamab or otherumab. RESULTS Progression was delayed in 40%.",
                   title="Drugamab versus otherumab in kidney cancer")
           .therapy("Drugamab", "drugamab").therapy("otherumab").therapy("drugamab").therapy("otherumab", nth=1)
           .disease("kidney cancer", "DOID:263").outcome("Progression", "progression"))
    assert {c[0] for c in doc.claims()} == {"drugamab", "otherumab"}


def test_a_drug_named_as_the_analgesic_requirement_is_the_measure_not_an_arm():
    # two procedures were compared; the rescue analgesic consumed is what was measured
    doc = (HandDoc("Patients were randomized to a tube or a stent. The postoperative analgesic requirement "
                   "(drugofenac) was higher in group 1. CONCLUSION The tubeless procedure gave less postoperative pain.",
                   title="Tubeless nephrolithotomy for kidney stones")
           .therapy("drugofenac").outcome("less postoperative pain", "improvement"))
    assert doc.claims() == set()
    # a drug named on its own as what the patients received keeps the result
    doc = (HandDoc("Patients were randomized to drugofenac or placebo. CONCLUSION Drugofenac gave less postoperative pain.",
                   title="Drugofenac after nephrolithotomy")
           .therapy("Drugofenac", "drugofenac").therapy("drugofenac").therapy("Drugofenac", "drugofenac", nth=1)
           .outcome("less postoperative pain", "improvement"))
    assert doc.claims() == {("drugofenac", None, "improvement", False)}


def test_a_therapy_given_after_the_outcome_does_not_take_it():
    # the next treatment ("moved on to X", "was re-treated with Y") came after the outcome: it is the cell
    # therapy's, even where the next one is a cell therapy too
    doc = (HandDoc("Eleven patients with myasthenia gravis received DSC-204. Two of them failed to respond and "
                   "were later moved on to efgartigimod. One patient flared at month 8 and was then given BCMA "
                   "CAR T cells.")
           .disease("myasthenia gravis", "DOID:437").therapy("DSC-204", "DSC-204", modality="CAR-T")
           .outcome("failed to respond", "no_response").therapy("efgartigimod")
           .outcome("flared", "relapse").therapy("BCMA CAR T cells", "BCMA CAR-T", modality="CAR-T"))
    assert doc.claims() == {("DSC-204", "DOID:437", "no_response", False), ("DSC-204", "DOID:437", "relapse", False)}


def test_the_arm_given_a_drug_keeps_the_drugs_outcome():
    # "patients given X" and "who received X" name the arm, not a next step
    doc = (HandDoc("Forty patients with lupus nephritis were randomised to mycophenolate or azathioprine. "
                   "Remission was reached by 14 of 20 patients who received mycophenolate.")
           .disease("lupus nephritis", "DOID:0080162").therapy("mycophenolate").therapy("azathioprine")
           .outcome("Remission", "remission").therapy("mycophenolate", nth=1))
    assert ("mycophenolate", "DOID:0080162", "remission", False) in doc.claims()


def test_a_later_course_of_a_drug_that_a_patient_responded_to_takes_the_response():
    # "responded promptly to two cycles of X": the response is the later drug's, not the cell therapy's
    doc = (HandDoc("Nine patients with systemic sclerosis received CD19 CAR T cells. One patient flared in the "
                   "second year and responded promptly to two cycles of tocilizumab.")
           .disease("systemic sclerosis", "DOID:418").therapy("CD19 CAR T cells", "CD19 CAR-T", modality="CAR-T")
           .outcome("flared", "relapse").outcome("responded", "response").therapy("tocilizumab"))
    claims = doc.claims()
    assert ("tocilizumab", "DOID:418", "response", False) in claims
    assert ("CD19 CAR-T", "DOID:418", "response", False) not in claims


def test_a_drug_stopped_in_a_drug_free_remission_is_not_its_therapy():
    # the drug named inside the drug-free wording is the one given up, never the one that brought remission
    doc = (HandDoc("Seven patients with lupus received CD19 CAR T cells. By month nine, six of the 7 patients had stopped "
                   "hydroxychloroquine and all other medications.")
           .disease("lupus", "DOID:9074").therapy("CD19 CAR T cells", "CD19 CAR-T", modality="CAR-T")
           .add("OUTCOME", "stopped hydroxychloroquine and all other medications", "drug_free_remission",
                negated=False, hedged=False, category="efficacy")
           .therapy("hydroxychloroquine"))
    assert doc.claims() == {("CD19 CAR-T", "DOID:9074", "drug_free_remission", False)}


def test_two_cell_products_each_given_a_figure_share_the_outcome():
    # a comparison of two products in one sentence ("61% after X and 48% after Y", "... respectively")
    # reports the outcome for both, not only for the product named nearest to it
    doc = (HandDoc("In the registry of lymphoma patients, complete responses were seen in 61% after axi-cel "
                   "and 48% after liso-cel. Overall response rates were 82% and 74%, respectively, for "
                   "axi-cel and liso-cel.")
           .disease("lymphoma", "DOID:0060058")
           .therapy("axi-cel", "axicabtagene ciloleucel", modality="CAR-T")
           .therapy("liso-cel", "lisocabtagene maraleucel", modality="CAR-T")
           .outcome("complete responses", "complete_response")
           .outcome("Overall response", "response")
           .therapy("axi-cel", "axicabtagene ciloleucel", nth=1, modality="CAR-T")
           .therapy("liso-cel", "lisocabtagene maraleucel", nth=1, modality="CAR-T"))
    assert doc.claims() == {(t, "DOID:0060058", o, False)
                            for t in ("axicabtagene ciloleucel", "lisocabtagene maraleucel")
                            for o in ("complete_response", "response")}


def test_the_form_a_relapse_took_is_not_the_disease_that_relapsed():
    # "relapsed with transverse myelitis": the cohort's NMOSD came back; a subgroup after a comma stays one
    doc = (HandDoc("Twelve patients with neuromyelitis optica received BCMA CAR T cells. At month 14 one of the "
                   "12 patients relapsed with transverse myelitis.")
           .disease("neuromyelitis optica", "DOID:8869").therapy("BCMA CAR T cells", "BCMA CAR-T", modality="CAR-T")
           .outcome("relapsed", "relapse").disease("transverse myelitis", "DOID:0080743"))
    assert doc.claims() == {("BCMA CAR-T", "DOID:8869", "relapse", False)}


def test_a_mild_event_in_a_story_without_a_verb_is_the_cell_therapys():
    # a severity said of CRS itself ("just a mild form of CRS") grades what happened; what CRS can be
    # ("severe cytokine release syndrome can follow") stays background
    doc = (HandDoc("Doctors gave CD19 CAR T cells to a boy with lupus. Just a mild form of cytokine release "
                   "syndrome, and nothing else. Severe cytokine release syndrome can follow such infusions.")
           .disease("lupus", "DOID:9074").therapy("CD19 CAR T cells", "CD19 CAR-T", modality="CAR-T")
           .outcome("cytokine release syndrome", "crs", category="safety")
           .add("OUTCOME", "cytokine release syndrome", "crs", nth=1, negated=False, hedged=True, category="safety"))
    assert doc.claims() == {("CD19 CAR-T", "DOID:9074", "crs", False)}


def test_patients_treated_with_either_product_make_both_studied_arms():
    # "treated ... with either X or Y" names the alternative arms of a registry: a result sentence that
    # names neither is about both
    doc = (HandDoc("The cohort included 300 patients with lymphoma treated at 20 centres with either axi-cel "
                   "or tisa-cel. In the 300 patients, non-relapse mortality was 6%.")
           .disease("lymphoma", "DOID:0060058")
           .therapy("axi-cel", "axicabtagene ciloleucel", modality="CAR-T")
           .therapy("tisa-cel", "tisagenlecleucel", modality="CAR-T")
           .outcome("non-relapse mortality", "death", category="safety"))
    assert doc.claims() == {("axicabtagene ciloleucel", "DOID:0060058", "death", False),
                            ("tisagenlecleucel", "DOID:0060058", "death", False)}


def test_a_class_title_keeps_the_class_where_the_cohort_is_split_into_subgroups():
    # the second subgroup's name normalises to the class itself, so only one member is named
    title = "Drugamab in refractory large-vessel vasculitis"
    split = (HandDoc("Methods: Nine patients with Takayasu arteritis and three with giant-cell vasculitis received "
                     "drugamab. Results: Remission was reached by eight patients.", title=title)
             .therapy("Drugamab", "drugamab").therapy("drugamab", "drugamab")
             .disease("large-vessel vasculitis", "DOID:865", group="autoimmune disease", **{"class": True})
             .disease("Takayasu arteritis", "DOID:3490", group="autoimmune disease")
             .disease("giant-cell vasculitis", "DOID:865", group="autoimmune disease", **{"class": True})
             .outcome("Remission", "remission"))
    assert split.claims() == {("drugamab", "DOID:865", "remission", False)}
    whole = (HandDoc("Methods: Twelve patients with Takayasu arteritis received drugamab. Results: Remission was "
                     "reached by eight patients.", title=title)
             .therapy("Drugamab", "drugamab").therapy("drugamab", "drugamab")
             .disease("large-vessel vasculitis", "DOID:865", group="autoimmune disease", **{"class": True})
             .disease("Takayasu arteritis", "DOID:3490", group="autoimmune disease")
             .outcome("Remission", "remission"))
    assert whole.claims() == {("drugamab", "DOID:3490", "remission", False)}


def test_a_class_title_stands_for_the_umbrella_the_text_splits_into_subgroups():
    text = ("The company treated seven patients with systemic vasculitis{} with drugamab. "
            "Six patients had a response at three months.")
    title = "Drugamab deal targets autoimmune disease"

    def doc(parenthesis: str) -> HandDoc:
        built = (HandDoc(text.format(parenthesis), title=title)
                 .therapy("Drugamab", "drugamab").therapy("drugamab", "drugamab")
                 .disease("autoimmune disease", "DOID:417", group="autoimmune disease", **{"class": True})
                 .disease("systemic vasculitis", "DOID:865", group="autoimmune disease"))
        if parenthesis:
            built = (built.disease("Behcet disease", "DOID:13241", group="autoimmune disease")
                     .disease("Takayasu arteritis", "DOID:3490", group="autoimmune disease"))
        return built.outcome("response", "response")

    assert doc(" (five with Behcet disease, two with Takayasu arteritis)").claims() == {
        ("drugamab", "DOID:865", "response", False)}
    listed = (HandDoc("The company treated four patients with systemic vasculitis and three with Behcet disease "
                      "with drugamab. Six patients had a response at three months.", title=title)
              .therapy("Drugamab", "drugamab").therapy("drugamab", "drugamab")
              .disease("autoimmune disease", "DOID:417", group="autoimmune disease", **{"class": True})
              .disease("systemic vasculitis", "DOID:865", group="autoimmune disease")
              .disease("Behcet disease", "DOID:13241", group="autoimmune disease")
              .outcome("response", "response"))
    assert listed.claims() == {("drugamab", "DOID:417", "response", False)}


def test_a_title_disease_the_body_names_only_as_an_event_yields_to_the_patients_disease():
    def doc(event: str) -> HandDoc:
        return (HandDoc(f"The agency paused the study after three patients {event} stroke. In the trial, 200 "
                        "patients with follicular lymphoma received drugamab. The response rate was 70%.",
                        title="Agency lifts pause on drugamab after stroke reports; lymphoma results hold up")
                .therapy("drugamab", "drugamab").disease("stroke", "DOID:6713").disease("lymphoma", "DOID:0050873")
                .disease("stroke", "DOID:6713", nth=1).disease("follicular lymphoma", "DOID:0050873")
                .outcome("response", "response"))

    assert doc("developed").claims() == {("drugamab", "DOID:0050873", "response", False)}
    # a stroke the body names as the patients' condition keeps the title's first disease
    assert doc("with a history of").claims() == {("drugamab", "DOID:6713", "response", False)}


def test_a_sentence_naming_no_product_is_about_the_product_named_before_it_not_one_named_later():
    text = ("Norvex said ABC-12, its CD7 CAR-T for myositis, will be shelved after its trial. Two treated "
            "patients died of sepsis in the trial. Norvex will now put its money into XYZ-9, a CD19 CAR-T, which "
            "has been given to 40 patients with myositis and which it names in every slide. XYZ-9 is its lead. "
            "XYZ-9 will enter phase 2.")
    doc = (HandDoc(text, title="Norvex shelves a myositis cell therapy")
           .therapy("ABC-12", "ABC-12", modality="CAR-T").disease("myositis", "DOID:633")
           .outcome("died", "death", category="safety")
           .therapy("XYZ-9", "XYZ-9", modality="CAR-T").disease("myositis", "DOID:633", nth=1)
           .therapy("XYZ-9", "XYZ-9", nth=1, modality="CAR-T").therapy("XYZ-9", "XYZ-9", nth=2, modality="CAR-T"))
    assert doc.claims() == {("ABC-12", "DOID:633", "death", False)}
    # once the later product has been named, a sentence naming none is the document's main one again
    later = (HandDoc(text + " Two treated patients died of sepsis in phase 1.", title="Norvex shelves a myositis cell therapy")
             .therapy("ABC-12", "ABC-12", modality="CAR-T").disease("myositis", "DOID:633")
             .therapy("XYZ-9", "XYZ-9", modality="CAR-T").disease("myositis", "DOID:633", nth=1)
             .therapy("XYZ-9", "XYZ-9", nth=1, modality="CAR-T").therapy("XYZ-9", "XYZ-9", nth=2, modality="CAR-T")
             .outcome("died", "death", nth=1, category="safety"))
    assert later.claims() == {("XYZ-9", "DOID:633", "death", False)}


def test_a_disease_in_the_next_clause_is_not_the_outcomes():
    def doc(join: str) -> HandDoc:
        return (HandDoc(f"Four lupus patients and one gout patient were given drugamab. All five improved within "
                        f"weeks{join}the gout patient stopped all other drugs.", title="Drugamab in autoimmune disease")
                .therapy("Drugamab", "drugamab").therapy("drugamab", "drugamab")
                .disease("autoimmune disease", "DOID:417", group="autoimmune disease", **{"class": True})
                .disease("lupus", "DOID:9074", group="autoimmune disease")
                .disease("gout", "DOID:13189", group="autoimmune disease")
                .disease("gout", "DOID:13189", nth=1, group="autoimmune disease")
                .outcome("improved", "improvement"))

    # the next clause has its own subject: the improvement is the whole cohort's (the title's class)
    assert doc(", and ").claims() == {("drugamab", "DOID:417", "improvement", False)}
    # in the same clause the later disease is the outcome's ("improved in the gout patient")
    assert doc(" in ").claims() == {("drugamab", "DOID:13189", "improvement", False)}


def test_a_regimen_acronym_defined_before_its_bracketed_drugs_names_each_of_them():
    # haematology writes the acronym first ("R-BAC (rituximab, bendamustine, cytarabine)")
    text = ("The control cohort received ABX (alphacin, betanib and xylostat) after relapse. "
            "Responses were seen in 45% of the patients given ABX.")
    doc = (HandDoc(text, title="Salvage chemotherapy in gout").disease("gout", "DOID:13189")
           .therapy("alphacin").therapy("betanib").therapy("xylostat").outcome("Responses", "response"))
    assert doc.claims() == {(drug, "DOID:13189", "response", False) for drug in ("alphacin", "betanib", "xylostat")}
    uses = regimen_acronym_mentions(doc.text, doc.mentions)
    assert sorted(m.norm for m in uses) == ["alphacin", "betanib", "xylostat"]
    assert all(doc.text[m.start:m.end] == "ABX" for m in uses)
    # brackets that hold more than the drug list, or an acronym whose letters are not the drugs'
    # initials, define no regimen
    for bracket in ("ABX (alphacin, betanib and xylostat, two cycles)", "QZP (alphacin, betanib and xylostat)"):
        other = text.replace("ABX (alphacin, betanib and xylostat)", bracket).replace("given ABX", "given " + bracket[:3])
        doc = (HandDoc(other, title="Salvage chemotherapy in gout").disease("gout", "DOID:13189")
               .therapy("alphacin").therapy("betanib").therapy("xylostat"))
        assert regimen_acronym_mentions(doc.text, doc.mentions) == []


def test_paired_figures_after_two_arms_give_the_later_outcome_to_both():
    # "ORR was 78% with X and 59% with Y, and CR rates were 62% and 41%": the comparator shares the CR
    text = ("The response rate was 81% with cellcabtagene and 52% with betamab, and complete responses "
            "were seen in 60% versus 30%.")
    doc = (HandDoc(text, title="A comparison in lymphoma").disease("lymphoma", "DOID:0060058")
           .therapy("cellcabtagene", "cellcabtagene", nth=0, modality="CAR-T").therapy("betamab", nth=0)
           .outcome("response rate", "response").outcome("complete responses", "complete_response"))
    claims = doc.claims()
    assert ("betamab", "DOID:0060058", "complete_response", False) in claims
    assert ("cellcabtagene", "DOID:0060058", "complete_response", False) in claims
    # one figure only: the later outcome stays the cell therapy's
    single = text.replace("60% versus 30%", "60% of the infused patients")
    doc = (HandDoc(single, title="A comparison in lymphoma").disease("lymphoma", "DOID:0060058")
           .therapy("cellcabtagene", "cellcabtagene", nth=0, modality="CAR-T").therapy("betamab", nth=0)
           .outcome("response rate", "response").outcome("complete responses", "complete_response"))
    assert ("betamab", "DOID:0060058", "complete_response", False) not in doc.claims()


def test_crs_in_a_sentence_naming_no_therapy_is_the_cell_therapy_arms_not_the_transplant():
    # CAR-T cells against a transplant arm: "CRS was seen in 30 patients" is what the infused cells did
    text = ("Patients were randomly assigned to cellcabtagene or to autologous transplantation. "
            "Remission was reached by 70% of all patients. Cytokine release syndrome was seen in 30 patients.")
    doc = (HandDoc(text, title="A trial in myeloma").disease("myeloma", "DOID:9538")
           .therapy("cellcabtagene", "cellcabtagene", modality="CAR-T").therapy("autologous transplantation", "HSCT")
           .outcome("Remission", "remission").outcome("Cytokine release syndrome", "crs"))
    claims = doc.claims()
    assert ("cellcabtagene", "DOID:9538", "crs", False) in claims
    assert ("HSCT", "DOID:9538", "crs", False) not in claims
    # an efficacy result naming no therapy stays every arm's
    assert ("HSCT", "DOID:9538", "remission", False) in claims


def test_a_result_naming_its_product_but_no_disease_takes_the_disease_the_paragraph_gave_that_product():
    text = ("The company also tested cellcabtagene in 50 patients with mantle cell lymphoma, its second "
            "indication. Complete responses were seen in 60% of those given cellcabtagene.\n\n"
            "Betamab remains the company's main product in myeloma, where 200 patients with myeloma are enrolled.")
    doc = (HandDoc(text, title="Quarterly pipeline update")
           .therapy("cellcabtagene", "cellcabtagene", nth=0, modality="CAR-T")
           .disease("mantle cell lymphoma", "DOID:0050746")
           .therapy("cellcabtagene", "cellcabtagene", nth=1, modality="CAR-T")
           .therapy("Betamab", "betamab").disease("myeloma", "DOID:9538", nth=0).disease("myeloma", "DOID:9538", nth=1)
           .outcome("Complete responses", "complete_response"))
    assert doc.claims() == {("cellcabtagene", "DOID:0050746", "complete_response", False)}


def test_crs_in_a_sentence_naming_no_therapy_stays_with_a_t_cell_engager_arm():
    # a bispecific antibody against the cell therapy causes CRS too: the event stays both arms'
    text = ("Patients were randomly assigned to cellcabtagene or to betatamab. "
            "Cytokine release syndrome was seen in 30 patients.")
    doc = (HandDoc(text, title="A trial in myeloma").disease("myeloma", "DOID:9538")
           .therapy("cellcabtagene", "cellcabtagene", modality="CAR-T").therapy("betatamab", modality="antibody")
           .outcome("Cytokine release syndrome", "crs"))
    assert doc.claims() == {("cellcabtagene", "DOID:9538", "crs", False), ("betatamab", "DOID:9538", "crs", False)}


def test_a_null_effect_on_relapse_yields_to_the_relapses_counted():
    # "no effect on preventing relapse" is no count of relapse-free patients: the affirmed relapse wins
    doc = (HandDoc("In this randomized trial drugamab had no effect on preventing relapse. "
                   "Relapse occurred in 12 patients on drugamab.", title="Drugamab in gout")
           .therapy("Drugamab", "drugamab").disease("gout", "DOID:13189")
           .therapy("drugamab").outcome("relapse", "relapse", negated=True)
           .therapy("drugamab", nth=1).outcome("Relapse", "relapse"))
    assert doc.claims() == {("drugamab", "DOID:13189", "relapse", False)}


def test_relapse_free_patients_are_kept_beside_the_ones_who_relapsed():
    doc = (HandDoc("In this open-label study nine patients on drugamab stayed relapse-free and two relapsed.",
                   title="Drugamab in gout")
           .therapy("Drugamab", "drugamab").disease("gout", "DOID:13189")
           .therapy("drugamab").outcome("relapse", "relapse", negated=True)
           .outcome("relapsed", "relapse"))
    assert doc.claims() == {("drugamab", "DOID:13189", "relapse", True), ("drugamab", "DOID:13189", "relapse", False)}


def test_a_comparator_arm_named_through_its_patients_gets_its_own_safety_result():
    # "N% of participants receiving X" and "three X patients died" name X's own arm beside the
    # cell therapy; a drug that only describes who was enrolled ("X-refractory patients") does not
    doc = (HandDoc("Serious infections affected 35% of participants receiving mosunetuzumab, against 12% after "
                   "KYV-101 infusion. Three mosunetuzumab patients died of sepsis.",
                   title="KYV-101 versus mosunetuzumab in lupus")
           .disease("lupus", "DOID:9074").therapy("KYV-101", modality="CAR-T").therapy("mosunetuzumab", nth=0)
           .therapy("KYV-101", nth=1, modality="CAR-T").therapy("mosunetuzumab", nth=1).therapy("mosunetuzumab", nth=2)
           .outcome("infections", "infection", category="safety").outcome("died", "death", category="safety"))
    assert doc.claims() == {("kyv-101", "DOID:9074", "infection", False),
                            ("mosunetuzumab", "DOID:9074", "infection", False),
                            ("mosunetuzumab", "DOID:9074", "death", False)}
    history = (HandDoc("Twelve patients with lupus received KYV-101. Two rituximab-refractory patients died of sepsis.")
               .disease("lupus", "DOID:9074").therapy("KYV-101", modality="CAR-T").therapy("rituximab")
               .outcome("died", "death", category="safety"))
    assert not any(claim[0] == "rituximab" for claim in history.claims())


def test_a_round_up_paragraph_result_belongs_to_the_products_its_heading_names():
    # a press round-up gives each product a paragraph opening with a heading; a result sentence naming
    # no therapy there is the heading's products', not the release's first product's
    text = ("Acme today reported data from two programmes.\n\n"
            "ACM-7 in lupus: Twelve patients with lupus received ACM-7, a CD19 CAR-T.\n\n"
            "ACM-9 with rituximab in myositis: ACM-9 was added to rituximab in 20 patients with myositis. "
            "After six months, 70% were in remission.")
    doc = (HandDoc(text)
           .disease("lupus", "DOID:9074", "systemic lupus erythematosus").disease("lupus", "DOID:9074", nth=1)
           .therapy("ACM-7", "ACM-7", modality="CAR-T").therapy("ACM-7", "ACM-7", nth=1, modality="CAR-T")
           .therapy("ACM-9", "ACM-9").therapy("rituximab").therapy("ACM-9", "ACM-9", nth=1)
           .therapy("rituximab", nth=1).disease("myositis", "DOID:633").disease("myositis", "DOID:633", nth=1)
           .outcome("remission", "remission"))
    assert doc.claims() == {("ACM-9", "DOID:633", "remission", False), ("rituximab", "DOID:633", "remission", False)}
    # one headed paragraph is no round-up: the sentence goes to the studied product as before
    single = (HandDoc("Acme today reported new data.\n\nACM-7 in lupus: Twelve patients with lupus received "
                      "ACM-7, a CD19 CAR-T. After six months, 70% were in remission.")
              .disease("lupus", "DOID:9074").disease("lupus", "DOID:9074", nth=1)
              .therapy("ACM-7", "ACM-7", modality="CAR-T").therapy("ACM-7", "ACM-7", nth=1, modality="CAR-T")
              .outcome("remission", "remission"))
    assert single.claims() == {("ACM-7", "DOID:9074", "remission", False)}


@pytest.mark.parametrize(("sentence", "drug_words", "outcome_words"), [
    ("Three patients flared after B-cell recovery and went back into remission on a short course of belimumab.",
     "belimumab", "remission"),
    ("The two who lost their response recaptured a complete response with low-dose prednisone and belimumab.",
     "belimumab", "complete response"),
])
def test_a_remission_won_back_is_the_salvage_drugs(sentence: str, drug_words: str, outcome_words: str) -> None:
    """A second remission after a flare is the result of the drug that brought it back, not of the CAR-T
    the patients had relapsed after (``regained_cues``)."""
    norm = "complete_response" if "complete" in outcome_words else "remission"
    doc = (HandDoc("Ten patients with SLE received CD19 CAR-T cells. " + sentence)
           .therapy("CD19 CAR-T", "CD19 CAR-T", modality="CAR-T").disease("SLE", "DOID:9074")
           .therapy(drug_words, drug_words).outcome(outcome_words, norm))
    assert doc.claims() == {(drug_words, "DOID:9074", norm, False)}


def test_a_single_course_of_a_drug_owns_the_response_to_it() -> None:
    doc = (HandDoc("Six patients with myasthenia gravis received CD19 CAR-T cells. One had a late flare, which "
                   "responded well to a single infusion of rozanolixizumab.")
           .therapy("CD19 CAR-T", "CD19 CAR-T", modality="CAR-T").disease("myasthenia gravis", "DOID:437")
           .outcome("flare", "relapse").outcome("responded", "response").therapy("rozanolixizumab", "rozanolixizumab"))
    assert doc.claims() == {("CD19 CAR-T", "DOID:437", "relapse", False), ("rozanolixizumab", "DOID:437", "response", False)}


@pytest.mark.parametrize("sentence", [
    "Remission was reached by all four SLE patients treated to date and by two of three patients with myositis.",
    "Only three of six patients with SLE and one of two with myositis responded.",
])
def test_one_result_per_disease_subgroup_goes_to_each_subgroup(sentence: str) -> None:
    norm = "remission" if sentence.startswith("Remission") else "response"
    words = "Remission" if norm == "remission" else "responded"
    doc = (HandDoc("Ten patients received CD19 CAR-T cells. " + sentence)
           .therapy("CD19 CAR-T", "CD19 CAR-T", modality="CAR-T")
           .disease("SLE", "DOID:9074").disease("myositis", "DOID:633").outcome(words, norm))
    assert doc.claims() == {("CD19 CAR-T", "DOID:9074", norm, False), ("CD19 CAR-T", "DOID:633", norm, False)}


@pytest.mark.parametrize(("second", "result"), [
    ("In lymphoma, XYZ-550, a CD19 CAR-T, was given to 20 patients with follicular lymphoma. Twelve of them "
     "achieved a complete response.", "complete response"),
    ("Lupus. The company's newer product, XYZ-550, was given to six patients with follicular lymphoma at one centre. "
     "Four reached a complete response at their last visit.", "complete response"),
])
def test_a_round_up_paragraph_on_another_cell_product_keeps_its_results(second: str, result: str) -> None:
    """A round-up gives each product a paragraph: a result there naming no therapy is the paragraph's
    product, with the paragraph's disease, not the document's lead product."""
    doc = (HandDoc("The lead product ABC-101 was given to 40 patients with multiple myeloma. ABC-101 produced "
                   "responses in 90%.\n\n" + second, title="Company presents ABC-101 data in myeloma")
           .therapy("ABC-101", "ABC-101", modality="CAR-T").therapy("ABC-101", "ABC-101", nth=1, modality="CAR-T")
           .therapy("ABC-101", "ABC-101", nth=2, modality="CAR-T")
           .disease("myeloma", "DOID:9538").disease("multiple myeloma", "DOID:9538").outcome("responses", "response")
           .therapy("XYZ-550", "XYZ-550", modality="CAR-T").disease("follicular lymphoma", "DOID:0050873")
           .outcome(result, "complete_response"))
    assert doc.claims() == {("ABC-101", "DOID:9538", "response", False),
                            ("XYZ-550", "DOID:0050873", "complete_response", False)}


def test_a_supportive_drug_in_a_paragraph_does_not_take_the_products_results() -> None:
    doc = (HandDoc("ABC-101 was given to 40 patients with multiple myeloma.\n\nTocilizumab was given to four patients "
                   "for fever. Complete responses were seen in 30 of the 40 patients.")
           .therapy("ABC-101", "ABC-101", modality="CAR-T").disease("multiple myeloma", "DOID:9538")
           .therapy("Tocilizumab", "tocilizumab").outcome("Complete responses", "complete_response"))
    assert doc.claims() == {("ABC-101", "DOID:9538", "complete_response", False)}


@pytest.mark.parametrize("sentence", [
    "XYZ-19 was given to 30 adults with follicular lymphoma whose disease had come back after mosunetuzumab.",
    "All eight patients had relapses despite ocrelizumab before they were given XYZ-19.",
])
def test_what_the_disease_did_on_an_earlier_drug_describes_the_patients(sentence: str) -> None:
    drug = "mosunetuzumab" if "mosunetuzumab" in sentence else "ocrelizumab"
    outcome = "come back" if drug == "mosunetuzumab" else "relapses"
    doc = HandDoc(sentence).therapy("XYZ-19", "XYZ-19", modality="CAR-T").therapy(drug, drug).outcome(outcome, "relapse")
    assert not any(claim[0] == drug for claim in doc.claims())


@pytest.mark.parametrize(("title", "sentence", "outcome", "norm", "negated"), [
    ("XYZ-19 in myasthenia gravis and neuromyelitis optica: a case series",
     "Grade 1 CRS occurred in 10 of the 12 patients.", "CRS", "crs", False),
    ("XYZ-19 in neuromyelitis optica, myasthenia gravis or myositis: pooled results of two studies",
     "During follow-up, ICANS was not seen in any of the 12 patients.", "ICANS", "icans", True),
])
def test_a_pooled_result_is_each_disease_group_the_title_lists(title: str, sentence: str, outcome: str, norm: str,
                                                               negated: bool) -> None:
    """A cohort made of several disease groups: a result naming no disease is each group's the title lists."""
    doc = (HandDoc("Results: Twelve patients received XYZ-19. " + sentence, title=title)
           .therapy("XYZ-19", "XYZ-19", modality="CAR-T").therapy("XYZ-19", "XYZ-19", nth=1, modality="CAR-T")
           .disease("myasthenia gravis", "DOID:437").disease("neuromyelitis optica", "DOID:8869")
           .outcome(outcome, norm, negated=negated, category="safety"))
    if "myositis" in title:
        doc.disease("myositis", "DOID:633")
    expected = {("XYZ-19", "DOID:437", norm, negated), ("XYZ-19", "DOID:8869", norm, negated)}
    if "myositis" in title:
        expected.add(("XYZ-19", "DOID:633", norm, negated))
    assert doc.claims() == expected


@pytest.mark.parametrize("sentence", [
    "Disease progression was seen in 25% of KYV-101 patients and 48% of obinutuzumab/bendamustine patients.",
    "By two years, 25% of KYV-101 recipients and 48% of the obinutuzumab plus bendamustine recipients had progressed.",
])
def test_a_comparator_regimen_given_a_share_of_its_own_patients_gets_the_result(sentence: str) -> None:
    # "N% of X-Y patients" gives the regimen's own arm a figure, however its drugs are joined
    words = "progression" if "progression" in sentence else "progressed"
    doc = (HandDoc(sentence, title="KYV-101 versus obinutuzumab and bendamustine in follicular lymphoma")
           .disease("follicular lymphoma", "DOID:0050873")
           .therapy("KYV-101", modality="CAR-T", nth=1).therapy("obinutuzumab", nth=1).therapy("bendamustine", nth=1)
           .outcome(words, "progression"))
    assert doc.claims() == {("kyv-101", "DOID:0050873", "progression", False),
                            ("obinutuzumab", "DOID:0050873", "progression", False),
                            ("bendamustine", "DOID:0050873", "progression", False)}


def test_a_share_of_patients_with_a_drug_history_names_no_arm() -> None:
    # "N% of X-refractory patients" says who the patients were, not an arm of X
    doc = (HandDoc("Disease progression was seen in 25% of KYV-101 patients, and in 40% of the obinutuzumab-refractory "
                   "patients.", title="KYV-101 in follicular lymphoma")
           .disease("follicular lymphoma", "DOID:0050873")
           .therapy("KYV-101", modality="CAR-T", nth=1).therapy("obinutuzumab")
           .outcome("progression", "progression"))
    assert doc.claims() == {("kyv-101", "DOID:0050873", "progression", False)}


@pytest.mark.parametrize(("sentence", "event", "norm", "disease", "doid"), [
    ("With XYZ-19, serious infections were reported in 9% of patients with multiple myeloma.",
     "infections", "infection", "multiple myeloma", "DOID:9538"),
    ("XYZ-19 stood out for rare neurotoxicity in mantle cell lymphoma.", "neurotoxicity", "icans",
     "mantle cell lymphoma", "DOID:0050746"),
])
def test_an_adverse_event_counted_in_a_named_cohort_is_that_cohorts(sentence: str, event: str, norm: str,
                                                                    disease: str, doid: str) -> None:
    """"in 9% of patients with X" after an adverse event names the group it was counted in, not a cause."""
    doc = (HandDoc("Results: " + sentence, title="Cell therapies in blood cancers: a narrative review")
           .disease("blood cancers", "DOID:2531", class_=True).therapy("XYZ-19", "XYZ-19", modality="CAR-T")
           .disease(disease, doid).outcome(event, norm, category="safety"))
    assert doc.claims() == {("XYZ-19", doid, norm, False)}


def test_an_adverse_event_with_a_disease_after_a_comma_keeps_the_cohort() -> None:
    doc = (HandDoc("Results: Twelve patients with lupus received XYZ-19. Infections occurred in two patients, "
                   "one of them with pneumonia.", title="XYZ-19 in lupus")
           .disease("lupus", "DOID:9074").disease("lupus", "DOID:9074", nth=1).therapy("XYZ-19", "XYZ-19", modality="CAR-T")
           .disease("pneumonia", "DOID:552").outcome("Infections", "infection", category="safety"))
    assert doc.claims() == {("XYZ-19", "DOID:9074", "infection", False)}


@pytest.mark.parametrize(("sentence", "drug", "words", "norm"), [
    ("Both relapsed at month 20; one was given XYZ-19 again and the other was put on tacrolimus and improved.",
     "tacrolimus", "improved", "improvement"),
    ("After the flare, XYZ-19 was not repeated; the patient was treated with a short course of anifrolumab and "
     "quickly regained remission.", "anifrolumab", "remission", "remission"),
])
def test_a_drug_given_and_then_a_result_in_one_clause_is_that_drugs(sentence: str, drug: str, words: str,
                                                                    norm: str) -> None:
    """"was put on X and improved": the later drug took the result, not the cell therapy of the sentence."""
    doc = (HandDoc("Ten patients with lupus received XYZ-19. " + sentence, title="XYZ-19 in lupus")
           .disease("lupus", "DOID:9074").disease("lupus", "DOID:9074", nth=1)
           .therapy("XYZ-19", "XYZ-19", modality="CAR-T").therapy("XYZ-19", "XYZ-19", nth=1, modality="CAR-T")
           .therapy(drug, drug).outcome(words, norm))
    assert doc.claims() == {(drug, "DOID:9074", norm, False)}



AUTOIMMUNE = {"group": "autoimmune disease"}


@pytest.mark.parametrize(("sentence", "words", "disease", "doid"), [
    ("In SSc, mRSS fell by a median of 9 points at month 6.", "mRSS fell", "SSc", "DOID:418"),
    ("Among patients with myositis, strength improved in four of five.", "strength improved", "myositis", "DOID:633"),
])
def test_a_sentence_opening_with_a_disease_group_gives_that_group_the_result(sentence: str, words: str,
                                                                            disease: str, doid: str) -> None:
    """"In X, <result>": the opening names the group the result is about, not an event listed with the result
    ("infections, pneumonia and death"), even where the result follows its comma at once."""
    doc = (HandDoc("Background: Cell therapy could help in autoimmune disease. Methods: Patients with SSc or myositis "
                   "received XYZ-19. Results: " + sentence, title="XYZ-19 in systemic sclerosis and myositis")
           .therapy("XYZ-19", "XYZ-19", modality="CAR-T").therapy("XYZ-19", "XYZ-19", nth=1, modality="CAR-T")
           .disease("systemic sclerosis", "DOID:418", **AUTOIMMUNE).disease("myositis", "DOID:633", **AUTOIMMUNE)
           .disease("autoimmune disease", "DOID:417", **AUTOIMMUNE, **{"class": True})
           .disease("SSc", "DOID:418", **AUTOIMMUNE).disease("myositis", "DOID:633", nth=1, **AUTOIMMUNE)
           .disease(disease, doid, nth=1 if disease == "SSc" else 2, **AUTOIMMUNE)
           .outcome(words, "improvement"))
    assert doc.claims() == {("XYZ-19", doid, "improvement", False)}


@pytest.mark.parametrize(("sentence", "words", "norm"), [
    ("Five of the nine had a complete response.", "complete response", "complete_response"),
    ("But two of the six had relapsed by the one-year mark.", "relapsed", "relapse"),
])
def test_a_share_of_the_group_in_number_words_reports_the_study(sentence: str, words: str, norm: str) -> None:
    """News style writes group sizes in words ("five of the nine"): the sentence reports on the treated
    patients, as "5 of the 9" does, and its result is the studied product's."""
    doc = (HandDoc("XYZ-19 was given to nine patients with lupus nephritis. " + sentence,
                   title="XYZ-19 in lupus nephritis")
           .therapy("XYZ-19", "XYZ-19", modality="CAR-T").therapy("XYZ-19", "XYZ-19", nth=1, modality="CAR-T")
           .disease("lupus nephritis", "DOID:0080162").disease("lupus nephritis", "DOID:0080162", nth=1)
           .outcome(words, norm))
    assert doc.claims() == {("XYZ-19", "DOID:0080162", norm, False)}


def test_a_general_statement_with_no_group_is_no_result_of_the_product() -> None:
    doc = (HandDoc("XYZ-19 was given to nine patients with lupus nephritis. Complete responses are rare in this "
                   "disease.", title="XYZ-19 in lupus nephritis")
           .therapy("XYZ-19", "XYZ-19", modality="CAR-T").therapy("XYZ-19", "XYZ-19", nth=1, modality="CAR-T")
           .disease("lupus nephritis", "DOID:0080162").disease("lupus nephritis", "DOID:0080162", nth=1)
           .outcome("Complete responses", "complete_response"))
    assert doc.claims() == set()


@pytest.mark.parametrize("opening", [
    "Next came betatamab, an antibody approved for myeloma, given off-label to eight patients with lupus nephritis.",
    "At a second centre, six patients with lupus nephritis received betatamab, a bispecific antibody.",
    "Her sister then joined a trial of betatamab, an antibody given under the skin.",
])
def test_a_paragraph_opening_by_giving_another_drug_is_about_that_drug(opening: str) -> None:
    """A round-up or case story gives another product (not only a cell product) a paragraph: the results
    after it naming no therapy are that drug's, with the disease its opening names."""
    doc = (HandDoc("ABC-101 was given to 40 patients with lupus nephritis. ABC-101 produced responses in 30.\n\n"
                   + opening + " Proteinuria fell in all of them. Two patients developed pneumonia.",
                   title="Company presents ABC-101 data in lupus nephritis")
           .therapy("ABC-101", "ABC-101", modality="CAR-T").therapy("ABC-101", "ABC-101", nth=1, modality="CAR-T")
           .therapy("ABC-101", "ABC-101", nth=2, modality="CAR-T").disease("lupus nephritis", "DOID:0080162")
           .disease("lupus nephritis", "DOID:0080162", nth=1).outcome("responses", "response")
           .therapy("betatamab", "betatamab", modality="antibody").outcome("Proteinuria fell", "improvement")
           .outcome("pneumonia", "infection", category="safety"))
    if "lupus nephritis" in opening:
        doc.disease("lupus nephritis", "DOID:0080162", nth=2)
    claims = doc.claims()
    assert ("betatamab", "DOID:0080162", "improvement", False) in claims
    assert ("betatamab", "DOID:0080162", "infection", False) in claims
    assert not any(c[0] == "ABC-101" and c[2] in ("improvement", "infection") for c in claims)


@pytest.mark.parametrize("opening", [
    "Tocilizumab was given to four patients for fever.",  # given for an event, not to a cohort with a disease
    "Two of the patients saw their scores fall and could taper prednisone.",  # named in passing
    "Most patients improved. Prednisone was given to some of them as well.",  # not the opening sentence
])
def test_a_drug_a_paragraph_names_in_passing_does_not_take_the_products_results(opening: str) -> None:
    drug = next(d for d in ("Tocilizumab", "prednisone", "Prednisone") if d in opening)
    doc = (HandDoc("ABC-101 was given to 40 patients with multiple myeloma.\n\n" + opening
                   + " Complete responses were seen in 30 of the 40 patients.", title="Company reports ABC-101 data")
           .therapy("ABC-101", "ABC-101", modality="CAR-T").disease("multiple myeloma", "DOID:9538")
           .therapy(drug, drug.lower()).outcome("Complete responses", "complete_response"))
    assert ("ABC-101", "DOID:9538", "complete_response", False) in doc.claims()
    assert not any(c[0] == drug.lower() for c in doc.claims())


@pytest.mark.parametrize(("sentence", "words", "norm", "negated"), [
    ("Disease activity fell in all eight and five reached a complete response.", "complete response",
     "complete_response", False),
    ("But two of the six had relapsed by the one-year mark.", "relapsed", "relapse", False),
    ("Twenty-two remain in remission, while two relapsed after their B cells returned.", "remission", "remission",
     False),
    ("No relapses had been seen at that point.", "relapses", "relapse", True),
    ("No deaths occurred.", "deaths", "death", True),
])
def test_a_count_without_its_noun_reports_the_studys_patients(sentence: str, words: str, norm: str,
                                                             negated: bool) -> None:
    """News and case stories count patients by a number alone ("in all eight", "two of the six")."""
    category = "safety" if norm == "death" else "efficacy"
    doc = (HandDoc("Eight patients with lupus received XYZ-19 in the study. " + sentence, title="XYZ-19 in lupus")
           .therapy("XYZ-19", "XYZ-19", modality="CAR-T").therapy("XYZ-19", "XYZ-19", nth=1, modality="CAR-T")
           .disease("lupus", "DOID:9074").disease("lupus", "DOID:9074", nth=1)
           .outcome(words, norm, negated=negated, category=category))
    assert doc.claims() == {("XYZ-19", "DOID:9074", norm, negated)}


@pytest.mark.parametrize("sentence", [
    "Relapse of lupus is common in all four trials of older drugs.",
    "Relapse is frequent in lupus and two of the four companies in the field have stopped work.",
    "Relapse of lupus is most likely in the first 3 to 6 months of any treatment.",
    "Relapse of lupus was compared for all three older drugs in the registry.",
])
def test_a_number_of_trials_or_companies_is_no_count_of_patients(sentence: str) -> None:
    doc = (HandDoc(sentence, title="XYZ-19 in lupus").therapy("XYZ-19", "XYZ-19", modality="CAR-T")
           .disease("lupus", "DOID:9074").outcome("Relapse", "relapse"))
    if "lupus" in sentence:
        doc.disease("lupus", "DOID:9074", nth=1)
    assert doc.claims() == set()


@pytest.mark.parametrize("enrolled", [
    "In the trial, 10 patients with subtype x or disease z received drugamab.",
    "In the trial, 10 patients with subtype x and disease z received drugamab.",
])
def test_a_headline_disease_stays_where_the_body_lists_the_subtype_with_another_condition(enrolled: str) -> None:
    """A mixed cohort ("dermatomyositis or antisynthetase syndrome" under a title's "myositis"): the title's
    term names all of its patients, not the one subtype the ontology puts under it."""
    doc = _headline_doc(enrolled + " Most patients responded.").disease("disease z", "DOID:Z")
    assert doc.claims(HIERARCHY) == {("drugamab", "DOID:B", "response", False)}


@pytest.mark.parametrize("title", [
    "CD19 CAR-T followed by allogeneic transplantation in acute lymphoblastic leukemia",
    "CD19 CAR-T plus consolidative allogeneic transplantation for acute lymphoblastic leukemia",
])
def test_a_consolidating_transplant_does_not_share_the_cells_response_or_toxicity(title: str) -> None:
    """A transplant given with the cells (a partner in the title or design) comes after the response and the
    CRS it consolidates: those are the cells' alone; relapse after it stays the regimen's."""
    doc = (HandDoc("Results: Complete remission was reached in 40 of 46 patients. Cytokine release syndrome "
                   "occurred in 30 patients. Relapse occurred in 8 patients.", title=title)
           .disease("acute lymphoblastic leukemia", "DOID:9952")
           .therapy("CD19 CAR-T", "CD19 CAR-T", modality="CAR-T").therapy("allogeneic transplantation", "HSCT",
                                                                         modality="transplant")
           .outcome("Complete remission", "complete_remission").outcome("Cytokine release syndrome", "crs",
                                                                        category="safety")
           .outcome("Relapse", "relapse"))
    assert doc.claims() == {("CD19 CAR-T", "DOID:9952", "complete_remission", False),
                            ("CD19 CAR-T", "DOID:9952", "crs", False),
                            ("CD19 CAR-T", "DOID:9952", "relapse", False), ("HSCT", "DOID:9952", "relapse", False)}


@pytest.mark.parametrize("rival", [
    "Rival Zeta Bio said its in vivo BCMA CAR-T, ZTB-88, produced responses.",
    "Rival Zeta Bio said ZTB-88 (BCMA CAR-T) produced responses.",
])
def test_a_rival_named_with_its_description_side_by_side_is_named_once(rival: str) -> None:
    """A product and the construct describing it ("its BCMA CAR-T, ZTB-88") are one naming: they do not make
    the rival the document's main product, whose results a sentence naming no therapy reports."""
    doc = (HandDoc("Lumex reported data for LMX-7 in three women with lupus. One of them could taper prednisone. "
                   "One patient had cytokine release syndrome.\n\n" + rival, title="Lumex doses first lupus patients")
           .therapy("LMX-7", "LMX-7", modality="CAR-T").therapy("prednisone").disease("lupus", "DOID:9074")
           .therapy("BCMA CAR-T", "ZTB-88", modality="CAR-T").therapy("ZTB-88", "ZTB-88", modality="CAR-T")
           .outcome("cytokine release syndrome", "crs", category="safety"))
    assert doc.claims() == {("LMX-7", "DOID:9074", "crs", False)}


@pytest.mark.parametrize(("sentence", "words", "norm"), [
    ("Non-relapse mortality was 19% after the transplant and 5% without it.", "Non-relapse mortality", "death"),
    ("Severe infections occurred in 30% after the transplant.", "infections", "infection"),
])
def test_a_later_arm_given_a_safety_figure_of_its_own_gets_the_event(sentence: str, words: str, norm: str) -> None:
    """In a cell-therapy study, an adverse event naming only another arm with its own figure ("19% after
    allo-HCT") is that arm's result, as it is in a sentence naming both."""
    doc = (HandDoc("Results: 80 patients received XYZ-19. Thirty of them proceeded to a transplant. " + sentence,
                   title="XYZ-19 in acute lymphoblastic leukemia")
           .therapy("XYZ-19", "XYZ-19", modality="CAR-T").therapy("XYZ-19", "XYZ-19", nth=1, modality="CAR-T")
           .therapy("transplant", "HSCT", modality="transplant").therapy("transplant", "HSCT", nth=1, modality="transplant")
           .disease("acute lymphoblastic leukemia", "DOID:9952").outcome(words, norm, category="safety"))
    assert ("HSCT", "DOID:9952", norm, False) in doc.claims()


# --- recdis16: which disease a record gets ---------------------------------------------------------------

def test_a_broader_name_in_a_result_is_the_one_narrower_disease_the_patients_have():
    # the patients are named by a subtype; a result naming only its ancestor reports on them
    doc = (HandDoc("Of the 40 patients with squamous lung carcinoma, 12 responded. Drugamab showed durable "
                   "activity against lung cancers.", title="Drugamab in melanoma and beyond")
           .disease("melanoma", "DOID:1909").disease("squamous lung carcinoma", "DOID:3907")
           .disease("lung cancers", "DOID:1324")
           .therapy("Drugamab", "drugamab").therapy("Drugamab", "drugamab", nth=1).outcome("responded", "response")
           .outcome("showed durable activity", "improvement"))
    hierarchy = {"DOID:3907": ["DOID:3905", "DOID:1324"]}
    assert ("drugamab", "DOID:3907", "improvement", False) in doc.claims(ancestors=hierarchy)
    assert ("drugamab", "DOID:1324", "improvement", False) not in doc.claims(ancestors=hierarchy)


def test_a_broader_disease_name_in_a_result_takes_the_enrolled_subtype_in_another_wording():
    doc = (HandDoc("Thirty adults with relapsing-remitting MS were given drugamab too. After a year, their multiple "
                   "sclerosis disability scores had improved with drugamab.",
                   title="A drugamab pilot in neuromyelitis optica")
           .disease("neuromyelitis optica", "DOID:8869").disease("relapsing-remitting MS", "DOID:2378")
           .disease("multiple sclerosis", "DOID:2377").therapy("drugamab", nth=1).therapy("drugamab", nth=2)
           .outcome("improved", "improvement"))
    assert doc.claims(ancestors={"DOID:2378": ["DOID:2377"]}) == {("drugamab", "DOID:2378", "improvement", False)}


def test_a_broader_name_the_text_also_gives_the_patients_stays():
    # "patients with lung cancer" names the broad disease as the patients' own: no narrowing
    doc = (HandDoc("We enrolled patients with lung cancer; 20 patients with squamous lung carcinoma were among "
                   "them. Drugamab showed durable activity against lung cancers.", title="Drugamab in solid tumours")
           .disease("lung cancer", "DOID:1324").disease("squamous lung carcinoma", "DOID:3907")
           .disease("lung cancers", "DOID:1324").therapy("Drugamab", "drugamab").therapy("Drugamab", "drugamab", nth=1)
           .outcome("showed durable activity", "improvement"))
    hierarchy = {"DOID:3907": ["DOID:3905", "DOID:1324"]}
    assert ("drugamab", "DOID:1324", "improvement", False) in doc.claims(ancestors=hierarchy)


def test_a_broader_name_with_two_narrower_population_diseases_stays():
    # two subtypes among the patients: the broader name is their collective
    doc = (HandDoc("We treated 30 patients with HER2-positive breast cancer and 20 patients with triple-negative "
                   "breast cancer. Given drugamab, the breast tumours responded in 21 patients.",
                   title="Drugamab in solid tumours")
           .disease("HER2-positive breast cancer", "DOID:0060079").disease("triple-negative breast cancer", "DOID:0060081")
           .disease("breast tumours", "DOID:1612").therapy("drugamab").outcome("responded", "response"))
    hierarchy = {"DOID:0060079": ["DOID:1612"], "DOID:0060081": ["DOID:1612"]}
    assert doc.claims(ancestors=hierarchy) == {("drugamab", "DOID:1612", "response", False)}


def test_a_headline_umbrella_stays_where_its_subtype_is_listed_with_a_sibling():
    # the cohort has two conditions under the headline's term; narrowing it to the one the ontology
    # files under that term would drop the other half of the patients
    doc = (HandDoc("Twelve patients with refractory dermatomyositis or antisynthetase syndrome were randomized "
                   "to drugamab or placebo. Nine of the drugamab patients responded (p = 0.01).",
                   title="Drugamab in myositis")
           .disease("myositis", "DOID:633").disease("dermatomyositis", "DOID:10223")
           .disease("antisynthetase syndrome", "DOID:0080744").therapy("Drugamab", "drugamab")
           .therapy("drugamab").outcome("responded", "response"))
    hierarchy = {"DOID:10223": ["DOID:633"]}
    assert doc.claims(ancestors=hierarchy) == {("drugamab", "DOID:633", "response", False)}


def test_a_headline_umbrella_stays_for_a_listed_cohort_in_another_wording():
    doc = (HandDoc("Forty adults with ulcerative colitis and indeterminate colitis were randomised to drugamab "
                   "or placebo. Remission was more frequent with drugamab (p = 0.02).",
                   title="Drugamab for inflammatory bowel disease")
           .disease("inflammatory bowel disease", "DOID:0050589").disease("ulcerative colitis", "DOID:8577")
           .disease("indeterminate colitis", "DOID:0050590").therapy("Drugamab", "drugamab")
           .therapy("drugamab", nth=1).outcome("Remission", "remission"))
    hierarchy = {"DOID:8577": ["DOID:0050589"]}
    assert doc.claims(ancestors=hierarchy) == {("drugamab", "DOID:0050589", "remission", False)}


def test_a_headline_term_still_narrows_to_its_one_enrolled_subtype():
    # counterexample: a subtype enrolled alone is the most specific term the text supports
    doc = (HandDoc("Twelve patients with refractory dermatomyositis were randomized to drugamab or placebo. "
                   "Nine of the drugamab patients responded (p = 0.01).", title="Drugamab in myositis")
           .disease("myositis", "DOID:633").disease("dermatomyositis", "DOID:10223")
           .therapy("Drugamab", "drugamab").therapy("drugamab").outcome("responded", "response"))
    assert doc.claims(ancestors={"DOID:10223": ["DOID:633"]}) == {("drugamab", "DOID:10223", "response", False)}


def test_a_procedure_population_gives_complications_no_disease():
    # the title names the patients by their operation: a wound infection is the procedure's complication,
    # and the disease the patients were operated for is no target
    doc = (HandDoc("Patients with oesophageal cancer were randomized to drugacillin or placebo before the "
                   "gastrostomy. Wound infection occurred in 4% and 6% (p = 0.4).",
                   title="Prophylactic drugacillin before endoscopic gastrostomy")
           .disease("oesophageal cancer", "DOID:5041").therapy("drugacillin", nth=1)
           .therapy("drugacillin", nth=0).outcome("Wound infection", "infection", category="safety"))
    assert doc.claims() == {("drugacillin", None, "infection", False)}


def test_a_procedure_population_in_another_wording():
    doc = (HandDoc("Patients with a history of heart failure were randomly assigned to drugamine or saline. "
                   "Mortality was 3% with drugamine and 4% with saline.",
                   title="Drugamine in elderly patients undergoing hip replacement surgery")
           .disease("heart failure", "DOID:6000").therapy("drugamine").therapy("drugamine", nth=1)
           .outcome("Mortality", "death", category="safety"))
    assert doc.claims() == {("drugamine", None, "death", False)}


def test_a_procedure_that_is_the_treatment_keeps_the_disease():
    # counterexample: "surgery for X" names the treatment, and X the patients' disease
    doc = (HandDoc("Forty patients with chronic migraine were randomized to drugamab or placebo after the "
                   "operation. Headache days fell more with drugamab (p = 0.01).",
                   title="Drugamab and surgery for chronic headaches")
           .disease("chronic migraine", "DOID:6364").therapy("drugamab").therapy("drugamab", nth=1)
           .outcome("Headache days fell", "improvement"))
    assert doc.claims() == {("drugamab", "DOID:6364", "improvement", False)}


def test_an_age_qualified_headline_term_takes_the_bodys_subtype():
    # the ontology files "childhood leukemia" beside ALL (both are leukemias), not above it
    doc = (HandDoc("We randomized 300 children with acute lymphoblastic leukemia to two drugamab doses. The "
                   "children given the higher dose responded more often (p = 0.01).",
                   title="Higher drugamab doses help in childhood leukemia")
           .disease("childhood leukemia", "DOID:7757").disease("acute lymphoblastic leukemia", "DOID:9952")
           .therapy("drugamab", nth=1).outcome("responded", "response"))
    hierarchy = {"DOID:7757": ["DOID:1240", "DOID:162"], "DOID:9952": ["DOID:1037", "DOID:1240", "DOID:162"]}
    assert doc.claims(ancestors=hierarchy) == {("drugamab", "DOID:9952", "response", False)}


def test_an_age_qualified_headline_term_in_another_wording():
    doc = (HandDoc("Forty patients with Wilms tumour were assigned to drugamab or to observation. Fewer of the "
                   "drugamab patients relapsed (p = 0.03).", title="Drugamab trial in pediatric kidney cancer")
           .disease("pediatric kidney cancer", "DOID:0000001", "pediatric kidney cancer")
           .disease("Wilms tumour", "DOID:2154").therapy("drugamab", nth=1).outcome("relapsed", "relapse"))
    hierarchy = {"DOID:0000001": ["DOID:263", "DOID:162"], "DOID:2154": ["DOID:263", "DOID:162"]}
    assert doc.claims(ancestors=hierarchy) == {("drugamab", "DOID:2154", "relapse", False)}


def test_a_headline_term_the_age_defines_is_no_age_qualified_term():
    # counterexample: "juvenile arthritis" is its own disease; a sibling the body names stays a sibling
    doc = (HandDoc("Forty children with psoriatic arthritis were assigned to drugamab or to placebo. Joint "
                   "scores improved with drugamab (p = 0.03).", title="Drugamab in juvenile arthritis")
           .disease("juvenile arthritis", "DOID:0000002", "juvenile arthritis")
           .disease("psoriatic arthritis", "DOID:9008").therapy("drugamab").therapy("drugamab", nth=1)
           .outcome("improved", "improvement"))
    hierarchy = {"DOID:0000002": ["DOID:848"], "DOID:9008": ["DOID:848"]}
    assert doc.claims(ancestors=hierarchy) == {("drugamab", "DOID:0000002", "improvement", False)}


def test_a_headline_relapse_disease_is_read_at_the_bodys_level():
    # the relapse rate the body reports is of the headline's disease, named by the body's subtype
    doc = (HandDoc("We randomized 200 patients with acute myeloid leukemia to drugamab or placebo. Drugamab "
                   "reduced the relapse rate by a third (p = 0.01).",
                   title="Drugamab cuts relapses of leukemia")
           .disease("leukemia", "DOID:1240").disease("acute myeloid leukemia", "DOID:9119")
           .outcome("relapses", "relapse").therapy("Drugamab", "drugamab", nth=1).outcome("relapse", "relapse", nth=1))
    hierarchy = {"DOID:9119": ["DOID:1240", "DOID:162"]}
    assert doc.claims(ancestors=hierarchy) == {("drugamab", "DOID:9119", "relapse", False)}


def test_a_headline_relapse_disease_in_another_wording():
    doc = (HandDoc("Three hundred children with acute lymphoblastic leukemia were randomized to two drugamab "
                   "doses. The higher dose lowered the relapse rate (p = 0.02).",
                   title="Childhood leukemia relapses fall with more drugamab")
           .disease("Childhood leukemia", "DOID:7757", "childhood leukemia")
           .disease("acute lymphoblastic leukemia", "DOID:9952").outcome("relapses", "relapse")
           .therapy("drugamab", nth=1).outcome("relapse", "relapse", nth=1))
    hierarchy = {"DOID:7757": ["DOID:1240", "DOID:162"], "DOID:9952": ["DOID:1037", "DOID:1240", "DOID:162"]}
    assert doc.claims(ancestors=hierarchy) == {("drugamab", "DOID:9952", "relapse", False)}


def test_a_headline_relapse_disease_stays_without_a_body_subtype():
    # counterexample: the body names the patients by the headline's own term
    doc = (HandDoc("We randomized 200 patients with leukemia to drugamab or placebo. Drugamab reduced the "
                   "relapse rate by a third (p = 0.01).", title="Drugamab cuts relapses of leukemia")
           .disease("leukemia", "DOID:1240").disease("leukemia", "DOID:1240", nth=1)
           .outcome("relapses", "relapse").therapy("Drugamab", "drugamab", nth=1).outcome("relapse", "relapse", nth=1))
    assert doc.claims(ancestors={}) == {("drugamab", "DOID:1240", "relapse", False)}


def test_a_drug_named_before_the_outcome_only_as_the_yardstick_has_no_result_there():
    doc = (HandDoc("Drugamab cut gout flares by half compared with comparamab and improved joint scores more than it.",
                   title="Drugamab versus comparamab in gout")
           .therapy("Drugamab", "drugamab").therapy("comparamab").disease("gout", "DOID:13189")
           .therapy("Drugamab", "drugamab", nth=1).therapy("comparamab", nth=1)
           .outcome("improved joint scores", "improvement"))
    assert doc.claims() == {("drugamab", "DOID:13189", "improvement", False)}
    # a figure of its own keeps the comparator an arm with a result
    figured = (HandDoc("Drugamab improved joint scores in 60% compared with 40% on comparamab, and improved them "
                       "faster.", title="Drugamab versus comparamab in gout")
               .therapy("Drugamab", "drugamab").therapy("comparamab").disease("gout", "DOID:13189")
               .therapy("Drugamab", "drugamab", nth=1).therapy("comparamab", nth=1)
               .outcome("improved them", "improvement"))
    assert ("comparamab", "DOID:13189", "improvement", False) in figured.claims()


def test_a_denied_event_compared_with_another_drug_is_no_claim_about_that_drug():
    doc = (HandDoc("Children with gout could take drugamab without a worsening of gout when compared with comparamab.",
                   title="Drugamab in gout")
           .therapy("Drugamab", "drugamab").disease("gout", "DOID:13189").therapy("drugamab")
           .outcome("worsening of gout", "progression", negated=True).therapy("comparamab"))
    assert doc.claims() == {("drugamab", "DOID:13189", "progression", True)}


def test_the_outcome_words_may_open_the_comparison_with_the_drug_after_them():
    doc = (HandDoc("Two tablets of drugamab may be as effective as two tablets of comparamab.",
                   title="Drugamab versus comparamab in gout")
           .therapy("Drugamab", "drugamab").therapy("comparamab").disease("gout", "DOID:13189")
           .therapy("drugamab").therapy("comparamab", nth=1)
           .outcome("be as effective", "improvement", hedged=True))
    assert doc.claims() == {("drugamab", "DOID:13189", "improvement", False)}


def test_events_placed_before_the_treatment_are_history_not_results():
    doc = (HandDoc("No patient has relapsed since the transplant, whereas before treatment, the patients had had "
                   "40 relapses in all.", title="Stem cell transplant in multiple sclerosis")
           .therapy("Stem cell transplant", "HSCT").disease("multiple sclerosis", "DOID:2377")
           .outcome("relapsed", "relapse", negated=True).outcome("relapses", "relapse"))
    assert doc.claims() == {("HSCT", "DOID:2377", "relapse", True)}
    # a change from before to after the treatment is its result
    change = (HandDoc("In the 20 patients, the relapse rate fell from 40 before treatment to two.",
                      title="Stem cell transplant in multiple sclerosis")
              .therapy("Stem cell transplant", "HSCT").disease("multiple sclerosis", "DOID:2377")
              .outcome("relapse", "relapse"))
    assert change.claims() == {("HSCT", "DOID:2377", "relapse", False)}


def test_a_study_of_a_device_gives_its_unnamed_results_to_no_drug():
    doc = (HandDoc("Some patients had taken drugamab before. Of the 20 patients, 15 had less pain.",
                   title="Implanted device eases chronic gout pain")
           .disease("gout", "DOID:13189").therapy("drugamab").outcome("less pain", "improvement"))
    assert doc.claims() == set()
    # ... while a title whose subject is a drug keeps them
    drug = (HandDoc("Of the 20 patients, 15 had less pain.", title="Drugamab eases chronic gout pain after surgery")
            .therapy("Drugamab", "drugamab").disease("gout", "DOID:13189").outcome("less pain", "improvement"))
    assert drug.claims() == {("drugamab", "DOID:13189", "improvement", False)}
def _defined_condition_doc(definition: str) -> HandDoc:
    """A headline naming only a symptom, a body defining it (or not) as a form of a disease, and other
    diseases the body names in passing."""
    return (HandDoc(f"Knee swelling of this kind, {definition} gout, is common in older men. Obesity and "
                    "hypertension are frequent in them. Swelling improved in 14 of 20 patients given drugamab.",
                    title="Drugamab eases knee swelling")
            .therapy("drugamab").therapy("Drugamab").disease("gout", "DOID:13189")
            .disease("Obesity", "DOID:9970").disease("hypertension", "DOID:10763")
            .outcome("Swelling improved", "improvement"))


def test_a_disease_the_text_defines_the_untitled_condition_as_a_form_of_is_the_records_disease():
    # "RAP, a neovascular form of AMD": the condition has no ontology term, the disease it is a form of does
    assert _defined_condition_doc("a chronic form of").claims() == {("drugamab", "DOID:13189", "improvement", False)}
    # a disease the condition only resembles is no population: with several diseases named, none is the target
    assert _defined_condition_doc("similar to").claims() == {("drugamab", None, "improvement", False)}
    # a condition that is a disease itself keeps its own term: the broader one it is a form of is no population
    named = (HandDoc("Knee gout, a chronic form of arthritis, is common in older men. Obesity and hypertension are "
                     "frequent in them. Swelling improved in 14 of 20 patients given drugamab.",
                     title="Drugamab eases knee swelling")
             .therapy("drugamab").therapy("Drugamab").disease("gout", "DOID:13189").disease("arthritis", "DOID:848")
             .disease("Obesity", "DOID:9970").disease("hypertension", "DOID:10763")
             .outcome("Swelling improved", "improvement"))
    assert ("drugamab", "DOID:848", "improvement", False) not in named.claims()


def test_a_class_followed_by_its_examples_gives_each_listed_disease_the_result():
    def doc(join: str) -> HandDoc:
        # (the list stands too far from the outcome to be read as its own list of diseases)
        return (HandDoc("Drugamab showed activity when it was given as continuous single-agent therapy over many "
                        f"months to adults with several advanced cancer types{join}breast cancer, glioma (GBM) and "
                        "melanoma.", title="Drugamab in a phase 1 trial")
                .therapy("Drugamab", nth=1).therapy("Drugamab")
                .disease("cancer", "DOID:162", group="cancer", **{"class": True})
                .disease("breast cancer", "DOID:1612").disease("glioma", "DOID:0060108").disease("GBM", "DOID:3068")
                .disease("melanoma", "DOID:1909").outcome("showed activity", "improvement"))

    listed = doc(", including ").claims()
    assert {d for _, d, _, _ in listed} == {"DOID:1612", "DOID:0060108", "DOID:3068", "DOID:1909"}
    # no list cue: the class keeps the result
    assert ("drugamab", "DOID:162", "improvement", False) in doc(". It spared ").claims()
