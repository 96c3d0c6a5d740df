"""The real-text gold corpus keeps the promises its README makes: the split is the fixed sha1
rule (so nobody can move a document between dev and test), every annotated id is in
``used_ids.txt`` (so later rounds skip it), no document is annotated twice, and every file passes
the referee's ``--validate`` when the shared scorer is there. ``pool.jsonl`` is development data
by construction (the rule writers' review pool), so the sha1 rule does not apply to it; nor does it to
``check.jsonl``, the held-out set annotated blind in round 14 from documents no rule writer had read. The
corpus is read here only for ids and validation, never scored."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys

import pytest

from cartmine.paths import PROJECT_DIR, shared_dir

CORPUS = PROJECT_DIR / "corpora" / "gold-real"
SPLITS = {"dev.jsonl": 0, "test.jsonl": 1}
FILES = (*sorted(SPLITS), "pool.jsonl", "check.jsonl")


def ids_of(name: str) -> list[str]:
    path = CORPUS / name
    if not path.is_file():
        pytest.skip(f"real-text gold corpus missing at {path}")
    return [json.loads(line)["id"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize("name", sorted(SPLITS))
def test_split_follows_the_sha1_rule(name: str) -> None:
    wrong = [i for i in ids_of(name) if int(hashlib.sha1(i.encode()).hexdigest(), 16) % 2 != SPLITS[name]]
    assert wrong == []


def test_every_document_is_listed_once_in_used_ids() -> None:
    annotated = [i for name in FILES for i in ids_of(name)]
    assert len(annotated) == len(set(annotated)), "a document is annotated twice"
    used = set((CORPUS / "used_ids.txt").read_text(encoding="utf-8").split())
    assert set(annotated) == used


def test_pool_holds_only_rule_writer_documents() -> None:
    """The pool is the even-digit abstracts and the press releases after the first 300 lines of the dump
    (pr00305 on); the corpus halves take only odd-digit abstracts and the first 300 lines."""
    wrong = [i for i in ids_of("pool.jsonl")
             if not ((i.startswith("ebm") and int(i[-1]) % 2 == 0) or (i.startswith("pr") and int(i[2:]) >= 305))]
    assert wrong == []


@pytest.mark.parametrize("name", FILES)
def test_referee_validates_the_corpus(name: str) -> None:
    scorer = shared_dir() / "tools" / "cartmine_score.py"
    if not scorer.is_file():
        pytest.skip(f"referee scorer not found at {scorer}")
    ids_of(name)  # skips when the file is missing
    run = subprocess.run([sys.executable, str(scorer), "--validate", str(CORPUS / name)],
                         capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stdout + run.stderr
    assert " 0 problems" in run.stdout
