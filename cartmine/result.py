"""Output objects of record contract v1 (section 2).

They are plain dataclasses so that notebooks can use attributes, and
``to_dict`` gives exactly the JSON the contract and the referee scorer expect.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

# The contract's closed lists live in cartmine.contract; these names stay importable from here.
from cartmine.contract import (  # noqa: F401
    CELL_MODALITIES,
    DURATION_KINDS,
    EFFICACY_OUTCOMES,
    LABELS,
    OUTCOMES,
    QUALIFIERS,
    SAFETY_OUTCOMES,
)


@dataclass
class Mention:
    """One entity found in the text, with offsets into title + "\\n\\n" + text."""

    label: str
    text: str
    start: int
    end: int
    norm: str | None = None
    id: str | None = None
    attrs: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Record:
    """One claim: patients with DISEASE treated with THERAPY showed OUTCOME."""

    therapy: str | None
    disease: str | None
    disease_id: str | None
    outcome: str
    negated: bool = False
    hedged: bool = False
    duration_months: float | None = None
    duration_qualifier: str | None = None
    duration_kind: str | None = None
    n_patients: int | None = None
    sponsor: str | None = None
    evidence: str = ""
    start: int = 0
    end: int = 0
    confidence: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def claim_key(self) -> tuple:
        """What makes two records the same claim within one document."""
        return (self.therapy, self.disease_id or self.disease, self.outcome, self.negated)


@dataclass
class DocumentResult:
    """Everything cartmine says about one document."""

    doc_id: str
    mentions: list[Mention] = field(default_factory=list)
    records: list[Record] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    #: Input fields carried through (title, date, source, url, lang) and reader extras.
    meta: dict[str, Any] = field(default_factory=dict)

    def to_dict(self, include_meta: bool = True) -> dict[str, Any]:
        out: dict[str, Any] = {
            "doc_id": self.doc_id,
            "mentions": [m.to_dict() for m in self.mentions],
            "records": [r.to_dict() for r in self.records],
            "errors": list(self.errors),
        }
        if include_meta:
            for key in ("source", "date", "url", "lang"):
                if self.meta.get(key) is not None:
                    out[key] = self.meta[key]
        return out

    @property
    def ok(self) -> bool:
        return not self.errors
