"""cartmine: turn CAR-T news and abstracts into structured evidence records.

The public API is deliberately small:

* :func:`load` returns a ready spaCy ``Language`` whose components are all
  registered with ``@Language.factory`` and configured through spaCy config.
* :func:`extract` runs that pipeline on a text or an input document and returns
  a :class:`~cartmine.result.DocumentResult` that serialises to record contract v1.
"""

from __future__ import annotations

__version__ = "0.1.0"

from pathlib import Path
from typing import TYPE_CHECKING, Any

from cartmine.document import InputDocument
from cartmine.result import DocumentResult, Mention, Record

if TYPE_CHECKING:
    import pandas as pd
    from spacy.language import Language

__all__ = ["DocumentResult", "InputDocument", "Mention", "Record", "__version__", "extract", "load"]


def load(config_path: str | Path | None = None, overrides: dict[str, Any] | None = None,
         ner_model: str | Path | None = None, ner_backend: str = "cnn",
         enable: list[str] | None = None) -> Language:
    """Build the cartmine pipeline (see :func:`cartmine.pipeline.load`); imported lazily so that
    ``import cartmine`` stays cheap for users who only read results."""
    from cartmine.pipeline import load as _load

    return _load(config_path, overrides, ner_model, ner_backend, enable)


def extract(document: InputDocument | dict | str, nlp: Language | None = None) -> DocumentResult:
    """Extract mentions and records from a text, a dict or an :class:`InputDocument`."""
    from cartmine.extractor import extract as _extract

    return _extract(document, nlp=nlp)


def aggregate(records: pd.DataFrame | str | Path, by: str = "therapy-disease", dedup: bool = True) -> pd.DataFrame:
    """Summarise records per therapy and disease, target or disease class (see :mod:`cartmine.aggregation.aggregate`)."""
    from cartmine.aggregation.aggregate import aggregate as _aggregate

    return _aggregate(records, by=by, dedup=dedup)
