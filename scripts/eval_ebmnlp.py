#!/usr/bin/env python3
"""THERAPY mentions against the EBM-NLP intervention spans (real RCT abstracts, crowd labels).

usage: python scripts/eval_ebmnlp.py [--limit N] [--misses N] [--workdir DIR]

Runs the three steps of ``../shared/tools/ebmnlp_interventions.py`` (make the input documents
and span file from ``../shared/data/pico/ebmnlp-dev.conll.gz``, extract with the current
pipeline, score) and prints the tool's numbers: P (THERAPY mentions touching an intervention
span), R and R_drug (intervention spans with a drug-like word that a mention touches).

Why the extra lines: the crowd labels mark an intervention in some of its mentions, not all,
so a drug named eight times in an abstract and labelled five times costs three false positives.
``P_labelled_drugs`` also counts as correct a mention whose drug is labelled elsewhere in the
same abstract; ``unlabelled`` lists the mentions whose drug is labelled nowhere in it (the real
false positives), ``missed`` the drug-like spans no mention touches.
Data are read by path; without them the script says so and exits 0.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_DIR))

from cartmine.paths import shared_dir  # noqa: E402 - needs the sys.path line above when run from a checkout


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def label_analysis(gold_path: Path, pred_path: Path, top: int) -> dict:
    """Split the false positives into label gaps and real errors (see module doc)."""
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    hit = gap = 0
    unlabelled: Counter[str] = Counter()
    for line in pred_path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        out = json.loads(line)
        doc = gold.get(out["doc_id"])
        if doc is None:
            continue
        spans = [tuple(s) for s in doc["spans"]]
        labelled = " ".join(doc["text"][a:b].lower() for a, b in spans)
        mentions = [m for m in out["mentions"] if m["label"] == "THERAPY"]
        found = {m["norm"] for m in mentions if any(overlaps((m["start"], m["end"]), s) for s in spans)}
        for m in mentions:
            if any(overlaps((m["start"], m["end"]), s) for s in spans):
                hit += 1
            elif m["norm"] in found or m["text"].lower() in labelled:
                gap += 1
            else:
                unlabelled[m["text"].lower()] += 1
    total = hit + gap + sum(unlabelled.values())
    return {"P_labelled_drugs": round((hit + gap) / total, 3) if total else 0.0,
            "fp_label_gaps": gap, "fp_unlabelled": sum(unlabelled.values()),
            "unlabelled": unlabelled.most_common(top)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=0, help="first N abstracts only (default: all)")
    parser.add_argument("--misses", type=int, default=30, help="how many missed/unlabelled names to list")
    parser.add_argument("--workdir", type=Path, default=None, help="keep the intermediate files here")
    args = parser.parse_args(argv)

    tool = shared_dir() / "tools" / "ebmnlp_interventions.py"
    conll = shared_dir() / "data" / "pico" / "ebmnlp-dev.conll.gz"
    if not tool.is_file() or not conll.is_file():
        print(f"EBM-NLP data or tool not found under {shared_dir()} (set CARTMINE_SHARED); nothing to do.")
        return 0
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="cartmine-ebmnlp-"))
    workdir.mkdir(parents=True, exist_ok=True)
    inp, gold, pred = workdir / "in.jsonl", workdir / "gold.json", workdir / "pred.jsonl"
    make = [sys.executable, str(tool), "make", str(conll), str(inp), str(gold)]
    subprocess.run(make + (["--limit", str(args.limit)] if args.limit else []), check=True)
    subprocess.run([sys.executable, "-m", "cartmine", "extract", str(inp), "-o", str(pred)], check=True,
                   cwd=PROJECT_DIR)
    scored = subprocess.run([sys.executable, str(tool), "score", str(gold), str(pred), "--misses", str(args.misses)],
                            check=True, capture_output=True, text=True, cwd=PROJECT_DIR)
    result = json.loads(scored.stdout)
    missed = result.pop("top_missed_druglike", [])
    print(json.dumps(result))
    analysis = label_analysis(gold, pred, args.misses)
    unlabelled = analysis.pop("unlabelled")
    print(json.dumps(analysis))
    print("unlabelled:", ", ".join(f"{name} ({n})" for name, n in unlabelled))
    print("missed:", ", ".join(f"{name[:60]} ({n})" for name, n in missed))
    print(f"files: {workdir}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
