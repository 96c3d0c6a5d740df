"""DURATION mentions: how long remissions lasted or patients were followed.

Numbers in words or digits with a unit (days, weeks, months, years), a
qualifier (>=, <=, ~, median, range) and a kind (remission or follow_up), all
normalised to months as the contract defines (weeks x 12/52, days x 12/365.25).
Time points ("at week 16", "by month 3"), times to onset, dosing schedules,
ages, CAR-T persistence, time-to-event medians and fixed treatment or study
periods are not durations; an observation window after a procedure ("within 30
days of the procedure") is a follow-up, and so is the latest time after the treatment ended
("3 years posttreatment") when the text states no follow-up length otherwise. Follow-up visits
("at the 3-, 6- and 12-month follow-up") shorter than the longest follow-up the document states are
time points, and "12-month results" of a document whose treatment or study period is 12 months are
that period's results (a study period is not a follow-up). A cited paper title's follow-up ("The
study, \"... : a 10-year follow-up,\" was published") counts only when the text states no follow-up
length of its own; a numbered bibliography entry ("1 <title>, Smith, et al. Journal, 2015") cites another
paper, so none of its lengths counts, and a length that names a rate's time point ("the 5-year local
control rate") is no duration however many words stand before "rate". The cues are rule records in
``resources/durations.yaml``; a mention's ``attrs.rule`` names the rule that gave its kind.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from cartmine.extensions import add_mention, doc_text, in_boilerplate
from cartmine.numbers import NUMBER_PATTERN, parse_number
from cartmine.rules import Rule, char_span, load_rules, open_parenthesis

UNIT_MONTHS = {"day": 12 / 365.25, "week": 12 / 52, "month": 1.0, "year": 12.0, "decade": 120.0}
#: the short unit forms of congress abstracts and tables ("median follow-up 32 wks", "DOR 14 mo")
UNIT_ABBREVIATIONS = {"wk": "week", "mo": "month", "mth": "month", "yr": "year"}
_N = NUMBER_PATTERN
DURATION_RE = re.compile(
    rf"(?<![\w.-])(?P<n1>{_N}|an?(?=\s+(?:year|month|decade)))"
    # a mean with its spread ("16 +/- 3 months", "16 ± 3 months") is the mean, never the spread
    rf"(?:\s*(?P<sd>\+\s*/\s*-|\+-|±)\s*\d+(?:\.\d+)?(?=[\s-]*(?:day|week|month|year|decade)s?\b))?"
    # an open-ended range end ("lasted from more than 2.1 to more than 13.8 months") is still the range's end
    rf"(?:\s*(?:-|–|to(?:\s+(?:more\s+than|over|at\s+least))?|and|or)\s*(?P<n2>{_N}))?[\s-]*"
    rf"(?P<unit>day|week|month|year|decade|wk|mo|mth|yr)s?(?![\w])",
    re.IGNORECASE,
)


def unit_word(unit: str) -> str:
    """The full unit word of a matched unit ("wks" -> "week"), the key of :data:`UNIT_MONTHS`."""
    unit = unit.lower()
    return UNIT_ABBREVIATIONS.get(unit, unit)


CLAUSE = re.compile(r"[;:]|,\s+(?:and|but|while|whereas|then)\b")
#: where the words after a duration stop being about it: a comma then a word (not "3,046", nor a
#: second modifier of the same noun, "a five-year, $3 million grant")
AFTER_CLAUSE = re.compile(r"[;:]|,\s+(?![$€£\d])")
BETWEEN_RE = re.compile(r"between\s*$", re.IGNORECASE)
#: what may stand between a duration and the follow-up it names ("6 months' follow-up", "24 months of follow-up")
BEFORE_NAMED_FOLLOW_UP = re.compile(r"[\s'’-]*(?:of\s+)?")
#: right after a duration: it is the length of a follow-up or observation ("32 months of follow-up")
NAMES_FOLLOW_UP = re.compile(BEFORE_NAMED_FOLLOW_UP.pattern + r"(?:follow|observation)", re.IGNORECASE)
#: marks a window that starts inside the sentence (a non-word character that no cue matches)
WINDOW_CUT = "\x00"
#: how far back an effect cue's subject may start ("improvement in ... was sustained 1 year later")
LONG_REACH = 200
#: the label of a kind cue that names what lasted but is not a contract duration (an effect)
NOT_REPORTED = "not_reported"
#: stands for the duration itself in the text a ``windows`` rule reads (before + WINDOW_SLOT + after)
WINDOW_SLOT = "\x01"
#: the label of a window rule whose durations count only as the document's latest post-treatment time
LATEST_FOLLOW_UP = "latest_follow_up"
#: exclusion label of a cue that introduces a number of its own ("aged 65", "a mean age of 81.4
#: years"): it rules out that number only, not a later one in the same clause ("enrolled at age 65
#: and followed up for 13 years": the 13 years are a follow-up)
OWN_NUMBER = "own_number"
#: exclusion label of a fixed treatment or study period: its length is kept as the document's study
#: period, which "12-month results" of the same length name (a study period, not a follow-up)
STUDY_PERIOD = "study_period"
#: the kind rule of "N-year results/outcomes", a follow-up unless N is the document's study period
PERIOD_RESULTS = "period_results"
#: the label of a cited-title rule that matches a numbered bibliography entry: its durations are dropped
REFERENCE_ENTRY = "reference_entry"
#: a number (digits or a number word) between such a cue and the duration
NUMBER_RE = re.compile(rf"(?<![\w.])(?:\d|(?:{NUMBER_PATTERN})\b)", re.IGNORECASE)


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
    rule: str = ""
    #: a time after the treatment ended: a follow-up length only if it is the document's latest one
    latest_only: bool = False
    #: a follow-up visit taken at a time ("at the 6-month follow-up"): a follow-up length only if no
    #: longer follow-up is stated
    visit: bool = False
    #: inside a cited paper title ("The study, \"... : a 10-year follow-up,\" was published"): a
    #: follow-up length only if the text states no other one
    cited: bool = False
    #: inside a numbered bibliography entry ("1 Adherence over Four Years of Follow-Up, Smith, et al.
    #: Journal, 2015"): another paper's length, never this text's
    reference: bool = False

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
        self.window = window_chars

        def compiled(section: str, template: str = "{}") -> list[tuple[Rule, re.Pattern[str]]]:
            return [(r, re.compile(template.format(r.regex), re.IGNORECASE)) for r in load_rules(rules_file, section)]

        self.pre = compiled("qualifiers_pre", r"(?:{})\s*$")
        self.post = compiled("qualifiers_post")
        self.kinds = compiled("kinds", r"\b(?:{})")
        self.exclude = compiled("exclude")
        self.time_points = compiled("time_points")
        self.time_point_exceptions = compiled("time_point_exceptions")
        self.time_point_exceptions_after = compiled("time_point_exceptions_after")
        self.sentence_kinds = compiled("sentence_kinds")
        self.sentence_exclude = compiled("sentence_exclude")
        self.remission_states = compiled("remission_states")
        self.spreads = compiled("spreads", r"(?:{})$")
        self.time_point_lists = compiled("time_point_lists", r"(?:{})$")
        self.windows = compiled("windows")
        self.visits = compiled("follow_up_visits")
        self.study_periods = compiled("study_periods")
        self.unit_first = compiled("unit_first")
        self.cited_titles = compiled("cited_titles")
        self.landmark_rates = compiled("landmark_rates", r"^(?:{})")

    @staticmethod
    def _first(rules: list[tuple[Rule, re.Pattern[str]]], text: str, fired: set[str] | None) -> Rule | None:
        """The first rule whose pattern is found in ``text`` (recorded in ``fired``)."""
        for rule, pattern in rules:
            if pattern.search(text):
                if fired is not None:
                    fired.add(rule.id)
                return rule
        return None

    def parse_sentence(self, text: str, offset: int = 0, fired: set[str] | None = None,
                       periods: list[float] | None = None) -> list[Duration]:
        """All durations in one sentence (offsets shifted by ``offset``); ``fired`` collects the
        ids of the rules used, ruling-out ones included, and ``periods`` the months of the fixed
        treatment or study periods ruled out."""
        found: list[Duration] = []
        for m in DURATION_RE.finditer(text):
            before = text[max(0, m.start() - self.window):m.start()]
            if m.start() > self.window:
                before = WINDOW_CUT + before  # a cue anchored at "^" must not take the window's cut for a word start
            after = text[m.end():m.end() + self.window]
            if self._first(self.spreads, before, fired):
                continue  # "a median of 67 months (range, 2-122 months)": the median is the duration
            if self._first(self.landmark_rates, text[m.start("unit"):m.end() + self.window], fired):
                continue  # "the 5-year local tumour control rate": a rate at a time point, however long its name
            # "within 30 days of the procedure": an observation window after a procedure, which a
            # time-point word opens but which says how long patients were watched
            window_rule = self._first(self.windows, before + WINDOW_SLOT + after, None)
            long_before = text[max(0, m.start() - LONG_REACH):m.start()]
            if window_rule is not None and window_rule.label == LATEST_FOLLOW_UP:
                # "followed for 4 to 13 years after treatment" names its follow-up outright
                named = self._kind(before, after, long_before)
                if named is not None and named.label == "follow_up":
                    window_rule = None
            if window_rule is not None and fired is not None:
                fired.add(window_rule.id)
            if (window_rule is None and self._first(self.time_points, before, None)
                    and not self._first(self.time_point_exceptions, before, fired)
                    and not self._first(self.time_point_exceptions_after, after, fired)):
                self._first(self.time_points, before, fired)
                continue
            # exclusion cues count only within the duration's own clause; inside a parenthesis the
            # clause is what the parenthesis qualifies ("progression-free survival (PFS; median 8 months")
            near_before = CLAUSE.split(text[max(0, m.start() - 45):m.start()])[-1]
            opened = open_parenthesis(text, m.start(), reach=60)
            if opened is not None:
                near_before = text[max(0, opened - 40):m.start()]
            # the duration's own phrase ends at a comma: what follows it is the next clause's subject
            # ("after a mean follow-up of 2 years, the primary endpoint was met" names a follow-up)
            near_after = AFTER_CLAUSE.split(text[m.end():m.end() + 25])[0]
            study_period = self._first(self.study_periods, before + WINDOW_SLOT + after, fired) is not None
            excluded = self._excluded(near_before, m.group(0) + near_after, fired)
            if periods is not None and (study_period or (excluded is not None and excluded.label == STUDY_PERIOD)):
                periods.extend(self._months(m))
            if excluded is not None:
                continue
            if (not NAMES_FOLLOW_UP.match(after)
                    and self._first(self.sentence_exclude, text[:m.start()], fired)):
                continue  # "survival was 64 % ... after 32 months of follow-up" names its follow-up
            n1, n2, unit = self._numbers(m)
            if n1 is None:
                continue
            # a cue in the window first; else an observation verb whose "for" reaches the number
            kind_rule = (window_rule or self._kind(before, after, long_before)
                         or self._first(self.sentence_kinds, text[:m.start()], None))
            if kind_rule is None:
                continue
            kind, rule = kind_rule.label, kind_rule.id
            latest_only = kind == LATEST_FOLLOW_UP
            if latest_only:
                kind = "follow_up"
            if fired is not None:
                fired.add(rule)
            if kind == NOT_REPORTED:
                continue
            visit = kind == "follow_up" and self._first(self.visits, before + WINDOW_SLOT + after, fired) is not None
            if kind == "remission" and not self._first(
                    self.remission_states, long_before + m.group(0) + CLAUSE.split(after)[0], fired):
                continue  # something lasted, but the sentence names no remission or response state
            if n2 is not None and re.search(r"\b(?:and|or)\b", m.group(0)) and not BETWEEN_RE.search(before):
                if self._first(self.time_point_lists, before, fired):
                    # "seen at 1 and 6 months": visits, the latest of which is the follow-up length
                    found.append(Duration(offset + m.start("n2"), offset + m.end(), max(n1, n2) * unit, "=", kind,
                                          rule=rule, latest_only=latest_only, visit=visit))
                    continue
                # "followed for 90 and 28 days": two durations sharing a unit
                found.append(Duration(offset + m.start("n1"), offset + m.end("n1"), n1 * unit, "=", kind, rule=rule,
                                      latest_only=latest_only, visit=visit))
                found.append(Duration(offset + m.start("n2"), offset + m.end(), n2 * unit, "=", kind, rule=rule,
                                      latest_only=latest_only, visit=visit))
                continue
            if n2 is not None:
                lo, hi = sorted((n1 * unit, n2 * unit))
                found.append(Duration(offset + m.start(), offset + m.end(), (lo + hi) / 2, "range", kind, lo, hi, rule,
                                      latest_only, visit))
                continue
            qualifier = "~" if m.group("sd") else self._qualifier(before, after, fired)
            found.append(Duration(offset + m.start(), offset + m.end(), n1 * unit, qualifier, kind, rule=rule,
                                  latest_only=latest_only, visit=visit))
        found.extend(self._unit_first(text, offset, found, fired))
        self._mark_cited(text, offset, found, fired)
        return found

    def _unit_first(self, text: str, offset: int, found: list[Duration], fired: set[str] | None) -> list[Duration]:
        """Follow-ups that the number-unit pattern cannot read or that a cue around it would rule
        out: written unit first ("followed to Week 52") or reaching an age from birth ("followed
        from birth to 18 to 22 months of age", a range when the rule names a second number n2);
        none where a duration was already found in the same place."""
        extra: list[Duration] = []
        for rule, pattern in self.unit_first:
            for m in pattern.finditer(text):
                named = m.groupdict()
                groups = [g for g in ("unit", "n", "n2") if named.get(g) is not None]
                start = offset + min(m.start(g) for g in groups)
                end = offset + max(m.end(g) for g in groups)
                if any(d.start < end and start < d.end for d in found):
                    continue
                n1 = parse_number(m.group("n"))
                n2 = parse_number(named["n2"]) if named.get("n2") is not None else None
                if n1 is None:
                    continue
                if fired is not None:
                    fired.add(rule.id)
                unit = UNIT_MONTHS[unit_word(m.group("unit"))]
                if n2 is not None:
                    lo, hi = sorted((n1 * unit, n2 * unit))
                    extra.append(Duration(start, end, (lo + hi) / 2, "range", rule.label, lo, hi, rule.id))
                else:
                    extra.append(Duration(start, end, n1 * unit, "=", rule.label, rule=rule.id))
        return extra

    def _mark_cited(self, text: str, offset: int, found: list[Duration], fired: set[str] | None) -> None:
        """Flag the follow-ups that lie inside a cited paper title of this sentence, and every
        duration inside a numbered bibliography entry (the release's notes cite other papers)."""
        for rule, pattern in self.cited_titles:
            entry = rule.label == REFERENCE_ENTRY
            for m in pattern.finditer(text):
                for d in found:
                    if (entry or d.kind == "follow_up") and offset + m.start() <= d.start < offset + m.end():
                        if entry:
                            d.reference = True
                        else:
                            d.cited = True
                        if fired is not None:
                            fired.add(rule.id)

    @staticmethod
    def _numbers(m: re.Match[str]) -> tuple[float | None, float | None, float]:
        """A duration match's number or two ("a year" is one) and its unit in months."""
        n1 = 1.0 if m.group("n1").lower() in {"a", "an"} else parse_number(m.group("n1"))
        n2 = parse_number(m.group("n2")) if m.group("n2") else None
        return n1, n2, UNIT_MONTHS[unit_word(m.group("unit"))]

    @classmethod
    def _months(cls, m: re.Match[str]) -> list[float]:
        """The lengths in months a duration match states (one, or both ends of "6 to 12 months")."""
        n1, n2, unit = cls._numbers(m)
        return [n * unit for n in (n1, n2) if n is not None]

    def _excluded(self, before: str, rest: str, fired: set[str] | None) -> Rule | None:
        """The first exclusion found around a duration; a cue wholly before the number that holds a
        duration of its own rules out that one ("given during 8 weeks followed by 26 weeks of
        follow-up": the treatment period is the 8 weeks), and an age cue followed by a number of its
        own rules out that number ("a mean age of 81 years for an average of 5 years")."""
        text = before + rest
        for rule, pattern in self.exclude:
            for x in pattern.finditer(text):
                if x.end() <= len(before) and DURATION_RE.search(x.group(0)):
                    continue
                if rule.label == OWN_NUMBER and NUMBER_RE.search(text, x.end(), len(before)):
                    continue  # "at age 65 in 2001 and followed up for 13 years": the cue has its own number
                if fired is not None:
                    fired.add(rule.id)
                return rule
        return None

    def _qualifier(self, before: str, after: str, fired: set[str] | None) -> str:
        rule = self._first(self.post, after, fired)
        if rule is not None:
            return rule.label
        rule = self._first(self.pre, before, fired)
        if rule is None:
            return "="
        if rule.label == ">=" and re.search(r"relaps\w*\s+after\s*$", before, re.I):
            return "="
        return rule.label

    def _kind(self, before: str, after: str, long_before: str = "") -> Rule | None:
        """The kind rule whose cue is nearest; a follow-up cue right before the number names the
        period ("Follow-up lasted 6 to 24 months"), and so does one right after it, whatever else
        the sentence says ("gains were maintained at the 16-week follow-up" is a follow-up, not an
        effect that lasted); "five years on" is a follow-up. An effect cue
        (label not_reported) is read in ``long_before``, because its subject may lie far before
        the verb that ends it ("improvement in <a long noun phrase> was sustained 1 year later"):
        its match must still end inside the window."""
        named_at = BEFORE_NAMED_FOLLOW_UP.match(after).end()  # always matches (all of it is optional)
        for rule, pattern in self.kinds:
            if rule.label == "follow_up" and (pattern.search(before[-30:]) or pattern.match(after, named_at)):
                return rule
        if re.match(r"\s+on\s*[,.;]", after):
            return next(rule for rule, _ in self.kinds if rule.label == "follow_up")
        best: tuple[int, Rule] | None = None
        for rule, pattern in self.kinds:
            text = long_before if rule.label == NOT_REPORTED and len(long_before) > len(before) else before
            for m in pattern.finditer(text):
                if len(text) - m.end() > len(before):
                    continue
                dist = len(text) - m.end()
                if best is None or dist < best[0]:
                    best = (dist, rule)
            m = pattern.search(after)
            if m:
                dist = m.start() + 3  # cues after the number are slightly weaker
                if best is None or dist < best[0]:
                    best = (dist, rule)
        return best[1] if best else None

    @staticmethod
    def _rounded_restatements(found: list[Duration]) -> set[int]:
        """Indexes of plain or at-least follow-up lengths that round a measured one given elsewhere
        ("Three-year outcomes" or "after following patients for more than five years" over "a median
        follow-up of 35.6 / 61 months"): the same follow-up, reported once."""
        measured = [d.months for d in found if d.kind == "follow_up" and d.qualifier in {"median", "~"}]
        return {i for i, d in enumerate(found)
                if d.kind == "follow_up" and d.qualifier in {"=", ">="} and d.months >= 12
                and any(m != d.months and abs(m - d.months) <= 0.05 * d.months for m in measured)}

    @staticmethod
    def _cited_restatements(found: list[Duration]) -> set[int]:
        """Indexes of follow-ups in a cited paper title whose length the text's own follow-ups do not
        state ("A 10-year Follow-up" in the title, "followed for seven years after treatment" in the
        text): the title restates the study's follow-up in other terms, the text's length is it."""
        stated = [d.months for d in found if d.kind == "follow_up" and not d.cited]
        if not stated:
            return set()
        return {i for i, d in enumerate(found)
                if d.cited and not any(abs(d.months - m) <= 0.5 for m in stated)}

    @staticmethod
    def _earlier_post_treatment_times(found: list[Duration]) -> set[int]:
        """Indexes of post-treatment times that are not the follow-up length: all of them when the
        document states a follow-up otherwise ("followed for 5 years ... 3 years after treatment"),
        else all but the latest ("at 6 and 30 weeks after treatment": followed for 30 weeks)."""
        latest = [i for i, d in enumerate(found) if d.latest_only]
        if not latest:
            return set()
        if any(d.kind == "follow_up" and not d.latest_only for d in found):
            return set(latest)
        longest = max(found[i].months for i in latest)
        return {i for i in latest if found[i].months < longest}

    @staticmethod
    def _study_period_results(found: list[Duration], periods: list[float]) -> set[int]:
        """Indexes of "N-month results" whose N is a treatment or study period the document states
        ("a 12-month study ... 12-month results"): the study period's results, not a follow-up."""
        return {i for i, d in enumerate(found)
                if d.rule == PERIOD_RESULTS and any(abs(d.months - p) <= 0.5 for p in periods)}

    @staticmethod
    def _earlier_visits(found: list[Duration], dropped: set[int]) -> set[int]:
        """Indexes of follow-up visits shorter than the longest follow-up the document states ("at
        the 3-, 6- and 12-month follow-up": followed for 12 months, the earlier visits are time
        points); durations already ``dropped`` state no follow-up."""
        lengths = [d.months for i, d in enumerate(found) if d.kind == "follow_up" and i not in dropped]
        if not lengths:
            return set()
        longest = max(lengths)
        return {i for i, d in enumerate(found) if d.visit and d.months < longest - 0.5}

    def __call__(self, doc: Doc) -> Doc:
        periods: list[float] = []
        text = doc_text(doc)
        # the sentence's text sliced from the document's (Span.text joins its tokens in Python each time)
        found = [d for sent in doc.sents
                 for d in self.parse_sentence(text[sent.start_char:sent.end_char], sent.start_char, periods=periods)]
        dropped = (self._rounded_restatements(found) | self._earlier_post_treatment_times(found)
                   | self._study_period_results(found, periods) | self._cited_restatements(found))
        dropped |= self._earlier_visits(found, dropped)
        for i, d in enumerate(found):
            if i in dropped or d.reference or in_boilerplate(doc, d.start, d.end):
                continue
            span = char_span(doc, d.start, d.end)
            if span is None:
                continue
            attrs = {"months": round(d.months, 3), "qualifier": d.qualifier, "kind": d.kind, "rule": d.rule}
            if d.qualifier == "range":
                attrs.update(min_months=round(d.min_months, 3), max_months=round(d.max_months, 3))
            add_mention(doc, span, "DURATION", d.iso, attrs=attrs)
        return doc
