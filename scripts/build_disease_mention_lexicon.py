#!/usr/bin/env python3
"""Build ``cartmine/resources/disease_mentions.tsv``: mention text -> DOID, learned from NCBI-disease train.

usage: python scripts/build_disease_mention_lexicon.py [--min-count 1] [--output PATH]

Why: Disease Ontology labels and synonyms are written the way curators name diseases
("ataxia telangiectasia", "neoplasm"), while abstracts write "A-T patients", "tumours",
"breast and ovarian cancer" or "hereditary breast cancer". NCBI-disease train links 5,900 such
mentions to MeSH/OMIM concepts, and the DO release maps those concepts to DOIDs
(``MESHinDO.tsv``, ``allXREFinDO.tsv``), so the corpus teaches which DOID each wording means.

What is kept: lower-cased mention texts that are not document abbreviations (short forms such
as "DM" mean different diseases in different abstracts; the ``diseases`` component resolves them
from the document's own definitions), whose concept maps to a DOID, and whose majority DOID has
at least two thirds of the votes. When one MeSH concept maps to several DOIDs, the DOID whose
label shares most words with the mention wins, then the shorter label (the more general term).

The output holds only derived pairs (surface, DOID, count), never corpus text. Only the train
split is read; devel stays for ``scripts/eval_diseases_ncbi.py``.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_DIR))
sys.path.insert(0, str(PROJECT_DIR / "scripts"))

from eval_diseases_ncbi import mesh_to_doids, read_pubtator  # noqa: E402

from cartmine import paths  # noqa: E402

OUTPUT = PROJECT_DIR / "cartmine" / "resources" / "disease_mentions.tsv"
WORD = re.compile(r"[a-z0-9]+")


def is_short_form(text: str) -> bool:
    """Abbreviation-like mentions ("DM", "A-T", "C7D") are resolved per document, not globally."""
    return len(text) <= 6 and sum(ch.isupper() or ch.isdigit() for ch in text) >= 2


def do_labels(do_dir: Path) -> dict[str, str]:
    labels: dict[str, str] = {}
    with paths.open_text(paths.data_file(do_dir, "HumanDO.tsv")) as fh:
        for row in csv.reader(fh, delimiter="\t"):
            if len(row) >= 2 and row[0].startswith("DOID"):
                labels.setdefault(row[0], row[1])
    return labels


def pick_doid(surface: str, doids: set[str], labels: dict[str, str]) -> str | None:
    """The DOID of several whose label is closest to the mention wording."""
    words = set(WORD.findall(surface))
    known = [d for d in doids if d in labels]
    if not known:
        return None
    return min(known, key=lambda d: (-len(words & set(WORD.findall(labels[d]))), len(labels[d]), d))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--min-count", type=int, default=1)
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)

    corpus = paths.shared_dir() / "data" / "ner" / "ncbi-disease" / "NCBItrainset_corpus.txt"
    do_dir = paths.disease_ontology_dir()
    if not corpus.exists() or not paths.data_file(do_dir, "HumanDO.tsv").exists():
        print(f"needs {corpus} and the DO release in {do_dir}", file=sys.stderr)
        return 2
    xrefs = mesh_to_doids(do_dir)
    labels = do_labels(do_dir)
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for _pmid, _text, mentions in read_pubtator(corpus):
        for m in mentions:
            if is_short_form(m.text) or len(m.concept_ids) != 1:
                continue
            surface = " ".join(m.text.lower().split())
            doid = pick_doid(surface, xrefs.get(m.concept_ids[0], set()), labels)
            if doid:
                votes[surface][doid] += 1
    rows = []
    for surface, counter in sorted(votes.items()):
        doid, count = counter.most_common(1)[0]
        total = sum(counter.values())
        if count >= args.min_count and count * 3 >= total * 2:
            rows.append((surface, doid, labels[doid], count))
    args.output.parent.mkdir(parents=True, exist_ok=True)
    with args.output.open("w", encoding="utf-8", newline="") as fh:
        fh.write("# mention -> DOID learned from NCBI-disease train via the DO MeSH/OMIM xrefs; "
                 "built by scripts/build_disease_mention_lexicon.py\n")
        writer = csv.writer(fh, delimiter="\t", lineterminator="\n")
        writer.writerow(["surface", "doid", "label", "count"])
        writer.writerows(rows)
    print(f"{len(rows)} surfaces -> {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
