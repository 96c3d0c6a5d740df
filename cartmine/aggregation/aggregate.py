"""Summarise records per therapy and disease (or per target, or per disease class).

One row per group answers the curator's questions: how many documents and
independent sources, how many distinct claims (see :mod:`.dedup`), how many
patients, which outcomes were asserted, how long remissions lasted, when the
evidence appeared, who sponsors it, and the single best sentence to cite.

Counting rules, chosen so that re-reporting and hedging never inflate evidence:

* ``n_records`` counts extracted records, ``n_claims`` de-duplicated claims,
  ``n_documents`` distinct doc_ids, ``n_sources`` distinct urls (doc_id when no url).
* ``n_<outcome>`` counts asserted claims only: neither negated nor hedged.
  Negated and hedged claims are counted in ``n_negated`` / ``n_hedged`` and listed
  in ``negated_outcomes`` / ``hedged_outcomes`` (a claim both negated and hedged
  counts in both).
* ``n_patients_total`` sums distinct cohorts: each (therapy, disease, n_patients)
  counts once, however many outcomes or articles report it; ``n_patients_max`` is
  the largest reported group.
* Remission statistics use ``duration_kind == "remission"`` figures of claims that
  assert remission-like benefit (any efficacy outcome except relapse, progression
  and no_response, not negated, not hedged) or that negate relapse/progression
  ("no patient relapsed during 24 months"). Follow-up statistics use every
  ``duration_kind == "follow_up"`` figure. Qualifiers: see :mod:`.durations`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from cartmine.aggregation import durations
from cartmine.aggregation.dedup import best_evidence_order, dedup_claims, is_present, therapy_key
from cartmine.aggregation.disease_class import disease_class_of
from cartmine.aggregation.groupings import DIMENSION_COLUMNS, GROUPINGS
from cartmine.aggregation.loading import load_records, normalise_records, parse_dates
from cartmine.result import EFFICACY_OUTCOMES, OUTCOMES

_NOT_REMISSION = ("relapse", "progression", "no_response")
_NEGATED_RELAPSE = ("relapse", "progression")
_MISSING = "\x00missing"


def aggregate(records: pd.DataFrame | str | Path, by: str | Sequence[str] = "therapy-disease",
              dedup: bool = True) -> pd.DataFrame:
    """One summary row per group of ``records`` (a records table or a path :func:`load_records` reads)."""
    dims = _dimensions(by)
    frame = load_records(records) if isinstance(records, (str, Path)) else normalise_records(records)
    frame = add_disease_class(harmonise_targets(frame))
    claims = dedup_claims(frame, enabled=dedup)
    if frame.empty:
        return pd.DataFrame(columns=_columns(dims))
    frame = frame.assign(_group=group_keys(frame, dims), _date=parse_dates(frame["date"]))
    claims = claims.assign(_group=group_keys(claims, dims))
    claims_by_group = dict(tuple(claims.groupby("_group", sort=False)))
    rows = [_summary_row(dims, group, claims_by_group.get(key, claims.iloc[0:0]))
            for key, group in frame.groupby("_group", sort=False)]
    table = pd.DataFrame(rows, columns=_columns(dims))
    table = table.sort_values(["n_documents", "n_claims", *_key_columns(dims)], ascending=[False, False]
                              + [True] * len(_key_columns(dims)), kind="stable", na_position="last")
    for column in ("n_documents", "n_sources", "n_records", "n_claims", "n_patients_total", "n_patients_max"):
        table[column] = table[column].astype("Int64")
    return table.reset_index(drop=True)


def harmonise_targets(records: pd.DataFrame) -> pd.DataFrame:
    """Give every record of a therapy the target most of its records report, so a therapy is in one target group."""
    known = records[records["therapy"].notna() & records["therapy_target"].notna()]
    if known.empty:
        return records
    majority = known.groupby("therapy")["therapy_target"].agg(lambda v: Counter(v).most_common(1)[0][0])
    filled = records["therapy"].map(majority)
    return records.assign(therapy_target=filled.where(filled.notna(), records["therapy_target"]).astype(object))


def add_disease_class(records: pd.DataFrame) -> pd.DataFrame:
    """A ``disease_class`` column from the ontology hierarchy (None for records without a disease)."""
    classes = [disease_class_of(i if is_present(i) else None, n if is_present(n) else None)
               if is_present(i) or is_present(n) else None
               for i, n in zip(records["disease_id"], records["disease"], strict=True)]
    return records.assign(disease_class=pd.Series(classes, index=records.index, dtype=object))


def group_keys(frame: pd.DataFrame, dims: Sequence[str]) -> pd.Series:
    """A hashable group key per row; disease groups by DOID (name when no DOID), therapy by its compact norm."""
    parts = []
    for dim in dims:
        if dim == "therapy":
            parts.append([therapy_key(v) or _MISSING for v in frame["therapy"]])
        elif dim == "disease":
            parts.append([str(i) if is_present(i) else (str(n).lower() if is_present(n) else _MISSING)
                          for i, n in zip(frame["disease_id"], frame["disease"], strict=True)])
        else:
            column = DIMENSION_COLUMNS[dim][0]
            parts.append([str(v) if is_present(v) else _MISSING for v in frame[column]])
    return pd.Series(["\x1f".join(values) for values in zip(*parts, strict=True)], index=frame.index, dtype=object)


def _dimensions(by: str | Sequence[str]) -> tuple[str, ...]:
    if isinstance(by, str):
        if by not in GROUPINGS:
            raise ValueError(f"unknown grouping {by!r}; choose one of {', '.join(GROUPINGS)}")
        return GROUPINGS[by]
    dims = tuple(by)
    unknown = [d for d in dims if d not in DIMENSION_COLUMNS]
    if unknown or not dims:
        raise ValueError(f"unknown dimension(s) {unknown}; choose from {', '.join(DIMENSION_COLUMNS)}")
    return dims


def _key_columns(dims: Sequence[str]) -> list[str]:
    return [column for dim in dims for column in DIMENSION_COLUMNS[dim]]


def _context_columns(dims: Sequence[str]) -> list[str]:
    """Members listed for coarse groupings: the therapies of a target, the diseases of a class."""
    out = []
    if "therapy" not in dims:
        out.append("therapies")
    if "disease" not in dims:
        out.append("diseases")
    return out


def _columns(dims: Sequence[str]) -> list[str]:
    return [
        *_key_columns(dims), *_context_columns(dims),
        "n_documents", "n_sources", "n_records", "n_claims", "source_types",
        "n_patients_total", "n_patients_max",
        *(f"n_{outcome}" for outcome in OUTCOMES),
        "n_negated", "n_hedged", "negated_outcomes", "hedged_outcomes",
        *(f"remission_{s}" for s in _STATS), *(f"followup_{s}" for s in _STATS),
        "first_date", "last_date", "sponsors",
        "evidence", "evidence_outcome", "evidence_confidence", "evidence_doc_id", "evidence_url", "doc_ids",
    ]


_STATS = ("longest_months", "longest_qualifier", "longest", "median_months", "median_qualifier", "n_reported")


def _summary_row(dims: Sequence[str], records: pd.DataFrame, claims: pd.DataFrame) -> dict[str, Any]:
    row: dict[str, Any] = {}
    for dim in dims:
        for column in DIMENSION_COLUMNS[dim]:
            row[column] = _most_common(records[column])
    if "therapy" not in dims:
        row["therapies"] = _join(records["therapy"])
    if "disease" not in dims:
        row["diseases"] = _join(records["disease"])
    source_keys = {u if is_present(u) else f"doc:{d}" for u, d in zip(records["url"], records["doc_id"], strict=True)}
    row.update({
        "n_documents": records["doc_id"].nunique(),
        "n_sources": len(source_keys),
        "n_records": len(records),
        "n_claims": len(claims),
        "source_types": _join(records["source"]),
    })
    row.update(_patients(claims))
    row.update(_outcomes(claims))
    row.update(_duration_stats(claims))
    dates = records["_date"].dropna()
    row["first_date"] = dates.min().date().isoformat() if len(dates) else None
    row["last_date"] = dates.max().date().isoformat() if len(dates) else None
    row["sponsors"] = _join(records["sponsor"])
    best = best_evidence_order(records).iloc[0]
    row.update({"evidence": best["evidence"], "evidence_outcome": _polar(best), "evidence_confidence":
                best["confidence"], "evidence_doc_id": best["doc_id"], "evidence_url": best["url"],
                "doc_ids": _join(records["doc_id"])})
    return row


def _patients(claims: pd.DataFrame) -> dict[str, Any]:
    cohorts = {(therapy_key(t), str(i) if is_present(i) else str(d).lower(), int(n))
               for t, i, d, n in zip(claims["therapy"], claims["disease_id"], claims["disease"],
                                     claims["n_patients"], strict=True) if is_present(n) and not pd.isna(n)}
    sizes = [n for *_, n in cohorts]
    return {"n_patients_total": sum(sizes) if sizes else None, "n_patients_max": max(sizes) if sizes else None}


def _outcomes(claims: pd.DataFrame) -> dict[str, Any]:
    asserted = claims[~claims["negated"] & ~claims["hedged"]]
    counts = asserted["outcome"].value_counts()
    out: dict[str, Any] = {f"n_{outcome}": int(counts.get(outcome, 0)) for outcome in OUTCOMES}
    for flag in ("negated", "hedged"):
        flagged = claims[claims[flag].astype(bool)]
        out[f"n_{flag}"] = len(flagged)
        tally = Counter(flagged["outcome"])
        out[f"{flag}_outcomes"] = ", ".join(f"{o} ({n})" if n > 1 else o for o, n in sorted(tally.items())) or None
    return out


def remission_claims(claims: pd.DataFrame) -> pd.DataFrame:
    """Claims whose duration is evidence of how long remission lasted (rules in the module docstring)."""
    negated = claims["negated"].astype(bool)
    positive = claims["outcome"].isin(EFFICACY_OUTCOMES) & ~claims["outcome"].isin(_NOT_REMISSION) & ~negated
    no_relapse = claims["outcome"].isin(_NEGATED_RELAPSE) & negated
    return claims[(claims["duration_kind"] == "remission") & claims["duration_months"].notna()
                  & ~claims["hedged"].astype(bool) & (positive | no_relapse)]


def _duration_stats(claims: pd.DataFrame) -> dict[str, Any]:
    remission = remission_claims(claims)
    return {**durations.summarise(list(remission["duration_months"]), list(remission["duration_qualifier"]),
                                  "remission"),
            **durations.summarise(list(claims["followup_months"]), list(claims["followup_qualifier"]),
                                  "followup")}


def _polar(record: pd.Series) -> str:
    """The outcome with its polarity, e.g. ``relapse (negated)``."""
    flags = [flag for flag in ("negated", "hedged") if bool(record[flag])]
    return f"{record['outcome']} ({', '.join(flags)})" if flags else str(record["outcome"])


def _join(values: pd.Series) -> str | None:
    return "; ".join(sorted({str(v) for v in values if is_present(v)})) or None


def _most_common(values: pd.Series) -> Any:
    present = [v for v in values if is_present(v)]
    return Counter(present).most_common(1)[0][0] if present else None
