"""Batch runner: sharded dataset, errors file, resuming after a crash, -j2 == -j1."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from batch_helpers import STANDIN, STANDIN_SETTINGS, make_dump, read_dataset, read_lines, run_cli, write_jsonl

from cartmine.batch.manifest import ManifestMismatch
from cartmine.batch.runner import RunOptions, run, shard_chunks


def _options(inputs: list[Path], output: str, **kwargs) -> RunOptions:
    return RunOptions(inputs=[str(p) for p in inputs], output=output, settings=STANDIN_SETTINGS, quiet=True,
                      **kwargs)


def _frames(outdir: Path) -> dict[str, pd.DataFrame]:
    return {name: read_dataset(outdir, name) for name in ("documents", "mentions", "records")}


def test_shard_chunks_never_straddle_shards() -> None:
    triples = list(shard_chunks(range(25), chunk_size=4, shard_size=10))
    assert [(s, c, last) for s, c, last in triples][:3] == [(0, [0, 1, 2, 3], False), (0, [4, 5, 6, 7], False),
                                                             (0, [8, 9], True)]
    assert [s for s, _, last in triples if last] == [0, 1, 2]
    exact = list(shard_chunks(range(12), chunk_size=4, shard_size=10))
    assert exact == [(0, [0, 1, 2, 3], False), (0, [4, 5, 6, 7], False), (0, [8, 9], True), (1, [10, 11], True)]
    ends_on_full_chunk = list(shard_chunks(range(8), chunk_size=4, shard_size=10))
    assert ends_on_full_chunk == [(0, [0, 1, 2, 3], False), (0, [4, 5, 6, 7], True)]
    skipped = list(shard_chunks(range(25), chunk_size=100, shard_size=10, done={0, 2}))
    assert skipped == [(1, list(range(10, 20)), True)]


def test_dataset_layout_and_errors(tmp_path: Path) -> None:
    dump = make_dump(tmp_path / "dump.jsonl", 23, failing=(4,))
    extra = write_jsonl(tmp_path / "extra.jsonl", ["{broken", {"id": "notext"}])
    outdir = tmp_path / "out"
    summary = run(_options([dump, extra], f"{outdir}/", shard_size=10, jsonl=True))
    assert (summary.documents, summary.failed_documents, summary.unreadable) == (24, 2, 1)
    assert not summary.ok
    for table in ("documents", "mentions", "records"):
        assert sorted(p.name for p in (outdir / table).iterdir()) == [
            "part-00000.parquet", "part-00001.parquet", "part-00002.parquet"]
    frames = _frames(outdir)
    assert list(frames["documents"]["doc_id"]) == [f"d{i:04d}" for i in range(23)] + ["notext"]
    assert len(frames["records"]) == 23 and len(frames["mentions"]) == 46
    assert set(frames["records"]["title"]) >= {"Report 0"}
    results = [line for part in sorted((outdir / "results").glob("*.jsonl")) for line in read_lines(part)]
    assert [r["doc_id"] for r in results] == list(frames["documents"]["doc_id"])
    errors = read_lines(outdir / "errors.jsonl")
    assert [(e["doc_id"], e["message"].split(":")[0]) for e in errors] == [
        ("d0004", "boom"), (None, "line is not valid JSON"), ("notext", "document has no 'text'")]
    assert errors[1]["location"].endswith("extra.jsonl:1")
    manifest = json.loads((outdir / "manifest.json").read_text())
    assert manifest["finished"] and sorted(manifest["completed_shards"]) == ["0", "1", "2"]
    assert manifest["summary"]["documents"] == 24


def test_rerun_after_finish_does_nothing_and_mismatch_is_refused(tmp_path: Path) -> None:
    dump = make_dump(tmp_path / "dump.jsonl", 5)
    outdir = tmp_path / "out"
    run(_options([dump], f"{outdir}/", shard_size=2))
    before = {p: p.stat().st_mtime_ns for p in (outdir / "documents").iterdir()}
    again = run(_options([dump], str(outdir), shard_size=2, jobs=1))  # existing folder, no slash needed
    assert again.processed == 0 and again.documents == 5 and again.skipped_shards == 3
    assert before == {p: p.stat().st_mtime_ns for p in (outdir / "documents").iterdir()}
    with pytest.raises(ManifestMismatch, match="shard_size"):
        run(_options([dump], f"{outdir}/", shard_size=3))
    redone = run(_options([dump], f"{outdir}/", shard_size=3, overwrite=True))
    assert redone.processed == 5
    assert sorted(p.name for p in (outdir / "documents").iterdir()) == ["part-00000.parquet", "part-00001.parquet"]


def test_resume_after_crash_loses_and_duplicates_nothing(tmp_path: Path) -> None:
    rows = [{"id": f"d{i:03d}", "text": f"CAR-T remission {i}" + (" CRASHME" if i == 15 else "")}
            for i in range(28)]
    dump = write_jsonl(tmp_path / "dump.jsonl", rows)
    outdir = tmp_path / "out"
    args = ("extract", str(dump), "-o", f"{outdir}/", "--shard-size", "10", "--pipeline", STANDIN, "--jsonl")
    crashed = run_cli(*args, env={"CARTMINE_STANDIN_CRASH": "CRASHME"})
    assert crashed.returncode == 9, crashed.stderr  # killed hard in the middle of shard 1
    manifest = json.loads((outdir / "manifest.json").read_text())
    assert list(manifest["completed_shards"]) == ["0"] and not manifest["finished"]
    first_shard = outdir / "documents" / "part-00000.parquet"
    first_mtime = first_shard.stat().st_mtime_ns
    (outdir / "records" / ".part-00001.parquet.tmp-99999").write_bytes(b"half-written")
    resumed = run_cli(*args)
    assert resumed.returncode == 0, resumed.stderr
    assert "1 shard(s) already done" in resumed.stderr
    assert first_shard.stat().st_mtime_ns == first_mtime
    assert not list((outdir / "records").glob(".*tmp*"))
    documents = read_dataset(outdir, "documents")
    assert list(documents["doc_id"]) == [r["id"] for r in rows]
    assert len(read_dataset(outdir, "records")) == 28
    results = [line for part in sorted((outdir / "results").glob("*.jsonl")) for line in read_lines(part)]
    assert [r["doc_id"] for r in results] == [r["id"] for r in rows]


def test_two_processes_equal_one(tmp_path: Path) -> None:
    dump = make_dump(tmp_path / "dump.jsonl", 120, failing=(7, 80))
    broken = write_jsonl(tmp_path / "broken.jsonl", ["nope", {"id": "x", "text": ""}])
    single, double = tmp_path / "j1", tmp_path / "j2"
    run(_options([dump, broken], f"{single}/", shard_size=50, jsonl=True))
    run(_options([dump, broken], f"{double}/", shard_size=50, jsonl=True, jobs=2, chunk_size=8))
    for name, frame in _frames(single).items():
        pd.testing.assert_frame_equal(frame, _frames(double)[name], obj=name)
    for part in ("errors.jsonl", "results/part-00000.jsonl", "results/part-00002.jsonl"):
        assert (single / part).read_text() == (double / part).read_text()


def test_jobs_in_file_mode(tmp_path: Path) -> None:
    dump = make_dump(tmp_path / "dump.jsonl", 40)
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    run(_options([dump], str(one)))
    run(_options([dump], str(two), jobs=2, chunk_size=3))
    assert one.read_text() == two.read_text()
