#!/usr/bin/env python3
"""Train the result-sentence classifier (``cartmine/resources/result_sentences.json.gz``).

Distant supervision from section headings: in a structured trial abstract the heading says what
each sentence is. Sentences under RESULTS/CONCLUSIONS/FINDINGS/INTERPRETATION/DISCUSSION are
positives (they report a result); sentences under BACKGROUND/OBJECTIVE/AIM/PURPOSE/INTRODUCTION/
METHODS/DESIGN/SETTING/PATIENTS/PARTICIPANTS/INTERVENTIONS/OUTCOME MEASURES are negatives.
Mixed headings ("METHODS AND RESULTS"), unknown ones and the text before the first heading are
left out. The heading words are cut from the sentence so that the model cannot learn them.

Which documents: the EBM-NLP abstracts in contract input form (``--input``, made from the shared
EBM-NLP dev file by ``python3 ../shared/tools/ebmnlp_interventions.py make
../shared/data/pico/ebmnlp-dev.conll.gz IN.jsonl SPANS.json``) whose id
ends in an ODD digit (the even ids are the precision-review pool) and that are NOT in
``corpora/gold-real/used_ids.txt`` (the annotated real-text gold, whose test half nobody may
touch). Only structured abstracts yield sentences.

Held-out accuracy: the documents are split 80/20 (seeded, by document, so that one abstract's
sentences never sit on both sides); C is picked on that split, then the shipped model is refit
on all documents. The weights of features seen in fewer than ``--min-df`` documents are dropped.

usage::

    nice -n 10 .venv/bin/python scripts/train_result_sentences.py --input IN.jsonl            # writes the resource
    nice -n 10 .venv/bin/python scripts/train_result_sentences.py --input IN.jsonl --dry-run  # numbers only

Needs scikit-learn (installed with scispacy); the cartmine runtime does not.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import sys
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[1]
if str(PROJECT_DIR) not in sys.path:
    sys.path.insert(0, str(PROJECT_DIR))

from cartmine.components.outcomes import split_sentences  # noqa: E402 - needs the sys.path line above
from cartmine.paths import shared_dir  # noqa: E402
from cartmine.result_sentences import FORMAT, features  # noqa: E402

USED_IDS = PROJECT_DIR / "corpora" / "gold-real" / "used_ids.txt"
UNLABELED = shared_dir() / "data" / "unlabeled" / "biomedical-sentences.txt.gz"
OUTPUT = PROJECT_DIR / "cartmine" / "resources" / "result_sentences.json.gz"

#: an all-capitals run at the start of a sentence ("PATIENTS AND METHODS", "MAIN OUTCOME MEASURES")
HEADING = re.compile(r"^\s*((?:[A-Z]{2,}|&)(?:\s+(?:[A-Z]{2,}|&))*)\b\s*:?\s*")
RESULT_WORDS = {"RESULT", "RESULTS", "CONCLUSION", "CONCLUSIONS", "FINDINGS", "INTERPRETATION", "DISCUSSION"}
OTHER_WORDS = {"BACKGROUND", "OBJECTIVE", "OBJECTIVES", "AIM", "AIMS", "PURPOSE", "INTRODUCTION", "CONTEXT",
               "RATIONALE", "METHOD", "METHODS", "METHODOLOGY", "DESIGN", "SETTING", "SETTINGS", "PATIENTS",
               "PARTICIPANTS", "SUBJECTS", "INTERVENTION", "INTERVENTIONS", "MEASURES", "MEASUREMENTS",
               "MATERIALS", "POPULATION", "GOAL", "GOALS", "HYPOTHESIS"}
#: headings that end a labelled section without starting one ("TRIAL REGISTRATION", "UNLABELLED")
SKIP_WORDS = {"REGISTRATION", "UNLABELLED", "TRUNCATED", "CLINICALTRIALS", "FUNDING", "TRIAL"}


def heading_label(run: str) -> tuple[int | None, bool]:
    """(label, is_heading) of an all-capitals run: 1 result, 0 other, None a heading that starts no
    labelled section (mixed or skipped); is_heading False for an acronym that starts a sentence."""
    words = set(run.replace("&", " ").split())
    result, other, skip = bool(words & RESULT_WORDS), bool(words & OTHER_WORDS), bool(words & SKIP_WORDS)
    if not (result or other or skip):
        return None, False
    if skip or (result and words & {"METHOD", "METHODS", "MATERIALS"}):
        return None, True  # "TRIAL REGISTRATION", "METHODS AND RESULTS": not one role
    return (1 if result else 0), True  # "MEASUREMENTS AND MAIN RESULTS" is a results heading


def labelled_sentences(text: str) -> list[tuple[str, int]]:
    """(sentence without heading words, label) of every sentence in a labelled section."""
    out: list[tuple[str, int]] = []
    label: int | None = None
    for start, end in split_sentences(text):
        sent = text[start:end]
        m = HEADING.match(sent)
        if m:
            new_label, is_heading = heading_label(m.group(1))
            if is_heading:
                label = new_label
                sent = sent[m.end():]
        if label is not None and len(sent.split()) >= 3:
            out.append((sent.strip(), label))
    return out


def load_documents(path: Path, used: set[str]) -> list[tuple[str, list[tuple[str, int]]]]:
    """(id, labelled sentences) of the odd-id, unused, structured documents."""
    docs = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            doc_id = row["id"]
            if doc_id in used or not doc_id[-1].isdigit() or int(doc_id[-1]) % 2 == 0:
                continue
            sents = labelled_sentences(row.get("text") or "")
            if sents:
                docs.append((doc_id, sents))
    return docs


#: section order in an abstract: a heading followed (within ``UNLABELED_WINDOW`` lines) by one of the
#: same or a later rank is in the same abstract, so the lines between them are its section
UNLABELED_WINDOW = 12


def heading_rank(run: str) -> int:
    """0 background/aim, 1 methods, 2 results, 3 conclusions (for the order check)."""
    words = set(run.replace("&", " ").split())
    if words & {"CONCLUSION", "CONCLUSIONS", "INTERPRETATION", "DISCUSSION"}:
        return 3
    if words & {"RESULT", "RESULTS", "FINDINGS"}:
        return 2
    if words & {"BACKGROUND", "OBJECTIVE", "OBJECTIVES", "AIM", "AIMS", "PURPOSE", "INTRODUCTION", "CONTEXT",
                "RATIONALE", "GOAL", "GOALS", "HYPOTHESIS"}:
        return 0
    return 1


def unlabeled_sentences(path: Path) -> list[tuple[str, list[tuple[str, int]]]]:
    """Sections of the shared unlabelled PubMed/PMC sentences (one a line, abstracts in order, no
    document boundaries). A heading line starts a section; its lines up to the next heading count
    only when that heading has the same or a later rank within a few lines (so the section cannot
    run into the next abstract); otherwise only the heading line itself. Each section is one group
    (the held-out split is by group)."""
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        lines = [line.strip() for line in fh]
    heads = []
    for i, line in enumerate(lines):
        m = HEADING.match(line)
        if m and line[m.end() - 1:m.end()] in (":", " ") and ":" in line[:m.end()]:
            label, is_heading = heading_label(m.group(1))
            if is_heading:
                heads.append((i, m, label, heading_rank(m.group(1))))
    groups = []
    for k, (i, m, label, rank) in enumerate(heads):
        if label is None:
            continue
        end = i + 1
        if k + 1 < len(heads):
            j, _, _, next_rank = heads[k + 1]
            if j - i <= UNLABELED_WINDOW and next_rank >= rank:
                end = j
        sents = [(lines[i][m.end():].strip(), label)] + [(s, label) for s in lines[i + 1:end]]
        groups.append((f"u{i}", [(s, y) for s, y in sents if len(s.split()) >= 3]))
    return groups


def fit(sentences: list[tuple[str, int]], c: float, min_df: int):
    """A logistic regression over binary :func:`features` (scikit-learn, training time only)."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    counts: dict[str, int] = {}
    rows = [features(s) for s, _ in sentences]
    for feats in rows:
        for f in feats:
            counts[f] = counts.get(f, 0) + 1
    keep = {f for f, n in counts.items() if n >= min_df}
    vec = DictVectorizer()
    x = vec.fit_transform([{f: 1 for f in feats if f in keep} for feats in rows])
    y = [label for _, label in sentences]
    model = LogisticRegression(C=c, max_iter=2000, class_weight="balanced").fit(x, y)
    return vec, model


def accuracy(vec, model, sentences: list[tuple[str, int]]) -> float:
    x = vec.transform([dict.fromkeys(features(s), 1) for s, _ in sentences])
    pred = model.predict(x)
    return sum(int(p == y) for p, (_, y) in zip(pred, sentences, strict=True)) / len(sentences)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--input", type=Path, required=True,
                        help="EBM-NLP abstracts in contract input form (ebmnlp_interventions.py make)")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    parser.add_argument("--min-df", type=int, default=2, help="drop features seen in fewer sentences")
    parser.add_argument("--seed", default="result-sentences")
    parser.add_argument("--unlabeled", default=str(UNLABELED),
                        help="headed sections of the shared unlabelled sentences, added to the training side "
                             "only ('' for none; default: %(default)s)")
    parser.add_argument("--dry-run", action="store_true", help="report the held-out numbers, write nothing")
    args = parser.parse_args(argv)

    used = {line.strip() for line in USED_IDS.read_text(encoding="utf-8").splitlines() if line.strip()}
    docs = load_documents(args.input, used)
    random.Random(args.seed).shuffle(docs)
    cut = len(docs) * 4 // 5
    train = [s for _, sents in docs[:cut] for s in sents]
    held = [s for _, sents in docs[cut:] for s in sents]
    if args.unlabeled:
        extra = [s for _, sents in unlabeled_sentences(Path(args.unlabeled)) for s in sents]
        print(f"unlabeled: {len(extra)} sentences (result {sum(y for _, y in extra)})")
        train += extra
    everything = train + held
    pos = sum(label for _, label in everything)
    held_pos = sum(label for _, label in held)
    print(f"documents {len(docs)} (train {cut}, held out {len(docs) - cut}); sentences {len(everything)} "
          f"(result {pos}, other {len(everything) - pos}); held-out sentences {len(held)} (result {held_pos})")
    best = (0.0, 1.0)
    for c in (0.1, 0.3, 1.0, 3.0):
        vec, model = fit(train, c, args.min_df)
        acc = accuracy(vec, model, held)
        print(f"C={c}: held-out sentence accuracy {acc:.3f} (majority {max(held_pos, len(held) - held_pos) / len(held):.3f})")
        best = max(best, (acc, c))
    acc, c = best
    print(f"chosen C={c}, held-out accuracy {acc:.3f}")
    vec, model = fit(train, c, args.min_df)
    probs = model.predict_proba(vec.transform([dict.fromkeys(features(s), 1) for s, _ in held]))[:, 1]
    curve = {}
    for t in (0.05, 0.1, 0.2, 0.3, 0.4, 0.5):
        kept = sum(1 for p, (_, y) in zip(probs, held, strict=True) if y == 1 and p >= t) / held_pos
        dropped = sum(1 for p, (_, y) in zip(probs, held, strict=True) if y == 0 and p < t) / (len(held) - held_pos)
        curve[str(t)] = {"result_kept": round(kept, 3), "other_dropped": round(dropped, 3)}
        print(f"threshold {t}: held-out result sentences kept {kept:.3f}, other sentences dropped {dropped:.3f}")
    if args.dry_run:
        return 0
    vec, model = fit(everything, c, args.min_df)
    weights = {f: round(float(w), 4) for f, w in zip(vec.get_feature_names_out(), model.coef_[0], strict=True)
               if abs(w) >= 1e-3}
    payload = {"format": FORMAT, "bias": round(float(model.intercept_[0]), 4),
               "trained_on": {"input": str(args.input.name), "unlabeled": Path(args.unlabeled).name if args.unlabeled else None,
                              "documents": len(docs), "sentences": len(everything),
                              "result_sentences": pos, "C": c, "min_df": args.min_df,
                              "held_out_accuracy": round(acc, 4), "held_out_thresholds": curve},
               "weights": dict(sorted(weights.items()))}
    with gzip.open(args.output, "wt", encoding="utf-8", compresslevel=9) as fh:
        json.dump(payload, fh, separators=(",", ":"))
    print(f"wrote {args.output} ({len(weights)} weights, {args.output.stat().st_size // 1024} KiB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
