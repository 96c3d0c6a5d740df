"""What runs inside a worker: one extractor per process, built once, reused for every chunk.

The same :func:`process_chunk` serves the in-process, process-pool and Dask
engines, which is what makes their output identical. Loading the pipeline
takes seconds, so the extractor is cached per process and per settings rather
than shipped with the tasks (a spaCy pipeline pickles slowly and large).
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cartmine.batch.outcomes import Outcome
from cartmine.document import InputDocument, ReadError
from cartmine.extras import MissingExtra

if TYPE_CHECKING:
    from spacy.language import Language

    from cartmine.extractor import Extractor

Item = InputDocument | ReadError


@dataclass(frozen=True)
class ExtractSettings:
    """Everything a worker needs to build its extractor; small, hashable and picklable."""

    max_chars: int = 500_000
    batch_size: int = 32
    #: "module:function" returning a spaCy Language; None means ``cartmine.pipeline.load()``.
    pipeline: str | None = None
    #: pipeline.cfg to load instead of the packaged one (ignored when ``pipeline`` is set).
    config: str | None = None


class PipelineLoadError(RuntimeError):
    """The pipeline could not be built: nothing can be extracted, so the run stops."""


_EXTRACTORS: dict[ExtractSettings, Extractor] = {}


def build_pipeline(settings: ExtractSettings) -> Language:
    """The spaCy pipeline the settings ask for."""
    if settings.pipeline:
        module_name, _, func_name = settings.pipeline.partition(":")
        factory = getattr(importlib.import_module(module_name), func_name or "load")
        return factory()
    from cartmine.pipeline import load

    return load(settings.config) if settings.config else load()


def get_extractor(settings: ExtractSettings) -> Extractor:
    """This process's extractor for ``settings`` (built on first use)."""
    extractor = _EXTRACTORS.get(settings)
    if extractor is None:
        from cartmine.extractor import Extractor

        try:
            nlp = build_pipeline(settings)
        except MissingExtra:
            raise  # its message already says what to install
        except Exception as exc:
            raise PipelineLoadError(f"cannot build the pipeline: {type(exc).__name__}: {exc}") from exc
        extractor = Extractor(nlp=nlp, max_chars=settings.max_chars, batch_size=settings.batch_size)
        _EXTRACTORS[settings] = extractor
    return extractor


def init_worker(settings: ExtractSettings) -> None:
    """Process-pool initializer: load the model before the first task arrives."""
    get_extractor(settings)


def process_chunk(chunk: list[Item], settings: ExtractSettings) -> list[Outcome]:
    """Extract from the documents of a chunk; read errors pass through in place."""
    documents = [item for item in chunk if isinstance(item, InputDocument)]
    results = iter(get_extractor(settings).process(documents)) if documents else iter(())
    return [next(results) if isinstance(item, InputDocument) else item for item in chunk]
