"""``doc._.records``: the spaCy wrapper around the record linker (:mod:`cartmine.linking`).

The linking itself is pure functions over contract :class:`~cartmine.result.Mention` objects and
a plain :class:`~cartmine.linking.DocumentLayout`; this component only reads the span groups the
other components filled, the sentence boundaries and the title offset, and stores the records
(removing only the between-arm ``no_response`` mentions that the records drop, so that the
outcome set agrees with them).
The linker's cue lists, adverse-event diseases and confidence weights are data
(``resources/linking.yaml``, or the file ``rules_file`` names). The disease hierarchy it reads
(which disease is a subtype of which) is the Disease Ontology that the pipeline's disease
component loaded, so that both agree on the release.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from spacy.language import Language
from spacy.tokens import Doc

from cartmine.components.pipeline_ontology import pipeline_ancestors
from cartmine.extensions import collect_mentions, doc_text
from cartmine.linking import DocumentLayout, link_records, load_config
from cartmine.linking.records import active_arm_null_outcomes


@Language.factory("cartmine_records", default_config={"merge_negated_with_affirmed": True,
                                                      "rules_file": "linking.yaml"})
def make_records(nlp: Language, name: str, merge_negated_with_affirmed: bool, rules_file: str) -> RecordLinker:
    return RecordLinker(merge_negated_with_affirmed, rules_file, pipeline_ancestors(nlp))


class RecordLinker:
    """Build ``doc._.records`` from the reported mentions of a document."""

    def __init__(self, merge_negated_with_affirmed: bool = True, rules_file: str = "linking.yaml",
                 ancestors: Callable[[str], Sequence[str]] | None = None) -> None:
        self.merge_negated_with_affirmed = merge_negated_with_affirmed
        self.config = load_config(rules_file)
        self.ancestors = ancestors

    def __call__(self, doc: Doc) -> Doc:
        layout = DocumentLayout.build(doc_text(doc), [(s.start_char, s.end_char) for s in doc.sents],
                                      doc._.body_offset or 0, self.config.section_headers)
        mentions = collect_mentions(doc)
        doc._.records = link_records(mentions, layout, self.config, self.merge_negated_with_affirmed, self.ancestors)
        # the outcome set follows the records on a null between active arms (no null effect of either)
        dropped = active_arm_null_outcomes(mentions, layout, doc._.records, self.config)
        if dropped:
            doc.spans["OUTCOME"] = [s for s in doc.spans["OUTCOME"] if (s.start_char, s.end_char) not in dropped]
        return doc
