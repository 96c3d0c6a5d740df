"""spaCy pipeline components, one per module; importing this package registers their factories."""

from cartmine.components import (  # noqa: F401
    abbreviations,
    boilerplate,
    context,
    diseases,
    durations,
    embedding_linker,
    ner_abbreviations,
    outcomes,
    patient_counts,
    records,
    sentences,
    sponsors,
    therapies,
    transformer_ner,
)
