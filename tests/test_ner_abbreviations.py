"""Tests for ``cartmine_ner_abbreviations``: short forms take the label of their long form.

Why: the component changes ``doc.ents``, which the disease and therapy
recognisers read, so each rule of the transfer is pinned down on hand-made
docs whose "NER" entities are set by the test (no trained model needed).
"""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Span

import cartmine.components  # noqa: F401  (registers the factories)
from cartmine.evaluation.ner_predictors import with_abbreviation_labels


@pytest.fixture(scope="module")
def blank() -> Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("cartmine_abbreviations")
    nlp.add_pipe("cartmine_ner_abbreviations")
    return nlp


def run(nlp: Language, text: str, ents: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Tokenise ``text``, mark the first occurrence of each (text, label) as an entity, run both pipes."""
    doc = nlp.make_doc(text)
    spans = []
    for surface, label in ents:
        start = text.index(surface)
        spans.append(doc.char_span(start, start + len(surface), label=label))
    doc.ents = spans
    for _, component in nlp.pipeline:
        doc = component(doc)
    return [(e.text, e.label_) for e in doc.ents]


def test_every_occurrence_of_a_defined_short_form_gets_the_label(blank: Language) -> None:
    text = "Atrial fibrillation (AF) was frequent. AF recurred after cyclophosphamide (CYC); CYC was stopped."
    found = run(blank, text, [("Atrial fibrillation", "Disease"), ("cyclophosphamide", "Chemical")])
    assert found.count(("AF", "Disease")) == 2
    assert found.count(("CYC", "Chemical")) == 2


def test_long_form_label_comes_from_the_entity_that_ends_it(blank: Language) -> None:
    text = "Patients with acute atrial fibrillation (AF) were seen. AF was treated."
    found = run(blank, text, [("atrial fibrillation", "Disease")])
    assert found.count(("AF", "Disease")) == 2


def test_entity_that_does_not_end_the_long_form_gives_nothing(blank: Language) -> None:
    # The long form names the virus; the entity "hepatitis B" must not make HBV a Disease.
    text = "Hepatitis B virus (HBV) DNA was measured. HBV loads fell."
    found = run(blank, text, [("Hepatitis B", "Disease")])
    assert ("HBV", "Disease") not in found


def run_tokens(nlp: Language, text: str, ents: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Like :func:`run`, with entities given as token offsets."""
    doc = nlp.make_doc(text)
    doc.ents = [Span(doc, start, end, label=label) for start, end, label in ents]
    for _, component in nlp.pipeline:
        doc = component(doc)
    return [(e.start, e.end, e.label_) for e in doc.ents]


SLE_TEXT = "Systemic lupus erythematosus (SLE) is rare. SLE was seen."  # short forms: tokens 4 and 9


def test_short_form_with_the_other_label_is_relabelled(blank: Language) -> None:
    found = run_tokens(blank, SLE_TEXT, [(0, 3, "Disease"), (9, 10, "Chemical")])
    assert found == [(0, 3, "Disease"), (4, 5, "Disease"), (9, 10, "Disease")]


def test_short_form_inside_a_larger_entity_is_left_alone(blank: Language) -> None:
    found = run_tokens(blank, SLE_TEXT, [(0, 3, "Disease"), (9, 11, "Chemical")])
    assert found == [(0, 3, "Disease"), (4, 5, "Disease"), (9, 11, "Chemical")]


def test_relabel_can_be_switched_off() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("cartmine_abbreviations")
    nlp.add_pipe("cartmine_ner_abbreviations", config={"relabel": False})
    doc = nlp.make_doc("Multiple sclerosis (MS) is common. MS is treated.")
    doc.ents = [Span(doc, 0, 2, label="Disease"), Span(doc, 8, 9, label="Chemical")]
    for _, component in nlp.pipeline:
        doc = component(doc)
    labels = [(e.text, e.label_) for e in doc.ents]
    assert ("MS", "Chemical") in labels and labels.count(("MS", "Disease")) == 1


def test_labels_setting_limits_which_labels_are_transferred() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("cartmine_abbreviations")
    nlp.add_pipe("cartmine_ner_abbreviations", config={"labels": ["Disease"]})
    doc = nlp.make_doc("Cyclophosphamide (CYC) was given. CYC was stopped.")
    doc.ents = [Span(doc, 0, 1, label="Chemical")]
    for _, component in nlp.pipeline:
        doc = component(doc)
    assert [e.text for e in doc.ents] == ["Cyclophosphamide"]


def test_no_abbreviations_leaves_the_doc_alone(blank: Language) -> None:
    assert run(blank, "Lupus nephritis was treated with rituximab.", [("Lupus nephritis", "Disease")]) == [
        ("Lupus nephritis", "Disease")
    ]


def test_non_serializable_detector_output_is_read() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("cartmine_abbreviations", config={"make_serializable": False})
    nlp.add_pipe("cartmine_ner_abbreviations")
    doc = nlp.make_doc("Myasthenia gravis (MG) is rare. MG improved.")
    doc.ents = [Span(doc, 0, 2, label="Disease")]
    for _, component in nlp.pipeline:
        doc = component(doc)
    assert [(e.text, e.label_) for e in doc.ents].count(("MG", "Disease")) == 2


def test_short_form_of_an_unlabelled_long_form_gets_nothing(blank: Language) -> None:
    assert run_tokens(blank, SLE_TEXT, []) == []


def test_eval_wrapper_adds_the_short_forms() -> None:
    words = ["Atrial", "fibrillation", "(", "AF", ")", "was", "seen", ".", "AF", "recurred", "."]

    def predictor(docs_words: list[list[str]]) -> list[list[tuple[int, int, str]]]:
        return [[(0, 2, "Disease")] for _ in docs_words]

    wrapped = with_abbreviation_labels(predictor)
    assert wrapped([words]) == [[(0, 2, "Disease"), (3, 4, "Disease"), (8, 9, "Disease")]]


def test_pipeline_runs_the_step_after_the_ner(nlp) -> None:
    names = nlp.pipe_names
    if "bc5cdr_ner" not in names:
        pytest.skip("no BC5CDR model in this checkout")
    assert names.index("ner_abbreviations") == names.index("bc5cdr_ner") + 1
