"""PATIENT_COUNT mentions: sizes of treated, enrolled or analysed patient groups.

Forms: "15 patients", "36 heavily pretreated patients", "a 20-patient trial",
"n = 12", "eight with SLE", "10 of 14" (the denominator is a group size),
"75 were infused", "four of them with class V features". Ages, doses,
years, percentages and counts of patients with an outcome are not counts;
the cue lists are in ``resources/patient_counts.yaml``.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from cartmine.extensions import add_mention, doc_text, in_boilerplate, mention_spans
from cartmine.numbers import NUMBER_PATTERN, parse_int
from cartmine.rules import alternation, char_span, load_yaml

_N = NUMBER_PATTERN


class PatientCounter:
    """Find group sizes and add PATIENT_COUNT mentions with ``attrs.n``."""

    def __init__(self, rules_file: str, min_count: int) -> None:  # defaults: pipeline.cfg
        r = load_yaml(rules_file)
        nouns = alternation(r["nouns"])
        k = int(r["max_words_between"])
        self.min_count = min_count
        self.noun_re = re.compile(
            rf"(?<![\w.,-])(?P<n>{_N})(?P<between>(?:[\s-]+[A-Za-z][\w'/-]*){{0,{k}}}?)[\s-]+(?:{nouns})\b",
            re.IGNORECASE,
        )
        self.blocked = re.compile(rf"^(?:{alternation(r['blocked_between'])})$", re.IGNORECASE)
        # "Four patients receiving obinutuzumab died": a short participial phrase may come first
        lead = r"^[\s,]*(?:(?:receiving|given|treated\s+with|on|taking|in\s+the\s+[\w-]+\s+(?:arm|group))\s+[\w-]+\s+)?"
        self.outcome_after = re.compile(
            rf"{lead}(?:(?:{alternation(r['outcome_verbs'])})\b|(?!(?:{alternation(r['group_verbs'])})\b)[a-z]+ed\b)",
            re.IGNORECASE)
        self.outcome_before = [re.compile(p, re.IGNORECASE) for p in r["outcome_context"]]
        self.label_before = re.compile(r["label_words"], re.IGNORECASE)
        #: "(26%)" right after the noun: a share of patients with some outcome
        self.share_after = re.compile(r"^\s*\(\s*\d+(?:\.\d+)?\s*%")
        self.group_before = [re.compile(p, re.IGNORECASE) for p in r["group_markers"]]
        self.n_equals = re.compile(r"\bn\s*=\s*(?P<n>\d+)", re.IGNORECASE)
        self.x_of_n = re.compile(
            rf"(?<![\w.-])(?P<x>{_N})\s+(?:out\s+)?of\s+(?:the\s+|these\s+|all\s+)?(?P<n>{_N})(?![\w.%-])(?!\s*%)"
            r"(?!\s+(?:standard|prior|previous|regimens?|lines?|doses?|sites?|centres?|centers?|trials?|studies|"
            r"countries|arms?|groups?|cohorts?|products?|drugs?|therapies|years?|months?|weeks?|days?)\b)",
            re.IGNORECASE)
        self.of_them = re.compile(rf"(?<![\w.-])(?P<n>{_N})\s+of\s+them\s+(?:who|with)\b", re.IGNORECASE)
        self.were_treated = re.compile(
            rf"(?<![\w.-])(?P<n>{_N})\s+(?:(?:had\s+been|have\s+been|were|was)\s+(?:\w+\s+)?(?:infused|treated|dosed|enrolled|randomi[sz]ed|assigned|evaluable)|received|underwent|(?:formed|made\s+up|comprised|constituted)\s+the\s+(?:[\w-]+\s+){0,3}(?:population|set|cohort|group))\b",
            re.IGNORECASE)
        self.infused_in = re.compile(rf"\b(?:infused|treated|dosed|enrolled)\s+in\s+(?P<n>{_N})\s+of\b", re.IGNORECASE)
        self.per_group = re.compile(rf"(?<![\w.-])(?P<n>{_N})\s+(?:per|in\s+each)\s+(?:group|arm|cohort)\b", re.IGNORECASE)
        self.with_disease = re.compile(rf"(?<![\w.-])(?P<n>{_N})\s+(?:patients?\s+)?(?P<verb>with|had|have)\s+",
                                       re.IGNORECASE)
        #: "(65 efgartigimod, 64 placebo)": arm sizes named by the arm's therapy
        self.arm = re.compile(r"(?<=[(,;])\s*(?P<n>\d+)\s+(?=\S)", re.IGNORECASE)

    def candidates(self, doc: Doc) -> list[tuple]:
        """(start, end, n[, subgroup]) for every group size found."""
        text = doc_text(doc)
        out: list[tuple[int, int, int]] = []
        for m in self.noun_re.finditer(text):
            between = m.group("between").split()
            if any(self.blocked.match(w.strip("-")) for w in between):
                continue
            if re.match(r"\s*(?:%|percent|per\b)", text[m.end():m.end() + 8]):
                continue
            before = text[max(0, m.start() - 40):m.start()]
            after = text[m.end():m.end() + 40]
            if self.label_before.search(before):
                continue
            grouped = any(p.search(before) for p in self.group_before)
            if not grouped and (self.outcome_after.search(after) or self.share_after.search(after)
                                or any(p.search(before) for p in self.outcome_before)):
                continue
            out.append((m.start("n"), m.end("n"), parse_int(m.group("n"))))
        outcome_starts = [s.start_char for s in mention_spans(doc, "OUTCOME")]
        outcome_ends = {s.end_char for s in mention_spans(doc, "OUTCOME")}
        for pattern in (self.n_equals, self.of_them, self.were_treated, self.infused_in, self.per_group):
            for m in pattern.finditer(text):
                if pattern is self.of_them and any(m.end() <= o <= m.end() + 25 for o in outcome_starts):
                    continue  # "four of them with complete responses": an outcome count
                if pattern is self.n_equals and any(0 <= m.start() - e <= 3 for e in outcome_ends):
                    continue  # "cytokine release syndrome (n = 10)": patients with an event
                out.append((m.start("n"), m.end("n"), parse_int(m.group("n"))))
        for m in self.x_of_n.finditer(text):
            out.append((m.start("n"), m.end("n"), parse_int(m.group("n"))))
        disease_starts = {s.start_char for s in mention_spans(doc, "DISEASE")}
        for m in self.with_disease.finditer(text):
            rest = text[m.end():m.end() + 40]
            skip = re.match(r"(?:(?:severe|active|refractory|non-renal|renal|generalized|generalised|progressive|"
                            r"relapsing|treatment-refractory|biopsy-proven|new-onset|early|diffuse|limited|"
                            r"class\s+[IVX]+(?:\s+(?:or|and|/)\s+[IVX]+)?)\s+)*", rest, re.I)
            if m.end() + skip.end() in disease_starts:
                # a disease subgroup may have a single member ("one with myositis"); "one patient
                # had COVID-19" is an event, so single members only with "with"
                single_ok = m.group("verb").lower() == "with"
                out.append((m.start("n"), m.end("n"), parse_int(m.group("n")), *((True,) if single_ok else ())))
        arm_starts = {s.start_char for s in mention_spans(doc, "THERAPY")}
        for m in self.arm.finditer(text):
            if m.end() in arm_starts or text[m.end():m.end() + 7].lower() == "placebo":
                out.append((m.start("n"), m.end("n"), parse_int(m.group("n"))))
        return out

    def __call__(self, doc: Doc) -> Doc:
        seen: set[tuple[int, int]] = set()
        for start, end, n, *subgroup in sorted(self.candidates(doc)):
            if n is None or (n < self.min_count and not subgroup) or 1900 <= n <= 2100 or (start, end) in seen:
                continue
            if in_boilerplate(doc, start, end):
                continue
            span = char_span(doc, start, end)
            if span is None:
                continue
            seen.add((start, end))
            add_mention(doc, span, "PATIENT_COUNT", str(n), attrs={"n": n})
        return doc


@Language.factory("cartmine_patient_counts", default_config={"rules_file": "patient_counts.yaml", "min_count": 2})
def make_patient_counts(nlp: Language, name: str, rules_file: str, min_count: int) -> PatientCounter:
    return PatientCounter(rules_file, min_count)
