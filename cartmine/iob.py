"""Token-level tag sequences (IOB1, IOB2/BIO, BIOES/BILOU) <-> mention spans.

One decoder for everything that reads tags: the transformer NER's predictions, the BC5CDR
gold files and the training scripts. It is lenient where taggers are sloppy: an ``I-`` tag
after ``O`` or after another label opens a new mention (first-subtoken decoding produces
those, and dropping them would lose recall for nothing), and a bare label ("Disease") is
read as an inside tag.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import NamedTuple


class TokenSpan(NamedTuple):
    """A mention as token offsets: ``start`` inclusive, ``end`` exclusive.

    A tuple, so it compares and sorts as ``(start, end, label)``.
    """

    start: int
    end: int
    label: str

    def overlaps(self, other: TokenSpan) -> bool:
        """True when the two spans share at least one token (labels are not compared)."""
        return self.start < other.end and other.start < self.end


def split_tag(tag: str) -> tuple[str, str]:
    """Return ``(prefix, label)``; ``O`` and unknown shapes give ``("O", "")``."""
    if tag in ("O", "", "-"):
        return "O", ""
    if len(tag) > 2 and tag[1] in "-_" and tag[0] in "BIESLU":
        return tag[0], tag[2:]
    # A bare label ("Disease") is read as an inside tag: IOB1 files sometimes drop prefixes.
    return "I", tag


def iob_to_spans(tags: Sequence[str]) -> list[TokenSpan]:
    """Convert one sentence's tags to spans, tolerating IOB1, IOB2 and BIOES.

    A span starts at ``B``/``S`` (BILOU ``U``), or at ``I``/``E``/``L`` whose label
    differs from the open span (or when no span is open); it ends at ``O``, at a
    new start, or after ``E``/``S`` (``L``/``U``).
    """
    spans: list[TokenSpan] = []
    start: int | None = None
    label = ""
    for i, tag in enumerate(tags):
        prefix, lab = split_tag(tag)
        if prefix == "O":
            if start is not None:
                spans.append(TokenSpan(start, i, label))
            start = None
            continue
        begins = prefix in "BSU" or start is None or lab != label
        if begins:
            if start is not None:
                spans.append(TokenSpan(start, i, label))
            start, label = i, lab
        if prefix in "ESLU":
            spans.append(TokenSpan(start, i + 1, label))  # type: ignore[arg-type]
            start = None
    if start is not None:
        spans.append(TokenSpan(start, len(tags), label))
    return spans


def spans_to_iob(spans: Iterable[TokenSpan], length: int) -> list[str]:
    """Write spans back as IOB2 tags (later spans do not overwrite earlier ones)."""
    tags = ["O"] * length
    for span in sorted(spans):
        if any(t != "O" for t in tags[span.start : span.end]):
            continue
        tags[span.start] = f"B-{span.label}"
        for i in range(span.start + 1, span.end):
            tags[i] = f"I-{span.label}"
    return tags
