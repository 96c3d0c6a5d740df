"""``cartmine extract``: one output line per document, errors reported, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from batch_helpers import PROJECT_DIR, STANDIN, read_lines, run_cli, write_jsonl

from cartmine.cli import main

SAMPLE = PROJECT_DIR / "corpora" / "sample"


def _bad_dump(tmp_path: Path) -> Path:
    return write_jsonl(tmp_path / "in.jsonl", [
        {"id": "ok1", "title": "CAR-T", "text": "Patients had remission."},
        "this is not json",
        {"id": "notext", "title": "only a title field missing text"},
        b'{"id": "latin", "text": "caf\xe9"}',
        {"id": "empty", "text": "   "},
        {"id": "huge", "text": "CAR-T remission. " * 300_000},  # ~5 MB
        {"id": "ok2", "text": "Another CAR-T remission."},
    ])


def test_jsonl_errors_are_per_document(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    out = tmp_path / "out.jsonl"
    code = main(["extract", str(_bad_dump(tmp_path)), "-o", str(out), "--pipeline", STANDIN])
    assert code == 1
    lines = read_lines(out)
    assert [line["doc_id"] for line in lines] == ["ok1", "notext", "latin", "empty", "huge", "ok2"]
    by_id = {line["doc_id"]: line for line in lines}
    assert by_id["ok1"]["errors"] == [] and by_id["ok1"]["records"][0]["outcome"] == "remission"
    assert by_id["ok2"]["errors"] == [] and by_id["ok2"]["mentions"]
    assert "no 'text'" in by_id["notext"]["errors"][0]
    assert "UTF-8" in by_id["latin"]["errors"][0]
    assert "empty" in by_id["empty"]["errors"][0]
    assert "too long" in by_id["huge"]["errors"][0] and "--max-chars" in by_id["huge"]["errors"][0]
    for line in lines:
        assert set(line) >= {"doc_id", "mentions", "records", "errors"}
    err = capsys.readouterr().err
    assert "in.jsonl:2" in err and "not valid JSON" in err
    assert "6 documents (4 failed)" in err and "1 unreadable" in err


def test_all_good_exit_zero_and_stdout(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    dump = write_jsonl(tmp_path / "in.jsonl", [{"id": "a", "text": "CAR-T remission", "date": "2024-02-02",
                                                "source": "news", "url": "https://x.example"}])
    assert main(["extract", str(dump), "-o", "-", "--pipeline", STANDIN, "-q"]) == 0
    captured = capsys.readouterr()
    [line] = [json.loads(x) for x in captured.out.splitlines()]
    assert line["doc_id"] == "a" and line["date"] == "2024-02-02" and line["url"] == "https://x.example"
    assert captured.err == ""


def test_max_chars_passes_through(tmp_path: Path) -> None:
    dump = write_jsonl(tmp_path / "in.jsonl", [{"id": "a", "text": "CAR-T " * 100}])
    out = tmp_path / "out.jsonl"
    assert main(["extract", str(dump), "-o", str(out), "--pipeline", STANDIN, "-q", "--max-chars", "50"]) == 1
    assert "too long" in read_lines(out)[0]["errors"][0]


def test_records_parquet(tmp_path: Path) -> None:
    dump = write_jsonl(tmp_path / "in.jsonl", [
        {"id": "a", "title": "T", "text": "CAR-T remission", "date": "2024-01-01", "source": "news", "url": "u"},
        {"id": "b", "text": "nothing here"},
        {"id": "c", "text": "CAR-T and remission again"},
    ])
    out = tmp_path / "records.parquet"
    assert main(["extract", str(dump), "-o", str(out), "--pipeline", STANDIN, "-q"]) == 0
    frame = pd.read_parquet(out)
    assert list(frame["doc_id"]) == ["a", "c"]
    assert {"doc_id", "date", "source", "url", "title", "therapy", "disease", "disease_id", "outcome",
            "negated", "hedged", "duration_months", "n_patients", "sponsor", "evidence", "confidence"} <= set(frame)
    assert frame.loc[0, "date"] == "2024-01-01" and frame.loc[0, "title"] == "T"


def test_usage_errors_exit_two(tmp_path: Path) -> None:
    assert main(["extract", str(tmp_path / "missing.jsonl"), "-o", "-", "--pipeline", STANDIN]) == 2
    assert main(["extract", str(tmp_path / "no-match-*.jsonl"), "-o", "-", "--pipeline", STANDIN]) == 2
    with pytest.raises(SystemExit) as exc:
        main(["extract", "x.jsonl", "-j", "0"])
    assert exc.value.code == 2


def test_help_has_examples(capsys: pytest.CaptureFixture) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["extract", "--help"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    assert "examples:" in out and "-o records.parquet" in out and "--engine dask" in out


@pytest.mark.slow
@pytest.mark.skipif(not (SAMPLE / "articles.jsonl").exists(), reason="corpora/sample not present")
def test_real_pipeline_end_to_end(tmp_path: Path) -> None:
    """The real cartmine.load() pipeline, through the CLI, on the sample corpus in three formats."""
    inputs = [str(SAMPLE / "articles.jsonl")]
    inputs += [str(p) for p in (SAMPLE / "pubmed_sample.xml", SAMPLE / "html") if p.exists()]
    outdir = tmp_path / "out"
    result = run_cli("extract", *inputs, "-o", f"{outdir}/", "--jsonl", "-q")
    assert result.returncode == 0, result.stderr[-3000:]
    lines = [json.loads(line) for part in sorted((outdir / "results").glob("*.jsonl"))
             for line in part.read_text().splitlines()]
    assert len(lines) >= 10 and all(not line["errors"] for line in lines)
    assert sum(len(line["mentions"]) for line in lines) > 0
    labels = {m["label"] for line in lines for m in line["mentions"]}
    assert "THERAPY" in labels and "DISEASE" in labels
    # what the README's run command writes is contract v1, checked against the project's JSON Schema
    import jsonschema

    from cartmine.contract import load_schema

    schema = load_schema()
    for line in lines:
        jsonschema.validate(line, schema)
    manifest = json.loads((outdir / "manifest.json").read_text())
    assert manifest["finished"] and manifest["summary"]["documents"] == len(lines)
