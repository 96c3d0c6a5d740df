"""``cartmine extract`` output names, document ids and missing extras (issue 16)."""

from __future__ import annotations

from pathlib import Path

import pytest
from batch_helpers import STANDIN, read_lines, write_jsonl

from cartmine import extras
from cartmine.batch.writers import output_kind
from cartmine.cli import main
from cartmine.readers import InputError


def _dump(tmp_path: Path, rows: list[dict] | None = None) -> Path:
    return write_jsonl(tmp_path / "in.jsonl", rows or [{"id": "a", "text": "CAR-T remission."}])


@pytest.mark.parametrize(("name", "kind"), [
    ("-", "jsonl"), ("r.jsonl", "jsonl"), ("r.JSONL.gz", "jsonl"), ("r.ndjson", "jsonl"),
    ("t.parquet", "parquet"), ("t.pq", "parquet"), ("out/", "folder"), ("out", "folder"), ("a/b/out", "folder"),
])
def test_output_kind(name: str, kind: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert output_kind(name) == kind


@pytest.mark.parametrize("name", ["results.csv", "results.json", "x.txt"])
def test_unknown_suffix_is_a_usage_error(name: str, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    with pytest.raises(InputError, match="unknown output suffix"):
        output_kind(str(tmp_path / name))
    assert main(["extract", str(_dump(tmp_path)), "-o", str(tmp_path / name), "--pipeline", STANDIN]) == 2
    err = capsys.readouterr().err
    assert "unknown output suffix" in err and "Traceback" not in err
    assert not (tmp_path / name).exists()


def test_name_without_suffix_is_a_dataset_folder(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert main(["extract", str(_dump(tmp_path)), "-o", str(out), "--pipeline", STANDIN, "-q", "--jsonl"]) == 0
    assert out.is_dir() and (out / "manifest.json").is_file()
    assert [line["doc_id"] for p in sorted((out / "results").glob("*.jsonl")) for line in read_lines(p)] == ["a"]


def test_existing_file_without_suffix_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    (tmp_path / "out").write_text("old results\n", encoding="utf-8")
    assert main(["extract", str(_dump(tmp_path)), "-o", str(tmp_path / "out"), "--pipeline", STANDIN]) == 2
    assert "exists and is not a folder" in capsys.readouterr().err
    assert (tmp_path / "out").read_text(encoding="utf-8") == "old results\n"


def test_duplicate_ids_are_counted_in_a_warning(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    rows = [{"id": i, "text": "CAR-T remission."} for i in ("a", "b", "a", "c", "b", "a")]
    out = tmp_path / "r.jsonl"
    assert main(["extract", str(_dump(tmp_path, rows)), "-o", str(out), "--pipeline", STANDIN, "-q"]) == 0
    assert len(read_lines(out)) == 6  # nothing is dropped
    err = capsys.readouterr().err
    assert "warning: 3 document(s) reuse an id" in err and "'a'" in err


def test_no_warning_without_duplicates(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    rows = [{"id": i, "text": "CAR-T remission."} for i in ("a", "b")]
    assert main(["extract", str(_dump(tmp_path, rows)), "-o", "-", "--pipeline", STANDIN, "-q"]) == 0
    assert "warning" not in capsys.readouterr().err


def test_non_string_ids_are_errors_not_stringified(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    rows = [{"id": {"pmid": 1}, "text": "CAR-T remission."}, {"id": ["x"], "text": "CAR-T remission."},
            {"id": True, "text": "CAR-T remission."}, {"id": 123, "text": "CAR-T remission."},
            {"id": "ok", "text": "CAR-T remission."}]
    out = tmp_path / "r.jsonl"
    assert main(["extract", str(_dump(tmp_path, rows)), "-o", str(out), "--pipeline", STANDIN]) == 1
    assert [line["doc_id"] for line in read_lines(out)] == ["123", "ok"]  # integers are written as strings
    err = capsys.readouterr().err
    for line_no, kind in ((1, "dict"), (2, "list"), (3, "bool")):
        assert f"in.jsonl:{line_no}: 'id' must be a string (or an integer), got {kind}" in err


def _without(monkeypatch: pytest.MonkeyPatch, *modules: str) -> None:
    real = extras.find_spec
    monkeypatch.setattr(extras, "find_spec", lambda name: None if name in modules else real(name))


def test_dask_engine_without_the_extra_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                   capsys: pytest.CaptureFixture) -> None:
    _without(monkeypatch, "distributed")
    out = tmp_path / "out"
    assert main(["extract", str(_dump(tmp_path)), "-o", str(out), "--engine", "dask", "--pipeline", STANDIN]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == ["cartmine extract: error: --engine dask needs the 'dask' extra (distributed not installed): "
                   "pip install 'cartmine[dask]'"]
    assert not out.exists()


def test_transformer_backend_without_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    from cartmine.pipeline import load_config

    _without(monkeypatch, "torch")
    with pytest.raises(extras.MissingExtra, match=r"pip install 'cartmine\[transformers\]'.*torch==2.13.0"):
        load_config(ner_backend="transformer")


def test_linker_without_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    from cartmine.pipeline import load_config

    _without(monkeypatch, "transformers")
    with pytest.raises(extras.MissingExtra, match=r"disease_linker.*'transformers' extra"):
        load_config(enable=["disease_linker"])


def test_integer_ids_of_any_integer_type_are_accepted() -> None:
    import numpy as np

    from cartmine.document import InputDocument

    assert InputDocument.from_dict({"id": np.int64(31415), "text": "x"}).id == "31415"
    with pytest.raises(ValueError, match="got float"):
        InputDocument.from_dict({"id": 1.5, "text": "x"})
