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


@pytest.fixture(scope="session")
def rule_pipeline():
    """A builder of blank English pipelines holding only the named cartmine components: rule
    tests run the few steps a rule depends on, not the whole model-backed pipeline."""
    import spacy

    import cartmine.components  # noqa: F401  (registers the factories)
    from cartmine.extensions import register_extensions

    def build(*names: str):
        register_extensions()
        nlp = spacy.blank("en")
        for name in names:
            nlp.add_pipe(name)
        return nlp

    return build
