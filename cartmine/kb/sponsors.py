"""Sponsor knowledge base: companies, their aliases, and organisations that are never sponsors.

The contract compares sponsors "without trailing corporate words" ("Kyverna Therapeutics, Inc." =
"Kyverna"). :func:`cartmine.contract.sponsor_key` reproduces the referee's key exactly, so anything this module
considers the same company also scores as the same company. Aliases cover what that key cannot
(acronyms such as BMS or J&J, former names such as GlaxoSmithKline).

Universities, hospitals, regulators, registries and financial analysts are named in news about
trials but are not sponsors; ``not_sponsors.txt`` lists words and patterns that mark them.
"""

from __future__ import annotations

import csv
import re
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import ClassVar

from cartmine.contract import comparison_key, sponsor_key
from cartmine.kb.base import data_lines, load_once
from cartmine.paths import RESOURCES_DIR

DEFAULT_SPONSORS_PATH = RESOURCES_DIR / "sponsors.tsv"
DEFAULT_NOT_SPONSORS_PATH = RESOURCES_DIR / "not_sponsors.txt"

class SponsorKB:
    """Canonical company names and a filter for organisations that are not sponsors."""

    _cache: ClassVar[dict[tuple[str, str], SponsorKB]] = {}
    _lock: ClassVar[threading.Lock] = threading.Lock()

    def __init__(
        self, companies: Iterable[tuple[str, Iterable[str]]], non_sponsor_markers: Iterable[str] = ()
    ) -> None:
        self._companies: dict[str, tuple[str, ...]] = {}
        self._index: dict[str, str] = {}
        #: other names a company went by ("=GlaxoSmithKline" in the data file): a text that uses one is
        #: reported as written, since a curator copies the name the text gives (GSK vs GlaxoSmithKline)
        listed = [(name, [a.strip() for a in aliases]) for name, aliases in companies]
        self.as_written: frozenset[str] = frozenset(a[1:] for _, aliases in listed for a in aliases if a.startswith("="))
        companies = [(name, [a.lstrip("=") for a in aliases]) for name, aliases in listed]
        rows = [(name.strip(), tuple(a.strip() for a in aliases if a.strip())) for name, aliases in companies]
        for name, aliases in rows:
            self._companies[name] = aliases
        # canonical names first so an alias never takes over another company's own name
        for name, _aliases in rows:
            for k in {comparison_key(name), sponsor_key(name)}:
                self._index.setdefault(k, name)
        for name, aliases in rows:
            for alias in aliases:
                for k in {comparison_key(alias), sponsor_key(alias)}:
                    self._index.setdefault(k, name)
        patterns: list[str] = []
        for marker in non_sponsor_markers:
            marker = marker.strip()
            if not marker:
                continue
            if marker.startswith("re:"):
                patterns.append(f"(?:{marker[3:]})")
            else:
                patterns.append(r"(?<![\w&])" + re.escape(marker) + r"(?![\w&])")
        self._non_sponsor_re = re.compile("|".join(patterns), re.IGNORECASE) if patterns else None

    @classmethod
    def load(cls, path: str | Path | None = None, not_sponsors_path: str | Path | None = None) -> SponsorKB:
        """Load (once per process and path) the packaged or given sponsor lists."""
        spath = Path(path) if path is not None else DEFAULT_SPONSORS_PATH
        npath = Path(not_sponsors_path) if not_sponsors_path is not None else DEFAULT_NOT_SPONSORS_PATH

        def build() -> SponsorKB:
            reader = csv.DictReader(data_lines(spath), delimiter="\t", quoting=csv.QUOTE_NONE)
            companies = [
                ((row.get("name") or "").strip(), (row.get("aliases") or "").split("|"))
                for row in reader
                if (row.get("name") or "").strip()
            ]
            markers = [line.rstrip("\n") for line in data_lines(npath)] if npath.exists() else []
            return cls(companies, markers)

        return load_once(cls._cache, cls._lock, (str(spath.resolve()), str(npath.resolve())), build)

    @property
    def names(self) -> tuple[str, ...]:
        """Canonical company names in file order."""
        return tuple(self._companies)

    def surface_forms(self) -> Iterator[tuple[str, str]]:
        """Every (surface, canonical name) pair -- names first, then aliases -- for matchers.

        Pairs whose surface resolves to a different company (an alias shadowed by an earlier row)
        are skipped so that matching and :meth:`lookup` always agree.
        """
        for name in self._companies:
            yield name, name
        for name, aliases in self._companies.items():
            for alias in aliases:
                if self.lookup(alias) == name:
                    yield alias, name

    def lookup(self, surface: str) -> str | None:
        """Canonical name of the company a surface names, or None.

        Tries the exact generic key first (so "Bio" or "J&J" style names work), then the
        referee's sponsor key (so legal suffixes such as ", Inc." or "Therapeutics" do not matter).
        """
        if not surface or not surface.strip():
            return None
        return self._index.get(comparison_key(surface)) or self._index.get(sponsor_key(surface))

    def is_non_sponsor(self, name: str) -> bool:
        """True for universities, hospitals, regulators, registries, analysts and the like.

        A known company is never a non-sponsor, even when its name contains a marker word
        (e.g. "Novartis Institutes for BioMedical Research").
        """
        if not name or not name.strip():
            return True
        if self.lookup(name) is not None:
            return False
        return bool(self._non_sponsor_re and self._non_sponsor_re.search(name))


__all__ = ["SponsorKB", "comparison_key", "sponsor_key"]
