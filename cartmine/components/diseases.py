"""DISEASE mentions normalised to Disease Ontology terms.

Sources, longest match first:

1. the Disease Ontology lexicon (the packaged curated core plus, when the
   ontology files are found, DO labels and safe synonyms), matched on lower-case
   tokens; short abbreviations (SLE, gMG, B-ALL) are matched case-sensitively;
2. abbreviations the document defines ("systemic sclerosis (SSc)"), found by
   scispacy's AbbreviationDetector and resolved to their long form's concept;
3. the BC5CDR Disease entities of the statistical NER, kept only when they can
   be normalised (the NER also tags symptoms that are not DO diseases).

Outcome terms ("cytokine release syndrome", "infection") are outcomes, not
diseases, and are left to the outcome component.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from cartmine.extensions import add_mention, defined_abbreviations, doc_text, in_boilerplate
from cartmine.kb.names import is_abbreviation
from cartmine.rules import char_span, overlaps, select_longest

if TYPE_CHECKING:
    from cartmine.kb.disease_ontology import Concept

#: Surface forms that are outcomes or too vague, whatever the ontology says.
NOT_DISEASES = {
    "cytokine release syndrome", "crs", "neurotoxicity", "icans", "infection", "infections", "disease",
    "syndrome", "disorder", "toxicity", "relapse", "remission", "death", "sepsis", "fever", "inflammation",
    "pain", "fatigue", "infectious disease", "proteinuria", "hematuria", "haematuria", "all", "ms", "cr", "pr", "mm", "aid", "aids", "nhl", "data",
}
#: Text that names an outcome even when an ontology synonym matches it ("neurotoxicity syndrome").
OUTCOME_TEXT = re.compile(r"neurotox|cytokine[- ]release|cytokine\s+storm|effector[- ]cell", re.IGNORECASE)
MODIFIERS = re.compile(
    r"^(?:(?:severe|active|refractory|treatment[- ]refractory|relapsed|relapsing|newly\s+diagnosed|"
    r"aggressive|chronic|acute|progressive|advanced|moderate|mild|non-renal|generali[sz]ed|adult|paediatric|"
    r"pediatric|childhood|early|difficult[- ]to[- ]treat|or|and|/|,)\s*)+",
    re.IGNORECASE,
)
#: Severity words that lexicon synonyms should not carry ("refractory lupus"); unlike
#: "acute" or "chronic" they never change which disease is meant.
SEVERITY = re.compile(r"^(?:(?:severe|active|refractory|treatment[- ]refractory|relapsed|difficult[- ]to[- ]treat|"
                      r"moderate|mild|moderate[- ]to[- ]severe)\s+)+", re.IGNORECASE)
ABBR_PREFIX = re.compile(r"^(?:sr|r|rr|a|n|g|c|j)(?=[A-Z])")


@Language.factory("cartmine_diseases", default_config={"ontology_path": None, "use_disease_ner": True,
                                                      "core_only": False})
def make_diseases(nlp: Language, name: str, ontology_path: str | None, use_disease_ner: bool,
                  core_only: bool) -> DiseaseRecognizer:
    return DiseaseRecognizer(nlp, ontology_path, use_disease_ner, core_only)


class DiseaseRecognizer:
    """Find diseases, link them to DOIDs, and honour the document's own abbreviations."""

    def __init__(self, nlp: Language, ontology_path: str | None = None, use_disease_ner: bool = True,
                 core_only: bool = False) -> None:
        from cartmine.kb.disease_ontology import DiseaseOntology

        self.ontology = DiseaseOntology.load(ontology_path, core_only=core_only)
        self.use_disease_ner = use_disease_ner
        self.lower_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.exact_matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.by_key: dict[str, Concept] = {}
        self.abbreviations: dict[str, Concept] = {}
        lower_patterns, exact_patterns = [], []
        terms = list(self.ontology.terms())
        known = {t.lower() for t, _ in terms}
        for term, concept in terms:
            if term.lower() in NOT_DISEASES or len(term) < 2:
                continue
            bare = SEVERITY.sub("", term)
            if bare != term and bare.lower() in known:
                continue  # "refractory lupus" would swallow "lupus nephritis" in "refractory lupus nephritis"
            if is_abbreviation(term):
                if term not in self.abbreviations:
                    self.abbreviations[term] = concept
                    exact_patterns.append(term)
            else:
                key = term.lower()
                if key not in self.by_key:
                    self.by_key[key] = concept
                    lower_patterns.append(term)
        for term in lower_patterns:
            self.lower_matcher.add(term.lower(), [nlp.make_doc(term)])
        for term in exact_patterns:
            self.exact_matcher.add(term, [nlp.make_doc(term)])

    def lookup(self, text: str) -> Concept | None:
        """Concept for a surface form found by the NER or an abbreviation's long form."""
        candidates = [text, MODIFIERS.sub("", text)]
        for cand in candidates:
            cand = cand.strip()
            if not cand or cand.lower() in NOT_DISEASES:
                continue
            concept = self.by_key.get(cand.lower()) or self.abbreviations.get(cand) or self.ontology.lookup(cand)
            if concept is not None:
                return concept
        return None

    def __call__(self, doc: Doc) -> Doc:
        candidates: list[tuple[int, int, Concept]] = []
        for match_id, start, end in self.lower_matcher(doc):
            concept = self.by_key.get(doc.vocab.strings[match_id])
            if concept:
                span = doc[start:end]
                candidates.append((span.start_char, span.end_char, concept))
        for match_id, start, end in self.exact_matcher(doc):
            concept = self.abbreviations.get(doc.vocab.strings[match_id])
            if concept:
                span = doc[start:end]
                candidates.append((span.start_char, span.end_char, concept))
        candidates += self._document_abbreviations(doc)
        candidates += self._prefixed_abbreviations(doc)
        chosen = select_longest(candidates)
        if self.use_disease_ner:
            # the statistical NER only adds diseases where the lexicon found none
            for ent in doc.ents:
                if ent.label_ != "Disease" or any(overlaps((ent.start_char, ent.end_char), c[:2]) for c in chosen):
                    continue
                concept = self.lookup(ent.text)
                if concept:
                    chosen.append((ent.start_char, ent.end_char, concept))
        for start, end, concept in sorted(chosen, key=lambda c: c[0]):
            if in_boilerplate(doc, start, end) or OUTCOME_TEXT.search(doc_text(doc)[start:end]):
                continue
            span = char_span(doc, start, end)
            if span is None:
                continue
            attrs = {"class": concept.is_class, "group": self.ontology.disease_class_of(concept.doid)}
            if concept.mesh:
                attrs["mesh"] = concept.mesh
            add_mention(doc, span, "DISEASE", concept.label, kb_id=concept.doid, attrs=attrs)
        return doc

    def _document_abbreviations(self, doc: Doc) -> list[tuple[int, int, Concept]]:
        """Every occurrence of a short form the document defines, linked through its long form."""
        out: list[tuple[int, int, Concept]] = []
        defined: dict[str, Concept] = {}
        for short, long_form in defined_abbreviations(doc):
            if short in defined:
                continue
            concept = self.lookup(long_form)
            if concept is not None:
                defined[short] = concept
        for short, concept in defined.items():
            for m in re.finditer(rf"(?<![\w-]){re.escape(short)}(?![\w-])", doc_text(doc)):
                out.append((m.start(), m.end(), concept))
        return out

    def _prefixed_abbreviations(self, doc: Doc) -> list[tuple[int, int, Concept]]:
        """'srSLE', 'rSLE', 'RRMM'-style abbreviations built on a known one."""
        out = []
        for token in doc:
            text = token.text
            if len(text) < 3 or not ABBR_PREFIX.match(text):
                continue
            base = ABBR_PREFIX.sub("", text)
            concept = self.abbreviations.get(base)
            if concept is not None and base != text:
                out.append((token.idx, token.idx + len(text), concept))
        return out
