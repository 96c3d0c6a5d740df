"""Small, realistic ``cartmine extract`` results for the aggregation, query and report tests.

Modelled on well-known CAR-T reports (a 5-patient lupus series re-reported by
news, a 15-patient autoimmune series, pivotal oncology trials) so that charts
and tables look like the real thing. Not gold data: the numbers are for tests.
Run ``python tests/aggregation_samples.py OUT.jsonl`` to write them as JSONL.
"""

from __future__ import annotations

import json
import sys
from typing import Any

SLE = ("systemic lupus erythematosus", "DOID:9074")
LN = ("lupus nephritis", "DOID:0080162")
MG = ("myasthenia gravis", "DOID:437")
SSC = ("systemic scleroderma", "DOID:418")
MYOSITIS = ("myositis", "DOID:633")
NMO = ("neuromyelitis optica", "DOID:8869")
ALL = ("acute lymphoblastic leukemia", "DOID:9952")
DLBCL = ("diffuse large B-cell lymphoma", "DOID:0050745")
MM = ("multiple myeloma", "DOID:9538")


def rec(therapy: str | None, disease: tuple[str, str] | None, outcome: str, evidence: str, *,
        negated: bool = False, hedged: bool = False, n: int | None = None, months: float | None = None,
        qualifier: str | None = None, kind: str | None = None, sponsor: str | None = None,
        confidence: float = 0.8) -> dict[str, Any]:
    """One record dict as record contract v1 writes it."""
    return {"therapy": therapy, "disease": disease[0] if disease else None,
            "disease_id": disease[1] if disease else None, "outcome": outcome, "negated": negated,
            "hedged": hedged, "duration_months": months, "duration_qualifier": qualifier,
            "duration_kind": kind, "n_patients": n, "sponsor": sponsor, "evidence": evidence,
            "start": 0, "end": len(evidence), "confidence": confidence}


def therapy(norm: str, target: str | None = None, modality: str = "CAR-T") -> dict[str, Any]:
    """A THERAPY mention carrying the target/modality attrs the loader reads."""
    attrs: dict[str, Any] = {"modality": modality}
    if target:
        attrs["target"] = target
    return {"label": "THERAPY", "text": norm, "start": 0, "end": len(norm), "norm": norm, "id": None,
            "attrs": attrs}


def doc(doc_id: str, source: str, date: str | None, records: list[dict[str, Any]],
        mentions: list[dict[str, Any]] | None = None, url: str | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"doc_id": doc_id, "mentions": mentions or [], "records": records, "errors": []}
    out["source"] = source
    if date:
        out["date"] = date
    out["url"] = url or f"https://example.org/{source}/{doc_id}"
    return out


def sample_results() -> list[dict[str, Any]]:
    """Sixteen documents: re-reported series, negated and hedged claims, missing dates and urls."""
    cd19 = therapy("CD19 CAR-T", "CD19")
    mackensen = "Drug-free remission persisted in all five patients with SLE over a median follow-up of 8 months."
    return [
        doc("a01", "abstract", "2022-09-15", [
            rec("CD19 CAR-T", SLE, "drug_free_remission", mackensen, n=5, months=8, qualifier="median",
                kind="follow_up", confidence=0.93),
            rec("CD19 CAR-T", SLE, "remission", "By month 3, all five patients fulfilled DORIS criteria for remission.",
                n=5, confidence=0.9),
            rec("CD19 CAR-T", SLE, "relapse", "No patient relapsed.", negated=True, n=5, confidence=0.88),
            rec("CD19 CAR-T", SLE, "crs", "Toxicity was limited to mild cytokine release syndrome.", n=5),
        ], [cd19]),
        doc("n01", "news", "2022-09-16", [
            rec("CD19 CAR-T", SLE, "drug_free_remission",
                "Five lupus patients treated with CAR T cells in Erlangen no longer need any medication.", n=5,
                confidence=0.85),
            rec("CD19 CAR-T", SLE, "relapse", "None of the five patients has relapsed so far.", negated=True, n=5),
        ], [cd19]),
        doc("n02", "news", "2022-09-20", [
            rec("CD19 CAR-T", SLE, "drug_free_remission",
                "The patients have stayed in drug-free remission, the Erlangen team reports.", confidence=0.7),
        ], url="https://example.org/news/n02-lupus-car-t"),
        doc("a02", "abstract", "2024-02-22", [
            rec("CD19 CAR-T", SLE, "drug_free_remission",
                "All eight patients with SLE reached DORIS remission and stopped immunosuppressive therapy.",
                n=8, months=29, qualifier="<=", kind="follow_up", confidence=0.9),
            rec("CD19 CAR-T", MYOSITIS, "improvement", "All three patients with myositis improved.", n=3),
            rec("CD19 CAR-T", SSC, "improvement", "The four patients with systemic sclerosis showed lower "
                "disease activity scores.", n=4, confidence=0.75),
            rec("CD19 CAR-T", SLE, "crs", "Grade 1 cytokine release syndrome occurred in 10 patients.", n=8),
        ], [cd19]),
        doc("n03", "news", "2024-02-23", [
            rec("CD19 CAR-T", SLE, "drug_free_remission", "Some lupus patients have now been off all medication "
                "for more than two years after a single CAR-T infusion.", n=8, months=24, qualifier=">=",
                kind="remission", confidence=0.82),
        ], [cd19]),
        doc("n04", "news", "2024-03-05", [
            rec("KYV-101", LN, "remission", "KYV-101 may induce remission in patients with lupus nephritis.",
                hedged=True, sponsor="Kyverna", confidence=0.6),
        ], [therapy("KYV-101", "CD19")]),
        doc("n05", "news", "2024-06-10", [
            rec("KYV-101", MG, "improvement", "Both patients with myasthenia gravis showed meaningful "
                "improvement in MG-ADL scores.", n=2, sponsor="Kyverna", confidence=0.77),
            rec("KYV-101", MG, "remission", "The patients appeared to be in remission at six months.",
                hedged=True, n=2, months=6, qualifier=">=", kind="remission", sponsor="Kyverna", confidence=0.55),
        ], [therapy("KYV-101", "CD19")]),
        doc("a03", "abstract", "2023-04-12", [
            rec("DESCARTES-08", MG, "improvement", "Eleven of 14 patients with generalized myasthenia gravis "
                "had clinically meaningful improvement.", n=14, sponsor="Cartesian", confidence=0.8),
            rec("DESCARTES-08", MG, "crs", "No cytokine release syndrome was observed.", negated=True, n=14),
        ], [therapy("DESCARTES-08", "BCMA")]),
        doc("a04", "abstract", "2018-02-01", [
            rec("tisagenlecleucel", ALL, "complete_remission", "The overall remission rate within 3 months was "
                "81%, all with complete remission or complete remission with incomplete recovery.", n=75,
                sponsor="Novartis", confidence=0.9),
            rec("tisagenlecleucel", ALL, "relapse", "Relapse occurred in 22 patients.", n=75, confidence=0.7),
            rec("tisagenlecleucel", ALL, "crs", "Cytokine release syndrome occurred in 77% of patients.", n=75,
                sponsor="Novartis"),
        ], [therapy("tisagenlecleucel", "CD19")]),
        doc("a05", "abstract", "2019-01-02", [
            rec("axicabtagene ciloleucel", DLBCL, "complete_response", "58% had a complete response, with a "
                "median follow-up of 27.1 months.", n=101, months=27.1, qualifier="median", kind="follow_up",
                sponsor="Kite", confidence=0.91),
            rec("axicabtagene ciloleucel", DLBCL, "response", "The objective response rate was 83%.", n=101,
                sponsor="Kite"),
            rec("axicabtagene ciloleucel", DLBCL, "icans", "Grade 3 or higher neurological events occurred in "
                "32% of patients.", n=101),
        ]),
        doc("n06", "news", "2023-12-11", [
            rec("ciltacabtagene autoleucel", MM, "response", "The overall response rate was 97%, and the median "
                "duration of response was 21.8 months.", n=97, months=21.8, qualifier="median", kind="remission",
                sponsor="Janssen", confidence=0.86),
            rec("ciltacabtagene autoleucel", MM, "complete_response", "Stringent complete responses were seen in "
                "67% of patients.", n=97, sponsor="Legend"),
        ], [therapy("ciltacabtagene autoleucel", "BCMA")]),
        doc("n07", "news", "2024-11-03", [
            rec("idecabtagene vicleucel", MM, "response", "Ide-cel produced responses in 73% of 128 patients.",
                n=128, sponsor="Bristol Myers Squibb", confidence=0.8),
            rec("idecabtagene vicleucel", MM, "death", "Treatment-related deaths may have been underreported.",
                hedged=True, sponsor="Bristol Myers Squibb", confidence=0.5),
        ]),
        doc("n08", "news", None, [
            rec("BCMA CAR-T", MM, "mrd_negativity", "Most patients reached MRD negativity.", confidence=0.65),
        ]),
        doc("a06", "abstract", "2024-09-30", [
            rec("CD19 CAR-T", SSC, "remission", "The patient appeared to be in remission 12 months after "
                "infusion.", hedged=True, n=1, months=12, qualifier=">=", kind="remission", confidence=0.6),
            rec("CD19 CAR-T", SSC, "progression", "Skin fibrosis did not progress.", negated=True, n=1,
                months=12, qualifier=">=", kind="remission", confidence=0.7),
        ], [cd19]),
        doc("n09", "news", "2025-01-20", [
            rec("CD19/BCMA CAR-T", SLE, "remission", "Twelve patients with lupus reached remission after dual-"
                "target CAR-T treatment lasting at least 18 months.", n=12, months=18, qualifier=">=",
                kind="remission", confidence=0.78),
        ], [therapy("CD19/BCMA CAR-T", ["CD19", "BCMA"])]),
        doc("a07", "abstract", "2025-03-14", [
            rec("CD19 CAR-T", NMO, "improvement", "Symptoms may improve after CD19 CAR-T in neuromyelitis optica.",
                hedged=True, confidence=0.5),
        ], url=None),
    ]


if __name__ == "__main__":
    with open(sys.argv[1], "w", encoding="utf-8") as handle:
        for result in sample_results():
            handle.write(json.dumps(result) + "\n")
