"""The on-disk cache of parsed knowledge: where it lives, how entries are keyed and written.

Parsing the Disease Ontology takes seconds and embedding its names takes minutes, so both are
kept under one cache folder, ``$CARTMINE_CACHE`` or ``~/.cache/cartmine``. Entries are keyed on
what they were built from (code version, file sizes and mtimes), written atomically so that
parallel workers never read half a file, and a cache that cannot be written is only a missed
optimisation.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from collections.abc import Iterable
from pathlib import Path


def cache_dir(override: str | Path | None = None) -> Path:
    """``override`` if given, else ``$CARTMINE_CACHE``, else ``~/.cache/cartmine``."""
    if override:
        return Path(override).expanduser()
    env = os.environ.get("CARTMINE_CACHE")
    return Path(env).expanduser() if env else Path.home() / ".cache" / "cartmine"


def sources_digest(version: str, sources: Iterable[Path]) -> str:
    """Hash of a code version and each source's resolved path, size and mtime."""
    h = hashlib.sha1(version.encode())
    for src in sources:
        try:
            st = src.stat()
        except OSError:
            h.update(f"{src}:missing".encode())
            continue
        h.update(f"{src.resolve()}:{st.st_size}:{st.st_mtime_ns}".encode())
    return h.hexdigest()[:16]


def temporary_name(path: Path) -> Path:
    """A per-process name beside ``path`` to write to before renaming it into place.

    It ends in ``.tmp``, so that globs for finished entries never see a file being written.
    """
    return path.with_name(f"{path.name}.{os.getpid()}.tmp")


def read_pickle(path: Path) -> object | None:
    """The pickled object, or None when the file is missing, torn or foreign."""
    if not path.exists():
        return None
    try:
        with open(path, "rb") as fh:
            return pickle.load(fh)
    except Exception:  # a corrupt or foreign cache file is only a missed optimisation
        return None


def write_pickle(path: Path, obj: object, stale_glob: str | None = None) -> None:
    """Atomic pickle write; ``stale_glob`` names older entries of the same kind to delete.

    A read-only or missing cache folder is not an error.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = temporary_name(path)
        with open(tmp, "wb") as fh:
            pickle.dump(obj, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        for stale in path.parent.glob(stale_glob) if stale_glob else ():
            if stale != path:
                stale.unlink(missing_ok=True)
    except OSError:
        pass
