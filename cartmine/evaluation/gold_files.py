"""Reading gold and prediction JSONL files, and checking that a gold file can be scored.

Kept apart from the scorer (:mod:`cartmine.evaluation.contract_scorer`) because the CLI
validates gold files without scoring them, and both follow the referee script's rules and
messages (``<shared>/tools/cartmine_score.py --validate``) word for word.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from cartmine.contract import DURATION_KINDS, FIELDS, OUTCOMES, QUALIFIERS
from cartmine.contract import comparison_key as key


def read_jsonl(path: str | Path) -> list[dict[str, Any]]:
    """Read a JSONL file, skipping blank lines; a bad line raises ``ValueError`` naming file and line."""
    rows: list[dict[str, Any]] = []
    with open(path, encoding="utf-8") as fh:
        for number, line in enumerate(fh, 1):
            line = line.strip()
            if not line:
                continue
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{number}: not JSON: {exc}") from exc
    return rows


def validate_gold(gold_rows: Iterable[Mapping[str, Any]]) -> list[str]:
    """Problems that make a gold file unusable, with the referee's ``--validate`` rules and wording.

    An empty list means the file can be scored.
    """
    problems: list[str] = []
    seen: set[Any] = set()
    for row in gold_rows:
        did = row.get("id")
        where = f"doc {did!r}"
        if not did or did in seen:
            problems.append(f"{where}: missing or duplicate id")
        seen.add(did)
        if not isinstance(row.get("text"), str) or len(row["text"]) < 40:
            problems.append(f"{where}: text missing or too short")
        gold = row.get("gold")
        if not isinstance(gold, dict):
            problems.append(f"{where}: no gold object")
            continue
        for name in FIELDS:
            if not isinstance(gold.get(name), list):
                problems.append(f"{where}: gold.{name} must be a list")
        for therapy in gold.get("therapies", []):
            if not therapy.get("name") or not isinstance(therapy.get("aliases", []), list):
                problems.append(f"{where}: therapy needs name and aliases list: {therapy}")
        for disease in gold.get("diseases", []):
            ids = disease.get("ids")
            if not disease.get("name") or not ids or not all(re.fullmatch(r"DOID:\d+", i) for i in ids):
                problems.append(f"{where}: disease needs name and DOID ids: {disease}")
        for outcome in gold.get("outcomes", []):
            if outcome not in OUTCOMES:
                problems.append(f"{where}: unknown outcome {outcome!r}")
        for duration in gold.get("durations", []):
            if not isinstance(duration.get("months"), int | float) or duration.get("kind") not in DURATION_KINDS:
                problems.append(f"{where}: duration needs months and kind: {duration}")
            if duration.get("qualifier", "=") not in QUALIFIERS:
                problems.append(f"{where}: bad qualifier {duration}")
        for count in gold.get("patient_counts", []):
            if not isinstance(count, int):
                problems.append(f"{where}: patient count must be int: {count!r}")
        therapy_keys = {key(t["name"]) for t in gold.get("therapies", []) if t.get("name")}
        disease_ids = {i for d in gold.get("diseases", []) for i in d.get("ids") or []}
        for record in gold.get("records", []):
            if record.get("outcome") not in OUTCOMES:
                problems.append(f"{where}: record outcome {record.get('outcome')!r}")
            if record.get("therapy") is not None and key(record["therapy"]) not in therapy_keys:
                problems.append(f"{where}: record therapy {record['therapy']!r} not among gold therapies")
            if record.get("disease") is not None and record["disease"] not in disease_ids:
                problems.append(f"{where}: record disease {record['disease']!r} not among gold disease ids")
            if record.get("therapy") is None and record.get("disease") is None:
                problems.append(f"{where}: record needs a therapy or a disease")
            if not isinstance(record.get("negated", False), bool):
                problems.append(f"{where}: record negated must be bool")
    return problems
