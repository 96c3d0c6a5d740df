"""OUTCOME mentions: the closed outcome list of the record contract.

Patterns live in ``resources/outcomes.yaml`` (one list of regular expressions per
outcome type, plus exclusions such as "relapsed/refractory" or survival
figures). Abbreviations are matched case-sensitively, and an abbreviation the
document defines ("complete remission (CR)") is read through its long form,
using scispacy's AbbreviationDetector output.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from cartmine.contract import category_of
from cartmine.extensions import add_mention, defined_abbreviations, doc_text, in_boilerplate
from cartmine.rules import char_span, load_yaml, select_longest


def _at_word_start(pattern: str) -> str:
    """Anchor a rule at a word start: every rule starts a word, and the regex engine then skips
    the positions inside words (about 4x faster on abstracts)."""
    return pattern if pattern.startswith(("\\b", "(?<")) else r"\b" + pattern


@Language.factory("cartmine_outcomes", default_config={"rules_file": "outcomes.yaml"})
def make_outcomes(nlp: Language, name: str, rules_file: str) -> OutcomeMatcher:
    return OutcomeMatcher(rules_file)


class OutcomeMatcher:
    """Find outcome phrases and label them with their outcome type and category."""

    def __init__(self, rules_file: str = "outcomes.yaml") -> None:
        rules = load_yaml(rules_file)
        self.exclude = [re.compile(_at_word_start(p), re.IGNORECASE) for p in rules.get("exclude", [])]
        self.rules: list[tuple[str, re.Pattern[str]]] = [
            (outcome, re.compile(_at_word_start(p), re.IGNORECASE))
            for outcome, patterns in rules["rules"].items()
            for p in patterns
        ]
        self.abbreviations: list[tuple[str, re.Pattern[str]]] = [
            (outcome, re.compile(rf"(?<![\w-]){re.escape(a)}(?![\w-])"))
            for outcome, abbrs in (rules.get("abbreviations") or {}).items()
            for a in abbrs
        ]

    def classify(self, phrase: str) -> str | None:
        """Outcome type of a phrase taken as a whole (used for abbreviation long forms)."""
        best: tuple[int, str] | None = None
        for outcome, pattern in self.rules:
            for m in pattern.finditer(phrase):
                length = m.end() - m.start()
                if best is None or length > best[0]:
                    best = (length, outcome)
        return best[1] if best else None

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        excluded = [m.span() for p in self.exclude for m in p.finditer(text)]
        candidates: list[tuple[int, int, str]] = []
        for outcome, pattern in self.rules:
            for m in pattern.finditer(text):
                start, end = m.span()
                while start < end and text[start].isspace():
                    start += 1
                if start < end and not any(ex[0] <= start and end <= ex[1] for ex in excluded):
                    candidates.append((start, end, outcome))
        defined = self._defined_abbreviations(doc)
        for outcome, pattern in self.abbreviations:
            for m in pattern.finditer(text):
                if m.group(0) not in defined:
                    candidates.append((m.start(), m.end(), outcome))
        for short, outcome in defined.items():
            if outcome is None:
                continue
            for m in re.finditer(rf"(?<![\w-]){re.escape(short)}(?![\w-])", text):
                candidates.append((m.start(), m.end(), outcome))
        previous: tuple[int, int, str] | None = None
        for start, end, outcome in select_longest(candidates):
            # "cytokine release syndrome (CRS)": the bracketed abbreviation is the same mention
            bracketed = previous is not None and previous[2] == outcome and re.fullmatch(
                r"\s*\(\s*", text[previous[1]:start]) is not None
            previous = (start, end, outcome)
            if bracketed or in_boilerplate(doc, start, end):
                continue
            span = char_span(doc, start, end)
            if span is None:
                continue
            add_mention(doc, span, "OUTCOME", outcome,
                        attrs={"negated": False, "hedged": False, "category": category_of(outcome)})
        return doc

    def _defined_abbreviations(self, doc: Doc) -> dict[str, str | None]:
        """Short forms defined in this document, mapped to the outcome of their long form."""
        return {short: self.classify(long_form) for short, long_form in defined_abbreviations(doc)}
