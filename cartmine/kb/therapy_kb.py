"""Therapy knowledge base: one entry per product or drug, with every name it is written under.

The record contract (spec/records.md section 3) normalises a therapy to its INN in lower case, or to
its upper-case code when no INN exists, and brand or code names must resolve to that norm. Writers
vary hyphens and spaces freely ("cilta-cel", "cilta cel", "KYV101", "KYV-101"), so look-ups go
through :func:`therapy_key`, which mirrors the referee's comparison key (lower case, no spaces,
hyphens, dots, commas, apostrophes or brackets) and additionally drops trademark signs.

Drug classes and vague words ("steroids", "standard of care") are kept in a separate list because
the contract says they are *not* therapies: components use it to reject such spans explicitly.
"""

from __future__ import annotations

import csv
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from cartmine.contract import MODALITIES, therapy_key
from cartmine.kb.base import data_lines, load_once
from cartmine.paths import RESOURCES_DIR

DEFAULT_THERAPIES_PATH = RESOURCES_DIR / "therapies.tsv"
DEFAULT_DRUG_CLASSES_PATH = RESOURCES_DIR / "drug_classes.txt"

KINDS = frozenset({"product", "drug"})

def _split(field: str | None) -> tuple[str, ...]:
    """Split a ``|``-separated TSV cell into trimmed, non-empty parts (order kept)."""
    if not field:
        return ()
    return tuple(part.strip() for part in field.split("|") if part.strip())


def _parse_bool(field: str | None) -> bool | None:
    """``true``/``false``/empty -> True/False/None, because "unknown" must stay distinguishable."""
    value = (field or "").strip().lower()
    if value in {"true", "yes", "1"}:
        return True
    if value in {"false", "no", "0"}:
        return False
    return None


@dataclass(frozen=True)
class TherapyEntry:
    """One product or drug as the record contract wants to report it."""

    norm: str
    modality: str
    target: str | None
    autologous: bool | None
    sponsors: tuple[str, ...]
    aliases: tuple[str, ...]
    kind: str

    @property
    def surface_forms(self) -> tuple[str, ...]:
        """The norm followed by its aliases: every name the entry may be written under."""
        return (self.norm, *self.aliases)


class TherapyKB:
    """Look-up from any therapy surface form to its :class:`TherapyEntry`.

    Norms are indexed before aliases so that an alias can never hijack another product's
    canonical name; among aliases the first row in the file wins.
    """

    _cache: ClassVar[dict[tuple[str, str], TherapyKB]] = {}
    _lock: ClassVar[threading.Lock] = threading.Lock()

    def __init__(self, entries: Iterable[TherapyEntry], drug_classes: Iterable[str] = ()) -> None:
        self._entries: tuple[TherapyEntry, ...] = tuple(entries)
        self._index: dict[str, TherapyEntry] = {}
        for entry in self._entries:
            self._index.setdefault(therapy_key(entry.norm), entry)
        for entry in self._entries:
            for alias in entry.aliases:
                self._index.setdefault(therapy_key(alias), entry)
        self._drug_classes: frozenset[str] = frozenset(
            phrase.strip().lower() for phrase in drug_classes if phrase.strip()
        )
        self._drug_class_keys: frozenset[str] = frozenset(therapy_key(p) for p in self._drug_classes)

    # ------------------------------------------------------------------ loading
    @classmethod
    def load(cls, path: str | Path | None = None, drug_classes_path: str | Path | None = None) -> TherapyKB:
        """Load (once per process and path) the therapy TSV and the drug-class list.

        Defaults are the packaged resources; the result is cached because components are built
        per pipeline and the KB is immutable.
        """
        tpath = Path(path) if path is not None else DEFAULT_THERAPIES_PATH
        cpath = Path(drug_classes_path) if drug_classes_path is not None else DEFAULT_DRUG_CLASSES_PATH

        def build() -> TherapyKB:
            classes = [line.strip() for line in data_lines(cpath)] if cpath.exists() else []
            return cls(cls._read_entries(tpath), classes)

        return load_once(cls._cache, cls._lock, (str(tpath.resolve()), str(cpath.resolve())), build)

    @staticmethod
    def _read_entries(path: Path) -> list[TherapyEntry]:
        """Parse ``therapies.tsv``; malformed rows raise so that data errors surface in tests."""
        entries: list[TherapyEntry] = []
        reader = csv.DictReader(data_lines(path), delimiter="\t", quoting=csv.QUOTE_NONE)
        for lineno, row in enumerate(reader, start=2):
            norm = (row.get("norm") or "").strip()
            modality = (row.get("modality") or "").strip()
            kind = (row.get("kind") or "").strip() or "drug"
            if not norm:
                raise ValueError(f"{path}: data row {lineno}: empty norm")
            if modality not in MODALITIES:
                raise ValueError(f"{path}: {norm}: unknown modality {modality!r}")
            if kind not in KINDS:
                raise ValueError(f"{path}: {norm}: unknown kind {kind!r}")
            entries.append(
                TherapyEntry(
                    norm=norm,
                    modality=modality,
                    target=(row.get("target") or "").strip() or None,
                    autologous=_parse_bool(row.get("autologous")),
                    sponsors=_split(row.get("sponsors")),
                    aliases=tuple(a for a in _split(row.get("aliases")) if a != norm),
                    kind=kind,
                )
            )
        return entries

    # ------------------------------------------------------------------ queries
    @property
    def entries(self) -> tuple[TherapyEntry, ...]:
        """All entries in file order."""
        return self._entries

    def __len__(self) -> int:
        return len(self._entries)

    def lookup(self, surface: str) -> TherapyEntry | None:
        """The entry a surface form names, or None (case/hyphen/space-insensitive)."""
        if not surface:
            return None
        return self._index.get(therapy_key(surface))

    def all_surface_forms(self) -> Iterator[tuple[str, TherapyEntry]]:
        """Every (surface, entry) pair -- norm first, then aliases -- for building matchers.

        A surface whose key already belongs to an earlier entry is skipped, so a matcher built
        from this never produces a label that :meth:`lookup` would resolve differently.
        """
        for entry in self._entries:
            for surface in entry.surface_forms:
                if self._index.get(therapy_key(surface)) is entry:
                    yield surface, entry

    def drug_classes(self) -> set[str]:
        """Lower-cased phrases that name drug classes or vague treatments, not therapies."""
        return set(self._drug_classes)

    def is_drug_class(self, surface: str) -> bool:
        """True when ``surface`` is a listed drug class (hyphen/space-insensitive, plural tolerated)."""
        key = therapy_key(surface)
        if key in self._drug_class_keys:
            return True
        return key.endswith("s") and key[:-1] in self._drug_class_keys
