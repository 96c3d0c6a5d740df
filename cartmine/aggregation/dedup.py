"""Recognise the same claim reported by several documents as one claim.

News re-reports studies: one 15-patient lupus series becomes three articles and
three identical records. Counting records would triple the evidence, so
aggregation counts *claims* and *documents* separately.

De-duplication key (the ``claim_key`` column), compared across all documents:

``therapy | disease | outcome | negated | n_patients | remission bucket``

* therapy: the norm lower-cased without spaces and hyphens (as the scorer compares);
* disease: the DOID, else the lower-cased disease name;
* outcome and negated as extracted (a negated relapse is another claim than a relapse);
* n_patients: the reported group size;
* remission bucket: the remission duration rounded to a whole month, so "two years"
  and "24 months" agree and the qualifier (``>=`` vs ``=``) does not split a claim,
  while "in remission at 6 months" and "at 24 months" stay two claims. Follow-up
  lengths describe the study, not the claim, and are not part of the key.

Articles often omit a detail the original gave. A record whose n_patients or
duration is missing joins the claim that has them when exactly one fully
matching claim exists for the same therapy, disease, outcome and polarity;
when several would fit, it stays a claim of its own rather than be guessed.

``hedged`` is not part of the key: a claim is hedged only when every source
hedges it. All doc_ids of a claim are kept, with ``doc_urls`` aligned to them
(None where a document has no url) and ``urls`` the distinct urls.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from cartmine.aggregation.loading import normalise_records, parse_dates
from cartmine.contract import therapy_key

CLAIM_COLUMNS = (
    "claim_key", "therapy", "therapy_target", "therapy_modality", "disease", "disease_id", "outcome",
    "negated", "hedged", "n_patients", "duration_months", "duration_qualifier", "duration_kind",
    "followup_months", "followup_qualifier", "sponsors",
    "evidence", "evidence_doc_id", "evidence_url", "confidence", "n_records", "n_documents", "n_sources",
    "doc_ids", "doc_urls", "urls", "source_types", "first_date", "last_date",
)


def claim_therapy_key(value: Any) -> str:
    """The contract's therapy key of a table cell; "" for a missing therapy."""
    return therapy_key(value) if is_present(value) else ""


def is_present(value: Any) -> bool:
    return value is not None and not (isinstance(value, float) and pd.isna(value)) and value is not pd.NA \
        and value is not pd.NaT and value != ""


def duration_bucket(months: Any, kind: Any) -> str | None:
    """``remission:24`` for a 24-month remission; None for no duration or a follow-up length."""
    if not is_present(months) or pd.isna(months) or kind == "follow_up":
        return None
    return f"{kind if is_present(kind) else 'remission'}:{round(float(months))}"


def claim_keys(records: pd.DataFrame) -> pd.Series:
    """The de-duplication key of every record row (see the module docstring)."""
    cores = [
        "|".join((claim_therapy_key(t), str(d) if is_present(d) else (str(n).lower() if is_present(n) else ""),
                  str(o), "neg" if g else "pos"))
        for t, d, n, o, g in zip(records["therapy"], records["disease_id"], records["disease"],
                                 records["outcome"], records["negated"], strict=True)
    ]
    details = [
        (int(n) if is_present(n) and not pd.isna(n) else None, duration_bucket(m, k))
        for n, m, k in zip(records["n_patients"], records["duration_months"], records["duration_kind"], strict=True)
    ]
    by_core: dict[str, set[tuple]] = {}
    for core, detail in zip(cores, details, strict=True):
        by_core.setdefault(core, set()).add(detail)
    resolved = {core: _resolve_details(found) for core, found in by_core.items()}
    keys = []
    for core, detail in zip(cores, details, strict=True):
        n, bucket = resolved[core][detail]
        keys.append(f"{core}|n={'' if n is None else n}|{bucket or ''}")
    return pd.Series(keys, index=records.index, dtype=object)


def _subsumes(full: tuple, partial: tuple) -> bool:
    """True when ``full`` agrees with every detail ``partial`` gives and adds at least one."""
    return full != partial and all(p is None or p == f for f, p in zip(full, partial, strict=True))


def _resolve_details(tuples: set[tuple]) -> dict[tuple, tuple]:
    """Map each detail tuple to the unique most specific tuple it is compatible with (else itself)."""
    anchors = [t for t in tuples if not any(_subsumes(other, t) for other in tuples)]
    resolved = {}
    for detail in tuples:
        fitting = [a for a in anchors if _subsumes(a, detail)]
        resolved[detail] = fitting[0] if len(fitting) == 1 else detail
    return resolved


def dedup_claims(records: pd.DataFrame, enabled: bool = True) -> pd.DataFrame:
    """One row per claim with all its sources; ``enabled=False`` makes every record its own claim.

    The per-claim work is plain Python over row dicts: pandas per-group indexing costs
    milliseconds per claim, which a corpus with tens of thousands of claims cannot afford.
    """
    records = normalise_records(records)
    extra = _extra_columns(records)
    if records.empty:
        return pd.DataFrame(columns=[*CLAIM_COLUMNS, *extra])
    keys = claim_keys(records) if enabled else pd.Series([f"record:{i}" for i in range(len(records))])
    dates = parse_dates(records["date"])
    groups: dict[str, list[dict[str, Any]]] = {}
    for row, key, date in zip(records.to_dict(orient="records"), keys, dates, strict=True):
        row["_date"] = None if pd.isna(date) else date
        groups.setdefault(key, []).append({k: (v if is_present(v) else None) for k, v in row.items()})
    claims = pd.DataFrame([_claim_row(key, group, extra) for key, group in groups.items()],
                          columns=[*CLAIM_COLUMNS, *extra])
    for column in ("n_patients", "n_records", "n_documents", "n_sources"):
        claims[column] = claims[column].astype("Int64")
    for column in ("duration_months", "followup_months", "confidence"):
        claims[column] = claims[column].astype(float)
    return claims


def _extra_columns(records: pd.DataFrame) -> list[str]:
    """Grouping columns added by the caller (e.g. disease_class) that a claim carries along."""
    return [c for c in ("disease_class",) if c in records.columns]


def evidence_strength(row: dict[str, Any]) -> tuple:
    """Sort key, smallest strongest: asserted before hedged/negated, then confidence, then earliest date."""
    date = row.get("_date")
    return (int(bool(row["negated"])) + int(bool(row["hedged"])), -(row["confidence"] or 0.0),
            date is None, date or 0)


def _claim_row(key: str, group: list[dict[str, Any]], extra: list[str]) -> dict[str, Any]:
    ordered = sorted(group, key=evidence_strength)
    best = ordered[0]
    with_duration = [r for r in ordered if r["duration_months"] is not None]
    remission = [r for r in with_duration if r["duration_kind"] != "follow_up"]
    duration = (remission or with_duration or [None])[0]
    follow_ups = [r for r in with_duration if r["duration_kind"] == "follow_up"]
    follow_up = max(follow_ups, key=lambda r: r["duration_months"]) if follow_ups else None
    n_values = [int(r["n_patients"]) for r in group if r["n_patients"] is not None]
    doc_urls: dict[str, str | None] = {}
    for r in ordered:
        if r["doc_id"] is not None and doc_urls.get(str(r["doc_id"])) is None:
            doc_urls[str(r["doc_id"])] = r["url"]
    doc_ids = sorted(doc_urls)
    dates = [r["_date"] for r in group if r["_date"] is not None]
    confidences = [r["confidence"] for r in group if r["confidence"] is not None]
    row = {
        "claim_key": key,
        "therapy": best["therapy"],
        "therapy_target": _first(ordered, "therapy_target"),
        "therapy_modality": _first(ordered, "therapy_modality"),
        "disease": _first(ordered, "disease"),
        "disease_id": _first(ordered, "disease_id"),
        "outcome": best["outcome"],
        "negated": bool(best["negated"]),
        "hedged": all(bool(r["hedged"]) for r in group),
        "n_patients": max(n_values) if n_values else None,
        "duration_months": duration["duration_months"] if duration else None,
        "duration_qualifier": duration["duration_qualifier"] if duration else None,
        "duration_kind": duration["duration_kind"] if duration else None,
        "followup_months": follow_up["duration_months"] if follow_up else None,
        "followup_qualifier": follow_up["duration_qualifier"] if follow_up else None,
        "sponsors": sorted({r["sponsor"] for r in group if r["sponsor"] is not None}),
        "evidence": best["evidence"],
        "evidence_doc_id": best["doc_id"],
        "evidence_url": best["url"],
        "confidence": max(confidences) if confidences else None,
        "n_records": len(group),
        "n_documents": len(doc_ids),
        "n_sources": len({r["url"] or f"doc:{r['doc_id']}" for r in group}),
        "doc_ids": doc_ids,
        "doc_urls": [doc_urls[d] for d in doc_ids],
        "urls": sorted({r["url"] for r in group if r["url"] is not None}),
        "source_types": sorted({r["source"] for r in group if r["source"] is not None}),
        "first_date": min(dates).date().isoformat() if dates else None,
        "last_date": max(dates).date().isoformat() if dates else None,
    }
    for column in extra:
        row[column] = _first(ordered, column)
    return row


def _first(rows: list[dict[str, Any]], column: str) -> Any:
    """First present value of ``column`` (rows are ordered strongest evidence first)."""
    for row in rows:
        if row.get(column) is not None:
            return row[column]
    return None
