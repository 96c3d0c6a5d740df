"""A drug vocabulary for all of medicine, read from the ``drug-named-entity-recognition`` package.

The package (MIT, Fast Data Science, pinned in setup.cfg) ships a dictionary of about 20,000
drugs and 107,000 names -- INNs, brands, synonyms and code names -- with DrugBank, MedlinePlus and
MeSH ids. cartmine reads that dictionary file directly, never copies it, and never imports the
package's own matcher: importing it builds a fuzzy n-gram index (seconds) that is not needed here.

Not every name in it is a medicine. The MeSH part brings drug classes (tree D27, "hypnotics and
sedatives"), enzymes and receptors (D08, D12) and research chemicals. So every canonical entry
gets a *tier*:

* ``drug``: a medicine (DrugBank, MedlinePlus or NHS id, or a named product without MeSH id);
* ``chemical``: a MeSH-only substance, a therapy only where the text gives it as a treatment;
* ``class``: a MeSH pharmacological-action heading, which the contract says is not a therapy.

MeSH-only enzymes and proteins are ``chemical`` too, and endogenous (see
:meth:`DrugVocabulary._endogenous`). Matching is a dictionary look-up of token
n-grams (case-insensitive, hyphen variants unified): building spaCy's ``PhraseMatcher`` from
107,000 patterns took 22 s per process on the development machine, this index about 1 s.
"""

from __future__ import annotations

import bz2
import importlib.util
import pickle
import re
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

import numpy
from spacy.attrs import IDX, LENGTH, LOWER
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.strings import hash_string
from spacy.tokens import Doc

from cartmine.extensions import doc_text
from cartmine.kb.base import load_once
from cartmine.rules import load_yaml

PACKAGE = "drug_named_entity_recognition"
DICTIONARY_FILE = "drug_ner_dictionary.pkl.bz2"
RULES_FILE = "drug_vocabulary.yaml"
#: longest name matched, in tokens ("abacavir , dolutegravir , and lamivudine")
MAX_TOKENS = 12
#: the first piece of a name or token: up to the first space, hyphen, slash, bracket or comma
_FIRST_PIECE = re.compile(r"[^\s\-/(),]*")
_SEPARATOR = re.compile(r"[\s\-/(),]")

_HYPHENS = re.compile(r"[\u2010-\u2015\u2212]")
_SPACES = re.compile(r"\s+")
_PAREN = re.compile(r"\s*\([^)]*\)")
_COMBINATION = re.compile(r"\s*(?:/|,\s*and\s+|,\s*|\s+and\s+)\s*")
#: a name that lists products ("acetaminophen, butalbital, and caffeine"), not an inverted MeSH heading
_LISTED = re.compile(r"/|\s+and\s+")
_BROKEN_HYPHEN = re.compile(r"(?<=[a-z])- (?=[a-z])")
#: a letter and a full stop read as one token ("V." in "received penicillin V. Then")
_INITIAL = re.compile(r"[A-Za-z]\.")
#: a digit, a hyphen and two or three letters: "5-fu", "6-mp", "5-asa"
_NUMBERED_ABBREVIATION = re.compile(r"\d-[a-z]{2,3}")
_NUMERIC = re.compile(r"^[\d\s.,%/-]+$")
#: a numbered grade of a substance ("dextran 70", "polyethylene glycol 3350"): the base name and the number
_NUMBERED = re.compile(r"^([a-z][a-z -]*[a-z]) \d+$")
#: the last word of a plural heading: not "-ss", "-us", "-is" ("glucose", "virus", "tris")
_PLURAL_END = re.compile(r"(?<![sui])s$")
#: MeSH trees of hormones, enzymes, lipids, proteins, nucleic acids, carbohydrates, biological factors
ENDOGENOUS_TREES = ("D06", "D08", "D09", "D10", "D12", "D13", "D23")
#: endings of names that were coined for medicines (INN stems), never for endogenous molecules
#: first words that, before a salt word, name an inorganic salt ("ferrous sulfate"), not a drug's salt form
INORGANIC = frozenset({"ferrous", "ferric", "zinc", "copper", "cupric", "barium", "aluminium", "aluminum", "lithium",
                       "ammonium", "strontium", "silver", "iron", "stannous", "sodium", "potassium", "calcium",
                       "magnesium"})
#: MeSH trees of chemical-structure groups (and glycosides): a plural heading there ("penicillins") names a class
STRUCTURE_TREES = ("D02", "D03", "D04", "D09")
INN_ENDINGS = ("mab", "cept", "ase", "cel", "tide", "kin", "vec", "gene", "sen", "rsen", "stim", "grastim", "plase",
               "parin", "relin", "lutide", "pressin", "tocin", "cogin")


#: "alfa" in an INN (interferon alfa-2a, epoetin alfa, dornase alfa), which texts often spell "alpha"
INN_ALFA = re.compile(r"(?<![a-z])alfa(?![a-z])")
#: the INN stem "interferon", which texts abbreviate IFN ("IFN alpha-2a")
INTERFERON = re.compile(r"^(?:peg)?interferon(?=[ -])")


def _spelling_variants(key: str) -> list[str]:
    """Other spellings of a name with "alfa": "alpha" for "alfa", and "ifn" for a leading "interferon"."""
    alpha = INN_ALFA.sub("alpha", key)
    out = [alpha]
    for name in (key, alpha):
        if INTERFERON.match(name) and name.startswith("interferon"):
            out += [INTERFERON.sub("ifn", name), INTERFERON.sub("ifn", name).replace("ifn ", "ifn-", 1)]
    return out


#: a dose level before a drug's name in a dictionary entry ("low-dose aspirin"): the drug is the INN
DOSE_PREFIX = re.compile(r"^(?:low|high|standard|ultra[- ]low|very[- ]low)[- ]dose\s+", re.IGNORECASE)


def surface_key(text: str) -> str:
    """Look-up key of a name: lower case, one space between words, ASCII hyphens."""
    return _BROKEN_HYPHEN.sub("-", _SPACES.sub(" ", _HYPHENS.sub("-", text.lower())).strip())


def _within_one_edit(a: str, b: str) -> bool:
    """Levenshtein distance of ``a`` and ``b`` at most 1: one letter changed, inserted or dropped.

    Why not the table: past the first differing letter the rest must be equal (same length) or
    equal with one letter skipped (lengths one apart); two slice comparisons in C instead of a
    Python loop over every cell (the misspelling search compares a word with hundreds of names).
    """
    if len(a) > len(b):
        a, b = b, a
    if len(b) - len(a) > 1:
        return False
    i = 0
    for x, y in zip(a, b, strict=False):  # a is the shorter
        if x != y:
            break
        i += 1
    else:
        return True  # equal, or b is a with one more letter at the end
    return a[i + 1:] == b[i + 1:] if len(a) == len(b) else a[i:] == b[i + 1:]


def _within_edits(a: str, b: str, limit: int) -> bool:
    """Levenshtein distance of ``a`` and ``b`` at most ``limit`` (a band of the table, early exit)."""
    if abs(len(a) - len(b)) > limit:
        return False
    if limit == 1:
        return _within_one_edit(a, b)
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb))
        if min(current) > limit:
            return False
        previous = current
    return previous[-1] <= limit


@dataclass(frozen=True)
class Drug:
    """One canonical drug as cartmine reports it."""

    norm: str
    drugbank_id: str | None
    modality: str
    kind: str  # "drug", "vaccine" or "product" (cell therapy)
    tier: str  # "drug" or "chemical"
    endogenous: bool = False  # a body's own molecule or an extract: a therapy only where given
    components: tuple[Drug, ...] = ()  # fixed-dose combinations: one Drug per component


@dataclass(frozen=True)
class DrugMatch:
    """A vocabulary name found in a document (token offsets)."""

    start: int
    end: int
    drug: Drug
    brand: bool
    ambiguous: bool = False  # a name the package itself leaves out of its variants (see __init__)


def dictionary_path() -> Path | None:
    """The package's dictionary file, found without importing the package (see module doc)."""
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / DICTIONARY_FILE
    return path if path.exists() else None


def _modality(norm: str, info: dict, vaccine: bool) -> tuple[str, str]:
    """(contract modality, kind) from what the dictionary knows about a drug."""
    if vaccine or "vaccin" in norm:
        return "other", "vaccine"
    if norm.endswith("mab"):
        return "antibody", "drug"
    if norm.endswith("cel"):
        return "other", "product"
    if info.get("smiles") and float(info.get("mass_lower") or 0) < 2000:
        return "small molecule", "drug"
    return "other", "drug"


class DrugVocabulary:
    """Every name of the dictionary, resolved to a :class:`Drug`, and a fast n-gram matcher."""

    _cache: ClassVar[dict[str, DrugVocabulary]] = {}
    _lock: ClassVar[threading.Lock] = threading.Lock()

    def __init__(self, data: dict, rules: dict) -> None:
        self.rules = rules
        stop = {surface_key(s) for s in rules.get("stoplist", [])}
        self.context_required = {surface_key(s) for s in rules.get("context_required", [])}
        self.forms = {surface_key(s) for s in rules.get("form_words", [])}
        self.inn_names: dict[str, str] = rules.get("inn_names", {})
        self.species = {surface_key(s) for s in rules.get("species_words", [])}
        names = rules.get("medicine_names") or []
        self.medicine_names = re.compile("|".join(f"(?:{n})" for n in names) if names else r"(?!)")
        self.minerals = {surface_key(s) for s in rules.get("minerals", [])}
        self.mineral_carriers = {surface_key(s) for s in rules.get("mineral_carriers", [])}
        self.plural_names = {surface_key(s) for s in rules.get("plural_names", [])}
        self._raw_canon: dict[str, list[str]] = data["drug_variant_to_canonical"]
        self._raw_data: dict[str, dict] = data["drug_canonical_to_data"]
        variant_data: dict[str, dict] = data.get("drug_variant_to_variant_data", {})
        # "dextran 70" -> the canonical it names: a numbered grade is the singular of a plural heading
        self._numbered: dict[str, str] = {}
        for variant, canonicals in self._raw_canon.items():
            if numbered := _NUMBERED.match(variant):
                self._numbered.setdefault(numbered.group(1), canonicals[0])
        self._drugs: dict[str, Drug | None] = {}
        self.index: dict[str, tuple[Drug, bool, bool]] = {}
        self.classes: set[str] = set()
        for variant, canonicals in self._raw_canon.items():
            key = surface_key(variant)
            if len(key) < 3 or key in stop or _NUMERIC.match(key) or key.count(" ") > 7 or key.endswith(","):
                continue
            canon = canonicals[0]
            if self._tier(canon) == "class":
                self.classes.add(key)
                continue
            drug = self._drug(canon)
            if drug is not None:
                self.index.setdefault(key, (drug, bool(variant_data.get(variant, {}).get("is_brand")), False))
        # Canonical names that the package does not list as variants ("testosterone", "caffeine"): it
        # leaves them out because they are ambiguous; cartmine matches them where the text gives them.
        for canon in self._raw_data:
            key = surface_key(_PAREN.sub("", canon))
            fresh = key not in self.index and key not in stop and len(key) > 3 and key[0].isalnum()
            drug = self._drug(canon) if fresh else None
            if drug is not None and not drug.components and self._tier(canon) == "drug":
                self.index[key] = (drug, False, True)
        # INN spellings written the English way: "interferon alpha-2a", "IFN alfa-2b", "epoetin alpha"
        for key in [k for k in self.index if INN_ALFA.search(k)]:
            for variant in _spelling_variants(key):
                self.index.setdefault(variant, self.index[key])
        # a numbered abbreviation written without its hyphen: "5 FU", "5FU", "6 MP" (trial abstracts
        # and their OCR keep both); a drug's only (a body's own molecule, "5-HT", stays as written)
        for key in [k for k in self.index if _NUMBERED_ABBREVIATION.fullmatch(k)]:
            drug = self.index[key][0]
            if drug.tier == "drug" and not drug.endogenous:
                for variant in (key.replace("-", " ", 1), key.replace("-", "", 1)):
                    self.index.setdefault(variant, self.index[key])
        self._add_extra_names(rules.get("extra_names", {}), stop)
        # first two letters -> length -> names, built on the first near() call
        self._by_prefix: dict[str, dict[int, list[str]]] | None = None
        # first piece -> length of the longest name starting with it: the matcher only looks at
        # tokens that can start a name, and only as far as the longest such name reaches
        self.reach: dict[str, int] = {}
        for key in self.index:
            first = _FIRST_PIECE.match(key).group(0)
            if first not in STOP_WORDS:  # "a-...", "and ...": chemical-name debris, not drug names
                self.reach[first] = max(self.reach.get(first, 0), len(key))
        # hashes of what a token's lower-case text must be to start a name (its first piece, or the
        # whole name for "5-fluorouracil"), so that numpy picks the few tokens worth a look-up
        starts = set(self.reach) | {k for k in self.index if " " not in k and _FIRST_PIECE.match(k).group(0) in self.reach}
        self.start_hashes = numpy.array(sorted(hash_string(s) for s in starts), dtype=numpy.uint64)

    def _add_extra_names(self, extra: dict[str, str], stop: set[str]) -> None:
        """Names the dictionary lacks (brands, INN spellings, "tPA"): each points at a dictionary name,
        whose drug it gets, or is a drug of its own with that norm (a name the dictionary files only as
        a class, such as "penicillin")."""
        for name, target in extra.items():
            key = surface_key(name)
            if key in stop:
                continue
            hit = self.index.get(surface_key(target))
            if hit is None:
                drug = Drug(surface_key(target), None, "small molecule", "drug", "drug")
                hit = (drug, False, False)
            self.index[key] = (hit[0], key != surface_key(target) and name[:1].isupper(), hit[2])

    # ------------------------------------------------------------------ loading
    @classmethod
    def load(cls) -> DrugVocabulary:
        """The vocabulary, built once per process.

        ``drug-named-entity-recognition`` is a pinned dependency: without it cartmine would miss
        most drugs, so its absence is an error, never a quietly smaller result."""
        path = dictionary_path()
        if path is None:
            raise ModuleNotFoundError(
                f"the drug vocabulary needs the package {PACKAGE.replace('_', '-')} (a cartmine dependency): "
                "pip install 'drug-named-entity-recognition==2.0.9'")

        def build() -> DrugVocabulary:
            with bz2.open(path, "rb") as fh:
                data = pickle.load(fh)  # the pinned package's own data file, not user input
            return cls(data, load_yaml(RULES_FILE))

        return load_once(cls._cache, cls._lock, str(path), build)

    # ------------------------------------------------------------------ entries
    def _tier(self, canon: str) -> str | None:
        info = self._raw_data.get(canon, {})
        trees = info.get("mesh_tree") or []
        if info.get("drugbank_id") or info.get("medline_plus_id") or info.get("nhs_url"):
            return "drug"
        if not info.get("mesh_id"):
            return "drug"
        if any(t.startswith("D20.215.894") for t in trees):
            return "drug"  # vaccines
        if trees and all(t.startswith("D27") for t in trees):
            return "class"
        if (trees and all(t.startswith(STRUCTURE_TREES) for t in trees) and canon.endswith("s")
                and not canon.endswith(("ss", "us", "is"))):
            return "class"  # "penicillins", "anthracyclines", "benzodiazepines": structure classes
        return "chemical"

    def _drug(self, canon: str) -> Drug | None:
        if canon in self._drugs:
            return self._drugs[canon]
        self._drugs[canon] = None  # guards against cycles through combination parts
        tier = self._tier(canon)
        drug = None
        if tier in ("drug", "chemical"):
            drug = self._combination(canon, tier) or self._single(canon, tier)
        self._drugs[canon] = drug
        return drug

    def _single(self, canon: str, tier: str) -> Drug:
        info = self._raw_data.get(canon, {})
        norm = _PAREN.sub("", canon).strip()
        words = norm.split()
        # "buprenorphine buccal", "enoxaparin sodium": the INN when the dictionary has it alone
        # "secretin human", "insulin porcine": a species word after the name is no part of the INN
        while len(words) > 1 and (
                (words[-1] in self.forms and " ".join(words[:-1]) in self._raw_canon)
                or (words[-1] in self.species and (" ".join(words[:-1]) in self._raw_canon or " ".join(words[:-1]) in self._raw_data))):
            words = words[:-1]
        if words != norm.split():
            shorter = " ".join(words)
            base = self._drug(self._raw_canon.get(shorter, [shorter])[0])
            if base is not None:
                return base
        undosed = DOSE_PREFIX.sub("", norm)
        if undosed != norm and undosed in self._raw_canon:  # "low-dose aspirin" is aspirin
            base = self._drug(self._raw_canon[undosed][0])
            if base is not None:
                return base
        if len(words) == 2 and words[0] in self.minerals and words[1] in self.mineral_carriers:
            words = words[:1]  # "zinc gluconate", "magnesium picolinate": an organic carrier of the mineral given
        elif len(words) == 2 and words[1] in self.forms and words[0] not in self.forms and words[0] not in INORGANIC:
            words = words[:1]  # "vecuronium bromide", "methacholine chloride": the INN without its salt
        norm = " ".join(words)
        trees = info.get("mesh_tree") or []
        vaccine = any(t.startswith("D20.215.894") for t in trees)
        if ", " in norm and not _LISTED.search(norm):  # MeSH inverted heading: "insulin, isophane" -> "isophane insulin"
            head, _, rest = norm.partition(", ")
            norm = f"{rest} {head}"
        norm = self._singular(norm, canon, info)
        norm = self.inn_names.get(norm, norm)
        if norm.endswith("vaccines"):
            norm = norm[:-1]
        modality, kind = _modality(norm, info, vaccine)
        endogenous = self._endogenous(norm, info, vaccine) and not self.medicine_names.fullmatch(norm)
        return Drug(norm, info.get("drugbank_id"), modality, kind, tier, endogenous)

    def _singular(self, norm: str, canon: str, info: dict) -> str:
        """The singular of a plural MeSH heading ("docosahexaenoic acids", "dextrans", "chondroitin
        sulfates") where the dictionary gives the singular as a name of the same entry ("docosahexaenoic
        acid", or a numbered grade "dextran 70"). MeSH names its headings in the plural, but a text that
        gives one substance names it in the singular, and so do INN lists and the contract ("the INN
        in lower case"); listed product names whose plural is their name ("conjugated estrogens") stay."""
        if not info.get("mesh_id") or norm in self.plural_names or not _PLURAL_END.search(norm):
            return norm
        singular = norm[:-1]
        if (self._raw_canon.get(singular) or [None])[0] == canon or self._numbered.get(singular) == canon:
            return singular
        return norm

    @staticmethod
    def _endogenous(norm: str, info: dict, vaccine: bool) -> bool:
        """A molecule of the body (hormone, enzyme, protein, lipid...) or a natural extract that no
        patient leaflet (MedlinePlus, NHS) describes as a medicine: abstracts mostly measure these."""
        if vaccine or info.get("medline_plus_id") or info.get("nhs_url") or norm.endswith(INN_ENDINGS):
            return False
        trees = info.get("mesh_tree") or []
        if trees:
            return all(t.startswith(ENDOGENOUS_TREES) for t in trees)
        return not info.get("smiles")

    def _combination(self, canon: str, tier: str) -> Drug | None:
        """"amoxicillin and clavulanic acid", "glecaprevir/pibrentasvir": one Drug per part."""
        name = _PAREN.sub("", canon).strip()
        parts = [p for p in _COMBINATION.split(name) if p]
        if len(parts) < 2 or "vaccine" in name:  # "diphtheria, tetanus, and pertussis vaccine" is one product
            return None
        listed = bool(_LISTED.search(name))
        drugs = []
        for part in parts:
            canonicals = self._raw_canon.get(part)
            drug = self._drug(canonicals[0]) if canonicals else None
            if drug is None or drug.components:
                # a part the dictionary leaves out ("caffeine") or files only under the combination
                # itself ("butalbital"): in a name that lists its parts with "and" or "/", the part is
                # a drug of its own; in an inverted MeSH heading ("insulin, regular, pork") it is not
                if not listed or (" " in part and part not in self._raw_data):
                    return None
                drug = self._single(part, tier)
            drugs.append(drug)
        return Drug(name, self._raw_data.get(canon, {}).get("drugbank_id"), "other", "drug", tier,
                    components=tuple(drugs))

    # ------------------------------------------------------------------ queries
    def lookup(self, surface: str) -> Drug | None:
        """The drug a name denotes, or None."""
        found = self.index.get(surface_key(surface))
        return found[0] if found else None

    def near(self, surface: str) -> Drug | None:
        """The one drug whose name is a typing slip away from ``surface``, or None.

        Abstracts and press releases misspell drug names ("fluorouacil", "omeprazol"): a name of at least
        nine letters may differ from a dictionary name by one letter inserted, dropped or changed. Only
        names with the same first two letters are compared; where names of two different drugs are that
        close, the slip is not resolved; a singular or plural ("propionate", "propionates") is no slip."""
        key = surface_key(surface)
        edits = 1 if len(key) >= 9 else 0
        if not edits:
            return None
        if self._by_prefix is None:
            self._by_prefix = {}
            for name in self.index:
                self._by_prefix.setdefault(name[:2], {}).setdefault(len(name), []).append(name)
        by_length = self._by_prefix.get(key[:2], {})
        found = {self.index[name][0]
                 for size in range(len(key) - edits, len(key) + edits + 1)
                 for name in by_length.get(size, ())
                 if _within_edits(key, name, edits)
                 and name.rstrip("s") != key.rstrip("s")}  # a plural is another name, not a slip
        return next(iter(found)) if len(found) == 1 and not next(iter(found)).components else None

    def is_class(self, surface: str) -> bool:
        """True for a pharmacological class heading ("hypnotics and sedatives")."""
        return surface_key(surface) in self.classes

    def find(self, doc: Doc) -> list[DrugMatch]:
        """Longest vocabulary names at token boundaries, left to right, not overlapping."""
        text = doc_text(doc)
        if not len(doc):
            return []
        table = doc.to_array([LOWER, IDX, LENGTH])  # in C: iterating Token objects costs more than look-ups
        starts = table[:, 1].tolist()
        ends = (table[:, 1] + table[:, 2]).tolist()
        at = numpy.searchsorted(self.start_hashes, table[:, 0]).clip(max=len(self.start_hashes) - 1)
        candidates = numpy.flatnonzero(self.start_hashes[at] == table[:, 0]).tolist()
        found: list[DrugMatch] = []
        n = len(doc)
        for i in candidates:
            if found and i < found[-1].end:
                continue
            start = starts[i]
            piece = text[start:ends[i]].lower()
            reach = self.reach.get(piece)
            if reach is None and _SEPARATOR.search(piece):
                reach = self.reach.get(_FIRST_PIECE.match(piece).group(0))
            if not reach:
                continue
            best = None
            for j in range(i, min(n, i + MAX_TOKENS)):
                if ends[j] - start > reach + 2:
                    break
                key = text[start:ends[j]].lower()
                if not key.isascii() or "  " in key or "\n" in key or "\t" in key:
                    key = surface_key(key)
                if "- " in key:  # "low-molecular- weight heparin": a hyphenated word broken at the line end
                    key = _BROKEN_HYPHEN.sub("-", key)
                hit = self.index.get(key)
                if hit is None and j > i and _INITIAL.fullmatch(text, starts[j], ends[j]):
                    # "received penicillin V. The others": the tokenizer reads a final letter and the
                    # full stop as an initial ("V."); the name is the letter's
                    hit = self.index.get(key.removesuffix("."))
                if hit is not None:
                    best = (j + 1, hit)
            if best is not None:
                found.append(DrugMatch(i, best[0], *best[1]))
        return found
