"""What a batch run was asked to do: the options ``cartmine extract`` builds from its arguments.

A module of its own because both the runner and the reporter read them; defined in the
runner, they made the reporter import the runner that imports the reporter.
"""

from __future__ import annotations

import sys
from dataclasses import asdict, dataclass, field
from typing import TextIO

from cartmine.batch.worker import ExtractSettings
from cartmine.readers import FieldMap


@dataclass
class RunOptions:
    """What ``cartmine extract`` was asked to do."""

    inputs: list[str]
    output: str = "-"
    fmt: str | None = None
    fields: FieldMap = field(default_factory=FieldMap)
    settings: ExtractSettings = field(default_factory=ExtractSettings)
    jobs: int = 1
    engine: str = "local"  # "local" (in-process or process pool) or "dask"
    scheduler: str | None = None
    dask_workers: int = 2
    chunk_size: int = 32
    shard_size: int = 1000
    jsonl: bool = False
    overwrite: bool = False
    progress: bool = True
    quiet: bool = False
    max_reported: int = 20  # error lines on stderr; the rest go to errors.jsonl only
    log: TextIO = field(default_factory=lambda: sys.stderr)

    def output_arguments(self) -> dict[str, object]:
        """The arguments that change the output (fingerprinted for resuming)."""
        return {"format": self.fmt, "fields": asdict(self.fields), "max_chars": self.settings.max_chars,
                "pipeline": self.settings.pipeline, "config": self.settings.config,
                "shard_size": self.shard_size, "jsonl": self.jsonl}
