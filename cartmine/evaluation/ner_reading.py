"""Reading IOB/CoNLL token files into gold sentences.

File format (:func:`read_iob`): one token per line, ``TOKEN<TAB>TAG`` (extra columns
between them are ignored: the token is the first column and the tag the last),
and a blank line between sentences. Tags may be IOB2 (``B-X`` opens every span),
IOB1-ish (``I-X`` after ``O`` or after another label opens a span) or BIOES
(``S-X``/``E-X``); :mod:`cartmine.iob` decodes them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from cartmine.iob import TokenSpan, iob_to_spans

#: Closing punctuation that is written without a space before it.
_NO_SPACE_BEFORE = frozenset({".", ",", ";", ":", "!", "?", ")", "]", "}", "%", "'s", "'"})
#: Opening punctuation that is written without a space after it.
_NO_SPACE_AFTER = frozenset({"(", "[", "{"})


@dataclass(frozen=True)
class Sentence:
    """One gold sentence: its tokens and their (raw, as read) tags."""

    words: tuple[str, ...]
    tags: tuple[str, ...]

    def __post_init__(self) -> None:
        if len(self.words) != len(self.tags):
            raise ValueError(f"{len(self.words)} words but {len(self.tags)} tags")

    @property
    def spans(self) -> list[TokenSpan]:
        """The gold mentions of this sentence."""
        return iob_to_spans(self.tags)


def parse_iob_lines(lines: Iterable[str]) -> list[Sentence]:
    """Parse CoNLL-style lines into sentences.

    The token is the first whitespace/tab-separated column and the tag the last;
    ``-DOCSTART-`` lines and blank lines end a sentence. A line with a single
    column is treated as a token tagged ``O`` so that a stray untagged line does
    not shift every following tag.
    """
    sentences: list[Sentence] = []
    words: list[str] = []
    tags: list[str] = []

    def flush() -> None:
        if words:
            sentences.append(Sentence(tuple(words), tuple(tags)))
            words.clear()
            tags.clear()

    for raw in lines:
        line = raw.rstrip("\r\n")
        if not line.strip():
            flush()
            continue
        cols = line.split("\t") if "\t" in line else line.split()
        if cols[0] == "-DOCSTART-":
            flush()
            continue
        words.append(cols[0])
        tags.append(cols[-1].strip() if len(cols) > 1 else "O")
    flush()
    return sentences


def read_iob(path: str | Path) -> list[Sentence]:
    """Read an IOB/CoNLL TSV file (see :func:`parse_iob_lines`)."""
    with open(path, encoding="utf8") as fh:
        return parse_iob_lines(fh)


def guess_spaces(words: Sequence[str]) -> list[bool]:
    """Guess whether each token is followed by a space.

    The BC5CDR files give tokens without whitespace; a plausible text matters a
    little for models that look at raw text (and for readable debugging output),
    nothing for the token-based scores.
    """
    spaces = []
    for i, word in enumerate(words):
        nxt = words[i + 1] if i + 1 < len(words) else None
        glued = nxt is None or word in _NO_SPACE_AFTER or nxt in _NO_SPACE_BEFORE or "-" in (word, nxt)
        spaces.append(not glued)
    return spaces
