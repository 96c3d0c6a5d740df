"""Running a recogniser over gold tokens: spaCy pipelines and other taggers as span predictors.

Only this part of the NER evaluation touches spaCy. A predictor takes word lists and returns
``(start, end, label)`` token spans, so the spaCy CNN, the transformer backend and either of
them followed by cartmine's abbreviation step are timed and scored the same way.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from cartmine.evaluation.ner_reading import Sentence, guess_spaces
from cartmine.evaluation.ner_scoring import NerScores, score_spans
from cartmine.iob import TokenSpan

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc


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
    from spacy.tokens import Span
    from spacy.util import filter_spans

    import cartmine.components  # noqa: F401  (registers the factories)

    nlp = spacy.blank("en")
    nlp.add_pipe("cartmine_abbreviations")
    nlp.add_pipe("cartmine_ner_abbreviations")

    def predict(docs_words: list[list[str]]) -> list[list[tuple[int, int, str]]]:
        results = []
        for words, spans in zip(docs_words, predictor(docs_words), strict=True):
            doc = words_to_doc(nlp, words)
            doc.ents = filter_spans([Span(doc, start, end, label=label) for start, end, label in spans])
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
) -> tuple[list[list[TokenSpan]], float, int]:
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
    preds: list[list[TokenSpan]] = []
    for chunk, spans in zip(chunks, doc_spans, strict=True):
        bounds = []
        offset = 0
        for sent in chunk:
            bounds.append((offset, offset + len(sent.words)))
            offset += len(sent.words)
        sent_preds: list[list[TokenSpan]] = [[] for _ in chunk]
        for start, end, label in spans:
            if keep is not None and label not in keep:
                continue
            for k, (lo, hi) in enumerate(bounds):
                if start < hi and lo < end:
                    sent_preds[k].append(TokenSpan(max(start, lo) - lo, min(end, hi) - lo, label))
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
