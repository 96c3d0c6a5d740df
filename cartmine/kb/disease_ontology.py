"""Disease look-up: surface strings to Disease Ontology concepts, is_a ancestors and coarse groups.

The concepts come from the packaged curated core merged with the DO release files when they are
found (:mod:`cartmine.kb.do_release`, which explains the sources and their precedence); names are
compared with the keys of :mod:`cartmine.kb.names`; a merged ontology is pickled in the cache of
:mod:`cartmine.kb.cache`. This module holds what the pipeline asks: :meth:`DiseaseOntology.lookup`,
:meth:`~DiseaseOntology.terms` for matchers, :meth:`~DiseaseOntology.ancestors` and
:meth:`~DiseaseOntology.disease_class_of`.

The DO folder is ``cartmine.paths.disease_ontology_dir()``: ``$CARTMINE_DO_PATH``, else the compact
lexicon packaged in ``resources/disease_ontology/`` (each file plain or ``.gz``).
"""

from __future__ import annotations

import re
import threading
import warnings
from collections import deque
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import ClassVar

from cartmine import paths
from cartmine.extras import DegradedModeWarning
from cartmine.kb import cache, do_release, names
from cartmine.kb.base import load_once
from cartmine.kb.do_release import (
    HUMANDO_FILE,
    MESH_FILE,
    OBO_FILE,
    P_CORE_SYN,
    P_DO_OTHER,
    XREF_FILE,
    Concept,
    Parts,
    core_parts,
    read_core,
    release_parts,
)
from cartmine.kb.names import (
    abbr_key,
    case_sensitive_only,
    is_abbreviation,
    normalize_term,
    plural_variants,
)

CORE_PATH = paths.RESOURCES_DIR / "diseases_core.tsv"

#: Bump when the parsing or merging logic changes, so stale pickles are never reused.
CACHE_VERSION = 5

#: Coarse groups returned by :meth:`DiseaseOntology.disease_class_of`. They reuse DO class labels
#: where one fits and match the vocabulary of ``cartmine.aggregation.disease_class``; "cancer" is
#: any cancer that is not haematological (solid tumours and unspecified cancer).
DISEASE_GROUPS = ("autoimmune disease", "hematologic cancer", "cancer", "infection", "other")

_AUTOIMMUNE_ROOT = "DOID:417"
_CANCER_ROOT = "DOID:162"
_HEME_ROOTS = frozenset({"DOID:2531", "DOID:0060058", "DOID:1240", "DOID:9538", "DOID:6536"})
_INFECTION_ROOTS = frozenset({"DOID:0050117", "DOID:552", "DOID:0080784"})
# Diseases that the CAR-T/autoimmunity literature treats as autoimmune but that DO files under
# organ-system branches (lupus nephritis under glomerulonephritis, myositis under myopathy, ...).
_AUTOIMMUNE_EXTRA = frozenset(
    {
        "DOID:0080162", "DOID:418", "DOID:419", "DOID:633", "DOID:2377", "DOID:13366", "DOID:7148",
        "DOID:8924", "DOID:718", "DOID:9744", "DOID:0050589", "DOID:8893", "DOID:9008", "DOID:7147",
        "DOID:853", "DOID:3492", "DOID:865", "DOID:0060218", "DOID:10976", "DOID:2986",
        "DOID:0050214", "DOID:8869",
    }
)  # fmt: skip

# Single words that DO lists as names or synonyms but that are ordinary English (or too generic
# to mean a specific disease) in news text; they stay available to lookup() but are not offered
# to matchers by terms().
COMMON_WORDS = frozenset(
    {
        "disease", "diseases", "syndrome", "syndromes", "disorder", "disorders", "illness",
        "condition", "lesion", "lesions", "tumor", "tumour", "tumors", "neoplasm", "neoplasms",
        "growth", "injury", "boil", "boils", "crabs", "thrush", "plague", "cold", "colds", "chill",
        "chills", "fits", "bite", "bites", "sting", "burn", "burns", "wound", "mass", "cyst",
        "carrier", "trauma", "shock", "pain", "fever", "analgesia", "physical disorder",
        "addiction", "hernia", "sinus", "stress", "spasm", "cramp", "cramps", "flu", "sore",
        "rash", "rashes", "itch", "cough", "leeches", "wart", "warts", "bruise", "colic", "fainting",
        "encephalopathy", "inflammation", "toxicity",
    }
)  # fmt: skip

_UNSAFE_SYNONYM = re.compile(
    r"[()\[\];:]|\bNOS\b|\bunspecified\b|\bnot elsewhere\b|\bwithout mention\b|\bother\b| - |,\s",
    re.IGNORECASE,
)


class DiseaseOntology:
    """Disease concepts with surface look-up, is_a ancestors and coarse grouping."""

    _cache: ClassVar[dict[tuple[str, bool], DiseaseOntology]] = {}
    _lock: ClassVar[threading.Lock] = threading.Lock()

    def __init__(
        self,
        concepts: dict[str, Concept],
        parents: dict[str, tuple[str, ...]],
        surfaces: Iterable[tuple[str, str, int]],
        id_aliases: dict[str, str] | None = None,
        full: bool = False,
    ) -> None:
        """Build indexes from concepts and (surface, doid, precedence) candidates."""
        self._concepts = concepts
        self._parents = parents
        self._id_aliases = dict(id_aliases or {})
        self.full = full
        self._index: dict[str, tuple[int, str]] = {}
        self._abbr: dict[str, tuple[int, str]] = {}
        self._candidates: list[tuple[str, str, int]] = []
        for surface, doid, prec in surfaces:
            if doid not in concepts or not surface.strip():
                continue
            self._candidates.append((surface, doid, prec))
            if is_abbreviation(surface):
                self._claim(self._abbr, abbr_key(surface), doid, prec)
                if case_sensitive_only(surface):
                    continue
            self._claim(self._index, normalize_term(surface), doid, prec)
        self._ancestor_cache: dict[str, list[str]] = {}
        self._terms: list[tuple[str, Concept]] | None = None
        self._abbr_senses: dict[str, set[str]] | None = None

    @staticmethod
    def _claim(index: dict[str, tuple[int, str]], key: str, doid: str, prec: int) -> None:
        """Give ``key`` to ``doid`` unless a source of higher precedence already holds it."""
        if not key:
            return
        held = index.get(key)
        if held is None or prec < held[0]:
            index[key] = (prec, doid)

    @classmethod
    def from_parts(cls, parts: Parts, full: bool) -> DiseaseOntology:
        """Index the concepts and surfaces that :mod:`cartmine.kb.do_release` built."""
        onto = cls(parts.concepts, parts.parents, parts.surfaces, id_aliases=parts.id_aliases, full=full)
        onto._ancestor_cache.update(parts.ancestors)
        return onto

    # ================================================================== loading
    @classmethod
    def load(cls, path: str | Path | None = None, core_only: bool = False) -> DiseaseOntology:
        """Load the core lexicon, merged with the full DO when its files are found.

        ``path`` is the DO folder (or a file in it); by default ``paths.disease_ontology_dir()``.
        Results are cached per (path, core_only) for the process, and the merged ontology is also
        pickled under ``$CARTMINE_CACHE`` (default ``~/.cache/cartmine``) keyed on the files'
        sizes and mtimes. Missing DO files give one warning and the core-only ontology.
        """
        do_dir = None if core_only else cls._resolve_dir(path)
        cache_key = (str(do_dir) if do_dir is not None else "<core>", core_only)
        return load_once(cls._cache, cls._lock, cache_key, lambda: cls._load_uncached(do_dir, core_only))

    @staticmethod
    def _resolve_dir(path: str | Path | None) -> Path:
        """The folder that should hold the DO files."""
        p = Path(path) if path is not None else paths.disease_ontology_dir()
        if p.is_file():
            p = p.parent
        return p.expanduser().resolve() if p.exists() else p

    @classmethod
    def _load_uncached(cls, do_dir: Path | None, core_only: bool) -> DiseaseOntology:
        """Build from files (or a valid pickle) without touching the in-memory cache."""
        core_rows = read_core(CORE_PATH)
        if core_only or do_dir is None:
            return cls.from_parts(core_parts(core_rows), full=False)
        found = do_release.find_release_files(do_dir)
        if found is None:
            warnings.warn(
                f"Disease Ontology files not found in {do_dir}; only the curated core disease "
                f"lexicon ({len(core_rows)} concepts) is available. Unset CARTMINE_DO_PATH to use "
                "the packaged lexicon, or point it at a DO release folder.",
                DegradedModeWarning, stacklevel=3,
            )
            return cls.from_parts(core_parts(core_rows), full=False)
        human, obo = found
        mesh, xref = paths.data_file(do_dir, MESH_FILE), paths.data_file(do_dir, XREF_FILE)
        code = [Path(module.__file__ or "") for module in (do_release, names)] + [Path(__file__)]
        digest = cache.sources_digest(f"v{CACHE_VERSION}", [CORE_PATH, human, obo, mesh, xref, *code])
        pickle_path = cache.cache_dir() / f"disease-ontology-{digest}.pickle"
        onto = cache.read_pickle(pickle_path)
        if isinstance(onto, cls):
            return onto
        onto = cls.from_parts(release_parts(core_rows, human, obo, mesh, xref), full=True)
        cache.write_pickle(pickle_path, onto, stale_glob="disease-ontology-*.pickle")
        return onto

    # ================================================================== queries
    def __len__(self) -> int:
        return len(self._concepts)

    def current_id(self, doid: str) -> str | None:
        """The current id for ``doid`` (itself, or the id an obsolete/alternative id now points to)."""
        if doid in self._concepts:
            return doid
        target = self._id_aliases.get(doid)
        return target if target in self._concepts else None

    def concept(self, doid: str) -> Concept | None:
        """The concept for a DOID; obsolete and alternative ids resolve to the current concept."""
        cid = self.current_id(doid)
        return self._concepts.get(cid) if cid else None

    def lookup(self, term: str) -> Concept | None:
        """The concept a surface string names, or None (tolerant matching, see module docstring)."""
        if not term or not term.strip():
            return None
        t = term.strip()
        if is_abbreviation(t):
            for cand in (t, t[:-1] if t.endswith("s") and len(t) > 2 else None):
                if cand:
                    held = self._abbr.get(abbr_key(cand))
                    if held:
                        return self._concepts[held[1]]
        key = normalize_term(t)
        for k in (key, *plural_variants(key)):
            held = self._index.get(k)
            if held:
                return self._concepts[held[1]]
        return None

    def abbreviation_senses(self, short: str) -> set[str]:
        """Every DOID that some DO name or synonym abbreviates as ``short`` (case-sensitive key).

        More than one means the short form is ambiguous without the document's own definition
        ("DM": dermatomyositis, diabetes mellitus, myotonic dystrophy...).
        """
        if self._abbr_senses is None:
            senses: dict[str, set[str]] = {}
            for surface, doid, _prec in self._candidates:
                if is_abbreviation(surface):
                    senses.setdefault(abbr_key(surface), set()).add(doid)
            self._abbr_senses = senses
        return set(self._abbr_senses.get(abbr_key(short), ()))

    def ancestors(self, doid: str) -> list[str]:
        """All is_a ancestors (transitive), nearest first, without ``doid`` itself."""
        cid = self.current_id(doid)
        if cid is None:
            return []
        cached = self._ancestor_cache.get(cid)
        if cached is not None:
            return list(cached)
        out: list[str] = []
        seen = {cid}
        queue = deque(self._parents.get(cid, ()))
        while queue:
            pid = queue.popleft()
            if pid in seen:
                continue
            seen.add(pid)
            out.append(pid)
            queue.extend(self._parents.get(pid, ()))
        self._ancestor_cache[cid] = out
        return list(out)

    def is_class(self, doid: str) -> bool:
        """Whether the concept is a disease grouping (autoimmune disease, lymphoma, cancer...)."""
        c = self.concept(doid)
        return bool(c and c.is_class)

    def terms(self) -> Iterator[tuple[str, Concept]]:
        """Every (surface, concept) worth matching in text.

        All curated core labels and synonyms are included (abbreviations among them should be
        matched case-sensitively, see :func:`is_abbreviation`). From the full DO only "safe"
        surfaces are included: current labels, exact synonyms and former labels that are at least
        4 characters long, are not acronyms, are not common or generic English words
        (:data:`COMMON_WORDS`), and carry no SNOMED/ICD furniture (brackets, "NOS", "unspecified",
        "other", inverted ", " forms, " - "). Related/narrow synonyms are never offered. A surface
        is yielded only for the concept that :meth:`lookup` would return for it.
        """
        if self._terms is None:
            out: list[tuple[str, Concept]] = []
            seen: set[tuple[str, str]] = set()
            for surface, doid, prec in self._candidates:
                if (surface, doid) in seen or not _is_safe(surface, prec):
                    continue
                hit = self.lookup(surface)
                if hit is None or hit.doid != doid:
                    continue
                seen.add((surface, doid))
                out.append((surface, self._concepts[doid]))
            self._terms = out
        return iter(self._terms)

    def disease_class_of(self, doid: str) -> str | None:
        """Coarse group for aggregation (one of :data:`DISEASE_GROUPS`), or None for unknown ids."""
        cid = self.current_id(doid)
        if cid is None:
            return None
        lineage = {cid, *self.ancestors(cid)}
        if lineage & _HEME_ROOTS:
            return "hematologic cancer"
        if _CANCER_ROOT in lineage:
            return "cancer"
        if _AUTOIMMUNE_ROOT in lineage or lineage & _AUTOIMMUNE_EXTRA:
            return "autoimmune disease"
        if lineage & _INFECTION_ROOTS:
            return "infection"
        return "other"


def _is_safe(surface: str, prec: int) -> bool:
    """Whether a surface may be offered to text matchers (see DiseaseOntology.terms)."""
    if prec <= P_CORE_SYN:
        return True
    if prec >= P_DO_OTHER:
        return False
    s = surface.strip()
    if len(s) < 4 or is_abbreviation(s) or s.lower() in COMMON_WORDS:
        return False
    if _UNSAFE_SYNONYM.search(s):
        return False
    # gene-symbol-like names ("ALS10", "SCA2") are identifiers, not prose
    return not re.fullmatch(r"[A-Za-z]{1,5}\d+[A-Za-z]?", s)


__all__ = [
    "COMMON_WORDS",
    "CORE_PATH",
    "DISEASE_GROUPS",
    "HUMANDO_FILE",
    "MESH_FILE",
    "OBO_FILE",
    "XREF_FILE",
    "Concept",
    "DiseaseOntology",
    "is_abbreviation",
    "normalize_term",
]
