"""Read ``cartmine extract`` output into one flat records table (one row per record).

``extract`` writes either a JSONL file of per-document results (record contract
v1, section 2), a flat records Parquet file, or an output directory with
``records/part-*.parquet`` and ``documents/part-*.parquet``. Aggregation, SQL
queries and the report should not care which, so everything goes through
:func:`load_tables` and comes out with the same columns and dtypes.
"""

from __future__ import annotations

import datetime
import gzip
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

import pandas as pd

from cartmine.aggregation.therapies import normalise_target, therapy_profile
from cartmine.result import Record

DOC_COLUMNS = ("doc_id", "title", "date", "source", "url")
RECORD_FIELDS = tuple(f.name for f in fields(Record))
TARGET_COLUMNS = ("therapy_target", "therapy_modality")
RECORD_COLUMNS = DOC_COLUMNS + RECORD_FIELDS + TARGET_COLUMNS

_BOOL_COLUMNS = ("negated", "hedged")
_INT_COLUMNS = ("n_patients", "start", "end")
_FLOAT_COLUMNS = ("duration_months", "confidence")
_META_KEYS = ("title", "date", "source", "url", "lang")


@dataclass
class RecordTables:
    """The tables one extract output holds; ``mentions`` only when the input has them."""

    records: pd.DataFrame
    documents: pd.DataFrame
    mentions: pd.DataFrame | None = None


def load_records(path: str | Path) -> pd.DataFrame:
    """The flat records table of a JSONL results file, a records Parquet file or an output folder."""
    return load_tables(path).records


def load_tables(path: str | Path) -> RecordTables:
    """Records, documents and (when present) mentions of any of the three ``extract`` outputs."""
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"no such file or directory: {path}")
    if path.is_dir():
        return _load_directory(path)
    if _is_parquet(path):
        records = pd.read_parquet(path)
        return _finish(records, None, None)
    return tables_from_results(_iter_jsonl(path))


def tables_from_results(results: Iterable[dict[str, Any]]) -> RecordTables:
    """Tables from per-document result dicts (what ``DocumentResult.to_dict`` gives)."""
    record_rows: list[dict[str, Any]] = []
    doc_rows: list[dict[str, Any]] = []
    mention_rows: list[dict[str, Any]] = []
    for result in results:
        doc_id = str(result.get("doc_id") or result.get("id") or "")
        meta = {key: result.get(key, (result.get("meta") or {}).get(key)) for key in _META_KEYS}
        mentions = result.get("mentions") or []
        records = result.get("records") or []
        errors = result.get("errors") or []
        doc_rows.append({"doc_id": doc_id, **meta, "n_mentions": len(mentions), "n_records": len(records),
                         "n_errors": len(errors), "errors": "; ".join(map(str, errors)) or None})
        for mention in mentions:
            mention_rows.append(_mention_row(doc_id, mention))
        profiles = _therapy_attrs(mentions)
        for record in records:
            row = {"doc_id": doc_id, **{k: meta.get(k) for k in DOC_COLUMNS[1:]}}
            row.update({name: record.get(name) for name in RECORD_FIELDS})
            target, modality = profiles.get(record.get("therapy") or "", (None, None))
            row["therapy_target"], row["therapy_modality"] = target, modality
            record_rows.append(row)
    records_df = pd.DataFrame(record_rows, columns=list(RECORD_COLUMNS))
    documents = pd.DataFrame(doc_rows, columns=["doc_id", *_META_KEYS, "n_mentions", "n_records", "n_errors",
                                                 "errors"])
    mentions_df = pd.DataFrame(mention_rows, columns=["doc_id", "label", "text", "start", "end", "norm", "id",
                                                      "attrs"])
    return _finish(records_df, documents, mentions_df)


def _iter_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                yield json.loads(line)
            except json.JSONDecodeError as err:
                raise ValueError(f"{path}:{number}: not a JSON line ({err.msg})") from err


def _is_parquet(path: Path) -> bool:
    if path.suffix.lower() in (".parquet", ".pq"):
        return True
    with open(path, "rb") as handle:
        return handle.read(4) == b"PAR1"


def _read_parts(folder: Path) -> pd.DataFrame | None:
    """Concatenate a folder of Parquet parts; reading them one by one tolerates all-null columns."""
    parts = sorted(folder.glob("*.parquet"))
    if not parts:
        return None
    frames = [pd.read_parquet(part) for part in parts]
    frames = [frame for frame in frames if len(frame.columns)]
    return pd.concat(frames, ignore_index=True) if frames else None


def _load_directory(folder: Path) -> RecordTables:
    if (folder / "records").is_dir():
        records = _read_parts(folder / "records")
        documents = _read_parts(folder / "documents") if (folder / "documents").is_dir() else None
        mentions = _read_parts(folder / "mentions") if (folder / "mentions").is_dir() else None
        return _finish(records if records is not None else pd.DataFrame(columns=list(RECORD_COLUMNS)),
                       documents, mentions)
    jsonl = sorted([*folder.glob("*.jsonl"), *folder.glob("*.jsonl.gz")])
    if jsonl:
        return tables_from_results(item for part in jsonl for item in _iter_jsonl(part))
    records = _read_parts(folder)
    if records is not None:
        return _finish(records, None, None)
    raise ValueError(f"{folder}: no records/ folder, JSONL results or Parquet parts found")


def _mention_row(doc_id: str, mention: dict[str, Any]) -> dict[str, Any]:
    attrs = mention.get("attrs") or {}
    return {"doc_id": doc_id, "label": mention.get("label"), "text": mention.get("text"),
            "start": mention.get("start"), "end": mention.get("end"), "norm": mention.get("norm"),
            "id": mention.get("id"), "attrs": json.dumps(attrs, ensure_ascii=False, sort_keys=True)}


def _therapy_attrs(mentions: list[dict[str, Any]]) -> dict[str, tuple[str | None, str | None]]:
    """norm -> (target, modality) from a document's THERAPY mentions; the first that says wins."""
    found: dict[str, tuple[str | None, str | None]] = {}
    for mention in mentions:
        if mention.get("label") != "THERAPY" or not mention.get("norm"):
            continue
        attrs = mention.get("attrs") or {}
        old_target, old_modality = found.get(mention["norm"], (None, None))
        found[mention["norm"]] = (old_target or normalise_target(attrs.get("target")),
                                  old_modality or attrs.get("modality") or None)
    return found


def normalise_records(records: pd.DataFrame) -> pd.DataFrame:
    """A records table with every contract column and fixed dtypes (hand-made frames, other tools' output)."""
    return _finish(records, None, None).records


def _finish(records: pd.DataFrame, documents: pd.DataFrame | None,
            mentions: pd.DataFrame | None) -> RecordTables:
    """Complete the columns, fix dtypes, fill targets, and derive documents when absent."""
    records = records.copy()
    if documents is not None and len(documents):
        records = _add_doc_meta(records, documents)
    for column in RECORD_COLUMNS:
        if column not in records.columns:
            records[column] = None
    _fill_targets(records)
    records = _coerce(records)
    extra = [c for c in records.columns if c not in RECORD_COLUMNS]
    records = records[[*RECORD_COLUMNS, *extra]].reset_index(drop=True)
    if documents is None or not len(documents.columns):
        documents = records[list(DOC_COLUMNS)].drop_duplicates("doc_id").reset_index(drop=True)
    return RecordTables(records=records, documents=documents, mentions=mentions)


def _add_doc_meta(records: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """Fill title/date/source/url of records from the documents table where the records lack them."""
    if "doc_id" not in documents.columns or "doc_id" not in records.columns:
        return records
    meta = documents.drop_duplicates("doc_id").set_index("doc_id")
    for column in DOC_COLUMNS[1:]:
        if column not in meta.columns:
            continue
        looked_up = records["doc_id"].map(meta[column])
        records[column] = records[column].where(records[column].notna(), looked_up) \
            if column in records.columns else looked_up
    return records


def _fill_targets(records: pd.DataFrame) -> None:
    """Targets/modalities the mentions did not give, from the KB or the norm conventions."""
    missing = records["therapy"].notna() & (records["therapy_target"].isna() | records["therapy_modality"].isna())
    if not missing.any():
        return
    profiles = {name: therapy_profile(str(name)) for name in records.loc[missing, "therapy"].unique()}
    for position, column in enumerate(TARGET_COLUMNS):
        found = records["therapy"].map(lambda name, p=position: profiles.get(name, (None, None))[p])
        records[column] = records[column].where(records[column].notna(), found)


def _coerce(records: pd.DataFrame) -> pd.DataFrame:
    """One dtype per column whatever the input format gave (JSON nulls, Parquet all-null columns)."""
    for column in _BOOL_COLUMNS:
        records[column] = records[column].map(lambda v: bool(v) if v is not None and not pd.isna(v) else False)
        records[column] = records[column].astype(bool)
    for column in _INT_COLUMNS:
        records[column] = pd.to_numeric(records[column], errors="coerce").round().astype("Int64")
    for column in _FLOAT_COLUMNS:
        records[column] = pd.to_numeric(records[column], errors="coerce").astype(float)
    for column in (c for c in RECORD_COLUMNS if c not in _BOOL_COLUMNS + _INT_COLUMNS + _FLOAT_COLUMNS):
        records[column] = records[column].map(_to_text).astype(object)
    return records


def parse_dates(values: pd.Series) -> pd.Series:
    """Publication dates as tz-naive timestamps; partial ISO dates ("2024-05") allowed, junk becomes NaT."""
    parsed = pd.to_datetime(values.map(_to_text), errors="coerce", format="ISO8601", utc=True)
    return parsed.dt.tz_convert(None)


def _to_text(value: Any) -> str | None:
    """Text of a cell; dates from Parquet keep their ISO form instead of pandas' repr."""
    if value is None or _is_missing(value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat() if value == value.normalize() else value.isoformat()
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    return str(value)


def _is_missing(value: Any) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):  # lists and other containers are values
        return False
