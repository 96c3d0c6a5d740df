"""Strict mention-level scoring of a word-level BIO tagger on BC5CDR-style files.

Why a separate small module: the transformer NER's training script (devel F1
for checkpoint selection) and its test evaluation work on plain word and tag
lists, without spaCy. Reading and counting are those of
``cartmine.evaluation.ner_reading``/``ner_scoring`` (strict: exact span and label), so these
numbers are the same as that scorer's.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from pathlib import Path

from cartmine.evaluation.ner_reading import read_iob
from cartmine.evaluation.ner_scoring import score_spans
from cartmine.iob import iob_to_spans

Tagger = Callable[[list[list[str]]], list[list[str]]]


def read_conll(path: Path) -> list[tuple[list[str], list[str]]]:
    """Sentences as ``(words, tags)`` from ``token<TAB>IOB`` lines (see :func:`ner_reading.read_iob`)."""
    return [(list(sent.words), list(sent.tags)) for sent in read_iob(path)]


def span_f1(gold: Sequence[Sequence[str]], pred: Sequence[Sequence[str]]) -> dict[str, dict[str, float]]:
    """Strict P/R/F1 per label plus ``micro``; ``n`` is the number of gold mentions."""
    scores = score_spans([iob_to_spans(g) for g in gold], [iob_to_spans(p) for p in pred])
    return {label: {"p": s.precision, "r": s.recall, "f": s.f1, "n": s.n_gold}
            for label, s in scores.strict.items()}


def evaluate_tagger(tagger: Tagger, sentences: list[tuple[list[str], list[str]]]) -> dict:
    """Scores plus throughput (sentences/s and words/s of :func:`tagger` alone)."""
    words = [w for w, _ in sentences]
    start = time.perf_counter()
    pred = tagger(words)
    seconds = time.perf_counter() - start
    return {
        "scores": span_f1([t for _, t in sentences], pred),
        "seconds": seconds,
        "sentences_per_s": len(words) / seconds if seconds else float("inf"),
        "words_per_s": sum(map(len, words)) / seconds if seconds else float("inf"),
        "sentences": len(words),
    }


def format_scores(scores: dict[str, dict[str, float]]) -> str:
    """A small fixed-width table, labels first and micro last."""
    lines = [f"{'label':10s} {'P':>7s} {'R':>7s} {'F1':>7s} {'gold':>6s}"]
    for label in [*sorted(k for k in scores if k != "micro"), "micro"]:
        s = scores[label]
        lines.append(f"{label:10s} {s['p']:7.2%} {s['r']:7.2%} {s['f']:7.2%} {int(s['n']):6d}")
    return "\n".join(lines)


__all__ = ["evaluate_tagger", "format_scores", "read_conll", "span_f1"]
