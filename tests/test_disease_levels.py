"""One disease named at two levels, and names that only look like diseases (team-written sentences)."""

from __future__ import annotations

import pytest


def linked(nlp, text: str) -> set[str]:
    """Norms of the linked DISEASE mentions (the ones the contract reports)."""
    doc = nlp(text)
    return {s._.norm for s in doc.spans.get("DISEASE", []) if s.kb_id_}


@pytest.mark.parametrize(("sentence", "one"), [
    ("Surgery for oesophageal cancer was compared. Forty adults with resectable oesophageal carcinoma took part.",
     "esophageal carcinoma"),
    ("Chemotherapy in advanced pancreatic carcinoma. Median survival in pancreatic cancer was short.",
     "pancreatic carcinoma"),
    ("A drug for depression: adults with major depressive disorder were randomised.", "major depressive disorder"),
    ("Autism symptoms were rated in children with autism spectrum disorder.", "autism spectrum disorder"),
])
def test_one_population_two_names(nlp, sentence, one):
    """Either order: the broader name refers to the same patients (gold keeps one entry)."""
    assert linked(nlp, sentence) == {one}, sentence


@pytest.mark.parametrize("sentence", [
    "Breast cancer is common; women with triple-negative breast cancer were enrolled.",
    "Asthma affects many children; those with allergic asthma were enrolled.",
])
def test_two_populations_stay_two(nlp, sentence):
    assert len(linked(nlp, sentence)) == 2, sentence


def test_short_form_tail_needs_enough_words(nlp):
    """"FMF" abbreviates the whole name, not its tail "Mediterranean fever" (another disease's synonym)."""
    found = linked(nlp, "It is approved for Familial Mediterranean Fever (FMF). Children with FMF had fewer attacks.")
    assert found == {"familial Mediterranean fever"}, found


@pytest.mark.parametrize("sentence", [
    "The second trial was run at UC Irvine by the same team.",
    "She was referred from UC San Diego for a second opinion.",
    "Children were treated on a Children's Cancer Group protocol.",
])
def test_names_of_institutions(nlp, sentence):
    assert not linked(nlp, sentence), sentence


@pytest.mark.parametrize(("sentence", "norm"), [
    ("Patients with painful uterine fibroids chose the operation.", "uterine fibroid"),
    ("Adults with intellectual disabilities joined the exercise group.", "intellectual disability"),
    ("The lozenges shortened colds by two days.", "common cold"),
    ("Fewer heart attacks were seen in the treated group.", "myocardial infarction"),
])
def test_plural_and_lay_names(nlp, sentence, norm):
    assert norm in linked(nlp, sentence), sentence


def test_diagnostic_manual_title(nlp):
    sentence = "Adults with a Diagnostic and Statistical Manual of Mental Disorders diagnosis of autism took part."
    assert linked(nlp, sentence) == {"autistic disorder"}, linked(nlp, sentence)


@pytest.mark.parametrize(("sentence", "norms"), [
    ("It should not be used in people with diseases of the bladder or prostate.", {"bladder disease", "prostate disease"}),
    ("The hormone may help patients with disorders of the adrenal gland.", {"adrenal gland disease"}),
    ("Diseases of the heart and lungs were exclusion criteria.", {"heart disease", "lung disease"}),
])
def test_diseases_of_organs(nlp, sentence, norms):
    assert linked(nlp, sentence) == norms, sentence


def test_disease_of_a_group_of_people(nlp):
    assert not linked(nlp, "Frailty is a disease of the elderly and of the poor.")


def test_organ_and_its_system_name_a_field(nlp):
    """"disorders of the brain and nervous system" describes a specialty, not two diseases."""
    found = linked(nlp, "Neurologists treat disorders of the brain and nervous system such as epilepsy.")
    assert found == {"epilepsy"}, found


@pytest.mark.parametrize(("sentence", "norm"), [
    ("The results were published today in the journal Hypertension.", None),
    ("The trial appeared in The Lancet Infectious Diseases last week.", None),
    ("The study was published in Diabetes Care. Adults with hypertension were enrolled.", "hypertension"),
])
def test_journal_a_study_came_out_in(nlp, sentence, norm):
    """A title-case disease word naming the journal is no patient's disease."""
    assert linked(nlp, sentence) == ({norm} if norm else set()), linked(nlp, sentence)


@pytest.mark.parametrize(("sentence", "norm"), [
    ("Counselling helped women living with AIDS in two villages.", "acquired immunodeficiency syndrome"),
    ("The vaccine protects against HPV, which causes most cervical cancers.",
     "Human papillomavirus infectious disease"),
    ("The eye drop relieves dry eye in adults.", "dry eye syndrome"),
    ("The inhaler is used for respiratory diseases such as asthma.", "respiratory system disease"),
])
def test_lay_and_short_names(nlp, sentence, norm):
    assert norm in linked(nlp, sentence), linked(nlp, sentence)


def test_aids_in_lower_case_is_no_disease(nlp):
    assert not linked(nlp, "Hearing aids were fitted in both ears and the device aids sleep."), "aids"


def test_metastatic_short_form_keeps_its_disease(nlp):
    """"metastatic" qualifies the disease a short form stands for; it does not widen it to "carcinoma"."""
    found = linked(nlp, "Adults with metastatic renal cell carcinoma (mRCC) were enrolled. In mRCC the drug was active.")
    assert found == {"renal cell carcinoma"}, found


@pytest.mark.parametrize(("sentence", "norm"), [
    ("Men living with human immunodeficiency virus infection took the pill daily.",
     "human immunodeficiency virus infectious disease"),
    ("Adults with advanced human immunodeficiency virus disease received the antiviral.",
     "human immunodeficiency virus infectious disease"),
    ("Recurrent herpes simplex virus infections were less frequent on the cream.", "herpes simplex"),
    ("Children with measles virus infection were given vitamin A.", "measles"),
])
def test_pathogen_infection_wordings(nlp, sentence, norm):
    """DO names infections by the pathogen ("... virus infectious disease") or the disease alone; texts
    add "virus infection": one disease, never the vaguer "viral infectious disease" beside it."""
    assert linked(nlp, sentence) == {norm}, sentence


@pytest.mark.parametrize("sentence", [
    "The virus infection spread quickly through the ward.",
    "Patients with a primary immune disorder were excluded.",
])
def test_vague_infection_and_immune_names_stay(nlp, sentence):
    """Counterexamples: a bare "virus infection" or "immune disorder" keeps its class concept."""
    assert len(linked(nlp, sentence)) == 1, sentence


@pytest.mark.parametrize("sentence", [
    "Psoriasis is an immune-mediated inflammatory disease that causes itchy red patches.",
    "The company develops antibodies for immune-mediated diseases.",
])
def test_immune_mediated_is_no_do_disease(nlp, sentence):
    """"Immune-mediated (inflammatory) disease" is a mechanism grouping, not DO's immune system disease
    (diseases of the immune system itself); gold never lists it."""
    assert "immune system disease" not in linked(nlp, sentence), sentence


@pytest.mark.parametrize(("sentence", "norm"), [
    ("Smokers had more small-cell carcinoma, a type of lung cancer, than the other group.", "lung small cell carcinoma"),
    ("Squamous cell carcinoma, a common type of skin cancer, was removed in clinic.", "skin squamous cell carcinoma"),
])
def test_histology_placed_by_apposition(nlp, sentence, norm):
    """A histology without its organ, put under an organ's cancer by apposition, is that organ's histology."""
    assert norm in linked(nlp, sentence), sentence


@pytest.mark.parametrize(("sentence", "norm"), [
    ("Advanced melanoma, an aggressive form of skin cancer, was treated with the antibody.", "melanoma"),
    ("Patients with adenocarcinoma or lung cancer of any stage were enrolled.", "adenocarcinoma"),
])
def test_histology_not_placed(nlp, sentence, norm):
    """Counterexamples: no carcinoma/sarcoma head, or no apposition: the histology stays as named."""
    assert norm in linked(nlp, sentence), sentence
