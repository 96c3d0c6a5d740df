"""JSONL reader: every broken line becomes a located error, good lines still come through."""

from __future__ import annotations

import gzip
from pathlib import Path

from batch_helpers import write_jsonl

from cartmine.document import InputDocument, ReadError
from cartmine.readers import FieldMap, InputError, detect_format, list_input_files, read_documents
from cartmine.readers.jsonl import read_jsonl


def test_good_and_bad_lines(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "in.jsonl", [
        {"id": "a", "title": "T", "text": "CAR-T", "date": "2024-01-02", "source": "news", "gold": {"x": 1}},
        "{not json",
        {"id": "b"},
        "",
        b'{"id": "c", "text": "bad \xff byte"}',
        '["a list"]',
        {"text": "no id"},
    ])
    items = list(read_jsonl(path))
    assert len(items) == 6  # the blank line is no item
    first = items[0]
    assert isinstance(first, InputDocument)
    assert (first.id, first.title, first.date, first.source) == ("a", "T", "2024-01-02", "news")
    assert first.meta["location"].endswith("in.jsonl:1")
    bad_json, no_text, bad_utf8, not_object, no_id = items[1:]
    assert isinstance(bad_json, ReadError) and bad_json.location.endswith(":2") and "not valid JSON" in bad_json.message
    assert no_text.doc_id == "b" and "no 'text'" in no_text.message
    assert bad_utf8.doc_id == "c" and "UTF-8" in bad_utf8.message and bad_utf8.location.endswith(":5")
    assert "not a JSON object" in not_object.message
    assert no_id.doc_id is None and "no 'id'" in no_id.message


def test_gzip_and_field_mapping(tmp_path: Path) -> None:
    path = tmp_path / "dump.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        handle.write('{"pmid": 123, "abstract": "text", "headline": "title"}\n')
    fields = FieldMap(id="pmid", text="abstract", title="headline")
    [doc] = list(read_documents([str(path)], fields=fields))
    assert (doc.id, doc.text, doc.title) == ("123", "text", "title")
    [error] = list(read_documents([str(path)]))
    assert isinstance(error, ReadError) and "no 'id'" in error.message


def test_format_detection_and_globs(tmp_path: Path) -> None:
    assert detect_format("a.jsonl.gz") == "jsonl"
    assert detect_format("pubmed24n0001.xml.gz") == "pubmed"
    assert detect_format("page.HTM") == "html"
    assert detect_format("x.parquet") == "parquet"
    assert detect_format("x.doc") is None
    for name in ("b.jsonl", "a.jsonl"):
        write_jsonl(tmp_path / name, [{"id": name, "text": "x"}])
    files = list_input_files([str(tmp_path / "*.jsonl")])
    assert [f.path.name for f in files] == ["a.jsonl", "b.jsonl"]
    for bad in ([str(tmp_path / "nothing-*.jsonl")], [str(tmp_path / "missing.jsonl")]):
        try:
            list_input_files(bad)
        except InputError:
            pass
        else:
            raise AssertionError(f"{bad} should be an input error")
