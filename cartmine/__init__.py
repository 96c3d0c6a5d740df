"""cartmine: turn CAR-T news and abstracts into structured evidence records.

The public API is deliberately small:

* :func:`load` returns a ready spaCy ``Language`` whose components are all
  registered with ``@Language.factory`` and configured through spaCy config.
* :func:`extract` runs that pipeline on a text or an input document and returns
  a :class:`~cartmine.result.DocumentResult` that serialises to record contract v1.
"""

from __future__ import annotations

__version__ = "0.1.0"

from cartmine.document import InputDocument
from cartmine.result import DocumentResult, Mention, Record

__all__ = ["DocumentResult", "InputDocument", "Mention", "Record", "__version__", "extract", "load"]


def load(*args, **kwargs):
    """Build the cartmine pipeline (see :func:`cartmine.pipeline.load`)."""
    from cartmine.pipeline import load as _load

    return _load(*args, **kwargs)


def extract(document, nlp=None):
    """Extract mentions and records from a text, a dict or an :class:`InputDocument`."""
    from cartmine.extractor import extract as _extract

    return _extract(document, nlp=nlp)


def aggregate(records, by="therapy-disease", dedup=True):
    """Summarise records per therapy and disease, target or disease class (see :mod:`cartmine.aggregation.aggregate`)."""
    from cartmine.aggregation.aggregate import aggregate as _aggregate

    return _aggregate(records, by=by, dedup=dedup)
