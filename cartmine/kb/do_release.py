"""Reading the Disease Ontology release files and merging them with the curated core.

Why two sources. The record contract normalises diseases to DO labels and ``DOID`` ids, but raw DO
synonyms are noisy for text matching (SNOMED strings such as "... (disorder)", bare acronyms such as
"DON" or "WED") and miss the lay and domain wording of CAR-T news ("blood cancer", "lupus",
"gMG", "leukaemia"). ``resources/diseases_core.tsv`` holds ~240 curated concepts for the domain with
their *current* DO ids and labels; it alone is enough for cartmine to run. When the DO files are
available they are merged in for coverage, ancestors and MeSH ids.

How the DO files are combined. ``HumanDO.tsv`` is the current release (ids, labels, is_a parents
by label) and always wins. ``doid-2016-09-01.obo`` is older but carries synonyms, MeSH xrefs,
obsolete flags, ``replaced_by`` and ``alt_id``; each old term is mapped onto a current id (same id,
``replaced_by``, ``alt_id``, identical label, or a unique shared cross-reference from
``allXREFinDO.tsv``) and contributes its name and synonyms there. ``MESHinDO.tsv`` gives current
MeSH ids.

Precedence when two concepts claim the same surface: core label > core synonym > current DO
label > DO exact synonym / former DO label > related or narrow synonym. So "scleroderma" stays
systemic scleroderma (as the contract's curators read it) even though DO has a "scleroderma" class.

The builders return plain parts (:class:`Parts`); :class:`cartmine.kb.disease_ontology.DiseaseOntology`
indexes them.
"""

from __future__ import annotations

import csv
import re
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from cartmine import paths
from cartmine.kb.names import normalize_term

HUMANDO_FILE = "HumanDO.tsv"
OBO_FILE = "doid-2016-09-01.obo"
MESH_FILE = "MESHinDO.tsv"
XREF_FILE = "allXREFinDO.tsv"
ROOT_ID = "DOID:4"
ROOT_LABEL = "disease"

# Source precedence: lower wins when two concepts claim the same normalised surface.
P_CORE_LABEL, P_CORE_SYN, P_DO_LABEL, P_DO_EXACT, P_DO_OTHER = range(5)

_OBO_SYNONYM = re.compile(r'^synonym: "((?:[^"\\]|\\.)*)" (EXACT|RELATED|NARROW|BROAD)\b')
_CLASS_LABEL = re.compile(
    r"^(?:autoimmune )?disease (?:of|by)\b|\bsystem (?:disease|cancer)$|^cell type cancer$|"
    r"^(?:viral|bacterial|fungal|parasitic) infectious disease$"
)


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


@dataclass
class Parts:
    """What an ontology is built from: concepts, is_a parents, (surface, doid, precedence) candidates."""

    concepts: dict[str, Concept]
    parents: dict[str, tuple[str, ...]]
    surfaces: list[tuple[str, str, int]]
    id_aliases: dict[str, str] = field(default_factory=dict)
    #: Precomputed ancestor lists (the core TSV stores the full closure).
    ancestors: dict[str, list[str]] = field(default_factory=dict)


def find_release_files(do_dir: Path) -> tuple[Path, Path] | None:
    """``(HumanDO.tsv, the OBO file)`` of a DO folder, or None when it holds neither."""
    human = paths.data_file(do_dir, HUMANDO_FILE)
    obo = paths.data_file(do_dir, OBO_FILE)
    if not obo.exists():  # any release's OBO, plain or .gz (the packaged lexicon)
        found = sorted(do_dir.glob("doid*.obo*")) if do_dir.is_dir() else []
        obo = found[-1] if found else obo
    if not human.exists() and not obo.exists():
        return None
    return human, obo


def core_parts(core_rows: list[dict[str, str]]) -> Parts:
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
        surfaces.append((row["label"], doid, P_CORE_LABEL))
        surfaces.extend((s, doid, P_CORE_SYN) for s in syns)
    # The core stores the full is_a closure (nearest first); keep it as the ancestor list.
    ancestors = {row["doid"]: list(_split(row.get("ancestors"))) for row in core_rows}
    return Parts(concepts, parents, surfaces, ancestors=ancestors)


def release_parts(core_rows: list[dict[str, str]], human: Path, obo: Path, mesh_path: Path, xref_path: Path) -> Parts:
    """Merge core + HumanDO + OBO + MeSH (+ xrefs) into one ontology with current ids."""
    current = read_humando(human) if human.exists() else {}
    terms = read_obo(obo) if obo.exists() else []
    mesh_map = read_mesh(mesh_path) if mesh_path.exists() else {}

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
            xref_cache.append(read_xrefs(xref_path) if xref_path.exists() else {})
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
            draft.synonyms.append((old_name, P_DO_OTHER if demoted else P_DO_EXACT))
        for text, scope in t["synonyms"]:
            if scope == "BROAD":
                continue  # broader names would over-generalise a specific concept
            prec = P_DO_EXACT if scope == "EXACT" and not demoted else P_DO_OTHER
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
        core_syns = [(s, P_CORE_SYN) for s in _split(row.get("synonyms"))]
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
        label_prec = P_CORE_LABEL if d.in_core else P_DO_LABEL
        surfaces.append((d.label, doid, label_prec))
    return Parts(concepts, parents, surfaces, id_aliases=id_aliases)


# ---------------------------------------------------------------------- file parsing
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


def read_core(path: Path) -> list[dict[str, str]]:
    """Rows of the packaged core lexicon (comment lines skipped)."""
    with paths.open_text(path) as fh:
        lines = [line for line in fh if line.strip() and not line.startswith("#")]
    reader = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    return [{k: (v or "").strip() for k, v in row.items()} for row in reader if row.get("doid")]


def read_humando(path: Path) -> dict[str, tuple[str, list[str], list[str]]]:
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


def read_mesh(path: Path) -> dict[str, list[str]]:
    """MESHinDO.tsv -> {id: [MeSH ids]}, descriptor (D...) ids first."""
    out: dict[str, list[str]] = {}
    for cells in _tsv_rows(path):
        ids = [x.strip().removeprefix("MESH:") for x in _unquote(cells[2]).split(",") if x.strip()]
        out.setdefault(_unquote(cells[0]), []).extend(ids)
    return {k: sorted(v, key=lambda m: not m.startswith("D")) for k, v in out.items()}


def read_xrefs(path: Path) -> dict[str, set[str]]:
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


def read_obo(path: Path) -> list[dict]:
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


def _looks_like_class(label: str, depth: int | None) -> bool:
    """Heuristic class flag for non-curated concepts: top levels of DO or organ-system groupings."""
    return (depth is not None and depth <= 3) or bool(_CLASS_LABEL.search(label))
