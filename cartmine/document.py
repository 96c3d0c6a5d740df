"""Input documents as the record contract defines them (section 1).

Every reader (JSONL, PubMed XML, HTML, text folders, CSV/Parquet) produces
:class:`InputDocument` objects, or :class:`ReadError` objects for input it could
not turn into a document, so that a batch can report the problem and go on.
"""

from __future__ import annotations

import numbers
from dataclasses import dataclass, field
from typing import Any

#: Separator between title and body; mention offsets count into title + SEP + text.
TITLE_SEPARATOR = "\n\n"

#: Input fields the contract knows; everything else is ignored (``gold`` included).
CONTRACT_FIELDS = ("id", "text", "title", "source", "date", "url", "lang")


@dataclass
class InputDocument:
    """One document to extract from."""

    id: str
    text: str
    title: str | None = None
    source: str | None = None
    date: str | None = None
    url: str | None = None
    lang: str | None = None
    #: Reader-specific extras (journal, MeSH headings, file path); carried to the output.
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def full_text(self) -> str:
        """The string that mention offsets refer to."""
        if self.title:
            return self.title + TITLE_SEPARATOR + self.text
        return self.text

    @property
    def body_offset(self) -> int:
        """Offset of ``text`` inside :attr:`full_text`."""
        return len(self.title) + len(TITLE_SEPARATOR) if self.title else 0

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> InputDocument:
        """Build from a contract-shaped dict; raises ``ValueError`` with a clear reason."""
        if not isinstance(data, dict):
            raise ValueError(f"document must be a JSON object, got {type(data).__name__}")
        doc_id = data.get("id")
        if doc_id is None or (isinstance(doc_id, str) and not doc_id.strip()):
            raise ValueError("document has no 'id'")
        if not is_valid_id(doc_id):
            raise ValueError(f"'id' must be a string (or an integer), got {type(doc_id).__name__}")
        text = data.get("text")
        if text is None:
            raise ValueError("document has no 'text'")
        if not isinstance(text, str):
            raise ValueError(f"'text' must be a string, got {type(text).__name__}")
        title = data.get("title")
        if title is not None and not isinstance(title, str):
            raise ValueError(f"'title' must be a string, got {type(title).__name__}")
        optional = {}
        for name in ("source", "date", "url", "lang"):
            value = data.get(name)
            optional[name] = None if value is None else str(value)
        return cls(id=str(doc_id), text=text, title=title or None, **optional)

    def to_dict(self) -> dict[str, Any]:
        """The contract input fields that are set."""
        out: dict[str, Any] = {"id": self.id}
        for name in ("title", "text", "source", "date", "url", "lang"):
            value = getattr(self, name)
            if value is not None:
                out[name] = value
        return out


def is_valid_id(value: Any) -> bool:
    """The contract's ids are strings; integers (PMIDs, CSV row numbers) are accepted and written as
    their decimal string. Anything else (an object, a list, a boolean, 1.5) would have to be
    stringified into an id nobody chose, so it is that document's error instead."""
    return isinstance(value, str) or (isinstance(value, numbers.Integral) and not isinstance(value, bool))


@dataclass
class ReadError:
    """Input that could not become a document: reported, never silently dropped."""

    location: str  # "file.jsonl:17" or "page.html"
    message: str
    doc_id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"location": self.location, "doc_id": self.doc_id, "message": self.message}
