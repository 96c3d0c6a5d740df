"""The named groupings of ``aggregate --by``, kept free of heavy imports for the CLI parser."""

from __future__ import annotations

#: Named groupings (``--by``) -> grouping dimensions.
GROUPINGS: dict[str, tuple[str, ...]] = {
    "therapy-disease": ("therapy", "disease"),
    "target": ("target",),
    "disease-class": ("disease_class",),
    "target-disease": ("target", "disease"),
    "target-disease-class": ("target", "disease_class"),
    "therapy": ("therapy",),
    "disease": ("disease",),
}

#: Output columns naming each dimension (disease groups by DOID but shows the name too).
DIMENSION_COLUMNS: dict[str, tuple[str, ...]] = {
    "therapy": ("therapy",),
    "target": ("therapy_target",),
    "disease": ("disease", "disease_id"),
    "disease_class": ("disease_class",),
}
