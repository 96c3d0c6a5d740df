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
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from cartmine.aggregation import durations
from cartmine.aggregation.dedup import claim_therapy_key, dedup_claims, evidence_strength, is_present
from cartmine.aggregation.disease_class import disease_class_of
from cartmine.aggregation.groupings import DIMENSION_COLUMNS, GROUPINGS
from cartmine.aggregation.loading import load_records, normalise_records, parse_dates
from cartmine.contract import EFFICACY_OUTCOMES, OUTCOMES

_NOT_REMISSION = ("relapse", "progression", "no_response")
_NEGATED_RELAPSE = ("relapse", "progression")
_MISSING = "\x00missing"
_STATS = ("longest_months", "longest_qualifier", "longest", "median_months", "median_qualifier", "n_reported")
_COUNT_COLUMNS = ("n_documents", "n_sources", "n_records", "n_claims", "n_patients_total", "n_patients_max")

Row = dict[str, Any]


def aggregate(records: pd.DataFrame | str | Path, by: str | Sequence[str] = "therapy-disease",
              dedup: bool = True) -> pd.DataFrame:
    """One summary row per group of ``records`` (a records table or a path :func:`load_records` reads)."""
    frame = load_records(records) if isinstance(records, (str, Path)) else normalise_records(records)
    frame = prepare(frame)
    return summarise_groups(frame, dedup_claims(frame, enabled=dedup), by)


def prepare(records: pd.DataFrame) -> pd.DataFrame:
    """Records with harmonised targets and a ``disease_class`` column: what grouping needs."""
    return add_disease_class(harmonise_targets(normalise_records(records)))


def summarise_groups(frame: pd.DataFrame, claims: pd.DataFrame, by: str | Sequence[str]) -> pd.DataFrame:
    """The summary table for prepared records and their claims (lets the report de-duplicate once).

    Per-group work runs on plain row dicts: pandas indexing per group would cost
    milliseconds per therapy-disease pair, far too slow for a large corpus.
    """
    dims = _dimensions(by)
    if frame.empty:
        return pd.DataFrame(columns=_columns(dims))
    record_groups = _rows_by_group(frame.assign(_date=parse_dates(frame["date"])), dims)
    claim_groups = _rows_by_group(claims, dims)
    rows = [_summary_row(dims, rows, claim_groups.get(key, [])) for key, rows in record_groups.items()]
    table = pd.DataFrame(rows, columns=_columns(dims))
    keys = _key_columns(dims)
    table = table.sort_values(["n_documents", "n_claims", *keys], ascending=[False, False] + [True] * len(keys),
                              kind="stable", na_position="last")
    for column in _COUNT_COLUMNS:
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


def is_remission_evidence(claim: Row) -> bool:
    """Whether a claim's duration says how long remission lasted (rules in the module docstring)."""
    if claim.get("duration_kind") != "remission" or not is_present(claim.get("duration_months")):
        return False
    if claim.get("hedged"):
        return False
    outcome = claim.get("outcome")
    if claim.get("negated"):
        return outcome in _NEGATED_RELAPSE
    return outcome in EFFICACY_OUTCOMES and outcome not in _NOT_REMISSION


def remission_claims(claims: pd.DataFrame) -> pd.DataFrame:
    """The claims whose durations feed remission statistics and the durations chart."""
    return claims[[is_remission_evidence(claim) for claim in claims.to_dict(orient="records")]]


def group_key(row: Row, dims: Sequence[str]) -> str:
    """A hashable group key; disease groups by DOID (name when no DOID), therapy by its compact norm."""
    parts = []
    for dim in dims:
        if dim == "therapy":
            parts.append(claim_therapy_key(row.get("therapy")) or _MISSING)
        elif dim == "disease":
            doid, name = row.get("disease_id"), row.get("disease")
            parts.append(str(doid) if is_present(doid) else (str(name).lower() if is_present(name) else _MISSING))
        else:
            value = row.get(DIMENSION_COLUMNS[dim][0])
            parts.append(str(value) if is_present(value) else _MISSING)
    return "\x1f".join(parts)


def _rows_by_group(frame: pd.DataFrame, dims: Sequence[str]) -> dict[str, list[Row]]:
    groups: dict[str, list[Row]] = {}
    for row in frame.to_dict(orient="records"):
        clean = {k: (v if is_present(v) and not (k == "_date" and pd.isna(v)) else None) for k, v in row.items()}
        groups.setdefault(group_key(clean, dims), []).append(clean)
    return groups


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
    return [name for name, dim in (("therapies", "therapy"), ("diseases", "disease")) if dim not in dims]


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


def _summary_row(dims: Sequence[str], records: list[Row], claims: list[Row]) -> Row:
    row: Row = {}
    for column in _key_columns(dims):
        row[column] = _most_common(r[column] for r in records)
    if "therapy" not in dims:
        row["therapies"] = _join(r["therapy"] for r in records)
    if "disease" not in dims:
        row["diseases"] = _join(r["disease"] for r in records)
    row.update({
        "n_documents": len({r["doc_id"] for r in records}),
        "n_sources": len({r["url"] or f"doc:{r['doc_id']}" for r in records}),
        "n_records": len(records),
        "n_claims": len(claims),
        "source_types": _join(r["source"] for r in records),
    })
    row.update(_patients(claims))
    row.update(_outcomes(claims))
    remission = [c for c in claims if is_remission_evidence(c)]
    row.update(durations.summarise([c["duration_months"] for c in remission],
                                   [c["duration_qualifier"] for c in remission], "remission"))
    row.update(durations.summarise([c.get("followup_months") for c in claims],
                                   [c.get("followup_qualifier") for c in claims], "followup"))
    dates = [r["_date"] for r in records if r["_date"] is not None]
    row["first_date"] = min(dates).date().isoformat() if dates else None
    row["last_date"] = max(dates).date().isoformat() if dates else None
    row["sponsors"] = _join(r["sponsor"] for r in records)
    best = min(records, key=evidence_strength)
    row.update({"evidence": best["evidence"], "evidence_outcome": _polar(best),
                "evidence_confidence": best["confidence"], "evidence_doc_id": best["doc_id"],
                "evidence_url": best["url"], "doc_ids": _join(r["doc_id"] for r in records)})
    return row


def _patients(claims: list[Row]) -> Row:
    cohorts = {(claim_therapy_key(c["therapy"]), c["disease_id"] or str(c["disease"]).lower(), int(c["n_patients"]))
               for c in claims if c["n_patients"] is not None}
    sizes = [n for *_, n in cohorts]
    return {"n_patients_total": sum(sizes) if sizes else None, "n_patients_max": max(sizes) if sizes else None}


def _outcomes(claims: list[Row]) -> Row:
    asserted = Counter(c["outcome"] for c in claims if not c["negated"] and not c["hedged"])
    out: Row = {f"n_{outcome}": asserted.get(outcome, 0) for outcome in OUTCOMES}
    for flag in ("negated", "hedged"):
        tally = Counter(c["outcome"] for c in claims if c[flag])
        out[f"n_{flag}"] = sum(tally.values())
        out[f"{flag}_outcomes"] = ", ".join(f"{o} ({n})" if n > 1 else o for o, n in sorted(tally.items())) or None
    return out


def _polar(record: Row) -> str:
    """The outcome with its polarity, e.g. ``relapse (negated)``."""
    flags = [flag for flag in ("negated", "hedged") if record[flag]]
    return f"{record['outcome']} ({', '.join(flags)})" if flags else str(record["outcome"])


def _join(values: Iterable[Any]) -> str | None:
    return "; ".join(sorted({str(v) for v in values if v is not None})) or None


def _most_common(values: Iterable[Any]) -> Any:
    present = [v for v in values if v is not None]
    return Counter(present).most_common(1)[0][0] if present else None
