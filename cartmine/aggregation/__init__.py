"""Corpus-level views over extracted records: loading, de-duplication, aggregation, reports.

The extractor works one document at a time; a curator asks questions across a
corpus ("which therapies put lupus into drug-free remission, for how long, in
how many patients?"). This package turns ``cartmine extract`` output into the
tables and the HTML report that answer them. Submodules are imported lazily by
their callers so that ``import cartmine`` stays light.

Modules: ``loading`` (extract output -> flat records table), ``dedup`` (claims),
``aggregate`` (+ ``durations``, ``groupings``, ``therapies``, ``disease_class``),
``report`` (+ ``charts``, ``headless`` for browser checks), ``output`` (CSV/Parquet/text).
"""

from __future__ import annotations
