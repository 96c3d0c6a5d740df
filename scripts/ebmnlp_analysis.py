#!/usr/bin/env python3
"""Read the THERAPY errors against EBM-NLP intervention spans: which are label gaps, which are real.

usage: python scripts/ebmnlp_analysis.py GOLD.json PRED.jsonl [--ids even|odd|all] [--show N]

GOLD.json and PRED.jsonl are the files ``scripts/eval_ebmnlp.py --workdir DIR`` leaves in DIR.
Prints, for the chosen abstracts (``--ids even``: PMIDs ending in an even digit, the half rules
may be tuned on):

* ``P_referee``: the referee tool's precision (a mention is correct when it touches a span);
* ``P_any_span_drug``: a mention also counts as correct when its norm (or its text) is the drug
  of an intervention span of the same abstract -- the norm of a mention touching a span, or a
  word sequence of a span's text. The crowd labelled an intervention in some of its mentions,
  not all; this figure is what the referee's P would be if every mention were labelled;
* ``R_drug`` as the referee tool computes it (spans with a drug-like suffix touched by a mention),
  and the missed drug-like spans sorted into rough classes: placebo/saline/sham, a drug class,
  a span that names a drug of the vocabulary (the real misses), and no drug named at all
  (procedures, devices, programmes whose words end like a drug: "telephone", "baseline").

Why a separate script: the referee's numbers alone cannot tell a wrong mention from a mention
the crowd did not label, and the issue asks what the misses are.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_DIR))

#: the referee tool's drug-like test (``ebmnlp_interventions.py``, DRUGLIKE), copied to classify its misses
DRUGLIKE = re.compile(r"(mab|nib|cel|ine|ide|ole|one|pril|sartan|olol|statin|mycin|cillin|vir|azole|parin|"
                      r"ate|cin|fen|pam|lam|tide|mide|sone|lone|xib|tinib|umab|ximab|zumab|cept|ase)\b", re.I)
PLACEBO = re.compile(r"placebo|saline|sham|vehicle|dummy|no treatment|sugar pill", re.I)
CLASS = re.compile(r"statins?\b|inhibitors?\b|blockers?\b|antagonists?\b|agonists?\b|benzodiazepines?|binders?\b|"
                   r"antibiotics?|antihypertensive|antidepressants?|anticoagula|steroids?\b|diuretics?|"
                   r"analgesics?|anaesthetics?|anesthetics?|supplements?|hormone replacement|contraceptives?|"
                   r"herbal|chemotherapy|vaccines?\b|vaccination|immunisation|immunization|nicotine replacement", re.I)


def touch(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def keep(doc_id: str, which: str) -> bool:
    if which == "all":
        return True
    return (int(doc_id[-1]) % 2 == 0) == (which == "even")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", type=Path)
    parser.add_argument("pred", type=Path)
    parser.add_argument("--ids", choices=("even", "odd", "all"), default="even")
    parser.add_argument("--show", type=int, default=40, help="how many names to list per class")
    parser.add_argument("--contexts", action="store_true", help="print each real false positive in context")
    args = parser.parse_args(argv)

    import spacy

    from cartmine.kb.drug_vocabulary import DrugVocabulary

    vocabulary = DrugVocabulary.load()
    tokenizer = spacy.blank("en")
    gold = json.loads(args.gold.read_text(encoding="utf-8"))
    preds = {}
    for line in args.pred.read_text(encoding="utf-8").splitlines():
        if line.strip():
            out = json.loads(line)
            preds[out["doc_id"]] = [m for m in out["mentions"] if m["label"] == "THERAPY"]
    n_docs = hit = drug_hit = 0
    n_mentions = d_all = d_hit = 0
    real_fp: Counter[str] = Counter()
    contexts: list[str] = []
    missed: dict[str, Counter[str]] = {k: Counter() for k in ("placebo", "class", "names_drug", "no_drug")}
    for doc_id, g in gold.items():
        if not keep(doc_id, args.ids):
            continue
        n_docs += 1
        spans = [tuple(s) for s in g["spans"]]
        text = g["text"]
        labelled = " " + " ".join(re.sub(r"\s+", " ", text[a:b].lower()) for a, b in spans) + " "
        mentions = preds.get(doc_id, [])
        found = {m["norm"].lower() for m in mentions if any(touch((m["start"], m["end"]), s) for s in spans)}
        for m in mentions:
            n_mentions += 1
            if any(touch((m["start"], m["end"]), s) for s in spans):
                hit += 1
                drug_hit += 1
            elif (m["norm"].lower() in found or f" {m['text'].lower()} " in labelled
                  or f" {m['norm'].lower()} " in labelled):
                drug_hit += 1
            else:
                real_fp[f"{m['text'].lower()} -> {m['norm']}"] += 1
                if args.contexts:
                    contexts.append(f"{doc_id}: {text[max(0, m['start'] - 70):m['start']]}[[{m['text']}]]"
                                    f"{text[m['end']:m['end'] + 50]}  -> {m['norm']}".replace("\n", " "))
        for s in spans:
            span_text = text[s[0]:s[1]]
            if not DRUGLIKE.search(span_text):
                continue
            d_all += 1
            if any(touch((m["start"], m["end"]), s) for m in mentions):
                d_hit += 1
                continue
            key = span_text.lower()[:70]
            if PLACEBO.search(span_text):
                missed["placebo"][key] += 1
            elif vocabulary is not None and vocabulary.find(tokenizer(span_text)):
                missed["names_drug"][key] += 1
            elif CLASS.search(span_text):
                missed["class"][key] += 1
            else:
                missed["no_drug"][key] += 1
    print(json.dumps({"ids": args.ids, "documents": n_docs, "therapy_mentions": n_mentions,
                      "P_referee": round(hit / n_mentions, 3) if n_mentions else 0.0,
                      "P_any_span_drug": round(drug_hit / n_mentions, 3) if n_mentions else 0.0,
                      "fp_label_gaps": drug_hit - hit, "fp_real": n_mentions - drug_hit,
                      "druglike_spans": d_all, "R_drug": round(d_hit / d_all, 3) if d_all else 0.0,
                      "missed": {k: sum(v.values()) for k, v in missed.items()}}))
    print("real false positives:", ", ".join(f"{k} ({n})" for k, n in real_fp.most_common(args.show)))
    for name, counts in missed.items():
        print(f"missed, {name}:", " | ".join(f"{k} ({n})" for k, n in counts.most_common(args.show)))
    for line in contexts:
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
