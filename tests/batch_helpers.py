"""Shared helpers for the reader, batch and CLI tests (not a conftest: other suites share tests/)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd

from cartmine.batch.worker import ExtractSettings

TESTS_DIR = Path(__file__).resolve().parent
PROJECT_DIR = TESTS_DIR.parent
DATA_DIR = TESTS_DIR / "data"
STANDIN = "standin_pipeline:build"
STANDIN_SETTINGS = ExtractSettings(pipeline=STANDIN)


def write_jsonl(path: Path, rows: list[dict | str | bytes]) -> Path:
    """Rows as JSON lines; strings and bytes are written verbatim (for broken lines)."""
    with path.open("wb") as handle:
        for row in rows:
            if isinstance(row, bytes):
                handle.write(row.rstrip(b"\n") + b"\n")
            elif isinstance(row, str):
                handle.write(row.encode() + b"\n")
            else:
                handle.write(json.dumps(row).encode() + b"\n")
    return path


def make_dump(path: Path, n: int, failing: tuple[int, ...] = ()) -> Path:
    """n small CAR-T documents; indexes in ``failing`` make the stand-in pipeline report an error."""
    rows = []
    for i in range(n):
        marker = " FAILME" if i in failing else ""
        rows.append({"id": f"d{i:04d}", "title": f"Report {i}",
                     "text": f"Patient {i} received CAR-T cells and had remission.{marker}"})
    return write_jsonl(path, rows)


def run_cli(*args: str, env: dict[str, str] | None = None, timeout: int = 300) -> subprocess.CompletedProcess:
    """``python -m cartmine ...`` in a subprocess, with the stand-in pipeline importable."""
    full_env = {**os.environ, **(env or {})}
    full_env["PYTHONPATH"] = os.pathsep.join([str(PROJECT_DIR), str(TESTS_DIR), full_env.get("PYTHONPATH", "")])
    return subprocess.run([sys.executable, "-m", "cartmine", *args], cwd=PROJECT_DIR, env=full_env,
                          capture_output=True, text=True, timeout=timeout)


def read_lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def read_dataset(outdir: Path, table: str) -> pd.DataFrame:
    """All shards of one table, in shard order."""
    parts = sorted((outdir / table).glob("part-*.parquet"))
    return pd.concat([pd.read_parquet(p) for p in parts], ignore_index=True)
