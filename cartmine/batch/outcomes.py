"""Helpers that turn what a worker returns into output rows and error entries.

A :class:`ReadError` that names its document (bad UTF-8, missing text) becomes
a :class:`DocumentResult` carrying the message in ``errors``, so that every
input document gets exactly one output line; only input that names no document
at all (a line that is not JSON, a broken XML file) stays a bare error.
"""

from __future__ import annotations

from typing import Any

from cartmine.document import ReadError
from cartmine.result import DocumentResult

Outcome = DocumentResult | ReadError


def normalise(outcome: Outcome) -> Outcome:
    """Read errors with a document id become failed document results."""
    if isinstance(outcome, ReadError) and outcome.doc_id is not None:
        return DocumentResult(doc_id=outcome.doc_id, errors=[outcome.message],
                              meta={"location": outcome.location})
    return outcome


def error_entries(outcome: Outcome) -> list[dict[str, Any]]:
    """Lines for ``errors.jsonl``: doc id (when known), location (when known) and reason."""
    if isinstance(outcome, ReadError):
        return [outcome.to_dict()]
    location = outcome.meta.get("location")
    return [{"location": location, "doc_id": outcome.doc_id, "message": str(message)}
            for message in outcome.errors]


def describe(entry: dict[str, Any]) -> str:
    """One stderr line for an error entry."""
    where = entry.get("location") or ""
    doc = f"document {entry['doc_id']!r}" if entry.get("doc_id") else ""
    prefix = ", ".join(part for part in (where, doc) if part)
    return f"{prefix}: {entry['message']}" if prefix else str(entry["message"])
