"""Strict mention-level scoring of a word-level BIO tagger on BC5CDR-style files.

Why a separate small module: the transformer NER's training script (devel F1
for checkpoint selection) and its test evaluation must count mentions the same
way, and neither should depend on spaCy or on the pipeline's evaluation code.
``cartmine.evaluation.ner_eval`` is the general scorer for spaCy pipelines;
these numbers use the same definition (exact span and label).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from pathlib import Path

from cartmine.components.transformer_ner import bio_to_spans

Tagger = Callable[[list[list[str]]], list[list[str]]]


def read_conll(path: Path) -> list[tuple[list[str], list[str]]]:
    """Sentences from ``token<TAB>IOB`` lines with a blank line between sentences."""
    sents: list[tuple[list[str], list[str]]] = []
    words: list[str] = []
    tags: list[str] = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if words:
                sents.append((words, tags))
                words, tags = [], []
            continue
        tok, _, tag = line.partition("\t")
        words.append(tok)
        tags.append(tag.strip() or "O")
    if words:
        sents.append((words, tags))
    return sents


def span_f1(gold: Sequence[Sequence[str]], pred: Sequence[Sequence[str]]) -> dict[str, dict[str, float]]:
    """Strict P/R/F1 per label plus ``micro``; ``n`` is the number of gold mentions."""
    counts: dict[str, list[int]] = {}
    for g, p in zip(gold, pred, strict=True):
        gs, ps = set(bio_to_spans(g)), set(bio_to_spans(p))
        for label in {s[2] for s in gs | ps}:
            c = counts.setdefault(label, [0, 0, 0])
            gl = {s for s in gs if s[2] == label}
            pl = {s for s in ps if s[2] == label}
            c[0] += len(gl & pl)
            c[1] += len(pl)
            c[2] += len(gl)
    counts["micro"] = [sum(c[i] for c in counts.values()) for i in range(3)]
    scores = {}
    for label, (tp, npred, ngold) in counts.items():
        p = tp / npred if npred else 0.0
        r = tp / ngold if ngold else 0.0
        scores[label] = {"p": p, "r": r, "f": 2 * p * r / (p + r) if p + r else 0.0, "n": ngold}
    return scores


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
