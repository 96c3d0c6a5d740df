"""Strict mention-level P/R/F1 per label of the MiniLM NER on BC5CDR test, plus CPU speed.

Why: ``scripts/eval_ner.py --backend transformer`` compares backends inside the
pipeline's evaluation; this script gives the model card its numbers on its own,
through the same ``TransformerNER.predict_tags`` that the spaCy component uses.

    python scripts/eval_transformer_ner.py [--model models/ner_minilm] [--split test] [--threads 1]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT))

from cartmine.components.transformer_ner import TransformerNER  # noqa: E402
from cartmine.encoders import require_transformers  # noqa: E402
from cartmine.evaluation.transformer_ner_eval import evaluate_tagger, format_scores, read_conll  # noqa: E402
from cartmine.paths import bc5cdr_dir  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", default="models/ner_minilm")
    ap.add_argument("--data", type=Path, default=None, help="folder with <split>.tsv (default: bc5cdr_dir())")
    ap.add_argument("--split", default="test")
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--limit", type=int, default=0, help="first N sentences only")
    ap.add_argument("--json", type=Path, default=None, help="also write the results here")
    args = ap.parse_args(argv)

    torch, _ = require_transformers()
    torch.set_num_threads(args.threads)
    sents = read_conll((args.data or bc5cdr_dir()) / f"{args.split}.tsv")
    if args.limit:
        sents = sents[: args.limit]
    ner = TransformerNER(args.model, batch_size=args.batch_size)
    ner.predict_tags([["warm", "up"]])  # load the model outside the timed part
    result = evaluate_tagger(ner.predict_tags, sents)
    print(f"model {ner.model_path} on BC5CDR {args.split} ({result['sentences']} sentences), "
          f"{args.threads} CPU thread(s)")
    print(format_scores(result["scores"]))
    print(f"speed: {result['sentences_per_s']:.1f} sentences/s, {result['words_per_s']:.0f} words/s "
          f"({result['seconds']:.1f}s)")
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
