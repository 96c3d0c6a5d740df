"""Text-folder reader: ids from paths, the title rule, and non-UTF-8 files."""

from __future__ import annotations

from pathlib import Path

from cartmine.document import InputDocument, ReadError
from cartmine.readers import read_documents
from cartmine.readers.text import split_title


def test_folder(tmp_path: Path) -> None:
    (tmp_path / "2024").mkdir()
    (tmp_path / "2024" / "kyverna.txt").write_text("KYV-101 in MG\n\nSix patients improved.\n", encoding="utf-8")
    (tmp_path / "plain.txt").write_text("No title here.\nSecond line.", encoding="utf-8")
    (tmp_path / "bom.txt").write_bytes("\ufeffHeadline\n\nBody ≥ 2 years.".encode())
    (tmp_path / "latin1.txt").write_bytes("Dose 5 \xb5g".encode("latin-1"))
    (tmp_path / "notes.md").write_text("ignored: not a known extension")
    items = {(i.id if isinstance(i, InputDocument) else i.doc_id): i for i in read_documents([str(tmp_path)])}
    assert set(items) == {"2024/kyverna", "plain", "bom", "latin1"}
    assert (items["2024/kyverna"].title, items["2024/kyverna"].text) == ("KYV-101 in MG", "Six patients improved.")
    assert items["plain"].title is None and items["plain"].text == "No title here.\nSecond line."
    assert items["bom"].title == "Headline" and items["bom"].text == "Body ≥ 2 years."
    error = items["latin1"]
    assert isinstance(error, ReadError) and "not UTF-8" in error.message and "0xb5" in error.message


def test_title_rule() -> None:
    assert split_title("Head\n\nBody") == ("Head", "Body")
    assert split_title("Head\nBody") == (None, "Head\nBody")
    assert split_title("x" * 201 + "\n\nBody")[0] is None
    assert split_title("Only one line") == (None, "Only one line")
