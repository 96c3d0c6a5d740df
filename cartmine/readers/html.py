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

#: Whole lines that are page furniture, not article text.
FURNITURE = re.compile(
    r"^\s*(read more|related( articles| stories| news)?|see also|also read|tags?|share( this( article| story)?)?"
    r"|prev(ious)?( article)?|next( article)?|advertisement|sponsored|subscribe( now)?)\s*(:|\||$)",
    re.IGNORECASE,
)


def doc_id_for(path: Path, root: Path | None) -> str:
    """The file stem, or the path below the input folder without extension (unique in nested folders)."""
    if root is None:
        return path.stem
    return path.relative_to(root).with_suffix("").as_posix()


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
    path = Path(path)
    doc_id = doc_id_for(path, root)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        yield ReadError(str(path), f"cannot read: {exc.strerror or exc}", doc_id=doc_id)
        return
    try:
        page = extract_page(raw)
    except Exception as exc:  # a broken page must not stop the batch
        yield ReadError(str(path), f"cannot extract the page: {type(exc).__name__}: {exc}", doc_id=doc_id)
        return
    if not page or not (page.get("text") or "").strip():
        yield ReadError(str(path), "no article text found in the page", doc_id=doc_id)
        return
    title = (page.get("title") or "").strip() or None
    url = page.get("url") or page.get("source") or None
    yield InputDocument(id=doc_id, text=clean_text(page["text"], title), title=title, source="news",
                        date=page.get("date") or None, url=url if url and "://" in url else None,
                        lang=page.get("language") or None,
                        meta={"location": str(path), **({"site": page["sitename"]} if page.get("sitename") else {})})
