"""Tests for cartmine.vectors: the cached floret lookup must give exactly spaCy's vectors.

Why: the NER model reads these vectors at every token; a cache that returned a stale or
shifted row would change its predictions silently, so it is compared with spaCy's own
``Vectors.get_batch`` across cache hits, misses, eviction and a reload of the table.
"""

from __future__ import annotations

import numpy
import pytest
from spacy.strings import StringStore
from spacy.vectors import Vectors

from cartmine.vectors import CachedVectors, create_model_vectors

WORDS = ["Cisplatin", "induced", "nephrotoxicity", "and", "ataxia", "-", "telangiectasia", "in", "the", "mice", "given", "cisplatin"]
FLORET = {"mode": "floret", "minn": 3, "maxn": 4, "hash_count": 2}


def _tables(cache_size: int, seed: int = 0) -> tuple[Vectors, CachedVectors, StringStore]:
    strings = StringStore()
    data = numpy.random.default_rng(seed).random((97, 8), dtype="float32")
    reference = Vectors(strings=strings, data=data, **FLORET)
    cached = CachedVectors(strings=strings, data=data.copy(), cache_size=cache_size, **FLORET)
    return reference, cached, strings


@pytest.mark.parametrize("cache_size", [1000, 6, 0])
def test_cached_floret_vectors_equal_spacy_vectors(cache_size: int) -> None:
    reference, cached, strings = _tables(cache_size)
    keys = numpy.asarray([strings.add(w) for w in WORDS], dtype="uint64")
    for batch in (keys[:5], keys, keys[3:], keys[::-1]):  # misses, hits, then eviction when the cache is small
        numpy.testing.assert_allclose(cached.get_batch(batch), reference.get_batch(batch), rtol=1e-6)


def test_reloading_the_table_forgets_cached_vectors() -> None:
    _, cached, strings = _tables(1000, seed=0)
    other, _, other_strings = _tables(1000, seed=1)
    keys = numpy.asarray([strings.add(w) for w in WORDS], dtype="uint64")
    for word in WORDS:
        other_strings.add(word)
    cached.get_batch(keys)
    cached.from_bytes(other.to_bytes(exclude=["strings"]), exclude=["strings"])
    numpy.testing.assert_allclose(cached.get_batch(keys), other.get_batch(keys), rtol=1e-6)


def test_no_model_gives_an_empty_table(tmp_path) -> None:
    from spacy.vocab import Vocab

    assert create_model_vectors(None)(Vocab()).shape[0] == 0
    assert create_model_vectors(str(tmp_path))(Vocab()).shape[0] == 0  # a model folder without vectors
