"""Writing and printing tables for the aggregate and query commands.

CSV cannot hold lists, Parquet can; list cells (doc_ids, urls, sponsors of a
claim) are therefore joined with "; " for CSV and kept as lists in Parquet.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd

WRITABLE_SUFFIXES = (".csv", ".tsv", ".parquet", ".jsonl", ".json")


def write_table(table: pd.DataFrame, path: str | Path) -> None:
    """Write by suffix: .csv, .tsv, .parquet, .jsonl (one object per row) or .json (an array)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in WRITABLE_SUFFIXES:
        raise ValueError(f"{path}: unknown output format; use one of {', '.join(WRITABLE_SUFFIXES)}")
    path.parent.mkdir(parents=True, exist_ok=True)
    if suffix == ".parquet":
        table.to_parquet(path, index=False)
    elif suffix in (".csv", ".tsv"):
        flat_lists(table).to_csv(path, index=False, sep="," if suffix == ".csv" else "\t")
    else:
        records = [_json_row(row) for row in table.to_dict(orient="records")]
        with open(path, "w", encoding="utf-8") as handle:
            if suffix == ".json":
                json.dump(records, handle, ensure_ascii=False, indent=1)
            else:
                handle.writelines(json.dumps(row, ensure_ascii=False) + "\n" for row in records)


def flat_lists(table: pd.DataFrame) -> pd.DataFrame:
    """List and array cells joined with "; " so that a CSV cell stays one value."""
    out = table.copy()
    for column in out.columns:
        if out[column].dtype == object and out[column].map(_is_sequence).any():
            out[column] = out[column].map(lambda v: "; ".join(map(str, v)) if _is_sequence(v) else v)
    return out


def render_text(table: pd.DataFrame, max_rows: int = 50, max_colwidth: int = 40) -> str:
    """A plain-text table for the terminal; long cells are cut, extra rows summarised."""
    if table.empty:
        return "(no rows)" if len(table.columns) else "(empty result)"
    shown = flat_lists(table.head(max_rows)).astype(object)
    shown = shown.where(shown.notna(), "-")  # None and NaN alike
    text = shown.to_string(index=False, max_colwidth=max_colwidth)
    if len(table) > max_rows:
        text += f"\n... {len(table) - max_rows} more rows (write them all with -o FILE)"
    return text


def _is_sequence(value: Any) -> bool:
    return isinstance(value, (list, tuple, set)) or (hasattr(value, "tolist") and getattr(value, "ndim", 0) == 1)


def _json_row(row: dict[str, Any]) -> dict[str, Any]:
    """JSON-safe values: missing -> null, numpy scalars and arrays -> Python values."""
    out = {}
    for key, value in row.items():
        if _is_sequence(value):
            value = list(value.tolist() if hasattr(value, "tolist") else value)
        elif value is None or (not isinstance(value, str) and pd.isna(value)):
            value = None
        elif hasattr(value, "isoformat"):
            value = value.isoformat()
        elif hasattr(value, "item"):
            value = value.item()
        out[key] = value
    return out
