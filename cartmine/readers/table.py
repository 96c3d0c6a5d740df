"""CSV/TSV and Parquet tables, one document per row, with column mapping.

Both are read in batches (pandas chunks, Parquet record batches), so a large
table is never loaded whole. CSV cells are read as strings, so ids keep leading
zeros and are never turned into floats. A mapped column that does not exist is
one error for the file, not one per row.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from cartmine.document import InputDocument, ReadError
from cartmine.readers.fields import FieldMap, raw_id

BATCH_ROWS = 5_000


def _columns_and_rows(path: Path, fmt: str) -> tuple[list[str], Iterator[dict[str, Any]]]:
    """Column names and a row iterator, without reading the whole table."""
    if fmt == "parquet":
        import pyarrow.parquet as pq

        parquet = pq.ParquetFile(path)
        columns = parquet.schema_arrow.names

        def rows() -> Iterator[dict[str, Any]]:
            for batch in parquet.iter_batches(batch_size=BATCH_ROWS):
                yield from batch.to_pylist()

        return columns, rows()
    import pandas as pd

    sep = "\t" if ".tsv" in path.name.lower() else ","
    header = pd.read_csv(path, sep=sep, dtype=str, nrows=0, encoding="utf-8")

    def csv_rows() -> Iterator[dict[str, Any]]:
        # opened only when rows are wanted, so a table rejected for its columns leaves no open file
        reader = pd.read_csv(path, sep=sep, dtype=str, keep_default_na=False, na_filter=False,
                             chunksize=BATCH_ROWS, encoding="utf-8")
        with reader:
            for frame in reader:
                yield from frame.to_dict("records")

    return list(header.columns), csv_rows()


def read_table(path: str | Path, fields: FieldMap | None = None, fmt: str = "csv") -> Iterator[InputDocument | ReadError]:
    """One document per row; ``fields`` names the id, text and title columns."""
    fields = fields or FieldMap()
    path = Path(path)
    name = str(path)
    try:
        columns, rows = _columns_and_rows(path, fmt)
    except Exception as exc:  # pandas/pyarrow raise many types for unreadable files
        yield ReadError(name, f"cannot read the {fmt} table: {type(exc).__name__}: {exc}")
        return
    missing = [f"'{col}'" for col in (fields.id, fields.text) if col not in columns]
    if missing:
        yield ReadError(name, f"no column {' or '.join(missing)} (columns: {', '.join(columns)}); "
                              "map them with --id-field / --text-field")
        return
    number = 0
    try:
        for number, row in enumerate(rows, start=1):
            location = f"{name}:row {number}"
            try:
                document = fields.document(row)
            except ValueError as exc:
                yield ReadError(location, str(exc), doc_id=raw_id(row, fields))
                continue
            document.meta["location"] = location
            yield document
    except (UnicodeDecodeError, ValueError, OSError) as exc:
        yield ReadError(f"{name}:row {number + 1}", f"cannot read the rest of the table: {exc}")
