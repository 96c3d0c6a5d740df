"""Scoring of cartmine output against gold files, as record contract v1 defines it (section 4).

The referee script in ``<shared>/tools/cartmine_score.py`` is the judge of
record, but it is a command-line script that prints tables. This module gives
the same numbers as a typed library so that the CLI (``cartmine evaluate``),
scripts and regression tests can use them, and it also says *which* items were
false positives and false negatives, which the referee does not.

Agreement with the referee is the point, so the quirks are kept on purpose:

* the same comparison keys (lower case; spaces, hyphens, dots, commas,
  apostrophes and brackets removed) and the same sponsor key (trailing
  corporate words such as "Therapeutics" or "Inc" dropped);
* the same greedy one-to-one matching, in the same order (gold items in gold
  order, or sorted where the referee sorts; predicted items sorted as the
  referee sorts them), because greedy matching can depend on order;
* micro-averaged P/R/F1 per field, and a macro F1 over the six entity fields
  computed, like the referee, from the F1 values rounded to three decimals.

``tests/test_evaluate.py`` checks the agreement on the dev set and on
``corpora/gold``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cartmine.contract import DURATION_KINDS, FIELDS, sponsor_key
from cartmine.contract import comparison_key as key
from cartmine.evaluation.gold_files import read_jsonl

#: Fields averaged into the macro F1 (records are a different kind of thing: claims, not entities).
ENTITY_FIELDS: tuple[str, ...] = FIELDS[:-1]

#: Duration months may differ by this much and still match (weeks and days convert inexactly).
MONTHS_TOLERANCE = 0.5


#: A predicted disease: (DOID or None, normalised name or surface text).
PredDisease = tuple[str | None, str | None]
#: A predicted duration: (months, kind).
PredDuration = tuple[float, str]
#: A predicted record: (therapy, disease_id, disease, outcome, negated).
PredRecord = tuple[str | None, str | None, str | None, str | None, bool]


# --------------------------------------------------------------------------- results


@dataclass
class FieldScore:
    """Micro-averaged counts for one field over all documents."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, tp: int, fp: int, fn: int) -> None:
        self.tp += tp
        self.fp += fp
        self.fn += fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, float | int]:
        """The referee's JSON shape: p/r/f1 rounded to three decimals, raw counts."""
        return {"p": round(self.precision, 3), "r": round(self.recall, 3), "f1": round(self.f1, 3),
                "tp": self.tp, "fp": self.fp, "fn": self.fn}


@dataclass
class FieldErrors:
    """What went wrong for one field of one document, as readable strings."""

    false_positives: list[str] = field(default_factory=list)
    false_negatives: list[str] = field(default_factory=list)


@dataclass
class DocumentErrors:
    """False positives and negatives of one document, by field (only fields with errors)."""

    doc_id: str
    fields: dict[str, FieldErrors] = field(default_factory=dict)
    #: True when the predictions had no line for this document at all.
    missing_prediction: bool = False


@dataclass
class ScoreReport:
    """The outcome of :func:`score`: per-field scores and per-document errors."""

    fields: dict[str, FieldScore]
    documents: list[DocumentErrors]
    n_documents: int = 0

    @property
    def macro_f1(self) -> float:
        """Mean F1 over the entity fields, from F1 values rounded to 3 decimals (as the referee does)."""
        return round(sum(round(self.fields[f].f1, 3) for f in ENTITY_FIELDS) / len(ENTITY_FIELDS), 3)

    def f1_by_field(self) -> dict[str, float]:
        """F1 of every field rounded to 3 decimals, plus ``macro_f1_fields``; what baselines store."""
        out = {f: round(self.fields[f].f1, 3) for f in FIELDS}
        out["macro_f1_fields"] = self.macro_f1
        return out

    def to_dict(self) -> dict[str, Any]:
        """Exactly what ``cartmine_score.py --json`` prints."""
        out: dict[str, Any] = {f: self.fields[f].to_dict() for f in FIELDS}
        out["macro_f1_fields"] = self.macro_f1
        return out

    def format_table(self) -> str:
        """The referee's table layout, so that numbers can be compared line by line."""
        lines = [f"{'field':16} {'P':>6} {'R':>6} {'F1':>6} {'tp':>5} {'fp':>5} {'fn':>5}"]
        for name in FIELDS:
            s = self.fields[name].to_dict()
            lines.append(f"{name:16} {s['p']:6.3f} {s['r']:6.3f} {s['f1']:6.3f} "
                         f"{s['tp']:5d} {s['fp']:5d} {s['fn']:5d}")
        lines.append(f"macro F1 over entity fields: {self.macro_f1:.3f}")
        return "\n".join(lines)

    def format_details(self) -> str:
        """Every false positive and false negative, one line each: ``dev03 therapies FP: 'CAR-T'``."""
        lines: list[str] = []
        for doc in self.documents:
            if doc.missing_prediction:
                lines.append(f"{doc.doc_id} (no prediction line for this document)")
            for name in FIELDS:
                errors = doc.fields.get(name)
                if errors is None:
                    continue
                lines.extend(f"{doc.doc_id} {name} FP: {item}" for item in errors.false_positives)
                lines.extend(f"{doc.doc_id} {name} FN: {item}" for item in errors.false_negatives)
        return "\n".join(lines)


# --------------------------------------------------------------------------- matching


@dataclass
class Match:
    """Result of a greedy one-to-one matching: counts and the unmatched items of each side."""

    tp: int
    unmatched_gold: list[Any]
    unmatched_pred: list[Any]

    @property
    def fp(self) -> int:
        return len(self.unmatched_pred)

    @property
    def fn(self) -> int:
        return len(self.unmatched_gold)


def greedy_match(gold_items: Sequence[Any], pred_items: Sequence[Any],
                 same: Callable[[Any, Any], bool]) -> Match:
    """Match each gold item, in order, to the first unused predicted item it equals.

    This is the referee's algorithm; it is not an optimal assignment, and keeping
    it that way is what makes the numbers agree.
    """
    used: set[int] = set()
    unmatched_gold: list[Any] = []
    for gold in gold_items:
        for j, pred in enumerate(pred_items):
            if j not in used and same(gold, pred):
                used.add(j)
                break
        else:
            unmatched_gold.append(gold)
    unmatched_pred = [p for j, p in enumerate(pred_items) if j not in used]
    return Match(len(used), unmatched_gold, unmatched_pred)


def therapy_matches(gold_therapy: Mapping[str, Any], pred_norm: Any) -> bool:
    """A predicted therapy norm matches a gold therapy when it equals its name or an alias, by key."""
    names = {key(gold_therapy["name"])} | {key(a) for a in gold_therapy.get("aliases") or []}
    return key(pred_norm) in names


def disease_matches(gold_disease: Mapping[str, Any], pred: PredDisease) -> bool:
    """A predicted disease matches by DOID in the gold ``ids``, or else by equal name key."""
    pred_id, pred_name = pred
    if pred_id and pred_id in gold_disease["ids"]:
        return True
    return bool(pred_name) and key(pred_name) == key(gold_disease["name"])


def predicted_sets(prediction: Mapping[str, Any]) -> dict[str, list[Any]]:
    """The comparable sets of one prediction line, deduplicated and sorted as the referee does."""
    mentions = prediction.get("mentions") or []

    def by(label: str) -> list[Mapping[str, Any]]:
        return [m for m in mentions if m.get("label") == label]

    therapies = sorted({m.get("norm") or m.get("text") for m in by("THERAPY")} - {None, ""})
    diseases = sorted({(m.get("id"), m.get("norm") or m.get("text")) for m in by("DISEASE")}, key=str)
    outcomes = sorted({m.get("norm") for m in by("OUTCOME")} - {None})
    durations: set[PredDuration] = set()
    for m in by("DURATION"):
        attrs = m.get("attrs") or {}
        if attrs.get("kind") in DURATION_KINDS and isinstance(attrs.get("months"), int | float):
            durations.add((float(attrs["months"]), attrs["kind"]))
    counts: set[int] = set()
    for m in by("PATIENT_COUNT"):
        n = (m.get("attrs") or {}).get("n")
        if isinstance(n, int):
            counts.add(n)
    sponsors = sorted({sponsor_key(m.get("norm") or m.get("text")) for m in by("SPONSOR")} - {""})
    records: set[PredRecord] = set()
    for r in prediction.get("records") or []:
        records.add((r.get("therapy"), r.get("disease_id"), r.get("disease"), r.get("outcome"),
                     bool(r.get("negated"))))
    return {
        "therapies": therapies, "diseases": diseases, "outcomes": outcomes,
        "durations": sorted(durations), "patient_counts": sorted(counts), "sponsors": sponsors,
        "records": sorted(records, key=str),
    }


def _gold_therapy_for(gold_therapies: Sequence[Mapping[str, Any]], name: str) -> Mapping[str, Any]:
    """The gold therapy a gold record names; a record naming no listed therapy matches by its own name."""
    for therapy in gold_therapies:
        if key(therapy["name"]) == key(name):
            return therapy
    return {"name": name, "aliases": []}


def _record_matcher(gold: Mapping[str, Any]) -> Callable[[Mapping[str, Any], PredRecord], bool]:
    """Predicate for gold record vs predicted record tuple, elements compared as their fields are."""
    therapies = gold.get("therapies") or []
    by_id = {i: d for d in gold.get("diseases") or [] for i in d.get("ids") or []}

    def same(gold_record: Mapping[str, Any], pred: PredRecord) -> bool:
        therapy, disease_id, disease_name, outcome, negated = pred
        if gold_record.get("outcome") != outcome or bool(gold_record.get("negated", False)) != negated:
            return False
        if gold_record.get("therapy") is None:
            if therapy is not None:
                return False
        elif therapy is None or not therapy_matches(_gold_therapy_for(therapies, gold_record["therapy"]),
                                                    therapy):
            return False
        if gold_record.get("disease") is None:
            return disease_id is None and disease_name is None
        gold_disease = by_id.get(gold_record["disease"], {"name": gold_record["disease"],
                                                          "ids": [gold_record["disease"]]})
        return disease_matches(gold_disease, (disease_id, disease_name))

    return same


def match_document(gold: Mapping[str, Any], prediction: Mapping[str, Any]) -> dict[str, Match]:
    """Match one document's gold object against its prediction line, field by field."""
    pred = predicted_sets(prediction)
    return {
        "therapies": greedy_match(gold.get("therapies") or [], pred["therapies"], therapy_matches),
        "diseases": greedy_match(gold.get("diseases") or [], pred["diseases"], disease_matches),
        "outcomes": greedy_match(sorted(set(gold.get("outcomes") or [])), pred["outcomes"],
                                 lambda a, b: a == b),
        "durations": greedy_match(
            gold.get("durations") or [], pred["durations"],
            lambda a, b: abs(float(a["months"]) - b[0]) <= MONTHS_TOLERANCE and a["kind"] == b[1]),
        "patient_counts": greedy_match(sorted(set(gold.get("patient_counts") or [])), pred["patient_counts"],
                                       lambda a, b: a == b),
        "sponsors": greedy_match(sorted({sponsor_key(s) for s in gold.get("sponsors") or []}),
                                 pred["sponsors"], lambda a, b: a == b),
        "records": greedy_match(gold.get("records") or [], pred["records"], _record_matcher(gold)),
    }


# --------------------------------------------------------------------------- describing errors


def _fmt_months(months: Any) -> str:
    return f"{float(months):g}"


def describe_gold(field_name: str, item: Any) -> str:
    """A gold item as a short readable string for ``--details``."""
    if field_name == "therapies":
        return repr(item["name"])
    if field_name == "diseases":
        return f"{item['name']!r} ({', '.join(item['ids'])})"
    if field_name == "durations":
        qualifier = item.get("qualifier", "=")
        return f"{qualifier} {_fmt_months(item['months'])} months ({item['kind']})"
    if field_name == "records":
        return (f"({item.get('therapy')!r}, {item.get('disease')}, {item.get('outcome')}, "
                f"negated={bool(item.get('negated', False))})")
    return repr(item)


def describe_pred(field_name: str, item: Any) -> str:
    """A predicted item as a short readable string for ``--details``."""
    if field_name == "diseases":
        disease_id, name = item
        return f"{name!r} ({disease_id})"
    if field_name == "durations":
        months, kind = item
        return f"{_fmt_months(months)} months ({kind})"
    if field_name == "records":
        therapy, disease_id, disease_name, outcome, negated = item
        return f"({therapy!r}, {disease_id or repr(disease_name)}, {outcome}, negated={negated})"
    return repr(item)


# --------------------------------------------------------------------------- scoring


def score(gold_rows: Iterable[Mapping[str, Any]], pred_rows: Iterable[Mapping[str, Any]]) -> ScoreReport:
    """Score prediction lines against gold rows, as the referee scorer does.

    Documents are those of the gold file; a gold document without a prediction
    line counts all its gold items as false negatives, and prediction lines for
    documents not in the gold file are ignored. When a ``doc_id`` occurs twice
    in the predictions the last line wins.
    """
    predictions = {p.get("doc_id"): p for p in pred_rows}
    fields = {name: FieldScore() for name in FIELDS}
    documents: list[DocumentErrors] = []
    n_documents = 0
    for row in gold_rows:
        n_documents += 1
        doc_id = row.get("id")
        prediction = predictions.get(doc_id)
        matches = match_document(row.get("gold") or {}, prediction or {})
        errors = DocumentErrors(doc_id=str(doc_id), missing_prediction=prediction is None)
        for name in FIELDS:
            m = matches[name]
            fields[name].add(m.tp, m.fp, m.fn)
            if m.fp or m.fn:
                errors.fields[name] = FieldErrors(
                    false_positives=[describe_pred(name, p) for p in m.unmatched_pred],
                    false_negatives=[describe_gold(name, g) for g in m.unmatched_gold],
                )
        if errors.fields or errors.missing_prediction:
            documents.append(errors)
    return ScoreReport(fields=fields, documents=documents, n_documents=n_documents)


def score_files(gold_path: str | Path, pred_path: str | Path) -> ScoreReport:
    """Score two JSONL files."""
    return score(read_jsonl(gold_path), read_jsonl(pred_path))
