"""How much the embedding linker adds over exact Disease Ontology lookup.

Why: the linker is only worth its model load if it normalises wordings the
lexicon misses without inventing wrong ids. This scores disease surface forms
two ways and prints both:

* lexicon alone: ``DiseaseOntology.lookup(term)`` (or an exact, case-insensitive
  match on DO labels/synonyms when the KB module is absent);
* lexicon + linker: the same, falling back to the embedding linker when the
  lexicon has no answer.

Terms: every gold disease ``name`` of the dev set (``dev_gold_path()``) and the
team-written lay/variant list ``scripts/data/lay_disease_terms.tsv``. A term is
correct when the id returned is one of the gold ids; no id counts as wrong.

    python scripts/eval_linker.py [--threshold 0.8] [--verbose]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT))

from cartmine.kb.concept_index import ConceptIndex, concepts_from_ontology  # noqa: E402
from cartmine.kb.disease_lexicons import DiseaseLexicon  # noqa: E402
from cartmine.kb.disease_ontology import DiseaseOntology  # noqa: E402
from cartmine.paths import dev_gold_path  # noqa: E402

LAY_TERMS = PROJECT / "scripts" / "data" / "lay_disease_terms.tsv"


def gold_terms(path: Path) -> list[tuple[str, set[str]]]:
    """Unique gold disease names with the union of the ids the gold accepts for them."""
    terms: dict[str, set[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            for d in json.loads(line)["gold"]["diseases"]:
                terms.setdefault(d["name"], set()).update(d["ids"])
    return sorted(terms.items())


def lay_terms(path: Path) -> list[tuple[str, set[str]]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            term, ids = line.split("\t")[:2]
            rows.append((term.strip(), {i.strip() for i in ids.split("|")}))
    return rows


def make_lexicon(onto: DiseaseOntology, ontology_only: bool = False) -> tuple[str, Callable[[str], str | None]]:
    """The project's lexicon lookup: the DOID the default pipeline's look-up finds, or None.

    That is ``DiseaseLexicon.lookup`` (ontology, lay terms, NCBI-train mentions, variants);
    ``ontology_only`` scores ``DiseaseOntology.lookup`` alone, as before the lay-term lexicon.
    """
    source = onto if ontology_only else DiseaseLexicon(onto)

    def lookup(term: str) -> str | None:
        hit = source.lookup(term)
        return hit.doid if hit is not None else None

    return f"{type(source).__name__}.lookup", lookup


def evaluation_sets() -> dict[str, list[tuple[str, set[str]]]]:
    return {"dev gold names": gold_terms(dev_gold_path()), "lay/variant terms": lay_terms(LAY_TERMS)}


def lexicon_only(ontology_only: bool, verbose: bool) -> int:
    """Accuracy of the lexicon look-up alone on both term sets."""
    name, lexicon = make_lexicon(DiseaseOntology.load(), ontology_only)
    print(f"lexicon: {name}")
    for set_name, terms in evaluation_sets().items():
        preds = [lexicon(t) for t, _ in terms]
        ok = sum(p in gold for p, (_, gold) in zip(preds, terms, strict=True))
        print(f"== {set_name} ({len(terms)} terms): lexicon accuracy {ok / len(terms):6.1%} ({ok}/{len(terms)})")
        if verbose:
            for p, (t, gold) in zip(preds, terms, strict=True):
                print(f"  {'ok ' if p in gold else 'ERR'} {t!r:42s} gold={'|'.join(sorted(gold)):24s} lex={p or '-'}")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--threshold", type=float, default=0.80)
    ap.add_argument("--cache-dir", default=None)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--verbose", "-v", action="store_true", help="print every term")
    ap.add_argument("--ontology-only", action="store_true", help="lexicon = DiseaseOntology.lookup alone")
    ap.add_argument("--no-linker", action="store_true", help="score the lexicon only (no torch, no MiniLM)")
    args = ap.parse_args(argv)
    if args.no_linker:
        return lexicon_only(args.ontology_only, args.verbose)

    import torch

    torch.set_num_threads(args.threads)
    onto = DiseaseOntology.load()
    name, lexicon = make_lexicon(onto, args.ontology_only)
    t0 = time.time()
    linker = ConceptIndex(concepts_from_ontology(onto), threshold=args.threshold, cache_dir=args.cache_dir)
    linker.build()
    print(f"lexicon: {name}")
    print(f"linker: {len(linker.concepts)} concepts, cache {linker.cache_path} (ready in {time.time() - t0:.1f}s)")

    sets = evaluation_sets()
    sweep = [0.70, 0.75, 0.80, 0.85, 0.90]
    for set_name, terms in sets.items():
        texts = [t for t, _ in terms]
        lex = [lexicon(t) for t in texts]
        link = linker.link(texts, threshold=0.0)
        n = len(terms)
        lex_ok = sum(p in gold for p, (_, gold) in zip(lex, terms, strict=True))
        print(f"\n== {set_name} ({n} terms) ==")
        print(f"{'lexicon alone':32s} accuracy {lex_ok / n:6.1%}  ({lex_ok}/{n})")
        for th in sweep:
            ok = wrong = added = 0
            for p, r, (_, gold) in zip(lex, link, terms, strict=True):
                pred = p if p is not None else (r.best_doid if r.score >= th else None)
                ok += pred in gold
                if p is None and pred is not None:
                    added += 1
                    wrong += pred not in gold
            mark = "  <- threshold" if abs(th - args.threshold) < 1e-9 else ""
            label = f"lexicon + linker @ {th:.2f}"
            print(f"{label:32s} accuracy {ok / n:6.1%}  ({ok}/{n}); "
                  f"linker filled {added}, {wrong} wrong{mark}")
        link_ok = sum(r.best_doid in gold and r.score >= args.threshold
                      for r, (_, gold) in zip(link, terms, strict=True))
        label = f"linker alone @ {args.threshold:.2f}"
        print(f"{label:32s} accuracy {link_ok / n:6.1%}  ({link_ok}/{n})")
        if args.verbose:
            for p, r, (t, gold) in zip(lex, link, terms, strict=True):
                final = p if p is not None else (r.best_doid if r.score >= args.threshold else None)
                flag = "ok " if final in gold else "ERR"
                print(f"  {flag} {t!r:42s} gold={'|'.join(sorted(gold)):24s} lex={p or '-':14s} "
                      f"emb={r.best_doid:14s} {r.score:.3f} ({r.concept.label if r.concept else ''} "
                      f"<- {r.best_surface!r})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
