"""Disease class of a record's disease, for ``aggregate --by disease-class``.

The authority is the Disease Ontology hierarchy, reached through
``cartmine.kb.disease_ontology.DiseaseOntology.load().disease_class_of(doid)``.
Until that module is importable (or when it cannot place a term) a small
built-in table and a few name keywords keep the grouping usable; the call
site stays the same, so installing the ontology simply makes the classes
more precise.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

AUTOIMMUNE = "autoimmune disease"
HEMATOLOGIC_CANCER = "hematologic cancer"
CANCER = "cancer"
UNCLASSIFIED = "other"

#: Fallback classes for the diseases CAR-T news talks about most (DOIDs from the 2016 DO release).
_BUILTIN: dict[str, str] = {
    "DOID:9074": AUTOIMMUNE,  # systemic lupus erythematosus
    "DOID:0080162": AUTOIMMUNE,  # lupus nephritis
    "DOID:437": AUTOIMMUNE,  # myasthenia gravis
    "DOID:418": AUTOIMMUNE,  # systemic scleroderma
    "DOID:2377": AUTOIMMUNE,  # multiple sclerosis
    "DOID:8869": AUTOIMMUNE,  # neuromyelitis optica
    "DOID:10223": AUTOIMMUNE,  # dermatomyositis
    "DOID:10222": AUTOIMMUNE,  # polymyositis
    "DOID:633": AUTOIMMUNE,  # myositis
    "DOID:7148": AUTOIMMUNE,  # rheumatoid arthritis
    "DOID:12894": AUTOIMMUNE,  # Sjogren's syndrome
    "DOID:9744": AUTOIMMUNE,  # type 1 diabetes mellitus
    "DOID:417": AUTOIMMUNE,  # autoimmune disease
    "DOID:2531": HEMATOLOGIC_CANCER,
    "DOID:0060058": HEMATOLOGIC_CANCER,  # lymphoma
    "DOID:0060060": HEMATOLOGIC_CANCER,  # non-Hodgkin lymphoma
    "DOID:707": HEMATOLOGIC_CANCER,  # B-cell lymphoma
    "DOID:0050745": HEMATOLOGIC_CANCER,  # diffuse large B-cell lymphoma
    "DOID:0050873": HEMATOLOGIC_CANCER,  # follicular lymphoma
    "DOID:0050746": HEMATOLOGIC_CANCER,  # mantle cell lymphoma
    "DOID:1240": HEMATOLOGIC_CANCER,  # leukemia
    "DOID:1037": HEMATOLOGIC_CANCER,  # lymphoblastic leukemia
    "DOID:1040": HEMATOLOGIC_CANCER,  # chronic lymphocytic leukemia
    "DOID:9538": HEMATOLOGIC_CANCER,  # multiple myeloma
    "DOID:162": CANCER,
    "DOID:3068": CANCER,  # glioblastoma multiforme
}

_KEYWORDS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("lymphoma", "leukemia", "leukaemia", "myeloma", "hematologic cancer", "blood cancer"), HEMATOLOGIC_CANCER),
    (("cancer", "carcinoma", "sarcoma", "glioma", "glioblastoma", "tumor", "tumour", "neoplasm", "melanoma"), CANCER),
    (("lupus", "autoimmune", "myasthenia", "sclerosis", "scleroderma", "myositis", "arthritis",
      "neuromyelitis", "vasculitis", "sjogren", "sjögren", "pemphigus"), AUTOIMMUNE),
)


@lru_cache(maxsize=1)
def _ontology() -> Any:
    """``DiseaseOntology.load()`` when the module exists and loads, else None (loaded once)."""
    try:
        from cartmine.kb.disease_ontology import DiseaseOntology
    except ImportError:
        return None
    try:
        return DiseaseOntology.load()
    except Exception:  # ontology files missing: use the fallback table
        return None


def _as_label(value: Any) -> str | None:
    """Accept whatever the ontology returns: a label, a (doid, label) pair or a term object."""
    if value is None:
        return None
    if isinstance(value, str):
        return value or None
    if isinstance(value, (tuple, list)) and value:
        return _as_label(value[-1])
    for attr in ("name", "label"):
        label = getattr(value, attr, None)
        if isinstance(label, str) and label:
            return label
    return str(value)


@lru_cache(maxsize=4096)
def disease_class_of(doid: str | None, name: str | None = None) -> str:
    """Class label of a disease: ontology first, then the built-in table, then name keywords."""
    ontology = _ontology()
    if ontology is not None and doid:
        try:
            label = _as_label(ontology.disease_class_of(doid))
        except Exception:  # unknown id or a KB still being written
            label = None
        if label:
            return label
    if doid and doid in _BUILTIN:
        return _BUILTIN[doid]
    lowered = (name or "").lower()
    for words, label in _KEYWORDS:
        if any(word in lowered for word in words):
            return label
    return UNCLASSIFIED
