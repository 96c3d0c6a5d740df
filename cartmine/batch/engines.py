"""Ways to run :func:`~cartmine.batch.worker.process_chunk` over a stream of chunks.

All engines yield chunk results in input order and keep only a bounded window
of chunks in flight, so memory does not grow with the size of the dump (unlike
``Pool.imap``, whose feeder thread would read the whole input ahead).
"""

from __future__ import annotations

import logging
import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any

from cartmine.batch.outcomes import Outcome
from cartmine.batch.worker import ExtractSettings, Item, get_extractor, init_worker, process_chunk

Chunk = list[Item]


def run_serial(chunks: Iterable[Chunk], settings: ExtractSettings) -> Iterator[list[Outcome]]:
    """In this process (``-j 1``)."""
    get_extractor(settings)  # load before the clock of the first chunk starts
    for chunk in chunks:
        yield process_chunk(chunk, settings)


def _ordered_window(submit: Callable[[Chunk], Any], chunks: Iterable[Chunk], window: int,
                    result: Callable[[Any], list[Outcome]]) -> Iterator[list[Outcome]]:
    pending: deque[Any] = deque()
    for chunk in chunks:
        pending.append(submit(chunk))
        if len(pending) >= window:
            yield result(pending.popleft())
    while pending:
        yield result(pending.popleft())


def run_processes(chunks: Iterable[Chunk], settings: ExtractSettings, workers: int) -> Iterator[list[Outcome]]:
    """A pool of ``workers`` processes, each loading the model once in its initializer.

    ``forkserver`` rather than ``fork``: the parent may hold threads (progress bar,
    pyarrow), and forking a threaded process can deadlock. Rather than ``spawn``:
    workers fork from a server that has already imported spaCy, so they start fast.
    """
    context = multiprocessing.get_context("forkserver")
    # The fork server imports spaCy and cartmine once; workers fork from it with both loaded.
    context.set_forkserver_preload(["cartmine.batch.worker", "cartmine.extractor", "spacy"])
    with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=init_worker,
                             initargs=(settings,)) as pool:
        def submit(chunk: Chunk) -> Future:
            return pool.submit(process_chunk, chunk, settings)

        yield from _ordered_window(submit, chunks, 3 * workers, lambda future: future.result())


def run_dask(chunks: Iterable[Chunk], settings: ExtractSettings, scheduler: str | None = None,
             workers: int = 2) -> Iterator[list[Outcome]]:
    """On a Dask cluster: ``scheduler`` address, or a LocalCluster of ``workers`` processes.

    Each worker process builds its extractor on its first task and keeps it
    (the per-process cache in :mod:`cartmine.batch.worker`), so the model is
    loaded once per worker, never shipped with tasks.
    """
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:  # pragma: no cover - optional dependency
        raise RuntimeError("--engine dask needs dask[distributed]: pip install 'cartmine[dask]'") from exc
    cluster = None
    if scheduler:
        client = Client(scheduler)
        n_workers = max(1, len(client.scheduler_info().get("workers", {})))
    else:
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                               dashboard_address=None, silence_logs=logging.WARNING)
        client = Client(cluster)
        n_workers = workers
    try:
        client.run(init_worker, settings)  # warm every worker now, not on its first task

        def submit(chunk: Chunk) -> Any:
            return client.submit(process_chunk, chunk, settings, pure=False)

        yield from _ordered_window(submit, chunks, 3 * n_workers, lambda future: future.result())
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
