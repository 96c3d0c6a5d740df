"""Recognise the same claim reported by several documents as one claim.

News re-reports studies: one 15-patient lupus series becomes three articles and
three identical records. Counting records would triple the evidence, so
aggregation counts *claims* and *documents* separately.

De-duplication key (the ``claim_key`` column), compared across all documents:

``therapy | disease | outcome | negated | n_patients | duration bucket``

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

import re
from typing import Any

import pandas as pd

from cartmine.aggregation.loading import normalise_records, parse_dates

CLAIM_COLUMNS = (
    "claim_key", "therapy", "therapy_target", "therapy_modality", "disease", "disease_id", "outcome",
    "negated", "hedged", "n_patients", "duration_months", "duration_qualifier", "duration_kind",
    "followup_months", "followup_qualifier", "sponsors",
    "evidence", "evidence_doc_id", "evidence_url", "confidence", "n_records", "n_documents", "n_sources",
    "doc_ids", "doc_urls", "urls", "source_types", "first_date", "last_date",
)


def therapy_key(value: Any) -> str:
    return re.sub(r"[\s\-]+", "", str(value).lower()) if is_present(value) else ""


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
        "|".join((therapy_key(t), str(d) if is_present(d) else (str(n).lower() if is_present(n) else ""),
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
    """One row per claim with all its sources; ``enabled=False`` makes every record its own claim."""
    records = normalise_records(records)
    if records.empty:
        return pd.DataFrame(columns=[*CLAIM_COLUMNS, *_extra_columns(records)])
    records["claim_key"] = claim_keys(records) if enabled else [f"record:{i}" for i in range(len(records))]
    records["_date"] = parse_dates(records["date"])
    rows = [_claim_row(key, group) for key, group in records.groupby("claim_key", sort=False)]
    claims = pd.DataFrame(rows)
    for column in ("n_patients", "n_records", "n_documents", "n_sources"):
        claims[column] = claims[column].astype("Int64")
    return claims.reset_index(drop=True)


def _extra_columns(records: pd.DataFrame) -> list[str]:
    """Grouping columns added by the caller (e.g. disease_class) that a claim carries along."""
    return [c for c in ("disease_class",) if c in records.columns]


def best_evidence_order(group: pd.DataFrame) -> pd.DataFrame:
    """Rows sorted strongest first: asserted (not negated, not hedged), then confidence, then earliest."""
    ranked = group.assign(_weak=group["negated"].astype(int) + group["hedged"].astype(int),
                          _conf=group["confidence"].fillna(0.0))
    sort_by = ["_weak", "_conf"] + (["_date"] if "_date" in ranked.columns else [])
    return ranked.sort_values(sort_by, ascending=[True, False] + [True] * (len(sort_by) - 2),
                              kind="stable", na_position="last")


def _claim_row(key: str, group: pd.DataFrame) -> dict[str, Any]:
    ordered = best_evidence_order(group)
    best = ordered.iloc[0]
    duration = _representative_duration(ordered)
    follow_up = ordered[ordered["duration_months"].notna() & (ordered["duration_kind"] == "follow_up")]
    longest_follow_up = follow_up.loc[follow_up["duration_months"].idxmax()] if len(follow_up) else None
    n_values = group["n_patients"].dropna()
    urls = sorted({u for u in group["url"] if is_present(u)})
    doc_ids = sorted({str(d) for d in group["doc_id"] if is_present(d)})
    source_keys = {u if is_present(u) else f"doc:{d}" for u, d in zip(group["url"], group["doc_id"], strict=True)}
    dates = group["_date"].dropna()
    row = {
        "claim_key": key,
        "therapy": best["therapy"],
        "therapy_target": _first(ordered["therapy_target"]),
        "therapy_modality": _first(ordered["therapy_modality"]),
        "disease": _first(ordered["disease"]),
        "disease_id": _first(ordered["disease_id"]),
        "outcome": best["outcome"],
        "negated": bool(best["negated"]),
        "hedged": bool(group["hedged"].all()),
        "n_patients": int(n_values.max()) if len(n_values) else None,
        "duration_months": float(duration["duration_months"]) if duration is not None else None,
        "duration_qualifier": duration["duration_qualifier"] if duration is not None else None,
        "duration_kind": duration["duration_kind"] if duration is not None else None,
        "followup_months": float(longest_follow_up["duration_months"]) if longest_follow_up is not None else None,
        "followup_qualifier": longest_follow_up["duration_qualifier"] if longest_follow_up is not None else None,
        "sponsors": sorted({s for s in group["sponsor"] if is_present(s)}),
        "evidence": best["evidence"],
        "evidence_doc_id": best["doc_id"],
        "evidence_url": best["url"],
        "confidence": float(group["confidence"].max()) if group["confidence"].notna().any() else None,
        "n_records": len(group),
        "n_documents": len(doc_ids),
        "n_sources": len(source_keys),
        "doc_ids": doc_ids,
        "doc_urls": [_first(group.loc[group["doc_id"].astype(str) == d, "url"]) for d in doc_ids],
        "urls": urls,
        "source_types": sorted({s for s in group["source"] if is_present(s)}),
        "first_date": dates.min().date().isoformat() if len(dates) else None,
        "last_date": dates.max().date().isoformat() if len(dates) else None,
    }
    for column in _extra_columns(group):
        row[column] = _first(ordered[column])
    return row


def _representative_duration(ordered: pd.DataFrame) -> pd.Series | None:
    """The claim's duration: its remission duration when one is reported, else a follow-up length."""
    with_duration = ordered[ordered["duration_months"].notna()]
    remission = with_duration[with_duration["duration_kind"] != "follow_up"]
    chosen = remission if len(remission) else with_duration
    return chosen.iloc[0] if len(chosen) else None


def _first(values: pd.Series) -> Any:
    """First present value (values are ordered strongest evidence first)."""
    for value in values:
        if is_present(value):
            return value
    return None
