"""What every knowledge-base loader needs: reading the resource files and loading once per process."""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable, Iterator
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


def data_lines(path: Path) -> Iterator[str]:
    """Lines of a resource file without ``#`` comment lines and blank lines."""
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip() and not line.lstrip().startswith("#"):
                yield line


def load_once(cache: dict, lock: threading.Lock, key: Hashable, build: Callable[[], T]) -> T:
    """``cache[key]``, built under ``lock`` the first time: every pipeline component asks for the
    same immutable knowledge base, and parsing it again per component would waste seconds."""
    with lock:
        value = cache.get(key)
        if value is None:
            value = cache[key] = build()
    return value
