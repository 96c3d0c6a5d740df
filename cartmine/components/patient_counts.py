"""PATIENT_COUNT mentions: sizes of treated, enrolled or analysed patient groups.

Forms: "15 patients", "36 heavily pretreated patients", "a 20-patient trial",
"n = 12", "eight with SLE", "10 of 14" (the denominator is a group size),
"75 were infused", "212 received drug A and 208 drug B", "four of them with class V
features". Ages, doses, years, percentages and counts of patients with an outcome
are not counts. All patterns and filters are rule records in
``resources/patient_counts.yaml``; a mention's ``attrs.rule`` names its rule.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.language import Language
from spacy.tokens import Doc

from cartmine.extensions import add_mention, doc_text, in_boilerplate, mention_spans
from cartmine.numbers import NUMBER_PATTERN, NUMBER_WORDS_NOT_COUNTED, TENS, UNITS, parse_int
from cartmine.rules import LeadSearch, Rule, load_rules, lowered, open_parenthesis


@Language.factory("cartmine_patient_counts", default_config={"rules_file": "patient_counts.yaml", "min_count": 2})
def make_patient_counts(nlp: Language, name: str, rules_file: str, min_count: int) -> PatientCounter:
    return PatientCounter(rules_file, min_count)


#: (start, end, n, rule id, single member allowed)
Candidate = tuple[int, int, int | None, str, bool]


def _enclosing_parenthesis_end(text: str, pos: int, reach: int = 200) -> int | None:
    """The offset just after the ")" closing a parenthesis that ``pos`` lies in (within ``reach``
    characters either side), or None: a breakdown in parentheses shares the fate of the group
    it breaks down."""
    if open_parenthesis(text, pos, reach, stop=".;") is None:
        return None
    close = text.find(")", pos, pos + reach)
    return None if close < 0 else close + 1


#: every place a number can start: each digit, and each word start that begins like a number word
#: (zero-width, so "one hundred and five" also offers "five"). The one-character look-ahead on
#: the first letters of the number words says nothing new, but lets the regex engine pass over
#: most word starts without trying every number word there (it was a tenth of the component's time)
_NUMBER_WORD_INITIALS = "".join(sorted({w[0] for w in [*UNITS, *TENS] if w not in NUMBER_WORDS_NOT_COUNTED}))
NUMBER_STARTS = re.compile(rf"\d|\b(?=[{_NUMBER_WORD_INITIALS}])(?=(?:{NUMBER_PATTERN}))", re.IGNORECASE)
#: a count rule that opens with its number (after a look-behind) can only match where one starts
NUMBER_FIRST = re.compile(r"\(\?:\(\?<!\[[^\]]*\]\)\(\?P<\w+>" + re.escape(NUMBER_PATTERN))
#: "(" right before a number, with the spaces around it (its start is where a condition would end)
PAREN_BEFORE = re.compile(r"\s*\(\s*")
#: characters either side of a number's start that a count pattern may reach
NUMBER_REACH = 200
#: "x out of 10" and "6 in 100" state a ratio; "3 out of 20" names a group of twenty
ROUND_DENOMINATORS = frozenset({10, 100, 1000})
#: stands for a kept group size in the text a ``continuations`` rule reads (before + HEAD_SLOT + after)
HEAD_SLOT = "\x01"
#: characters before and after a kept group size that a continuation rule reads
CONTINUATION_REACH = (80, 200)
#: where a sentence ends: a stop, "!", "?" or ";" before white space, or a blank line (decimals and
#: "n=12" stay inside; an abbreviation such as "vs." cuts early, which only shortens what a filter reads)
SENTENCE_END = re.compile(r"[.!?;](?=\s)|\n\s*\n")
#: characters before a count that the start of its sentence is looked for in
SENTENCE_REACH = 300
#: a word that may name counted things ("women", "weeks", "NHS"): an "and" after it coordinates two groups
PLURAL = re.compile(r"(?<![suSU])[sS]$")


def _joins_one_noun(words: list[str], i: int) -> bool:
    """Whether the "and" at ``words[i]``, inside the words between a number and its noun, completes a
    hyphenated word or joins two modifiers of that one noun, rather than two counted things."""
    if not 0 < i < len(words) - 1:
        return False
    before = words[i - 1]
    return before.endswith("-") or not PLURAL.search(before)


#: a short parenthesised gloss right before a position ("device perforation (myometrial perforation)")
GLOSS_BEFORE = re.compile(r"\s*\([^()]{1,60}\)\s*$")


def _before_gloss(text: str, pos: int) -> int:
    """Where the term before ``pos`` ends, past one parenthesised gloss that closes right before it: in
    "perforation (myometrial perforation) (3 subjects)" the count follows the term, not the gloss, so it
    is read like "perforation (3 subjects)" (an arm named with its maker, "stents (Cordis) (100 patients)",
    still meets the arm checks on the term)."""
    gloss = GLOSS_BEFORE.search(text, max(0, pos - 70), pos)
    return pos if gloss is None else gloss.start()


#: the number that opens each member of a parenthesised breakdown ("36 drug; 34 placebo")
BREAKDOWN_MEMBER = re.compile(rf"(?:^|[,;]|\band\b)\s*(?:and\s+)?(?P<n>{NUMBER_PATTERN})(?![\w.%/-])", re.IGNORECASE)


def sentence_before(text: str, start: int) -> str:
    """The part of the sentence that ends at ``start`` (at most ``SENTENCE_REACH`` characters)."""
    left = text[max(0, start - SENTENCE_REACH):start]
    return left[max((m.end() for m in SENTENCE_END.finditer(left)), default=0):]


def number_first_matches(pattern: re.Pattern[str], text: str, starts: list[int]) -> Iterator[re.Match[str]]:
    """What ``pattern.finditer(text)`` gives for a rule that opens with its number, trying only the
    places a number starts (non-overlapping, left to right, as finditer)."""
    end = -1
    for pos in starts:
        if pos >= end and (m := pattern.match(text, pos)) is not None and m.end() > pos:
            end = m.end()
            yield m


def number_windows(starts: list[int], length: int) -> list[tuple[int, int]]:
    """The stretches of a text of ``length`` characters within ``NUMBER_REACH`` of a number start,
    merged. Every count rule holds a number, so the rules scan only these (in an abstract, most of
    the prose between results has none): rule count and text length stop multiplying."""
    windows: list[tuple[int, int]] = []
    for pos in starts:
        start, end = max(0, pos - NUMBER_REACH), min(length, pos + NUMBER_REACH)
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], end)
        else:
            windows.append((start, end))
    return windows


class PatientCounter:
    """Find group sizes and add PATIENT_COUNT mentions with ``attrs.n``."""

    def __init__(self, rules_file: str, min_count: int) -> None:  # defaults: pipeline.cfg
        self.min_count = min_count
        self.counts = [(r, re.compile(r.regex, re.IGNORECASE)) for r in load_rules(rules_file, "counts")]
        self.number_first = {r.id for r, _ in self.counts if NUMBER_FIRST.match(r.regex)}
        #: the other rules scan the number windows, tried only where their leading words are
        self.lead_search = {r.id: LeadSearch(pattern) for r, pattern in self.counts if r.id not in self.number_first}
        self.continuations = [(r, re.compile(r.regex, re.IGNORECASE)) for r in load_rules(rules_file, "continuations")]
        # several filter rules may share a label (each with its own examples); any of them decides
        self.filters: dict[str, list[tuple[Rule, re.Pattern[str]]]] = {}
        for r in load_rules(rules_file, "filters"):
            self.filters.setdefault(r.label, []).append((r, re.compile(r.regex, re.IGNORECASE)))

    def _filter(self, label: str, text: str, fired: set[str] | None, *, match: bool = False) -> bool:
        return self._filter_match(label, text, fired, match=match) is not None

    def _filter_match(self, label: str, text: str, fired: set[str] | None, *, match: bool = False) -> re.Match[str] | None:
        """The first match of a filter rule with this label (its id goes into ``fired``), or None."""
        for rule, pattern in self.filters[label]:
            if (found := (pattern.match if match else pattern.search)(text)) is not None:
                if fired is not None:
                    fired.add(rule.id)
                return found
        return None

    def _noun_count_ok(self, text: str, m: re.Match[str], fired: set[str] | None,
                       event_spans: list[tuple[int, int]]) -> bool:
        """A number before a patient noun is a group size unless a filter says otherwise. When the
        verb after it reports an outcome, the stretch up to that verb goes into ``event_spans``: the
        other counts in it ("... and 12 assigned to surgery did not undergo it") share that verb; so
        do the counts coordinated after one that an outcome before it rules out."""
        words = m.group("between").replace(",", " ").split()
        # "age- and sex-matched": an "and" that completes a hyphenated word is not a coordination;
        # nor is one between two modifiers of the noun ("29 eligible and consenting patients", "342
        # adolescent and adult patients"): only a plural before it coordinates two counted things
        words = [w for i, w in enumerate(words) if not (w == "and" and _joins_one_noun(words, i))]
        if any(self._filter("blocked_between", w.strip("-"), fired, match=True) for w in words):
            return False
        before = text[max(0, m.start() - 40):m.start()]
        if self._filter("breakdown_open_before", before, fired) \
                and any(self._filter("sex_between", w, fired, match=True) for w in words):
            return False  # "33 subjects (31 male subjects, 2 female subjects)": a demographic split
        after = text[m.end():m.end() + 180]  # room for "in the <drug> group (35 %) had ...", "(two with X, ...) had"
        if self._filter("share_after", after, fired, match=True):
            return False
        if self._filter("not_patients_before", before, fired):
            return False
        if self._filter("share_before", before[-20:], fired):
            return False  # "complete responses in 1% (four patients)": patients with an outcome
        if self._filter("group_before", before, fired) or self._filter("group_after", after, fired, match=True):
            return True  # "all 15 patients stopped", "40 patients were able to be evaluated": the group itself
        if self._filter("outcome_before", before, fired):
            # "diarrhoea occurred in 7 patients on drug A and 3 patients on drug B": the counts
            # coordinated after an outcome count share its outcome
            if (members := self._filter_match("coordinated_member_after", after, fired, match=True)) is not None:
                event_spans.append((m.start(), m.end() + members.end()))
            return False
        if (event := self._filter_match("outcome_after", after, fired)) is not None:
            # "a comparison ... in 101 outpatients showed the drug to be better": the patients are the
            # object of a preposition, so the verb after them reports the study, not their outcome
            if self._filter("object_before", before, fired) and self._filter("study_verb_after", after, fired, match=True):
                return True
            event_spans.append((m.start(), m.end() + event.end()))
            return False
        return True

    def _counts_a_condition(self, text: str, start: int, condition_spans: dict[int, int],
                            therapy_ends: set[int], fired: set[str] | None) -> bool:
        """A count in parentheses right after a condition or outcome, in a sentence that lists adverse
        events (an ``event_listing_before`` cue since the sentence began), names the patients who had
        it; elsewhere "lupus (15 patients) and myositis (8 patients)" are disease subgroups. Many
        listed events are no DISEASE or OUTCOME mention ("fatigue (two patients)"): in such a
        sentence any term but an arm (a therapy, "placebo", "the control group") counts as one."""
        paren = PAREN_BEFORE.search(text, max(0, start - 4), start)
        if paren is None or paren.end() != start:
            return False
        term_end = _before_gloss(text, paren.start())
        condition_start = condition_spans.get(term_end)
        if condition_start is None:
            if term_end in therapy_ends or term_end == 0 or not text[term_end - 1].isalpha():
                return False
            if self._filter("arm_before", text[max(0, term_end - 30):term_end], fired):
                return False
            condition_start = term_end
        # an adverse-event list runs long: its cue may lie several hundred characters back
        sentence = re.split(r"[.!?]\s", text[max(0, condition_start - 500):condition_start])[-1]
        return self._filter("event_listing_before", sentence, fired)

    def candidates(self, doc: Doc, fired: set[str] | None = None) -> list[Candidate]:
        """Every group size found; ``fired`` collects the ids of the rules that made or removed one."""
        text = doc_text(doc)
        outcomes, diseases, therapies = (mention_spans(doc, label) for label in ("OUTCOME", "DISEASE", "THERAPY"))
        outcome_starts = [s.start_char for s in outcomes]
        outcome_ends = {s.end_char for s in outcomes}
        disease_ends = {s.start_char: s.end_char for s in diseases}
        arm_starts = {s.start_char for s in therapies}
        therapy_ends = {s.end_char for s in therapies}
        condition_spans = {s.end_char: s.start_char for s in diseases}
        condition_spans.update({s.end_char: s.start_char for s in outcomes})
        out: list[Candidate] = []
        event_spans: list[tuple[int, int]] = []
        starts = [m.start() for m in NUMBER_STARTS.finditer(text)]
        windows = number_windows(starts, len(text))
        low = lowered(text)
        for rule, pattern in self.counts:
            found = number_first_matches(pattern, text, starts) if rule.id in self.number_first \
                else (m for start, end in windows for m in self.lead_search[rule.id].finditer(text, low, start, end))
            for m in found:
                single = False
                if self._filter("label_before", text[max(0, m.start() - 40):m.start()], fired):
                    continue  # "phase 2 patients", "ages 20 to 69 have"
                if rule.label == "noun_count" \
                        and self._filter("event_cases_before", sentence_before(text, m.start()) + m.group(0), fired):
                    continue  # "2 cases of rash in group A, 6 cases in group B": events, not groups
                if m.group("n") and parse_int(m.group("n")) in ROUND_DENOMINATORS \
                        and self._filter("ratio_before", text[max(0, m.start("n") - 30):m.start("n")], fired):
                    continue  # "nine out of 10 people": a ratio, not a group of ten
                if rule.label == "noun_count" and not self._noun_count_ok(text, m, fired, event_spans):
                    continue
                if rule.label == "noun_count" and self._counts_a_condition(text, m.start(), condition_spans, therapy_ends, fired):
                    continue  # "ectopic pregnancy (10 subjects); ovarian cyst (3 subjects)": patients with an event
                if rule.id == "of_them_with" and any(m.end() <= o <= m.end() + 25 for o in outcome_starts):
                    continue  # "four of them with complete responses": an outcome count
                if rule.id == "n_equals" and any(0 <= m.start() - e <= 3 for e in outcome_ends):
                    continue  # "cytokine release syndrome (n = 10)": patients with an event
                if rule.id == "n_equals" and self._filter("share_before", text[max(0, m.start() - 20):m.start()], fired):
                    continue  # "in 0.58 percent (n = 4) of participants": patients with an event
                if rule.label == "subgroup":
                    if m.end() not in disease_ends:
                        continue
                    # a disease subgroup may have a single member ("one with myositis"); "one patient
                    # had COVID-19" is an event, so single members only with "with"
                    single = m.group("verb").lower() == "with"
                    if self._filter("event_list_before", sentence_before(text, m.start()), fired):
                        continue  # "58 were diagnosed with cancer A, 24 with cancer B": the list shares the event
                    disease_end = disease_ends[m.end()]
                    if self._filter("outcome_after", text[disease_end:disease_end + 60], fired, match=True):
                        continue  # "one patient with ovarian cancer had a complete response": an outcome count
                    close = _enclosing_parenthesis_end(text, m.start())
                    if close is not None and self._filter("outcome_after", text[close:close + 60], fired, match=True):
                        continue  # "four patients (two with colon cancer, two with ...) had stable disease"
                if rule.label == "arm_split":
                    sentence = re.split(r"[.;]\s", text[max(0, m.start() - 300):m.start()])[-1]
                    if not re.search(r"\b(?:randomi[sz]ed|randomly|assigned|allocated)\b", sentence, re.IGNORECASE):
                        continue  # "61 to A and 59 to B" lists arms only after a randomisation
                if rule.label == "arm" and not (m.end() in arm_starts or text[m.end():m.end() + 7].lower() == "placebo"):
                    continue
                out.append((m.start("n"), m.end("n"), parse_int(m.group("n")), rule.id, single))
        # a count inside the stretch from an outcome count to its verb is a member of that outcome count
        out = [c for c in out if not any(s < c[0] < e for s, e in event_spans)]
        out.extend(self._continuations(text, out, fired))
        if fired is not None:
            fired.update(c[3] for c in out if self._valid(c, text, fired))
        return out

    def _continuations(self, text: str, heads: list[Candidate], fired: set[str] | None) -> list[Candidate]:
        """Group sizes that lean on a kept one: the other arms of an elliptical list ("14 patients in
        the drug group and 15 in the placebo group") and the members of a parenthesised breakdown
        that add up to it ("70 patients completed (36 drug; 34 placebo)"). Each one found is a
        head in turn, so a list is followed to its end; none is tried from a rejected head."""
        before_reach, after_reach = CONTINUATION_REACH
        found: list[Candidate] = []
        seen = {(c[0], c[1]) for c in heads}
        queue = [c for c in heads if self._valid(c, text)]
        while queue:
            start, end, n, _, _ = queue.pop()
            before = text[max(0, start - before_reach):start]
            window = before + HEAD_SLOT + text[end:end + after_reach]
            shift = end - len(before) - len(HEAD_SLOT)  # window offset after the slot -> text offset
            for rule, pattern in self.continuations:
                for m in pattern.finditer(window):
                    if rule.label == "breakdown":
                        members = [(m.start("parts") + x.start("n"), m.start("parts") + x.end("n"), parse_int(x.group("n")))
                                   for x in BREAKDOWN_MEMBER.finditer(m.group("parts"))]
                        if len(members) < 2 or any(v is None for _, _, v in members) \
                                or sum(v for _, _, v in members if v is not None) != n:
                            continue
                    else:
                        members = [(m.start("n"), m.end("n"), parse_int(m.group("n")))]
                    for s, e, v in members:
                        cand = (s + shift, e + shift, v, rule.id, False)
                        if (cand[0], cand[1]) in seen or not self._valid(cand, text):
                            continue
                        if rule.label == "ellipsis" and self._filter(
                                "continuation_event_after", text[cand[1]:cand[1] + 120], fired, match=True):
                            continue  # "..., and 20 with a fever were excluded": an event count
                        seen.add((cand[0], cand[1]))
                        found.append(cand)
                        queue.append(cand)
        return found

    def _valid(self, cand: Candidate, text: str, fired: set[str] | None = None) -> bool:
        """Big enough, and no year: a number from 1900 to 2100 is read as a year unless it is written
        with a thousands separator ("2,000 patients", "2,025 AD patients"), as no year is, or stands
        right before a patient noun with no date word before it ("after induction, 2027 patients
        were randomised"; "in 2015 patients were ..." stays a year)."""
        start, end, n, _, single = cand
        if n is None or not (n >= self.min_count or single):
            return False
        if not 1900 <= n <= 2100 or "," in text[start:end]:
            return True
        return self._filter("noun_right_after", text[end:end + 40], fired, match=True) \
            and not self._filter("date_before", text[max(0, start - 30):start], fired)

    def __call__(self, doc: Doc) -> Doc:
        seen: set[tuple[int, int]] = set()
        text = doc_text(doc)
        for cand in sorted(self.candidates(doc), key=lambda c: (c[0], c[1])):
            start, end, n, rule_id, _ = cand
            if not self._valid(cand, text) or (start, end) in seen or in_boilerplate(doc, start, end):
                continue
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is None or not span.text.strip():
                continue
            seen.add((start, end))
            add_mention(doc, span, "PATIENT_COUNT", str(n), attrs={"n": n, "rule": rule_id})
        return doc
