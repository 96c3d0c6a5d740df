"""Target antigen and modality of a therapy norm, for grouping records by target.

Records carry only the therapy norm. The target is found, in order of trust:
the THERAPY mention of the same document (done by :mod:`.loading`), the therapy
knowledge base :mod:`cartmine.kb.therapy_kb`, and the norm itself when it follows
the ``<TARGET> <MODALITY>`` convention of the record contract. The knowledge base
is part of the package: when it cannot be read that is an error, not a reason to
group records differently.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from cartmine.contract import CELL_MODALITIES
from cartmine.kb.therapy_kb import TherapyKB

_NORM_RE = re.compile(
    r"^(?:(?P<target>.+?)\s+)?(?P<modality>" + "|".join(map(re.escape, sorted(CELL_MODALITIES))) + r")$"
)


def normalise_target(value: Any) -> str | None:
    """One string for a target that mentions give as a string or a list (dual CARs -> ``CD19/BCMA``)."""
    if value is None:
        return None
    if isinstance(value, (list, tuple, set)):
        parts = [str(v).strip() for v in value if v is not None and str(v).strip()]
        return "/".join(parts) or None
    text = str(value).strip()
    return text or None


@lru_cache(maxsize=4096)
def therapy_profile(name: str | None) -> tuple[str | None, str | None]:
    """``(target, modality)`` of a therapy norm; either may be None when nothing says."""
    if not name:
        return None, None
    entry = TherapyKB.load().lookup(name)
    target = normalise_target(entry.target) if entry is not None else None
    modality = (entry.modality or None) if entry is not None else None
    if target and modality:
        return target, modality
    match = _NORM_RE.match(name.strip())
    if match:
        return target or match.group("target"), modality or match.group("modality")
    return target, modality
