"""Rule files as named data, and helpers shared by the rule components.

A rule is a record ``{id, label, pattern, examples, counterexamples}`` (in the manner of
medspaCy's ``ContextRule``): ``label`` is what the rule decides (an outcome type, a duration
kind, a context role...), ``pattern`` a regular expression or a list of phrases, and the
examples/counterexamples are team-written sentences that ``tests/test_rule_examples.py`` runs
through the component (the rule must fire on every example and never on a counterexample).
Word lists that belong to a domain (disease-activity scores, medication words) are named in a
``lists:`` section and referenced from patterns as ``<<name>>``, so generic rules carry no
disease or drug words. Extractions carry ``attrs.rule`` with the id of the rule that made them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

import yaml
from spacy.tokens import Doc, Span

from cartmine.numbers import NUMBER_PATTERN
from cartmine.paths import RESOURCES_DIR

RULE_KEYS = frozenset({"id", "label", "pattern", "examples", "counterexamples"})
REQUIRED_KEYS = ("id", "label", "pattern")
LIST_REF = re.compile(r"<<(\w+)>>")


class RuleError(ValueError):
    """A rule file that does not follow the rule-record format."""


@dataclass(frozen=True)
class Rule:
    """One named rule with the sentences that document it."""

    id: str
    label: str
    pattern: str | tuple[str, ...]
    examples: tuple[str, ...] = ()
    counterexamples: tuple[str, ...] = ()

    @property
    def phrases(self) -> tuple[str, ...]:
        """The pattern as a tuple of alternatives (a phrase list, or one regex)."""
        return self.pattern if isinstance(self.pattern, tuple) else (self.pattern,)

    @property
    def regex(self) -> str:
        """The pattern as one regex source (a phrase list becomes an alternation)."""
        return alternation(list(self.phrases))


@cache
def load_yaml(name: str) -> dict[str, Any]:
    """A rule file from ``cartmine/resources`` (cached: rule files are read once per process)."""
    with open(RESOURCES_DIR / name, encoding="utf-8") as fh:
        return yaml.safe_load(fh)


PLAIN_WORDS = re.compile(r"^[\w\s'./-]+$")


def word_list_regex(words: Iterable[str]) -> str:
    """A named word list as one regex group, longest first. Plain words are literal: a space
    matches any whitespace and a hyphen also a space or nothing ("MG-ADL", "MG ADL", "MGADL");
    an item with regex syntax ("had(?!\\s+been)") is kept as written."""
    alts = []
    for w in sorted(set(words), key=len, reverse=True):
        if PLAIN_WORDS.match(w):
            alts.append(re.escape(w).replace(r"\ ", r"\s+").replace(r"\-", "[- ]?"))
        else:
            alts.append(f"(?:{w})")
    return "(?:" + "|".join(alts) + ")"


def expand_lists(pattern: str, lists: dict[str, list[str]], where: str) -> str:
    """Replace every ``<<name>>`` by its word list's regex; ``<<number>>`` is a number in digits
    or words (``cartmine.numbers``)."""
    def sub(m: re.Match[str]) -> str:
        if m.group(1) == "number":
            return NUMBER_PATTERN
        if m.group(1) not in lists:
            raise RuleError(f"{where}: unknown word list <<{m.group(1)}>> (known: {', '.join(sorted(lists))})")
        return word_list_regex(lists[m.group(1)])
    return LIST_REF.sub(sub, pattern)


def parse_rules(records: list[dict[str, Any]], lists: dict[str, list[str]], where: str) -> list[Rule]:
    """Validate rule records: unknown or missing keys, duplicate ids and bad regexes are errors."""
    if not isinstance(records, list):
        raise RuleError(f"{where}: expected a list of rule records, got {type(records).__name__}")
    rules: list[Rule] = []
    seen: set[str] = set()
    for i, rec in enumerate(records):
        if not isinstance(rec, dict):
            raise RuleError(f"{where}[{i}]: a rule is a mapping with keys {sorted(RULE_KEYS)}")
        name = f"{where}: rule {rec.get('id', f'#{i}')!r}"
        unknown = set(rec) - RULE_KEYS
        if unknown:
            raise RuleError(f"{name}: unknown key(s) {sorted(unknown)}; allowed: {sorted(RULE_KEYS)}")
        missing = [k for k in REQUIRED_KEYS if not rec.get(k)]
        if missing:
            raise RuleError(f"{name}: missing {missing}")
        if rec["id"] in seen:
            raise RuleError(f"{name}: duplicate id")
        seen.add(rec["id"])
        raw = rec["pattern"]
        pattern: str | tuple[str, ...] = (
            tuple(expand_lists(str(p), lists, name) for p in raw) if isinstance(raw, list)
            else expand_lists(str(raw), lists, name))
        rule = Rule(str(rec["id"]), str(rec["label"]), pattern,
                    tuple(rec.get("examples") or ()), tuple(rec.get("counterexamples") or ()))
        try:
            # with the flags most components compile it with: their own compile is then a re-cache hit
            # (compiled without them, a third of the pipeline's patterns were compiled twice at load)
            re.compile(rule.regex, re.IGNORECASE)
        except re.error as exc:
            raise RuleError(f"{name}: bad pattern: {exc}") from exc
        rules.append(rule)
    return rules


@cache
def load_rules(name: str, section: str = "rules") -> tuple[Rule, ...]:
    """The rule records of one section of a rule file, word lists expanded."""
    data = load_yaml(name)
    if section not in data:
        raise RuleError(f"{name}: no section {section!r} (sections: {', '.join(data)})")
    return tuple(parse_rules(data[section], data.get("lists") or {}, f"{name}:{section}"))


@cache
def load_measure_diseases(name: str = "outcomes.yaml") -> dict[str, frozenset[str]]:
    """Outcome rule id -> the DOIDs whose own defining measure the rule reads (the rule file's
    ``measure_diseases``). The outcome component gates those rules by it and the linker sends their
    records to those diseases; both read this one map."""
    return {rule_id: frozenset(doids) for rule_id, doids in (load_yaml(name).get("measure_diseases") or {}).items()}


@cache
def load_record_measure_diseases(name: str = "outcomes.yaml") -> dict[str, frozenset[str]]:
    """Outcome rule id -> the DOIDs that receive the records of a rule reading their defining measure:
    the gating map (``measure_diseases``) plus the rule file's ``measure_record_diseases``, whose rules
    fire in any document (a lowered blood pressure) but whose records, where the document names such a
    disease, are that disease's (the linker reads this map)."""
    routed = dict(load_measure_diseases(name))
    for rule_id, doids in (load_yaml(name).get("measure_record_diseases") or {}).items():
        routed[rule_id] = routed.get(rule_id, frozenset()) | frozenset(doids)
    return routed


def rule_sections(name: str) -> list[str]:
    """Sections of a rule file that hold rule records (every top-level list of mappings)."""
    data = load_yaml(name)
    return [k for k, v in data.items() if k != "lists" and isinstance(v, list) and v and isinstance(v[0], dict)]


def alternation(patterns: list[str]) -> str:
    """One regex alternative per rule-file pattern, each in its own group so that their own
    alternations do not leak into neighbours."""
    return "|".join(f"(?:{p})" for p in patterns)


def open_parenthesis(text: str, pos: int, reach: int, stop: str = "") -> int | None:
    """Offset of the "(" still open at ``pos``, looking back at most ``reach`` characters, or None;
    a character of ``stop`` met on the way (a sentence end) means there is none. Rules use it to
    treat a parenthesised breakdown or aside together with what it qualifies."""
    depth = 0
    for i in range(pos - 1, max(-1, pos - reach), -1):
        if text[i] == ")":
            depth += 1
        elif text[i] == "(":
            if depth == 0:
                return i
            depth -= 1
        elif text[i] in stop:
            return None
    return None


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


#: length of the text prefix by which the scanner indexes its rules
PREFIX = 2


def _item_prefixes(op: Any, av: Any, k: int) -> set[str] | None:
    """Strings (lower-cased, at most ``k`` characters) that one parsed regex item can start
    with; '' when it can match nothing; None when anything could come first."""
    from re import _constants as c  # the parser's opcodes (stable across 3.11+)

    if k <= 0:
        return {""}
    if op is c.LITERAL:
        return {chr(av).lower()}
    if op is c.IN:
        chars: set[str] = set()
        for iop, iav in av:
            if iop is c.LITERAL:
                chars.add(chr(iav).lower())
            elif iop is c.RANGE and iav[1] - iav[0] < 80:
                chars.update(chr(x).lower() for x in range(iav[0], iav[1] + 1))
            else:
                return None
        return chars
    if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
        return {""}  # zero-width
    if op is c.SUBPATTERN:
        return _prefixes(av[3], k)
    if op is c.BRANCH:
        out: set[str] = set()
        for branch in av[1]:
            sub = _prefixes(branch, k)
            if sub is None:
                return None
            out |= sub
        return out
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", None)):
        lo, hi, body = av
        sub = _prefixes(body, k)
        if sub is None:
            return None
        out, cur = set(), {""}
        for reps in range(min(hi, lo + k) + 1):
            if reps >= lo:
                out |= cur
            cur = {(p + x)[:k] for p in cur for x in sub}
        return out
    return None


def _prefixes(items: Any, k: int = PREFIX) -> set[str] | None:
    """Every string of at most ``k`` characters that a parsed regex sequence can start with
    (shorter ones: the sequence can end there); None when anything could come first."""
    result = {""}
    for op, av in items:
        if all(len(p) >= k for p in result):
            break
        item = _item_prefixes(op, av, k - min(len(p) for p in result))
        if item is None:
            return None
        result = {p if len(p) >= k else (p + x)[:k] for p in result for x in (item if len(p) < k else {""})}
    return result


#: length of the longer text prefixes that pick the word starts worth a look (a filter only: the
#: rules stay indexed by their ``PREFIX``-character prefixes)
LOOKAHEAD = 5
#: most filter strings one rule may add; beyond that (character classes and long word lists multiply
#: them) they are cut shorter
MAX_LOOKAHEAD = 256
#: most strings one repeated item is unrolled into before reading stops there
MAX_UNROLL = 4096


#: (string, whole): a match starts with ``string``; ``whole`` when it is the entire match, so that
#: what follows in the regex may be appended
Lead = set[tuple[str, bool]]

#: the leading string of a branch that matches only at the start of the text ("\\A", or "^" without
#: MULTILINE); :class:`LeadSearch` takes it out before it builds its filter
AT_START = "\udfff"
#: an inline flag group that turns MULTILINE on ("(?m)", "(?im:...)")
INLINE_MULTILINE = re.compile(r"\(\?[aiLsux]*m")


def _lead_item(op: Any, av: Any, k: int, extended: bool = False) -> Lead:
    """What one parsed regex item's matches start with (see :func:`_leading_strings`)."""
    from re import _constants as c

    if extended and op is c.AT and av in (c.AT_BEGINNING_STRING, c.AT_BEGINNING):
        return {(AT_START, False)}
    if op in (c.LITERAL, c.IN, c.AT, c.ASSERT, c.ASSERT_NOT):
        chars = _item_prefixes(op, av, k)
        return {("", False)} if chars is None else {(x, True) for x in chars}
    if op is c.SUBPATTERN:
        return _lead_sequence(av[3], k, extended)
    if op is c.BRANCH:
        return {lead for branch in av[1] for lead in _lead_sequence(branch, k, extended)}
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", None)):
        lo, hi, body = av
        sub = _lead_sequence(body, k, extended)
        out, cur = set(), {("", True)}
        for reps in range(min(hi, lo + k) + 1):
            if reps >= lo:
                out |= cur
            if len(cur) * len(sub) > MAX_UNROLL:
                # more strings than are worth unrolling ("[\\d.]+"): every match with more repetitions
                # starts with one of these
                return out | {(p, False) for p, _ in cur}
            cur = {(p + x, xw) if pw else (p, False) for p, pw in cur for x, xw in sub}
            cur = {(p[:k], w and len(p) < k) for p, w in cur}
        # more repetitions than were unrolled: the match starts with what they start with
        return out | {(p, False) for p, _ in cur} if hi > lo + k else out
    return {("", False)}


def _lead_sequence(items: Any, k: int, extended: bool = False) -> Lead:
    """What the matches of a parsed regex sequence start with, item by item, up to ``k`` characters.
    More than ``MAX_LOOKAHEAD`` strings are cut to the longest length that keeps them under it, no
    shorter than the strings read before the item (which is where reading stops)."""
    result: Lead = {("", True)}
    for op, av in items:
        if not any(w and len(p) < k for p, w in result):
            break
        item = _lead_item(op, av, k, extended)
        kept = {(p, False) for p, w in result if not w or len(p) >= k}
        grown = {((p + x)[:k], xw and len(p + x) < k, len(p)) for p, w in result if w and len(p) < k
                 for x, xw in item}
        longer = kept | {(q, w) for q, w, _ in grown}
        if len(longer) > MAX_LOOKAHEAD:
            for cut in range(k - 1, -1, -1):
                longer = kept | {(q[:max(cut, base)], False) for q, _, base in grown}
                if len(longer) <= MAX_LOOKAHEAD:
                    break
            return longer
        result = longer
    return result


def _leading_strings(items: Any, k: int = LOOKAHEAD, extended: bool = False) -> set[str]:
    """Strings of at most ``k`` characters one of which (lower-cased) every match of a parsed regex
    starts with. Unlike :func:`_prefixes` it does not give up at an item that could start with
    anything ("\\s+", "\\w"): the strings read up to there still say where a match can start.
    ``extended`` (for :class:`LeadSearch`) gives a branch that can only match at the start of the
    text the string :data:`AT_START` instead of reading past the anchor."""
    return {p for p, _ in _lead_sequence(items, k, extended)}


def _trie_regex(strings: Iterable[str]) -> str:
    """One regex alternation of literal strings, factored by common prefixes ("remission",
    "response" -> "re(?:mission|sponse)"), so that the regex engine tries each character once
    instead of every string in turn."""
    trie: dict = {}
    for string in strings:
        node = trie
        for char in string:
            node = node.setdefault(char, {})
        node[""] = {}  # a string ends here

    def emit(node: dict) -> str:
        ends = "" in node
        branches = [re.escape(char) + emit(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 and not ends else "(?:" + "|".join(branches) + ")"
        return body + "?" if ends else body

    return emit(trie)


def _case_unsafe_characters() -> str:
    """Characters for which ``str.lower`` does not tell what the regex engine's IGNORECASE matches:
    the engine's extra case pairs outside ASCII (long s and "s", dotless i and "i", micro sign and
    mu...), and capital sigma (lower-cased by its context)."""
    from re import _casefix  # the engine's own table (Python 3.11+)

    chars = {c for key, others in _casefix._EXTRA_CASES.items() for c in (key, *others) if c >= 128}
    return "".join(sorted(map(chr, chars | {0x3A3})))


CASE_UNSAFE = _case_unsafe_characters()


def lowered(text: str) -> str | None:
    """``text.lower()`` where it lines up with ``text`` character for character (not so after a
    dotted capital I, which becomes two characters), else None: :class:`LeadSearch` then
    searches the text itself."""
    low = text.lower()
    return low if len(low) == len(text) else None


class LeadSearch:
    """``pattern.finditer`` that tries the pattern only where the lower-cased text begins one of the
    strings its matches start with (see :func:`_leading_strings`). Those strings are searched for
    case-sensitively in the lower-cased text, which the regex engine does by its fast literal scan;
    the pattern itself, tried at every position, was the cost ("(?<![\\w-])" first defeats that
    scan). Same matches as ``finditer``: only positions where no match can start are skipped."""

    def __init__(self, pattern: re.Pattern[str], extended: bool = False) -> None:
        from re import _parser

        self.pattern = pattern
        # "^" under MULTILINE also matches after a line break: not a start-of-text branch
        extended = extended and not pattern.flags & re.MULTILINE and not INLINE_MULTILINE.search(pattern.pattern)
        leads = _leading_strings(_parser.parse(pattern.pattern, pattern.flags), extended=extended)
        #: a branch matches only at the start of the text ("^\\W*To"): position 0 is tried first
        self.at_start = AT_START in leads
        leads.discard(AT_START)
        chars = {c for s in leads for c in s}
        usable = bool(leads) and "" not in leads and not chars & set(CASE_UNSAFE)
        #: None: a match can start with anything (or be empty), so every position is tried
        self.filter = re.compile(_trie_regex(leads)) if usable else None
        #: the length of the shortest of those strings (0: no filter)
        self.shortest = min(map(len, leads)) if usable else 0
        #: text characters that IGNORECASE matches to a character of those strings but that lower-case
        #: to another ("ſ" matches "s"): a text with one is searched without the filter
        unsafe = [u for u in CASE_UNSAFE if any(re.fullmatch(re.escape(c), u, re.IGNORECASE) for c in chars)]
        self.unsafe = re.compile("[" + re.escape("".join(unsafe)) + "]") if unsafe else None

    def finditer(self, text: str, low: str | None, pos: int = 0, endpos: int | None = None) -> Iterator[re.Match[str]]:
        """The matches of ``pattern.finditer(text, pos, endpos)``; ``low`` is :func:`lowered` of the text."""
        endpos = len(text) if endpos is None else endpos
        # the unsafe characters are all outside ASCII, and str.isascii() is a flag look-up (callers
        # search one text in many windows: a whole-text scan per call was a cost of its own)
        if self.filter is None or low is None or (self.unsafe is not None and not text.isascii()
                                                  and self.unsafe.search(text)):
            yield from self.pattern.finditer(text, pos, endpos)
            return
        search, match = self.filter.search, self.pattern.match
        if self.at_start and pos == 0:
            m = match(text, 0, endpos)
            if m is not None and m.end() == 0:  # an empty match: finditer's own rules for those
                yield from self.pattern.finditer(text, pos, endpos)
                return
            if m is not None:
                yield m
                pos = m.end()
        while (found := search(low, pos, endpos)) is not None:
            m = match(text, found.start(), endpos)
            if m is None:
                pos = found.start() + 1
            else:  # never empty: it starts with a non-empty string
                yield m
                pos = m.end()


#: the non-ASCII characters that match an ASCII letter under IGNORECASE (dotted and dotless i,
#: long s, kelvin sign)
FOLDS_TO_ASCII = re.compile("[\u0130\u0131\u017f\u212a]")


class RuleScanner:
    """All matches of many regex rules in one pass over the text, at any cost independent of
    the number of rules. Each rule is read for the strings (up to ``LOOKAHEAD`` characters) that
    its matches start with; one C-level search finds the word starts that begin with any of them,
    and at each only the rules one of whose strings the text starts with there are tried
    (anchored). Rules that can start anywhere are scanned whole. Overlapping matches of one rule
    are all reported (the caller picks among them)."""

    def __init__(self, rules: Iterable[Rule], flags: int = re.IGNORECASE) -> None:
        from re import _parser

        #: rules by the two-character prefixes they can start with, and parallel to it the strings
        #: that every match of each starts with (its prefixes when nothing longer is known)
        self.by_prefix: dict[str, list[tuple[Rule, re.Pattern[str]]]] = {}
        self.leads: dict[str, list[frozenset[str]]] = {}
        #: rules that the index cannot hold ("^\\W*To", "\\b\\d+ of"), each searched whole: through a
        #: LeadSearch where every match starts with a string of at least ``PREFIX`` characters, else
        #: (None) by the regex engine itself, as positions with a shorter one (a digit, "a") are so many
        #: that trying each from Python costs more than the engine's own scan
        self.anywhere: list[tuple[Rule, re.Pattern[str], LeadSearch | None]] = []
        leading: set[str] = set()
        for rule in rules:
            compiled = re.compile(rule.regex, flags)
            parsed = _parser.parse(rule.regex, flags)
            prefixes = _prefixes(parsed)
            if prefixes is None or any(len(p) < PREFIX or not p[0].isalnum() for p in prefixes):
                search = LeadSearch(compiled, extended=True)
                self.anywhere.append((rule, compiled, search if search.shortest >= PREFIX else None))
                continue
            longer = _leading_strings(parsed)
            if not all(len(p) >= PREFIX and p[:PREFIX] in prefixes for p in longer):
                longer = prefixes
            leading |= longer
            for prefix in prefixes:
                self.by_prefix.setdefault(prefix, []).append((rule, compiled))
                self.leads.setdefault(prefix, []).append(frozenset(longer))
        #: an ASCII text matches these strings under IGNORECASE exactly where its lower() is one of
        #: them, unless one has a character that folds to ASCII ("ı", "ſ"): then ``scan`` never looks here
        self.leading = frozenset() if FOLDS_TO_ASCII.search("".join(leading)) else frozenset(leading)
        #: the word starts worth a look: only those whose first characters (up to ``LOOKAHEAD`` of
        #: them, "remi", not only "re") begin some rule (a C-level search, instead of a Python step
        #: at every word of the text). A look-ahead, so that no word start inside a match is passed
        #: over; its group is the longest such string there (the trie tries longer strings first).
        self.starts = re.compile(r"\b(?=(" + _trie_regex(leading) + "))", re.IGNORECASE) \
            if self.by_prefix else None
        #: leading string -> the rules worth trying where the text starts with it, filled as met
        self._by_lead: dict[str, list[tuple[Rule, re.Pattern[str]]]] = {}

    def _lead_rules(self, lead: str) -> list[tuple[Rule, re.Pattern[str]]]:
        """The rules, in index order, one of whose leading strings begins ``lead``: where the text
        starts with ``lead`` (and with no longer leading string) no other rule can match. Trying
        these few one by one is cheaper than one alternation of all the prefix's rules, which
        tried each of them at every word start with that prefix."""
        key = lead[:PREFIX]
        found = [entry for entry, leads in zip(self.by_prefix[key], self.leads[key], strict=True)
                 if any(lead.startswith(s) for s in leads)]
        self._by_lead[lead] = found
        return found

    def scan(self, text: str, regions: Iterable[tuple[int, int]] | None = None) -> list[tuple[int, int, Rule]]:
        """(start, end, rule) for every match, leading whitespace trimmed; with ``regions``
        ((first, last) character ranges that do not overlap) only the matches that start in one of
        them, read in the whole text (a word boundary or look-behind sees the text before a
        region; a match may end after it)."""
        low = lowered(text) if any(search for _, _, search in self.anywhere) else None
        if regions is None:
            return self._scan(text, 0, len(text), low)
        return [hit for first, last in regions for hit in self._scan(text, first, last, low)]

    def _scan(self, text: str, first: int, last: int, low: str | None) -> list[tuple[int, int, Rule]]:
        """The matches that start between ``first`` and ``last``; ``low`` is :func:`lowered` of the text."""
        hits: list[tuple[int, int, Rule]] = []
        leading, by_lead, by_prefix = self.leading, self._by_lead, self.by_prefix
        for w in self.starts.finditer(text, first) if self.starts is not None else ():
            pos = w.start()
            if pos > last:
                break
            lead = w.group(1)
            if lead.isascii() and (lead := lead.lower()) in leading:
                candidates = by_lead.get(lead) or self._lead_rules(lead)
            else:  # non-ASCII text (the kelvin sign matches "k") or rules: every rule of the prefix
                candidates = by_prefix[text[pos:pos + PREFIX].lower()]
            for rule, compiled in candidates:
                m = compiled.match(text, pos)
                if m and m.end() > pos:
                    hits.append((pos, m.end(), rule))
        for rule, compiled, search in self.anywhere:
            for m in search.finditer(text, low, first) if search is not None else compiled.finditer(text, first):
                start, end = m.span()
                if start > last:
                    break
                while start < end and text[start].isspace():
                    start += 1
                if start < end:
                    hits.append((start, end, rule))
        return hits
