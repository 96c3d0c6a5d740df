"""Embedding fallback linker: DISEASE mentions the lexicon could not normalise -> nearest DO concept.

Why: the lexicon (the ``diseases`` component) only knows Disease Ontology labels and synonyms
verbatim, while news copy says "blood cancer", "lupus kidney disease" or "cancer of plasma
cells". This component hands those mentions to a :class:`~cartmine.kb.concept_index.ConceptIndex`
(MiniLM embeddings of every DO label and synonym, see that module) and links the ones whose
nearest concept is above ``threshold``. Enable it after the lexicon component::

    [nlp]
    pipeline = [..., "diseases", "disease_linker", ...]

    [components.disease_linker]
    factory = "cartmine_embedding_linker"
    threshold = 0.80
    ontology_path = ${paths.ontology}

The concepts come from the same ontology setting as the ``diseases`` component
(``paths.ontology``). Measured by ``scripts/eval_linker.py`` (44 lay/variant wordings in
``scripts/data/lay_disease_terms.tsv``): lexicon alone 56.8 % correct, lexicon + linker at 0.80
79.5 % (14 filled, 4 of them wrong; 0.75 gives 86.4 % with 6 wrong); the 24 dev-gold disease
names are all already found by the lexicon.

torch/transformers are optional (``cartmine[transformers]``): the module imports without them,
and the first use raises an ImportError saying what to install.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from cartmine.components.diseases import NOT_DISEASES
from cartmine.extensions import add_mention, defined_abbreviations

LABEL = "DISEASE"


class EmbeddingLinkerComponent:
    """spaCy pipe: links DISEASE spans whose ``kb_id_`` is empty to their nearest DO concept.

    With ``include_ner_ents`` it also considers the NER's ``Disease`` entities that
    no DISEASE span covers (the lexicon component drops what it cannot normalise
    and leaves them there), adding a DISEASE mention when one links.
    """

    def __init__(self, nlp: Language, name: str, threshold: float, cache_dir: str | None,
                 model_path: str | None, include_ner_ents: bool, ontology_path: str | None) -> None:
        self.name = name
        self.threshold = threshold
        self.cache_dir = cache_dir
        self.model_path = model_path
        self.include_ner_ents = include_ner_ents
        self.ontology_path = ontology_path
        self._linker = None

    @property
    def linker(self):
        """The concept index, built on the first document that needs it (loading is not free)."""
        if self._linker is None:
            from cartmine.kb.concept_index import ConceptIndex, concepts_from_ontology
            from cartmine.kb.disease_ontology import DiseaseOntology

            concepts = concepts_from_ontology(DiseaseOntology.load(self.ontology_path))
            self._linker = ConceptIndex(concepts, threshold=self.threshold, cache_dir=self.cache_dir,
                                        model_path=self.model_path)
        return self._linker

    @linker.setter
    def linker(self, value) -> None:
        self._linker = value

    @staticmethod
    def _uncovered_ner_diseases(doc: Doc, group: list[Span]) -> list[Span]:
        """NER Disease entities overlapping no DISEASE span, minus the lexicon's known non-diseases."""
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
        # an abbreviation is embedded as its long form: "MS" alone embeds poorly
        long_forms = dict(defined_abbreviations(doc))
        results = self.linker.link([long_forms.get(s.text, s.text) for s in todo])
        linked = [(s, r) for s, r in zip(todo, results, strict=True) if r.doid]
        if not linked:
            return doc
        replaced = {(s.start, s.end) for s, _ in linked}
        doc.spans[LABEL] = [s for s in group if (s.start, s.end) not in replaced]
        for old, result in linked:
            attrs = dict(old._.attrs) if old.label_ == LABEL else {}  # NER entities have none yet
            concept = result.concept
            for key, value in (("class", concept.is_class), ("group", concept.group), ("mesh", concept.mesh)):
                if value is not None and value != "":
                    attrs[key] = value
                elif key != "class":
                    attrs.pop(key, None)  # another concept's MeSH id or group would now be wrong
            add_mention(doc, old, LABEL, result.label, kb_id=result.doid, attrs=attrs,
                        provenance={"link_score": round(result.score, 4)})
        return doc


@Language.factory(
    "cartmine_embedding_linker",
    default_config={"threshold": 0.80, "cache_dir": None, "model_path": None, "include_ner_ents": True,
                    "ontology_path": None},
)
def make_embedding_linker(nlp: Language, name: str, threshold: float, cache_dir: str | None,
                          model_path: str | None, include_ner_ents: bool,
                          ontology_path: str | None) -> EmbeddingLinkerComponent:
    """Factory for the config; nothing is loaded until the first doc with an unlinked disease."""
    return EmbeddingLinkerComponent(nlp, name, threshold, cache_dir, model_path, include_ner_ents, ontology_path)
