"""Tests of the contract scorer and the ``cartmine evaluate`` command.

The scorer must give the referee's numbers, so besides hand-computed cases on
tiny synthetic documents, it is compared with the referee script itself on the
dev set and on ``corpora/gold`` using predictions derived from the gold with
random perturbations (so the check does not depend on how good the extractor is).
"""

from __future__ import annotations

import argparse
import copy
import importlib.util
import json
import random
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from cartmine.contract import FIELDS, sponsor_key
from cartmine.contract import comparison_key as key
from cartmine.evaluation.contract_scorer import greedy_match, score
from cartmine.evaluation.gold_files import read_jsonl, validate_gold
from cartmine.paths import PROJECT_DIR, dev_gold_path, referee_scorer_path

CORPUS_GOLD = PROJECT_DIR / "corpora" / "gold" / "gold.jsonl"
CORPUS_CHECK = PROJECT_DIR / "corpora" / "gold" / "check.jsonl"
CORPUS_CHECK_GENERAL = PROJECT_DIR / "corpora" / "gold" / "check-general.jsonl"
CORPUS_GENERAL = PROJECT_DIR / "corpora" / "gold" / "general.jsonl"


# --------------------------------------------------------------------------- helpers


def mention(label: str, norm: Any, id_: str | None = None, **attrs: Any) -> dict[str, Any]:
    """A contract mention with dummy offsets; the scorer only reads label, norm, id and attrs."""
    return {"label": label, "text": str(norm), "start": 0, "end": 0, "norm": norm, "id": id_, "attrs": attrs}


def record(therapy: str | None, disease_id: str | None, outcome: str, negated: bool = False,
           disease: str | None = None) -> dict[str, Any]:
    return {"therapy": therapy, "disease": disease, "disease_id": disease_id, "outcome": outcome,
            "negated": negated}


def gold_doc(doc_id: str, **gold: Any) -> dict[str, Any]:
    base: dict[str, Any] = {f: [] for f in FIELDS}
    base.update(gold)
    return {"id": doc_id, "text": "x" * 50, "gold": base}


CD19 = {"name": "CD19 CAR-T", "aliases": ["anti-CD19 CAR-T", "CAR-T"]}
SLE = {"name": "systemic lupus erythematosus", "ids": ["DOID:9074", "DOID:8857"], "class": False}
MG = {"name": "myasthenia gravis", "ids": ["DOID:437"], "class": False}


# --------------------------------------------------------------------------- unit tests


def test_keys_follow_the_contract() -> None:
    assert key("CD19 CAR-T") == key("cd19-car t") == "cd19cart"
    assert key("Sjögren's (primary)") == "sjögrensprimary"
    assert sponsor_key("Kyverna Therapeutics, Inc.") == "kyverna"
    assert sponsor_key("Bristol Myers Squibb Co.") == "bristolmyerssquibb"
    # The last word is never dropped, so a bare corporate word keeps a key.
    assert sponsor_key("Bio") == "bio"


def test_greedy_match_is_one_to_one_and_reports_leftovers() -> None:
    m = greedy_match([1, 1, 2], [1, 3], lambda a, b: a == b)
    assert (m.tp, m.fp, m.fn) == (1, 1, 2)
    assert m.unmatched_gold == [1, 2]
    assert m.unmatched_pred == [3]


def test_hand_computed_scores() -> None:
    gold = [gold_doc(
        "a",
        therapies=[CD19, {"name": "rituximab", "aliases": ["Rituxan"]}],
        diseases=[SLE, MG],
        outcomes=["remission", "crs", "relapse"],
        durations=[{"months": 24, "kind": "remission", "qualifier": ">="},
                   {"months": 6, "kind": "follow_up", "qualifier": "median"}],
        patient_counts=[15, 8],
        sponsors=["Kyverna Therapeutics"],
        records=[{"therapy": "CD19 CAR-T", "disease": "DOID:9074", "outcome": "remission", "negated": False},
                 {"therapy": "CD19 CAR-T", "disease": "DOID:9074", "outcome": "relapse", "negated": True}],
    )]
    pred = [{"doc_id": "a", "mentions": [
        mention("THERAPY", "anti-CD19 CAR T"),          # alias, by key: tp
        mention("THERAPY", "CAR-T"),                     # second alias of the same gold therapy: fp
        mention("THERAPY", "steroids"),                  # fp
        mention("DISEASE", "lupus", "DOID:8857"),        # id in SLE's ids: tp
        mention("DISEASE", "Myasthenia-Gravis", None),   # name key: tp
        mention("OUTCOME", "remission"), mention("OUTCOME", "relapse"), mention("OUTCOME", "death"),
        mention("DURATION", "P24M", months=24.4, kind="remission"),  # within 0.5: tp
        mention("DURATION", "P6M", months=6.0, kind="remission"),    # wrong kind: fp (and gold fn)
        mention("PATIENT_COUNT", "15", n=15), mention("PATIENT_COUNT", "73", n=73),
        mention("SPONSOR", "Kyverna"),
    ], "records": [
        record("CAR-T", "DOID:9074", "remission"),                  # alias: tp
        record("CD19 CAR-T", "DOID:9074", "relapse", negated=False),  # wrong negation: fp
        # Would match by disease name, but the gold remission record is already taken: fp.
        record("CD19 CAR-T", None, "remission", disease="systemic lupus erythematosus"),
    ]}]
    report = score(gold, pred)
    got = {f: (s.tp, s.fp, s.fn) for f, s in report.fields.items()}
    assert got == {
        "therapies": (1, 2, 1),
        "diseases": (2, 0, 0),
        "outcomes": (2, 1, 1),
        "durations": (1, 1, 1),
        "patient_counts": (1, 1, 1),
        "sponsors": (1, 0, 0),
        # gold remission matches the first sorted candidate; the name-only one is then an fp.
        "records": (1, 2, 1),
    }
    therapies = report.fields["therapies"]
    assert therapies.precision == pytest.approx(1 / 3)
    assert therapies.recall == pytest.approx(1 / 2)
    assert therapies.f1 == pytest.approx(0.4)
    # macro over entity fields from rounded F1s: 0.4, 1.0, 0.667, 0.5, 0.5, 1.0
    assert report.macro_f1 == pytest.approx(round((0.4 + 1 + 0.667 + 0.5 + 0.5 + 1) / 6, 3))
    details = report.format_details()
    assert "a therapies FP: 'steroids'" in details
    assert "a therapies FN: 'rituximab'" in details
    assert "a records FN: ('CD19 CAR-T', DOID:9074, relapse, negated=True)" in details


def test_missing_prediction_counts_all_gold_as_false_negatives() -> None:
    gold = [gold_doc("a", outcomes=["crs", "crs", "icans"], patient_counts=[3, 3])]
    report = score(gold, [{"doc_id": "other", "mentions": [mention("OUTCOME", "crs")]}])
    # Gold outcomes and counts are sets: duplicates count once.
    assert (report.fields["outcomes"].tp, report.fields["outcomes"].fn) == (0, 2)
    assert report.fields["patient_counts"].fn == 1
    assert report.documents[0].missing_prediction


def test_null_therapy_and_null_disease_records() -> None:
    gold = [gold_doc("a", diseases=[MG], outcomes=["improvement"],
                     records=[{"therapy": None, "disease": "DOID:437", "outcome": "improvement",
                               "negated": False}])]
    ok = score(gold, [{"doc_id": "a", "records": [record(None, "DOID:437", "improvement")]}])
    assert (ok.fields["records"].tp, ok.fields["records"].fp) == (1, 0)
    wrong = score(gold, [{"doc_id": "a", "records": [record("rituximab", "DOID:437", "improvement")]}])
    assert (wrong.fields["records"].tp, wrong.fields["records"].fp, wrong.fields["records"].fn) == (0, 1, 1)


def test_empty_fields_give_zero_not_errors() -> None:
    report = score([gold_doc("a")], [{"doc_id": "a", "mentions": [], "records": []}])
    assert all(s.f1 == 0.0 for s in report.fields.values())
    assert report.to_dict()["macro_f1_fields"] == 0.0


def test_validate_gold_flags_bad_rows() -> None:
    bad = gold_doc("a", outcomes=["cured"], diseases=[{"name": "x", "ids": ["MESH:1"]}],
                   records=[{"therapy": "KYV-101", "disease": None, "outcome": "remission"}])
    problems = validate_gold([bad, bad])
    text = "\n".join(problems)
    assert "unknown outcome 'cured'" in text
    assert "disease needs name and DOID ids" in text
    assert "not among gold therapies" in text
    assert "duplicate id" in text


def run_evaluate_cli(argv: list[str]) -> int:
    """Run only the evaluate sub-command, so the test does not depend on the other sub-commands."""
    from cartmine.cli import evaluate

    parser = argparse.ArgumentParser(prog="cartmine")
    evaluate.register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(argv)
    return int(args.func(args))


def test_cli_with_pred_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    gold_path = tmp_path / "gold.jsonl"
    pred_path = tmp_path / "pred.jsonl"
    gold_path.write_text(json.dumps(gold_doc("d1", therapies=[CD19], outcomes=["crs"])) + "\n")
    pred_path.write_text(json.dumps({"doc_id": "d1", "mentions": [
        mention("THERAPY", "CAR-T"), mention("THERAPY", "rituximab")]}) + "\n")
    assert run_evaluate_cli(["evaluate", str(gold_path), "--pred", str(pred_path), "--details"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].split() == ["field", "P", "R", "F1", "tp", "fp", "fn"]
    assert "therapies         0.500  1.000  0.667" in out
    assert "d1 therapies FP: 'rituximab'" in out
    assert "d1 outcomes FN: 'crs'" in out
    assert run_evaluate_cli(["evaluate", str(gold_path), "--pred", str(pred_path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["therapies"] == {"p": 0.5, "r": 1.0, "f1": 0.667, "tp": 1, "fp": 1, "fn": 0}


# --------------------------------------------------------------------------- agreement with the referee


def load_referee() -> ModuleType:
    path = referee_scorer_path()
    if not path.is_file():
        pytest.skip(f"referee scorer not found at {path} (set CARTMINE_SHARED)")
    spec = importlib.util.spec_from_file_location("cartmine_referee_score", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def referee_table(referee: ModuleType, gold: list[dict], pred: list[dict]) -> dict[str, Any]:
    """The referee's ``--json`` output, computed the way its ``main`` does."""
    tallies, _notes = referee.score(gold, pred)
    table: dict[str, Any] = {
        f: dict(zip(("p", "r", "f1"), (round(x, 3) for x in t.prf()), strict=True), tp=t.tp, fp=t.fp, fn=t.fn)
        for f, t in tallies.items()}
    fields = [f for f in referee.FIELDS if f != "records"]
    table["macro_f1_fields"] = round(sum(table[f]["f1"] for f in fields) / len(fields), 3)
    return table


WRONG_THERAPIES = ["steroids", "CAR-T", "placebo", "rituximab", "CD20 CAR-T", "BCMA CAR-T"]
WRONG_DISEASES = [("DOID:417", "autoimmune disease"), ("DOID:162", "cancer"), (None, "lupus"),
                  ("DOID:9538", "multiple myeloma"), (None, "Systemic Lupus-Erythematosus")]
OUTCOME_LIST = ["remission", "complete_remission", "drug_free_remission", "response", "complete_response",
                "mrd_negativity", "improvement", "relapse", "progression", "no_response", "crs", "icans",
                "infection", "death"]
SPONSOR_FORMS = ["{} Therapeutics, Inc.", "{} AG", "{}", "{} Bio", "{} Pharmaceuticals Ltd"]


def perturbed_prediction(row: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """A prediction line built from a gold row with drops, swaps, near misses and spurious items."""
    g = row["gold"]
    mentions: list[dict[str, Any]] = []
    therapy_forms: dict[str, list[str]] = {}
    for t in g["therapies"]:
        forms = [t["name"], *t.get("aliases", [])]
        therapy_forms[t["name"]] = forms
        for _ in range(rng.choice([0, 1, 1, 2])):
            form = rng.choice(forms)
            mentions.append(mention("THERAPY", rng.choice([form, form.upper(), form.replace("-", " ")])))
    for _ in range(rng.choice([0, 0, 1, 2])):
        mentions.append(mention("THERAPY", rng.choice(WRONG_THERAPIES)))
    for d in g["diseases"]:
        r = rng.random()
        if r < 0.5:
            mentions.append(mention("DISEASE", d["name"], rng.choice(d["ids"])))
        elif r < 0.7:
            mentions.append(mention("DISEASE", d["name"].upper(), None))
        elif r < 0.8:
            mentions.append(mention("DISEASE", d["name"], "DOID:0000000"))
    for _ in range(rng.choice([0, 1, 2])):
        did, name = rng.choice(WRONG_DISEASES)
        mentions.append(mention("DISEASE", name, did))
    for o in g["outcomes"]:
        if rng.random() < 0.8:
            mentions.append(mention("OUTCOME", o, negated=rng.random() < 0.2))
    for _ in range(rng.choice([0, 1])):
        mentions.append(mention("OUTCOME", rng.choice(OUTCOME_LIST)))
    for du in g["durations"]:
        r = rng.random()
        if r < 0.6:
            months = float(du["months"]) + rng.choice([0.0, 0.3, -0.45, 0.5, -0.5])
            mentions.append(mention("DURATION", "P", months=months, kind=du["kind"]))
        elif r < 0.75:
            mentions.append(mention("DURATION", "P", months=float(du["months"]) + 0.8, kind=du["kind"]))
        elif r < 0.9:
            other = "remission" if du["kind"] == "follow_up" else "follow_up"
            mentions.append(mention("DURATION", "P", months=float(du["months"]), kind=other))
    if rng.random() < 0.3:
        mentions.append(mention("DURATION", "P", months=rng.choice([3, 12.0, 2.76]), kind="follow_up"))
    if rng.random() < 0.1:
        mentions.append(mention("DURATION", "P", months=5, kind="onset"))  # not a scored kind: ignored
    for c in g["patient_counts"]:
        if rng.random() < 0.75:
            mentions.append(mention("PATIENT_COUNT", str(c), n=c))
    if rng.random() < 0.4:
        n = rng.choice([2, 5, 73, 100])
        mentions.append(mention("PATIENT_COUNT", str(n), n=n))
    if rng.random() < 0.1:
        mentions.append(mention("PATIENT_COUNT", "five", n="5"))  # not an int: ignored
    for s in g["sponsors"]:
        if rng.random() < 0.8:
            mentions.append(mention("SPONSOR", rng.choice(SPONSOR_FORMS).format(s)))
    if rng.random() < 0.3:
        mentions.append(mention("SPONSOR", rng.choice(["Stanford University", "FDA", "Novartis AG"])))
    disease_names = {i: d["name"] for d in g["diseases"] for i in d["ids"]}
    records: list[dict[str, Any]] = []
    for r in g["records"]:
        if rng.random() < 0.25:
            continue
        therapy = r["therapy"]
        if therapy is not None and rng.random() < 0.4:
            therapy = rng.choice(therapy_forms.get(therapy, [therapy]))
        disease_id, disease = r["disease"], disease_names.get(r["disease"])
        x = rng.random()
        if x < 0.15:
            disease_id = None  # match by name
        elif x < 0.2:
            disease_id, disease = "DOID:417", "autoimmune disease"
        negated = r.get("negated", False)
        if rng.random() < 0.1:
            negated = not negated
        records.append(record(therapy, disease_id, r["outcome"], negated, disease))
        if rng.random() < 0.15:
            records.append(copy.deepcopy(records[-1]))  # duplicates collapse into one
    for _ in range(rng.choice([0, 1, 2])):
        t = rng.choice([*therapy_forms, *WRONG_THERAPIES, None])
        did, name = rng.choice([*WRONG_DISEASES, (None, None)])
        records.append(record(t, did, rng.choice(OUTCOME_LIST), rng.random() < 0.2, name))
    rng.shuffle(mentions)
    rng.shuffle(records)
    return {"doc_id": row["id"], "mentions": mentions, "records": records, "errors": []}


def perturbed_predictions(gold: list[dict[str, Any]], seed: int) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    preds = [perturbed_prediction(row, rng) for row in gold if rng.random() > 0.05]
    preds.append({"doc_id": "not-in-gold", "mentions": [mention("THERAPY", "KYV-101")], "records": []})
    return preds


def assert_agrees(gold: list[dict[str, Any]], seeds: range) -> None:
    referee = load_referee()
    for seed in seeds:
        preds = perturbed_predictions(gold, seed)
        expected = referee_table(referee, gold, preds)
        got = score(gold, preds).to_dict()
        assert got == expected, f"seed {seed}: scorer disagrees with the referee"
    empty = [{"doc_id": r["id"], "mentions": [], "records": []} for r in gold]
    assert score(gold, empty).to_dict() == referee_table(referee, gold, empty)
    perfect = [oracle_prediction(r) for r in gold]
    report = score(gold, perfect)
    assert report.to_dict() == referee_table(referee, gold, perfect)
    assert all(s.fp == 0 and s.fn == 0 for s in report.fields.values())


def oracle_prediction(row: dict[str, Any]) -> dict[str, Any]:
    """The prediction line that says exactly what the gold says."""
    g = row["gold"]
    names = {i: d["name"] for d in g["diseases"] for i in d["ids"]}
    mentions = [mention("THERAPY", t["name"]) for t in g["therapies"]]
    mentions += [mention("DISEASE", d["name"], d["ids"][0]) for d in g["diseases"]]
    mentions += [mention("OUTCOME", o) for o in g["outcomes"]]
    mentions += [mention("DURATION", "P", months=float(d["months"]), kind=d["kind"]) for d in g["durations"]]
    mentions += [mention("PATIENT_COUNT", str(c), n=c) for c in g["patient_counts"]]
    mentions += [mention("SPONSOR", s) for s in g["sponsors"]]
    records = [record(r["therapy"], r["disease"], r["outcome"], r.get("negated", False), names.get(r["disease"]))
               for r in g["records"]]
    return {"doc_id": row["id"], "mentions": mentions, "records": records, "errors": []}


@pytest.mark.needs_shared
def test_agrees_with_referee_on_dev_set() -> None:
    path = dev_gold_path()
    if not path.is_file():
        pytest.skip(f"dev gold not found at {path} (set CARTMINE_SHARED)")
    assert_agrees(read_jsonl(path), range(40))


@pytest.mark.needs_shared
def test_agrees_with_referee_on_corpus_gold() -> None:
    if not CORPUS_GOLD.is_file():
        pytest.skip(f"{CORPUS_GOLD} not written yet")
    assert_agrees(read_jsonl(CORPUS_GOLD), range(40))


@pytest.mark.parametrize(
    "path", [CORPUS_GOLD, CORPUS_GENERAL, CORPUS_CHECK, CORPUS_CHECK_GENERAL],
    ids=["gold", "general", "check", "check-general"],
)
def test_corpus_gold_is_valid(path: Path) -> None:
    if not path.is_file():
        pytest.skip(f"{path} not written yet")
    assert validate_gold(read_jsonl(path)) == []


@pytest.mark.needs_shared
@pytest.mark.parametrize(
    "path", [CORPUS_GOLD, CORPUS_GENERAL, CORPUS_CHECK, CORPUS_CHECK_GENERAL],
    ids=["gold", "general", "check", "check-general"],
)
def test_corpus_gold_is_valid_for_the_referee(path: Path) -> None:
    referee = load_referee()
    if not path.is_file():
        pytest.skip(f"{path} not written yet")
    assert referee.validate(read_jsonl(path)) == []


@pytest.mark.parametrize("check", [CORPUS_CHECK, CORPUS_CHECK_GENERAL], ids=["check", "check-general"])
def test_held_out_check_set_shares_no_id_with_the_tuning_gold(check: Path) -> None:
    """A check set is scored as text nobody tuned on, so none of its documents may also be tuning gold."""
    if not (CORPUS_GOLD.is_file() and check.is_file()):
        pytest.skip("team gold or check set missing")
    gold_ids = {row["id"] for path in (CORPUS_GOLD, CORPUS_GENERAL) if path.is_file() for row in read_jsonl(path)}
    assert gold_ids.isdisjoint(row["id"] for row in read_jsonl(check))


@pytest.mark.needs_shared
def test_corpus_gold_disease_ids_exist_in_disease_ontology() -> None:
    from cartmine.paths import data_file, disease_ontology_dir, open_text

    human_do = data_file(disease_ontology_dir(), "HumanDO.tsv")
    if not human_do.is_file():
        pytest.skip(f"Disease Ontology not found at {human_do}")
    if not CORPUS_GOLD.is_file():
        pytest.skip(f"{CORPUS_GOLD} not written yet")
    with open_text(human_do) as fh:
        known = {line.split("\t", 1)[0].strip('"') for line in fh}
    unknown = {i for row in read_jsonl(CORPUS_GOLD) for d in row["gold"]["diseases"] for i in d["ids"]} - known
    assert not unknown, f"DOIDs not in HumanDO.tsv: {sorted(unknown)}"


@pytest.mark.needs_shared
def test_validate_gold_matches_referee_messages() -> None:
    referee = load_referee()
    rows = [
        gold_doc("a", outcomes=["cured"], diseases=[{"name": "x", "ids": ["MESH:1"]}],
                 durations=[{"months": "6", "kind": "follow_up"}, {"months": 6, "kind": "remission", "qualifier": "?"}],
                 patient_counts=[3.0], records=[{"therapy": "KYV-101", "disease": "DOID:1", "outcome": "remission",
                                                 "negated": "no"}, {"therapy": None, "disease": None, "outcome": "crs"}]),
        gold_doc("a"),
        {"id": "b", "text": "short", "gold": {"therapies": []}},
        {"id": "c", "text": "x" * 60},
    ]
    assert validate_gold(rows) == referee.validate(rows)
