"""Plain-text files, one document per file (a file, or every .txt file of a folder).

Rules:

* id: the path below the input folder without extension (``2024/kyverna``), or
  the file stem for a file given directly; unique within a folder tree.
* title: the first line when it is followed by a blank line and is at most
  200 characters (the usual "headline, blank line, body" layout); otherwise
  there is no title and the whole file is the text.
* encoding: UTF-8 (a BOM is allowed). Anything else is reported as an error for
  that document rather than guessed: a wrong guess between Latin-1, cp1252 and
  MacRoman silently changes characters such as "µ", "≥" and "–" that carry
  doses, durations and ranges, and shifts nothing visibly. Convert such files
  first (``iconv -f cp1252 -t utf-8``).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from cartmine.document import InputDocument, ReadError
from cartmine.readers.pages import read_each

MAX_TITLE_CHARS = 200


def split_title(content: str) -> tuple[str | None, str]:
    """(title, text) following the headline-blank-line rule."""
    lines = content.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    first = lines[0].strip()
    if len(lines) > 2 and first and len(first) <= MAX_TITLE_CHARS and not lines[1].strip():
        return first, "\n".join(lines[2:]).strip("\n")
    return None, content.strip("\n")


def read_text(path: str | Path, root: Path | None = None) -> Iterator[InputDocument | ReadError]:
    """One document per file."""
    return read_each(path, root, _text_document)


def _text_document(path: Path, doc_id: str, raw: bytes) -> InputDocument | ReadError:
    """The document in one UTF-8 file, its title split off by the headline-blank-line rule."""
    try:
        content = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return ReadError(str(path), f"file is not UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start}); "
                                    "convert it to UTF-8 first, e.g. iconv -f cp1252 -t utf-8", doc_id=doc_id)
    title, text = split_title(content)
    return InputDocument(id=doc_id, text=text, title=title, meta={"location": str(path)})
