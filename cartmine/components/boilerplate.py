"""Mark web-page furniture so that entities found only there are ignored.

The record contract says navigation and teaser lines (PREV/NEXT headlines,
"Read more", "Related", "Tags", share bars, advertisements) are not the
article. The HTML reader removes most of it; this component catches what
survives in plain-text dumps. It records character ranges on ``doc._.boilerplate``.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from cartmine.extensions import doc_text

#: A line starting with one of these words (optionally followed by ":" or "|") is furniture.
#: Not "Editor's Note": in journal press releases that line states who funded the study.
FURNITURE_LINE = re.compile(
    r"^\s*(?:<<\s*)?(?:read more|read next|related(?: \w+)?|more on this topic|more from|tags?|topics?|"
    r"share(?: this(?: article| story)?)?|print|email|prev(?:ious)?|next|advertisement|sponsored|"
    r"subscribe|sign up|newsletter|follow us|cookies?|copyright|©|photo|image|credit|see also|"
    r"also read|recommended|most read|trending|comments?|disclaimer|about the author|"
    r"you may also like|latest news|filed under|keywords)\b",
    re.IGNORECASE,
)
#: A header that starts a block of teaser lines ("Most Popular", then "1. Headline").
TEASER_HEADER = re.compile(
    r"^\s*(?:most\s+(?:popular|read|viewed|shared)|trending(?:\s+now)?|related(?:\s+(?:articles|stories|news|content|coverage|reading|links|posts))?|"
    r"recommended(?:\s+for\s+you)?|you\s+may\s+also\s+like|latest(?:\s+news)?|more\s+(?:news|stories|from\s+[\w\s]+)|"
    r"read\s+next|top\s+stories|editor'?s\s+picks?|popular\s+now|in\s+case\s+you\s+missed\s+it)\s*:?\s*$",
    re.IGNORECASE,
)
#: Short lines made of several "|"-separated cells: datelines, share bars, section labels.
PIPE_CELLS = re.compile(r"\s\|\s")
#: what follows a furniture word when it labels a line ("Read more: ...", "Photo - http...", "PREV |")
FURNITURE_SEPARATOR = re.compile(r"\s*(?:[:|»>\-–—]|$)")
#: a line this long that starts with a furniture word without a separator is prose ("Previous
#: studies have shown ...", "Next, the team isolated ..."), not a navigation label
MAX_UNSEPARATED_FURNITURE_WORDS = 16


@Language.factory("cartmine_boilerplate", default_config={"max_pipe_line_words": 14})
def make_boilerplate(nlp: Language, name: str, max_pipe_line_words: int) -> BoilerplateMarker:
    return BoilerplateMarker(max_pipe_line_words)


def is_furniture(line: str, max_pipe_line_words: int = 14) -> bool:
    """Whether one line of a news page is navigation or teaser text."""
    stripped = line.strip()
    if not stripped:
        return False
    m = FURNITURE_LINE.match(stripped)
    if m and (FURNITURE_SEPARATOR.match(stripped, m.end())
              or len(stripped.split()) <= MAX_UNSEPARATED_FURNITURE_WORDS):
        return True
    return bool(PIPE_CELLS.search(stripped)) and len(stripped.split()) <= max_pipe_line_words


class BoilerplateMarker:
    """Find furniture lines in the body (never in the title)."""

    def __init__(self, max_pipe_line_words: int = 14) -> None:
        self.max_pipe_line_words = max_pipe_line_words

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        ranges: list[tuple[int, int]] = []
        pos = doc._.body_offset or 0
        in_teasers = False
        for line in text[pos:].split("\n"):
            end = pos + len(line)
            stripped = line.strip()
            if TEASER_HEADER.match(stripped):
                in_teasers = True
            elif in_teasers and (not stripped or len(stripped.split()) > 20):
                in_teasers = stripped == "" and in_teasers  # a blank line inside a teaser block keeps it open
            if in_teasers or is_furniture(line, self.max_pipe_line_words):
                ranges.append((pos, end))
            pos = end + 1
        doc._.boilerplate = ranges
        return doc
