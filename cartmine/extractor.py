"""Run the pipeline on input documents and collect contract-v1 results.

This is the one place where documents become ``DocumentResult`` objects, used by
the Python API, the CLI, the batch runner and the evaluation harness alike.
A document that cannot be processed gets a clear message in ``errors``; it never
takes other documents down with it.
"""

from __future__ import annotations

import logging
import weakref
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager, nullcontext
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from cartmine.document import InputDocument
from cartmine.extensions import collect_mentions, register_extensions, seed_doc_text
from cartmine.result import DocumentResult

log = logging.getLogger(__name__)

#: Longest text (title + body, in characters) processed by default; about 250 abstracts.
DEFAULT_MAX_CHARS = 500_000

#: Strings a pipeline's vocabulary may gain for good before every batch runs in a memory zone.
#: Why: inside a zone spaCy's tokenizer neither caches a word's split nor keeps its lexeme, so every
#: batch works out again the words that all documents share (about a tenth of a run's CPU goes to the
#: tokenizer); the first batches of a run, read outside a zone, leave their words cached, and with
#: this bound memory stays flat over a long run all the same (2,560 benchmark abstracts added
#: 5,700 strings and 4.5 MB).
WARM_VOCAB_STRINGS = 100_000

#: pipeline -> the vocabulary size from which its batches run in a memory zone (one bound per
#: pipeline, however many extractors share it)
_WARM_UNTIL: weakref.WeakKeyDictionary[Language, int] = weakref.WeakKeyDictionary()


def _meta(document: InputDocument) -> dict[str, Any]:
    meta = {k: getattr(document, k) for k in ("title", "source", "date", "url", "lang")}
    meta.update(document.meta)
    return meta


def as_document(document: InputDocument | dict | str, doc_id: str = "doc") -> InputDocument:
    """Accept what notebook users pass: a text, a contract dict or an InputDocument."""
    if isinstance(document, InputDocument):
        return document
    if isinstance(document, str):
        return InputDocument(id=doc_id, text=document)
    return InputDocument.from_dict(document)


def check_document(document: InputDocument, max_chars: int) -> str | None:
    """Why a document cannot be processed, or None."""
    if not document.text.strip() and not (document.title or "").strip():
        return "empty text: nothing to extract"
    size = len(document.full_text)
    if size > max_chars:
        return (f"text too long: {size:,} characters, above the limit of {max_chars:,} "
                "(raise it with --max-chars); document not processed")
    return None


def doc_to_result(doc: Doc, document: InputDocument) -> DocumentResult:
    """Collect what the components left on the Doc: the span groups' mentions and ``doc._``."""
    return DocumentResult(
        doc_id=document.id,
        mentions=collect_mentions(doc),
        records=list(doc._.records or []),
        errors=list(doc._.errors or []),
        meta=_meta(document),
    )


class Extractor:
    """Turn :class:`InputDocument` streams into :class:`DocumentResult` streams."""

    def __init__(self, nlp: Language | None = None, max_chars: int = DEFAULT_MAX_CHARS,
                 batch_size: int = 32) -> None:
        register_extensions()
        if nlp is None:
            from cartmine.pipeline import default_pipeline

            nlp = default_pipeline()
        self.nlp = nlp
        self.max_chars = max_chars
        self.batch_size = batch_size
        self.nlp.max_length = max(self.nlp.max_length, max_chars + 1)
        _WARM_UNTIL.setdefault(self.nlp, len(self.nlp.vocab.strings) + WARM_VOCAB_STRINGS)

    def _zone(self) -> AbstractContextManager:
        """The memory zone a batch runs in: none until the vocabulary has gained
        ``WARM_VOCAB_STRINGS`` strings (the words of the run's first documents stay cached),
        spaCy's memory zone from then on (the strings of a batch are freed when it closes)."""
        if len(self.nlp.vocab.strings) < _WARM_UNTIL.get(self.nlp, 0):
            return nullcontext()
        return self.nlp.memory_zone()

    def _make_doc(self, document: InputDocument) -> Doc:
        text = document.full_text
        doc = self.nlp.make_doc(text)
        # spaCy's tokenizer keeps the text exactly (doc.text == text), so the components'
        # doc_text() can start from it instead of rebuilding it from the tokens
        seed_doc_text(doc, text)
        doc._.doc_id = document.id
        doc._.body_offset = document.body_offset
        doc._.source = document.source
        return doc

    def process_one(self, document: InputDocument) -> DocumentResult:
        """Extract from one document; failures become ``errors`` entries."""
        problem = check_document(document, self.max_chars)
        if problem:
            return DocumentResult(doc_id=document.id, errors=[problem], meta=_meta(document))
        try:
            doc = self._make_doc(document)
            for _name, proc in self.nlp.pipeline:
                doc = proc(doc)
            return doc_to_result(doc, document)
        except Exception as exc:
            log.exception("document %s failed", document.id)
            return DocumentResult(doc_id=document.id, errors=[f"extraction failed: {type(exc).__name__}: {exc}"],
                                  meta=_meta(document))

    def process(self, documents: Iterable[InputDocument]) -> Iterator[DocumentResult]:
        """Stream results in input order, batching through ``nlp.pipe`` for speed."""
        batch: list[InputDocument] = []
        for document in documents:
            batch.append(document)
            if len(batch) >= self.batch_size:
                yield from self._process_batch(batch)
                batch = []
        if batch:
            yield from self._process_batch(batch)

    def _process_batch(self, batch: list[InputDocument]) -> Iterator[DocumentResult]:
        good = [d for d in batch if check_document(d, self.max_chars) is None]
        results: dict[int, DocumentResult] = {}
        try:
            # strings that the batch adds to the vocab are freed when the zone closes, so a
            # long run does not grow; results are plain Python objects and outlive the zone
            with self._zone():
                docs = self.nlp.pipe((self._make_doc(d) for d in good), batch_size=self.batch_size)
                for document, doc in zip(good, docs, strict=True):
                    results[id(document)] = doc_to_result(doc, document)
        except Exception:
            log.warning("batch failed; retrying its %d documents one by one", len(good))
            results = {id(d): self.process_one(d) for d in good}
        for document in batch:
            yield results.get(id(document)) or self.process_one(document)


def extract(document: InputDocument | dict | str, nlp: Language | None = None) -> DocumentResult:
    """Extract mentions and records from one text or document."""
    return Extractor(nlp).process_one(as_document(document))
