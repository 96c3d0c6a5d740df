"""Single-file outputs of ``cartmine extract``: JSONL results and the flat record table.

Both stream: lines are written as results arrive, and the Parquet record table
is written in row groups, so memory stays flat however large the dump is.
"""

from __future__ import annotations

import gzip
import json
import os
import sys
from pathlib import Path
from typing import IO, Any

import pyarrow.parquet as pq

from cartmine.batch.outcomes import Outcome
from cartmine.batch.tables import RECORDS_SCHEMA, record_rows, to_table
from cartmine.readers import InputError
from cartmine.result import DocumentResult


def result_line(result: DocumentResult) -> str:
    """Contract v1 output line for one document."""
    return json.dumps(result.to_dict(), ensure_ascii=False, default=str)


def atomic_path(path: Path) -> Path:
    """Where to write before ``os.replace`` onto ``path``: same folder, so the rename is atomic."""
    return path.with_name(f".{path.name}.tmp-{os.getpid()}")


class JsonlSink:
    """One contract line per document, to a file (``.gz`` compressed by name) or stdout (``-``)."""

    def __init__(self, target: str) -> None:
        self.target = target
        self._tmp: Path | None = None
        if target == "-":
            self.handle: IO[str] = sys.stdout
        else:
            self._tmp = atomic_path(Path(target))
            opener: Any = gzip.open if target.endswith(".gz") else open
            self.handle = opener(self._tmp, "wt", encoding="utf-8")

    def write(self, outcome: Outcome) -> None:
        if isinstance(outcome, DocumentResult):
            self.handle.write(result_line(outcome) + "\n")

    def close(self) -> None:
        if self._tmp is None:
            self.handle.flush()
            return
        self.handle.close()
        os.replace(self._tmp, self.target)

    def abort(self) -> None:
        """Leave no half-written file behind (an earlier complete output stays untouched)."""
        if self._tmp is not None:
            self.handle.close()
            self._tmp.unlink(missing_ok=True)


class RecordsParquetSink:
    """The flat record table: one row per record, with the document's id, title, date, source, url."""

    def __init__(self, target: str, rows_per_group: int = 10_000) -> None:
        self.target = Path(target)
        self._tmp = atomic_path(self.target)
        self._writer = pq.ParquetWriter(self._tmp, RECORDS_SCHEMA)
        self._rows: list[dict[str, Any]] = []
        self.rows_per_group = rows_per_group

    def write(self, outcome: Outcome) -> None:
        if isinstance(outcome, DocumentResult):
            self._rows.extend(record_rows(outcome))
            if len(self._rows) >= self.rows_per_group:
                self._flush()

    def _flush(self) -> None:
        if self._rows:
            self._writer.write_table(to_table(self._rows, RECORDS_SCHEMA))
            self._rows = []

    def close(self) -> None:
        self._flush()
        self._writer.close()
        os.replace(self._tmp, self.target)

    def abort(self) -> None:
        self._writer.close()
        self._tmp.unlink(missing_ok=True)


JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")
PARQUET_SUFFIXES = (".parquet", ".pq")


def output_kind(target: str) -> str:
    """What ``-o`` asks for: "jsonl" (``-``, ``.jsonl[.gz]``, ``.ndjson[.gz]``), "parquet" (the record
    table) or "folder" (the sharded dataset: a trailing slash, an existing folder, or a name
    without a suffix, which most users mean as a folder). Any other suffix is a usage error,
    rather than a JSONL file under a name that suggests another format."""
    lower = target.lower()
    if target == "-" or lower.endswith(JSONL_SUFFIXES):
        return "jsonl"
    if lower.endswith(PARQUET_SUFFIXES):
        return "parquet"
    path = Path(target)
    if target.endswith(("/", "\\")) or path.is_dir():
        return "folder"
    if not path.suffix:
        if path.exists():
            raise InputError(f"output {target!r} exists and is not a folder: a name without a suffix is an "
                             "output folder; choose another name, or OUT.jsonl for one file")
        return "folder"
    raise InputError(f"unknown output suffix {path.suffix!r} in {target!r}: use OUT.jsonl[.gz], OUT.parquet, "
                     "'-' for stdout, or a folder (OUTDIR/ or a name without a suffix)")


def open_sink(target: str) -> JsonlSink | RecordsParquetSink:
    """The sink the output name calls for: ``.parquet`` -> record table, else JSONL."""
    if output_kind(target) == "parquet":
        return RecordsParquetSink(target)
    return JsonlSink(target)
