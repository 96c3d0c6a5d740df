"""Mentions live in the span groups; ``span._.attrs`` exists only for spans a component added."""

from __future__ import annotations

import pytest
import spacy

from cartmine.extensions import UnknownMentionError, add_mention, collect_mentions, register_extensions


@pytest.fixture()
def blank_doc():
    register_extensions()
    return spacy.blank("en")("Tags: lupus\n\nCAR-T cells put lupus into remission.")


def test_attrs_of_an_unregistered_span_raise(blank_doc) -> None:
    span = blank_doc[9:10]
    assert span._.norm is None
    with pytest.raises(UnknownMentionError, match="add_mention"):
        span._.attrs["negated"] = True


def test_attrs_written_through_a_registered_span_are_kept(blank_doc) -> None:
    span = add_mention(blank_doc, blank_doc[11:12], "OUTCOME", "remission", attrs={"negated": False})
    span._.attrs["negated"] = True
    assert blank_doc.spans["OUTCOME"][0]._.attrs == {"negated": True}


def test_mentions_are_collected_from_the_span_groups_without_boilerplate(blank_doc) -> None:
    blank_doc._.boilerplate = [(0, 11)]
    add_mention(blank_doc, blank_doc[2:3], "DISEASE", "systemic lupus erythematosus", kb_id="DOID:9074")
    add_mention(blank_doc, blank_doc[9:10], "DISEASE", "systemic lupus erythematosus", kb_id="DOID:9074")
    add_mention(blank_doc, blank_doc[4:8], "THERAPY", "CAR-T")
    mentions = collect_mentions(blank_doc)
    assert [(m.label, m.text) for m in mentions] == [("THERAPY", "CAR-T cells"), ("DISEASE", "lupus")]
    assert blank_doc._.mentions == mentions


def test_disease_mentions_carry_their_ontology_group(nlp) -> None:
    doc = nlp("After CD19 CAR-T therapy, patients with lupus and with multiple myeloma were in remission.")
    groups = {s._.norm: s._.attrs["group"] for s in doc.spans["DISEASE"]}
    assert groups == {"systemic lupus erythematosus": "autoimmune disease", "multiple myeloma": "hematologic cancer"}
