"""Record linking, the public API and contract-conformant output."""

from __future__ import annotations

import jsonschema
import pytest

import cartmine
from cartmine.contract import load_schema
from cartmine.document import InputDocument
from cartmine.extractor import Extractor

SCHEMA = load_schema()


def claims(result):
    return {(r.therapy, r.disease_id, r.outcome, r.negated) for r in result.records}


def test_the_mission_sentence(nlp):
    doc = InputDocument(
        id="t1",
        title="Anti-CD19 CAR T cells in systemic lupus erythematosus",
        text="Fifteen patients with SLE received CD19 CAR T cells. "
             "Some still did not need any medication even after two years.",
    )
    result = Extractor(nlp).process_one(doc)
    record = next(r for r in result.records if r.outcome == "drug_free_remission")
    assert record.therapy == "CD19 CAR-T"
    assert record.disease_id == "DOID:9074"
    assert record.duration_months == 24.0 and record.duration_qualifier == ">="
    assert record.duration_kind == "remission"
    assert record.n_patients == 15
    assert "two years" in record.evidence


def test_negated_claim(nlp):
    result = cartmine.extract("After CD19 CAR-T therapy for myasthenia gravis, no patient relapsed.", nlp=nlp)
    assert ("CD19 CAR-T", "DOID:437", "relapse", True) in claims(result)


def test_outcome_pairs_with_its_own_disease(nlp):
    text = ("Fifteen patients received CD19 CAR T cells. All eight patients with SLE reached remission, "
            "and all three with myositis had a major clinical response.")
    found = claims(cartmine.extract(text, nlp=nlp))
    assert ("CD19 CAR-T", "DOID:9074", "remission", False) in found
    assert ("CD19 CAR-T", "DOID:633", "response", False) in found
    assert ("CD19 CAR-T", "DOID:633", "remission", False) not in found


def test_no_duplicate_claims(nlp):
    text = ("CD19 CAR-T cells induced remission in lupus. Remission was durable in lupus. "
            "The remission held in every lupus patient.")
    result = cartmine.extract(text, nlp=nlp)
    keys = [r.claim_key() for r in result.records]
    assert len(keys) == len(set(keys))


def test_lymphodepletion_drugs_get_no_records(nlp):
    text = ("Patients with lupus received KYV-101 after lymphodepletion with fludarabine and cyclophosphamide. "
            "All patients improved.")
    therapies = {r.therapy for r in cartmine.extract(text, nlp=nlp).records}
    assert therapies == {"mivocabtagene autoleucel"}


def test_offsets_point_into_title_and_text(nlp):
    doc = {"id": "t2", "title": "KYV-101 in myasthenia gravis", "text": "Kyverna said every patient responded."}
    result = cartmine.extract(doc, nlp=nlp)
    full = doc["title"] + "\n\n" + doc["text"]
    assert result.mentions
    for m in result.mentions:
        assert full[m.start:m.end] == m.text


def test_results_live_on_doc_extensions(nlp):
    doc = nlp("No patient relapsed after CD19 CAR-T therapy for lupus.")
    assert doc._.records and doc._.mentions
    assert doc.spans["OUTCOME"][0]._.attrs["negated"] is True


def test_output_validates_against_contract_schema(nlp):
    text = ("Kyverna Therapeutics treated 12 patients with lupus nephritis with KYV-101. With a median follow-up "
            "of 8 months, none relapsed; CRS was mild.")
    out = cartmine.extract({"id": "t3", "text": text}, nlp=nlp).to_dict()
    jsonschema.validate(out, SCHEMA)
    assert {m["label"] for m in out["mentions"]} >= {"THERAPY", "DISEASE", "OUTCOME", "DURATION",
                                                     "PATIENT_COUNT", "SPONSOR"}


@pytest.mark.parametrize(("document", "message"), [
    ({"id": "e1", "text": "   "}, "empty text"),
    ({"id": "e2", "text": "lupus " * 200_000}, "too long"),
])
def test_bad_documents_get_errors(nlp, document, message):
    result = Extractor(nlp, max_chars=500_000).process_one(InputDocument.from_dict(document))
    assert result.errors and message in result.errors[0]
    assert result.records == []


def test_batch_survives_a_failing_document(nlp, monkeypatch):
    docs = [InputDocument(id=str(i), text=f"Lupus patient {i} reached remission after CD19 CAR-T.") for i in range(3)]
    extractor = Extractor(nlp)
    original = extractor._make_doc

    def flaky(document):
        if document.id == "1":
            raise RuntimeError("boom")
        return original(document)

    monkeypatch.setattr(extractor, "_make_doc", flaky)
    results = list(extractor.process(docs))
    assert [r.doc_id for r in results] == ["0", "1", "2"]
    assert results[1].errors and not results[0].errors and not results[2].errors


def test_load_returns_a_spacy_language():
    nlp = cartmine.load()
    assert "records" in nlp.pipe_names and "therapies" in nlp.pipe_names
    assert nlp.get_pipe("durations").window == 70
    nlp2 = cartmine.load(overrides={"components.durations.window_chars": 40})
    assert nlp2.get_pipe("durations").window == 40


def test_headline_construct_is_the_product_of_the_lead(nlp):
    doc = {"id": "h1", "title": "Allogeneic CAR-T puts first lupus patients into remission",
           "text": "Zeta Bio said two patients with lupus treated with ZB-417, its allogeneic CD19-directed "
                   "CAR T-cell therapy, were in remission at six months."}
    result = cartmine.extract(doc, nlp=nlp)
    assert {m.norm for m in result.mentions if m.label == "THERAPY"} == {"ZB-417"}


def test_unlisted_car_t_inn_is_one_product(nlp):
    # a "-cabtagene ...leucel" INN that no dictionary lists is the product, not its second word
    doc = InputDocument(
        id="t-inn", title="A new BCMA CAR-T in myeloma",
        text="Forty patients with multiple myeloma received pelocabtagene autoleucel (pelo-cel), an "
             "anti-BCMA CAR T-cell therapy. Pelo-cel produced a complete response in 28 patients.")
    result = Extractor(nlp).process_one(doc)
    assert ("pelocabtagene autoleucel", "DOID:9538", "complete_response", False) in claims(result)
    assert not any(r.therapy == "autoleucel" for r in result.records)


@pytest.mark.parametrize(("text", "present", "absent"), [
    # a named comparator with its own figure keeps its result next to the CAR-T
    ("In multiple myeloma, response rates were 58% with elranatamab and 81% with BCMA CAR T cells. "
     "Two elranatamab-treated patients died.",
     [("elranatamab", "DOID:9538", "response", False), ("BCMA CAR-T", "DOID:9538", "response", False)],
     [("BCMA CAR-T", "DOID:9538", "death", False)]),
    # a patient who had not responded to a drug is that drug's no_response, not a negated response
    ("A man with myasthenia gravis who had not responded to eculizumab received CD19 CAR T cells, "
     "and his weakness improved.",
     [("eculizumab", "DOID:437", "no_response", False)],
     [("eculizumab", "DOID:437", "response", True)]),
], ids=["drug-arm-beside-cell-therapy", "not-responded-to-a-drug"])
def test_drugs_beside_a_cell_therapy_keep_their_own_results(nlp, text, present, absent):
    got = claims(cartmine.extract(text, nlp=nlp))
    for claim in present:
        assert claim in got
    for claim in absent:
        assert claim not in got


def test_remission_made_drug_free_by_the_words_after_it_is_drug_free_only(nlp):
    result = cartmine.extract(
        "After CD19 CAR T cells, seven of nine patients with lupus stayed in remission, off all "
        "immunosuppressive treatment.", nlp=nlp)
    outcomes = {r.outcome for r in result.records}
    assert "drug_free_remission" in outcomes and "remission" not in outcomes


@pytest.mark.parametrize("text", [
    # the qualifier joined by "and" after the remission: one drug-free state
    "Two years after his BCMA CAR T cells, the patient with myeloma is still in remission and takes no myeloma drugs.",
    "After CD19 CAR T cells, all six patients with lupus remain in remission and off all immunosuppressive therapy.",
    # ... and before it
    "After CD19 CAR T cells, all patients with myositis were off any immunosuppressive treatment and fulfilled the "
    "criteria of remission.",
    "After CD19 CAR T cells, the four patients with lupus stopped all immunosuppressants and remained in remission.",
])
def test_remission_joined_by_and_to_its_drug_free_qualifier_is_drug_free_only(nlp, text):
    outcomes = {r.outcome for r in cartmine.extract(text, nlp=nlp).records}
    assert "drug_free_remission" in outcomes and "remission" not in outcomes


def test_remission_and_a_denied_drug_free_state_stay_apart(nlp):
    # "and not" is no single drug-free state: the remission stands on its own
    result = cartmine.extract("After CD19 CAR T cells, all patients with lupus were in remission, and most stopped "
                              "all immunosuppressive drugs.", nlp=nlp)
    outcomes = {r.outcome for r in result.records}
    assert {"remission", "drug_free_remission"} <= outcomes


AXI_VS_TISA = ("Axicabtagene ciloleucel versus tisagenlecleucel in large B-cell lymphoma: a registry study",
               "Methods: We compared 300 patients with large B-cell lymphoma treated with axi-cel (n=180) or tisa-cel "
               "(n=120). Results: ")
CILTA_VS_IDE = ("Ciltacabtagene autoleucel compared with idecabtagene vicleucel in multiple myeloma",
                "Methods: 200 patients with myeloma received cilta-cel (n=90) or ide-cel (n=110). Results: ")


@pytest.mark.parametrize("design, result, outcome", [
    # one figure per product, the second product implied by "vs" after the one the sentence names
    (AXI_VS_TISA, "ICANS was more frequent with axi-cel (40% vs 12%).", "icans"),
    (CILTA_VS_IDE, "Cytokine release syndrome rates were similar (70% vs 80%), but late neurotoxicity occurred only "
                   "with cilta-cel.", "crs"),
    # a share of each product's patients ("9% of axi-cel patients and 2% of tisa-cel patients")
    (AXI_VS_TISA, "Severe cytokine release syndrome was seen in 9% of axi-cel patients and 2% of tisa-cel patients.", "crs"),
    (CILTA_VS_IDE, "Progression occurred in 24% of cilta-cel and 47% of ide-cel recipients.", "progression"),
])
def test_a_comparison_of_two_cell_products_reports_the_outcome_for_both(nlp, design, result, outcome):
    title, methods = design
    records = cartmine.extract({"id": "vs", "source": "abstract", "title": title, "text": methods + result}, nlp=nlp).records
    assert len({r.therapy for r in records if r.outcome == outcome}) == 2


def test_paired_figures_of_one_product_give_no_second_product(nlp):
    # a single-product study: "(40% vs 12%)" compares its own subgroups
    records = cartmine.extract({"id": "vs1", "source": "abstract",
                                "title": "Axicabtagene ciloleucel in older patients with large B-cell lymphoma",
                                "text": "Methods: We treated 120 patients with large B-cell lymphoma with axi-cel. "
                                        "Results: ICANS was more frequent with axi-cel in patients over 70 (40% vs 12%)."},
                               nlp=nlp).records
    assert {r.therapy for r in records if r.outcome == "icans"} == {"axicabtagene ciloleucel"}


@pytest.mark.parametrize("text, improved", [
    # a disease-activity score in the passive is the disease improving
    ("After CD19 CAR T cells, the SLEDAI-2K score was decreased from 15 to 3 in the patients with lupus.", True),
    ("In the patients with Sjogren's syndrome given BCMA CAR T cells, ESSDAI scores were clearly reduced by month "
     "three.", True),
    # a laboratory level in the passive is a safety finding
    ("After CD19 CAR T cells, serum IgG levels were decreased in four patients with lupus.", False),
])
def test_a_passive_fall_of_a_disease_activity_score_is_improvement(nlp, text, improved):
    outcomes = {r.outcome for r in cartmine.extract(text, nlp=nlp).records}
    assert ("improvement" in outcomes) is improved


def test_earlier_drugs_that_failed_in_lay_words_get_their_results(nlp):
    # a press release's history of earlier treatments: "had not brought it under control" is their
    # no_response (a "high-dose" treatment word is no comparison of dose arms), "kept coming back" a relapse
    result = cartmine.extract({"id": "lay1", "source": "news", "text": (
        "Tom, 35, has had lupus since school. Neither high-dose glucocorticoids nor rituximab had brought it "
        "under control, and mycophenolate helped for a while, but the rash kept coming back. "
        "Last year he received CD19 CAR T cells, and his lupus is now in remission.")}, nlp=nlp)
    got = claims(result)
    assert ("rituximab", "DOID:9074", "no_response", False) in got
    assert ("mycophenolate mofetil", "DOID:9074", "relapse", False) in got


def test_a_graded_adverse_event_in_a_press_release_is_a_result(nlp):
    # the result-sentence score does not drop an adverse event whose toxicity grade the sentence gives
    result = cartmine.extract({"id": "grade1", "source": "news", "text": (
        "Nine of twelve patients treated with BCMA CAR T cells for myeloma had a complete response. "
        "Cytokine release syndrome was confined to grade 1 (n=5) and grade 2 (n=2).")}, nlp=nlp)
    assert ("BCMA CAR-T", "DOID:9538", "crs", False) in claims(result)


def test_an_attack_in_a_demyelinating_disease_is_a_relapse_beside_the_relapse_free(nlp):
    # patients who stayed free of relapse and the one who had an attack are both results; the attack's
    # form (optic neuritis) is no population of its own
    text = ("Twenty adults with multiple sclerosis were treated in an open-label study. After CD19 CAR T cells, "
            "sixteen patients remained relapse-free and four had an attack of optic neuritis.")
    found = claims(cartmine.extract(text, nlp=nlp))
    assert ("CD19 CAR-T", "DOID:2377", "relapse", True) in found
    assert ("CD19 CAR-T", "DOID:2377", "relapse", False) in found
    assert not any(c[1] == "DOID:1210" for c in found)


def test_an_attack_outside_a_demyelinating_disease_is_no_relapse(nlp):
    text = "Thirty adults with rheumatoid arthritis received tocilizumab. Two patients had a heart attack."
    found = claims(cartmine.extract(text, nlp=nlp))
    assert not any(c[2] == "relapse" for c in found)


def test_a_death_from_the_progressing_disease_is_also_a_progression(nlp):
    text = ("Forty patients with multiple myeloma received ciltacabtagene autoleucel. "
            "Five patients died of progressive myeloma during follow-up.")
    outcomes = {c[2] for c in claims(cartmine.extract(text, nlp=nlp))}
    assert {"death", "progression"} <= outcomes


def test_a_bare_cr_rate_is_a_complete_response_in_lymphoma_not_in_acute_leukaemia(nlp):
    lymphoma = ("Thirty adults with follicular lymphoma received mosunetuzumab. "
                "With mosunetuzumab the ORR was 77% (CR 58%); uMRD4 was not assessed.")
    assert any(c[0] == "mosunetuzumab" and c[2] == "complete_response" for c in claims(cartmine.extract(lymphoma, nlp=nlp)))
    leukaemia = "Adults with acute myeloid leukemia received venetoclax. With venetoclax the CR was 40%."
    assert not any(c[2] == "complete_response" for c in claims(cartmine.extract(leukaemia, nlp=nlp)))


def test_a_steroid_dose_ceiling_in_a_remission_definition_is_no_treatment(nlp):
    # "SLEDAI-2K of 0 with prednisone <=5 mg/day" defines the remission; the studied drug gets it
    text = ("Twelve patients with lupus received anifrolumab in an open study. "
            "Results: At week 52, eight reached remission (SLEDAI-2K of 0 with prednisone ≤5 mg/day), "
            "and two more were in remission on prednisone 7.5 mg daily or less.")
    found = claims(cartmine.extract(text, nlp=nlp))
    assert ("anifrolumab", "DOID:9074", "remission", False) in found
    assert not any(c[0] == "prednisone" for c in found)
