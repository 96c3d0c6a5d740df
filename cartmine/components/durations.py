"""DURATION mentions: how long remissions lasted or patients were followed.

Numbers in words or digits with a unit (days, weeks, months, years), a
qualifier (>=, <=, ~, median, range) and a kind (remission or follow_up), all
normalised to months as the contract defines (weeks x 12/52, days x 12/365.25).
Time points ("at week 16", "by month 3"), times to onset, dosing schedules,
ages and CAR-T persistence are not durations; the cue lists are in
``resources/durations.yaml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from cartmine.extensions import add_mention, in_boilerplate
from cartmine.numbers import NUMBER_PATTERN, parse_number
from cartmine.rules import alternation, char_span, load_yaml

UNIT_MONTHS = {"day": 12 / 365.25, "week": 12 / 52, "month": 1.0, "year": 12.0, "decade": 120.0}
_N = NUMBER_PATTERN
DURATION_RE = re.compile(
    rf"(?<![\w.-])(?P<n1>{_N}|an?(?=\s+(?:year|month|decade)))(?:\s*(?:-|–|to|and|or)\s*(?P<n2>{_N}))?[\s-]*"
    rf"(?P<unit>day|week|month|year|decade)s?(?![\w])",
    re.IGNORECASE,
)
STUDY_AFTER = re.compile(r",?\s*(?:[\w-]+,?\s+){0,3}(?:trial|study)\b", re.IGNORECASE)
CLAUSE = re.compile(r"[;:]|,\s+(?:and|but|while|whereas|then)\b")
BETWEEN_RE = re.compile(r"between\s*$", re.IGNORECASE)
TIME_POINT_RE = re.compile(r"(?:\b(?:at|by|on|from|within|until|through|in)\s+(?:the\s+)?(?:first\s+)?)$", re.IGNORECASE)


@dataclass
class Duration:
    """A parsed duration before it becomes a mention."""

    start: int
    end: int
    months: float
    qualifier: str
    kind: str | None
    min_months: float | None = None
    max_months: float | None = None

    @property
    def iso(self) -> str:
        months = round(self.months, 2)
        return f"P{int(months)}M" if months == int(months) else f"P{months:g}M"


@Language.factory("cartmine_durations", default_config={"rules_file": "durations.yaml", "window_chars": 70})
def make_durations(nlp: Language, name: str, rules_file: str, window_chars: int) -> DurationParser:
    return DurationParser(rules_file, window_chars)


class DurationParser:
    """Find durations, qualify them and decide their kind."""

    def __init__(self, rules_file: str, window_chars: int) -> None:  # defaults: pipeline.cfg
        rules = load_yaml(rules_file)
        self.window = window_chars
        self.pre = [(q, re.compile(rf"(?:{alternation(p)})\s*$", re.IGNORECASE))
                    for q, p in rules["qualifiers_pre"].items()]
        self.post = [(q, re.compile(rf"^\s*(?:{alternation(p)})", re.IGNORECASE))
                     for q, p in rules["qualifiers_post"].items()]
        self.kinds = {k: re.compile(rf"\b(?:{alternation(p)})", re.IGNORECASE) for k, p in rules["kinds"].items()}
        self.exclude = re.compile(alternation(rules["exclude"]), re.IGNORECASE)

    def parse_sentence(self, text: str, offset: int = 0) -> list[Duration]:
        """All durations in one sentence (offsets shifted by ``offset``)."""
        found: list[Duration] = []
        for m in DURATION_RE.finditer(text):
            before = text[max(0, m.start() - self.window):m.start()]
            after = text[m.end():m.end() + self.window]
            if TIME_POINT_RE.search(before) and not re.search(
                    r"(?:(?:follow[- ]?up|followed|remission|response)\s+(?:of\s+)?|(?:ranged|ranging|range)\s+from\s+)$",
                    before, re.I):
                continue
            # exclusion cues count only within the duration's own clause
            near_before = CLAUSE.split(text[max(0, m.start() - 45):m.start()])[-1]
            near_after = re.split(r"[;:]", text[m.end():m.end() + 25])[0]
            near = near_before + m.group(0) + near_after
            if self.exclude.search(near):
                continue
            unit = UNIT_MONTHS[m.group("unit").lower()]
            n1 = 1.0 if m.group("n1").lower() in {"a", "an"} else parse_number(m.group("n1"))
            n2 = parse_number(m.group("n2")) if m.group("n2") else None
            if n1 is None:
                continue
            if re.match(r"\s+on\b", after) or (re.search(r"\d-\w+$", m.group(0)) and STUDY_AFTER.match(after)):
                kind = "follow_up"  # "five years on"; "a 104-week, double-blind trial"
            else:
                kind = self._kind(before, after)
            if kind is None:
                continue
            if n2 is not None and re.search(r"\b(?:and|or)\b", m.group(0)) and not BETWEEN_RE.search(before):
                # "followed for 90 and 28 days": two durations sharing a unit
                found.append(Duration(offset + m.start("n1"), offset + m.end("n1"), n1 * unit, "=", kind))
                found.append(Duration(offset + m.start("n2"), offset + m.end(), n2 * unit, "=", kind))
                continue
            if n2 is not None:
                lo, hi = sorted((n1 * unit, n2 * unit))
                found.append(Duration(offset + m.start(), offset + m.end(), (lo + hi) / 2, "range", kind, lo, hi))
                continue
            qualifier = self._qualifier(before, after)
            found.append(Duration(offset + m.start(), offset + m.end(), n1 * unit, qualifier, kind))
        return found

    def _qualifier(self, before: str, after: str) -> str:
        for q, pattern in self.post:
            if pattern.search(after):
                return q
        for q, pattern in self.pre:
            if pattern.search(before):
                if q == ">=" and re.search(r"relaps\w*\s+after\s*$", before, re.I):
                    return "="
                return q
        return "="

    def _kind(self, before: str, after: str) -> str | None:
        if self.kinds["follow_up"].search(before[-30:]):
            return "follow_up"  # "Follow-up lasted 6 to 24 months": the follow-up cue names the period
        best: tuple[int, str] | None = None
        for kind, pattern in self.kinds.items():
            for m in pattern.finditer(before):
                dist = len(before) - m.end()
                if best is None or dist < best[0]:
                    best = (dist, kind)
            m = pattern.search(after)
            if m:
                dist = m.start() + 3  # cues after the number are slightly weaker
                if best is None or dist < best[0]:
                    best = (dist, kind)
        return best[1] if best else None

    def __call__(self, doc: Doc) -> Doc:
        for sent in doc.sents:
            for d in self.parse_sentence(sent.text, sent.start_char):
                if in_boilerplate(doc, d.start, d.end):
                    continue
                span = char_span(doc, d.start, d.end)
                if span is None:
                    continue
                attrs = {"months": round(d.months, 3), "qualifier": d.qualifier, "kind": d.kind}
                if d.qualifier == "range":
                    attrs.update(min_months=round(d.min_months, 3), max_months=round(d.max_months, 3))
                add_mention(doc, span, "DURATION", d.iso, attrs=attrs)
        return doc
