"""Flat Arrow tables of results: documents, mentions and records.

Schemas are fixed up front (derived from the result dataclasses) so that every
shard of a dataset has the same schema even when a shard happens to contain no
records, and so that DuckDB/pandas can read the folder as one table.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable
from typing import Any

import pyarrow as pa

from cartmine.result import DocumentResult, Record

#: Document fields repeated on every record row, so the record table stands alone.
DOC_COLUMNS = ("title", "source", "date", "url")

_ANNOTATION_TYPES = {"str": pa.string(), "bool": pa.bool_(), "int": pa.int64(), "float": pa.float64()}


def _arrow_type(annotation: Any) -> pa.DataType:
    """Arrow type for a dataclass annotation like ``"float | None"``; JSON text otherwise."""
    name = str(annotation).replace("None", "").replace("|", "").strip()
    return _ANNOTATION_TYPES.get(name, pa.string())


RECORD_FIELDS = [(f.name, _arrow_type(f.type)) for f in dataclasses.fields(Record)]

RECORDS_SCHEMA = pa.schema([("doc_id", pa.string())] + [(c, pa.string()) for c in DOC_COLUMNS]
                           + RECORD_FIELDS)
MENTIONS_SCHEMA = pa.schema([
    ("doc_id", pa.string()), ("label", pa.string()), ("text", pa.string()), ("start", pa.int64()),
    ("end", pa.int64()), ("norm", pa.string()), ("id", pa.string()), ("attrs", pa.string()),
])
DOCUMENTS_SCHEMA = pa.schema([
    ("doc_id", pa.string()), ("title", pa.string()), ("source", pa.string()), ("date", pa.string()),
    ("url", pa.string()), ("lang", pa.string()), ("n_mentions", pa.int64()), ("n_records", pa.int64()),
    ("errors", pa.list_(pa.string())), ("meta", pa.string()),
])


def _as_dict(obj: Any) -> dict[str, Any]:
    return obj if isinstance(obj, dict) else obj.to_dict()


def _cell(value: Any, arrow_type: pa.DataType) -> Any:
    """Coerce a value to the column type; structured values become JSON text."""
    if value is None:
        return None
    if pa.types.is_string(arrow_type) and not isinstance(value, str):
        return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
    return value


def record_rows(result: DocumentResult) -> list[dict[str, Any]]:
    """One row per record, with the document's id, title, source, date and url."""
    doc = {"doc_id": result.doc_id, **{c: _cell(result.meta.get(c), pa.string()) for c in DOC_COLUMNS}}
    rows = []
    for record in result.records:
        data = _as_dict(record)
        rows.append({**doc, **{name: _cell(data.get(name), typ) for name, typ in RECORD_FIELDS}})
    return rows


def mention_rows(result: DocumentResult) -> list[dict[str, Any]]:
    rows = []
    for mention in result.mentions:
        data = _as_dict(mention)
        rows.append({"doc_id": result.doc_id, **{f.name: _cell(data.get(f.name), f.type)
                                                 for f in MENTIONS_SCHEMA if f.name != "doc_id"}})
    return rows


def document_row(result: DocumentResult) -> dict[str, Any]:
    extra = {k: v for k, v in result.meta.items() if k not in ("title", "source", "date", "url", "lang")}
    return {
        "doc_id": result.doc_id,
        **{c: _cell(result.meta.get(c), pa.string()) for c in ("title", "source", "date", "url", "lang")},
        "n_mentions": len(result.mentions), "n_records": len(result.records),
        "errors": [str(e) for e in result.errors],
        "meta": json.dumps(extra, ensure_ascii=False, sort_keys=True, default=str) if extra else None,
    }


def to_table(rows: Iterable[dict[str, Any]], schema: pa.Schema) -> pa.Table:
    return pa.Table.from_pylist(list(rows), schema=schema)
