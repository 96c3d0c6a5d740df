"""JSON Lines dumps (``.jsonl``, ``.jsonl.gz``, ``.ndjson``) in the contract's input format.

Lines are read as bytes and decoded strictly: a line with bytes that are not
UTF-8 is reported as a :class:`ReadError` (naming the document id when the rest
of the line still parses) instead of being silently "repaired" with U+FFFD
characters that would shift mention offsets and corrupt evidence text.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from cartmine.document import InputDocument, ReadError
from cartmine.readers.fields import FieldMap, raw_id


def open_binary(path: str | Path) -> IO[bytes]:
    """Open plain or gzip-compressed files (detected by magic bytes, not by name)."""
    path = Path(path)
    with path.open("rb") as handle:
        magic = handle.read(2)
    if magic == b"\x1f\x8b":
        return gzip.open(path, "rb")
    return path.open("rb")


def read_jsonl(path: str | Path, fields: FieldMap | None = None) -> Iterator[InputDocument | ReadError]:
    """Yield one document (or one error) per non-blank line."""
    fields = fields or FieldMap()
    name = str(path)
    try:
        handle = open_binary(path)
    except OSError as exc:
        yield ReadError(name, f"cannot open: {exc.strerror or exc}")
        return
    with handle:
        lineno = 0
        try:
            for lineno, raw in enumerate(handle, start=1):
                if raw.strip():
                    yield parse_line(raw, f"{name}:{lineno}", fields)
        except (OSError, EOFError, gzip.BadGzipFile) as exc:
            yield ReadError(f"{name}:{lineno + 1}", f"file is truncated or corrupt: {exc}")


def parse_line(raw: bytes, location: str, fields: FieldMap) -> InputDocument | ReadError:
    """One JSONL line to a document, or a ReadError saying exactly what is wrong."""
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        doc_id = _id_despite_bad_bytes(raw, fields)
        return ReadError(location, f"line is not valid UTF-8 (byte 0x{raw[exc.start]:02x} at column "
                                   f"{exc.start + 1}); document skipped", doc_id=doc_id)
    try:
        row = json.loads(line)
    except json.JSONDecodeError as exc:
        return ReadError(location, f"line is not valid JSON: {exc.msg} at column {exc.colno}")
    if not isinstance(row, dict):
        return ReadError(location, f"line is not a JSON object but a {type(row).__name__}")
    try:
        document = fields.document(row)
    except ValueError as exc:
        return ReadError(location, str(exc), doc_id=raw_id(row, fields))
    document.meta["location"] = location
    return document


def _id_despite_bad_bytes(raw: bytes, fields: FieldMap) -> str | None:
    """Best effort: the id of a line whose text has bad bytes, for the error report only."""
    try:
        row = json.loads(raw.decode("utf-8", errors="replace"))
    except json.JSONDecodeError:
        return None
    doc_id = raw_id(row, fields)
    return doc_id if doc_id and "\ufffd" not in doc_id else None
