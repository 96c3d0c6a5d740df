"""Sentence boundaries for news and abstracts.

spaCy's rule sentencizer ignores line breaks, but in our inputs a line break is
almost always a boundary (headlines, datelines, "Tags:" lines, abstract
sections). This component splits on line breaks and on sentence-final
punctuation followed by a plausible sentence start.
"""

from __future__ import annotations

import bisect
import re

import numpy
from spacy.attrs import IDX, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from cartmine.extensions import doc_text

FINAL_PUNCT = {".", "!", "?"}
OPENERS = {'"', "“", "'", "‘", "(", "["}
#: the characters that can make the next token a sentence start (a line break, final punctuation)
BREAK_CHARS = re.compile(r"[\n.!?]")


#: a single capital and its full stop, which the tokenizer keeps together as an initial ("T.")
LETTER_STOP = re.compile(r"[A-Z]\.")


def _hyphen_letter_end(doc: Doc, prev: int, pos: int) -> bool:
    """Whether the full stop at ``pos`` ends a hyphenated name's last letter ("after the one-time
    CAR-T. Eleven patients died"): the tokenizer reads "T." as an initial, but an initial follows a
    space ("Dr. T. Smith"), never a hyphen, so there the stop ends the sentence."""
    token = doc[prev]
    return (prev > 0 and token.idx + 1 == pos and LETTER_STOP.fullmatch(token.text) is not None
            and doc[prev - 1].text == "-" and not doc[prev - 1].whitespace_)


@Language.factory("cartmine_sentences")
def make_sentences(nlp: Language, name: str) -> SentenceSplitter:
    return SentenceSplitter()


class SentenceSplitter:
    """Set ``token.is_sent_start`` from line breaks and final punctuation.

    A token starts a sentence when the previous token or its trailing whitespace holds a line
    break, or when the previous token is final punctuation and the token (not a space) starts
    with a capital, a digit or an opening quote or bracket; every other token does not.

    Only the tokens after a line break or a final punctuation character are looked at, and the
    flags are written with one ``Doc.from_array``: setting ``Token.is_sent_start`` token by
    token made spaCy check the whole document for a parse at every token (quadratic in the
    document length, the largest rule-side cost of the pipeline).
    """

    def __call__(self, doc: Doc) -> Doc:
        n = len(doc)
        if not n:
            return doc
        text = doc_text(doc)
        idx = doc.to_array(IDX).tolist()
        starts = numpy.full(n, -1, dtype=numpy.int64)
        starts[0] = 1
        for m in BREAK_CHARS.finditer(text):
            pos = m.start()
            # the token whose text or trailing whitespace holds the character
            prev = bisect.bisect_right(idx, pos) - 1
            if prev + 1 >= n:
                continue
            if m.group() == "\n":
                starts[prev + 1] = 1
            elif (idx[prev] == pos and doc[prev].text in FINAL_PUNCT) or _hyphen_letter_end(doc, prev, pos):
                token = doc[prev + 1]
                if not token.is_space:
                    first = token.text[0]
                    if first.isupper() or first.isdigit() or first in OPENERS:
                        starts[prev + 1] = 1
        # -1 (not a start) as spaCy's own to_array writes it: the uint64 wrap-around
        doc.from_array([SENT_START], starts.astype(numpy.uint64))
        return doc
