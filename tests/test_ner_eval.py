"""Tests for the NER evaluation (cartmine.evaluation.ner_*, cartmine.iob) and the trained BC5CDR NER model.

Why these tests: the strict/overlap scorer produces the numbers the model card
reports, so its counting must be pinned down on examples small enough to check
by hand; the IOB reader must not silently mis-split IOB1 files. The model tests
only check that the shipped ``models/ner_bc5cdr`` loads, is self-contained and
finds an obvious disease; they skip when the model is absent.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import pytest

from cartmine.evaluation.ner_predictors import evaluate_predictor
from cartmine.evaluation.ner_reading import Sentence, guess_spaces, parse_iob_lines, read_iob
from cartmine.evaluation.ner_scoring import MICRO, LabelScore, score_spans
from cartmine.iob import TokenSpan, iob_to_spans, spans_to_iob
from cartmine.paths import MODELS_DIR, bc5cdr_dir

MODEL_DIR = MODELS_DIR / "ner_bc5cdr"

TSV = """\
Selegiline\tB-Chemical
-\tO
induced\tO
postural\tB-Disease
hypotension\tI-Disease
.\tO

Cisplatin\tB-Chemical
nephrotoxicity\tB-Disease
"""


# ----------------------------------------------------------------------------- reading


def test_parse_iob_lines_splits_sentences_and_reads_tags() -> None:
    sentences = parse_iob_lines(TSV.splitlines(keepends=True))
    assert [len(s.words) for s in sentences] == [6, 2]
    assert sentences[0].words[3:5] == ("postural", "hypotension")
    assert sentences[0].spans == [TokenSpan(0, 1, "Chemical"), TokenSpan(3, 5, "Disease")]
    assert sentences[1].spans == [TokenSpan(0, 1, "Chemical"), TokenSpan(1, 2, "Disease")]


def test_parse_tolerates_extra_columns_docstart_and_crlf() -> None:
    lines = ["-DOCSTART-\tO\r\n", "\r\n", "Aspirin\tNN\tX\tB-Chemical\r\n", "use\tNN\tX\tO\r\n"]
    sentences = parse_iob_lines(lines)
    assert len(sentences) == 1
    assert sentences[0].words == ("Aspirin", "use")
    assert sentences[0].spans == [TokenSpan(0, 1, "Chemical")]


def test_read_iob_from_file(tmp_path: Path) -> None:
    path = tmp_path / "tiny.tsv"
    path.write_text(TSV, encoding="utf8")
    assert len(read_iob(path)) == 2


def test_iob1_inside_tag_after_o_starts_a_span() -> None:
    assert iob_to_spans(["O", "I-Disease", "I-Disease", "O"]) == [TokenSpan(1, 3, "Disease")]


def test_label_change_inside_tags_splits_spans() -> None:
    tags = ["I-Chemical", "I-Disease", "I-Disease"]
    assert iob_to_spans(tags) == [TokenSpan(0, 1, "Chemical"), TokenSpan(1, 3, "Disease")]


def test_b_tag_inside_span_starts_a_new_span() -> None:
    tags = ["B-Disease", "I-Disease", "B-Disease", "I-Disease"]
    assert iob_to_spans(tags) == [TokenSpan(0, 2, "Disease"), TokenSpan(2, 4, "Disease")]


def test_bioes_tags() -> None:
    tags = ["S-Chemical", "B-Disease", "E-Disease", "O", "S-Disease"]
    assert iob_to_spans(tags) == [TokenSpan(0, 1, "Chemical"), TokenSpan(1, 3, "Disease"), TokenSpan(4, 5, "Disease")]


def test_span_at_end_of_sentence_is_closed() -> None:
    assert iob_to_spans(["O", "B-Chemical", "I-Chemical"]) == [TokenSpan(1, 3, "Chemical")]


def test_spans_to_iob_round_trip() -> None:
    tags = ["B-Chemical", "O", "B-Disease", "I-Disease", "B-Disease"]
    assert spans_to_iob(iob_to_spans(tags), len(tags)) == tags


def test_sentence_rejects_mismatched_lengths() -> None:
    with pytest.raises(ValueError):
        Sentence(("a", "b"), ("O",))


def test_guess_spaces() -> None:
    assert guess_spaces(["Parkinson", "(", "PD", ")", "is", "bad", "."]) == [
        True, False, False, True, True, False, False,
    ]


# ----------------------------------------------------------------------------- scoring


def test_strict_and_overlap_counts() -> None:
    gold = [[TokenSpan(0, 1, "Chemical"), TokenSpan(3, 5, "Disease")], [TokenSpan(0, 2, "Disease")]]
    pred = [
        [TokenSpan(0, 1, "Chemical"), TokenSpan(4, 5, "Disease")],  # exact chemical; disease boundary error
        [TokenSpan(0, 2, "Chemical"), TokenSpan(5, 6, "Disease")],  # right span, wrong label; spurious disease
    ]
    scores = score_spans(gold, pred)
    chem, dis = scores.strict["Chemical"], scores.strict["Disease"]
    assert (chem.n_gold, chem.n_pred, chem.matched_gold, chem.matched_pred) == (1, 2, 1, 1)
    assert (dis.n_gold, dis.n_pred, dis.matched_gold, dis.matched_pred) == (2, 2, 0, 0)
    assert dis.f1 == 0.0
    # Overlap: the boundary error now counts, the wrong label still does not.
    dis_o = scores.overlap["Disease"]
    assert (dis_o.matched_gold, dis_o.matched_pred) == (1, 1)
    assert dis_o.precision == pytest.approx(0.5)
    assert dis_o.recall == pytest.approx(0.5)
    assert scores.overlap["Chemical"].precision == pytest.approx(0.5)
    micro = scores.strict[MICRO]
    assert (micro.n_gold, micro.n_pred, micro.matched_gold) == (3, 4, 1)
    assert micro.precision == pytest.approx(0.25)
    assert micro.recall == pytest.approx(1 / 3)
    assert micro.f1 == pytest.approx(2 * 0.25 * (1 / 3) / (0.25 + 1 / 3))


def test_overlap_one_prediction_covering_two_gold_mentions() -> None:
    gold = [[TokenSpan(0, 1, "Disease"), TokenSpan(2, 3, "Disease")]]
    pred = [[TokenSpan(0, 3, "Disease")]]
    overlap = score_spans(gold, pred).overlap["Disease"]
    assert overlap.recall == 1.0  # both gold mentions are touched
    assert overlap.precision == 1.0  # the one prediction touches gold
    assert score_spans(gold, pred).strict["Disease"].f1 == 0.0


def test_adjacent_spans_do_not_overlap() -> None:
    assert not TokenSpan(0, 2, "X").overlaps(TokenSpan(2, 3, "X"))
    assert TokenSpan(0, 2, "X").overlaps(TokenSpan(1, 3, "X"))


def test_perfect_and_empty_predictions() -> None:
    gold = [[TokenSpan(0, 1, "Chemical")], []]
    perfect = score_spans(gold, gold)
    assert perfect.strict[MICRO].f1 == 1.0 and perfect.overlap[MICRO].f1 == 1.0
    empty = score_spans(gold, [[], []], labels=["Chemical", "Disease"])
    assert empty.strict["Chemical"].recall == 0.0
    assert empty.strict["Chemical"].precision == 0.0
    assert empty.strict["Disease"].n_gold == 0  # requested labels get a row even when unseen
    assert list(empty.strict) == ["Chemical", "Disease", MICRO]


def test_score_spans_rejects_misaligned_input() -> None:
    with pytest.raises(ValueError):
        score_spans([[]], [[], []])


def test_label_score_zero_division_is_zero() -> None:
    assert LabelScore().f1 == 0.0


def test_evaluate_predictor_maps_grouped_docs_back_to_sentences() -> None:
    sentences = parse_iob_lines(TSV.splitlines())

    def fake(docs_words: list[list[str]]) -> list[list[tuple[int, int, str]]]:
        # One doc of 8 words: a chemical at 0, a disease at 3-5, a mention crossing the
        # sentence boundary (5-7, cut to 5-6) and a label the gold does not have.
        assert [len(w) for w in docs_words] == [8]
        return [[(0, 1, "Chemical"), (3, 5, "Disease"), (5, 7, "Disease"), (6, 7, "Chemical"), (7, 8, "GENE")]]

    evaluation = evaluate_predictor(fake, sentences, sentences_per_doc=2, keep_labels={"Chemical", "Disease"})
    strict = evaluation.scores.strict
    assert evaluation.n_docs == 1 and evaluation.n_sentences == 2
    assert strict["Chemical"].matched_gold == 2  # "Cisplatin" found at doc offset 6
    # 3-5 matches; 5-7 is cut to the first sentence's last token (5-6), a false positive.
    assert (strict["Disease"].n_pred, strict["Disease"].matched_pred) == (2, 1)
    assert strict["Disease"].matched_gold == 1  # "nephrotoxicity" (doc offset 7) was missed
    assert "GENE" not in strict
    assert json.loads(json.dumps(evaluation.to_dict()))["strict"]["micro"]["n_gold"] == 4


# ----------------------------------------------------------------------------- CLI


def test_cli_registers_evaluate_ner() -> None:
    from cartmine.cli import evaluate_ner

    parser = argparse.ArgumentParser()
    evaluate_ner.register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["evaluate-ner", "x.tsv", "--json"])
    assert args.func is evaluate_ner.run and args.json and args.model == MODEL_DIR


def test_cli_missing_file_returns_2(tmp_path: Path) -> None:
    from cartmine.cli import evaluate_ner

    parser = argparse.ArgumentParser()
    evaluate_ner.register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["evaluate-ner", str(tmp_path / "missing.tsv")])
    assert evaluate_ner.run(args) == 2


# ----------------------------------------------------------------------------- the model


@pytest.fixture(scope="module")
def ner_nlp():
    if not (MODEL_DIR / "meta.json").exists():
        pytest.skip(f"no trained model at {MODEL_DIR} (run scripts/train_ner.py)")
    import spacy

    return spacy.load(MODEL_DIR)


def test_model_is_a_self_contained_ner(ner_nlp) -> None:
    assert ner_nlp.pipe_names == ["ner"]
    assert set(ner_nlp.get_pipe("ner").labels) == {"Disease", "Chemical"}
    tok2vec = ner_nlp.config["components"]["ner"]["model"]["tok2vec"]
    assert "Listener" not in tok2vec["@architectures"]


def test_model_finds_disease_and_chemical(ner_nlp) -> None:
    doc = ner_nlp("Patients developed severe hypotension after cisplatin.")
    ents = {(e.text, e.label_) for e in doc.ents}
    assert ("hypotension", "Disease") in ents
    assert ("cisplatin", "Chemical") in ents


def test_cli_runs_on_a_tiny_file(ner_nlp, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from cartmine.cli import main

    path = tmp_path / "tiny.tsv"
    path.write_text(TSV, encoding="utf8")
    assert main(["evaluate-ner", str(path), "--model", str(MODEL_DIR), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["n_sentences"] == 2
    assert set(out["strict"]) == {"Chemical", "Disease", MICRO}


@pytest.mark.needs_shared
def test_bc5cdr_files_parse() -> None:
    path = bc5cdr_dir() / "devel.tsv"
    if not path.exists():
        pytest.skip(f"BC5CDR not available at {path}")
    sentences = read_iob(path)
    assert len(sentences) > 4000
    labels = {span.label for s in sentences[:500] for span in s.spans}
    assert labels == {"Disease", "Chemical"}


ABBR_TSV = """\
Atrial\tB-Disease
fibrillation\tI-Disease
(\tO
AF\tB-Disease
)\tO
was\tO
seen\tO
.\tO

AF\tB-Disease
recurred\tO
.\tO
"""


def test_cli_abbreviation_step_scores_the_short_forms(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """With --abbreviations the CLI runs the long-form-to-short-form step over multi-sentence docs."""
    import spacy
    from spacy.language import Language
    from spacy.tokens import Span

    from cartmine.cli import main

    @Language.component("test_tag_long_form")
    def tag_long_form(doc):  # a stand-in NER that only knows the long form
        doc.ents = [Span(doc, 0, 2, label="Disease")] if doc[0].text == "Atrial" else []
        return doc

    model = tmp_path / "model"
    nlp = spacy.blank("en")
    nlp.add_pipe("test_tag_long_form")
    nlp.to_disk(model)
    path = tmp_path / "abbr.tsv"
    path.write_text(ABBR_TSV, encoding="utf8")

    def recall(*extra: str) -> float:
        assert main(["evaluate-ner", str(path), "--model", str(model), "--json", *extra]) == 0
        return json.loads(capsys.readouterr().out)["strict"]["Disease"]["recall"]

    assert recall() == pytest.approx(1 / 3)
    assert recall("--sentences-per-doc", "2", "--abbreviations") == 1.0


def test_eval_script_scores_each_backend_with_and_without_the_abbreviation_step(
    ner_nlp, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    module = _load_script("eval_ner", monkeypatch)
    (tmp_path / "test.tsv").write_text(TSV + "\n" + ABBR_TSV, encoding="utf8")
    out = tmp_path / "scores.json"
    assert module.main(["--backend", "spacy", "--data-dir", str(tmp_path), "--json", str(out)]) == 0
    backends = json.loads(out.read_text())["backends"]
    assert set(backends) == {"spacy", "spacy+abbr"}
    assert backends["spacy+abbr"]["score_sentences_per_doc"] == 10
    assert "spacy+abbr" in capsys.readouterr().out


def test_eval_script_scores_ncbi_disease_only(
    ner_nlp, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """NCBI-disease has no Chemical gold: only Disease is scored, predicted Chemicals are left out."""
    module = _load_script("eval_ner", monkeypatch)
    disease_only = "\n".join(line if "Disease" in line else line.replace("B-Chemical", "O") for line in TSV.split("\n"))
    (tmp_path / "devel.tsv").write_text(disease_only, encoding="utf8")
    out = tmp_path / "scores.json"
    args = ["--corpus", "ncbi", "--split", "devel", "--backend", "spacy", "--no-abbreviations"]
    assert module.main([*args, "--data-dir", str(tmp_path), "--json", str(out)]) == 0
    strict = json.loads(out.read_text())["backends"]["spacy"]["strict"]
    assert set(strict) == {"Disease", MICRO}
    assert strict[MICRO]["n_pred"] == strict["Disease"]["n_pred"]
    assert "Chemical" not in capsys.readouterr().out


def test_silver_chemicals_keep_gold_diseases(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """NCBI sentences get a model's Chemicals, except those touching a gold Disease, which stays as annotated."""
    import spacy
    from spacy.language import Language
    from spacy.tokens import Span as SpacySpan

    @Language.component("test_tag_chemicals")
    def tag_chemicals(doc):  # a stand-in NER: "cisplatin" and "ataxia" are Chemical
        doc.ents = [SpacySpan(doc, t.i, t.i + 1, label="Chemical") for t in doc if t.lower_ in {"cisplatin", "ataxia"}]
        return doc

    model = tmp_path / "model"
    nlp = spacy.blank("en")
    nlp.add_pipe("test_tag_chemicals")
    nlp.to_disk(model)
    module = _load_script("train_ner", monkeypatch)
    sentence = Sentence(("Cisplatin", "and", "ataxia", "-", "telangiectasia", "."),
                        ("O", "O", "B-Disease", "I-Disease", "I-Disease", "O"))
    (silver,) = module.silver_chemicals([sentence], model, sentences_per_doc=10)
    assert silver.spans == [TokenSpan(0, 1, "Chemical"), TokenSpan(2, 5, "Disease")]


def _load_script(name: str, monkeypatch: pytest.MonkeyPatch):
    """Import ``scripts/NAME.py`` as a module (its dataclasses look their module up in sys.modules)."""
    import importlib.util

    script = Path(__file__).resolve().parents[1] / "scripts" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"{name}_script", script)
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, spec.name, module)
    spec.loader.exec_module(module)
    return module


def test_pipeline_gives_the_sourced_ner_its_static_vectors(ner_nlp) -> None:
    """A sourced NER trained with floret vectors must see them in the cartmine pipeline, or it tags differently."""
    import cartmine
    from cartmine.vectors import create_model_vectors

    assert create_model_vectors(None)(ner_nlp.vocab.__class__()).shape[0] == 0
    nlp = cartmine.load()
    assert nlp.vocab.vectors.shape == ner_nlp.vocab.vectors.shape
    assert nlp.vocab.vectors.mode == ner_nlp.vocab.vectors.mode
    text = ("Cisplatin nephrotoxicity and ataxia-telangiectasia were seen. "
            "Myotonic dystrophy and hepatocellular carcinoma were not.")
    expected = [(e.start_char, e.end_char, e.label_) for e in ner_nlp(text).ents]
    pipe = nlp.get_pipe("bc5cdr_ner")
    got = [(e.start_char, e.end_char, e.label_) for e in pipe(nlp.make_doc(text)).ents]
    assert got == expected


# ----------------------------------------------------------------------------- pretraining


def _untrained_ner(module, seed: int):
    """The NER config's pipeline without static vectors (none needed to test the wiring), tok2vec initialised."""
    from spacy.util import load_config, load_model_from_config
    from thinc.api import fix_random_seed

    fix_random_seed(seed)
    config = load_config(module.DEFAULT_CONFIG, interpolate=False, overrides={
        "components.ner.model.tok2vec.embed.include_static_vectors": False})
    nlp = load_model_from_config(config, auto_fill=True)
    tok2vec = module.inner_tok2vec(nlp)
    tok2vec.initialize(X=[nlp.make_doc("Cisplatin nephrotoxicity .")])
    return nlp, tok2vec


def test_pretrained_tok2vec_weights_reach_the_ner(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The inner tok2vec gives one row per token, and the after_init callback loads saved weights into it."""
    import numpy

    module = _load_script("pretrain_ner", monkeypatch)
    nlp, tok2vec = _untrained_ner(module, seed=1)
    doc = nlp.make_doc("Cisplatin induced acute renal failure .")
    (rows,) = tok2vec.predict([doc])
    assert rows.shape == (len(doc), 64)
    weights = tmp_path / "tok2vec.bin"
    weights.write_bytes(tok2vec.to_bytes())

    other, other_tok2vec = _untrained_ner(module, seed=2)
    assert not numpy.allclose(other_tok2vec.predict([doc])[0], rows)
    module.init_inner_tok2vec(str(weights))(other)
    assert numpy.allclose(module.inner_tok2vec(other).predict([doc])[0], rows)


def test_installed_config_drops_the_pretraining_callback(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Training adds an after_init callback; the shipped config must not need it to load."""
    from thinc.api import Config

    module = _load_script("train_ner", monkeypatch)
    monkeypatch.syspath_prepend(str(Path(__file__).resolve().parents[1] / "scripts"))
    config = module.with_pretrained_tok2vec(module.DEFAULT_CONFIG, tmp_path / "w.bin", tmp_path)
    after_init = Config().from_disk(config, interpolate=False)["initialize"]["after_init"]
    assert after_init["@callbacks"] == "cartmine.init_inner_tok2vec.v1"
    module.relative_config_paths(config)
    assert Config().from_disk(config, interpolate=False)["initialize"]["after_init"] is None
