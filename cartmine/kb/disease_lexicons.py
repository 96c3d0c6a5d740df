"""Disease wordings beyond the ontology's own names: lay terms, corpus-learned mentions, variants.

Why: Disease Ontology labels and synonyms are how curators name diseases. Text says "tumours",
"hereditary breast cancer", "breast and ovarian cancer", "cancer of the lymph glands" or
"Addisons disease". :class:`DiseaseLexicon` answers :meth:`~DiseaseLexicon.lookup` for such a
surface by trying, in order, the ontology, the team-written lay terms
(``resources/disease_lay_terms.tsv``) and the mentions learned from NCBI-disease train
(``resources/disease_mentions.tsv``, built by ``scripts/build_disease_mention_lexicon.py``), first
on the text, then on variants of it (severity and inheritance words dropped, generic nouns,
"X of the Y" -> "Y X", the first conjunct of a coordination).

Only the lay terms are offered to text matchers (:meth:`~DiseaseLexicon.match_terms`): they are
multi-word and unambiguous, except those marked ``lookup`` in the TSV (single words with other
senses, such as "depression"), which only normalise a span the NER or an abbreviation proposes. The learned mentions are a look-up for spans that the statistical NER
or an abbreviation's long form already proposes, because many of them are corpus-specific readings
("polyposis" -> familial adenomatous polyposis) that would be wrong in general text.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from pathlib import Path

from cartmine import paths
from cartmine.kb.base import data_lines
from cartmine.kb.disease_ontology import Concept, DiseaseOntology
from cartmine.kb.names import normalize_term, plural_variants

LAY_TERMS_PATH = paths.RESOURCES_DIR / "disease_lay_terms.tsv"
MENTIONS_PATH = paths.RESOURCES_DIR / "disease_mentions.tsv"

#: Words that qualify a disease without changing which DO concept is meant.
QUALIFIERS = re.compile(
    r"^(?:(?:severe|active|refractory|relapsed|relapsing|newly\s+diagnosed|aggressive|progressive|advanced|"
    r"moderate|mild|non-renal|adult|paediatric|pediatric|childhood|early|late|difficult[- ]to[- ]treat|"
    r"hereditary|inherited|familial|sporadic|classical|classic|typical|isolated|"
    r"human|clinical|overt|symptomatic|primary|malignant|non-[a-z]+|(?:adult|late|early|juvenile)[- ]onset|"
    r"autosomal\s+(?:dominant|recessive)|x-linked|recessively\s+inherited|type\s+[ivx0-9]+[a-z]?|"
    r"complete|partial|total|subtotal|metastatic|"
    # a stage says how far a disease has spread, not which disease it is ("stage II or III colon cancer")
    r"stage\s+[ivx0-4]+[a-c]?(?:\s*(?:,|/|-|\band\b|\bor\b|\bto\b)\s*(?:stage\s+)?[ivx0-4]+[a-c]?)*)\s+)+",
    re.IGNORECASE,
)
#: "X-deficient", "X deficient" (an adjective) -> "X deficiency", the name DO and MeSH use.
DEFICIENT = re.compile(r"[- ]deficient$", re.IGNORECASE)
#: "small cell lung cancer", "squamous cell oesophageal carcinoma": cell type before the organ.
CELL_TYPE_ORGAN = re.compile(r"(?<![\w-])(?P<cell>(?:non[- ]?)?(?:small|large|squamous|basal|clear|transitional|giant|"
                             r"spindle|oat)[- ]cells?)\s+(?P<organ>[a-z]+)\s+(?:cancers?|carcinomas?)$", re.IGNORECASE)
#: "type-2 diabetes": a type number joined to "type" by a hyphen, which DO writes with a space.
TYPE_DASH = re.compile(r"\b(?P<word>types?)-(?P<number>\d|i{1,3}|iv)\b", re.IGNORECASE)
#: "<pathogen> (virus) infection": DO names most infectious diseases by the pathogen or the disease
#: alone ("hepatitis C", "influenza"); a genotype or strain number is no part of that name.
INFECTION = re.compile(r"[\s-]+(?:virus\s+)?infections?$", re.IGNORECASE)
GENOTYPE = re.compile(r"\s+(?:genotype|serotype|subtype)\s+[0-9a-z]+\b", re.IGNORECASE)
#: "renal cell cancer", "squamous cell cancers": the "<cell type> cell" cancers are carcinomas by name.
CELL_CANCER = re.compile(r"\bcell\s+cancers?$", re.IGNORECASE)
#: "type IID von Willebrand disease": a numbered subtype written before the name.
NUMBERED_TYPE = re.compile(r"^type\s+(?P<number>[ivx]+|\d+)[a-z]?\s+(?P<name>.+)$", re.IGNORECASE)
#: A subtype number after the name ("Ehlers-Danlos syndrome type IV"): the parent concept is a fair reading.
SUBTYPE = re.compile(r"\s+(?:type|subtype|group)\s+[ivx0-9]+[a-z]?$", re.IGNORECASE)
#: A generic head after a name that already says what the disease is ("muscle inflammation disease").
GENERIC_HEAD = re.compile(r"\s+(?:disease|disorder|condition|illness)s?$", re.IGNORECASE)
#: Articles, which lay wording uses or drops freely ("cancer of (the) plasma cells").
ARTICLE = re.compile(r"\b(?:the|a|an)\s+", re.IGNORECASE)
#: What qualifier stripping must not leave alone: a head that names no particular disease.
HEADS_ONLY = {"disease", "diseases", "disorder", "disorders", "condition", "conditions", "syndrome", "illness"}
#: Heads that name a pathology by themselves (the head-only fallback of :meth:`DiseaseLexicon.variants`).
PATHOLOGY_HEAD = re.compile(r"(?:omas?|itis|osis|emia|pathy|plasia|trophy)$", re.IGNORECASE)
#: Words that relate the head to something else ("iron depletion without anemia", "fever after
#: vaccination"): with one of them the phrase is no kind of its last word, so the head-only
#: fallback is not tried. Coordination ("gastric or oesophageal adenocarcinoma") still is one.
RELATION_WORDS = frozenset({"without", "with", "no", "not", "non", "of", "after", "before", "from", "in", "on", "due",
                            "secondary", "than", "like"})
#: Nouns before "of" that make the phrase a kind of what follows ("Duarte variant of galactosemia").
KIND_WORDS = frozenset({"variant", "variants", "form", "forms", "type", "types", "subtype", "subtypes", "case", "cases"})
#: Generic nouns that name a disease class (MeSH "Neoplasms" is DO's cancer).
GENERIC = {"tumor": "cancer", "tumors": "cancer", "tumour": "cancer", "tumours": "cancer",
           "neoplasm": "cancer", "neoplasms": "cancer", "neoplasia": "cancer", "malignancies": "cancer"}
#: Cancer nouns after an organ word that make the phrase that organ's cancer ("oropharyngeal malignancy",
#: "gynecologic malignancy", "lung tumours"): the generic nouns and the singular "malignancy". Alone,
#: "malignancy" stays the class cancer (a DO synonym) and is no :data:`GENERIC` tumour word: "a second
#: primary malignancy" beside "breast cancer" is another cancer, not that one named again.
ORGAN_CANCER_HEADS = frozenset({*GENERIC, "malignancy"})
#: "breast and ovarian cancer", "breast/ovarian cancer", "breast and/or ovarian cancers" (not "fish-eye disease").
COORDINATION = re.compile(r"^(?P<first>[\w'-]+?)\s*(?:,|/|\s(?:and/or|and|or)\s)\s*(?:[\w'-]+\s*(?:,|/|\s(?:and/or|and|or)\s)\s*)*"
                          r"(?P<second>[\w'-]+)\s+(?P<head>(?:[\w'-]+\s+)*[\w'-]+)$", re.IGNORECASE)
#: "cancer of the lymph glands" -> "lymph glands cancer"; "carcinoma in situ of the bladder" ->
#: "bladder carcinoma in situ" (a head of up to three words, split at its last "of"/"in").
OF_THE = re.compile(r"^(?P<head>[\w-]+(?:\s[\w-]+){0,2}?)\s+(?:of|in)\s+(?:the\s+)?(?P<site>[\w-]+(?:\s[\w-]+)?)$", re.IGNORECASE)
#: A roman type or stage number ("type I", "type II"), which DO mostly writes in arabic digits.
ROMAN_TYPE = re.compile(r"\b(?P<word>type|types)\s+(?P<number>i{1,3}|iv|v|vi{1,3}|ix|x)\b(?!-)", re.IGNORECASE)
#: A type number written before the name that DO writes it after ("type IV hyperlipoproteinemia").
TYPE_FIRST = re.compile(r"^(?P<type>types?\s+[ivx0-9]+[a-z]?)\s+(?P<name>[a-z][\w'-]+(?:\s[\w'-]+)*)$", re.IGNORECASE)
#: Heads that writers swap for one another in one disease's name ("dry eye disease" for DO's "dry
#: eye syndrome"): tried only after the wording itself found nothing. Not from "syndrome": a syndrome
#: is often a broader clinical picture than the disease of the same words ("acute coronary syndrome").
HEAD_SWAPS = {"disease": ("syndrome", "disorder"), "disorder": ("disease", "syndrome")}
#: A patient adjective proposed as a disease ("hypertensive patients", "asthmatic children"): its
#: ending and the noun endings it derives from. Tried only for a single word, after the word itself.
ADJECTIVE_NOUNS = (("ensive", ("ension",)), ("atic", ("a",)), ("tic", ("sis", "sy")), ("ic", ("ia", "es", "ism")))


def adjective_nouns(word: str) -> Iterator[str]:
    """Disease nouns a single patient adjective may come from ("hypertensive" -> "hypertension",
    "asthmatic" -> "asthma", "epileptic" -> "epilepsy", "diabetic" -> "diabetes", "anemic" -> "anemia")."""
    lower = word.lower()
    if " " in lower or len(lower) < 6:
        return
    for ending, nouns in ADJECTIVE_NOUNS:
        if lower.endswith(ending):
            yield from (lower[: -len(ending)] + noun for noun in nouns)


class DiseaseLexicon:
    """Surface -> concept look-up over the ontology, lay terms and corpus-learned mentions."""

    def __init__(self, ontology: DiseaseOntology, lay_path: Path | None = LAY_TERMS_PATH,
                 mentions_path: Path | None = MENTIONS_PATH) -> None:
        self.ontology = ontology
        self.lay: dict[str, Concept] = {}
        self.lay_phrases: list[tuple[str, Concept]] = []
        self.lookup_only: set[str] = set()  # keys of lay terms that only normalise proposed spans
        for phrase, label, *scope in _rows(lay_path, 2, keep=3):
            concept = ontology.lookup(label)
            if concept is not None:
                self.lay.setdefault(normalize_term(ARTICLE.sub("", phrase)), concept)
                if scope != ["lookup"]:  # "lookup": a word with other senses (see the TSV's header)
                    self.lay_phrases.append((phrase, concept))
                else:
                    self.lookup_only.add(normalize_term(phrase))
        self.mentions: dict[str, Concept] = {}
        for surface, doid in _rows(mentions_path, 2):
            concept = ontology.concept(doid)
            if concept is not None:
                self.mentions.setdefault(normalize_term(surface), concept)

    def match_terms(self) -> Iterator[tuple[str, Concept]]:
        """(phrase, concept) pairs worth matching in text: the lay terms."""
        return iter(self.lay_phrases)

    def exact(self, text: str) -> Concept | None:
        """The concept of this very wording (ontology, lay term or learned mention), no variants."""
        concept = self.ontology.lookup(text)
        if concept is not None:
            return concept
        key = normalize_term(ARTICLE.sub("", text))
        for k in (key, *plural_variants(key)):
            concept = self.lay.get(k) or self.mentions.get(k)
            if concept is not None:
                return concept
        return None

    def lookup(self, text: str) -> Concept | None:
        """The concept a disease mention names, trying the variants of the module docstring."""
        text = " ".join(text.split())
        if not text:
            return None
        for cand in self.variants(text):
            # "type I diabetes": DO spells most numbered types in arabic ("type 1 diabetes"); each
            # wording is tried as written first ("hyperlipoproteinemia type IV" is a DO label)
            arabic = ROMAN_TYPE.sub(lambda m: f"{m['word']} {_arabic(m['number'])}", cand)
            for form in (cand, arabic) if arabic != cand else (cand,):
                concept = self.exact(form)
                if concept is not None:
                    return concept
        return None

    @staticmethod
    def variants(text: str) -> Iterator[str]:
        """The text, then wordings of the same concept that the lexicons are more likely to hold."""
        yield text
        spaced = TYPE_DASH.sub(lambda m: f"{m['word']} {m['number']}", text)
        if spaced != text:
            yield spaced
            text = spaced
        type_first = TYPE_FIRST.match(text)
        if type_first:  # "type IV hyperlipoproteinemia" -> DO's "hyperlipoproteinemia type IV"
            yield f"{type_first['name']} {type_first['type']}"
        words = text.split()
        if len(words) > 1:  # "type 1 diabetic (patients)": the adjective's noun, before qualifiers are dropped
            for noun in adjective_nouns(words[-1]):
                yield " ".join([*words[:-1], noun])
        bare = QUALIFIERS.sub("", text)
        if not bare or bare.lower() in HEADS_ONLY:
            bare = text  # "inherited disease" is not "disease"
        elif bare != text:
            yield bare
        generic = GENERIC.get(bare.lower())
        if generic:
            yield generic
        of_the = OF_THE.match(bare)
        if of_the:
            yield f"{of_the['site']} {of_the['head']}"
            site = of_the["site"].split()
            if len(site) == 2:  # "cancer of the uterine cervix": the organ noun alone ("cervix cancer")
                yield f"{site[1]} {of_the['head']}"
        coord = COORDINATION.match(bare) or COORDINATION.match(text)
        if coord:
            yield f"{coord['first']} {coord['head']}"
            yield f"{coord['second']} {coord['head']}"
        if DEFICIENT.search(bare):
            yield DEFICIENT.sub(" deficiency", bare)
        if CELL_CANCER.search(bare):
            yield CELL_CANCER.sub("cell carcinoma", bare)
        organ_first = CELL_TYPE_ORGAN.search(text)
        if organ_first:  # DO names cell-type carcinomas organ first: "lung small cell carcinoma"
            cell = organ_first["cell"].replace("-", " ").replace("non small", "non-small")
            yield f"{organ_first['organ']} {cell} carcinoma"
        pathogen = INFECTION.sub("", GENOTYPE.sub("", bare))
        if pathogen != bare and pathogen:
            yield pathogen  # "hepatitis C virus infection", "HCV genotype 1 infection": the infectious disease
        words = bare.split()
        if len(words) > 1 and words[-1].lower() in ORGAN_CANCER_HEADS:
            yield " ".join([*words[:-1], "cancer"])
        numbered = NUMBERED_TYPE.match(text)
        if numbered:  # "type IID von Willebrand disease" -> DO's "von Willebrand's disease 2"
            yield f"{numbered['name']} {_arabic(numbered['number'])}"
        if bare[-1:].isupper() or re.search(r"[A-Z][a-z]+-[A-Z][a-z]+$", bare):
            yield f"{bare} disease"  # an eponym without its head: "von Hippel-Lindau", "Wiskott-Aldrich"
            yield f"{bare} syndrome"
        yield f"{bare} 1"  # DO numbers the subtypes of many genetic syndromes ("Schwartz-Jampel syndrome 1")
        head = words[-1].lower() if words else ""
        for swapped in HEAD_SWAPS.get(head, ()):
            yield " ".join([*words[:-1], swapped])
        yield from adjective_nouns(bare)
        for pattern in (SUBTYPE, GENERIC_HEAD):
            shorter = pattern.sub("", bare)
            if shorter != bare and len(shorter.split()) > 1:
                yield shorter
        if len(words) > 1 and PATHOLOGY_HEAD.search(words[-1]) and not _relates(words):
            if len(words) > 2:  # "silent myocardial ischaemia" is a myocardial ischaemia before it is an ischaemia
                yield " ".join(words[-2:])
            yield words[-1]  # last resort, the broader concept: "renal hamartomas" is a hamartoma


def _relates(words: list[str]) -> bool:
    """Whether a phrase relates its last word to something else (see :data:`RELATION_WORDS`); "variant
    of galactosemia" and "a form of leukaemia" are still kinds of it."""
    lowered = [w.lower() for w in words]
    for i, word in enumerate(lowered):
        if word in RELATION_WORDS and not (word == "of" and i and lowered[i - 1] in KIND_WORDS):
            return True
    return False


def _arabic(number: str) -> str:
    """'ii' -> '2'; arabic numbers unchanged."""
    romans = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "x": 10}
    return str(romans.get(number.lower(), number))


def _rows(path: Path | None, width: int, keep: int | None = None) -> Iterator[list[str]]:
    """Data rows of a small TSV resource (comments and the header skipped): rows of at least
    ``width`` cells, cut to their first ``keep`` cells (default ``width``)."""
    if path is None or not path.exists():
        return
    rows = csv.reader(data_lines(path), delimiter="\t")
    next(rows, None)
    for row in rows:
        if len(row) >= width and row[0].strip():
            yield [cell.strip() for cell in row[:keep or width]]
