#!/usr/bin/env python3
"""Disease recognition and DOID normalisation of the full cartmine pipeline on NCBI-disease.

usage: python scripts/eval_diseases_ncbi.py [--split devel] [--limit N] [--misses 20]

Why this script: the pipeline's DISEASE mentions are what users get, so they are scored here
as they come out of ``cartmine.load()`` (lexicon + NER + abbreviations), not the NER model
alone (``scripts/eval_ner.py`` scores that). Two numbers:

* **exact-span F1**: predicted DISEASE mentions against the NCBI-disease gold mentions
  (character offsets over ``title + " " + abstract``, as in the PubTator files);
* **normalisation accuracy**: for gold mentions whose MeSH/OMIM id maps to a DOID through
  ``MESHinDO.tsv`` / ``allXREFinDO.tsv``, the share linked to one of those DOIDs: the pipeline's
  id where it found that exact span (so document-defined abbreviations count), else the
  ``diseases`` component's lookup of the gold text (the span given, as in the usual
  normalisation task).

The corpus is read by path from ``$CARTMINE_SHARED/data/ner/ncbi-disease`` and never copied.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_DIR))

from cartmine import paths  # noqa: E402 - needs the sys.path line above when run from a checkout


@dataclass(frozen=True)
class GoldMention:
    start: int
    end: int
    text: str
    concept_ids: tuple[str, ...]


def read_pubtator(path: Path) -> list[tuple[str, str, list[GoldMention]]]:
    """(pmid, text, mentions) per document; text is title + " " + abstract, as the offsets assume."""
    docs: list[tuple[str, str, list[GoldMention]]] = []
    title = abstract = pmid = None
    mentions: list[GoldMention] = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line.strip():
                if pmid is not None:
                    docs.append((pmid, f"{title} {abstract}", mentions))
                title = abstract = pmid = None
                mentions = []
                continue
            if "|t|" in line[:20]:
                pmid, _, title = line.split("|", 2)
            elif "|a|" in line[:20]:
                abstract = line.split("|", 2)[2]
            else:
                cells = line.split("\t")
                ids = tuple(c.strip() for c in cells[5].replace("|", "+").split("+") if c.strip())
                mentions.append(GoldMention(int(cells[1]), int(cells[2]), cells[3], ids))
    if pmid is not None:
        docs.append((pmid, f"{title} {abstract}", mentions))
    return docs


def mesh_to_doids(do_dir: Path) -> dict[str, set[str]]:
    """MeSH / OMIM id -> DOIDs, from the DO release's cross-reference tables."""
    out: dict[str, set[str]] = defaultdict(set)
    for name in ("MESHinDO.tsv", "allXREFinDO.tsv"):
        path = paths.data_file(do_dir, name)  # the packaged lexicon holds them gzip-compressed
        if not path.exists():
            continue
        with paths.open_text(path) as fh:
            for row in csv.reader(fh, delimiter="\t"):
                if len(row) < 3 or not row[0].startswith("DOID"):
                    continue
                for xref in row[2].replace('"', "").split("|"):
                    xref = xref.strip()
                    if xref.startswith("MESH:"):
                        out[xref[5:]].add(row[0])
                    elif xref.startswith(("OMIM:", "MIM:")):
                        out["OMIM:" + xref.split(":", 1)[1]].add(row[0])
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="devel", choices=["devel", "train"])
    parser.add_argument("--limit", type=int, default=0, help="first N documents only")
    parser.add_argument("--misses", type=int, default=20, help="most frequent misses to list")
    parser.add_argument("--json", action="store_true", help="print the numbers as JSON")
    args = parser.parse_args(argv)

    corpus_dir = paths.shared_dir() / "data" / "ner" / "ncbi-disease"
    name = {"devel": "NCBIdevelopset_corpus.txt", "train": "NCBItrainset_corpus.txt"}[args.split]
    if not (corpus_dir / name).exists():
        print(f"NCBI-disease not found at {corpus_dir / name} (set CARTMINE_SHARED)", file=sys.stderr)
        return 2
    docs = read_pubtator(corpus_dir / name)
    if args.limit:
        docs = docs[: args.limit]

    import cartmine

    nlp = cartmine.load()
    diseases = nlp.get_pipe("diseases")
    xrefs = mesh_to_doids(paths.disease_ontology_dir())

    tp = n_pred = n_gold = 0
    missed: Counter[str] = Counter()
    spurious: Counter[str] = Counter()
    norm_total = norm_ok = 0
    norm_wrong: Counter[str] = Counter()
    for (_pmid, text, gold), doc in zip(docs, nlp.pipe(t for _, t, _ in docs), strict=True):
        linked = {(s.start_char, s.end_char): s.kb_id_ or None for s in doc.spans.get("DISEASE", [])}
        pred = set(linked)
        gold_spans = {(g.start, g.end) for g in gold}
        tp += len(pred & gold_spans)
        n_pred += len(pred)
        n_gold += len(gold_spans)
        missed.update(text[s:e].lower() for s, e in gold_spans - pred)
        spurious.update(text[s:e].lower() for s, e in pred - gold_spans)
        for g in gold:
            targets = set().union(*(xrefs.get(cid, set()) for cid in g.concept_ids)) if g.concept_ids else set()
            if not targets:
                continue
            norm_total += 1
            # the pipeline's own link where it found this exact span (document abbreviations
            # included), else the component's lookup of the gold text
            doid = linked.get((g.start, g.end))
            if doid is None:
                concept = diseases.lookup(g.text)
                doid = concept.doid if concept is not None else None
            if doid in targets:
                norm_ok += 1
            else:
                norm_wrong[f"{g.text.lower()} -> {doid}"] += 1

    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    result = {
        "split": args.split, "documents": len(docs), "gold_mentions": n_gold, "predicted": n_pred,
        "span_p": round(p, 3), "span_r": round(r, 3), "span_f1": round(f1, 3),
        "norm_mentions": norm_total, "norm_accuracy": round(norm_ok / norm_total, 3) if norm_total else 0.0,
    }
    if args.json:
        print(json.dumps(result))
        return 0
    print(json.dumps(result, indent=1))
    print(f"\ntop missed gold mentions: {missed.most_common(args.misses)}")
    print(f"\ntop spurious predictions: {spurious.most_common(args.misses)}")
    print(f"\ntop normalisation errors: {norm_wrong.most_common(args.misses)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
