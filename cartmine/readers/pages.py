"""What the one-document-per-file readers (HTML pages, text files) share: ids and raw bytes.

A document read from its own file is named after the file, and a file that cannot be read
becomes a :class:`ReadError` naming that document, so the run goes on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from cartmine.document import InputDocument, ReadError


def doc_id_for(path: Path, root: Path | None) -> str:
    """The file stem, or the path below the input folder without extension (unique in nested folders)."""
    if root is None:
        return path.stem
    return path.relative_to(root).with_suffix("").as_posix()


def read_each(path: str | Path, root: Path | None,
              parse: Callable[[Path, str, bytes], InputDocument | ReadError]) -> Iterator[InputDocument | ReadError]:
    """The one document ``parse`` makes of a file's bytes, or a ReadError when it cannot be read."""
    path = Path(path)
    doc_id = doc_id_for(path, root)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        yield ReadError(str(path), f"cannot read: {exc.strerror or exc}", doc_id=doc_id)
        return
    yield parse(path, doc_id, raw)
