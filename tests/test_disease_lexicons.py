"""Disease mentions beyond the ontology's names (issue #14): team-written sentences only."""

from __future__ import annotations

import pytest

from cartmine.kb.disease_lexicons import LAY_TERMS_PATH, DiseaseLexicon, _rows
from cartmine.kb.disease_ontology import DiseaseOntology


def diseases(nlp, text: str) -> list[tuple[str, str | None, str]]:
    doc = nlp(text)
    return [(s.text, s.kb_id_ or None, s._.norm) for s in doc.spans.get("DISEASE", [])]


@pytest.fixture(scope="module")
def full_ontology() -> DiseaseOntology:
    onto = DiseaseOntology.load()
    if not onto.full:
        pytest.skip("Disease Ontology release files not found (set CARTMINE_SHARED)")
    return onto


def test_genetic_disease_written_with_a_hyphen(nlp):
    found = diseases(nlp, "Children with ataxia-telangiectasia develop lymphomas more often than their siblings.")
    assert ("ataxia-telangiectasia", "DOID:12704", "ataxia telangiectasia") in found
    assert not any(text == "telangiectasia" for text, _, _ in found)


def test_defined_short_form_beats_the_lexicon_sense(nlp):
    found = diseases(nlp, "Myotonic dystrophy (DM) is inherited. Adults with DM often have cataracts.")
    dm = [doid for text, doid, _ in found if text == "DM"]
    assert len(dm) == 2 and set(dm) == {found[0][1]}
    assert "DOID:10223" not in dm  # dermatomyositis, DM's lexicon sense, never wins here
    # without the definition, DM keeps its curated sense
    assert ("DM", "DOID:10223", "dermatomyositis") in diseases(nlp, "Dermatomyositis (DM) responded. DM relapsed.")


def test_short_form_defined_as_no_disease_is_never_one(nlp):
    found = diseases(nlp, "Samples were read by mass spectrometry (MS). MS showed three peaks in lupus patients.")
    assert [text for text, _, _ in found] == ["lupus"]


@pytest.mark.parametrize("text, short, doid", [
    ("Acute lymphoblastic leukaemia (ALL) is common in children. Children with high-risk ALL got the higher dose.",
     "ALL", "DOID:9952"),
    ("Multiple sclerosis (MS) was active in all of them. No MS relapse followed the transplant.", "MS", "DOID:2377"),
])
def test_defined_acronym_that_spells_an_everyday_word(nlp, text, short, doid):
    """A document's own acronym in capitals ("ALL", "MS") stands for its long form every time it is
    written so, though the lower-case word ("all", "ms") is never read as a disease."""
    found = diseases(nlp, text)
    assert [d for t, d, _ in found if t == short] == [doid, doid]
    assert not any(t == "all" for t, _, _ in found)
    # undefined, the capitals stay no disease
    assert not any(t == short for t, _, _ in diseases(nlp, f"In {short} patients the drug was given daily."))


def test_unlinked_disease_and_its_short_form(nlp):
    """No DO term: kept in doc.spans with id null and a canonical norm, left out of the contract output."""
    text = "Recurrent tonsillopharyngitis (RTP) was common in the cohort. Children with RTP received antibiotics."
    found = diseases(nlp, text)
    assert ("tonsillopharyngitis", None, "tonsillopharyngitis") in found
    assert [norm for t, _, norm in found if t == "RTP"] == ["tonsillopharyngitis", "tonsillopharyngitis"]
    doc = nlp(text)
    assert all(s._.attrs["linked"] is False for s in doc.spans["DISEASE"])
    assert not [m for m in doc._.mentions if m.label == "DISEASE"]


def test_severity_words_leave_the_canonical_name(nlp):
    found = diseases(nlp, "She was treated for severe acute coronary syndrome last year.")
    assert [(doid, norm) for _, doid, norm in found] == [(None, "acute coronary syndrome")]


@pytest.mark.parametrize(("text", "doid"), [
    ("Several patients had cancer of the lymph glands before the trial.", "DOID:0060058"),
    ("One woman had kidney lupus that had resisted all drugs.", "DOID:0080162"),
    ("The muscle-weakness disorder improved in two of the three patients.", "DOID:437"),
    ("Doctors call it brittle bone disease, and it runs in families.", "DOID:12347"),
    ("The new pill prevented repeat blood clots in most of the volunteers.", "DOID:0060903"),
    ("Women with an overactive bladder took the tablet at night.", "DOID:0070355"),
    ("The antibody is approved for advanced urothelial cancer after chemotherapy.", "DOID:2671"),
])
def test_lay_names(nlp, text, doid):
    assert doid in {d for _, d, _ in diseases(nlp, text)}


@pytest.mark.parametrize(("surface", "doid"), [
    ("tumours", "DOID:162"),
    ("hereditary breast cancer", "DOID:1612"),
    ("breast and ovarian cancer", "DOID:1612"),
    ("breast/ovarian cancers", "DOID:1612"),
    ("cancer of the pancreas", "DOID:1793"),
])
def test_lookup_variants(full_ontology, surface, doid):
    assert DiseaseLexicon(full_ontology, mentions_path=None).lookup(surface).doid == doid


def test_undefined_ambiguous_short_form_needs_a_full_name(nlp, full_ontology):
    recognizer = nlp.get_pipe("diseases")
    senses = full_ontology.abbreviation_senses("IBD")
    assert len(senses) > 1
    assert recognizer._ner_link("IBD", set()) is None
    assert recognizer._ner_link("IBD", {"DOID:0050589"}).doid == "DOID:0050589"


def test_every_lay_label_is_a_do_label(full_ontology):
    rows = list(_rows(LAY_TERMS_PATH, 2))
    assert len(rows) > 40
    for phrase, label in rows:
        concept = full_ontology.lookup(label)
        assert concept is not None and concept.label.lower() == label.lower(), (phrase, label)


@pytest.mark.parametrize(("surface", "doid"), [
    ("stage II or III colorectal cancer", "DOID:9256"),   # a stage is no part of the disease's name
    ("renal cell cancer", "DOID:4450"),                   # "<cell> cell cancer" is that cell carcinoma
    ("c9-deficient", "DOID:0060303"),                     # "X-deficient" is X deficiency
    ("small cell lung cancer", "DOID:5409"),              # DO puts the organ first
    ("advanced non-small cell lung carcinoma", "DOID:3908"),
    ("hepatitis C virus infection", "DOID:1883"),         # the infectious disease named by its pathogen
])
def test_lookup_variants_stage_cell_cancer_deficient(full_ontology, surface, doid):
    assert DiseaseLexicon(full_ontology).lookup(surface).doid == doid


def test_relation_phrase_is_not_its_last_word(full_ontology):
    """"iron depletion without anaemia" is not anaemia (the head-only fallback needs no relation word)."""
    lexicon = DiseaseLexicon(full_ontology, mentions_path=None)
    assert lexicon.lookup("iron depletion without anemia") is None
    assert lexicon.lookup("renal hamartomas") is not None


def test_lookup_only_lay_term(nlp):
    """"depression" normalises where the NER proposes it, but the word is not matched everywhere."""
    found = diseases(nlp, "Adults with depression were randomised to sertraline or placebo.")
    assert ("depression", "DOID:1596", "depressive disorder") in found
    assert not [d for _, d, _ in diseases(nlp, "Opioids caused respiratory depression in one patient.") if d]
    ecg = "Attacks with ST segment elevation or depression were recorded on the monitor."
    assert not [d for _, d, _ in diseases(nlp, ecg) if d]


def test_disease_word_inside_a_molecule_name(nlp):
    found = diseases(nlp, "Tumour necrosis factor blockers were stopped in the rheumatoid arthritis clinic.")
    assert not [t for t, _, _ in found if t.lower().startswith("tumour")]


def test_closed_up_prefix_spelling(nlp):
    found = diseases(nlp, "Veterans with posttraumatic stress disorder joined the trial.")
    assert ("posttraumatic stress disorder", "DOID:2055") in [(t, d) for t, d, _ in found]


def test_short_form_of_a_relation_phrase(nlp):
    """The short form of "iron depletion without anaemia" is not anaemia."""
    found = diseases(nlp, "Iron depletion without anemia (IDNA) is common in athletes. Rowers with IDNA took iron.")
    assert not [d for t, d, _ in found if t == "IDNA" and d]


def test_disease_word_inside_an_instrument_or_organisation_name(nlp):
    text = ("The American Cancer Society funded a trial in breast cancer. Mood was rated with the Beck "
            "Depression Inventory and the State-Trait Anxiety Inventory.")
    assert [(t, d) for t, d, _ in diseases(nlp, text) if d] == [("breast cancer", "DOID:1612")]


def test_variant_of_a_disease_is_that_disease(full_ontology):
    lexicon = DiseaseLexicon(full_ontology, mentions_path=None)
    assert lexicon.lookup("Duarte variant of galactosemia").doid == "DOID:9870"


@pytest.mark.parametrize(("surface", "doid"), [
    ("squamous cell carcinoma of the lung", "DOID:3907"),  # a three-word head before "of the"
    ("dry eye disease", "DOID:10140"),  # DO says "dry eye syndrome"
    ("hypertensive", "DOID:10763"),  # patient adjectives
    ("asthmatic", "DOID:2841"),
    ("epileptic", "DOID:1826"),
    ("diabetic", "DOID:9351"),
])
def test_lookup_variants_heads_and_adjectives(full_ontology, surface, doid):
    concept = DiseaseLexicon(full_ontology).lookup(surface)
    assert concept is not None and concept.doid == doid


@pytest.mark.parametrize("surface", ["acute coronary syndrome", "dramatic", "specific", "cosmetic"])
def test_swaps_and_adjectives_stay_unlinked(full_ontology, surface):
    # a syndrome is not the disease of the same words; adjectives that derive from no disease stay none
    concept = DiseaseLexicon(full_ontology).lookup(surface)
    assert concept is None or concept.doid != "DOID:3393"


def test_patient_adjective_in_text(nlp):
    found = diseases(nlp, "Forty hypertensive patients received the new tablet for eight weeks.")
    assert ("hypertensive", "DOID:10763", "hypertension") in found


def linked(nlp, text: str) -> list[tuple[str, str]]:
    """(text, DOID) of the linked DISEASE mentions of ``text``."""
    return [(t, d) for t, d, _ in diseases(nlp, text) if d]


@pytest.mark.parametrize("text", [
    "The findings were published in Clinical Lymphoma Research last week.",
    "She is a Professor of Medicine and Kidney Diseases at a state university.",
    "Results were shown at the World Congress on Pancreatic Cancer in Berlin.",
    "The work was run by the Myeloma Intergroup Study of four countries.",
    "Funding came from the Leukemia Moon Shot and the University of Utah Cancer center.",
    "He holds the Research Chair in Prostate Cancer at the hospital.",
    "It was funded by the National Federation of Societies for Breast Diseases.",
    "Symptoms were rated on the Autism Diagnostic Observation Schedule by two raters.",
    "Results were published in the Diabetes Journal in May.",
])
def test_disease_word_inside_a_title_journal_or_meeting_name(nlp, text):
    assert linked(nlp, text) == []


@pytest.mark.parametrize("text", [
    "Authors: Walker MG, Ortiz J, Brennan RA. Sites in Orlando, FL and Tampa, FL enrolled patients.",
    "Stents came from a maker in Coral Springs , FL ) and were implanted.",
    "Contributors: Brennan RA, Walker MG.",
])
def test_initials_and_state_codes_are_not_diseases(nlp, text):
    assert linked(nlp, text) == []


def test_initials_rule_leaves_a_list_of_diseases(nlp):
    found = {t for t, _ in linked(nlp, "Rheumatoid arthritis (RA) and myasthenia gravis (MG) were studied. "
                                       "Patients with RA, MG, or both were enrolled.")}
    assert {"RA", "MG"} <= found


def test_class_word_pointing_back_at_the_named_cancer(nlp):
    text = ("Women with triple-negative breast cancer took the new anti-cancer pill. Those cancers often "
            "recur, and cancer-related deaths and cancer pain remain common.")
    assert "DOID:162" not in {d for _, d in linked(nlp, text)}


def test_class_word_used_on_its_own_stays_a_class_disease(nlp):
    text = "Women with ovarian cancer were treated. The drug may also help people with cancer in general."
    assert "DOID:162" in {d for _, d in linked(nlp, text)}
    # with no named cancer, "cancer pain" is the population's class disease
    assert "DOID:162" in {d for _, d in linked(nlp, "The tablet eased chronic cancer pain in adults.")}


@pytest.mark.parametrize(("text", "doid"), [
    ("Teenagers with autism spectrum disorders joined a social-skills group.", "DOID:0060041"),
    ("Women with HER2-positive breast cancer received the antibody.", "DOID:0060079"),
    ("Women with HER2+ breast cancer received the antibody.", "DOID:0060079"),
    ("Recurrent C. difficile infection was treated with a stool transplant.", "DOID:0060185"),
    ("Two children had cold sores and one had an underactive thyroid.", "DOID:8566"),
    ("Two children had cold sores and one had an underactive thyroid.", "DOID:1459"),
    ("Serious allergic reactions were reported in three volunteers.", "DOID:1205"),
    ("Players with repeated concussions scored worse.", "DOID:0081292"),
    ("Adults with chronic rhinosinusitis used a nasal spray.", "DOID:0050127"),
    ("Sildenafil is used in pulmonary arterial hypertension.", "DOID:6432"),
    ("Forty type 1 diabetic patients were enrolled.", "DOID:9744"),
    # press-release wordings: hyphenated type numbers and common lay names of DO diseases
    ("Girls with the condition are more likely to develop type-2 diabetes later.", "DOID:9352"),
    ("The outbreak ended after no new Ebola cases were reported for six weeks.", "DOID:4325"),
    ("Surgery can leave men with erectile problems for a year or more.", "DOID:1875"),
    ("Most of the older patients were operated on to remove gallstones.", "DOID:10211"),
    ("It is the most common GI disorder seen by family doctors.", "DOID:77"),
])
def test_plural_receptor_genus_and_lay_spellings(nlp, text, doid):
    assert doid in {d for _, d in linked(nlp, text)}


@pytest.mark.parametrize("text", [
    "Participants reported anxiety and a mild skin rash during the first week.",
    "Insulin sensitivity was measured with a hyperinsulinemic euglycemic clamp.",
])
def test_symptoms_and_procedures_are_not_diseases(nlp, text):
    assert linked(nlp, text) == []


def test_benign_tumour_is_not_a_cancer(nlp):
    found = {d for _, d in linked(nlp, "Two women had benign breast tumors removed; one had breast cancer.")}
    assert found == {"DOID:1612"}
    assert linked(nlp, "Focused ultrasound may also treat benign breast tumors.") == []


@pytest.mark.parametrize(("text", "doids"), [
    ("Long steroid use was linked to colon and breast cancer in the cohort.", {"DOID:219", "DOID:1612"}),
    ("The receptor drives breast, ovarian, lung, and colorectal cancers in adults.",
     {"DOID:1612", "DOID:2394", "DOID:1324", "DOID:9256"}),
])
def test_conjuncts_sharing_one_head(nlp, text, doids):
    assert doids <= {d for _, d in linked(nlp, text)}


def test_conjunct_without_a_known_joined_name_adds_nothing(nlp):
    found = {d for _, d in linked(nlp, "People with asthma and breast cancer were excluded.")}
    assert found == {"DOID:2841", "DOID:1612"}


@pytest.mark.parametrize(("text", "word"), [
    ("The review weighed smoking and acute myeloid leukemia in older adults.", "smoking"),
    ("Pain thresholds differed between healthy volunteers and chronic pancreatitis patients.", "volunteers"),
])
def test_conjunct_that_only_falls_back_to_the_head_is_no_disease(nlp, text, word):
    # "smoking leukemia" is no name: the look-up would only fall back to the shared head
    assert word not in {t for t, _ in linked(nlp, text)}


def test_elided_conjunct_known_in_full_still_counts(nlp):
    found = linked(nlp, "Radiotherapy is given for laryngeal and hypopharyngeal cancers in this network.")
    assert ("laryngeal", "DOID:2596") in found


def test_effect_adjective_before_a_drug_noun_is_a_drug_class(nlp):
    assert linked(nlp, "Adherence to oral hypoglycemic agents was tracked in adults with type 2 diabetes.") == [
        ("type 2 diabetes", "DOID:9352")]
    assert "DOID:9993" in {d for _, d in linked(nlp, "Two hypoglycemic episodes occurred on insulin.")}


def test_short_form_of_an_institute_is_no_disease(nlp):
    text = ("The work was funded by the National Institute of Neurological Disorders and Stroke (NINDS). "
            "A NINDS program officer said patients with multiple sclerosis may benefit.")
    assert not any(t == "NINDS" for t, _ in linked(nlp, text))
    assert "DOID:2377" in {d for _, d in linked(nlp, text)}


def test_short_form_stands_for_the_tail_it_abbreviates(nlp):
    text = "Adults with squamous non-small-cell lung cancer (NSCLC) were enrolled. NSCLC is common."
    found = linked(nlp, text)
    assert ("squamous non-small-cell lung cancer", "DOID:3907") in found
    assert {d for t, d in found if t == "NSCLC"} == {"DOID:3908"}


@pytest.mark.parametrize(("text", "doid"), [
    ("Former smokers with emphysema were enrolled.", "DOID:9675"),
    ("Treating gum disease lowered the marker.", "DOID:3388"),
])
def test_more_lay_names(nlp, text, doid):
    assert doid in {d for _, d in linked(nlp, text)}


@pytest.mark.parametrize("text", [
    "Pears may lower the risk of some chronic diseases in adults.",
    "Exercise may delay joint degenerative diseases in runners.",
])
def test_heads_without_a_disease_are_not_diseases(nlp, text):
    assert linked(nlp, text) == []


@pytest.mark.parametrize("text", [
    "The programme followed an earlier manual (Laugeson et al. in J Autism Dev Disord 39 (4):596-606, 2009).",
    "See Smith A. Clin Cancer Res 2016;22:100-9 for the assay.",
])
def test_disease_word_inside_a_reference(nlp, text):
    assert linked(nlp, text) == []


def test_table_row_after_a_disease_is_not_a_reference(nlp):
    assert "DOID:9074" in {d for _, d in linked(nlp, "Patients with SLE 12 (40%) and controls 18 (60%) were seen.")}


@pytest.mark.parametrize(("text", "doid"), [
    ("Men with benign prostatic hyperplasia and bladder outlet obstruction had surgery.", "DOID:11132"),
    ("Men with benign prostatic hyperplasia and bladder outlet obstruction had surgery.", "DOID:13948"),
    ("The gel eased symptoms of vulvar and vaginal atrophy after menopause.", "DOID:11968"),
])
def test_urogenital_lay_names(nlp, text, doid):
    assert doid in {d for _, d in linked(nlp, text)}


def test_short_undefined_abbreviation_needs_its_full_name(nlp):
    # "HD" and "OCD" are not curated domain abbreviations: without the full name they mean no disease
    assert linked(nlp, "Photos and HD video are available for use by the media.") == []
    found = linked(nlp, "Huntington's disease (HD) is rare; people with Huntington's disease and HD video were seen.")
    assert "DOID:12858" in {d for _, d in found}


@pytest.mark.parametrize(("text", "doid"), [
    ("Probiotics may protect against tooth decay.", "DOID:216"),
    ("Side effects included yeast infections.", "DOID:1508"),
])
def test_infection_and_dental_lay_names(nlp, text, doid):
    assert doid in {d for _, d in linked(nlp, text)}


def test_possessive_eponym_without_its_head(nlp):
    found = {d for _, d in linked(nlp, "Lithium may protect the brain in Alzheimer's and Huntington's.")}
    assert {"DOID:10652", "DOID:12858"} <= found


@pytest.mark.parametrize("text", [
    "Von Willebrand factor activity was normal after surgery.",
    "Staff of the Hepatobiliary Disease Hospital of the province took part.",
])
def test_molecule_and_hospital_names(nlp, text):
    assert linked(nlp, text) == []


@pytest.mark.parametrize(("surface", "doid"), [
    ("type I diabetes", "DOID:9744"),  # roman type numbers: DO writes "type 1 diabetes"
    ("type II diabetic", "DOID:9352"),
    ("type IV hyperlipoproteinemia", "DOID:1172"),  # type first; DO: "hyperlipoproteinemia type IV"
    ("hyperlipoproteinemia type IV", "DOID:1172"),
    ("advanced cancer of the uterine cervix", "DOID:4362"),  # two-word site: the organ noun alone
    ("opioid dependence", "DOID:2559"),
    ("opioid use disorder", "DOID:2559"),
    ("opioid addiction", "DOID:2559"),
    ("myofascial pain", "DOID:431"),
])
def test_lookup_roman_types_and_organ_sites(full_ontology, surface, doid):
    assert DiseaseLexicon(full_ontology, mentions_path=None).lookup(surface).doid == doid


def test_roman_type_in_running_text(nlp):
    found = diseases(nlp, "We enrolled forty adults with type I diabetes and ten with type II diabetes.")
    assert {"DOID:9744", "DOID:9352"} <= {d for _, d, _ in found}
    assert "DOID:9351" not in {d for _, d, _ in found}


def test_organ_site_after_of_in_running_text(nlp):
    found = diseases(nlp, "Thirty women with advanced cancer of the uterine cervix received radiotherapy.")
    assert "DOID:4362" in {d for _, d, _ in found}


def test_one_disease_named_at_two_levels(nlp):
    found = diseases(nlp, "Ninety adults with essential hypertension were enrolled. "
                          "Hypertension was controlled in most of them after eight weeks.")
    assert {d for _, d, _ in found} == {"DOID:10825"}


def test_broader_name_first_stays_its_own_disease(nlp):
    found = diseases(nlp, "Asthma is common in cities. We enrolled sixty children with allergic asthma.")
    assert {"DOID:2841", "DOID:9415"} <= {d for _, d, _ in found}


def test_patient_adjective_after_the_specific_disease(nlp):
    found = diseases(nlp, "We studied sixty adults with acute pancreatitis. Mild pancreatitis patients ate solid food first.")
    assert {d for _, d, _ in found} == {"DOID:2913"}


@pytest.mark.parametrize(("text", "doid"), [
    ("Anticoagulants lowered the rate of venous thromboembolism after hip surgery.", "DOID:0060903"),
    ("No thrombo-embolic complications were seen in either arm.", "DOID:0060903"),
    ("Patients admitted with an intracerebral haemorrhage were randomised.", "DOID:0051063"),
    ("The drug reverses anticoagulation in people with a brain hemorrhage.", "DOID:0051063"),
    ("Adults admitted after a severe head injury were enrolled.", "DOID:0081292"),
    ("Women with adult-onset GH deficiency received replacement.", "DOID:0060870"),
    ("Adults with peripheral arterial disease and claudication walked more.", "DOID:0050830"),
])
def test_nearest_term_clinical_wordings(nlp, text, doid):
    assert doid in {d for _, d in linked(nlp, text)}


def test_intracranial_bleeding_is_not_a_stroke(nlp):
    found = {d for _, d in linked(nlp, "Preterm infants had fewer severe intracranial hemorrhages.")}
    assert "DOID:0051063" not in found


@pytest.mark.parametrize(("text", "doid"), [
    ("Adults with Hodgkin and non-Hodgkin lymphoma received the combination.", "DOID:8567"),
    ("Carers of people with Alzheimer and Parkinson disease were interviewed.", "DOID:10652"),
    ("Women with HER2-positive and triple-negative breast cancer were enrolled.", "DOID:0060079"),
])
def test_capitalised_conjunct_shares_the_head(nlp, text, doid):
    assert doid in {d for _, d in linked(nlp, text)}


def test_hyphenated_modifier_of_a_longer_name(nlp):
    """A compound modifier inside a three-to-five-word name is written with a hyphen as often as not:
    the whole, narrower name wins over the shorter one the hyphenated spelling also contains."""
    doc = nlp("Adults with primary open-angle glaucoma had trabeculectomy.")
    assert [(m.text, m.id) for m in doc._.mentions if m.label == "DISEASE"] == [
        ("primary open-angle glaucoma", "DOID:1070")]


def test_a_disease_word_after_non_is_no_mention_of_it(nlp):
    """"non-melanoma skin cancer" names every skin cancer but melanoma; "non-Hodgkin lymphoma" is its own name."""
    found = diseases(nlp, "Lesions of superficial non-melanoma skin cancer were treated with light.")
    assert not [d for _, d, _ in found if d == "DOID:1909"]
    found = diseases(nlp, "Adults with non-Hodgkin lymphoma received the antibody.")
    assert [d for t, d, _ in found if t.lower().startswith("non")]


def test_hormone_shortfall_wording(nlp):
    found = diseases(nlp, "Older men with low testosterone were given a daily gel.")
    assert ("low testosterone", "DOID:1924") in [(t, d) for t, d, _ in found]


@pytest.mark.parametrize(("text", "doid"), [
    ("Men with metastatic castration-resistant prostate cancer received the drug.", "DOID:0080909"),
    ("Docetaxel is standard in hormone-refractory prostate cancer.", "DOID:0080909"),
    ("Sixty men with hormone-resistant prostatic cancer were randomised.", "DOID:0080909"),
])
def test_castration_resistant_prostate_cancer_wordings(nlp, text, doid):
    # DO names the disease "castration-resistant prostate carcinoma" and lists no synonym; trials
    # write "cancer" and the older "hormone-refractory" / "hormone-resistant"
    found = {d for _, d in linked(nlp, text)}
    assert doid in found
    assert "DOID:10283" not in found  # not the broader prostate cancer beside it


@pytest.mark.parametrize(("text", "doid"), [
    ("Thirty women with a gynecologic malignancy had a laparoscopic lymphadenectomy.", "DOID:120"),
    ("Patients with an advanced oropharyngeal malignancy were given a feeding tube.", "DOID:8557"),
])
def test_organ_malignancy_is_that_organs_cancer(nlp, text, doid):
    # the singular "malignancy" after an organ word names that organ's cancer, as the plural does
    found = {d for _, d in linked(nlp, text)}
    assert doid in found
    assert "DOID:162" not in found


def test_second_primary_malignancy_stays_a_cancer_beside_a_named_one(nlp):
    text = "Women with breast cancer had radiotherapy. The risk of a second primary malignancy was doubled."
    assert "DOID:162" in {d for _, d in linked(nlp, text)}


@pytest.mark.parametrize(("text", "doid"), [
    ("Cerebral ischaemia was seen on the scan after the operation.", "DOID:2316"),
    ("Stress echocardiography detects myocardial ischemia in most patients.", "DOID:3393"),
    ("Silent myocardial ischaemia was common in the diabetic group.", "DOID:3393"),
    ("Patients with chronic renal failure received the binder.", "DOID:784"),
    ("Adults with chronic renal insufficiency took part.", "DOID:784"),
])
def test_organ_wordings_of_do_names(nlp, text, doid):
    # DO names these "brain ischemia", "chronic kidney disease" (synonym "chronic kidney failure") and,
    # by its MeSH cross-reference for Myocardial Ischemia, "coronary artery disease"; the bare head
    # "ischemia" (DOID:326) is the broader concept the text does not stop at
    found = {d for _, d in linked(nlp, text)}
    assert doid in found
    assert not found & {"DOID:326", "DOID:1074"}


@pytest.mark.parametrize(("text", "kept", "dropped"), [
    ("Children with acute lymphoblastic leukaemia took maintenance therapy; higher doses lowered the rate of "
     "leukaemia relapse.", "DOID:9952", "DOID:1240"),
    ("Women with breast cancer had radiotherapy first. The rate of cancer recurrence at five years was similar.",
     "DOID:1612", "DOID:162"),
])
def test_class_word_relapsing_is_the_named_disease(nlp, text, kept, dropped):
    # "leukaemia relapse" beside a named leukaemia is that leukaemia coming back, not a second disease
    found = {d for _, d in linked(nlp, text)}
    assert kept in found
    assert dropped not in found


def test_class_word_relapse_without_a_named_disease_stays(nlp):
    assert "DOID:162" in {d for _, d in linked(nlp, "The drug lowered the risk of cancer recurrence in adults.")}


@pytest.mark.parametrize(("text", "absent"), [
    ("Patients with type 2 diabetes and type-1 diabetes were compared.", "DOID:9351"),
])
def test_press_wordings_keep_do_names(nlp, text, absent):
    assert absent not in {d for _, d in linked(nlp, text)}


@pytest.mark.parametrize(("surface", "doid"), [
    ("type-2 diabetes", "DOID:9352"),
])
def test_lookup_type_dash_variant(full_ontology, surface, doid):
    assert DiseaseLexicon(full_ontology, mentions_path=None).lookup(surface).doid == doid
