"""HTML news pages (a file, or every .html/.htm file of a folder).

The article body and metadata come from trafilatura with precision favoured
over recall, which drops navigation, cookie banners, share bars, teaser lists
and footers. A few furniture lines that sit *inside* article containers on
many sites ("Read more: ...", "Tags: ...", "PREV: ... | NEXT: ...") are then
removed line by line, because the record contract says entities found only in
furniture are not part of the article.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

from cartmine.document import InputDocument, ReadError
from cartmine.readers.pages import read_each

#: Whole lines that are page furniture, not article text.
FURNITURE = re.compile(
    r"^\s*(read more|related( articles| stories| news)?|see also|also read|tags?|share( this( article| story)?)?"
    r"|prev(ious)?( article)?|next( article)?|advertisement|sponsored|subscribe( now)?)\s*(:|\||$)",
    re.IGNORECASE,
)


def clean_text(text: str, title: str | None) -> str:
    """Drop furniture lines and the headline that trafilatura repeats as the first line."""
    lines = [line.strip() for line in text.splitlines()]
    if title and lines and lines[0] == title.strip():
        lines = lines[1:]
    return "\n".join(line for line in lines if line and not FURNITURE.match(line))


def extract_page(raw: bytes) -> dict | None:
    """Body text and metadata of a page, or None when no article text was found."""
    import trafilatura

    found = trafilatura.extract(raw, output_format="json", include_comments=False, include_tables=False,
                                favor_precision=True, with_metadata=True)
    return json.loads(found) if found else None


def read_html(path: str | Path, root: Path | None = None) -> Iterator[InputDocument | ReadError]:
    """One document per page."""
    return read_each(path, root, _page_document)


def _page_document(path: Path, doc_id: str, raw: bytes) -> InputDocument | ReadError:
    """The article of one page, with the metadata trafilatura found."""
    try:
        page = extract_page(raw)
    except Exception as exc:  # a broken page must not stop the batch
        return ReadError(str(path), f"cannot extract the page: {type(exc).__name__}: {exc}", doc_id=doc_id)
    if not page or not (page.get("text") or "").strip():
        return ReadError(str(path), "no article text found in the page", doc_id=doc_id)
    title = (page.get("title") or "").strip() or None
    url = page.get("url") or page.get("source") or None
    return InputDocument(id=doc_id, text=clean_text(page["text"], title), title=title, source="news",
                         date=page.get("date") or None, url=url if url and "://" in url else None,
                         lang=page.get("language") or None,
                         meta={"location": str(path), **({"site": page["sitename"]} if page.get("sitename") else {})})
