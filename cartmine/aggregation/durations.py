"""Summary statistics of reported durations that respect their qualifiers.

A duration in a record is a *reported figure*, not a measurement of one
patient, and its qualifier says how to read it:

* ``=`` (or none), ``~``, ``median``, ``range`` (the midpoint): a point value;
* ``>=``: a lower bound ("still in remission after two years" is at least 24);
* ``<=``: an upper bound ("up to 29 months" is the longest anyone was seen).

Every figure enters the statistics at its number. The *longest* is the
largest number, marked ``>=`` when a lower bound reaches it (at least that
long), else with its own qualifier. The *median* of reported figures is
marked ``>=`` when lower bounds (and no upper bounds) took part, because the
true value can only be larger; ``<=`` in the mirror case; ``~`` when both
kinds of bound took part.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import pandas as pd

_SYMBOLS = {">=": "≥", "<=": "≤", "~": "~", "median": "median ", "range": "range midpoint "}


def summarise(months: Sequence[Any], qualifiers: Sequence[Any], prefix: str) -> dict[str, Any]:
    """``{prefix}_longest_months``, ``_longest_qualifier``, ``_longest``, ``_median_months``,
    ``_median_qualifier``, ``_n_reported`` for the figures given (NaN months are ignored)."""
    pairs = [(float(m), _qualifier(q)) for m, q in zip(months, qualifiers, strict=True)
             if m is not None and not pd.isna(m)]
    out: dict[str, Any] = {f"{prefix}_longest_months": None, f"{prefix}_longest_qualifier": None,
                           f"{prefix}_longest": None, f"{prefix}_median_months": None,
                           f"{prefix}_median_qualifier": None, f"{prefix}_n_reported": len(pairs)}
    if not pairs:
        return out
    longest = max(value for value, _ in pairs)
    at_longest = {q for value, q in pairs if math.isclose(value, longest)}
    longest_q = ">=" if ">=" in at_longest else ("=" if "=" in at_longest else sorted(at_longest)[0])
    median = float(pd.Series([value for value, _ in pairs]).median())
    lower = any(q == ">=" for _, q in pairs)
    upper = any(q == "<=" for _, q in pairs)
    median_q = "~" if lower and upper else ">=" if lower else "<=" if upper else "="
    out.update({f"{prefix}_longest_months": longest, f"{prefix}_longest_qualifier": longest_q,
                f"{prefix}_longest": format_duration(longest, longest_q),
                f"{prefix}_median_months": median, f"{prefix}_median_qualifier": median_q})
    return out


def format_duration(months: float | None, qualifier: str | None) -> str | None:
    """``≥24``, ``≤29``, ``~8``, ``median 8``, ``15.5`` — how a curator writes a reported duration."""
    if months is None or pd.isna(months):
        return None
    number = f"{months:.1f}".rstrip("0").rstrip(".")
    return f"{_SYMBOLS.get(_qualifier(qualifier), '')}{number}"


def _qualifier(value: Any) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA:
        return "="
    return str(value)
