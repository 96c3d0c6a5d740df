"""Mention-level scores of a named-entity recogniser: strict and overlap P/R/F1 per label.

Why both: the BC5CDR model is judged on *mentions*, not tokens, and both the strict
(exact span + label) and the lenient overlap scores matter -- a model that finds
"hypotension" when the gold says "postural hypotension" is still useful for cartmine's
downstream linking, but should not be counted as exact. Pure functions over small
dataclasses, so the scorer is unit-tested on hand-made examples without spaCy models.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from cartmine.iob import TokenSpan

MICRO = "micro"


@dataclass
class LabelScore:
    """Counts for one label (or the micro total) under one matching criterion.

    ``matched_gold`` and ``matched_pred`` are kept apart because under overlap
    matching one predicted span may cover two gold spans (or vice versa); recall is
    then the share of gold spans that were hit and precision the share of
    predicted spans that hit something. Under strict matching the two are equal.
    """

    n_gold: int = 0
    n_pred: int = 0
    matched_gold: int = 0
    matched_pred: int = 0

    @property
    def precision(self) -> float:
        return self.matched_pred / self.n_pred if self.n_pred else 0.0

    @property
    def recall(self) -> float:
        return self.matched_gold / self.n_gold if self.n_gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: LabelScore) -> None:
        """Accumulate another score's counts into this one (used for the micro total)."""
        self.n_gold += other.n_gold
        self.n_pred += other.n_pred
        self.matched_gold += other.matched_gold
        self.matched_pred += other.matched_pred

    def to_dict(self) -> dict[str, float | int]:
        return {
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "n_gold": self.n_gold,
            "n_pred": self.n_pred,
            "matched_gold": self.matched_gold,
            "matched_pred": self.matched_pred,
        }


@dataclass
class NerScores:
    """Strict and overlap scores per label, each with a ``"micro"`` entry."""

    strict: dict[str, LabelScore] = field(default_factory=dict)
    overlap: dict[str, LabelScore] = field(default_factory=dict)

    @property
    def labels(self) -> list[str]:
        """The entity labels, micro last."""
        return [label for label in self.strict if label != MICRO] + [MICRO]

    def to_dict(self) -> dict[str, dict[str, dict[str, float | int]]]:
        return {
            "strict": {k: v.to_dict() for k, v in self.strict.items()},
            "overlap": {k: v.to_dict() for k, v in self.overlap.items()},
        }


def _is_matched(span: TokenSpan, others: Sequence[TokenSpan], other_set: set[TokenSpan], strict: bool) -> bool:
    """Strict: the same span is on the other side; overlap: a same-label span shares a token."""
    if strict:
        return span in other_set
    return any(o.label == span.label and o.overlaps(span) for o in others)


def _score_sentence(
    gold: Sequence[TokenSpan], pred: Sequence[TokenSpan], strict: bool, out: dict[str, LabelScore]
) -> None:
    gold_set, pred_set = set(gold), set(pred)
    for span in gold_set:
        score = out.setdefault(span.label, LabelScore())
        score.n_gold += 1
        score.matched_gold += _is_matched(span, pred, pred_set, strict)
    for span in pred_set:
        score = out.setdefault(span.label, LabelScore())
        score.n_pred += 1
        score.matched_pred += _is_matched(span, gold, gold_set, strict)


def score_spans(
    gold: Sequence[Sequence[TokenSpan]],
    pred: Sequence[Sequence[TokenSpan]],
    labels: Iterable[str] | None = None,
) -> NerScores:
    """Score predicted against gold mentions, sentence by sentence.

    ``gold[i]`` and ``pred[i]`` are the spans of sentence ``i`` (duplicates are
    counted once). Strict: a span matches when start, end and label are all
    equal. Overlap: a span matches when a span of the other side with the same
    label shares at least one token. Every label in ``labels`` and every label
    seen gets an entry in both tables, plus ``"micro"`` (summed counts).
    """
    if len(gold) != len(pred):
        raise ValueError(f"{len(gold)} gold sentences but {len(pred)} predicted")
    strict: dict[str, LabelScore] = {label: LabelScore() for label in labels or ()}
    overlap: dict[str, LabelScore] = {label: LabelScore() for label in labels or ()}
    for g, p in zip(gold, pred, strict=True):
        _score_sentence(g, p, True, strict)
        _score_sentence(g, p, False, overlap)
    scores = NerScores()
    all_labels = sorted(set(strict) | set(overlap))
    for table, target in ((strict, scores.strict), (overlap, scores.overlap)):
        total = LabelScore()
        for label in all_labels:
            target[label] = table.get(label, LabelScore())
            total.add(target[label])
        target[MICRO] = total
    return scores


def format_scores(scores: NerScores, title: str = "") -> str:
    """Render the strict and overlap tables as aligned plain text."""
    lines = [title] if title else []
    header = f"{'label':<12}{'match':<9}{'P':>7}{'R':>7}{'F1':>7}{'gold':>7}{'pred':>7}"
    lines.append(header)
    lines.append("-" * len(header))
    for label in scores.labels:
        for kind, table in (("strict", scores.strict), ("overlap", scores.overlap)):
            s = table[label]
            lines.append(
                f"{label:<12}{kind:<9}{s.precision:>7.4f}{s.recall:>7.4f}{s.f1:>7.4f}{s.n_gold:>7}{s.n_pred:>7}"
            )
    return "\n".join(lines)
