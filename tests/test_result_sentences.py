"""The learned result-sentence score and its gate on outcomes (issue #15), on sentences the team
wrote: an outcome in an unheaded background sentence is dropped, one in a result sentence, in a
headed section or in a claim about a treatment is kept; the switch and the loader behave."""

from __future__ import annotations

import gzip
import json

import pytest

from cartmine.components.outcomes import RESULT_SCORE, OutcomeMatcher
from cartmine.extensions import mention_spans
from cartmine.result_sentences import FORMAT, ResultModelError, ResultSentenceModel, features, load_model

BACKGROUND = "Progression to kidney failure is a concern for many families."
RESULT = "Eleven of the twenty patients relapsed within a year (55%)."
#: the first sentence is the title, which the gate leaves alone
TITLE = "A trial of a new tablet in adults."


@pytest.fixture(scope="module")
def model() -> ResultSentenceModel:
    return load_model("result_sentences.json.gz")


def types(nlp, text: str) -> set[str]:
    return {s._.norm for s in mention_spans(nlp(text), "OUTCOME")}


def build(rule_pipeline, **config):
    nlp = rule_pipeline("cartmine_sentences", "cartmine_boilerplate")
    nlp.add_pipe("cartmine_outcomes", config=config)
    return nlp


def test_the_model_tells_a_result_from_background(model):
    assert model.prob(RESULT) > 0.5
    assert model.prob(BACKGROUND) < 0.1
    assert model.prob("Infection is a major cause of hospital admission in older adults worldwide.") < 0.1
    assert model.prob("The aim of this study was to assess the response rate of the new drug.") < 0.1
    assert model.prob("Pain fell significantly more with the gel than with placebo (p < 0.01).") > 0.9


def test_tokenised_and_plain_text_give_the_same_features():
    assert features("p<0.05, in 12% of patients.") == features("p < 0.05 , in 12 % of patients .")
    assert {"<dec>", "<num>", "%", "<s> p"} <= features("p<0.05, in 12% of patients.")


def test_gate_drops_an_unheaded_background_outcome_and_keeps_a_result(rule_pipeline):
    nlp = build(rule_pipeline)  # the factory defaults: the packaged model, min_result_prob 0.1
    assert types(nlp, f"{TITLE} {BACKGROUND}") == set()  # no phrase rule drops it: the score does
    assert types(nlp, f"{TITLE} {RESULT}") == {"relapse"}
    assert types(nlp, f"{TITLE} {BACKGROUND} {RESULT}") == {"relapse"}


def test_the_title_is_not_gated(rule_pipeline):
    # the model never saw a title; a headline states the finding ("X improves Y") in few words
    nlp = build(rule_pipeline)
    assert types(nlp, f"{BACKGROUND} {RESULT}") == {"progression", "relapse"}


def test_gate_leaves_headed_sections_and_treatment_claims_alone(rule_pipeline):
    nlp = build(rule_pipeline)
    assert types(nlp, f"RESULTS {BACKGROUND}") == {"progression"}  # a heading gives the role
    # a claim about a treatment is kept even as background (the contract keeps such claims)
    assert types(nlp, "Progression to kidney failure after the treatment is a concern for many families.") == {
        "progression"}


def test_a_listed_side_effect_is_not_gated(rule_pipeline, model):
    """A sentence listing a treatment's side effects (an approval's label summary) reports what the
    treated patients had: its safety outcomes pass the gate even where the score is low
    (lists.adverse_event_list_words); a background infection sentence is still dropped."""
    listed = ("Its most common side effects are skin reactions where the pen is used; cold sores around the "
              "mouth; and itchy, swollen eyelids.")
    assert model.prob(listed) < 0.1  # the score alone would drop it
    nlp = build(rule_pipeline)
    assert types(nlp, f"{TITLE} {listed}") == {"infection"}
    assert types(nlp, f"{TITLE} Infection is a major cause of hospital admission in older adults worldwide.") == set()


def test_switching_the_gate_off(rule_pipeline):
    assert types(build(rule_pipeline, min_result_prob=0.0), f"{TITLE} {BACKGROUND}") == {"progression"}
    assert types(build(rule_pipeline, result_model=None), f"{TITLE} {BACKGROUND}") == {"progression"}


def test_fired_names_the_score_and_long_forms_are_not_gated():
    matcher = OutcomeMatcher("outcomes.yaml", "result_sentences.json.gz", 0.1)
    fired: set[str] = set()
    assert matcher.find(f"{TITLE} {BACKGROUND}", fired=fired) == []
    assert RESULT_SCORE in fired
    # an abbreviation's long form is a phrase, not a sentence: the score must not silence it
    assert matcher.classify("complete remission") == "complete_remission"


def test_pipeline_config_holds_the_gate_settings():
    from thinc.api import Config

    from cartmine.pipeline import DEFAULT_CONFIG_PATH
    section = Config().from_disk(DEFAULT_CONFIG_PATH)["components"]["outcomes"]
    assert section["result_model"] == "result_sentences.json.gz"
    assert 0.0 < section["min_result_prob"] < 0.5


def test_loader_rejects_a_missing_file(tmp_path):
    with pytest.raises(ResultModelError, match="not found"):
        ResultSentenceModel.load(tmp_path / "nowhere.json.gz")


@pytest.mark.parametrize(("name", "content", "message"), [
    ("garbled.json.gz", b"this is not gzip", "not readable"),
    ("garbled.json", b"{\"format\": ", "not readable"),
    ("other.json", json.dumps({"format": "something else", "bias": 0, "weights": {"a": 1}}).encode(), "format"),
    ("empty.json", json.dumps({"format": FORMAT, "bias": 0, "weights": {}}).encode(), "weights"),
    ("text.json", json.dumps({"format": FORMAT, "bias": 0, "weights": {"a": "x"}}).encode(), "weights"),
])
def test_loader_rejects_a_garbled_file(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ResultModelError, match=message):
        ResultSentenceModel.load(path)


def test_a_configured_model_that_does_not_load_stops_the_pipeline(rule_pipeline, tmp_path):
    with pytest.raises(ResultModelError, match="not found"):
        build(rule_pipeline, result_model=str(tmp_path / "missing.json.gz"))


def test_a_written_model_round_trips(tmp_path):
    path = tmp_path / "tiny.json.gz"
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        json.dump({"format": FORMAT, "bias": -1.0, "weights": {"relapsed": 3.0}}, fh)
    tiny = ResultSentenceModel.load(path)
    assert tiny.prob("Two relapsed.") > 0.8 > 0.3 > tiny.prob("Two died.")
