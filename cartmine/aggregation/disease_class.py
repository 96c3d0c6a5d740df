"""Disease class of a record's disease, for ``aggregate --by disease-class``.

The authority is the Disease Ontology hierarchy:
:meth:`cartmine.kb.disease_ontology.DiseaseOntology.disease_class_of`. Without the
release files the ontology is its packaged curated core, which carries each concept's
ancestors, so the classes of the diseases CAR-T news talks about are the same (and
the loader says in a warning that the full ontology is missing). Only a record that
names a disease without an id the ontology knows is classed by a few name keywords.
"""

from __future__ import annotations

from functools import lru_cache

from cartmine.kb.disease_ontology import DiseaseOntology

AUTOIMMUNE = "autoimmune disease"
HEMATOLOGIC_CANCER = "hematologic cancer"
CANCER = "cancer"
UNCLASSIFIED = "other"

_KEYWORDS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("lymphoma", "leukemia", "leukaemia", "myeloma", "hematologic cancer", "blood cancer"), HEMATOLOGIC_CANCER),
    (("cancer", "carcinoma", "sarcoma", "glioma", "glioblastoma", "tumor", "tumour", "neoplasm", "melanoma"), CANCER),
    (("lupus", "autoimmune", "myasthenia", "sclerosis", "scleroderma", "myositis", "arthritis",
      "neuromyelitis", "vasculitis", "sjogren", "sjögren", "pemphigus"), AUTOIMMUNE),
)


@lru_cache(maxsize=1)
def _ontology() -> DiseaseOntology:
    """The Disease Ontology, loaded once per process."""
    return DiseaseOntology.load()


@lru_cache(maxsize=4096)
def disease_class_of(doid: str | None, name: str | None = None) -> str:
    """Class label of a disease: the ontology's for a known id, else from name keywords."""
    label = _ontology().disease_class_of(doid) if doid else None
    if label:
        return label
    lowered = (name or "").lower()
    for words, keyword_label in _KEYWORDS:
        if any(word in lowered for word in words):
            return keyword_label
    return UNCLASSIFIED
