"""Where cartmine finds data that is not part of the package.

Nothing under ``../shared`` is ever committed: it is read by path. The paths are
configurable through environment variables so that CI, developers and users can
point at their own copies.
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = PACKAGE_DIR.parent
RESOURCES_DIR = PACKAGE_DIR / "resources"
MODELS_DIR = Path(os.environ.get("CARTMINE_MODELS", PROJECT_DIR / "models"))


def shared_dir() -> Path:
    """The shared data folder: ``$CARTMINE_SHARED`` or ``<project>/../shared``."""
    return Path(os.environ.get("CARTMINE_SHARED", PROJECT_DIR.parent / "shared"))


def disease_ontology_dir() -> Path:
    """Disease Ontology release files: ``$CARTMINE_DO_PATH`` or ``<shared>/data/disease-ontology``."""
    env = os.environ.get("CARTMINE_DO_PATH")
    return Path(env) if env else shared_dir() / "data" / "disease-ontology"


def dev_gold_path() -> Path:
    return shared_dir() / "gold" / "dev.jsonl"


def referee_scorer_path() -> Path:
    return shared_dir() / "tools" / "cartmine_score.py"


def bc5cdr_dir(variant: str = "bc5cdr") -> Path:
    return shared_dir() / "data" / "ner" / variant


def ncbi_disease_dir() -> Path:
    return shared_dir() / "data" / "ner" / "ncbi-disease"
