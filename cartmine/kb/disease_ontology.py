"""Disease look-up: a curated core lexicon merged with the Disease Ontology (DO) release files.

Why two sources. The record contract normalises diseases to DO labels and ``DOID`` ids, but raw DO
synonyms are noisy for text matching (SNOMED strings such as "... (disorder)", bare acronyms such as
"DON" or "WED") and miss the lay and domain wording of CAR-T news ("blood cancer", "lupus",
"gMG", "leukaemia"). ``resources/diseases_core.tsv`` holds ~240 curated concepts for the domain with
their *current* DO ids and labels; it alone is enough for cartmine to run. The DO files
(``cartmine.paths.disease_ontology_dir()``: the compact lexicon packaged in
``resources/disease_ontology/``, or ``$CARTMINE_DO_PATH``) are merged in for coverage, ancestors
and MeSH ids; each file may be plain or ``.gz``.

How the DO files are combined. ``HumanDO.tsv`` is the current release (ids, labels, is_a parents
by label) and always wins. ``doid-2016-09-01.obo`` is older but carries synonyms, MeSH xrefs,
obsolete flags, ``replaced_by`` and ``alt_id``; each old term is mapped onto a current id (same id,
``replaced_by``, ``alt_id``, identical label, or a unique shared cross-reference from
``allXREFinDO.tsv``) and contributes its name and synonyms there. ``MESHinDO.tsv`` gives current
MeSH ids.

Matching rules (what :meth:`DiseaseOntology.lookup` tolerates): case, hyphens, spaces,
apostrophes and possessive "'s" ("Sjogren's syndrome" = "Sjogren syndrome"), accents ("Sjögren"),
British spellings (leukaemia, haematological, oesophageal, tumour, generalised) and a final plural
"s". Abbreviations (``SLE``, ``MG``, ``ALL``, ``gMG``) are case-sensitive when shorter than five
letters, because their lower-case forms are ordinary words or units ("all", "mg", "ms").

Precedence when two concepts claim the same surface: core label > core synonym > current DO
label > DO exact synonym / former DO label > related or narrow synonym. So "scleroderma" stays
systemic scleroderma (as the contract's curators read it) even though DO has a "scleroderma" class.
"""

from __future__ import annotations

import csv
import hashlib
import os
import pickle
import re
import threading
import unicodedata
import warnings
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import ClassVar

from cartmine import paths
from cartmine.extras import DegradedModeWarning
from cartmine.kb.base import load_once

CORE_PATH = paths.RESOURCES_DIR / "diseases_core.tsv"
HUMANDO_FILE = "HumanDO.tsv"
OBO_FILE = "doid-2016-09-01.obo"
MESH_FILE = "MESHinDO.tsv"
XREF_FILE = "allXREFinDO.tsv"
ROOT_ID = "DOID:4"
ROOT_LABEL = "disease"

#: Bump when the parsing or merging logic changes, so stale pickles are never reused.
CACHE_VERSION = 3

# Source precedence: lower wins when two concepts claim the same normalised surface.
_P_CORE_LABEL, _P_CORE_SYN, _P_DO_LABEL, _P_DO_EXACT, _P_DO_OTHER = range(5)

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
_BRITISH = (  # (cheap substring guard, pattern, replacement)
    ("ae", re.compile(r"ae(?=[a-z])"), "e"),
    ("oe", re.compile(r"oe(?=[a-z])"), "e"),
    ("tumour", re.compile(r"tumour"), "tumor"),
    ("is", re.compile(r"(?<=[a-z])is(ed|ing|ation|ations)\b"), r"iz\1"),
)
_POSSESSIVE = re.compile(r"(?<=[a-z])'s\b|(?<=[a-z]s)'(?=\s|$)")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_OBO_SYNONYM = re.compile(r'^synonym: "((?:[^"\\]|\\.)*)" (EXACT|RELATED|NARROW|BROAD)\b')


def _fold(text: str) -> str:
    """NFKD without combining marks, so "Sjögren"/"Behçet"/"Guillain-Barré" match plain ASCII."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=131072)
def normalize_term(text: str) -> str:
    """Case/spelling-insensitive key of a disease name (see the module docstring for the rules)."""
    t = _fold(str(text)).lower()
    if "'" in t or "\u2019" in t or "`" in t:
        t = _POSSESSIVE.sub("", t.replace("\u2019", "'").replace("`", "'"))
    for needle, pattern, repl in _BRITISH:
        if needle in t:
            t = pattern.sub(repl, t)
    return _NON_ALNUM.sub("", t)


def _abbr_key(text: str) -> str:
    """Case-preserving key for abbreviations: only letters and digits kept ("B-ALL" -> "BALL")."""
    return re.sub(r"[^A-Za-z0-9]+", "", _fold(str(text)))


def is_abbreviation(surface: str) -> bool:
    """True for acronym-like surfaces (no space, mostly capitals: SLE, gMG, IgG4-RD, B-ALL).

    Matchers should match these case-sensitively; lookup() already does for short ones.
    """
    s = surface.strip()
    if not s or " " in s or len(s) > 10:
        return False
    letters = [ch for ch in s if ch.isalpha()]
    upper = sum(ch.isupper() for ch in letters)
    return upper >= 2 and upper * 2 >= len(letters)


def _case_sensitive_only(surface: str) -> bool:
    """Abbreviations with fewer than five letters collide with words/units in lower case."""
    return is_abbreviation(surface) and sum(ch.isalpha() for ch in surface) < 5


def _plural_variants(key: str) -> list[str]:
    """Singular candidates of a normalised key ("lymphomas" -> "lymphoma", "malignancies" -> ...y)."""
    out: list[str] = []
    if key.endswith("ies") and len(key) > 4:
        out.append(key[:-3] + "y")
    if key.endswith("es") and len(key) > 4:
        out.append(key[:-2])
    if key.endswith("s") and len(key) > 3:
        out.append(key[:-1])
    return out


@dataclass(frozen=True)
class Concept:
    """A disease concept: current DOID, DO label, known synonyms, class flag and MeSH id."""

    doid: str
    label: str
    synonyms: tuple[str, ...]
    is_class: bool
    mesh: str | None


@dataclass
class _Draft:
    """Mutable concept under construction while sources are merged."""

    doid: str
    label: str
    synonyms: list[tuple[str, int]]
    is_class: bool | None = None
    mesh: str | None = None
    in_core: bool = False


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
                self._claim(self._abbr, _abbr_key(surface), doid, prec)
                if _case_sensitive_only(surface):
                    continue
            self._claim(self._index, normalize_term(surface), doid, prec)
        self._ancestor_cache: dict[str, list[str]] = {}
        self._terms: list[tuple[str, Concept]] | None = None

    @staticmethod
    def _claim(index: dict[str, tuple[int, str]], key: str, doid: str, prec: int) -> None:
        """Give ``key`` to ``doid`` unless a source of higher precedence already holds it."""
        if not key:
            return
        held = index.get(key)
        if held is None or prec < held[0]:
            index[key] = (prec, doid)

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
        core_rows = _read_core(CORE_PATH)
        if core_only or do_dir is None:
            return cls._from_core(core_rows)
        # each file may be plain (a DO release) or .gz (the lexicon packaged with cartmine)
        human, obo = paths.data_file(do_dir, HUMANDO_FILE), paths.data_file(do_dir, OBO_FILE)
        if not obo.exists():
            found = sorted(do_dir.glob("doid*.obo*")) if do_dir.is_dir() else []
            obo = found[-1] if found else obo
        mesh, xref = paths.data_file(do_dir, MESH_FILE), paths.data_file(do_dir, XREF_FILE)
        if not human.exists() and not obo.exists():
            warnings.warn(
                f"Disease Ontology files not found in {do_dir}; only the curated core disease "
                f"lexicon ({len(core_rows)} concepts) is available. Unset CARTMINE_DO_PATH to use "
                "the packaged lexicon, or point it at a DO release folder.",
                DegradedModeWarning, stacklevel=3,
            )
            return cls._from_core(core_rows)
        sources = [CORE_PATH, human, obo, mesh, xref, Path(__file__)]
        pickle_path = _pickle_path(sources)
        if pickle_path is not None and pickle_path.exists():
            try:
                with open(pickle_path, "rb") as fh:
                    onto = pickle.load(fh)
                if isinstance(onto, cls):
                    return onto
            except Exception:  # a corrupt or foreign cache is only a missed optimisation
                pass
        onto = cls._from_files(core_rows, human, obo, mesh, xref)
        if pickle_path is not None:
            _write_pickle(pickle_path, onto)
        return onto

    @classmethod
    def _from_core(cls, core_rows: list[dict[str, str]]) -> DiseaseOntology:
        """Ontology built from the packaged core TSV only (ancestors from its closure column)."""
        concepts: dict[str, Concept] = {}
        parents: dict[str, tuple[str, ...]] = {}
        surfaces: list[tuple[str, str, int]] = []
        for row in core_rows:
            doid = row["doid"]
            syns = _split(row.get("synonyms"))
            concepts[doid] = Concept(
                doid=doid,
                label=row["label"],
                synonyms=syns,
                is_class=_truthy(row.get("class")),
                mesh=row.get("mesh") or None,
            )
            surfaces.append((row["label"], doid, _P_CORE_LABEL))
            surfaces.extend((s, doid, _P_CORE_SYN) for s in syns)
        onto = cls(concepts, parents, surfaces, full=False)
        # The core stores the full is_a closure (nearest first); keep it as the ancestor list.
        for row in core_rows:
            onto._ancestor_cache[row["doid"]] = list(_split(row.get("ancestors")))
        return onto

    @classmethod
    def _from_files(
        cls,
        core_rows: list[dict[str, str]],
        human: Path,
        obo: Path,
        mesh_path: Path,
        xref_path: Path,
    ) -> DiseaseOntology:
        """Merge core + HumanDO + OBO + MeSH (+ xrefs) into one ontology with current ids."""
        current = _read_humando(human) if human.exists() else {}
        terms = _read_obo(obo) if obo.exists() else []
        mesh_map = _read_mesh(mesh_path) if mesh_path.exists() else {}

        obo_by_id = {t["id"]: t for t in terms}
        if not current:  # only the OBO: its live terms are "current"
            current = {
                t["id"]: (t["name"], [], list(t["is_a"]))
                for t in terms
                if not t["obsolete"] and t.get("name")
            }
        label_to_id = {label: doid for doid, (label, _p, _pi) in current.items()}
        root_name = obo_by_id.get(ROOT_ID, {}).get("name", ROOT_LABEL)
        label_to_id.setdefault(root_name, ROOT_ID)
        norm_label_to_id: dict[str, str] = {}
        for doid, (label, _p, _pi) in current.items():
            norm_label_to_id.setdefault(normalize_term(label), doid)

        # ---- map every OBO id onto a current id
        alt_to_id = {alt: t["id"] for t in terms for alt in t["alt_id"]}
        xref_cache: list[dict[str, set[str]]] = []

        def xref_index() -> dict[str, set[str]]:
            # read lazily: only the few OBO terms that neither id nor label align need it
            if not xref_cache:
                xref_cache.append(_read_xrefs(xref_path) if xref_path.exists() else {})
            return xref_cache[0]

        def to_current(oid: str) -> str | None:
            if oid in current:
                return oid
            term = obo_by_id.get(oid)
            if term is None:
                owner = alt_to_id.get(oid)
                return to_current(owner) if owner and owner != oid else None
            for rep in term["replaced_by"]:
                if rep in current:
                    return rep
            if term["obsolete"]:
                return None
            hit = norm_label_to_id.get(normalize_term(term.get("name", "")))
            if hit:
                return hit
            xrefs = xref_index()
            cands = {cid for x in term["xrefs"] for cid in xrefs.get(x, ()) if len(xrefs[x]) == 1}
            return next(iter(cands)) if len(cands) == 1 else None

        id_aliases: dict[str, str] = {}
        for t in terms:
            cid = to_current(t["id"])
            if cid and cid != t["id"]:
                id_aliases[t["id"]] = cid
            for alt in t["alt_id"]:
                if alt not in current and cid:
                    id_aliases[alt] = cid

        # ---- drafts of current concepts
        drafts: dict[str, _Draft] = {}
        parents: dict[str, tuple[str, ...]] = {}
        for doid, (label, parent_labels, parent_ids) in current.items():
            drafts[doid] = _Draft(doid=doid, label=label, synonyms=[])
            plist = [label_to_id[pl] for pl in parent_labels if pl in label_to_id]
            if not plist:  # parent label unknown (or OBO-only): fall back to the OBO is_a links
                old_parents = parent_ids or obo_by_id.get(doid, {}).get("is_a", [])
                plist = [pid for pid in (to_current(p) for p in old_parents) if pid]
            parents[doid] = tuple(dict.fromkeys(p for p in plist if p != doid))
        if ROOT_ID not in drafts:
            drafts[ROOT_ID] = _Draft(doid=ROOT_ID, label=root_name, synonyms=[])
            parents[ROOT_ID] = ()

        for t in terms:
            cid = t["id"] if t["id"] in drafts else to_current(t["id"])
            if cid is None or cid not in drafts:
                continue
            draft = drafts[cid]
            old_name = t.get("name")
            demoted = t["obsolete"] and t["id"] != cid
            if old_name and old_name != draft.label:
                draft.synonyms.append((old_name, _P_DO_OTHER if demoted else _P_DO_EXACT))
            for text, scope in t["synonyms"]:
                if scope == "BROAD":
                    continue  # broader names would over-generalise a specific concept
                prec = _P_DO_EXACT if scope == "EXACT" and not demoted else _P_DO_OTHER
                draft.synonyms.append((text, prec))
            if draft.mesh is None and t["mesh"] and t["id"] == cid:
                draft.mesh = t["mesh"][0]
        for doid, meshes in mesh_map.items():
            if doid in drafts and meshes:
                drafts[doid].mesh = meshes[0]

        # ---- core overrides: curated label/synonyms/class/mesh win
        for row in core_rows:
            doid = id_aliases.get(row["doid"], row["doid"])
            draft = drafts.get(doid)
            if draft is None:  # core id unknown to these files: keep the curated concept
                draft = drafts[doid] = _Draft(doid=doid, label=row["label"], synonyms=[])
                parents[doid] = tuple(_split(row.get("ancestors"))[:1])
            draft.in_core = True
            draft.is_class = _truthy(row.get("class"))
            draft.mesh = row.get("mesh") or draft.mesh
            core_syns = [(s, _P_CORE_SYN) for s in _split(row.get("synonyms"))]
            draft.synonyms = core_syns + draft.synonyms

        depth = _depths(parents)
        concepts: dict[str, Concept] = {}
        surfaces: list[tuple[str, str, int]] = []
        for doid, d in drafts.items():
            seen: set[str] = {d.label.lower()}
            syns: list[str] = []
            for text, prec in sorted(d.synonyms, key=lambda sp: sp[1]):
                text = text.strip()
                if not text or text.lower() in seen:
                    continue
                seen.add(text.lower())
                syns.append(text)
                surfaces.append((text, doid, prec))
            is_class = d.is_class if d.is_class is not None else _looks_like_class(d.label, depth.get(doid))
            concepts[doid] = Concept(
                doid=doid, label=d.label, synonyms=tuple(syns), is_class=is_class, mesh=d.mesh
            )
            label_prec = _P_CORE_LABEL if d.in_core else _P_DO_LABEL
            surfaces.append((d.label, doid, label_prec))
        return cls(concepts, parents, surfaces, id_aliases=id_aliases, full=True)

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
                    held = self._abbr.get(_abbr_key(cand))
                    if held:
                        return self._concepts[held[1]]
        key = normalize_term(t)
        for k in (key, *_plural_variants(key)):
            held = self._index.get(k)
            if held:
                return self._concepts[held[1]]
        return None

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


# ====================================================================== file parsing helpers
def _split(field: str | None) -> tuple[str, ...]:
    """``a|b|c`` -> ("a", "b", "c") without empties."""
    if not field:
        return ()
    return tuple(p.strip() for p in field.split("|") if p.strip())


def _truthy(field: str | None) -> bool:
    """TSV boolean cell -> bool."""
    return (field or "").strip().lower() in {"true", "yes", "1"}


def _unquote(cell: str) -> str:
    """Strip the double quotes HumanDO/MESHinDO put around every cell."""
    if cell.startswith('"') and cell.endswith('"') and len(cell) >= 2:
        cell = cell[1:-1]
        return cell.replace('""', '"') if '""' in cell else cell
    return cell.strip()


def _read_core(path: Path) -> list[dict[str, str]]:
    """Rows of the packaged core lexicon (comment lines skipped)."""
    with open(path, encoding="utf-8") as fh:
        lines = [line for line in fh if line.strip() and not line.startswith("#")]
    reader = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    return [{k: (v or "").strip() for k, v in row.items()} for row in reader if row.get("doid")]


def _read_humando(path: Path) -> dict[str, tuple[str, list[str], list[str]]]:
    """HumanDO.tsv -> {id: (label, [parent labels], [])}; one row per (id, parent)."""
    out: dict[str, tuple[str, list[str], list[str]]] = {}
    with paths.open_text(path) as fh:
        header = True
        for line in fh:
            if header:
                header = False
                continue
            cells = line.rstrip("\n").split("\t")
            if len(cells) < 2:
                continue
            doid, label = _unquote(cells[0]), _unquote(cells[1])
            parent = _unquote(cells[2]) if len(cells) > 2 else ""
            entry = out.setdefault(doid, (label, [], []))
            if parent and parent not in entry[1]:
                entry[1].append(parent)
    return out


def _tsv_rows(path: Path, min_cells: int = 3) -> Iterator[list[str]]:
    """Cells of each data row of a Disease Ontology TSV export (header skipped, short rows dropped)."""
    with paths.open_text(path) as fh:
        next(fh, None)
        for line in fh:
            cells = line.rstrip("\n").split("\t")
            if len(cells) >= min_cells:
                yield cells


def _read_mesh(path: Path) -> dict[str, list[str]]:
    """MESHinDO.tsv -> {id: [MeSH ids]}, descriptor (D...) ids first."""
    out: dict[str, list[str]] = {}
    for cells in _tsv_rows(path):
        ids = [x.strip().removeprefix("MESH:") for x in _unquote(cells[2]).split(",") if x.strip()]
        out.setdefault(_unquote(cells[0]), []).extend(ids)
    return {k: sorted(v, key=lambda m: not m.startswith("D")) for k, v in out.items()}


def _read_xrefs(path: Path) -> dict[str, set[str]]:
    """allXREFinDO.tsv -> {xref: {current ids}}; only identifier systems precise enough to align terms."""
    keep = ("UMLS_CUI:", "NCI:", "MESH:", "ICD10CM:", "ORDO:", "GARD:", "OMIM:", "MIM:")
    out: dict[str, set[str]] = {}
    for cells in _tsv_rows(path):
        xref = cells[2].strip('"')
        if xref.startswith(keep):
            out.setdefault(xref.replace("MIM:", "OMIM:") if xref.startswith("MIM:") else xref, set()).add(
                _unquote(cells[0])
            )
    return out


def _read_obo(path: Path) -> list[dict]:
    """Minimal OBO 1.2 reader for the fields cartmine needs (fast: one pass, no regex per line)."""
    terms: list[dict] = []
    term: dict | None = None
    with paths.open_text(path) as fh:
        for raw in fh:
            if raw.startswith("["):
                term = None
                if raw.startswith("[Term]"):
                    term = {
                        "id": "", "name": "", "synonyms": [], "xrefs": [], "mesh": [], "is_a": [],
                        "alt_id": [], "replaced_by": [], "obsolete": False,
                    }  # fmt: skip
                    terms.append(term)
                continue
            if term is None:
                continue
            tag, sep, value = raw.rstrip("\n").partition(": ")
            if not sep:
                continue
            if tag == "id":
                term["id"] = value.strip()
            elif tag == "name":
                term["name"] = value.strip().replace("\\,", ",")
            elif tag == "synonym":
                m = _OBO_SYNONYM.match(raw)
                if m:
                    text = re.sub(r"\\(.)", r"\1", m.group(1)).strip()
                    term["synonyms"].append((text, m.group(2)))
            elif tag == "xref":
                x = value.split(" ", 1)[0].strip()
                x = x.replace("MSH:", "MESH:")
                if x.startswith("MESH:"):
                    term["mesh"].append(x[5:])
                if x.startswith("UMLS_CUI:") or x.startswith(("NCI:", "MESH:", "ICD10CM:", "ORDO:", "OMIM:")):
                    term["xrefs"].append(x)
            elif tag == "is_a":
                term["is_a"].append(value.split("!", 1)[0].strip())
            elif tag == "alt_id":
                term["alt_id"].append(value.strip())
            elif tag == "replaced_by":
                term["replaced_by"].append(value.strip())
            elif tag == "is_obsolete":
                term["obsolete"] = value.strip() == "true"
    return [t for t in terms if t["id"]]


def _depths(parents: dict[str, tuple[str, ...]]) -> dict[str, int]:
    """Shortest is_a distance from the root for every id (BFS over children)."""
    children: dict[str, list[str]] = {}
    for child, ps in parents.items():
        for p in ps:
            children.setdefault(p, []).append(child)
    depth = {ROOT_ID: 0}
    queue = deque([ROOT_ID])
    while queue:
        node = queue.popleft()
        for child in children.get(node, ()):
            if child not in depth:
                depth[child] = depth[node] + 1
                queue.append(child)
    return depth


_CLASS_LABEL = re.compile(
    r"^(?:autoimmune )?disease (?:of|by)\b|\bsystem (?:disease|cancer)$|^cell type cancer$|"
    r"^(?:viral|bacterial|fungal|parasitic) infectious disease$"
)


def _looks_like_class(label: str, depth: int | None) -> bool:
    """Heuristic class flag for non-curated concepts: top levels of DO or organ-system groupings."""
    return (depth is not None and depth <= 3) or bool(_CLASS_LABEL.search(label))


def _is_safe(surface: str, prec: int) -> bool:
    """Whether a surface may be offered to text matchers (see DiseaseOntology.terms)."""
    if prec <= _P_CORE_SYN:
        return True
    if prec >= _P_DO_OTHER:
        return False
    s = surface.strip()
    if len(s) < 4 or is_abbreviation(s) or s.lower() in COMMON_WORDS:
        return False
    if _UNSAFE_SYNONYM.search(s):
        return False
    # gene-symbol-like names ("ALS10", "SCA2") are identifiers, not prose
    return not re.fullmatch(r"[A-Za-z]{1,5}\d+[A-Za-z]?", s)


def _cache_dir() -> Path:
    """Where parsed ontologies are pickled: ``$CARTMINE_CACHE`` or ``~/.cache/cartmine``."""
    env = os.environ.get("CARTMINE_CACHE")
    return Path(env) if env else Path.home() / ".cache" / "cartmine"


def _pickle_path(sources: list[Path]) -> Path | None:
    """Cache file name keyed on the code version and each source's path, size and mtime."""
    h = hashlib.sha1(f"v{CACHE_VERSION}".encode())
    for src in sources:
        try:
            st = src.stat()
        except OSError:
            h.update(f"{src}:missing".encode())
            continue
        h.update(f"{src.resolve()}:{st.st_size}:{st.st_mtime_ns}".encode())
    try:
        return _cache_dir() / f"disease-ontology-{h.hexdigest()[:16]}.pickle"
    except RuntimeError:  # no home directory
        return None


def _write_pickle(path: Path, obj: object) -> None:
    """Best-effort atomic pickle write; a read-only or missing cache dir is not an error."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with open(tmp, "wb") as fh:
            pickle.dump(obj, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        # older pickles (other code or file versions) would only accumulate: drop them
        for stale in path.parent.glob("disease-ontology-*.pickle"):
            if stale != path:
                stale.unlink(missing_ok=True)
    except OSError:
        pass
