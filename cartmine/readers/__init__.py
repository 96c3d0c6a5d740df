"""Turn input files of any supported format into a stream of contract documents.

Every reader yields :class:`InputDocument` objects, or :class:`ReadError` objects
for input it could not read, so that the batch runner can report the problem
with its location and go on. Formats are detected from file extensions;
``fmt`` (``--format``) overrides the detection for every file.
"""

from __future__ import annotations

import glob
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from cartmine.document import InputDocument, ReadError
from cartmine.readers.fields import FieldMap

FORMATS = ("jsonl", "pubmed", "html", "text", "csv", "parquet")

#: Extension (lower case, longest first) -> format.
EXTENSIONS = (
    (".jsonl.gz", "jsonl"), (".ndjson.gz", "jsonl"), (".jsonl", "jsonl"), (".ndjson", "jsonl"),
    (".xml.gz", "pubmed"), (".xml", "pubmed"),
    (".html", "html"), (".htm", "html"), (".xhtml", "html"),
    (".txt", "text"),
    (".csv.gz", "csv"), (".csv", "csv"), (".tsv", "csv"),
    (".parquet", "parquet"), (".pq", "parquet"),
)


@dataclass(frozen=True)
class InputFile:
    """One file to read; ``root`` is the folder it was found in (ids are relative to it)."""

    path: Path
    fmt: str
    root: Path | None = None


class InputError(ValueError):
    """The input paths cannot be used at all (a usage error, exit code 2)."""


def detect_format(path: str | Path) -> str | None:
    """The format of a file from its extension, or None when unknown."""
    name = str(path).lower()
    for ext, fmt in EXTENSIONS:
        if name.endswith(ext):
            return fmt
    return None


def list_input_files(paths: list[str], fmt: str | None = None) -> list[InputFile]:
    """Expand globs and folders into the files to read, in a deterministic order.

    Folders are walked recursively (sorted), keeping the files whose extension
    is known (or every regular file with an explicit ``fmt``). A path or glob
    that matches nothing is an :class:`InputError`: a typo must not produce an
    empty, "successful" run.
    """
    if fmt is not None and fmt not in FORMATS:
        raise InputError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    files: list[InputFile] = []
    for given in paths:
        matches = sorted(glob.glob(given, recursive=True)) if glob.has_magic(given) else [given]
        if not matches:
            raise InputError(f"no file matches {given!r}")
        for match in matches:
            path = Path(match)
            if path.is_dir():
                found = [p for p in sorted(path.rglob("*")) if p.is_file() and not p.name.startswith(".")
                         and (fmt or detect_format(p))]
                if not found:
                    raise InputError(f"folder {match!r} holds no readable files")
                files.extend(InputFile(p, fmt or detect_format(p) or "", root=path) for p in found)
            elif path.is_file():
                detected = fmt or detect_format(path)
                if detected is None:
                    raise InputError(f"cannot tell the format of {match!r} from its extension; "
                                     f"use --format ({', '.join(FORMATS)})")
                files.append(InputFile(path, detected))
            else:
                raise InputError(f"no such file or folder: {match!r}")
    return files


def read_file(item: InputFile, fields: FieldMap | None = None) -> Iterator[InputDocument | ReadError]:
    """Documents of one file, with the reader its format calls for (imported lazily)."""
    fields = fields or FieldMap()
    if item.fmt == "jsonl":
        from cartmine.readers.jsonl import read_jsonl

        yield from read_jsonl(item.path, fields)
    elif item.fmt == "pubmed":
        from cartmine.readers.pubmed import read_pubmed

        yield from read_pubmed(item.path)
    elif item.fmt == "html":
        from cartmine.readers.html import read_html

        yield from read_html(item.path, root=item.root)
    elif item.fmt == "text":
        from cartmine.readers.text import read_text

        yield from read_text(item.path, root=item.root)
    elif item.fmt in ("csv", "parquet"):
        from cartmine.readers.table import read_table

        yield from read_table(item.path, fields, fmt=item.fmt)
    else:
        yield ReadError(str(item.path), f"unknown format {item.fmt!r}")


def read_documents(paths: list[str], fmt: str | None = None, id_field: str = "id",
                   text_field: str = "text", title_field: str = "title", date_field: str = "date",
                   fields: FieldMap | None = None) -> Iterator[InputDocument | ReadError]:
    """All documents of all inputs, in order (files in the order given, folders sorted)."""
    fields = fields or FieldMap(id=id_field, text=text_field, title=title_field, date=date_field)
    for item in list_input_files(paths, fmt):
        yield from read_file(item, fields)


__all__ = ["FORMATS", "FieldMap", "InputError", "InputFile", "detect_format", "list_input_files",
           "read_documents", "read_file"]
