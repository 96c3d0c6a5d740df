"""Sentence boundaries for news and abstracts.

spaCy's rule sentencizer ignores line breaks, but in our inputs a line break is
almost always a boundary (headlines, datelines, "Tags:" lines, abstract
sections). This component splits on line breaks and on sentence-final
punctuation followed by a plausible sentence start.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

FINAL_PUNCT = {".", "!", "?"}
OPENERS = {'"', "“", "'", "‘", "(", "["}


@Language.factory("cartmine_sentences")
def make_sentences(nlp: Language, name: str) -> SentenceSplitter:
    return SentenceSplitter()


class SentenceSplitter:
    """Set ``token.is_sent_start`` from line breaks and final punctuation."""

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        doc[0].is_sent_start = True
        for i in range(1, len(doc)):
            token, prev = doc[i], doc[i - 1]
            start = False
            if "\n" in prev.text or "\n" in prev.whitespace_:
                start = True
            elif prev.text in FINAL_PUNCT and not token.is_space:
                first = token.text[0]
                start = first.isupper() or first.isdigit() or first in OPENERS
            token.is_sent_start = start
        return doc
