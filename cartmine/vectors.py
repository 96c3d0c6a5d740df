"""The NER model's floret vectors in the pipeline vocab, with a lookup cache.

Why: the sourced NER (``models/ner_bc5cdr``) was trained with static floret vectors,
which its tok2vec reads from the *pipeline's* vocab; spaCy does not carry a sourced
component's vectors over, so ``[nlp.vectors]`` in ``pipeline.cfg`` loads them here.

Why the cache: a floret vector is the mean of the table rows of the word and its
character n-grams, and spaCy recomputes those hashes in Python for every distinct
word of every batch; that was about a quarter of the NER's time. Word frequencies
are Zipfian, so keeping the vectors of words already seen (by hash, so it survives
spaCy memory zones) removes almost all of that work. The cache is bounded and
emptied when full, and the vectors are the same as spaCy's.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import numpy
from spacy.util import registry
from spacy.vectors import Mode, Vectors
from spacy.vocab import Vocab

#: Distinct words whose vector is kept (100-d float32: 400 bytes each, 20 MB at most).
DEFAULT_CACHE_SIZE = 50_000


class CachedVectors(Vectors):
    """spaCy ``Vectors`` whose floret ``get_batch`` remembers the vectors of words it has seen."""

    def __init__(self, *args, cache_size: int = DEFAULT_CACHE_SIZE, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.cache_size = cache_size
        self._rows: dict[int, int] = {}
        self._table: numpy.ndarray | None = None

    def from_disk(self, path, **kwargs):  # type: ignore[override]
        """Load the table (and forget vectors cached from a previous one)."""
        self._rows.clear()
        return super().from_disk(path, **kwargs)

    def from_bytes(self, data, **kwargs):  # type: ignore[override]
        """Load the table (and forget vectors cached from a previous one)."""
        self._rows.clear()
        return super().from_bytes(data, **kwargs)

    def get_batch(self, keys: Sequence[int]) -> numpy.ndarray:
        """The vectors of ``keys`` (string hashes), computing only those not in the cache."""
        if self.mode != Mode.floret or self.cache_size <= 0:
            return super().get_batch(keys)
        keys = [int(k) for k in keys]
        missing = list({k for k in keys if k not in self._rows})
        if len(self._rows) + len(missing) > self.cache_size:
            self._rows.clear()
            missing = list(set(keys))
        if self._table is None:
            self._table = numpy.zeros((self.cache_size, self.data.shape[1]), dtype=self.data.dtype)
        if missing:
            start = len(self._rows)
            if start + len(missing) > self.cache_size:  # one batch larger than the whole cache
                return super().get_batch(keys)
            self._table[start : start + len(missing)] = super().get_batch(missing)
            self._rows.update((key, start + i) for i, key in enumerate(missing))
        return self._table[[self._rows[k] for k in keys]]


@registry.vectors("cartmine.model_vectors.v1")
def create_model_vectors(model: str | None = None, cache_size: int = DEFAULT_CACHE_SIZE
                         ) -> Callable[[Vocab], Vectors]:
    """``[nlp.vectors]``: the static vectors saved in ``MODEL/vocab``, or an empty table.

    No model (the transformer backend, or no trained NER) or a model trained without
    vectors gives an empty table, as spaCy's default would.
    """

    def create(vocab: Vocab) -> Vectors:
        vectors = CachedVectors(strings=vocab.strings, cache_size=cache_size)
        if model and (Path(model) / "vocab" / "vectors.cfg").exists():
            vectors.from_disk(Path(model) / "vocab")
        return vectors

    return create
