"""The sharded output folder of ``cartmine extract IN... -o OUTDIR/``.

Layout::

    OUTDIR/documents/part-00000.parquet   one row per document (errors included)
    OUTDIR/mentions/part-00000.parquet    one row per mention
    OUTDIR/records/part-00000.parquet     one row per record (the flat evidence table)
    OUTDIR/results/part-00000.jsonl       contract v1 lines (with --jsonl)
    OUTDIR/errors/part-00000.jsonl        errors of the shard; merged into OUTDIR/errors.jsonl
    OUTDIR/manifest.json                  arguments, input fingerprint, completed shards

Shard ``k`` holds input items ``k*shard_size`` to ``(k+1)*shard_size - 1``, so
shard contents do not depend on how many workers ran. Each file is written to a
temporary name and renamed into place, and a shard is marked complete in the
manifest only after all its files are in place: a killed run loses at most the
shards in progress and a rerun rewrites them under the same names, so nothing
is lost or duplicated.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from cartmine.batch.manifest import MANIFEST_NAME, Manifest
from cartmine.batch.outcomes import Outcome, error_entries
from cartmine.batch.tables import (
    DOCUMENTS_SCHEMA,
    MENTIONS_SCHEMA,
    RECORDS_SCHEMA,
    document_row,
    mention_rows,
    record_rows,
    to_table,
)
from cartmine.batch.writers import atomic_path, result_line
from cartmine.result import DocumentResult

TABLES = ("documents", "mentions", "records")
OWNED = (*TABLES, "results", "errors", "errors.jsonl", MANIFEST_NAME)


def part_name(shard: int, ext: str) -> str:
    return f"part-{shard:05d}.{ext}"


def clear_outdir(outdir: Path) -> None:
    """Remove what cartmine wrote (for --overwrite); other files in the folder are left alone."""
    for name in OWNED:
        path = outdir / name
        if path.is_dir():
            shutil.rmtree(path)
        elif path.exists():
            path.unlink()


def remove_stale_tmp(outdir: Path) -> None:
    """Temporary files of a killed run."""
    for folder in (outdir, *(outdir / name for name in (*TABLES, "results", "errors"))):
        if folder.is_dir():
            for tmp in folder.glob(".*.tmp-*"):
                tmp.unlink(missing_ok=True)


def _write_atomic_text(path: Path, lines: list[str]) -> None:
    tmp = atomic_path(path)
    with tmp.open("w", encoding="utf-8") as handle:
        handle.writelines(line + "\n" for line in lines)
    os.replace(tmp, path)


def _write_atomic_table(path: Path, rows: list[dict[str, Any]], schema: Any) -> None:
    tmp = atomic_path(path)
    pq.write_table(to_table(rows, schema), tmp)
    os.replace(tmp, path)


class DatasetWriter:
    """Writes whole shards and records them in the manifest."""

    def __init__(self, outdir: Path, manifest: Manifest, jsonl: bool = False) -> None:
        self.outdir = outdir
        self.manifest = manifest
        self.jsonl = jsonl
        for name in (*TABLES, "errors", *(("results",) if jsonl else ())):
            (outdir / name).mkdir(parents=True, exist_ok=True)

    def write_shard(self, shard: int, outcomes: list[Outcome]) -> dict[str, int]:
        """Write every file of one shard, then mark it complete; returns its counts."""
        results = [o for o in outcomes if isinstance(o, DocumentResult)]
        errors = [entry for o in outcomes for entry in error_entries(o)]
        documents = [document_row(r) for r in results]
        mentions = [row for r in results for row in mention_rows(r)]
        records = [row for r in results for row in record_rows(r)]
        _write_atomic_table(self.outdir / "documents" / part_name(shard, "parquet"), documents,
                            DOCUMENTS_SCHEMA)
        _write_atomic_table(self.outdir / "mentions" / part_name(shard, "parquet"), mentions, MENTIONS_SCHEMA)
        _write_atomic_table(self.outdir / "records" / part_name(shard, "parquet"), records, RECORDS_SCHEMA)
        if self.jsonl:
            _write_atomic_text(self.outdir / "results" / part_name(shard, "jsonl"),
                               [result_line(r) for r in results])
        _write_atomic_text(self.outdir / "errors" / part_name(shard, "jsonl"),
                           [json.dumps(e, ensure_ascii=False) for e in errors])
        counts = {
            "items": len(outcomes), "documents": len(results), "records": len(records),
            "mentions": len(mentions), "failed_documents": sum(1 for r in results if r.errors),
            "unreadable": len(outcomes) - len(results), "errors": len(errors),
        }
        self.manifest.completed[str(shard)] = counts
        self.manifest.save(self.outdir)
        return counts

    def merge_errors(self) -> Path:
        """``errors.jsonl``: the shards' errors in input order."""
        target = self.outdir / "errors.jsonl"
        tmp = atomic_path(target)
        with tmp.open("w", encoding="utf-8") as out:
            for shard in sorted(int(k) for k in self.manifest.completed):
                part = self.outdir / "errors" / part_name(shard, "jsonl")
                if part.exists():
                    out.write(part.read_text(encoding="utf-8"))
        os.replace(tmp, target)
        return target
