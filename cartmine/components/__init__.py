"""spaCy pipeline components, one per module; importing this package registers their factories."""

from cartmine.components import (  # noqa: F401
    boilerplate,
    context,
    diseases,
    durations,
    outcomes,
    patient_counts,
    records,
    sentences,
    sponsors,
    therapies,
)
