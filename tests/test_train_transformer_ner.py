"""Label construction of ``scripts/train_transformer_ner.py`` for BC5CDR + NCBI-disease.

Why these tests: NCBI-disease has Disease gold only, so its sentences get silver
chemicals and *unknown* words (no loss). A mistake here (unknown words taught as
O, a silver chemical over a gold disease, a piece of a word labelled) silently
teaches the model wrong labels; the run would still finish and print scores.
No torch or tokenizer is needed: a stand-in tokenizer splits words into pieces.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "train_transformer_ner.py"


@pytest.fixture()
def script(monkeypatch: pytest.MonkeyPatch):
    spec = importlib.util.spec_from_file_location("train_transformer_ner_script", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, spec.name, module)
    spec.loader.exec_module(module)
    return module


class PieceTokenizer:
    """Stand-in for a WordPiece tokenizer: a word of more than 4 characters is two pieces, plus [CLS]/[SEP]."""

    class Encoding(dict):
        def __init__(self, word_ids: list[int | None]) -> None:
            super().__init__(input_ids=list(range(len(word_ids))))
            self._word_ids = word_ids

        def word_ids(self) -> list[int | None]:
            return self._word_ids

    def __call__(self, words, is_split_into_words, truncation, max_length):
        ids: list[int | None] = [None]
        for i, word in enumerate(words):
            ids += [i, i] if len(word) > 4 else [i]
        return self.Encoding([*ids[: max_length - 1], None])


def test_unknown_words_are_ignored_and_iob_is_normalised(script) -> None:
    label = {name: i for i, name in enumerate(script.LABEL_LIST)}
    tags = ["I-Disease", "I-Disease", "O", "-", "-", "I-Chemical", "B-Chemical"]
    assert script.word_label_ids(tags) == [
        label["B-Disease"], label["I-Disease"], label["O"], -100, -100, label["B-Chemical"], label["B-Chemical"]]


def test_encode_labels_first_piece_only(script) -> None:
    label = {name: i for i, name in enumerate(script.LABEL_LIST)}
    (example,) = script.encode(PieceTokenizer(), [(["APC2", "mutation", "cisplatin"], ["-", "O", "B-Chemical"])], 32)
    assert example["labels"] == [-100, -100, label["O"], -100, label["B-Chemical"], -100, -100]
    assert len(example["labels"]) == len(example["input_ids"])


def test_ncbi_silver_keeps_gold_disease_and_lexicon_chemicals(script, tmp_path: Path) -> None:
    """Chemical only if BC5CDR train has the string as Chemical; other predictions unknown; gold Disease wins."""
    import spacy
    from spacy.language import Language
    from spacy.tokens import Span

    @Language.component("test_mlner_tag_chemicals")
    def tag_chemicals(doc):  # a stand-in NER: these words are Chemical
        doc.ents = [Span(doc, t.i, t.i + 1, label="Chemical") for t in doc
                    if t.lower_ in {"cisplatin", "brca1", "ataxia"}]
        return doc

    model = tmp_path / "model"
    nlp = spacy.blank("en")
    nlp.add_pipe("test_mlner_tag_chemicals")
    nlp.to_disk(model)
    (tmp_path / "bc5cdr.tsv").write_text("Cisplatin\tB-Chemical\ninduced\tO\n\n", encoding="utf8")
    (tmp_path / "ncbi.tsv").write_text(
        "BRCA1\tO\nand\tO\ncisplatin\tO\nin\tO\nataxia\tB-Disease\ntelangiectasia\tI-Disease\n\n", encoding="utf8")
    (sent,) = script.ncbi_silver_sentences(tmp_path / "ncbi.tsv", tmp_path / "bc5cdr.tsv", model)
    assert sent == (["BRCA1", "and", "cisplatin", "in", "ataxia", "telangiectasia"],
                    ["-", "O", "B-Chemical", "O", "B-Disease", "I-Disease"])
    label = {name: i for i, name in enumerate(script.LABEL_LIST)}
    assert script.word_label_ids(sent[1]) == [
        -100, label["O"], label["B-Chemical"], label["O"], label["B-Disease"], label["I-Disease"]]
    (loose,) = script.ncbi_silver_sentences(tmp_path / "ncbi.tsv", tmp_path / "bc5cdr.tsv", model, use_lexicon=False)
    assert loose[1][0] == "B-Chemical"
