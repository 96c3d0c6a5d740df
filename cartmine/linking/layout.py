"""The plain data the record linker reads besides the mentions: text, sentences, title, sections.

The linker never touches spaCy objects, so a test can describe a document with a few tuples
and the spaCy component only has to copy ``doc.sents`` into a :class:`DocumentLayout`.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache


@dataclass(frozen=True)
class Section:
    """A labelled part of an abstract ("RESULTS ..."), as character offsets."""

    name: str
    start: int
    end: int


@dataclass(frozen=True)
class DocumentLayout:
    """Where the sentences, the title and the abstract sections of one document are.

    ``sentences`` are ``(start, end)`` character offsets in text order; ``body_offset`` is where
    the body starts after a title (0 when there is none); ``sections`` come from
    :func:`find_sections` or from a reader that knows them.
    """

    text: str
    sentences: tuple[tuple[int, int], ...]
    body_offset: int = 0
    sections: tuple[Section, ...] = ()
    _starts: tuple[int, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        sentences = tuple(sorted((int(s), int(e)) for s, e in self.sentences)) or ((0, len(self.text)),)
        object.__setattr__(self, "sentences", sentences)
        object.__setattr__(self, "_starts", tuple(s for s, _ in sentences))

    @classmethod
    def build(cls, text: str, sentences: Iterable[Sequence[int]], body_offset: int = 0,
              headers: Mapping[str, Sequence[str]] | None = None) -> DocumentLayout:
        """A layout whose sections are read off the text with :func:`find_sections`."""
        sents = tuple((int(s[0]), int(s[1])) for s in sentences)
        return cls(text, sents, body_offset, find_sections(text, headers or {}))

    def sentence_of(self, offset: int) -> int:
        """Index of the sentence holding character ``offset``."""
        return max(0, bisect_right(self._starts, offset) - 1)

    def sentence_text(self, index: int) -> str:
        start, end = self.sentences[index]
        return self.text[start:end]

    def in_title(self, offset: int) -> bool:
        return offset < self.body_offset

    def section_at(self, offset: int) -> str | None:
        """Name of the abstract section holding ``offset``, or None where the text has no headings."""
        for section in self.sections:
            if section.start <= offset < section.end:
                return section.name
        return None


def find_sections(text: str, headers: Mapping[str, Sequence[str]]) -> tuple[Section, ...]:
    """Abstract sections from upper-case headings ("RESULTS", "PATIENTS AND METHODS").

    ``headers`` maps a section name to its headings (``resources/linking.yaml``). A heading
    counts in capitals followed by a colon or a capitalised word, or capitalised with its colon
    ("Results:"), so that the word "results" in a sentence starts nothing.
    """
    if not headers:
        return ()
    pattern, by_heading = _heading_pattern(tuple((name, tuple(hs)) for name, hs in headers.items()))
    found = [(m.start(), by_heading[m.group(1)]) for m in pattern.finditer(text)
             if text.startswith(":", m.end()) or (m.group(1).isupper() and (
                 CAPITAL_NEXT.match(text, m.end()) or _sentence_start(text, m.start())))]
    return tuple(Section(name, start, found[i + 1][0] if i + 1 < len(found) else len(text))
                 for i, (start, name) in enumerate(found))


#: after a heading in capitals: a capitalised word, a number or a bracket ("RESULTS The ...")
CAPITAL_NEXT = re.compile(r"\s+[A-Z0-9(]")


def _sentence_start(text: str, offset: int) -> bool:
    """Whether ``offset`` opens a sentence (the text's start, or after final punctuation or a line
    break): there a heading in capitals may run into a lower-case word ("RESULTS rAd-p53 was ...",
    "CONCLUSION the combined therapy ..."), which inside a sentence starts nothing."""
    before = text[:offset]
    stripped = before.rstrip()
    return not stripped or stripped[-1] in ".!?" or "\n" in before[len(stripped):]


@lru_cache(maxsize=8)
def _heading_pattern(headers: tuple[tuple[str, tuple[str, ...]], ...]) -> tuple[re.Pattern[str], dict[str, str]]:
    """The headings' regex, compiled once per set of headings."""
    by_heading = {h: name for name, hs in headers for h in hs}
    by_heading.update({h.capitalize(): name for h, name in list(by_heading.items())})
    alternatives = "|".join(re.escape(h) for h in sorted(by_heading, key=len, reverse=True))
    # "RESULTS The ..." or "RESULTS: ..." in capitals; "Results: ..." only with its colon; capitals
    # before a lower-case word only at a sentence start (``find_sections``)
    pattern = re.compile(rf"(?<![\w-])({alternatives})(?:(?=\s*:)|(?<=[A-Z]{{2}})(?=\s*[.&]?\s+\S))")
    return pattern, by_heading
