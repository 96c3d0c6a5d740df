"""CSV and Parquet readers with column mapping."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from cartmine.document import InputDocument, ReadError
from cartmine.readers import read_documents

FRAME = pd.DataFrame({
    "pmid": ["00123", "00124", ""],
    "abstract": ["CAR-T cells induced remission.", "", "orphan"],
    "headline": ["First", "", "Third"],
    "published": ["2024-01-01", "", ""],
})


def _read(path: Path) -> list:
    return list(read_documents([str(path)], id_field="pmid", text_field="abstract", title_field="headline",
                               date_field="published"))


def test_csv_mapping(tmp_path: Path) -> None:
    path = tmp_path / "dump.csv"
    FRAME.to_csv(path, index=False)
    first, second, third = _read(path)
    assert isinstance(first, InputDocument)
    assert (first.id, first.title, first.text, first.date) == ("00123", "First", "CAR-T cells induced remission.",
                                                               "2024-01-01")  # leading zeros kept
    assert first.meta["location"].endswith("dump.csv:row 1")
    assert isinstance(second, InputDocument) and second.text == "" and second.title is None
    assert isinstance(third, ReadError) and "'pmid' (mapped to id)" in third.message


def test_tsv(tmp_path: Path) -> None:
    path = tmp_path / "dump.tsv"
    FRAME.to_csv(path, index=False, sep="\t")
    assert [i.id for i in _read(path) if isinstance(i, InputDocument)] == ["00123", "00124"]


def test_parquet_mapping(tmp_path: Path) -> None:
    path = tmp_path / "dump.parquet"
    frame = FRAME.copy()
    frame.loc[1, "abstract"] = None
    frame.to_parquet(path)
    first, second, _third = _read(path)
    assert first.id == "00123" and first.date == "2024-01-01"
    assert isinstance(second, ReadError) and second.doc_id == "00124" and "'abstract' (mapped to text)" in second.message


def test_missing_column_is_one_error(tmp_path: Path) -> None:
    path = tmp_path / "dump.csv"
    FRAME.to_csv(path, index=False)
    [error] = list(read_documents([str(path)]))
    assert isinstance(error, ReadError) and "no column 'id' or 'text'" in error.message
    assert "pmid, abstract" in error.message
