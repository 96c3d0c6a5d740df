"""Ordinary English words that no substance is named by, for the therapy candidates no dictionary lists.

The chemical NER and the INN-stem pattern propose names that no drug dictionary holds, and both
misread ordinary English: "telephone CBT", "a prostrate treatment", "need to discontinue therapy",
"neutron therapy", "guideline education", "a chemical methyl group". Two word lists, both from WordNet's
index as the lemmatizer tables of the spaCy English model ship it, say what is an everyday word:

* a word WordNet lists as a verb, an adjective or an adverb ("telephone", "prostrate", "discontinue"):
  a substance name is a noun;
* a WordNet noun that the model's own string store also holds ("neutron", "guideline", "carbohydrate"):
  the store keeps the words of the model's general-English training text (news, web, conversation), so
  a noun found there is common English. Rare drug names WordNet lists as nouns ("secretin", "capsaicin",
  "fluoride") are not in it; common ones ("aspirin", "insulin") are, but those come from the drug
  dictionary, whose names this filter never reads.

The lists are derived once from the model (``scripts/build_english_words.py``) and committed as
``resources/english_words.tsv.gz``, so every install filters the same words whether or not the optional
model is installed.
"""

from __future__ import annotations

import threading
from pathlib import Path

from cartmine.kb.base import load_once
from cartmine.paths import RESOURCES_DIR, open_text

ENGLISH_WORDS_PATH: Path = RESOURCES_DIR / "english_words.tsv.gz"
_CACHE: dict = {}
_LOCK = threading.Lock()


def _read(kinds: frozenset[str]) -> frozenset[str]:
    words = set()
    with open_text(ENGLISH_WORDS_PATH) as fh:
        for line in fh:
            if line.startswith("#"):
                continue
            word, _, found = line.rstrip("\n").partition("\t")
            if kinds & set(found.split(",")):
                words.add(word)
    return frozenset(words)


def english_words(parts_of_speech: tuple[str, ...] = ("verb", "adj", "adv"), common_nouns: bool = True) -> frozenset[str]:
    """Lower-case everyday English words: WordNet lemmas of ``parts_of_speech`` and, with
    ``common_nouns``, the WordNet nouns of the English model's string store."""
    kinds = frozenset(parts_of_speech) | ({"noun"} if common_nouns else frozenset())
    return load_once(_CACHE, _LOCK, kinds, lambda: _read(kinds))
