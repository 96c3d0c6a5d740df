"""Mention-level evaluation of named-entity recognisers on IOB/CoNLL token files.

Why this module exists: the BC5CDR model is judged on *mentions*, not tokens, and
both the strict (exact span + label) and the lenient overlap scores matter -- a
model that finds "hypotension" when the gold says "postural hypotension" is still
useful for cartmine's downstream linking, but should not be counted as exact.

Everything here is a pure function over small dataclasses so that the scorer can
be unit-tested on hand-made examples without spaCy models or shared data; only
:func:`predict_spans` touches spaCy.

File format (``read_iob``): one token per line, ``TOKEN<TAB>TAG`` (extra columns
between them are ignored: the token is the first column and the tag the last),
and a blank line between sentences. Tags may be IOB2 (``B-X`` opens every span),
IOB1-ish (``I-X`` after ``O`` or after another label opens a span) or BIOES
(``S-X``/``E-X``).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # spaCy is only needed for prediction, keep the scorer import-light.
    from spacy.language import Language
    from spacy.tokens import Doc

MICRO = "micro"
#: Closing punctuation that is written without a space before it.
_NO_SPACE_BEFORE = frozenset({".", ",", ";", ":", "!", "?", ")", "]", "}", "%", "'s", "'"})
#: Opening punctuation that is written without a space after it.
_NO_SPACE_AFTER = frozenset({"(", "[", "{"})


@dataclass(frozen=True)
class Sentence:
    """One gold sentence: its tokens and their (raw, as read) tags."""

    words: tuple[str, ...]
    tags: tuple[str, ...]

    def __post_init__(self) -> None:
        if len(self.words) != len(self.tags):
            raise ValueError(f"{len(self.words)} words but {len(self.tags)} tags")

    @property
    def spans(self) -> list[Span]:
        """The gold mentions of this sentence."""
        return iob_to_spans(self.tags)


@dataclass(frozen=True, order=True)
class Span:
    """A mention as token offsets: ``start`` inclusive, ``end`` exclusive."""

    start: int
    end: int
    label: str

    def overlaps(self, other: Span) -> bool:
        """True when the two spans share at least one token (labels are not compared)."""
        return self.start < other.end and other.start < self.end


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


@dataclass
class NerEvaluation:
    """The result of running a model over a gold file: scores plus speed."""

    scores: NerScores
    n_sentences: int
    n_docs: int
    seconds: float
    model: str = ""

    @property
    def sentences_per_second(self) -> float:
        return self.n_sentences / self.seconds if self.seconds > 0 else float("inf")

    @property
    def docs_per_second(self) -> float:
        return self.n_docs / self.seconds if self.seconds > 0 else float("inf")

    def to_dict(self) -> dict[str, Any]:
        return {
            "model": self.model,
            "n_sentences": self.n_sentences,
            "n_docs": self.n_docs,
            "seconds": self.seconds,
            "sentences_per_second": self.sentences_per_second,
            "docs_per_second": self.docs_per_second,
            **self.scores.to_dict(),
        }


# --------------------------------------------------------------------------- reading


def parse_iob_lines(lines: Iterable[str]) -> list[Sentence]:
    """Parse CoNLL-style lines into sentences.

    The token is the first whitespace/tab-separated column and the tag the last;
    ``-DOCSTART-`` lines and blank lines end a sentence. A line with a single
    column is treated as a token tagged ``O`` so that a stray untagged line does
    not shift every following tag.
    """
    sentences: list[Sentence] = []
    words: list[str] = []
    tags: list[str] = []

    def flush() -> None:
        if words:
            sentences.append(Sentence(tuple(words), tuple(tags)))
            words.clear()
            tags.clear()

    for raw in lines:
        line = raw.rstrip("\r\n")
        if not line.strip():
            flush()
            continue
        cols = line.split("\t") if "\t" in line else line.split()
        if cols[0] == "-DOCSTART-":
            flush()
            continue
        words.append(cols[0])
        tags.append(cols[-1].strip() if len(cols) > 1 else "O")
    flush()
    return sentences


def read_iob(path: str | Path) -> list[Sentence]:
    """Read an IOB/CoNLL TSV file (see :func:`parse_iob_lines`)."""
    with open(path, encoding="utf8") as fh:
        return parse_iob_lines(fh)


def _split_tag(tag: str) -> tuple[str, str]:
    """Return ``(prefix, label)``; ``O`` and unknown shapes give ``("O", "")``."""
    if tag in ("O", "", "-"):
        return "O", ""
    if len(tag) > 2 and tag[1] in "-_" and tag[0] in "BIESLU":
        return tag[0], tag[2:]
    # A bare label ("Disease") is read as an inside tag: IOB1 files sometimes drop prefixes.
    return "I", tag


def iob_to_spans(tags: Sequence[str]) -> list[Span]:
    """Convert one sentence's tags to spans, tolerating IOB1, IOB2 and BIOES.

    A span starts at ``B``/``S`` (BILOU ``U``), or at ``I``/``E``/``L`` whose label
    differs from the open span (or when no span is open); it ends at ``O``, at a
    new start, or after ``E``/``S`` (``L``/``U``).
    """
    spans: list[Span] = []
    start: int | None = None
    label = ""
    for i, tag in enumerate(tags):
        prefix, lab = _split_tag(tag)
        if prefix == "O":
            if start is not None:
                spans.append(Span(start, i, label))
            start = None
            continue
        begins = prefix in "BSU" or start is None or lab != label
        if begins:
            if start is not None:
                spans.append(Span(start, i, label))
            start, label = i, lab
        if prefix in "ESLU":
            spans.append(Span(start, i + 1, label))  # type: ignore[arg-type]
            start = None
    if start is not None:
        spans.append(Span(start, len(tags), label))
    return spans


def spans_to_iob(spans: Iterable[Span], length: int) -> list[str]:
    """Write spans back as IOB2 tags (later spans do not overwrite earlier ones)."""
    tags = ["O"] * length
    for span in sorted(spans):
        if any(t != "O" for t in tags[span.start : span.end]):
            continue
        tags[span.start] = f"B-{span.label}"
        for i in range(span.start + 1, span.end):
            tags[i] = f"I-{span.label}"
    return tags


def guess_spaces(words: Sequence[str]) -> list[bool]:
    """Guess whether each token is followed by a space.

    The BC5CDR files give tokens without whitespace; a plausible text matters a
    little for models that look at raw text (and for readable debugging output),
    nothing for the token-based scores.
    """
    spaces = []
    for i, word in enumerate(words):
        nxt = words[i + 1] if i + 1 < len(words) else None
        glued = nxt is None or word in _NO_SPACE_AFTER or nxt in _NO_SPACE_BEFORE or "-" in (word, nxt)
        spaces.append(not glued)
    return spaces


# --------------------------------------------------------------------------- scoring


def _is_matched(span: Span, others: Sequence[Span], other_set: set[Span], strict: bool) -> bool:
    """Strict: the same span is on the other side; overlap: a same-label span shares a token."""
    if strict:
        return span in other_set
    return any(o.label == span.label and o.overlaps(span) for o in others)


def _score_sentence(
    gold: Sequence[Span], pred: Sequence[Span], strict: bool, out: dict[str, LabelScore]
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
    gold: Sequence[Sequence[Span]],
    pred: Sequence[Sequence[Span]],
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


# --------------------------------------------------------------------------- prediction

#: Anything that tags pre-tokenised docs: word lists in, ``(start, end, label)`` token spans out.
#: Both the spaCy model (:func:`spacy_predictor`) and the transformer backend fit this shape.
SpanPredictor = Callable[[list[list[str]]], list[list[tuple[int, int, str]]]]


def _chunks(items: Sequence[Sentence], size: int) -> Iterator[Sequence[Sentence]]:
    step = max(1, size)
    for i in range(0, len(items), step):
        yield items[i : i + step]


def words_to_doc(nlp: Language, words: Sequence[str]) -> Doc:
    """A Doc with exactly these tokens (spaces guessed), so model tokens equal gold tokens."""
    from spacy.tokens import Doc

    return Doc(nlp.vocab, words=list(words), spaces=guess_spaces(words))


def spacy_predictor(nlp: Language, batch_size: int = 256) -> SpanPredictor:
    """Wrap a spaCy pipeline as a :data:`SpanPredictor`.

    The whole pipeline runs on pre-tokenised Docs (the tokenizer is skipped), so a
    model directory holding only ``ner`` works as well as the full cartmine
    pipeline. Building the Docs is part of the timed work, standing in for the
    tokenizer a real run would need.
    """

    def predict(docs_words: list[list[str]]) -> list[list[tuple[int, int, str]]]:
        docs = (words_to_doc(nlp, words) for words in docs_words)
        return [[(e.start, e.end, e.label_) for e in doc.ents] for doc in nlp.pipe(docs, batch_size=batch_size)]

    return predict


def with_abbreviation_labels(predictor: SpanPredictor) -> SpanPredictor:
    """``predictor`` followed by cartmine's abbreviation step, as in the pipeline.

    Each doc's predicted mentions are put on a spaCy Doc of the same tokens, then
    ``cartmine_abbreviations`` (scispaCy's detector) and ``cartmine_ner_abbreviations``
    run on it, so that short forms defined in the doc get their long form's label.
    Wrapping any predictor scores the step the same way for every NER backend.
    """
    import spacy
    from spacy.tokens import Span as SpacySpan
    from spacy.util import filter_spans

    import cartmine.components  # noqa: F401  (registers the factories)

    nlp = spacy.blank("en")
    nlp.add_pipe("cartmine_abbreviations")
    nlp.add_pipe("cartmine_ner_abbreviations")

    def predict(docs_words: list[list[str]]) -> list[list[tuple[int, int, str]]]:
        results = []
        for words, spans in zip(docs_words, predictor(docs_words), strict=True):
            doc = words_to_doc(nlp, words)
            doc.ents = filter_spans([SpacySpan(doc, start, end, label=label) for start, end, label in spans])
            for _, component in nlp.pipeline:
                doc = component(doc)
            results.append([(e.start, e.end, e.label_) for e in doc.ents])
        return results

    return predict


def predict_spans(
    predictor: SpanPredictor,
    sentences: Sequence[Sentence],
    sentences_per_doc: int = 1,
    keep_labels: Iterable[str] | None = None,
) -> tuple[list[list[Span]], float, int]:
    """Run ``predictor`` over the gold tokens; return per-sentence spans, seconds and number of docs.

    ``sentences_per_doc`` consecutive sentences are joined into one doc (10 is
    about an abstract) to measure speed on realistic documents; a mention that
    then crosses a sentence boundary is cut at the boundary. ``keep_labels``
    drops predictions with other labels (e.g. a general model's PERSON).
    """
    chunks = list(_chunks(sentences, sentences_per_doc))
    docs_words = [[w for sent in chunk for w in sent.words] for chunk in chunks]
    keep = set(keep_labels) if keep_labels is not None else None
    t0 = time.perf_counter()
    doc_spans = predictor(docs_words)
    seconds = time.perf_counter() - t0
    if len(doc_spans) != len(chunks):
        raise ValueError(f"predictor returned {len(doc_spans)} results for {len(chunks)} docs")
    preds: list[list[Span]] = []
    for chunk, spans in zip(chunks, doc_spans, strict=True):
        bounds = []
        offset = 0
        for sent in chunk:
            bounds.append((offset, offset + len(sent.words)))
            offset += len(sent.words)
        sent_preds: list[list[Span]] = [[] for _ in chunk]
        for start, end, label in spans:
            if keep is not None and label not in keep:
                continue
            for k, (lo, hi) in enumerate(bounds):
                if start < hi and lo < end:
                    sent_preds[k].append(Span(max(start, lo) - lo, min(end, hi) - lo, label))
                    break
        preds.extend(sorted(p) for p in sent_preds)
    return preds, seconds, len(chunks)


def evaluate_predictor(
    predictor: SpanPredictor,
    sentences: Sequence[Sentence],
    sentences_per_doc: int = 1,
    keep_labels: Iterable[str] | None = None,
    model_name: str = "",
) -> NerEvaluation:
    """Predict over ``sentences`` and score against their gold tags (labels: those of the gold)."""
    gold = [s.spans for s in sentences]
    preds, seconds, n_docs = predict_spans(predictor, sentences, sentences_per_doc, keep_labels)
    labels = sorted({span.label for spans in gold for span in spans})
    return NerEvaluation(
        scores=score_spans(gold, preds, labels=labels),
        n_sentences=len(sentences),
        n_docs=n_docs,
        seconds=seconds,
        model=model_name,
    )


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
