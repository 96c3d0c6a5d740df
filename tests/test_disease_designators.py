"""Disease names written apart: shared words written once (type numbers, letters), a disease word and its organ ("cancer of the lung"), class terms (team-written sentences)."""

from __future__ import annotations

import pytest


def linked(nlp, text: str) -> set[str]:
    """Norms of the linked DISEASE mentions (the ones the contract reports)."""
    doc = nlp(text)
    return {s._.norm for s in doc.spans.get("DISEASE", []) if s.kb_id_}


@pytest.mark.parametrize("sentence", [
    "The register follows adults with type 1 and type 2 diabetes for ten years.",
    "Participants had type 1 or 2 diabetes for at least a year.",
    "Clinics screened people with Type 1 and Type 2 diabetes for foot ulcers.",
])
def test_both_diabetes_types(nlp, sentence):
    assert {"type 1 diabetes mellitus", "type 2 diabetes mellitus"} <= linked(nlp, sentence), sentence




def test_hepatitis_b_or_c(nlp):
    assert {"hepatitis B", "hepatitis C"} <= linked(nlp, "Adults with chronic hepatitis B or C were eligible.")


@pytest.mark.parametrize("sentence", [
    "Patients with type 2 diabetes and a BMI over 30 were eligible.",
    "Adults with hepatitis B. A total of 40 sites took part.",
])
def test_single_designator_stays_single(nlp, sentence):
    found = linked(nlp, sentence)
    assert "type 1 diabetes mellitus" not in found and "hepatitis A" not in found, sentence


def test_infectious_disease_class_in_singular_and_plural(nlp):
    """"infectious disease" is DO's class term like its plural (contract: classes are diseases too)."""
    assert "disease by infectious agent" in linked(nlp, "Steroids may leave the body open to infectious disease.")
    assert "disease by infectious agent" in linked(nlp, "Steroids may leave the body open to infectious diseases.")


@pytest.mark.parametrize(("sentence", "disease"), [
    ("Adults with cancer of the lung were randomised to two arms.", "lung cancer"),
    ("Most cancers in the breast are now found by screening.", "breast cancer"),
    ("Squamous cell carcinomas of the head and neck respond to radiotherapy.", "head and neck squamous cell carcinoma"),
    ("Cancers of the tonsils are becoming more common.", "tonsil cancer"),
    # a throat organ's cancer is named by its adjective in DO ("oropharyngeal", "laryngeal")
    ("Men with squamous cell carcinoma of the oropharynx had radiotherapy alone.", "oropharyngeal squamous cell carcinoma"),
    ("Squamous cell cancers of the larynx were once treated by surgery.", "laryngeal squamous cell carcinoma"),
    # the cell type written before the cancer word joins the organ's name
    ("Chemotherapy was tested in small cell anaplastic carcinoma of the lung.", "lung small cell carcinoma"),
    ("Radiotherapy of the brain helps in small cell cancer of the lung.", "lung small cell carcinoma"),
])
def test_disease_word_takes_its_organ(nlp, sentence, disease):
    assert disease in linked(nlp, sentence), sentence


@pytest.mark.parametrize("sentence", [
    "Tumours with small cell features were seen; carcinoma of the lung was confirmed.",
    "Large cells were counted. Carcinoma of the lung was then staged.",
])
def test_cell_words_of_another_phrase_stay_out(nlp, sentence):
    """Cell words not written as the cancer's own cell type leave the organ's cancer as it is."""
    found = linked(nlp, sentence)
    assert "lung carcinoma" in found and "lung small cell carcinoma" not in found and "lung large cell carcinoma" not in found


def test_a_place_is_no_organ(nlp):
    assert linked(nlp, "The rate of cancer in the United States fell last year.") == {"cancer"}


def test_elided_class_conjunct(nlp):
    """"an anxiety or depressive disorder": the class-level conjunct is a disease too."""
    assert {"anxiety disorder", "depressive disorder"} <= linked(nlp, "Each had a diagnosis of an anxiety or depressive disorder.")
