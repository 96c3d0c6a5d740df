"""``cartmine query``: SQL over records, documents, mentions and claims with DuckDB."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from aggregation_samples import sample_results

from cartmine.cli import main


@pytest.fixture()
def results_path(tmp_path: Path) -> Path:
    path = tmp_path / "results.jsonl"
    path.write_text("".join(json.dumps(result) + "\n" for result in sample_results()), encoding="utf-8")
    return path


def test_select_prints_a_table(results_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sql = ("SELECT therapy, count(DISTINCT doc_id) AS docs FROM records WHERE NOT negated AND NOT hedged "
           "GROUP BY therapy ORDER BY docs DESC, therapy")
    assert main(["query", str(results_path), sql]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["therapy", "docs"]
    assert lines[1].split() == ["CD19", "CAR-T", "5"]


def test_all_tables_are_registered(results_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sql = ("SELECT (SELECT count(*) FROM records) AS r, (SELECT count(*) FROM documents) AS d, "
           "(SELECT count(*) FROM mentions WHERE label = 'THERAPY') AS m, "
           "(SELECT max(n_documents) FROM claims) AS c")
    assert main(["query", str(results_path), sql]) == 0
    values = capsys.readouterr().out.splitlines()[1].split()
    n_records = sum(len(r["records"]) for r in sample_results())
    n_therapy = sum(m["label"] == "THERAPY" for r in sample_results() for m in r["mentions"])
    assert values == [str(n_records), str(len(sample_results())), str(n_therapy), "2"]


def test_write_csv(results_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    sql = "SELECT doc_id, outcome, n_patients FROM records WHERE outcome = 'crs' ORDER BY doc_id"
    assert main(["query", str(results_path), sql, "-o", str(out)]) == 0
    frame = pd.read_csv(out)
    assert list(frame.columns) == ["doc_id", "outcome", "n_patients"]
    assert frame["doc_id"].tolist() == ["a01", "a02", "a03", "a04"]


def test_list_columns_are_joined_in_csv(results_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "claims.csv"
    sql = "SELECT doc_ids FROM claims WHERE n_documents > 1 ORDER BY doc_ids[1]"
    assert main(["query", str(results_path), sql, "-o", str(out)]) == 0
    assert pd.read_csv(out)["doc_ids"].tolist() == ["a01; n01", "a01; n01", "a02; n03"]


@pytest.mark.parametrize("sql", ["SELEC * FROM records", "SELECT * FROM nowhere", "SELECT nope FROM records"])
def test_bad_sql_is_a_clean_error(results_path: Path, capsys: pytest.CaptureFixture[str], sql: str) -> None:
    assert main(["query", str(results_path), sql]) == 1
    captured = capsys.readouterr()
    assert "SQL error" in captured.err and "Traceback" not in captured.err
    assert captured.out == ""


def test_missing_input_is_a_clean_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["query", str(tmp_path / "nope.jsonl"), "SELECT 1"]) == 1
    assert "no such file" in capsys.readouterr().err


def test_query_a_parquet_file(results_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from cartmine.aggregation.loading import load_records

    load_records(results_path).to_parquet(tmp_path / "records.parquet")
    assert main(["query", str(tmp_path / "records.parquet"),
                 "SELECT count(*) AS n FROM records WHERE therapy_target = 'BCMA'"]) == 0
    assert capsys.readouterr().out.split() == ["n", "7"]  # DESCARTES-08, cilta-cel, ide-cel, BCMA CAR-T
