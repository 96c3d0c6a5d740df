"""The extractor reads a run's first documents outside spaCy's memory zone, later ones inside it.

Why: inside a zone the tokenizer caches nothing and keeps no lexeme, so every batch works out
the shared words again; outside it the vocabulary grows. The extractor leaves the zone off until
the vocabulary has gained ``WARM_VOCAB_STRINGS`` strings, so memory stays bounded, and the
results must not depend on which way a batch ran.
"""

from __future__ import annotations

from contextlib import nullcontext

import pytest
from standin_pipeline import build

import cartmine.extractor as extractor_module
from cartmine.document import InputDocument
from cartmine.extractor import Extractor

TEXTS = [f"Patient {i} got CAR-T therapy tokenised{i} and reached remission{i % 3} on day {i}." for i in range(40)]


def documents() -> list[InputDocument]:
    return [InputDocument(id=f"d{i}", text=text) for i, text in enumerate(TEXTS)]


def test_zone_only_once_the_vocabulary_has_grown(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(extractor_module, "WARM_VOCAB_STRINGS", 20)
    extractor = Extractor(build(), batch_size=4)
    assert isinstance(extractor._zone(), nullcontext)
    list(extractor.process(documents()[:8]))  # new words ("tokenised3") stay in the vocabulary
    assert not isinstance(extractor._zone(), nullcontext)
    assert not isinstance(Extractor(extractor.nlp)._zone(), nullcontext)  # one bound per pipeline
    grown = len(extractor.nlp.vocab.strings)
    list(extractor.process(documents()[8:]))
    assert len(extractor.nlp.vocab.strings) == grown  # the zone frees what later batches add


def test_results_do_not_depend_on_the_zone(monkeypatch: pytest.MonkeyPatch) -> None:
    results = []
    for warm in (0, 10**9):
        monkeypatch.setattr(extractor_module, "WARM_VOCAB_STRINGS", warm)
        results.append([r.to_dict() for r in Extractor(build(), batch_size=4).process(documents())])
    assert results[0] == results[1]
