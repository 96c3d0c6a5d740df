"""Tests for ``cartmine_abbreviations``: its bracket finder returns what scispacy's Matcher did.

Why: the component swaps scispacy's ``Matcher`` pattern ``"(" + ")"`` for
:class:`~cartmine.components.abbreviations.ParenthesisMatcher` (a speed change), and the
detector reads the matches in order, so the list must be the same, order included.
"""

from __future__ import annotations

import random

import pytest
import spacy
from scispacy.abbreviation import AbbreviationDetector, filter_matches
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc

from cartmine.components.abbreviations import MAX_INSIDE, ParenthesisMatcher


@pytest.fixture(scope="module")
def blank() -> Language:
    return spacy.blank("en")


def spacy_matcher(nlp: Language) -> Matcher:
    matcher = Matcher(nlp.vocab)
    matcher.add("parenthesis", [[{"ORTH": "("}, {"OP": "+"}, {"ORTH": ")"}]])
    return matcher


def random_docs(nlp: Language, n: int = 3000) -> list[Doc]:
    """Token sequences full of nested, unbalanced and empty brackets."""
    rng = random.Random(13)
    return [Doc(nlp.vocab, words=[rng.choice(["(", ")", "a", "b"]) for _ in range(rng.randint(0, 30))])
            for _ in range(n)]


def test_all_matches_as_the_matcher_orders_them(blank: Language) -> None:
    reference, ours = spacy_matcher(blank), ParenthesisMatcher(blank.vocab, max_inside=None)
    for doc in random_docs(blank):
        assert ours(doc) == (reference(doc) if len(doc) else [])


def test_matches_scispacy_keeps_are_the_same(blank: Language) -> None:
    reference, ours = spacy_matcher(blank), ParenthesisMatcher(blank.vocab)
    for doc in random_docs(blank):
        expected = [m for m in (reference(doc) if len(doc) else []) if m[2] - m[1] - 2 <= MAX_INSIDE]
        assert ours(doc) == expected

        def inner(matches: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
            return [(key, start + 1, end - 1) for key, start, end in matches]

        def texts(pairs: list) -> list[tuple[str, str]]:
            return [(long.text, short.text) for long, short in pairs]

        assert texts(filter_matches(inner(ours(doc)), doc)) == texts(filter_matches(inner(reference(doc)), doc))


def test_detector_finds_the_same_abbreviations(blank: Language) -> None:
    text = ("Patients with chronic kidney disease (CKD) and atrial fibrillation (AF) received "
            "tumour necrosis factor (TNF) blockers (( nested ) brackets ) ; CKD worsened (p = 0.03) in AF.")
    plain = AbbreviationDetector(blank)
    ours = AbbreviationDetector(blank)
    ours.matcher = ParenthesisMatcher(blank.vocab)
    found = [[(a.text, a._.long_form.text) for a in detector(blank.make_doc(text))._.abbreviations]
             for detector in (plain, ours)]
    assert found[0] == found[1]
    assert ("CKD", "chronic kidney disease") in found[1]
