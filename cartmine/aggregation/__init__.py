"""Corpus-level views over extracted records: loading, de-duplication, aggregation, reports.

The extractor works one document at a time; a curator asks questions across a
corpus ("which therapies put lupus into drug-free remission, for how long, in
how many patients?"). This package turns ``cartmine extract`` output into the
tables and the HTML report that answer them. Submodules are imported lazily by
their callers so that ``import cartmine`` stays light.
"""

from __future__ import annotations

__all__ = ["aggregate", "dedup", "disease_class", "loading", "report", "therapies"]
