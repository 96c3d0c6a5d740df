"""Outcomes, negation/hedging, durations and patient counts on sentences the team wrote."""

from __future__ import annotations

import pytest
import spacy

from cartmine.extensions import mention_spans, register_extensions


@pytest.fixture(scope="module")
def rules_nlp():
    """A pipeline with only the rule components (no knowledge bases, no model)."""
    import cartmine.components  # noqa: F401

    register_extensions()
    nlp = spacy.blank("en")
    for name in ("cartmine_sentences", "cartmine_boilerplate", "cartmine_outcomes", "cartmine_context",
                 "cartmine_durations", "cartmine_patient_counts"):
        nlp.add_pipe(name)
    return nlp


def outcomes(nlp, text):
    doc = nlp(text)
    return [(s._.norm, s._.attrs["negated"], s._.attrs["hedged"]) for s in mention_spans(doc, "OUTCOME")]


@pytest.mark.parametrize(("text", "expected"), [
    ("All four patients reached drug-free remission.", ("drug_free_remission", False, False)),
    ("Some still did not need any medication even after two years.", ("drug_free_remission", False, False)),
    ("Every participant stopped all immunosuppressive therapy.", ("drug_free_remission", False, False)),
    ("She achieved a complete remission within a month.", ("complete_remission", False, False)),
    ("Eleven patients had a complete response.", ("complete_response", False, False)),
    ("The overall response rate was 80%.", ("response", False, False)),
    ("Six were negative for minimal residual disease.", ("mrd_negativity", False, False)),
    ("Skin scores improved in every patient.", ("improvement", False, False)),
    ("The disease relapsed at month nine.", ("relapse", False, False)),
    ("Cytokine release syndrome was mild.", ("crs", False, False)),
    ("A cytokine storm developed on day two.", ("crs", False, False)),
    ("Neurological events were transient.", ("icans", False, False)),
    ("Two patients died of sepsis.", ("infection", False, False)),
    ("There was no clinical response to the second infusion.", ("no_response", False, False)),
])
def test_outcome_types(rules_nlp, text, expected):
    assert expected in outcomes(rules_nlp, text)


@pytest.mark.parametrize(("text", "outcome", "negated", "hedged"), [
    ("No patient relapsed.", "relapse", True, False),
    ("None developed ICANS.", "icans", True, False),
    ("Neither cytokine release syndrome nor neurotoxicity was observed.", "icans", True, False),
    ("Neurotoxicity was not reported in this cohort.", "icans", True, False),
    ("The patient appeared to be in remission.", "remission", False, True),
    ("CAR T cells may induce remission in lupus.", "remission", False, True),
    ("One patient relapsed, but no other patient relapsed.", "relapse", False, False),
])
def test_negation_and_hedging(rules_nlp, text, outcome, negated, hedged):
    assert (outcome, negated, hedged) in outcomes(rules_nlp, text)


def test_enrolment_wording_is_not_an_outcome(rules_nlp):
    found = [o for o, _, _ in outcomes(rules_nlp, "Adults with relapsed or refractory myeloma were enrolled.")]
    assert "relapse" not in found
    found = [o for o, _, _ in outcomes(rules_nlp, "Median progression-free survival was 12 months.")]
    assert "progression" not in found


def durations(nlp, text):
    doc = nlp(text)
    return [(round(s._.attrs["months"], 2), s._.attrs["qualifier"], s._.attrs["kind"])
            for s in mention_spans(doc, "DURATION")]


@pytest.mark.parametrize(("text", "expected"), [
    ("Some still did not need any medication even after two years.", (24.0, ">=", "remission")),
    ("Remission lasted at least 18 months.", (18.0, ">=", "remission")),
    ("Patients were followed for up to 29 months.", (29.0, "<=", "follow_up")),
    ("The median follow-up was 15 months.", (15.0, "median", "follow_up")),
    ("Mean follow-up was 2 years.", (24.0, "~", "follow_up")),
    ("Responses lasted 6 to 12 months.", (9.0, "range", "remission")),
    ("Patients were followed for 26 weeks.", (6.0, "=", "follow_up")),
    ("Patients were followed for 90 days.", (2.96, "=", "follow_up")),
    ("Follow-up ranged from 3 to 24 months.", (13.5, "range", "follow_up")),
    ("Most remain free of immunosuppressive drugs a year or more after treatment.", (12.0, ">=", "remission")),
    ("Five years on, a third of patients are still in remission.", (60.0, "~", "follow_up")),
    ("The total was 3046 months (253 patient years, median follow up 16 months).", (16.0, "median", "follow_up")),
    # a follow-up visit names the follow-up length (contract: "at the two-year follow-up visit")
    ("Pain was lower at the 6-month follow-up.", (6.0, "=", "follow_up")),
    ("This 2-year follow-up study found few relapses.", (24.0, "=", "follow_up")),
    ("Median duration of response was 14.2 months.", (14.2, "median", "remission")),
    # the observation verb is far from the number
    ("The team followed 4,640 people from the long-running heart outcomes study in diabetes for five years.",
     (60.0, "=", "follow_up")),
    # a mean with its spread is the mean ("16 +/- 3 months" is never 3 months)
    ("At a mean follow-up of 20 +/- 4 months, the grafts were open.", (20.0, "~", "follow_up")),
    # "average" holds no age cue
    ("The registry tracked 9,000 adults for an average of 2.5 years.", (30.0, "~", "follow_up")),
    # the treatment period before the follow-up rules out only itself
    ("Six sessions were given during 4 weeks followed by 12 weeks of follow-up.", (2.77, "=", "follow_up")),
    ("Overall survival was 64 % with the drug and 58 % with placebo after 32 months of follow-up.",
     (32.0, ">=", "follow_up")),
    # "surviving" describes who was followed; only survival itself rules a duration out
    ("The median length of follow-up in surviving patients was 58 months.", (58.0, "=", "follow_up")),
    ("Two patients remained seizure-free for 3 years.", (36.0, "=", "remission")),
    ("Six months later, they remained diabetes free.", (6.0, "=", "remission")),
    # an observation that reaches a time names its length, not a time point
    ("Of the 500 adults, 450 were followed through 18 months.", (18.0, "=", "follow_up")),
    ("Patients were monitored until 24 months after surgery.", (24.0, "=", "follow_up")),
    ("The cohort, which tracked nurses for over 20 years, found fewer fractures.", (240.0, ">=", "follow_up")),
    ("The registry will track patients for a total of four years.", (48.0, "=", "follow_up")),
    ("No patient has relapsed, and the remissions have lasted up to 30 months.", (30.0, "<=", "remission")),
    ("The partial response seen in one patient lasted 16 weeks.", (3.69, "=", "remission")),
    ("The study reports safety data through up to 72 months.", (72.0, "<=", "follow_up")),
    # a follow-up that runs after the treatment ended, or over a mean period
    ("The children were followed up for three years after treatment.", (36.0, "=", "follow_up")),
    ("The adults were followed up for a mean period of 24 months.", (24.0, "~", "follow_up")),
    # a duration that names a follow-up is one, whatever lasted; so is the time the follow-up took place
    ("Most gains in reading were maintained at the 16-week follow-up.", (3.69, "=", "follow_up")),
    ("Follow-up visits were at 10 and 30 weeks after randomisation.", (6.92, "=", "follow_up")),
    # the short unit forms of congress abstracts and tables
    ("Median follow-up was 18 mo; median DOR was not reached.", (18.0, "median", "follow_up")),
    ("At a median follow-up of 40 wks, 9 of 12 remained in remission.", (9.23, "median", "follow_up")),
    ("Responses lasted up to 2 yrs.", (24.0, "<=", "remission")),
])
def test_durations(rules_nlp, text, expected):
    assert expected in durations(rules_nlp, text)


@pytest.mark.parametrize("text", [
    "A 45-year-old woman with lupus was treated.",
    "Patients aged 18 to 65 years were eligible.",
    "At week 16, scores had dropped in the remission group.",
    "CAR T cells remained detectable for 20 months.",
    "Median overall survival was 25 months.",
    "Cells were infused weekly for six weeks.",
    # fixed study or treatment periods are not follow-up (contract, trial abstracts)
    "In this 104-week, double-blind trial, 292 patients were randomised.",
    "Participants took the supplement for 12 weeks.",
    "The median time to treatment failure was 8 months.",
    # rates, time points with an adverb, and how long relief or side effects lasted
    "Patients who smoked less than 10 packs of cigarettes a year had good disease control.",
    "A quarter of them relapsed within just 10 months.",
    "The drug brought relief from distress that then lasted for more than six months.",
    "No significant side-effects remained after two years.",
    "Cortisone gave the greatest short-term (4 to 6 weeks) pain relief, followed by ibuprofen.",
    "We followed 30 patients who received the drug for 6 months.",
    "There was a trend for longer progression-free survival (PFS; median 241 days v 366 days).",
    "A quarter of the subjects were still using the product after 6 months.",
    # survival in verbs and prefixed abbreviations; an effect whose subject is far from its verb
    "Of those treated, 22 percent survive 10 years or longer.",
    "Most men were still alive 10 years later.",
    "After follow-up, the 5-year LPFS was 78 % in the first arm.",
    "Improvement in reading in the pupils who had the extra lessons in the first school term was sustained 1 year later.",
    # treatment, programme and campaign periods; money; hospital stays; habits
    "After 10 months on the protocol, a follow-up scan showed less atrophy.",
    "Three years into the campaign, the ads were still having an impact.",
    "The balance training program that lasted 6 weeks kept its response.",
    # examining treatments is no observation of people
    "The review examined knee treatments for at least 28 days in 50 trials.",
    "The centre won a five-year, $3 million grant.",
    "Median length of stay was 6 days.",
    "Men had to be tobacco-free for at least 10 years.",
    "More patients achieved responses, including complete responses, over two years.",
    # a remission duration needs a remission, response or treatment-free state in its sentence:
    # something else lasting (reactions, weight loss, a device) or a relapse that happened is none
    "Most injection-site reactions resolved, with most lasting 2-4 days.",
    "The weight lost with the 6-month balloon was maintained at 12 months.",
    "One patient had a relapse after 9 months and was treated again.",
    "Patients in the early arm had more time before their first relapse, with 1,500 days against 900 days.",
    # short unit forms follow the same rules as the full words (survival, treatment periods, ages)
    "Median OS was 25 mo.",
    "Participants took the supplement for 12 wks.",
    "Patients (median age 31 yrs) were infused.",
])
def test_not_durations(rules_nlp, text):
    assert durations(rules_nlp, text) == []


def counts(nlp, text):
    return sorted(s._.attrs["n"] for s in mention_spans(nlp(text), "PATIENT_COUNT"))


@pytest.mark.parametrize(("text", "expected"), [
    ("We treated 15 patients with refractory lupus.", [15]),
    ("The trial randomized 36 heavily pretreated patients.", [36]),
    ("Durability was examined in the primary dataset (n = 15).", [15]),
    ("A clinically meaningful response was seen in 10 of 12 evaluable participants.", [12]),
    ("Of 92 patients enrolled, 75 were infused.", [75, 92]),
    ("It was first tested in a 20-patient trial.", [20]),
    ("One hundred and twenty-nine patients were examined within a day of admission.", [129]),
    ("Of the 548 patients enrolled, 281 (51 %) were evaluable.", [281, 548]),
    ("A total of 315 women (premenopause 251, postmenopause 64) were randomly assigned.", [315]),
    ("Seventy-eight patients were able to be evaluated for efficacy.", [78]),
    ("Ten patients enrolled and 96 of them completed the study.", [10]),
    # a comma between adjectives, but never across a number
    ("Half of the 150 healthy, full-term infants received the vaccine.", [150]),
    ("At the 2025 data cut, seven patients had enrolled.", [7]),
    ("Of seven initial non-responders, five patients achieved a complete response.", []),
    ("We compared 11 adults with autism and 8 age- and sex-matched healthy controls.", [8, 11]),
    ("Fourteen patients were given the new drug and 13 the old one.", [13, 14]),
    ("One-hundred twenty patients were enrolled.", [120]),
    ("A total of 633 patients were assessed for inclusion; 97 patients were randomized.", [97]),
    # the denominator of a share before its percentage; a modifier with "+"
    ("Clearance was 47/54 ( 87 % ) and 48/52 ( 92.3 % ) in the two groups.", [52, 54]),
    ("We studied biopsies from 27 HER2+ breast cancer patients.", [27]),
    # a group size next to a dose given per day is no yearly population
    ("Then 105 patients with mild or moderate hypertension were randomized to the drug ( 10 mg per day ) or placebo.", [105]),
    ("Overall 100 patients were enrolled, including 40 patients with lupus.", [40, 100]),
    # the arms of a group: a breakdown in parentheses that adds up to it, an elliptical list
    ("Seventy adults completed the study ( 36 drug ; 34 placebo ).", [34, 36, 70]),
    ("Thirty adults (18 male, 12 female) were randomised.", [30]),
    ("We enrolled 60 patients with the rash, 50 with mild eczema and 42 with no skin disease.", [42, 50, 60]),
    ("Data were available for 14 adults in the drug group and 15 in the placebo group.", [14, 15]),
    # "none of n": a zero written as a word before the denominator of an arm (rule none_of_n)
    ("Nausea was reported by 6 of 25 people on the tablets and by none of 23 in the sham group.", [23, 25]),
    # a number written with a thousands separator is no year; modifiers joined by "and"
    ("The drug was tested in 2,025 adults with the disease.", [2025]),
    ("Of 30 eligible and consenting adults, 16 received the new drug.", [16, 30]),
])
def test_patient_counts(rules_nlp, text, expected):
    assert counts(rules_nlp, text) == expected


@pytest.mark.parametrize("text", [
    "Grade 1 CRS occurred in 10 patients.",
    "Seventy-three women and 12 men had disease flares.",
    "Up to 80% of people with the disease need a walker.",
    "The study ran at 25 centres in 2023.",
    "The new unit is expected to see about 2,000 patients a year.",
    # outcome counts, not group sizes
    "Four patients receiving obinutuzumab died.",
    "Three patients walked faster after treatment.",
    "Anti-dsDNA antibodies became undetectable in 11 patients.",
    "Adverse events were cytokine release syndrome (n = 10) and neutropenia.",
    "Patients were randomised to ide-cel or one of five standard regimens.",
    # a breakdown in parentheses of a group that had an outcome, and a single patient with an outcome
    "Four patients (two with lupus nephritis, two with systemic sclerosis) had stable disease.",
    "One patient with lupus nephritis had a complete response.",
    # pools, averages, rates and labels are not study groups
    "They were chosen from a total of 566 individuals who answered adverts.",
    "Each ring was made up of an average of 80 people.",
    "There were 46 fewer deaths per 1000 people over five years.",
    "Patients were split into three groups; group 2 received the higher dose.",
    "About half of them resumed one of the two anticoagulants.",
    "Since 2010, 1524 target patients have been screened.",
    "Fractures occurred in 0.58 percent (n = 4) of participants.",
    "Over 200,000 patients still receive whole brain radiation in the United States each year.",
    # counts of things that are not people, thresholds, populations, institutions and publications
    "Three of the four carbonyl VOCs returned to normal.",
    "The hospital ranks in seven out of ten pediatric specialties.",
    "The questionnaires included four types of seafood.",
    "Both scans were read (n = 59 knees).",
    "Patients with a pain score ≥ 4 were randomized.",
    "The disease affects 127,000 people in the UK.",
    "The college has more than 1,600 students and trainees.",
    "Earlier evidence is limited to five case reports.",
    "A 2024 review counted 1,580 CAR-T trials.",
    # events: passives, present-tense verbs, "who achieved", a breakdown of deaths, a comparison between groups
    "In the care group, 12 infants were transferred to intensive care.",
    "No stent thrombosis occurred, although 3 patients develop a myocardial infarction.",
    "Stopping was due to side effects ( n = 2 ).",
    "By then 465 patients had died, including 199 patients from the cancer.",
    "Strokes were more frequent in group 2 (group 1 = 0 patients vs group 2 = 4 patients).",
    "The study included 11 men and seven women.",
    # an elliptical list of patients with an event
    "Nausea occurred in 12 patients in the drug group and 9 in the placebo group.",
    # an adverse-event listing whose term carries a gloss in parentheses before the count
    "Side effects were rash (4 subjects) and device expulsion (partial expulsion) (3 subjects).",
])
def test_not_patient_counts(rules_nlp, text):
    assert counts(rules_nlp, text) == []


def test_furniture_lines_are_ignored(rules_nlp):
    text = "Title\n\nAll patients stayed in remission.\nRead more: Why relapse happens\nTags: relapse, lupus"
    doc = rules_nlp.make_doc(text)
    doc._.body_offset = len("Title\n\n")
    doc = rules_nlp(doc)
    assert [s._.norm for s in mention_spans(doc, "OUTCOME")] == ["remission"]


def test_prose_starting_with_a_furniture_word_is_article_text(rules_nlp):
    """ "Previous studies ..." and "Next, the team ..." open paragraphs; only a short label or a word
    with a separator ("PREV: ...", "Photo - http...") marks a navigation line."""
    text = ("Title\n\nPrevious studies on patients who had surgery did not show that the drug induced remission "
            "in patients who had received it, so we tested it again in a larger trial.\nPREV: Drug X relapse data")
    doc = rules_nlp.make_doc(text)
    doc._.body_offset = len("Title\n\n")
    doc = rules_nlp(doc)
    assert [s._.norm for s in mention_spans(doc, "OUTCOME")] == ["remission"]


def test_semicolon_ends_negation_scope(rules_nlp):
    found = outcomes(rules_nlp, "Neither patient had ICANS; one had grade 1 cytokine release syndrome.")
    assert ("icans", True, False) in found and ("crs", False, False) in found


def test_relapse_free_is_negated_relapse(rules_nlp):
    assert ("relapse", True, True) in outcomes(rules_nlp, "The therapy may induce relapse-free disease.")


def test_teaser_blocks_are_furniture(rules_nlp):
    text = ("Title\n\nAll patients stayed in remission.\n\nMost Popular\n1. Drug maker reports relapse data\n"
            "2. Ten patients died in trial")
    doc = rules_nlp.make_doc(text)
    doc._.body_offset = len("Title\n\n")
    doc = rules_nlp(doc)
    assert [s._.norm for s in mention_spans(doc, "OUTCOME")] == ["remission"]


@pytest.mark.parametrize("text", [
    "The study randomised 359 adults whose disease relapsed within 12 months of chemotherapy.",
    "Yescarta cut the risk of death by 27% compared with standard care.",
])
def test_eligibility_and_risk_wording_is_not_an_outcome(rules_nlp, text):
    assert outcomes(rules_nlp, text) == []


def test_comma_and_ends_negation_scope(rules_nlp):
    found = outcomes(rules_nlp, "There was no ICANS, and cytokine release syndrome was grade 1 in three patients.")
    assert ("icans", True, False) in found and ("crs", False, False) in found


def test_methods_section_reports_no_outcome_until_results(rules_nlp):
    """A methods heading silences its section; the results heading ends it."""
    doc = rules_nlp("METHODS Response was compared between two doses. RESULTS Seven of ten patients responded.")
    found = [(s._.norm, s.text) for s in mention_spans(doc, "OUTCOME")]
    assert found == [("response", "responded")]


def test_background_section_keeps_treatment_claims_only(rules_nlp):
    found = [o for o, _, _ in outcomes(rules_nlp, "BACKGROUND Relapse is common after the first year. "
                                                  "The new treatment has induced remission in adults.")]
    assert found == ["remission"]


@pytest.mark.parametrize("text", [
    "We sought to determine whether the drug would improve recovery.",
    "The primary end point was the response rate at week 12.",
    "Patients who had relapsed after surgery were randomly assigned to two doses.",
    "Further studies are needed to identify responders.",
    "The drug induced remission in mice.",
])
def test_sentences_that_report_no_result(rules_nlp, text):
    assert outcomes(rules_nlp, text) == []


def test_null_effect_on_some_endpoints_gives_improvement_only(rules_nlp):
    partial = [o for o, _, _ in outcomes(rules_nlp, "Drug A had no effect on pain. Walking speed improved with drug A.")]
    assert "no_response" not in partial and "improvement" in partial
    whole = [o for o, _, _ in outcomes(rules_nlp, "Drug A had no effect on pain or on walking speed.")]
    assert whole == ["no_response"]


def _outcomes_with_therapies(nlp, text, names):
    """Outcome norms of a text whose therapy names (``names``) are THERAPY mentions, as the
    pipeline's drug recogniser would have made them before the context step."""
    from cartmine.extensions import add_mention

    doc = nlp.make_doc(text)
    for name, pipe in nlp.pipeline:
        if name == "cartmine_context":
            for word in names:
                start = 0
                while (at := text.find(word, start)) >= 0:
                    add_mention(doc, doc.char_span(at, at + len(word)), "THERAPY", word)
                    start = at + len(word)
        doc = pipe(doc)
    return {s._.norm for s in mention_spans(doc, "OUTCOME")}


@pytest.mark.parametrize(("text", "expected"), [
    # the null names a therapy that no benefit names: that therapy's whole effect, kept beside the other's benefit
    ("Neither zorbamab nor quelitide has proven effective. Children may benefit from quelitide.",
     {"no_response", "improvement"}),
    # the same therapy has the benefit: a partial null, dropped
    ("Quelitide had no effect on pain. Walking speed improved with quelitide.", {"improvement"}),
    # a benefit that names no therapy may be the null therapy's own: dropped
    ("Zorbamab had no effect on pain. Walking speed improved.", {"improvement"}),
])
def test_a_null_of_another_therapy_than_the_benefit_stays(rules_nlp, text, expected):
    assert _outcomes_with_therapies(rules_nlp, text, ("zorbamab", "quelitide", "Quelitide", "Zorbamab")) == expected


def _abstract_outcomes(nlp, text):
    """Outcome norms of a text read as an abstract (contract ``source``)."""
    doc = nlp.make_doc(text)
    doc._.source = "abstract"
    for _, pipe in nlp.pipeline:
        doc = pipe(doc)
    return [s._.norm for s in mention_spans(doc, "OUTCOME")]


@pytest.mark.parametrize(("text", "kept"), [
    # the conclusion states the null and no benefit: a fall in both arms in the results does not outrank it
    ("RESULTS Patients who completed the trial had a significant decrease in binge episodes. "
     "CONCLUSIONS Drug A was not more effective than placebo.", True),
    # an unstructured abstract's closing sentences are its conclusion
    ("Forty patients were randomised. Binge episodes fell significantly in all patients who completed the study. "
     "Drug A was not more effective than placebo. Larger trials are needed.", True),
    # a benefit in the conclusion makes the null a partial one
    ("RESULTS Drug A was not more effective than placebo. CONCLUSIONS Drug A improved sleep.", False),
    ("RESULTS Pain improved with drug A. CONCLUSIONS Drug A was not effective on pain, and sleep improved.", False),
    # a null outside the conclusion stays partial
    ("RESULTS Drug A was not more effective than placebo on pain. Walking speed improved with drug A.", False),
    ("RESULTS Drug A was not more effective than placebo on pain. Walking speed improved with drug A.\n"
     "CONCLUSIONS: Drug A was well tolerated.", False),
])
def test_null_conclusion_is_the_whole_effect(rules_nlp, text, kept):
    assert ("no_response" in _abstract_outcomes(rules_nlp, text)) is kept


def test_null_conclusion_needs_an_abstract(rules_nlp):
    text = ("Patients who completed the trial had a significant decrease in binge episodes. "
            "Drug A was not more effective than placebo. Larger trials are needed.")
    assert "no_response" not in [o for o, _, _ in outcomes(rules_nlp, text)]


def test_protocol_reports_no_outcome(rules_nlp):
    assert outcomes(rules_nlp, "Drug A for back pain: study protocol for a randomised trial.\n"
                               "Pain relief and relapse will be recorded.") == []


def test_spread_is_not_a_duration(rules_nlp):
    assert (4.0, "=", "follow_up") not in durations(rules_nlp, "At a mean follow-up of 20 +/- 4 months, the grafts were open.")
    assert durations(rules_nlp, "Six sessions were given during 4 weeks followed by 12 weeks of follow-up.") == [
        (2.77, "=", "follow_up")]


def test_rounded_follow_up_is_reported_once(rules_nlp):
    found = durations(rules_nlp, "Three-year results of the trial. After a median follow-up of 35.6 months, responses held.")
    assert found == [(35.6, "median", "follow_up")]
    found = durations(rules_nlp, "Five-year results of the trial. After a median follow-up of 35.6 months, responses held.")
    assert (60.0, "=", "follow_up") in found


def test_latest_post_treatment_time_is_the_follow_up(rules_nlp):
    # the longest time after the treatment ended is how long patients were followed; earlier ones are time points
    found = durations(rules_nlp, "Scores were lower at 6 weeks after treatment. Scores were still lower at 30 weeks after treatment.")
    assert found == [(6.92, "=", "follow_up")]
    # a follow-up length stated otherwise wins: the post-treatment times are then time points
    found = durations(rules_nlp, "Patients were followed for a median of 16 months. Relief was seen 3 months after treatment.")
    assert found == [(16.0, "median", "follow_up")]
    # a time after treatment that a follow-up word names is that follow-up itself
    found = durations(rules_nlp, "They were followed for four to 13 years after treatment, and a median of 6.7 years.")
    assert (102.0, "range", "follow_up") in found


def test_earlier_follow_up_visits_are_time_points(rules_nlp):
    # several follow-up visits: the longest is how long patients were followed, the others are visits
    found = durations(rules_nlp, "Pain was lower at 3-month , 6-month , and 12-month follow-up in both arms.")
    assert [d for d in found if d[2] == "follow_up"] == [(12.0, "=", "follow_up")]
    found = durations(rules_nlp, "Scores fell at both 3-month ( p = .02 ) and 6-month follow-up.")
    assert found == [(6.0, "=", "follow_up")]
    # a follow-up examination set at a time is a visit too, shorter than the stated follow-up
    found = durations(rules_nlp, "Follow-up colonoscopy was performed 6 months after surgery. Median follow-up was 20 months.")
    assert found == [(20.0, "median", "follow_up")]
    # a single visit is the follow-up length
    assert durations(rules_nlp, "Gains were kept at the 6-month follow-up.") == [(6.0, "=", "follow_up")]


def test_results_of_the_study_period_are_not_a_follow_up(rules_nlp):
    # "12-month results" of a 12-month study name its study period
    text = "Twelve-month results of a trial. Adults were randomized to two diets for 12 months and responses were rare."
    assert durations(rules_nlp, text) == []
    text = "Twelve-month results of a trial. It was a 12-month , open-label , randomized study of two drugs."
    assert durations(rules_nlp, text) == []
    # results after a time other than the study period are a follow-up
    text = "Five-year results of a trial. Adults were randomized to two diets for 12 months and responses were rare."
    assert durations(rules_nlp, text) == [(60.0, "=", "follow_up")]


def test_visit_is_kept_when_the_longer_follow_up_is_a_study_period(rules_nlp):
    text = ("Twelve-month results of a trial. Adults were randomized to two diets for 12 months. "
            "Weight loss was kept at the 6-month follow-up.")
    assert durations(rules_nlp, text) == [(6.0, "=", "follow_up")]


def test_cited_title_restating_the_follow_up_is_dropped(rules_nlp):
    # a press release's citation of the paper restates the follow-up in the title's own terms
    text = ("The women were followed for seven years after the hormone was stopped. "
            'The study, "Hormone treatment and bone loss in older women - a 10-year follow-up," was published today.')
    assert durations(rules_nlp, text) == [(84.0, "=", "follow_up")]
    # a title that is the only source of the follow-up length is kept
    text = 'The paper, "Hormone treatment and bone loss in older women: a 10-year follow-up," was published today.'
    assert durations(rules_nlp, text) == [(120.0, "=", "follow_up")]


def test_numbered_reference_entry_gives_no_duration(rules_nlp):
    # a release's numbered notes cite other papers for background claims: their lengths are not this
    # text's follow-up, even when the text states none of its own
    text = ("Many patients stop their eye drops within a year. 1\n\n"
            "1 Adherence to Eye Drops over Four Years of Follow-Up, Jones, et al. Ophthalmology, 2014.")
    assert durations(rules_nlp, text) == []
    # the same words in the text itself are a follow-up
    assert durations(rules_nlp, "Adherence was studied over four years of follow-up.") == [(48.0, ">=", "follow_up")]


def test_open_ended_range_and_the_mean_that_closes_a_follow_up_range(rules_nlp):
    assert durations(rules_nlp, "Complete responses lasted from more than 2 to more than 14 months.") == [
        (8.0, "range", "remission")]
    text = ("All of the treated knees were followed up after surgery, and the length of time ranged from 6 to 40 "
            "months, with an average of 17.2 months.")
    assert durations(rules_nlp, text) == [(23.0, "range", "follow_up"), (17.2, "~", "follow_up")]


def test_follow_up_to_a_study_week(rules_nlp):
    assert durations(rules_nlp, "Smokers took the drug for 12 weeks and were followed to Week 52.") == [
        (12.0, "=", "follow_up")]


def test_at_least_restatement_of_a_median_follow_up_is_reported_once(rules_nlp):
    text = "Median follow-up was 61 months. After following patients for more than five years, relapses were rare."
    assert durations(rules_nlp, text) == [(61.0, "median", "follow_up")]
    # a minimum that is no rounding of the mean is a follow-up statement of its own
    text = "Patients were followed up for at least 1 year. Mean follow-up was 22.5 months."
    assert (12.0, ">=", "follow_up") in durations(rules_nlp, text)


def test_measurement_span_and_endpoint_definition_are_no_durations(rules_nlp):
    assert durations(rules_nlp, "Drug levels were higher from 8 hours to 18 days after treatment.") == []
    assert durations(rules_nlp, "The primary end point was the rate of disease control maintained for 1 year.") == []


def test_a_hyphenated_compound_counts_as_one_word_in_the_negation_window(rules_nlp):
    # eight words from "No" to the event, but thirteen tokens: the hyphens do not push it out of scope
    found = outcomes(rules_nlp, "No treatment-related dose-limiting side-effects, infections or neurological events were reported.")
    assert ("icans", True, False) in found
    # a long list of plain words still ends the scope
    found = outcomes(rules_nlp, "No patient in the first two cohorts of the escalation phase had neurological events.")
    assert ("icans", False, False) in found


@pytest.mark.parametrize(("text", "expected"), [
    ("Infections were rarer after the one-time CAR-T. Eleven patients on the antibody died.", 2),
    ("Plasma cells escape CD19-directed CAR-T. A dual-target product was built.", 2),
    ("The letter was signed by Dr. T. Smith of the trial group.", 1),
])
def test_a_hyphenated_name_ending_in_a_capital_can_end_a_sentence(rules_nlp, text, expected):
    assert len(list(rules_nlp(text).sents)) == expected
