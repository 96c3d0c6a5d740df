"""Batch extraction over article dumps: engines, sharded resumable output, summaries.

``cartmine extract`` is a thin layer over :func:`cartmine.batch.runner.run`.
"""

from __future__ import annotations

from cartmine.batch.runner import RunOptions, RunSummary, run
from cartmine.batch.worker import ExtractSettings

__all__ = ["ExtractSettings", "RunOptions", "RunSummary", "run"]
