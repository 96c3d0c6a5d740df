"""Nearest Disease Ontology concepts of a free-text disease name, by MiniLM embedding similarity.

The candidate generator of the embedding linker (in the role of scispaCy's
``CandidateGenerator``): the lexicon (:mod:`cartmine.kb.disease_ontology`) knows DO labels and
synonyms verbatim, while news copy says "blood cancer", "lupus kidney disease" or "cancer of
plasma cells". :class:`ConceptIndex` embeds every label and synonym once, and a query is linked
to the concept whose surface is nearest by cosine similarity. Below the threshold the id stays
empty: a wrong id is worse for an evidence table than no id.

The concept embeddings (~20k DO labels and synonyms) are computed once and cached under the
cache folder (:mod:`cartmine.kb.cache`) as ``.npy`` + ``.json``, keyed by a hash of the concept
list and the model, so a pipeline start only reads them (building takes ~100 s on one CPU
thread, once). Usable without spaCy: ``scripts/eval_linker.py`` calls :meth:`ConceptIndex.link`.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from cartmine.encoders import MiniLMEncoder
from cartmine.kb import cache
from cartmine.kb.disease_ontology import DiseaseOntology
from cartmine.kb.names import americanise

CACHE_VERSION = 1


@dataclass(frozen=True)
class LinkConcept:
    """What the linker needs of a DO concept: id, label, the surfaces to embed, MeSH id, class and group."""

    doid: str
    label: str
    surfaces: tuple[str, ...]
    mesh: str | None = None
    is_class: bool | None = None
    group: str | None = None


@dataclass
class LinkResult:
    """The nearest concept for one query; ``doid`` is None when below the threshold."""

    text: str
    doid: str | None
    label: str | None
    score: float
    best_doid: str = ""
    best_surface: str = ""
    concept: LinkConcept | None = field(default=None, repr=False)


def concepts_from_ontology(onto: DiseaseOntology) -> list[LinkConcept]:
    """Every concept that :meth:`DiseaseOntology.terms` offers, with all its names to embed."""
    surfaces: dict[str, list[str]] = {}
    concepts = {}
    for surface, concept in onto.terms():
        concepts.setdefault(concept.doid, concept)
        bucket = surfaces.setdefault(concept.doid, [])
        if surface not in bucket:
            bucket.append(surface)
    return [
        LinkConcept(doid, c.label, _dedupe([c.label, *c.synonyms, *surfaces[doid]]), c.mesh, c.is_class,
                    onto.disease_class_of(doid))
        for doid, c in concepts.items()
    ]


def _dedupe(names: Iterable[str]) -> tuple[str, ...]:
    """Names without blanks and case-insensitive repeats, first spelling kept."""
    seen: dict[str, str] = {}
    for name in names:
        name = (name or "").strip()
        if name and name.lower() not in seen:
            seen[name.lower()] = name
    return tuple(seen.values())


class ConceptIndex:
    """Nearest-concept search over embedded DO labels and synonyms, with an on-disk cache."""

    def __init__(self, concepts: Sequence[LinkConcept], threshold: float = 0.80,
                 cache_dir: str | Path | None = None, model_path: str | Path | None = None,
                 encoder: MiniLMEncoder | None = None) -> None:
        self.threshold = threshold
        self.cache_dir = cache.cache_dir(cache_dir)
        self.encoder = encoder or MiniLMEncoder(model_path)
        self.concepts = list(concepts)
        self._matrix: np.ndarray | None = None
        self._surface_doids: list[str] = []
        self._surfaces: list[str] = []
        self._by_id: dict[str, LinkConcept] = {}
        self.cache_path: Path | None = None

    def cache_key(self) -> str:
        """Hash of the model identity and every (id, surface) pair, in a stable order."""
        h = hashlib.sha256(f"v{CACHE_VERSION}|{self.encoder.identity()}".encode())
        for c in sorted(self.concepts, key=lambda c: c.doid):
            h.update(("\x1e" + c.doid + "\x1f" + "\x1f".join(c.surfaces)).encode("utf-8"))
        return h.hexdigest()[:20]

    def build(self) -> None:
        """Load the concept matrix from the cache, or embed the concepts and write the cache."""
        self._by_id = {c.doid: c for c in self.concepts}
        pairs = [(c.doid, s) for c in self.concepts for s in c.surfaces]
        key = self.cache_key()
        npy = self.cache_dir / f"do_embeddings-{key}.npy"
        ids = self.cache_dir / f"do_embeddings-{key}.json"
        self.cache_path = npy
        matrix = self._read_cache(npy, ids, pairs)
        if matrix is None:
            matrix = self.encoder.encode([s for _, s in pairs])
            self.cache_dir.mkdir(parents=True, exist_ok=True)
            # Write to temporary names then rename, so concurrent workers never read half a file.
            tmp_npy, tmp_ids = cache.temporary_name(npy), cache.temporary_name(ids)
            with open(tmp_npy, "wb") as fh:
                np.save(fh, matrix.astype(np.float16))
            tmp_ids.write_text(json.dumps({"model": self.encoder.identity(), "pairs": pairs}), encoding="utf-8")
            os.replace(tmp_ids, ids)
            os.replace(tmp_npy, npy)
        self._matrix = matrix
        self._surface_doids = [d for d, _ in pairs]
        self._surfaces = [s for _, s in pairs]

    @staticmethod
    def _read_cache(npy: Path, ids: Path, pairs: list[tuple[str, str]]) -> np.ndarray | None:
        """The cached matrix when it was built from exactly these pairs; None for a miss."""
        if not (npy.exists() and ids.exists()):
            return None
        try:
            cached_pairs = [tuple(p) for p in json.loads(ids.read_text(encoding="utf-8"))["pairs"]]
            loaded = np.load(npy)
        except (OSError, ValueError, KeyError):
            return None  # a torn or foreign cache file: recompute
        if cached_pairs == pairs and loaded.shape[0] == len(pairs):
            return loaded.astype(np.float32)
        return None

    def link(self, texts: Sequence[str], threshold: float | None = None) -> list[LinkResult]:
        """Nearest concept per text; ``doid`` stays None under the threshold."""
        if not texts:
            return []
        if self._matrix is None:
            self.build()
        assert self._matrix is not None
        cut = self.threshold if threshold is None else threshold
        queries = self.encoder.encode([americanise(t) for t in texts])
        sims = queries @ self._matrix.T
        best = sims.argmax(axis=1)
        results = []
        for text, row, j in zip(texts, sims, best, strict=True):
            score = float(row[j])
            concept = self._by_id[self._surface_doids[j]]
            ok = score >= cut
            results.append(LinkResult(text, concept.doid if ok else None, concept.label if ok else None, score,
                                      best_doid=concept.doid, best_surface=self._surfaces[j],
                                      concept=concept))
        return results

