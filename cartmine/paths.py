"""Where cartmine finds its models and data.

Everything the default pipeline needs ships with the package: the spaCy NER models are copied
from the repository's ``models/`` into the wheel as ``cartmine/_models/`` (see ``setup.py``), and
a compact Disease Ontology lexicon lives in ``resources/disease_ontology/`` (built by
``scripts/build_do_lexicon.py``). Environment variables override these, they are never required:

* ``$CARTMINE_MODELS``: a folder searched first for models (e.g. ``ner_minilm``, which the base
  wheel does not carry);
* ``$CARTMINE_DO_PATH``: another Disease Ontology release folder;
* ``$CARTMINE_SHARED``: the team's shared data (gold sets, corpora, referee scorer), read by
  path and never committed; only tests, evaluation and training scripts need it.
"""

from __future__ import annotations

import gzip
import os
from pathlib import Path
from typing import IO

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = PACKAGE_DIR.parent
RESOURCES_DIR = PACKAGE_DIR / "resources"
#: Models copied into an installed wheel (absent in a source checkout, which reads ``models/``).
PACKAGED_MODELS_DIR = PACKAGE_DIR / "_models"
#: The Disease Ontology lexicon committed with the package.
PACKAGED_DO_DIR = RESOURCES_DIR / "disease_ontology"
#: Where training scripts write models and where a checkout keeps them.
MODELS_DIR = Path(os.environ.get("CARTMINE_MODELS", PROJECT_DIR / "models"))


def model_search_path() -> list[Path]:
    """Folders searched for a model, first hit wins: ``$CARTMINE_MODELS``, the checkout's
    ``models/``, the models packaged in the wheel."""
    env = os.environ.get("CARTMINE_MODELS")
    dirs = [Path(env).expanduser()] if env else []
    checkout = PROJECT_DIR / "models"  # in a wheel install PROJECT_DIR is site-packages: skip it there
    return [*dirs, *([checkout] if checkout.is_dir() else []), PACKAGED_MODELS_DIR]


def model_dir(name: str) -> Path:
    """The folder of model ``name`` (e.g. ``ner_bc5cdr``) in the first search-path folder that has
    it; if none has it, where the first would hold it (so that messages name a useful path)."""
    candidates = [folder / name for folder in model_search_path()]
    return next((c for c in candidates if c.is_dir()), candidates[0])


def shared_dir() -> Path:
    """The shared data folder: ``$CARTMINE_SHARED`` or ``<project>/../shared``."""
    return Path(os.environ.get("CARTMINE_SHARED", PROJECT_DIR.parent / "shared"))


def disease_ontology_dir() -> Path:
    """Disease Ontology files: ``$CARTMINE_DO_PATH``, else the lexicon packaged with cartmine.

    The packaged lexicon is built from the shared release and gives identical results
    (``tests/test_packaging.py``), so installs behave the same with or without ``../shared``.
    """
    env = os.environ.get("CARTMINE_DO_PATH")
    return Path(env) if env else PACKAGED_DO_DIR


def data_file(folder: Path, name: str) -> Path:
    """``folder/name``, or ``folder/name.gz`` when only the compressed file is there."""
    plain = folder / name
    if not plain.exists() and (folder / f"{name}.gz").exists():
        return folder / f"{name}.gz"
    return plain


def open_text(path: Path) -> IO[str]:
    """Open a UTF-8 text file for reading, gzip-compressed when its name ends with ``.gz``."""
    if path.suffix == ".gz":
        return gzip.open(path, "rt", encoding="utf-8")
    return open(path, encoding="utf-8")


def dev_gold_path() -> Path:
    return shared_dir() / "gold" / "dev.jsonl"


def referee_scorer_path() -> Path:
    return shared_dir() / "tools" / "cartmine_score.py"


def bc5cdr_dir(variant: str = "bc5cdr") -> Path:
    return shared_dir() / "data" / "ner" / variant


def ncbi_disease_dir() -> Path:
    return shared_dir() / "data" / "ner" / "ncbi-disease"
