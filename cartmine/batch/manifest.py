"""``manifest.json`` of an output folder: what was asked, and which shards are done.

Resuming is only safe when the rerun asks for exactly the same thing, so the
manifest stores a fingerprint of the inputs (path, size, modification time)
and of every argument that changes the output. Arguments that only change
speed (``-j``, ``--engine``, batch and chunk sizes) are left out on purpose:
a run started with ``-j 4`` may be finished with ``-j 1``.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cartmine import __version__
from cartmine.readers import InputFile

MANIFEST_NAME = "manifest.json"
MANIFEST_VERSION = 1


class ManifestMismatch(ValueError):
    """The output folder holds a run with different inputs or arguments."""


def input_fingerprint(files: list[InputFile]) -> list[dict[str, Any]]:
    """What identifies the inputs without reading them: resolved path, size, mtime."""
    out = []
    for item in files:
        stat = item.path.stat()
        out.append({"path": str(item.path.resolve()), "format": item.fmt, "size": stat.st_size,
                    "mtime_ns": stat.st_mtime_ns})
    return out


def fingerprint(inputs: list[dict[str, Any]], arguments: dict[str, Any]) -> str:
    blob = json.dumps({"inputs": inputs, "arguments": arguments, "cartmine": __version__}, sort_keys=True)
    return hashlib.sha256(blob.encode()).hexdigest()


@dataclass
class Manifest:
    """The state of one output folder."""

    fingerprint: str
    inputs: list[dict[str, Any]]
    arguments: dict[str, Any]
    shard_size: int
    #: shard number (as a string, JSON keys are strings) -> its counts
    completed: dict[str, dict[str, int]] = field(default_factory=dict)
    finished: bool = False
    started: float = field(default_factory=time.time)
    summary: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"version": MANIFEST_VERSION, "cartmine": __version__, "fingerprint": self.fingerprint,
                "arguments": self.arguments, "inputs": self.inputs, "shard_size": self.shard_size,
                "completed_shards": self.completed, "finished": self.finished, "started": self.started,
                "summary": self.summary}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Manifest:
        return cls(fingerprint=data["fingerprint"], inputs=data["inputs"], arguments=data["arguments"],
                   shard_size=data["shard_size"], completed=data.get("completed_shards", {}),
                   finished=data.get("finished", False), started=data.get("started", time.time()),
                   summary=data.get("summary", {}))

    def save(self, outdir: Path) -> None:
        """Atomically: a crash leaves the previous manifest, never a torn one."""
        path = outdir / MANIFEST_NAME
        tmp = path.with_name(f".{MANIFEST_NAME}.tmp-{os.getpid()}")
        tmp.write_text(json.dumps(self.to_dict(), indent=2, sort_keys=True), encoding="utf-8")
        os.replace(tmp, path)

    def totals(self) -> dict[str, int]:
        """Counts summed over completed shards."""
        total: dict[str, int] = {}
        for counts in self.completed.values():
            for key, value in counts.items():
                total[key] = total.get(key, 0) + value
        return total


def load_manifest(outdir: Path) -> Manifest | None:
    path = outdir / MANIFEST_NAME
    if not path.exists():
        return None
    return Manifest.from_dict(json.loads(path.read_text(encoding="utf-8")))


def check_resumable(existing: Manifest, wanted: Manifest, outdir: Path) -> None:
    """Refuse to mix two different runs in one folder, saying what differs."""
    if existing.fingerprint == wanted.fingerprint:
        return
    diffs = [f"{key}: {existing.arguments.get(key)!r} -> {value!r}"
             for key, value in wanted.arguments.items() if existing.arguments.get(key) != value]
    if existing.inputs != wanted.inputs:
        diffs.append("the input files (paths, sizes or modification times) differ")
    detail = "; ".join(diffs) or "cartmine version differs"
    raise ManifestMismatch(f"{outdir} holds the output of a different run ({detail}). "
                           "Use --overwrite to start over, or choose another output folder.")
