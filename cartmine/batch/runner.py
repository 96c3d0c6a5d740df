"""Run extraction over many input files: read, extract (1..N workers), write, summarise.

Documents flow through in bounded chunks, so memory does not grow with the dump.
Bad input never stops a run: it becomes an error entry (stderr, ``errors.jsonl``,
the document's ``errors``), and the exit status says that something failed.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import asdict
from pathlib import Path

from cartmine.batch.dataset import DatasetWriter, clear_outdir, remove_stale_tmp
from cartmine.batch.engines import run_dask, run_processes, run_serial
from cartmine.batch.manifest import Manifest, check_resumable, fingerprint, input_fingerprint, load_manifest
from cartmine.batch.options import RunOptions
from cartmine.batch.outcomes import Outcome, normalise
from cartmine.batch.report import Reporter, RunSummary
from cartmine.batch.worker import Item
from cartmine.batch.writers import open_sink, output_kind
from cartmine.extras import require_extra
from cartmine.readers import FieldMap, InputFile, list_input_files, read_file
from cartmine.result import DocumentResult


def is_dataset_output(output: str) -> bool:
    """A folder output: see :func:`cartmine.batch.writers.output_kind`."""
    return output_kind(output) == "folder"


def iter_items(files: list[InputFile], fields: FieldMap) -> Iterator[Item]:
    for item in files:
        yield from read_file(item, fields)


def shard_chunks(items: Iterable[Item], chunk_size: int, shard_size: int,
                 done: frozenset[int] | set[int] = frozenset()) -> Iterator[tuple[int, list[Item], bool]]:
    """(shard, chunk, last-chunk-of-its-shard) triples; done shards are skipped.

    Chunks never straddle shards, and the last chunk of a shard is known when it
    is handed out, so a shard can be written as soon as its last chunk is back.
    """
    chunk: list[Item] = []
    current = 0
    held: tuple[int, list[Item]] | None = None  # a full chunk: last of its shard only if the input ends
    for index, item in enumerate(items):
        shard = index // shard_size
        if shard in done:
            continue
        if held is not None:
            yield held[0], held[1], False
            held = None
        chunk.append(item)
        current = shard
        if (index + 1) % shard_size == 0:
            yield shard, chunk, True
            chunk = []
        elif len(chunk) >= chunk_size:
            held, chunk = (shard, chunk), []
    if held is not None:
        yield held[0], held[1], True
    elif chunk:
        yield current, chunk, True


def run_engine(chunks: Iterable[list[Item]], options: RunOptions) -> Iterator[list[Outcome]]:
    if options.engine == "dask":
        return run_dask(chunks, options.settings, options.scheduler, options.dask_workers)
    if options.jobs > 1:
        return run_processes(chunks, options.settings, options.jobs)
    return run_serial(chunks, options.settings)


def run_to_file(options: RunOptions) -> RunSummary:
    """Stream every result to one JSONL file / stdout, or to the flat record table."""
    files = list_input_files(options.inputs, options.fmt)
    summary = RunSummary(output=options.output)
    started = time.perf_counter()
    sink = open_sink(options.output)
    reporter = Reporter(options)
    try:
        chunks = (chunk for _, chunk, _ in shard_chunks(iter_items(files, options.fields), options.chunk_size,
                                                     options.shard_size))
        for outcomes in run_engine(chunks, options):
            for outcome in map(normalise, outcomes):
                sink.write(outcome)
                reporter.outcome(outcome)
                summary.count(outcome)
        sink.close()
    except BaseException:
        sink.abort()
        raise
    finally:
        reporter.close()
    summary.seconds = time.perf_counter() - started
    summary.processed = summary.documents
    return summary


def prepare_outdir(options: RunOptions, files: list[InputFile]) -> Manifest:
    """Check or start the folder's manifest; clears it first with --overwrite."""
    outdir = Path(options.output)
    wanted_inputs = input_fingerprint(files)
    arguments = options.output_arguments()
    wanted = Manifest(fingerprint=fingerprint(wanted_inputs, arguments), inputs=wanted_inputs,
                      arguments=arguments, shard_size=options.shard_size)
    if options.overwrite and outdir.exists():
        clear_outdir(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    existing = load_manifest(outdir)
    if existing is None:
        wanted.save(outdir)
        return wanted
    check_resumable(existing, wanted, outdir)
    remove_stale_tmp(outdir)
    return existing


def run_to_folder(options: RunOptions) -> RunSummary:
    """The sharded, resumable dataset (see :mod:`cartmine.batch.dataset`)."""
    files = list_input_files(options.inputs, options.fmt)
    manifest = prepare_outdir(options, files)
    outdir = Path(options.output)
    writer = DatasetWriter(outdir, manifest, jsonl=options.jsonl)
    done = {int(k) for k in manifest.completed}
    started = time.perf_counter()
    processed = 0
    reporter = Reporter(options, initial=manifest.totals().get("documents", 0))
    try:
        if not manifest.finished:
            shards: deque[tuple[int, bool]] = deque()

            def chunks() -> Iterator[list[Item]]:
                for shard, chunk, last in shard_chunks(iter_items(files, options.fields), options.chunk_size,
                                                       options.shard_size, done):
                    shards.append((shard, last))
                    yield chunk

            pending: list[Outcome] = []
            for outcomes in run_engine(chunks(), options):
                shard, last = shards.popleft()  # engines return chunks in the order they took them
                for outcome in map(normalise, outcomes):
                    pending.append(outcome)
                    reporter.outcome(outcome)
                    processed += isinstance(outcome, DocumentResult)
                if last:
                    writer.write_shard(shard, pending)
                    pending = []
    finally:
        reporter.close()
    writer.merge_errors()
    totals = manifest.totals()
    summary = RunSummary(output=str(outdir), documents=totals.get("documents", 0),
                         records=totals.get("records", 0), mentions=totals.get("mentions", 0),
                         failed_documents=totals.get("failed_documents", 0),
                         unreadable=totals.get("unreadable", 0), seconds=time.perf_counter() - started,
                         processed=processed, skipped_shards=len(done))
    manifest.finished = True
    manifest.summary = {k: v for k, v in asdict(summary).items() if k != "output"}
    manifest.save(outdir)
    return summary


def run(options: RunOptions) -> RunSummary:
    """Run extraction as ``options`` say; raises ``InputError``/``ManifestMismatch``/``MissingExtra``
    for usage errors."""
    if options.engine == "dask":
        require_extra("dask", "--engine dask")
    output_kind(options.output)  # an unknown suffix is a usage error before any work starts
    if is_dataset_output(options.output):
        return run_to_folder(options)
    return run_to_file(options)
