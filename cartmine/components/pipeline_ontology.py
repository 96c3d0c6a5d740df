"""The Disease Ontology that the pipeline's disease component loaded, for the components after it.

Outcomes (a disease's defining measure counts for its DO subtypes) and records (a record's disease
narrowed to the document's target) both need DO ancestors. They take them from the component that
already holds the ontology instead of loading a second copy, and run without one (ancestors None)
in pipelines that have no disease component.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from spacy.language import Language


def pipeline_ancestors(nlp: Language) -> Callable[[str], Sequence[str]] | None:
    """``ancestors`` of the ontology a component before this one holds (None without one)."""
    for _, pipe in nlp.components:
        ontology = getattr(pipe, "ontology", None)
        if ontology is not None and hasattr(ontology, "ancestors"):
            return ontology.ancestors
    return None
