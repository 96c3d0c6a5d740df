"""The Dask engine writes the same dataset as the single-process run."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from batch_helpers import STANDIN_SETTINGS, make_dump, read_dataset

from cartmine.batch.runner import RunOptions, run

pytest.importorskip("distributed")


@pytest.mark.slow
def test_dask_local_cluster_equals_single_process(tmp_path: Path) -> None:
    dump = make_dump(tmp_path / "dump.jsonl", 60, failing=(3,))
    single, cluster = tmp_path / "single", tmp_path / "dask"
    common = {"inputs": [str(dump)], "settings": STANDIN_SETTINGS, "quiet": True, "shard_size": 25, "jsonl": True}
    run(RunOptions(output=f"{single}/", **common))
    summary = run(RunOptions(output=f"{cluster}/", engine="dask", dask_workers=2, chunk_size=5, **common))
    assert summary.documents == 60 and summary.failed_documents == 1
    for table in ("documents", "mentions", "records"):
        pd.testing.assert_frame_equal(read_dataset(single, table), read_dataset(cluster, table), obj=table)
    assert (single / "errors.jsonl").read_text() == (cluster / "errors.jsonl").read_text()
    for part in sorted((single / "results").iterdir()):
        assert part.read_text() == (cluster / "results" / part.name).read_text()
