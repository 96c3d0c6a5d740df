"""Abbreviations defined in the text, through scispacy's AbbreviationDetector.

A thin wrapper: scispacy's detector adds a Matcher pattern for every
abbreviation it meets and removes it again, but the Matcher keeps the memory
until it is rebuilt. Over a dump of 100k documents that is a slow leak, so
this component gives the detector a fresh Matcher every ``reset_every``
documents. Results are on ``doc._.abbreviations`` as scispacy puts them.

scispacy's detector makes spaCy warn (W036, "the matcher has no patterns") on every
document without a "(": noise, not a problem. That warning is silenced around the
detector call only, so the same warning from any other matcher still shows.
"""

from __future__ import annotations

import warnings

from scispacy.abbreviation import AbbreviationDetector
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc


@Language.factory("cartmine_abbreviations", default_config={"make_serializable": True, "reset_every": 500})
def make_abbreviations(nlp: Language, name: str, make_serializable: bool, reset_every: int) -> AbbreviationFinder:
    return AbbreviationFinder(nlp, name, make_serializable, reset_every)


class AbbreviationFinder:
    """scispacy's AbbreviationDetector with bounded memory."""

    def __init__(self, nlp: Language, name: str = "abbreviations", make_serializable: bool = True,
                 reset_every: int = 500) -> None:
        self.detector = AbbreviationDetector(nlp, name=name, make_serializable=make_serializable)
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
