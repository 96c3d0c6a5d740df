"""A disease's defining measure improving counts only in a document about that disease.

``disease_measures`` rules (outcomes.yaml) read "intraocular pressure was lowered" as glaucoma
improving; the same words in a document about another disease are physiology (the contract's
biomarker rule). Team-written sentences."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def nlp(rule_pipeline):
    nlp = rule_pipeline("cartmine_sentences", "cartmine_boilerplate", "cartmine_diseases")
    nlp.add_pipe("cartmine_outcomes", config={"min_result_prob": 0.0})
    return nlp


def _measure_rules(doc) -> set[str]:
    rules = {doc._.span_info[("OUTCOME", s.start_char, s.end_char)]["attrs"]["rule"] for s in doc.spans.get("OUTCOME", [])}
    return {r for r in rules if r.startswith("measure_")}


@pytest.mark.parametrize(("text", "rule"), [
    ("Forty patients with open-angle glaucoma took the new drops. Intraocular pressure was significantly lowered by the drops.",
     "measure_intraocular_pressure_lowered"),
    ("Women with postmenopausal osteoporosis took the tablet for a year. The tablet increased bone mineral density at the spine.",
     "measure_bone_density_raised"),
    ("Adults with type 2 diabetes were randomised to the drug or placebo. The drug reduced HbA1c by 0.7% compared with placebo.",
     "measure_glycaemia_lowered"),
])
def test_measure_in_its_disease(nlp, text, rule):
    assert rule in _measure_rules(nlp(text))


@pytest.mark.parametrize("text", [
    "Forty patients had cataract surgery under local anaesthesia. Intraocular pressure was significantly lowered by the drops.",
    "Women with breast cancer took the tablet for a year. The tablet increased bone mineral density at the spine.",
])
def test_measure_elsewhere_is_physiology(nlp, text):
    assert not _measure_rules(nlp(text))
