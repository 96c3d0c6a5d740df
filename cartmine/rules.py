"""Helpers shared by the rule components: loading rule files and mapping regex hits to spans."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import Any

import yaml
from spacy.tokens import Doc, Span

from cartmine.paths import RESOURCES_DIR


@cache
def load_yaml(name: str) -> dict[str, Any]:
    """A rule file from ``cartmine/resources`` (cached: rule files are read once per process)."""
    with open(RESOURCES_DIR / name, encoding="utf-8") as fh:
        return yaml.safe_load(fh)



def alternation(patterns: list[str]) -> str:
    """One regex alternative per rule-file pattern, each in its own group so that their own
    alternations do not leak into neighbours."""
    return "|".join(f"(?:{p})" for p in patterns)


def char_span(doc: Doc, start: int, end: int) -> Span | None:
    """The token span covering a character range, or None when it only covers whitespace."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not span.text.strip():
        return None
    return span



def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def select_longest(candidates: Iterable[tuple[int, int, Any]]) -> list[tuple[int, int, Any]]:
    """Non-overlapping (start, end, payload) triples, longest first, then earliest rule."""
    chosen: list[tuple[int, int, Any]] = []
    indexed = list(enumerate(candidates))
    indexed.sort(key=lambda item: (-(item[1][1] - item[1][0]), item[0]))
    for _, cand in indexed:
        if not any(overlaps((cand[0], cand[1]), (c[0], c[1])) for c in chosen):
            chosen.append(cand)
    return sorted(chosen, key=lambda c: c[0])
