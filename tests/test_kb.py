"""Knowledge bases: therapy, sponsor and disease look-ups behave as the record contract needs.

Tests that read the Disease Ontology or the dev gold use ../shared by path and skip cleanly when it
is absent; everything else runs on the packaged resources alone.
"""

from __future__ import annotations

import csv
import json
import warnings
from pathlib import Path

import pytest

from cartmine.kb.disease_ontology import (
    CORE_PATH,
    DISEASE_GROUPS,
    HUMANDO_FILE,
    Concept,
    DiseaseOntology,
    is_abbreviation,
    normalize_term,
)
from cartmine.kb.sponsors import SponsorKB, sponsor_key
from cartmine.kb.therapy_kb import MODALITIES, TherapyEntry, TherapyKB, therapy_key
from cartmine.paths import data_file, dev_gold_path, disease_ontology_dir, open_text


def _do_dir() -> Path:
    """The DO folder, or skip: the full-ontology tests need ../shared."""
    d = disease_ontology_dir()
    if not data_file(d, HUMANDO_FILE).exists():
        pytest.skip(f"Disease Ontology files not found at {d} (set CARTMINE_DO_PATH or CARTMINE_SHARED)")
    return d


@pytest.fixture(scope="module")
def therapies() -> TherapyKB:
    return TherapyKB.load()


@pytest.fixture(scope="module")
def sponsors() -> SponsorKB:
    return SponsorKB.load()


@pytest.fixture(scope="module")
def core() -> DiseaseOntology:
    return DiseaseOntology.load(core_only=True)


@pytest.fixture(scope="module")
def full() -> DiseaseOntology:
    return DiseaseOntology.load(_do_dir())


# ---------------------------------------------------------------------------------------- therapies
def test_therapy_entries_are_well_formed(therapies: TherapyKB) -> None:
    assert len(therapies.entries) >= 200
    for e in therapies.entries:
        assert isinstance(e, TherapyEntry)
        assert e.modality in MODALITIES
        assert e.kind in {"product", "drug"}
        assert e.autologous in {True, False, None}
        # contract: INN norms are lower case; code-only norms keep their capitals
        assert e.norm == e.norm.strip() and e.norm


@pytest.mark.parametrize(
    ("surface", "norm"),
    [
        ("Kymriah", "tisagenlecleucel"),
        ("CTL019", "tisagenlecleucel"),
        ("cilta-cel", "ciltacabtagene autoleucel"),
        ("cilta cel", "ciltacabtagene autoleucel"),
        ("CARVYKTI®", "ciltacabtagene autoleucel"),
        ("KYV-101", "mivocabtagene autoleucel"),
        ("KYV101", "mivocabtagene autoleucel"),
        ("kyv 101", "mivocabtagene autoleucel"),
        ("CABA-201", "resecabtagene autoleucel"),
        ("YTB323", "rapcabtagene autoleucel"),
        ("CD19 NEX-T", "BMS-986353"),
        ("obe-cel", "obecabtagene autoleucel"),
        ("Descartes-08", "Descartes-08"),
        ("MabThera", "rituximab"),
        ("Benlysta", "belimumab"),
        ("Saphnelo", "anifrolumab"),
        ("Actemra", "tocilizumab"),
        ("MMF", "mycophenolate mofetil"),
        ("mycophenolate", "mycophenolate mofetil"),
        ("IVIG", "intravenous immunoglobulin"),
        ("allo-HSCT", "HSCT"),
        ("autologous transplantation", "HSCT"),  # the transplant named without its cells
        ("allogeneic transplant", "HSCT"),
    ],
)
def test_therapy_lookup_tolerates_brand_code_and_spelling(
    therapies: TherapyKB, surface: str, norm: str
) -> None:
    entry = therapies.lookup(surface)
    assert entry is not None, surface
    assert entry.norm == norm


def test_therapy_attributes(therapies: TherapyKB) -> None:
    cilta = therapies.lookup("Carvykti")
    assert cilta is not None
    assert (cilta.modality, cilta.target, cilta.autologous, cilta.kind) == ("CAR-T", "BCMA", True, "product")
    assert "Legend Biotech" in cilta.sponsors and "Janssen" in cilta.sponsors
    assert therapies.lookup("cyclophosphamide").kind == "drug"  # type: ignore[union-attr]
    assert therapies.lookup("not a drug at all") is None
    assert therapies.lookup("") is None


def test_therapy_surface_forms_agree_with_lookup(therapies: TherapyKB) -> None:
    forms = list(therapies.all_surface_forms())
    assert ("Kymriah", therapies.lookup("tisagenlecleucel")) in forms
    for surface, entry in forms:
        assert therapies.lookup(surface) is entry


def test_therapy_key_matches_referee_conventions() -> None:
    assert therapy_key("Anti-CD19 CAR T") == therapy_key("anti-CD19 CAR-T") == "anticd19cart"


def test_drug_classes_are_not_therapies(therapies: TherapyKB) -> None:
    classes = therapies.drug_classes()
    for phrase in (
        "steroids",
        "immunosuppressants",
        "standard therapy",
        "b-cell depleting therapies",
        "placebo",
        "chemotherapy",
        "fcrn blockers",
    ):
        assert phrase in classes
        assert therapies.lookup(phrase) is None
    assert therapies.is_drug_class("Glucocorticoids")
    assert therapies.is_drug_class("complement inhibitors")
    assert not therapies.is_drug_class("rituximab")


def test_therapy_sponsors_are_canonical_company_names(therapies: TherapyKB, sponsors: SponsorKB) -> None:
    for entry in therapies.entries:
        for company in entry.sponsors:
            assert sponsors.lookup(company) == company, (entry.norm, company)


# ----------------------------------------------------------------------------------------- sponsors
@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Kyverna Therapeutics, Inc.", "Kyverna"),
        ("Cabaletta Bio", "Cabaletta"),
        ("Legend Biotech Corp.", "Legend"),
        ("Novartis AG", "Novartis"),
        ("Autolus Therapeutics plc", "Autolus"),
    ],
)
def test_sponsor_key_drops_trailing_corporate_words(a: str, b: str) -> None:
    assert sponsor_key(a) == sponsor_key(b)


def test_sponsor_key_keeps_single_words_and_ampersands() -> None:
    assert sponsor_key("Bio") == "bio"
    assert sponsor_key("Johnson & Johnson") == "johnson&johnson"
    assert sponsor_key("Bristol-Myers Squibb") == sponsor_key("Bristol Myers Squibb")


@pytest.mark.parametrize(
    ("surface", "canonical"),
    [
        ("Kyverna Therapeutics, Inc.", "Kyverna"),
        ("BMS", "Bristol Myers Squibb"),
        ("Bristol-Myers Squibb", "Bristol Myers Squibb"),
        ("J&J", "Johnson & Johnson"),
        ("GlaxoSmithKline", "GSK"),
        ("Gilead Sciences", "Gilead"),
        ("Kite Pharma", "Kite"),
        ("Cartesian", "Cartesian Therapeutics"),
        ("Galapagos NV", "Galapagos"),
    ],
)
def test_sponsor_lookup(sponsors: SponsorKB, surface: str, canonical: str) -> None:
    assert sponsors.lookup(surface) == canonical


def test_sponsor_surface_forms_agree_with_lookup(sponsors: SponsorKB) -> None:
    forms = dict(sponsors.surface_forms())
    assert forms["BMS"] == "Bristol Myers Squibb"
    for surface, canonical in sponsors.surface_forms():
        assert sponsors.lookup(surface) == canonical


@pytest.mark.parametrize(
    "name",
    [
        "University of Erlangen-Nuremberg",
        "Memorial Sloan Kettering Cancer Center",
        "FDA",
        "Medicines and Healthcare products Regulatory Agency",
        "National Institutes of Health",
        "Charité – Universitätsmedizin Berlin",
        "William Blair",
        "Lupus Foundation of America",
    ],
)
def test_non_sponsors(sponsors: SponsorKB, name: str) -> None:
    assert sponsors.is_non_sponsor(name)


@pytest.mark.parametrize(
    "name", ["Kyverna", "Century Therapeutics", "Novartis Institutes for BioMedical Research"]
)
def test_companies_are_never_non_sponsors(sponsors: SponsorKB, name: str) -> None:
    assert not sponsors.is_non_sponsor(name)


# ------------------------------------------------------------------------------ diseases: core only
def test_normalize_term_spelling_variants() -> None:
    assert normalize_term("Leukaemia") == normalize_term("leukemia")
    assert normalize_term("haematological malignancy") == normalize_term("hematological malignancy")
    assert normalize_term("Sjögren’s syndrome") == normalize_term("Sjogren syndrome")
    assert normalize_term("B cell lymphoma") == normalize_term("B-cell lymphoma")
    assert normalize_term("oesophageal cancer") == normalize_term("esophageal cancer")
    assert normalize_term("generalised") == normalize_term("generalized")


def test_abbreviation_detection() -> None:
    assert all(is_abbreviation(s) for s in ("SLE", "gMG", "B-ALL", "IgG4-RD", "NMOSD"))
    assert not any(is_abbreviation(s) for s in ("lupus", "Lupus", "multiple myeloma", "mg"))


CORE_CASES = [
    ("lupus", "DOID:9074"),
    ("SLE", "DOID:9074"),
    ("Systemic Lupus Erythematosus", "DOID:9074"),
    ("lupus kidney disease", "DOID:0080162"),
    ("LN", "DOID:0080162"),
    ("scleroderma", "DOID:418"),
    ("systemic sclerosis", "DOID:418"),
    ("SSc", "DOID:418"),
    ("inflammatory myositis", "DOID:633"),
    ("idiopathic inflammatory myopathies", "DOID:633"),
    ("anti-synthetase syndrome", "DOID:0080744"),
    ("gMG", "DOID:437"),
    ("MG", "DOID:437"),
    ("stiff person syndrome", "DOID:13366"),
    ("NMOSD", "DOID:8869"),
    ("blood cancer", "DOID:2531"),
    ("blood cancers", "DOID:2531"),
    ("haematological malignancies", "DOID:2531"),
    ("lymph node cancer", "DOID:0060058"),
    ("leukaemia", "DOID:1240"),
    ("autoimmune diseases", "DOID:417"),
    ("neurological autoimmune diseases", "DOID:438"),
    ("B-ALL", "DOID:0080638"),
    ("B-cell acute lymphoblastic leukaemia", "DOID:0080638"),
    ("ALL", "DOID:9952"),
    ("LBCL", "DOID:0081452"),
    ("DLBCL", "DOID:0050745"),
    ("non-Hodgkin's lymphoma", "DOID:0060060"),
    ("B cell lymphomas", "DOID:707"),
    ("T-cell lymphoma", "DOID:0081312"),
    ("RRMM", "DOID:9538"),
    ("myeloma", "DOID:9538"),
    ("neutropenia", "DOID:1227"),
    ("pneumonia", "DOID:552"),
    ("renal failure", "DOID:1074"),
]


@pytest.mark.parametrize(("term", "doid"), CORE_CASES)
def test_core_lookup(core: DiseaseOntology, term: str, doid: str) -> None:
    concept = core.lookup(term)
    assert concept is not None, term
    assert concept.doid == doid


def test_short_abbreviations_are_case_sensitive(core: DiseaseOntology) -> None:
    for word in ("all", "mg", "ms", "sle", "ln"):
        assert core.lookup(word) is None, word
    assert core.lookup("MS").doid == "DOID:2377"  # type: ignore[union-attr]
    assert core.lookup("nmosd").doid == "DOID:8869"  # type: ignore[union-attr]  # 5+ letters: any case


def test_core_concepts_and_classes(core: DiseaseOntology) -> None:
    sle = core.concept("DOID:9074")
    assert isinstance(sle, Concept)
    assert sle.label == "systemic lupus erythematosus" and sle.mesh == "D008180"
    assert "SLE" in sle.synonyms
    assert core.is_class("DOID:417") and core.is_class("DOID:2531") and core.is_class("DOID:0060058")
    assert not core.is_class("DOID:9074")
    assert core.concept("DOID:999999999") is None


def test_core_ancestors_and_groups_work_without_ontology_files(core: DiseaseOntology) -> None:
    assert "DOID:417" in core.ancestors("DOID:9074")
    assert "DOID:2531" in core.ancestors("DOID:9538")
    assert core.disease_class_of("DOID:9074") == "autoimmune disease"
    assert core.disease_class_of("DOID:0080162") == "autoimmune disease"
    assert core.disease_class_of("DOID:0050745") == "hematologic cancer"
    assert core.disease_class_of("DOID:3068") == "cancer"
    assert core.disease_class_of("DOID:552") == "infection"
    assert core.disease_class_of("DOID:nope") is None
    assert set(DISEASE_GROUPS) >= {core.disease_class_of(c.doid) for _, c in core.terms()}


def test_core_terms_include_lay_terms_and_abbreviations(core: DiseaseOntology) -> None:
    surfaces = {s: c.doid for s, c in core.terms()}
    assert surfaces["blood cancer"] == "DOID:2531"
    assert surfaces["SLE"] == "DOID:9074"
    assert surfaces["systemic lupus erythematosus"] == "DOID:9074"


def test_missing_ontology_files_warn_once_and_fall_back_to_core(tmp_path: Path) -> None:
    empty = tmp_path / "no-do-here"
    empty.mkdir()
    with pytest.warns(UserWarning, match="only the curated core"):
        onto = DiseaseOntology.load(empty)
    assert not onto.full
    assert onto.lookup("lupus").doid == "DOID:9074"  # type: ignore[union-attr]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert DiseaseOntology.load(empty) is onto  # cached: no second warning


def test_core_only_never_warns(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CARTMINE_DO_PATH", str(tmp_path))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert not DiseaseOntology.load(core_only=True).full


# --------------------------------------------------------------------------- diseases: full DO files
def test_core_ids_and_labels_are_current_do(full: DiseaseOntology) -> None:
    with open_text(data_file(_do_dir(), HUMANDO_FILE)) as fh:
        current = {row[0].strip('"'): row[1].strip('"') for row in csv.reader(fh, delimiter="\t")}
    with open(CORE_PATH, encoding="utf-8") as fh:
        rows = list(csv.DictReader((line for line in fh if not line.startswith("#")), delimiter="\t"))
    assert len(rows) >= 200
    for row in rows:
        assert current.get(row["doid"]) == row["label"], row["doid"]


def test_full_ontology_loads(full: DiseaseOntology) -> None:
    assert full.full and len(full) > 10000
    assert full.concept("DOID:9074").label == "systemic lupus erythematosus"  # type: ignore[union-attr]
    assert full.lookup("Behçet disease").doid == "DOID:13241"  # type: ignore[union-attr]
    assert full.lookup("hemangiosarcoma").doid == "DOID:0001816"  # type: ignore[union-attr]  # OBO synonym
    assert full.concept("DOID:267").doid == "DOID:0001816"  # type: ignore[union-attr]  # OBO alt_id


@pytest.mark.parametrize(("term", "doid"), CORE_CASES)
def test_core_lookups_survive_the_merge(full: DiseaseOntology, term: str, doid: str) -> None:
    assert full.lookup(term).doid == doid  # type: ignore[union-attr]


def test_full_ancestors(full: DiseaseOntology) -> None:
    sle = full.ancestors("DOID:9074")
    assert sle[0] == "DOID:8857"  # lupus erythematosus, nearest first
    assert "DOID:417" in sle and "DOID:2914" in sle
    assert "DOID:0060058" in full.ancestors("DOID:0050745")  # DLBCL is a lymphoma
    assert full.disease_class_of("DOID:0050745") == "hematologic cancer"
    assert full.disease_class_of("DOID:13241") == "autoimmune disease"


def test_full_terms_are_safe(full: DiseaseOntology) -> None:
    terms = list(full.terms())
    surfaces = {s for s, _ in terms}
    assert "hemangiosarcoma" in surfaces
    assert "disease" not in surfaces and "syndrome" not in surfaces
    assert not any("(disorder)" in s or "(finding)" in s for s in surfaces)
    curated = {s for s, _ in DiseaseOntology.load(core_only=True).terms()}
    assert all(s in curated for s in surfaces if s.endswith(" NOS"))  # only curated "DLBCL NOS"
    for surface, concept in terms[:: max(1, len(terms) // 2000)]:
        assert full.lookup(surface) == concept


def test_dev_gold_names_resolve(full: DiseaseOntology, therapies: TherapyKB, sponsors: SponsorKB) -> None:
    path = dev_gold_path()
    if not path.exists():
        pytest.skip(f"dev gold not found at {path}")
    with open(path, encoding="utf-8") as fh:
        golds = [json.loads(line)["gold"] for line in fh if line.strip()]
    for gold in golds:
        for disease in gold["diseases"]:
            assert full.lookup(disease["name"]).doid in disease["ids"]  # type: ignore[union-attr]
            assert full.is_class(disease["ids"][0]) == disease["class"], disease["name"]
        for therapy in gold["therapies"]:
            names = {therapy_key(n) for n in (therapy["name"], *therapy["aliases"])}
            entry = therapies.lookup(therapy["name"])
            if entry is not None:
                assert names & {therapy_key(s) for s in entry.surface_forms}
        for company in gold["sponsors"]:
            canonical = sponsors.lookup(company)
            assert canonical is not None and sponsor_key(canonical) == sponsor_key(company)


def test_full_load_writes_and_reuses_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The first full load parses the release and writes a pickle; the second reads it and parses nothing.

    Load time itself is a benchmark number (``scripts/bench_throughput.py``), not a unit test.
    """
    import cartmine.kb.disease_ontology as do_module

    do_dir = _do_dir()
    monkeypatch.setenv("CARTMINE_CACHE", str(tmp_path / "cache"))
    onto = DiseaseOntology._load_uncached(do_dir.resolve(), core_only=False)
    assert onto.full
    assert list((tmp_path / "cache").glob("disease-ontology-*.pickle"))

    def no_parsing(*args: object, **kwargs: object) -> None:
        raise AssertionError("the release was parsed again although a valid pickle exists")

    monkeypatch.setattr(do_module, "release_parts", no_parsing)
    warm = DiseaseOntology._load_uncached(do_dir.resolve(), core_only=False)
    assert warm.lookup("lupus").doid == "DOID:9074"  # type: ignore[union-attr]
