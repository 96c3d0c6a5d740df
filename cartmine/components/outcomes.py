"""OUTCOME mentions: the closed outcome list of the record contract.

Rules live in ``resources/outcomes.yaml`` as named records (see ``cartmine.rules``): outcome
rules, exclusions ("relapsed/refractory", enrolment wording, survival figures, risk of getting
a disease) and case-sensitive abbreviations. All regex rules run in one pass
(``RuleScanner``), so adding rules does not add whole-text scans. An abbreviation the
document defines ("complete remission (CR)") is read through its long form, using scispacy's
AbbreviationDetector output. Every mention carries ``attrs.rule``, the id of its rule.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from cartmine.contract import category_of
from cartmine.extensions import add_mention, defined_abbreviations, doc_text, in_boilerplate
from cartmine.rules import Rule, RuleScanner, char_span, load_rules, select_longest

#: specific efficacy outcomes that make the generic `fallback` rules ("was effective") redundant
SPECIFIC_EFFICACY = frozenset({"remission", "complete_remission", "drug_free_remission", "response",
                               "complete_response", "mrd_negativity", "no_response"})
#: a defined abbreviation inherits its long form's outcome; its mentions name this rule
DEFINED_ABBREVIATION = "defined_abbreviation"


def _excluded(start: int, end: int, exclusions: list[tuple[int, int, Rule]], fired: set[str] | None) -> bool:
    """True when an exclusion match covers the range (its rule ids go to ``fired``)."""
    blocking = [r.id for s, e, r in exclusions if s <= start and end <= e]
    if blocking and fired is not None:
        fired.update(blocking)
    return bool(blocking)


@Language.factory("cartmine_outcomes", default_config={"rules_file": "outcomes.yaml"})
def make_outcomes(nlp: Language, name: str, rules_file: str) -> OutcomeMatcher:
    return OutcomeMatcher(rules_file)


class OutcomeMatcher:
    """Find outcome phrases and label them with their outcome type and category."""

    def __init__(self, rules_file: str) -> None:  # default: pipeline.cfg
        self.rules = load_rules(rules_file, "rules")
        self.exclusions = load_rules(rules_file, "exclude")
        self.abbreviation_rules = load_rules(rules_file, "abbreviations")
        self.fallback_rules = load_rules(rules_file, "fallback")
        self.scanner = RuleScanner(self.rules + self.exclusions + self.fallback_rules)
        alts = [(re.escape(p), r) for r in self.abbreviation_rules for p in r.phrases]
        self.abbr_rule = {f"a{i}": rule for i, (_, rule) in enumerate(alts)}
        self.abbreviations = re.compile(
            "(?<![\\w-])(?:" + "|".join(f"(?P<a{i}>{p})" for i, (p, _) in enumerate(alts)) + ")(?![\\w-])")

    def classify(self, phrase: str) -> str | None:
        """Outcome type of a phrase taken as a whole (used for abbreviation long forms), exclusions
        applied: "relapse-free survival (RFS)" defines no outcome."""
        matches = [(end - start, rule.label) for start, end, rule in self.find(phrase) if isinstance(rule, Rule)]
        return max(matches, key=lambda m: m[0])[1] if matches else None

    def find(self, text: str, defined: dict[str, str | None] | None = None,
             fired: set[str] | None = None) -> list[tuple[int, int, Rule | str]]:
        """Non-overlapping (start, end, rule) outcome matches; ``fired`` collects the ids of the
        rules that made a match or removed one (exclusions), for tests and explanations."""
        defined = defined or {}
        hits = self.scanner.scan(text)
        excluded = [(s, e, r) for s, e, r in hits if r.label == "exclude"]
        candidates: list[tuple[int, int, Rule | str]] = []
        for start, end, rule in hits:
            if rule.label != "exclude" and not _excluded(start, end, excluded, fired):
                candidates.append((start, end, rule))
        for m in self.abbreviations.finditer(text):
            if m.group(0) not in defined and not _excluded(m.start(), m.end(), excluded, fired):
                candidates.append((m.start(), m.end(), self.abbr_rule[m.lastgroup]))
        for short, outcome in defined.items():
            if outcome is None:
                continue
            for m in re.finditer(rf"(?<![\w-]){re.escape(short)}(?![\w-])", text):
                candidates.append((m.start(), m.end(), outcome))
        chosen = select_longest(candidates)
        fallback = {r.id for r in self.fallback_rules}
        if any((r.label if isinstance(r, Rule) else r) in SPECIFIC_EFFICACY for _, _, r in chosen):
            chosen = [c for c in chosen if not (isinstance(c[2], Rule) and c[2].id in fallback)]
        if fired is not None:
            fired.update(r.id for _, _, r in chosen if isinstance(r, Rule))
        return chosen

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        previous: tuple[int, int, str] | None = None
        for start, end, rule in self.find(text, self._defined_abbreviations(doc)):
            outcome, rule_id = (rule.label, rule.id) if isinstance(rule, Rule) else (rule, DEFINED_ABBREVIATION)
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
                        attrs={"negated": False, "hedged": False, "category": category_of(outcome),
                               "rule": rule_id})
        return doc

    def _defined_abbreviations(self, doc: Doc) -> dict[str, str | None]:
        """Short forms defined in this document, mapped to the outcome of their long form."""
        return {short: self.classify(long_form) for short, long_form in defined_abbreviations(doc)}
