"""Every rule's own examples fire and its counterexamples do not (rules as named data)."""

from __future__ import annotations

import re

import pytest
import spacy
import yaml

from cartmine.components.sponsors import SponsorRecognizer
from cartmine.rules import RuleError, load_rules, load_yaml, parse_rules, rule_sections

RULE_FILES = ("outcomes.yaml", "durations.yaml", "patient_counts.yaml", "context.yaml", "sponsors.yaml")


def _all_rules():
    for name in RULE_FILES:
        for section in rule_sections(name):
            for rule in load_rules(name, section):
                yield pytest.param(name, rule, id=f"{name.split('.')[0]}:{rule.id}")


@pytest.fixture(scope="module")
def rules_nlp(rule_pipeline):
    """Sentences, diseases (lexicon only) and outcomes: what the count and context rules look at.

    The learned result-sentence gate is off: an example is one sentence out of its document (a
    narrative "She regained..." scores low without the case it reports), and these tests are
    about the phrase rules; tests/test_result_sentences.py tests the gate."""
    nlp = rule_pipeline("cartmine_sentences", "cartmine_boilerplate", "cartmine_diseases")
    nlp.add_pipe("cartmine_outcomes", config={"min_result_prob": 0.0})
    return nlp


@pytest.fixture(scope="module")
def fired_by(rules_nlp):
    """For each rule file, a function text -> ids of the rules that fired on it."""
    outcomes = rules_nlp.get_pipe("cartmine_outcomes")
    # built by their factories, so the settings are pipeline.cfg's (tests/test_pipeline_config.py)
    factories = spacy.blank("en")
    durations = factories.add_pipe("cartmine_durations")
    counts = factories.add_pipe("cartmine_patient_counts")
    context = factories.add_pipe("cartmine_context")

    def fired_counts(text):
        fired: set[str] = set()
        counts.candidates(rules_nlp(text), fired)
        return fired

    def fired_context(text):
        fired: set[str] = set()
        context.annotate(rules_nlp(text), fired)
        return fired

    def fired_durations(text):
        fired: set[str] = set()
        durations.parse_sentence(text, fired=fired)
        return fired

    def fired_outcomes(text):
        fired: set[str] = set()
        outcomes.find(text, fired=fired)
        return fired

    def fired_sponsors(text):
        fired: set[str] = set()
        SponsorRecognizer.about_companies(text, fired)
        SponsorRecognizer.diagnostic_subject(text, fired)
        SponsorRecognizer.about_diagnostic_makers(text, fired)
        SponsorRecognizer.parenthetical_makers(text, fired)
        return fired

    return {"sponsors.yaml": fired_sponsors, "outcomes.yaml": fired_outcomes, "durations.yaml": fired_durations,
            "patient_counts.yaml": fired_counts, "context.yaml": fired_context}


@pytest.mark.parametrize(("rule_file", "rule"), list(_all_rules()))
def test_rule_examples(fired_by, rule_file, rule):
    assert rule.examples, f"{rule.id} has no examples"
    fired = fired_by[rule_file]
    for text in rule.examples:
        assert rule.id in fired(text), f"{rule.id} should fire on {text!r}"
    for text in rule.counterexamples:
        assert rule.id not in fired(text), f"{rule.id} should not fire on {text!r}"


def test_rule_counts():
    """Each rule file holds rule records (and a loader failure would make this fail loudly)."""
    total = sum(len(load_rules(n, s)) for n in RULE_FILES for s in rule_sections(n))
    assert total >= 80


@pytest.mark.parametrize(("record", "message"), [
    ({"id": "x", "label": "y", "pattern": "a", "exampels": ["typo"]}, "unknown key"),
    ({"id": "x", "label": "y"}, "missing"),
    ({"id": "x", "label": "y", "pattern": "a(<<nowhere>>)"}, "unknown word list"),
    ({"id": "x", "label": "y", "pattern": "a("}, "bad pattern"),
])
def test_loader_rejects_bad_records(record, message):
    with pytest.raises(RuleError, match=message):
        parse_rules([record], {}, "test.yaml")


def test_loader_rejects_duplicate_ids():
    with pytest.raises(RuleError, match="duplicate"):
        parse_rules([{"id": "x", "label": "y", "pattern": "a"}] * 2, {}, "test.yaml")


def test_word_lists_expand():
    rules = parse_rules(yaml.safe_load("[{id: s, label: improvement, pattern: '<<scores>> fell'}]"),
                        {"scores": ["MG-ADL", "SLEDAI"]}, "test.yaml")
    assert re.fullmatch(rules[0].regex, "MG ADL fell") and re.fullmatch(rules[0].regex, "SLEDAI fell")


def test_generic_outcome_rules_name_no_disease():
    """Disease and score words live in the named lists, not in the rule patterns."""
    raw = load_yaml("outcomes.yaml")
    for section in ("rules", "exclude"):
        for rec in raw[section]:
            text = str(rec["pattern"]).lower()
            for word in ("lupus", "sledai", "mg-adl", "myasthenia", "methotrexate"):
                assert word not in text, f"{rec['id']} names {word}"


def test_scanner_finds_every_match_of_every_rule():
    """The one-pass scanner (prefix index + leading strings) misses no match a per-rule scan would find."""
    matcher = spacy.blank("en").add_pipe("cartmine_outcomes")
    rules = matcher.rules + matcher.exclusions
    texts = [t for r in rules for t in r.examples + r.counterexamples]
    for text in texts:
        found = {(s, e, r.id) for s, e, r in matcher.scanner.scan(text)}
        for rule in rules:
            for m in re.finditer(rule.regex, text, re.IGNORECASE):
                if re.match(r"\b\w", text[m.start():]) and (m.start() == 0 or not text[m.start() - 1].isalnum()):
                    assert (m.start(), m.end(), rule.id) in found, f"{rule.id} missed in {text!r}"


def test_prefix_index_reads_the_regex():
    from re import _parser

    from cartmine.rules import _prefixes

    assert _prefixes(_parser.parse(r"\b(?:(?:overall|objective)\s+)?responses?", re.I)) == {"ov", "ob", "re"}
    assert _prefixes(_parser.parse(r"(?:did\s+not|do\s+not)\s+need", re.I)) == {"di", "do"}
    assert _prefixes(_parser.parse(r"[\w-]+\s+free", re.I)) is None  # can start anywhere: scanned whole


def test_leading_strings_read_past_what_can_start_anywhere():
    """The scanner's word-start filter: every match starts with one of these strings, read up to the
    first item that could start with anything ("\\s+") instead of giving the rule up."""
    from re import _parser

    from cartmine.rules import _leading_strings

    def lead(regex: str) -> set[str]:
        return _leading_strings(_parser.parse(regex, re.I), 5)

    assert lead(r"(?:in\s+response\s+to)|(?:respons\w+)") == {"in", "respo"}
    assert lead(r"\b(?:(?:overall|objective)\s+)?responses?") == {"overa", "objec", "respo"}
    assert lead(r"no\s+relapse") == {"no"}
    assert lead(r"CR|PR") == {"cr", "pr"}
    assert lead(r"(?:ab)+c") == {"abc", "ababc", "ababa"}  # repeated: cut at five characters
    assert lead(r"[\w-]+\s+free") == {""}  # nothing known: the rule's two-character prefixes stand


def test_scanner_tries_the_rules_of_the_longest_leading_string():
    """At a word start the scanner tries only the rules whose leading strings the text starts with;
    a rule with a short leading string ("in") is still tried where a longer one ("infus") is found,
    and non-ASCII text that folds to ASCII (the kelvin sign) falls back to every rule of the prefix."""
    from cartmine.rules import Rule, RuleScanner

    rules = [Rule("in_x", "x", r"in\s+remission"), Rule("infusion", "x", r"infusions?"),
             Rule("in_word", "x", r"in\w+"), Rule("kinetics", "x", r"kinetics")]
    scanner = RuleScanner(rules)
    text = "Infusion in remission; infusions and inhibitors; \u212ainetics and kinetics."
    expected = sorted((m.start(), m.end(), r.id) for r in rules for m in re.finditer(r.regex, text, re.I)
                      if m.start() == 0 or not text[m.start() - 1].isalnum())
    assert sorted((s, e, r.id) for s, e, r in scanner.scan(text)) == expected
    assert [r.id for r, _ in scanner._lead_rules("infus")] == ["in_x", "infusion", "in_word"]
    assert [r.id for r, _ in scanner._lead_rules("in")] == ["in_x", "in_word"]  # "inhibitors": not "infusion"


def test_scanner_regions_give_the_matches_that_start_there():
    """A scan limited to regions reports exactly the whole-text matches that start in them: the
    text before a region still counts for a word boundary or look-behind (no spurious word start
    inside "remission" at a region's first character), and a match may run past the region."""
    from cartmine.rules import Rule, RuleScanner

    rules = [Rule("in_x", "x", r"in\s+remission"), Rule("mission", "x", r"\bmission"),
             Rule("after_no", "x", r"(?<=no )relapse"), Rule("anywhere", "x", r"[\w-]+\s+free")]
    scanner = RuleScanner(rules)
    text = "Patients in remission; no relapse was seen; relapse-free survival; in remission again."
    whole = sorted(scanner.scan(text), key=lambda h: (h[0], h[1], h[2].id))
    for regions in ([(0, 10)], [(12, 30)], [(3, 15), (40, 60)], [(25, len(text))]):
        inside = [h for h in whole if any(first <= h[0] <= last for first, last in regions)]
        assert sorted(scanner.scan(text, regions), key=lambda h: (h[0], h[1], h[2].id)) == inside
    assert not [h for h in scanner.scan(text, [(15, 18)]) if h[2].id == "mission"]  # inside "remission"


@pytest.mark.parametrize("regex, flags", [
    (r"(?<![\w-])(?:anti-?)?(?:CD19|BCMA)[- ]?CAR[- ]?T(?![\w])", re.IGNORECASE),
    (r"\b(?:sample\s+size|planned\s+enrol+ment)\s+of\s+\d+", re.IGNORECASE),
    (r"(?<![\w&])[A-Z][\w&.-]*,?\s+(?:Inc|Ltd)\b", 0),
    (r"\bsuccess\w*", re.IGNORECASE),
    (r"\w+ CAR", 0),  # a match may start with anything: no filter, every position tried
])
def test_lead_search_gives_the_matches_of_finditer(regex, flags):
    """LeadSearch tries the pattern only where the lower-cased text begins a string that its matches
    start with; it finds what finditer finds, also in windows, in upper case, and where IGNORECASE
    matches a character that lower() maps elsewhere ("ſ" is "s", the kelvin sign "k", "İ" is two
    characters when lower-cased)."""
    from cartmine.rules import LeadSearch, lowered

    pattern = re.compile(regex, flags)
    search = LeadSearch(pattern)
    text = ("Anti-CD19 CAR-T and BCMA CAR T, then bcma-car-t. The ſample size of 40 and sample  size of 12. "
            "Foo Inc and Bar, Ltd. and \u212aite Inc; SUCCESSFUL İnc successes ſuccess. CD19 CAR")
    for variant in (text, text.upper(), text.lower(), text.replace("İ", "I")):
        low = lowered(variant)
        assert [m.span() for m in search.finditer(variant, low)] == [m.span() for m in pattern.finditer(variant)]
        for pos, endpos in ((5, 60), (0, 30), (40, len(variant))):
            assert ([m.span() for m in search.finditer(variant, low, pos, endpos)]
                    == [m.span() for m in pattern.finditer(variant, pos, endpos)])
    assert (search.filter is None) == (regex == r"\w+ CAR")


def test_leading_strings_are_cut_not_dropped_when_too_many():
    """A long word list gives more leading strings than the filter takes: they are cut shorter (never
    below what was read before the list), so the rule keeps a word-start filter instead of falling
    back to its two-character prefixes."""
    from re import _parser

    from cartmine.rules import MAX_LOOKAHEAD, _leading_strings

    words = [f"{a}{b}{c}xyz" for a in "abcdefgh" for b in "abcdefgh" for c in "abcdefgh"]  # 512 words
    lead = _leading_strings(_parser.parse(r"(?:" + "|".join(words) + r")\s+responses?", re.I), 5)
    assert len(lead) <= MAX_LOOKAHEAD and lead and all(len(s) == 2 for s in lead)
    assert _leading_strings(_parser.parse(r"the\s+(?:" + "|".join(words) + ")", re.I), 5) == {"the"}


@pytest.mark.parametrize("regex", [
    r"(?:^\W*To\s+(?:assess|determine)\b)|(?:\bwe\s+aimed\s+to\b)",
    r"\A\s*responses?\s+of\b|\bresponse\s+rate",
])
def test_lead_search_tries_a_start_of_text_branch_at_the_start(regex):
    """A branch anchored at the start of the text ("^" without MULTILINE, "\\A") can only match at
    position 0: LeadSearch tries that position first and filters the rest by the other branches'
    leading strings, with finditer's matches (a search from a later position never matches "^")."""
    from cartmine.rules import LeadSearch, lowered

    pattern = re.compile(regex, re.IGNORECASE)
    search = LeadSearch(pattern, extended=True)
    assert search.at_start and search.filter is not None
    for text in ("To assess the drug, we aimed to compare. To determine x.", "(To determine whether) it works",
                 "Response of the tumour: the response rate was 40%.", "We aimed to see; to assess it."):
        low = lowered(text)
        for pos in (0, 1, 10):
            assert [m.span() for m in search.finditer(text, low, pos)] == [m.span() for m in pattern.finditer(text, pos)]
    assert not LeadSearch(re.compile(r"(?m)^To\s+assess|\bwe\s+aimed"), extended=True).at_start
