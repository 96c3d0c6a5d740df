"""Field mapping shared by the readers of record-shaped input (JSONL, CSV, Parquet).

Dumps from other tools rarely use the contract's names (``pmid``/``abstract``,
``headline``/``body``...). Rather than asking users to rewrite their files,
readers map the fields given on the command line onto the contract fields.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from cartmine.document import InputDocument, is_valid_id


@dataclass(frozen=True)
class FieldMap:
    """Which input field holds each contract field (defaults: the contract's own names)."""

    id: str = "id"
    text: str = "text"
    title: str = "title"
    source: str = "source"
    date: str = "date"
    url: str = "url"
    lang: str = "lang"

    def to_contract(self, row: dict[str, Any]) -> dict[str, Any]:
        """Rename the mapped fields of ``row`` to contract names (others are dropped)."""
        out: dict[str, Any] = {}
        for contract_name, input_name in self.__dict__.items():
            if input_name in row:
                out[contract_name] = row[input_name]
        return out

    def document(self, row: dict[str, Any]) -> InputDocument:
        """An :class:`InputDocument`, or ``ValueError`` naming the *input* field that is wrong."""
        data = self.to_contract(row)
        data = {k: (None if _is_missing(v) else v) for k, v in data.items()}
        if isinstance(data.get("id"), float) and data["id"].is_integer():
            data["id"] = int(data["id"])  # CSV/Parquet ids that pandas read as floats
        try:
            return InputDocument.from_dict(data)
        except ValueError as exc:
            raise ValueError(self._explain(str(exc))) from None

    def _explain(self, message: str) -> str:
        for contract_name, input_name in self.__dict__.items():
            if input_name != contract_name and f"'{contract_name}'" in message:
                return message.replace(f"'{contract_name}'", f"'{input_name}' (mapped to {contract_name})")
        return message


def _is_missing(value: Any) -> bool:
    """None and NaN (pandas' missing value) count as absent."""
    return value is None or (isinstance(value, float) and value != value)


def raw_id(row: Any, fields: FieldMap) -> str | None:
    """The id of a row that is not a valid document, so that its error can name it (None when the id
    itself is invalid: the error is then reported by its location only)."""
    if isinstance(row, dict):
        value = row.get(fields.id)
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if is_valid_id(value) and str(value).strip():
            return str(value)
    return None
