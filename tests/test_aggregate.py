"""Aggregation, de-duplication and loading of extracted records.

Hand-made tables keep every expectation checkable by eye: hedged and negated
claims must never count as positive findings, a series re-reported by three
articles is one claim, and the loader gives the same table for all three
``extract`` output formats.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from aggregation_samples import sample_results

import cartmine
from cartmine.aggregation import disease_class as disease_class_module
from cartmine.aggregation.aggregate import aggregate
from cartmine.aggregation.dedup import claim_keys, dedup_claims
from cartmine.aggregation.durations import format_duration, summarise
from cartmine.aggregation.loading import RECORD_COLUMNS, load_records, load_tables
from cartmine.cli import main
from cartmine.kb.disease_ontology import DiseaseOntology

SLE = {"disease": "systemic lupus erythematosus", "disease_id": "DOID:9074"}
MG = {"disease": "myasthenia gravis", "disease_id": "DOID:437"}
DLBCL = {"disease": "diffuse large B-cell lymphoma", "disease_id": "DOID:0050745"}


def row(doc_id: str, outcome: str, therapy: str | None = "CD19 CAR-T", disease: dict | None = None,
        **fields: Any) -> dict[str, Any]:
    """One flat record row; unspecified fields are what the contract calls null."""
    base = {"doc_id": doc_id, "date": None, "source": "news", "url": f"https://news.example/{doc_id}",
            "therapy": therapy, **(disease if disease is not None else SLE), "outcome": outcome,
            "negated": False, "hedged": False, "n_patients": None, "duration_months": None,
            "duration_qualifier": None, "duration_kind": None, "sponsor": None, "evidence": f"{doc_id}: {outcome}",
            "confidence": 0.5}
    base.update(fields)
    return base


def table(*rows: dict[str, Any]) -> pd.DataFrame:
    return pd.DataFrame(list(rows))


def only(summary: pd.DataFrame, **keys: Any) -> pd.Series:
    """The single summary row matching ``keys``."""
    mask = pd.Series(True, index=summary.index)
    for column, value in keys.items():
        mask &= summary[column] == value
    assert mask.sum() == 1, summary[list(keys)]
    return summary[mask].iloc[0]


# --------------------------------------------------------------------- counting rules

def test_negated_and_hedged_are_never_positives() -> None:
    records = table(
        row("d1", "remission", n_patients=5, confidence=0.6),
        row("d2", "remission", negated=True, n_patients=7, confidence=0.99),
        row("d3", "remission", hedged=True, n_patients=9, confidence=0.98),
        row("d4", "relapse", negated=True, n_patients=5),
        row("d5", "crs", hedged=True, negated=True),
    )
    summary = aggregate(records)
    sle = only(summary, therapy="CD19 CAR-T")
    assert sle["n_remission"] == 1
    assert sle["n_relapse"] == 0 and sle["n_crs"] == 0
    assert sle["n_negated"] == 3 and sle["n_hedged"] == 2
    assert "relapse" in sle["negated_outcomes"] and "remission" in sle["hedged_outcomes"]
    # the strongest evidence is the asserted claim, even with a lower confidence
    assert sle["evidence_doc_id"] == "d1" and sle["evidence_outcome"] == "remission"
    assert sle["n_documents"] == 5 and sle["n_claims"] == 5


def test_hedged_durations_are_not_remission_evidence() -> None:
    records = table(
        row("d1", "remission", hedged=True, duration_months=36.0, duration_qualifier=">=", duration_kind="remission"),
        row("d2", "remission", duration_months=12.0, duration_qualifier="=", duration_kind="remission"),
        row("d3", "relapse", duration_months=48.0, duration_kind="remission"),
    )
    sle = aggregate(records).iloc[0]
    assert sle["remission_longest_months"] == 12.0
    assert sle["remission_n_reported"] == 1


def test_negated_relapse_duration_counts_as_remission() -> None:
    records = table(row("d1", "relapse", negated=True, duration_months=24.0, duration_qualifier=">=",
                        duration_kind="remission"))
    assert aggregate(records).iloc[0]["remission_longest"] == "≥24"


def test_qualifiers_in_duration_statistics() -> None:
    records = table(
        row("d1", "drug_free_remission", n_patients=15, duration_months=24.0, duration_qualifier=">=",
            duration_kind="remission"),
        row("d2", "remission", n_patients=8, duration_months=18.0, duration_qualifier="=",
            duration_kind="remission"),
        row("d3", "remission", n_patients=8, duration_months=29.0, duration_qualifier="<=",
            duration_kind="follow_up"),
    )
    sle = aggregate(records).iloc[0]
    assert sle["remission_longest_months"] == 24.0 and sle["remission_longest_qualifier"] == ">="
    assert sle["remission_longest"] == "≥24"
    assert sle["remission_median_months"] == 21.0 and sle["remission_median_qualifier"] == ">="
    # follow-up is summarised on its own and never mixed into remission figures
    assert sle["followup_longest"] == "≤29" and sle["followup_n_reported"] == 1


def test_duration_summary_rules() -> None:
    stats = summarise([24.0, 24.0, 6.0], [">=", "=", None], "r")
    assert stats["r_longest_qualifier"] == ">="  # a lower bound reaching the maximum: at least 24
    assert summarise([10.0, 30.0], ["=", "<="], "r")["r_median_qualifier"] == "<="
    assert summarise([10.0, 30.0], [">=", "<="], "r")["r_median_qualifier"] == "~"
    assert summarise([], [], "r")["r_longest_months"] is None
    assert format_duration(8.0, "median") == "median 8" and format_duration(15.5, "~") == "~15.5"


def test_patients_and_dates_and_sponsors() -> None:
    records = table(
        row("d1", "remission", n_patients=15, date="2024-02-22", sponsor="Kyverna"),
        row("d1", "crs", n_patients=15, date="2024-02-22"),
        row("d2", "remission", n_patients=8, date="2022-09", sponsor="Novartis"),
        row("d3", "improvement", date="not a date"),
    )
    sle = aggregate(records).iloc[0]
    assert sle["n_patients_total"] == 23  # the 15-patient cohort counted once, not once per outcome
    assert sle["n_patients_max"] == 15
    assert sle["first_date"] == "2022-09-01" and sle["last_date"] == "2024-02-22"
    assert sle["sponsors"] == "Kyverna; Novartis"


# --------------------------------------------------------------------- de-duplication

def three_news_items() -> pd.DataFrame:
    """The same 15-patient lupus series in three news items, one of which omits the details."""
    return table(
        row("n1", "drug_free_remission", n_patients=15, duration_months=24.0, duration_qualifier=">=",
            duration_kind="remission", date="2024-02-22", confidence=0.7),
        row("n2", "drug_free_remission", n_patients=15, duration_months=24.0, duration_qualifier="=",
            duration_kind="remission", date="2024-02-23", confidence=0.9),
        row("n3", "drug_free_remission", date="2024-03-01", url=None),
        row("n3", "relapse", negated=True, n_patients=15, date="2024-03-01", url=None),
    )


def test_dedup_merges_the_same_claim_across_three_documents() -> None:
    claims = dedup_claims(three_news_items())
    remission = claims[claims["outcome"] == "drug_free_remission"]
    assert len(remission) == 1
    claim = remission.iloc[0]
    assert claim["doc_ids"] == ["n1", "n2", "n3"]
    assert claim["n_documents"] == 3 and claim["n_sources"] == 3 and claim["n_records"] == 3
    assert claim["urls"] == ["https://news.example/n1", "https://news.example/n2"]
    assert claim["doc_urls"] == ["https://news.example/n1", "https://news.example/n2", None]
    assert claim["n_patients"] == 15 and claim["duration_months"] == 24.0
    assert claim["evidence_doc_id"] == "n2"  # highest confidence
    assert claim["first_date"] == "2024-02-22" and claim["last_date"] == "2024-03-01"
    assert claim["claim_key"] == "cd19cart|DOID:9074|drug_free_remission|pos|n=15|remission:24"


def test_aggregation_counts_claims_and_documents_separately() -> None:
    summary = aggregate(three_news_items())
    sle = summary.iloc[0]
    assert (sle["n_documents"], sle["n_records"], sle["n_claims"]) == (3, 4, 2)
    assert sle["n_drug_free_remission"] == 1
    assert sle["n_patients_total"] == 15
    no_dedup = aggregate(three_news_items(), dedup=False).iloc[0]
    assert no_dedup["n_claims"] == 4 and no_dedup["n_drug_free_remission"] == 3


def test_dedup_keeps_different_cohorts_and_ambiguous_records_apart() -> None:
    records = table(
        row("a", "remission", n_patients=15),
        row("b", "remission", n_patients=8),
        row("c", "remission"),  # could be either series: not guessed
        row("d", "remission", n_patients=15, duration_months=6.0, duration_kind="remission"),
        row("e", "remission", n_patients=15, duration_months=24.0, duration_kind="remission"),
        row("f", "remission", therapy="cd19 car t", n_patients=8),  # same norm once compacted
    )
    keys = claim_keys(records)
    assert keys[1] == keys[5]
    assert len(set(keys)) == 5
    assert keys[0] not in (keys[3], keys[4])  # 15 patients, two time points: which one is ambiguous


# --------------------------------------------------------------------- groupings

def test_by_target() -> None:
    records = table(
        row("d1", "remission", therapy="CD19 CAR-T"),
        row("d2", "improvement", therapy="KYV-101", disease=MG, therapy_target="CD19"),
        row("d3", "complete_response", therapy="axicabtagene ciloleucel", disease=DLBCL),
        row("d4", "improvement", therapy="DESCARTES-08", disease=MG, therapy_target="BCMA"),
        row("d5", "remission", therapy="CD19/BCMA CAR-T"),
    )
    summary = aggregate(records, by="target")
    assert list(summary.columns[:3]) == ["therapy_target", "therapies", "diseases"]
    cd19 = only(summary, therapy_target="CD19")
    assert cd19["n_documents"] == 3
    assert cd19["therapies"] == "CD19 CAR-T; KYV-101; axicabtagene ciloleucel"
    assert only(summary, therapy_target="BCMA")["therapies"] == "DESCARTES-08"
    assert only(summary, therapy_target="CD19/BCMA")["n_remission"] == 1


def test_by_disease_class_works_on_the_core_ontology(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without the DO release files the packaged core classes the common diseases; a name without an
    id is classed by its keywords."""
    core = DiseaseOntology.load(core_only=True)
    monkeypatch.setattr(disease_class_module, "_ontology", lambda: core)
    disease_class_module.disease_class_of.cache_clear()
    records = table(
        row("d1", "remission"),
        row("d2", "improvement", disease=MG),
        row("d3", "complete_response", therapy="axicabtagene ciloleucel", disease=DLBCL),
        row("d4", "response", therapy="BCMA CAR-T", disease={"disease": "refractory myeloma", "disease_id": None}),
    )
    summary = aggregate(records, by="disease-class")
    disease_class_module.disease_class_of.cache_clear()
    autoimmune = only(summary, disease_class="autoimmune disease")
    assert autoimmune["n_documents"] == 2
    assert autoimmune["diseases"] == "myasthenia gravis; systemic lupus erythematosus"
    assert only(summary, disease_class="hematologic cancer")["n_documents"] == 2


def test_by_disease_class_asks_the_ontology(monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []

    class FakeOntology:
        def disease_class_of(self, doid: str) -> str:
            asked.append(doid)
            return "connective tissue disease" if doid == "DOID:9074" else "nervous system disease"

    monkeypatch.setattr(disease_class_module, "_ontology", lambda: FakeOntology())
    disease_class_module.disease_class_of.cache_clear()
    summary = aggregate(table(row("d1", "remission"), row("d2", "improvement", disease=MG)), by="disease-class")
    disease_class_module.disease_class_of.cache_clear()
    assert set(summary["disease_class"]) == {"connective tissue disease", "nervous system disease"}
    assert set(asked) == {"DOID:9074", "DOID:437"}


def test_unknown_grouping_and_empty_input() -> None:
    with pytest.raises(ValueError, match="unknown grouping"):
        aggregate(table(row("d1", "remission")), by="sponsor")
    empty = aggregate(pd.DataFrame(columns=list(RECORD_COLUMNS)))
    assert empty.empty and {"therapy", "disease", "n_claims", "n_remission"} <= set(empty.columns)


def test_public_wrapper_accepts_a_path(tmp_path: Path) -> None:
    path = write_sample_jsonl(tmp_path)
    summary = cartmine.aggregate(path, by="target")
    assert {"CD19", "BCMA", "CD19/BCMA"} <= set(summary["therapy_target"])


# --------------------------------------------------------------------- loading

def write_sample_jsonl(folder: Path) -> Path:
    path = folder / "results.jsonl"
    path.write_text("".join(json.dumps(result) + "\n" for result in sample_results()), encoding="utf-8")
    return path


def test_load_jsonl_results(tmp_path: Path) -> None:
    tables = load_tables(write_sample_jsonl(tmp_path))
    records = tables.records
    assert list(records.columns[:len(RECORD_COLUMNS)]) == list(RECORD_COLUMNS)
    assert len(records) == sum(len(r["records"]) for r in sample_results())
    assert records["negated"].dtype == bool and str(records["n_patients"].dtype) == "Int64"
    dual = records[records["therapy"] == "CD19/BCMA CAR-T"].iloc[0]
    assert dual["therapy_target"] == "CD19/BCMA"  # list attrs in the mention joined
    assert set(records.loc[records["therapy"] == "idecabtagene vicleucel", "therapy_target"]) == {"BCMA"}
    assert tables.mentions is not None and set(tables.mentions["label"]) == {"THERAPY"}
    assert len(tables.documents) == len(sample_results())
    assert records.loc[records["doc_id"] == "n08", "date"].isna().all()


def test_load_parquet_file_and_output_folder(tmp_path: Path) -> None:
    flat = load_records(write_sample_jsonl(tmp_path))
    flat.drop(columns=["therapy_target", "therapy_modality"]).to_parquet(tmp_path / "records.parquet")
    from_parquet = load_records(tmp_path / "records.parquet")
    assert len(from_parquet) == len(flat)
    assert from_parquet["therapy_target"].notna().all()  # filled from the KB or the norm

    out = tmp_path / "out"
    (out / "records").mkdir(parents=True)
    (out / "documents").mkdir()
    half = len(flat) // 2
    records_only = flat.drop(columns=["date"])
    records_only.iloc[:half].to_parquet(out / "records" / "part-00000.parquet")
    records_only.iloc[half:].to_parquet(out / "records" / "part-00001.parquet")
    flat[["doc_id", "title", "date", "source", "url"]].drop_duplicates("doc_id").to_parquet(
        out / "documents" / "part-00000.parquet")
    from_folder = load_records(out)
    assert len(from_folder) == len(flat)
    assert from_folder["date"].tolist() == flat["date"].tolist()  # dates joined from documents/


def test_load_errors(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        load_records(tmp_path / "missing.jsonl")
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"doc_id": "x", "records": []}\nnot json\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad\.jsonl:2"):
        load_records(bad)


# --------------------------------------------------------------------- command line

def test_cli_aggregate_writes_csv_and_parquet(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_sample_jsonl(tmp_path)
    assert main(["aggregate", str(path), "-o", str(tmp_path / "summary.csv")]) == 0
    summary = pd.read_csv(tmp_path / "summary.csv")
    sle = summary[(summary["therapy"] == "CD19 CAR-T") & (summary["disease_id"] == "DOID:9074")].iloc[0]
    assert sle["n_documents"] == 5 and sle["n_claims"] < sle["n_records"]
    assert main(["aggregate", str(path), "--by", "target", "--no-dedup", "-o", str(tmp_path / "t.parquet")]) == 0
    by_target = pd.read_parquet(tmp_path / "t.parquet")
    assert (by_target["n_claims"] == by_target["n_records"]).all()
    assert main(["aggregate", str(path), "--claims", "-o", str(tmp_path / "claims.csv")]) == 0
    assert "n1;" not in (tmp_path / "claims.csv").read_text() and "a01; n01" in (tmp_path / "claims.csv").read_text()


def test_cli_aggregate_prints_a_table(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["aggregate", str(write_sample_jsonl(tmp_path)), "--by", "target"]) == 0
    out = capsys.readouterr().out
    assert out.split()[:2] == ["therapy_target", "n_documents"] and "CD19/BCMA" in out
    assert main(["aggregate", str(tmp_path / "missing.jsonl")]) == 1
    assert "error" in capsys.readouterr().err
