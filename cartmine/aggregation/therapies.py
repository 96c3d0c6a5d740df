"""Target antigen and modality of a therapy norm, for grouping records by target.

Records carry only the therapy norm. The target is found, in order of trust:
the THERAPY mention of the same document (done by :mod:`.loading`), the therapy
knowledge base ``cartmine.kb.therapy_kb`` when it is installed, the norm itself
when it follows the ``<TARGET> CAR-T`` convention of the record contract, and
finally a tiny built-in table of approved products so that a report is still
useful while the knowledge base is missing.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

#: Modalities whose un-named products are normalised as ``<TARGET> <MODALITY>``.
NAMED_BY_TARGET = ("CAR-T", "CAR-NK", "CAAR-T", "TCR-T")
_NORM_RE = re.compile(r"^(?:(?P<target>.+?)\s+)?(?P<modality>" + "|".join(map(re.escape, NAMED_BY_TARGET)) + r")$")

#: Last-resort facts about common products (INN or code -> (target, modality)).
_BUILTIN: dict[str, tuple[str | None, str]] = {
    "tisagenlecleucel": ("CD19", "CAR-T"),
    "axicabtagene ciloleucel": ("CD19", "CAR-T"),
    "lisocabtagene maraleucel": ("CD19", "CAR-T"),
    "brexucabtagene autoleucel": ("CD19", "CAR-T"),
    "obecabtagene autoleucel": ("CD19", "CAR-T"),
    "idecabtagene vicleucel": ("BCMA", "CAR-T"),
    "ciltacabtagene autoleucel": ("BCMA", "CAR-T"),
    "KYV-101": ("CD19", "CAR-T"),
    "rituximab": ("CD20", "antibody"),
    "obinutuzumab": ("CD20", "antibody"),
    "blinatumomab": ("CD19/CD3", "antibody"),
    "teclistamab": ("BCMA/CD3", "antibody"),
    "HSCT": (None, "transplant"),
}


def normalise_target(value: Any) -> str | None:
    """One string for a target that mentions give as a string or a list (dual CARs -> ``CD19/BCMA``)."""
    if value is None:
        return None
    if isinstance(value, (list, tuple, set)):
        parts = [str(v).strip() for v in value if v is not None and str(v).strip()]
        return "/".join(parts) or None
    text = str(value).strip()
    return text or None


def _from_kb(name: str) -> tuple[str | None, str | None] | None:
    kb = _therapy_kb()
    if kb is None:
        return None
    try:
        entry = kb.lookup(name)
    except Exception:  # a half-finished KB must never break aggregation
        return None
    if entry is None:
        return None
    return normalise_target(getattr(entry, "target", None)), getattr(entry, "modality", None) or None


@lru_cache(maxsize=1)
def _therapy_kb() -> Any:
    """The therapy KB when ``cartmine.kb.therapy_kb`` exists and loads, else None (loaded once)."""
    try:
        from cartmine.kb.therapy_kb import TherapyKB
    except ImportError:
        return None
    try:
        return TherapyKB.load()
    except Exception:  # missing resources: fall back to the norm conventions
        return None


@lru_cache(maxsize=4096)
def therapy_profile(name: str | None) -> tuple[str | None, str | None]:
    """``(target, modality)`` of a therapy norm; either may be None when nothing says."""
    if not name:
        return None, None
    target, modality = _from_kb(name) or (None, None)
    if target and modality:
        return target, modality
    match = _NORM_RE.match(name.strip())
    if match:
        return target or match.group("target"), modality or match.group("modality")
    builtin = _BUILTIN.get(name) or _BUILTIN.get(name.lower()) or _BUILTIN.get(name.upper())
    if builtin:
        return target or builtin[0], modality or builtin[1]
    return target, modality
