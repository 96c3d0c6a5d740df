"""Abbreviations defined in the text, through scispacy's AbbreviationDetector.

A thin wrapper: scispacy's detector adds a Matcher pattern for every
abbreviation it meets and removes it again, but the Matcher keeps the memory
until it is rebuilt. Over a dump of 100k documents that is a slow leak, so
this component gives the detector a fresh Matcher every ``reset_every``
documents. Results are on ``doc._.abbreviations`` as scispacy puts them.

scispacy's detector makes spaCy warn (W036, "the matcher has no patterns") on every
document without a "(": noise, not a problem. That warning is silenced around the
detector call only, so the same warning from any other matcher still shows.

The detector's first step, a spaCy Matcher for ``( ... )``, is replaced by
:class:`ParenthesisMatcher`, which returns the same matches from the token array:
the Matcher makes two Python Token objects per token of every document, and that
step was most of the detector's time.
"""

from __future__ import annotations

import warnings

from scispacy.abbreviation import AbbreviationDetector
from spacy.attrs import ORTH
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

#: scispacy's filter_matches drops a bracket with more than 8 tokens inside, so none is made
MAX_INSIDE = 8


class ParenthesisMatcher:
    """What scispacy's ``Matcher`` pattern ``"(" + ")"`` returns, without the Matcher.

    The pattern matches every "(" token with every later ")" token that has at least one
    token between them (any tokens, brackets included); the Matcher lists the matches by
    their end, and for one end the later "(" first. This returns the same list, left out
    only the matches that scispacy's filter drops for their length (more than
    ``max_inside`` tokens inside). tests/test_abbreviations.py checks it against the Matcher.
    """

    def __init__(self, vocab: Vocab, max_inside: int | None = MAX_INSIDE) -> None:
        self.key = vocab.strings.add("parenthesis")
        self.open = vocab.strings.add("(")
        self.close = vocab.strings.add(")")
        self.max_inside = max_inside

    def __call__(self, doc: Doc) -> list[tuple[int, int, int]]:
        """``(match id, start, end)`` of every bracket pair, as the Matcher orders them."""
        if not len(doc):
            return []
        limit = self.max_inside if self.max_inside is not None else len(doc)
        opens: list[int] = []
        matches: list[tuple[int, int, int]] = []
        for end, orth in enumerate(doc.to_array(ORTH).tolist()):
            if orth == self.close:
                for start in reversed(opens):
                    inside = end - start - 1
                    if inside > limit:
                        break  # the earlier "(" are further away still
                    if inside >= 1:
                        matches.append((self.key, start, end + 1))
            if orth == self.open:
                opens.append(end)
        return matches


@Language.factory("cartmine_abbreviations", default_config={"make_serializable": True, "reset_every": 500})
def make_abbreviations(nlp: Language, name: str, make_serializable: bool, reset_every: int) -> AbbreviationFinder:
    return AbbreviationFinder(nlp, name, make_serializable, reset_every)


class AbbreviationFinder:
    """scispacy's AbbreviationDetector with bounded memory."""

    def __init__(self, nlp: Language, name: str = "abbreviations", make_serializable: bool = True,
                 reset_every: int = 500) -> None:
        self.detector = AbbreviationDetector(nlp, name=name, make_serializable=make_serializable)
        self.detector.matcher = ParenthesisMatcher(nlp.vocab)
        self.vocab = nlp.vocab
        self.reset_every = reset_every
        self._seen = 0

    def __call__(self, doc: Doc) -> Doc:
        self._seen += 1
        if self.reset_every and self._seen % self.reset_every == 0:
            self.detector.global_matcher = Matcher(self.vocab)
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message=r".*\[W036\].*")
            return self.detector(doc)
