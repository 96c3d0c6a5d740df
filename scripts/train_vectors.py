"""Train floret domain vectors on the unlabeled biomedical sentences and turn them into a spaCy vectors folder.

Why: the CNN NER knows only the ~20k word types of its training text; static vectors
trained on 3.7M tokens of PubMed/PMC text give it a representation of unseen
disease and chemical names. floret (fastText with a hashed table shared by words
and their character n-grams) keeps the table small (``--bucket`` rows) and still
gives every word, even one never seen, a vector built from its subwords: spaCy's
``--mode floret`` vectors compute the same hashes at run time.

Steps (one command):

1. tokenise ``unlabeled/biomedical-sentences.txt.gz`` with spaCy's English tokenizer,
   the one the cartmine pipeline uses, keeping case, because spaCy looks floret
   vectors up by the token's ORTH string (capitalisation matters for chemicals
   and abbreviations);
2. ``floret.train_unsupervised`` in floret mode;
3. ``spacy init vectors en FILE DIR --mode floret``.

Example::

    .venv/bin/python scripts/train_vectors.py            # -> build/vectors/spacy (about 5 minutes on 2 cores)
"""

from __future__ import annotations

import argparse
import gzip
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[1]
if str(PROJECT_DIR) not in sys.path:  # run as a plain script: make the package importable
    sys.path.insert(0, str(PROJECT_DIR))

from cartmine.paths import shared_dir  # noqa: E402

DEFAULT_WORK = PROJECT_DIR / "build" / "vectors"


def tokenise(source: Path, target: Path) -> int:
    """Write one space-separated, spaCy-tokenised sentence per line; return the token count."""
    import spacy

    nlp = spacy.blank("en")
    n_tokens = 0
    with gzip.open(source, "rt", encoding="utf8") as lines, target.open("w", encoding="utf8") as out:
        texts = (line.strip() for line in lines)
        for doc in nlp.tokenizer.pipe(texts, batch_size=2000):
            words = [t.text for t in doc if not t.is_space]
            n_tokens += len(words)
            out.write(" ".join(words) + "\n")
    return n_tokens


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--input", type=Path, default=None,
                        help="sentences, one per line (default: $CARTMINE_SHARED/data/unlabeled/...)")
    parser.add_argument("--work-dir", type=Path, default=DEFAULT_WORK)
    parser.add_argument("--model", choices=("cbow", "skipgram"), default="skipgram")
    parser.add_argument("--dim", type=int, default=100)
    parser.add_argument("--bucket", type=int, default=50000, help="rows of the hashed table")
    parser.add_argument("--minn", type=int, default=4)
    parser.add_argument("--maxn", type=int, default=5)
    parser.add_argument("--hash-count", type=int, default=2)
    parser.add_argument("--min-count", type=int, default=3)
    parser.add_argument("--epoch", type=int, default=5)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args(argv)

    import floret

    source = args.input or shared_dir() / "data" / "unlabeled" / "biomedical-sentences.txt.gz"
    if not source.exists():
        print(f"unlabeled text not found at {source} (set CARTMINE_SHARED)", file=sys.stderr)
        return 2
    args.work_dir.mkdir(parents=True, exist_ok=True)
    t0 = time.time()
    tokens_path = args.work_dir / "tokens.txt"
    n_tokens = tokenise(source, tokens_path)
    print(f"[tokenise] {n_tokens} tokens -> {tokens_path} ({time.time() - t0:.0f}s)", flush=True)

    t1 = time.time()
    model = floret.train_unsupervised(
        str(tokens_path), model=args.model, mode="floret", dim=args.dim, bucket=args.bucket,
        minn=args.minn, maxn=args.maxn, hashCount=args.hash_count, minCount=args.min_count,
        epoch=args.epoch, thread=args.threads, verbose=1,
    )
    floret_path = args.work_dir / "vectors.floret"
    model.save_floret_vectors(str(floret_path))
    print(f"[floret] {args.model} dim {args.dim} bucket {args.bucket} -> {floret_path} "
          f"({time.time() - t1:.0f}s)", flush=True)

    spacy_dir = args.work_dir / "spacy"
    subprocess.run([sys.executable, "-m", "spacy", "init", "vectors", "en", str(floret_path), str(spacy_dir),
                    "--mode", "floret"], check=True)
    print(f"[done] spaCy vectors in {spacy_dir} ({time.time() - t0:.0f}s)", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
