"""Shared fixtures: the full pipeline is built once per test session."""

from __future__ import annotations

import pytest

from cartmine.paths import dev_gold_path, referee_scorer_path


@pytest.fixture(scope="session")
def nlp():
    """The default cartmine pipeline (loading it takes a couple of seconds)."""
    from cartmine.pipeline import default_pipeline

    return default_pipeline()


@pytest.fixture(scope="session")
def shared_dev_gold():
    """Path of ../shared/gold/dev.jsonl, or skip when the shared data is not there."""
    path = dev_gold_path()
    if not path.exists() or not referee_scorer_path().exists():
        pytest.skip(f"shared dev gold not found at {path} (set CARTMINE_SHARED)")
    return path
