"""Records from mentions: pure functions, no spaCy.

:func:`link_records` turns one document's mentions into contract records:

1. only outcomes of result sentences count: not aims, designs, enrolment, endpoint definitions
   or methods (``endpoint_cues``, ``no_result_sections``), nor an improvement read from less of
   an adverse effect of treatment (``side_effect_burden_cues``: a safety comparison);
2. each OUTCOME mention takes the therapies its sentence names (:mod:`.pairing`); a sentence
   naming none gives the document's studied therapies (:mod:`.anchors`) only where it reports on
   the study (results section, or patient counts, groups, statistics: ``study_result_cues``;
   not population figures, ``general_cues``), a null therapy only where it says the outcome
   came without treatment (``untreated_cues``; in a trial not where it compares the treated arm
   with the untreated one, ``untreated_comparison_cues``: that is the treatment's result), and
   nothing otherwise: a general statement
   about a disease is no result of the studied therapies; in a round-up, a paragraph about another
   cell product gives its results to that product (:func:`paragraph_arms`);
3. its disease is the condition the result is about: one the document names as its patients'
   condition, else the document's target (each disease a title lists, for a pooled result:
   :func:`title_list`), never an adverse event or comorbidity it lists;
4. duration, patient count and sponsor come from the same sentence or the document;
5. null results follow the contract: a therapy whose reported effect is partly positive gets no
   ``no_response``, and "did not improve" of a therapy with no positive result anywhere is its
   ``no_response`` (the whole effect is null);
6. records for the same claim (therapy, disease, outcome, negated) are merged, keeping the most
   confident; a claim stated both negated and affirmed keeps the affirmation.

``confidence`` is a transparent score, not a probability: ``base``, plus a weight when the
therapy is named in the evidence sentence, when the disease is, when a duration or count
qualifies the claim, minus one when the outcome is hedged (``resources/linking.yaml``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from cartmine.linking.acronyms import regimen_acronym_mentions
from cartmine.linking.anchors import (
    DISEASE_LIST_JOIN,
    DocumentIndex,
    arm_count,
    arm_partners,
    co_arm_links,
    is_cell,
    listed_members,
    procedure_population,
    regimen_links,
    studied_therapies,
    target_disease,
)
from cartmine.linking.config import LinkingConfig, load_config
from cartmine.linking.layout import DocumentLayout
from cartmine.linking.pairing import (
    comparator_result,
    coordinated_group,
    diseases_for,
    duration_for,
    measured_against,
    own_therapy,
    sentence_therapies,
)
from cartmine.result import Mention, Record

#: words that name the same level of a disease ("ovarian carcinoma" is "ovarian cancer")
SAME_LEVEL = {"carcinoma": "cancer", "carcinomas": "cancer", "cancers": "cancer", "neoplasm": "cancer",
              "neoplasms": "cancer", "tumor": "cancer", "tumour": "cancer", "tumors": "cancer", "tumours": "cancer"}
#: characters before an outcome in which a treating cue makes it the drug's indication
TREATS_REACH = 40
#: efficacy outcomes that say the treatment worked; ``no_response`` only when none of them holds
POSITIVE = frozenset({"remission", "complete_remission", "drug_free_remission", "response", "complete_response",
                      "mrd_negativity", "improvement"})
#: the toxicities of the infused cells themselves (:func:`cell_therapy_event`)
CELL_EVENTS = frozenset({"crs", "icans"})
#: the efficacy results a cell therapy brings about before a consolidating transplant (:func:`_without_consolidation`)
BEFORE_CONSOLIDATION = frozenset({"remission", "complete_remission", "response", "complete_response", "mrd_negativity"})
#: events whose absence in some patients and occurrence in others are both reported (:func:`merge`)
BOTH_WAYS = frozenset({"relapse"})
#: what ends a clause inside a sentence (:func:`pretreatment_history`)
CLAUSE_BOUNDARY = re.compile(r"[;:]|,\s*and\b|\b(?:whereas|while|but|although|though|however)\b", re.IGNORECASE)
#: a negated one of these ("did not improve", "no remission") is a null result, not a claim of its own
NULL_WHEN_NEGATED = frozenset({"improvement", "response", "remission"})


def link_records(mentions: list[Mention], layout: DocumentLayout, config: LinkingConfig | None = None,
                 merge_negated_with_affirmed: bool = True,
                 ancestors: Callable[[str], Sequence[str]] | None = None) -> list[Record]:
    """The records of one document, from its mentions and layout. ``ancestors`` gives a disease
    id's is_a ancestors (``DiseaseOntology.ancestors``); without it no disease is read as a
    subtype of another."""
    # a regimen acronym the document defines ("X, Y and Z (XYZ)") names its drugs wherever it is used
    mentions = [*mentions, *regimen_acronym_mentions(layout.text, list(mentions))]
    index = DocumentIndex(layout, config or load_config(), mentions, ancestors)
    outcomes = index.label("OUTCOME")
    if not outcomes:
        return []
    anchors = Anchors(studied_therapies(index), target_disease(index), _sponsor(index),
                      any(is_cell(t) for t in index.label("THERAPY")), arm_partners(index))
    population = [(d.start, d.end) for d in index.diseases
                  if (anchors.target is not None and d.id == anchors.target.id) or layout.in_title(d.start)]
    # "pneumonia" inside "Pneumocystis carinii pneumonia", the disease patients were treated for,
    # names the population, not an event of the treatment
    outcomes = [o for o in outcomes if not any(s <= o.start and o.end <= e for s, e in population)
                and is_result(index, o) and not side_effect_improvement(index, o) and not pretreatment_history(index, o)]
    records = [r for outcome in outcomes for r in _records_for(index, anchors, outcome)]
    if index.config.trial.search(layout.text):
        # every arm of a trial was given something: an outcome with no v1 therapy found is the
        # result of a treatment cartmine does not report (surgery, psychotherapy), not of none
        records = apply_null_results([r for r in records if r.therapy is not None])
    else:
        records = negated_benefit_is_null(records)
    records = drop_active_arm_nulls(index, records)
    # a class target ("leukemia") yields to the narrower name ("acute myeloid leukemia")
    target = anchors.target.id if anchors.target is not None and not anchors.target.attrs.get("class") else None
    return merge(one_level(records, target), merge_negated_with_affirmed, index.config)


@dataclass(frozen=True)
class Anchors:
    """What the whole document decides for every outcome."""

    studied: list[str]
    target: Mention | None
    sponsor: str | None
    has_cell_therapy: bool
    #: drugs given together in the title or design (:func:`~cartmine.linking.anchors.arm_partners`)
    partners: dict[str, set[str]] = field(default_factory=dict)


def arm_drugs(index: DocumentIndex, named: list[Mention], partners: dict[str, set[str]]) -> list[str]:
    """The drugs of the arms that a result sentence names by one of their drugs ("with the regimen
    containing piperacillin", "in the ceftazidime arm"): its partners in the design share the
    result. A drug named bare ("with ceftazidime") stands for itself only."""
    text = index.layout.text
    found: list[str] = []
    for t in named:
        # "the regimen containing piperacillin/tazobactam": the cue stands before the first drug
        group = coordinated_group(text, named, t)
        first, last = group[0], group[-1]
        start = index.layout.sentences[index.sentence(t)][0]
        if (index.config.arm_reference.search(text[max(start, first.start - 40):first.start])
                or index.config.arm_reference_suffix.match(text[last.end:last.end + 30])):
            found += sorted(partners.get(t.norm or "", set()))
    return list(dict.fromkeys(found))


def _sponsor(index: DocumentIndex) -> str | None:
    names = Counter(s.norm for s in index.label("SPONSOR") if s.norm)
    return names.most_common(1)[0][0] if names else None


def _records_for(index: DocumentIndex, anchors: Anchors, outcome: Mention) -> list[Record]:
    sentence = index.sentence(outcome)
    own_diseases: list[Mention] = []
    own = own_therapy(index, outcome) if anchors.has_cell_therapy else None
    if own is not None and index.role(own) != "arm":
        return []  # "did not respond to prior rituximab": who was enrolled, no record
    named = [own] if own is not None else sentence_therapies(index, outcome, anchors.has_cell_therapy, anchors.studied)
    names: list[str | None] = list(dict.fromkeys(t.norm for t in named))
    names += [p for p in arm_drugs(index, named, anchors.partners) if p not in names]
    if named and len(anchors.studied) > 1 and arm_count(index.layout.sentence_text(sentence), index.config) == len(anchors.studied):
        # "All three drugs improved vision, with X the best": the group's result is each studied arm's
        names += [s for s in anchors.studied if s not in names]
    if not names:
        text = index.layout.sentence_text(sentence)
        # conditioning drugs in the sentence ("after fludarabine and cyclophosphamide conditioning, the
        # responders are followed without treatment") say the patients were given the cell therapy
        conditioned = any(index.role(t) == "lymphodepletion" for t in index.in_sentence("THERAPY", sentence))
        if outcome.norm != "drug_free_remission" and not conditioned and index.config.untreated.search(text) and not (
                index.config.trial.search(index.layout.text) and index.config.untreated_comparison.search(text)):
            names = [None]  # the contract's null therapy: an outcome stated without any treatment
        elif other_source(index, outcome) or comparator_result(index, outcome) or non_drug_study(index) or not (
                reports_study_result(index, outcome) or cell_therapy_event(index, anchors, outcome)):
            return []
        else:
            own_arms, own_diseases = paragraph_arms(index, sentence, anchors)
            names = cell_event_arms(index, outcome, headed_paragraph_arms(index, sentence) or own_arms
                                    or referred_arms(index, sentence, anchors), anchors)
            # "the film group had less pain over the X group": X is only the yardstick, not the arm
            against = measured_against(index, outcome)
            names = [n for n in names if n not in against]
    if not names:
        return []  # no therapy and no statement that there was none: not a v1 claim
    diseases, disease_named = diseases_for(index, outcome, anchors.target)
    # "activity in several cancer types, including breast cancer and melanoma": the class's listed examples
    diseases = _members_for(index, sentence, diseases)
    if not disease_named:
        diseases = own_diseases or paragraph_diseases(index, sentence, names) or title_list(index, diseases) or diseases
    start, end = index.layout.sentences[sentence]
    duration = duration_for(index, outcome)
    counts = index.in_sentence("PATIENT_COUNT", sentence)
    all_counts = index.label("PATIENT_COUNT")
    count = (counts or all_counts)[0].attrs.get("n") if (counts or all_counts) else None
    w = index.config.confidence
    confidence = w["base"] + (w["therapy_in_sentence"] if named else 0)
    confidence += w["disease_in_sentence"] if disease_named else 0
    confidence += w["duration_or_count"] if (duration is not None or counts) else 0
    confidence += w["hedged"] if outcome.attrs.get("hedged") else 0
    dattrs = duration.attrs if duration is not None else {}
    return [
        Record(
            therapy=name,
            disease=disease.norm if disease is not None else None,
            disease_id=disease.id if disease is not None else None,
            outcome=outcome.norm or "",
            negated=bool(outcome.attrs.get("negated")),
            hedged=bool(outcome.attrs.get("hedged")),
            duration_months=dattrs.get("months"),
            duration_qualifier=dattrs.get("qualifier"),
            duration_kind=dattrs.get("kind"),
            n_patients=count,
            sponsor=anchors.sponsor,
            evidence=index.layout.text[start:end].strip(),
            start=start,
            end=end,
            confidence=round(max(w["min"], min(w["max"], confidence)), 2),
        )
        for name in names
        for disease in (diseases or [None])
    ]


def _members_for(index: DocumentIndex, sentence: int, diseases: list[Mention]) -> list[Mention]:
    """The diseases a record takes, with a class that its own sentence follows with a list of examples
    ("patients with a variety of cancer types, including breast cancer and melanoma") replaced by the
    listed diseases (:func:`~cartmine.linking.anchors.listed_members`). Only a class of the outcome's own
    sentence: a class named elsewhere (the title's, the document's target) keeps its own reading."""
    out: dict[str | None, Mention] = {}
    for d in diseases:
        members = listed_members(index, d) if index.sentence(d) == sentence else []
        for m in members or [d]:
            out.setdefault(m.id, m)
    return list(out.values())


def referred_arms(index: DocumentIndex, sentence: int, anchors: Anchors) -> list[str]:
    """The studied arms a result sentence naming no therapy is about: all of them, except where the
    sentence refers to one drug ("this drug has shown it can help", ``one_drug_reference_cues``: the
    document's main therapy, the first studied) or to "this combination" (``combination_reference_cues``:
    the studied drugs given together in one of the two sentences before it, else in the title or
    design; not the arm compared with them), or is a quotation (:func:`quoted_arms`)."""
    studied = list(anchors.studied)
    earlier = named_before(index, sentence, studied)
    if studied and earlier and not set(studied) & earlier["all"]:
        # "X trial showed no response ... In the trial the cells were well tolerated", and only later
        # "the company will focus on Y": a sentence cannot refer to a product the text has not named
        # yet, so it is about the one(s) the last sentence naming a therapy named
        return list(earlier["last"])
    if len(studied) < 2:
        return studied
    text = index.layout.sentence_text(sentence)
    if index.config.combination_reference.search(text):
        # the drugs the previous sentences give together ("the combination of X and Y"), else the design's
        for before in range(sentence - 1, max(-1, sentence - 3), -1):
            linked = {n for link in co_arm_links(index, before, index.config.together) + regimen_links(index, before)
                      for n in link}
            together = [s for s in studied if s in linked]
            if len(together) > 1:
                return together
        together = [s for s in studied if anchors.partners.get(s, set()) & set(studied)]
        return list(together or studied)
    if index.config.one_drug_reference.search(text):
        return studied[:1]
    if index.config.quote.search(text):
        return quoted_arms(index, studied, anchors)
    return studied


def _break_before(index: DocumentIndex, sentence: int) -> bool:
    """Whether a line break stands between ``sentence`` (not the first) and the sentence before it."""
    sentences = index.layout.sentences
    return "\n" in index.layout.text[sentences[sentence - 1][0]:sentences[sentence][0]]


def _paragraph_previous(index: DocumentIndex, sentence: int) -> int | None:
    """The sentence before ``sentence`` in the same paragraph of the body (no line break between
    them), or None."""
    layout = index.layout
    if sentence < 1 or layout.in_title(layout.sentences[sentence - 1][0]) or _break_before(index, sentence):
        return None
    return sentence - 1


def _paragraph_start(index: DocumentIndex, sentence: int) -> bool:
    """Whether a body sentence opens a paragraph of its own: a line break right before it, not the first
    sentence after the title (the lead paragraph is about the document's main product)."""
    layout = index.layout
    if sentence < 2 or layout.in_title(layout.sentences[sentence - 1][0]):
        return False
    return _break_before(index, sentence)


#: most characters of a paragraph's lead-in heading before its colon ("X plus R-CHOP in first-line DLBCL:")
HEADING_REACH = 100


def _heading(index: DocumentIndex, sentence: int) -> tuple[int, int] | None:
    """The span of the lead-in heading a paragraph-opening sentence starts with, up to its colon
    ("BRT-7 in myeloma: In the phase 2 study, ..."), or None."""
    layout = index.layout
    start, end = layout.sentences[sentence]
    if start == 0 or layout.in_title(start) or "\n" not in layout.text[max(0, start - 3):start + 1]:
        return None
    colon = layout.text.find(":", start, min(end, start + HEADING_REACH))
    return (start, colon) if colon > start else None


def headed_paragraph_arms(index: DocumentIndex, sentence: int) -> list[str]:
    """The arms of a result sentence naming no therapy in a round-up whose paragraphs open with
    headings ("X plus R-CHOP in lymphoma: ... 88% had a complete response." then "Y in myeloma: ..."):
    the therapies its own paragraph's heading names, not the document's main product. Only where two or
    more paragraphs open with such a heading and the sentence's own names a therapy; empty elsewhere."""
    first = sentence
    while (previous := _paragraph_previous(index, first)) is not None:
        first = previous
    own = _heading(index, first)
    if own is None or sum(_heading(index, s) is not None for s in range(len(index.layout.sentences))) < 2:
        return []
    return list(dict.fromkeys(t.norm for t in index.arms if t.norm and own[0] <= t.start < own[1]))


def paragraph_arms(index: DocumentIndex, sentence: int, anchors: Anchors) -> tuple[list[str], list[Mention]]:
    """The therapies (and their patients' diseases) of a result sentence naming no therapy in a paragraph
    about another cell-therapy product than the document's main one: a round-up, analyst note or congress report that
    gives each product a paragraph ("TRL-550 was given to 31 patients with lymphoma. Twenty of them
    achieved a complete response." after a paragraph on the company's lead product). The product is the one
    the nearest earlier sentence of the same paragraph names as an arm, given to patients there (a patient
    count or ``treatment_given_cues``), in a paragraph that never names the main therapy; it is not one of
    the studied therapies (those keep the document's own rules). A drug that is no cell product counts only
    where the paragraph opens with it, giving it to a cohort of patients with a disease or enrolling the
    patient in its trial (``paragraph_product_cues``, ``trial_entry_cues``: "Next came X, given off-label to
    eight patients with lupus nephritis."). Empty lists elsewhere."""
    studied = anchors.studied
    if not studied:
        return [], []
    chain: list[int] = []
    first = sentence
    while (previous := _paragraph_previous(index, first)) is not None:
        first = previous
        chain.append(previous)
    if any(t.norm == studied[0] for s in range(first, sentence + 1) for t in index.in_sentence("THERAPY", s)):
        return [], []
    for s in chain:
        arms = [t for t in index.in_sentence("THERAPY", s) if t.norm and index.role(t) == "arm"]
        if not arms:
            continue
        # another cell-therapy product wherever the paragraph names it; any other drug only where the
        # paragraph opens with it (its topic: "Next came X, given to eight patients with Y."): a drug
        # named later in a paragraph about the main product's patients (tocilizumab for the CRS, the
        # rituximab they were retreated with, immunoglobulin replacement) is no product the following
        # results are about
        names = list(dict.fromkeys(t.norm for t in arms if t.norm and is_cell(t)))
        text = index.layout.sentence_text(s)
        found = [d for d in index.in_sentence("DISEASE", s)
                 if d.id in index.population_disease_ids and not d.attrs.get("class")]
        if names:
            given = index.in_sentence("PATIENT_COUNT", s) or index.config.treatment_given.search(text)
        elif s == first and _paragraph_start(index, s) and (
                index.config.trial_entry.search(text) or (found and index.config.paragraph_product.search(text))):
            # a drug the paragraph opens by giving to a cohort of patients with a disease ("Next came X, given
            # to eight patients with lupus nephritis"), or whose trial the patient joined: not one given for
            # an event ("X was given to four patients for fever")
            names, given = list(dict.fromkeys(t.norm for t in arms if t.norm)), True
        else:
            return [], []
        if set(names) & set(studied) or not given:
            return [], []
        return names, list({d.id: d for d in found}.values())
    return [], []


def title_list(index: DocumentIndex, diseases: list[Mention]) -> list[Mention]:
    """The diseases a title lists as its patients' conditions ("X in NMOSD, myasthenia gravis and CIDP: a
    pooled analysis"), for a result sentence naming none whose disease would otherwise be one of them (the
    target): a pooled result of a cohort made of several disease groups ("CRS occurred in 30 of the 34
    patients") is each group's. Empty unless the title names two or more specific population diseases
    joined as one list."""
    layout = index.layout
    listed: list[Mention] = []
    for d in index.diseases:
        if not layout.in_title(d.start) or d.attrs.get("class") or d.id not in index.population_disease_ids:
            continue
        if listed and d.start < listed[-1].end:
            continue  # two mentions of one span
        if listed and not DISEASE_LIST_JOIN.fullmatch(layout.text[listed[-1].end:d.start]):
            return []
        listed.append(d)
    unique = list({d.id: d for d in listed}.values())
    if len(unique) < 2 or not diseases or not {d.id for d in diseases} <= {d.id for d in unique}:
        return []
    return unique


def paragraph_diseases(index: DocumentIndex, sentence: int, names: list[str | None]) -> list[Mention]:
    """The disease of a result sentence naming none, in a document whose title names none: the
    patients' disease the sentence before it in the same paragraph names with the record's therapy
    ("X met its endpoint in large B-cell lymphoma. Complete responses were seen in 68% of patients
    given X."), rather than the document's main disease; a round-up of several products in several
    diseases gives each paragraph its own. Empty where that does not apply, and in a trial whose title
    names its patients by a procedure (:func:`~cartmine.linking.anchors.procedure_population`: the
    disease named with the drug is why they were operated on, not what the result is about)."""
    layout = index.layout
    if any(layout.in_title(d.start) for d in index.diseases) or procedure_population(index):
        return []
    previous = _paragraph_previous(index, sentence)
    if previous is None:
        return []
    therapies = {t.norm for t in index.in_sentence("THERAPY", previous)}
    if not therapies & set(names):
        return []
    found = [d for d in index.in_sentence("DISEASE", previous)
             if d.id in index.population_disease_ids and not d.attrs.get("class")]
    return list({d.id: d for d in found}.values())


def _cell_products(index: DocumentIndex) -> set[str]:
    """The normalised names of the document's cell-therapy arms."""
    return {t.norm for t in index.arms if t.norm and is_cell(t)}


def cell_event_arms(index: DocumentIndex, outcome: Mention, arms: list[str], anchors: Anchors) -> list[str]:
    """The arms a CRS or ICANS in a sentence naming no therapy belongs to: where the arms include a
    cell therapy, not a transplant or chemotherapy arm beside it ("CRS occurred in 40 patients" in a
    study of CAR-T cells followed by a transplant, or of CAR-T cells against high-dose melphalan and
    transplant): these are what infused immune effector cells do. T-cell engagers (antibodies) cause
    them too and keep them, and so do the drugs given together with the cell therapy (its partners in
    the title or design), but not a transplant given after it (:func:`_without_consolidation`, which
    applies to the efficacy results the cells bring about first as well)."""
    if outcome.norm not in CELL_EVENTS | BEFORE_CONSOLIDATION:
        return arms
    cells = _cell_products(index)
    arms = _without_consolidation(index, arms, anchors, cells)
    if outcome.norm not in CELL_EVENTS or not cells & set(arms):
        return arms
    engagers = {t.norm for t in index.arms if t.norm and t.attrs.get("modality") == "antibody"}
    partners = {p for c in cells for p in anchors.partners.get(c, set())}
    return [a for a in arms if a in cells or a in engagers or a in partners]


def _without_consolidation(index: DocumentIndex, arms: list[str], anchors: Anchors, cells: set[str]) -> list[str]:
    """The arms without a transplant that the design gives together with a cell therapy (``cells``: "CD19
    CAR-T cells followed by allogeneic transplantation", a partner in the title or design), for a result
    naming no therapy that the cells brought about before it: their toxicity (CRS, ICANS) and the response
    or MRD negativity that made patients eligible for the consolidating transplant
    (``BEFORE_CONSOLIDATION``). Relapse and death after the transplant stay the regimen's."""
    transplants = {t.norm for t in index.arms if t.norm and t.attrs.get("modality") == "transplant"
                   and any(t.norm in anchors.partners.get(c, set()) for c in cells)}
    if not transplants or not cells & set(arms):
        return arms
    return [a for a in arms if a not in transplants]


def named_before(index: DocumentIndex, sentence: int, studied: list[str]) -> dict[str, set[str]]:
    """The therapies (arms) the text names up to the end of a sentence, title included ("all"), and
    those of the last sentence before it that names any ("last"); empty where none is named before it.
    Only in a story of cell-therapy products (the studied ones and the one named last are all cell
    therapies: a company's pipeline, "X failed ... the company will focus on Y"); a drug and its
    active ingredient named apart ("green tea extract", "EGCG") are one treatment, not two products."""
    start, end = index.layout.sentences[sentence]
    earlier = [t for t in index.arms if t.start < start and t.norm]
    if not earlier or not all(is_cell(t) for t in index.arms if t.norm in set(studied) | {earlier[-1].norm}):
        return {}
    last = index.sentence(earlier[-1])
    return {"all": {t.norm for t in index.arms if t.start < end and t.norm},
            "last": {t.norm for t in earlier if t.norm and index.sentence(t) == last}}


def quoted_arms(index: DocumentIndex, studied: list[str], anchors: Anchors) -> list[str]:
    """The studied arms a quotation naming no therapy speaks for (``quote_cues``: "We saw a phenomenal
    response," said the investigator): the main therapy (the first studied) and the drugs given together
    with it (partners in the title or design, a named regimen "a combination of X and Y"; every studied
    drug where the title is about a combination), not the comparator ("nivolumab versus everolimus",
    "compared X to Y", "X and Y, respectively"): an investigator quoted on the study speaks of the
    treatment the study is about."""
    layout = index.layout
    if index.config.combination.search(layout.text, 0, layout.body_offset):
        return list(studied)
    pairs = {frozenset(link) for s in sorted({index.sentence(t) for t in index.arms}) for link in regimen_links(index, s)}
    pairs |= {frozenset((a, b)) for a, partners in anchors.partners.items() for b in partners}
    kept = studied[:1]
    grew = True
    while grew:
        grew = False
        for s in studied:
            if s not in kept and any(frozenset((s, k)) in pairs for k in kept):
                kept.append(s)
                grew = True
    return kept


def cell_therapy_event(index: DocumentIndex, anchors: Anchors, outcome: Mention) -> bool:
    """Whether a sentence naming no therapy reports the cell therapy's own toxicity in a document about
    one ("Cytokine release syndrome was mild, and there were no cases of ICANS"): CRS and ICANS are what
    the infused cells do, so even a news sentence without figures is the study's result when it says
    they happened or did not (``observed_event_cues``). A hedged one, one saying what CRS can do ("CRS
    can be life-threatening") or one about the general population stays background."""
    text = index.layout.sentence_text(index.sentence(outcome))
    return (outcome.norm in CELL_EVENTS and anchors.has_cell_therapy and not outcome.attrs.get("hedged")
            and bool(index.config.observed_event.search(text)) and not index.config.general.search(text))


#: the first word of a title that names who the patients are or what the subject is set against
#: (or what it acts on or is measured by: "Effect of a cream on lesions assessed by laser")
TITLE_SUBJECT_END = re.compile(r"\b(?:in|for|after|during|among|to|with|following|versus|vs|compared|on|by|using)\b",
                               re.IGNORECASE)


def non_drug_study(index: DocumentIndex) -> bool:
    """Whether the document studies a treatment cartmine does not report: its title names no therapy and
    has a device, procedure, training or the like as its subject (``non_drug_title_cues``, read before the
    title's first word naming the patients or a comparator: "Surgery for chronic headaches", "Implanted
    device treats sleep apnea"; not "Prophylactic antibiotics in hernia surgery"). Its result sentences that
    name no therapy report that treatment's effect, which is no drug's (contract: records only for named
    therapies), so they do not fall to a drug the body names in passing."""
    body = index.layout.body_offset
    if body <= 0 or any(index.layout.in_title(t.start) for t in index.label("THERAPY")):
        return False
    title = index.layout.text[:body]
    cut = TITLE_SUBJECT_END.search(title)
    return bool(index.config.non_drug_title.search(title, 0, cut.start() if cut else body))


def reports_study_result(index: DocumentIndex, outcome: Mention) -> bool:
    """Whether a sentence naming no therapy reports what happened to the study's patients, and so
    is a result of the studied therapies: any sentence of a results or conclusions section, else
    one with a study-result cue (patient numbers, groups, statistics) and no figures for the
    general population ("3,000 deaths a year"). Elsewhere such a sentence states something
    general ("the disease is often fatal", "relapse remains a problem"). A title with a bare
    therapy word before the outcome ("Drug for X shows promise": ``headline_therapy_cues``) is a
    headline reporting the study's result."""
    if index.layout.section_at(outcome.start) in index.config.result_sections:
        return True
    text = index.layout.sentence_text(index.sentence(outcome))
    if index.sentence(outcome) == 0 and index.layout.in_title(outcome.start) and index.config.headline_therapy.search(
            text, 0, outcome.start - index.layout.sentences[0][0]):
        return True  # "Vaccine shows promising results": a headline names the studied therapy by a bare word
    return bool(index.config.study_result.search(text)) and not index.config.general.search(text)


def other_source(index: DocumentIndex, outcome: Mention) -> bool:
    """Whether a sentence naming no therapy gives its result to something other than the studied
    therapies: another study ("in a previous study, we showed that the treatment improves memory in
    rats", "those studies are trying to extend the response": ``other_study_cues``), or a treatment
    cartmine does not report as the clause's subject ("an implanted nerve stimulator improves
    symptoms", "relaxation training reduces pain": ``other_treatment_cues``, read up to the outcome).
    A sentence comparing the study's result with earlier ones (``other_study_comparison_cues``: "in line
    with earlier reports") is the study's own.
    The contract gives records to named therapies only: handing such a result to the document's
    drug would be a confident claim nobody made."""
    sentence = index.sentence(outcome)
    start = index.layout.sentences[sentence][0]
    text = index.layout.sentence_text(sentence)
    if index.config.other_study.search(text) and not index.config.other_study_comparison.search(text):
        return True  # not "in line with earlier reports: CRS in eight patients", this study's own result
    return bool(index.config.other_treatment.search(index.layout.text[start:outcome.end].lstrip()))


def is_result(index: DocumentIndex, outcome: Mention) -> bool:
    """Whether an outcome mention reports what happened, rather than how an endpoint was defined
    or measured (a methods section, "defined as", "response was assessed every 8 weeks"), and
    belongs to the article rather than the furniture after it ("About Acme", "References"), and
    is not the condition a drug is named for ("approved for treating serious infections")."""
    if index.layout.section_at(outcome.start) in index.config.no_result_sections:
        return False
    if outcome.start >= index.article_end:
        return False
    if index.config.treats.search(index.layout.text, max(0, outcome.start - TREATS_REACH), outcome.start):
        return False  # what a drug is for ("the last resort for treating MRSA-related infections")
    return not index.config.endpoint.search(index.layout.sentence_text(index.sentence(outcome)))


def _clause(index: DocumentIndex, mention: Mention) -> tuple[int, int]:
    """The clause of a mention's sentence that holds it: between the nearest ``CLAUSE_BOUNDARY`` marks
    around it (not bare commas, which also set off an opening phrase: "before treatment, they had ...")."""
    start, end = index.layout.sentences[index.sentence(mention)]
    text = index.layout.text
    left = start
    for m in CLAUSE_BOUNDARY.finditer(text, start, mention.start):
        left = m.end()
    after = CLAUSE_BOUNDARY.search(text, mention.end, end)
    return left, (after.start() if after else end)


def pretreatment_history(index: DocumentIndex, outcome: Mention) -> bool:
    """Whether an event is placed before the treatment in its own clause ("whereas before treatment the
    participants had 1.2 relapses a year", "three relapsed before they could receive the cells":
    ``pretreatment_cues``): the patients' history, who was enrolled, and no result of the treatment
    (contract). Not where the clause sets the time before against the time after ("relapses fell from 1.2
    before treatment to 0.1": ``pretreatment_change_cues``), and not for a remission or response, which
    "before transplant" reports as the result of the treatment that came first."""
    if outcome.norm in POSITIVE:
        return False
    left, right = _clause(index, outcome)
    config, text = index.config, index.layout.text
    return bool(config.pretreatment.search(text, left, right)) and not config.pretreatment_change.search(text, left, right)


def side_effect_improvement(index: DocumentIndex, outcome: Mention) -> bool:
    """Whether an improvement is read from less of an adverse effect of treatment ("less postoperative
    nausea than with halothane", "mucositis was less severe in the X arm", ``side_effect_burden_cues``):
    that compares the arms' safety and is no clinical change of the disease the patients were treated
    for. The effect counts from the outcome's words and the word before them ("bleeding episodes were
    fewer"). A document whose title names such an effect ("X reduces blood loss in knee arthroplasty",
    "Y for postoperative nausea and vomiting") studies it as its target and keeps the improvement."""
    if outcome.norm != "improvement":
        return False
    text, layout = index.layout.text, index.layout
    start = layout.sentences[index.sentence(outcome)][0]
    before = text[max(start, outcome.start - 30):outcome.start].split()
    words = " ".join([*before[-1:], text[outcome.start:outcome.end]])
    cue = index.config.side_effect_burden
    return bool(cue.search(words)) and not cue.search(text, 0, layout.body_offset)


def _affirmed_benefit(records: list[Record]) -> set[str | None]:
    """Therapies with an affirmed, unhedged efficacy claim: what outranks a null result of the same therapy."""
    return {r.therapy for r in records if r.outcome in POSITIVE and not r.negated and not r.hedged}


def apply_null_results(records: list[Record]) -> list[Record]:
    """The contract's null-result rule, per therapy.

    ``no_response`` is for a treatment whose whole reported effect is null: a therapy with a
    positive efficacy claim in the document keeps that and loses its ``no_response``, and a
    negated improvement/response/remission ("did not improve") becomes ``no_response`` only for a
    therapy with no positive claim at all (it is dropped otherwise). Only an affirmed claim counts
    as positive: a hedged one ("some children may have improved", a rationale's "may have a
    beneficial effect") is no finding of the trial, so it yields to the trial's stated null result
    ("was not more effective than placebo") and is dropped beside it.
    """
    positive = _affirmed_benefit(records)
    null = {r.therapy for r in records if not r.hedged and (
        (r.outcome == "no_response" and not r.negated) or (r.negated and r.outcome in NULL_WHEN_NEGATED))}
    out = []
    for r in records:
        if r.outcome == "no_response" and r.therapy in positive:
            continue
        if r.hedged and r.outcome in POSITIVE and r.therapy in null and r.therapy not in positive:
            continue
        if r.negated and r.outcome in NULL_WHEN_NEGATED:
            if r.therapy in positive:
                continue
            r = replace(r, outcome="no_response", negated=False)
        out.append(r)
    return out


def negated_benefit_is_null(records: list[Record]) -> list[Record]:
    """Outside a trial, the part of the null-result rule that names the outcome: a drug with no benefit
    anywhere in the document whose benefit is denied ("CB-1 was given to 41 patients ... no patient
    responded") has ``no_response`` (contract: "no clinical response" is ``no_response``, not a negated
    ``response``). A drug that also helped keeps its records as they are: in a case series some patients
    respond and some do not, and both are kept (unlike a trial's arm, whose whole effect is one)."""
    positive = _affirmed_benefit(records)
    return [replace(r, outcome="no_response", negated=False)
            if r.negated and r.outcome in NULL_WHEN_NEGATED and r.therapy is not None and r.therapy not in positive
            else r for r in records]


def drop_active_arm_nulls(index: DocumentIndex, records: list[Record]) -> list[Record]:
    """The contract's null-result rule between active arms.

    A sentence finding no difference between the arms or doses of a trial (``arm_null_cues``: "the
    treatment groups did not differ in response rate", "higher doses gave no additional benefit")
    says each arm did as well as the other, not that either did nothing: where the document names
    no control arm (``comparator_cues``: placebo, sham, vehicle, control group) such a
    ``no_response`` is dropped. In an add-on trial ("infliximab alone or with methotrexate") the
    null is the added drug's, so only the drug every arm received (``base_arm_suffix_cues``) loses
    it.
    """
    config, text = index.config, index.layout.text
    if not any(r.outcome == "no_response" for r in records) or config.comparator.search(text):
        return records
    base = {t.norm for t in index.label("THERAPY") if t.norm and config.base_arm_suffix.match(text, t.end, t.end + 30)}

    def between_arms(r: Record) -> bool:
        return (r.outcome == "no_response" and not r.negated and bool(config.arm_null.search(r.evidence))
                and (not base or r.therapy in base))

    return [r for r in records if not between_arms(r)]


def active_arm_null_outcomes(mentions: Sequence[Mention], layout: DocumentLayout, records: Sequence[Record],
                             config: LinkingConfig) -> set[tuple[int, int]]:
    """The ``no_response`` mentions that :func:`drop_active_arm_nulls` leaves without a record, as
    ``(start, end)`` offsets, so that the outcome set follows the records.

    A between-arm null ("there were no significant differences between the two groups", "higher doses
    gave no additional benefit") in a document that names no control arm says that the active arms did
    equally well, not that a treatment did nothing: it is no ``no_response`` of the document either
    (contract: ``no_response`` is a treatment's wholly null effect). A sentence that still gives a
    ``no_response`` record (the added drug of an add-on trial) keeps its mention.
    """
    text = layout.text
    if config.comparator.search(text):
        return set()
    kept = {r.evidence for r in records if r.outcome == "no_response"}
    out = set()
    for m in mentions:
        if m.label != "OUTCOME" or m.norm != "no_response" or m.attrs.get("negated"):
            continue
        sentence = layout.sentence_text(layout.sentence_of(m.start)).strip()
        if config.arm_null.search(sentence) and sentence not in kept:
            out.add((m.start, m.end))
    return out


def _level_key(name: str) -> tuple[str, ...]:
    """A disease name's words with the synonyms of one level made equal ("ovarian carcinoma" =
    "ovarian cancer")."""
    return tuple(SAME_LEVEL.get(w, w) for w in name.lower().replace("-", " ").split())


def same_population(a: Record, b: Record, shared_heads: frozenset[tuple[str, ...]] = frozenset()) -> bool:
    """Whether two record diseases name one population at two levels: equal names but for a
    synonym of one level ("ovarian cancer", "ovarian carcinoma"), or one name ending the other
    ("breast cancer", "hormone receptor-positive breast cancer"). A bare head word that the
    document's records use for several diseases (``shared_heads``: "cancer" with ovarian, breast
    and colon cancer) is their class, not a level of one of them."""
    if not a.disease or not b.disease or (a.disease_id or a.disease) == (b.disease_id or b.disease):
        return False
    x, y = _level_key(a.disease), _level_key(b.disease)
    short, long = sorted((x, y), key=len)
    return short not in shared_heads and long[len(long) - len(short):] == short


def shared_heads(records: list[Record]) -> frozenset[tuple[str, ...]]:
    """Bare head words ("cancer", "leukemia") that end two or more of the records' diseases: a claim
    stated for "patients with HER2-positive cancers" in a document whose records name ovarian and
    gastroesophageal cancer is the class's, not one of theirs."""
    keys = {_level_key(r.disease) for r in records if r.disease}
    heads = {k for k in keys if len(k) == 1}
    return frozenset(h for h in heads if sum(1 for k in keys if len(k) > 1 and k[-1:] == h) > 1)


def one_level(records: list[Record], target: str | None) -> list[Record]:
    """One record per claim where a document names its population at two levels and a claim got
    both ("ovarian cancer" in the title, "ovarian carcinoma patients" in the result): the gold
    convention is one disease with both ids, so the second record would be a duplicate. The
    document's target disease is kept (unless it is a class), else the narrower name (the most
    specific term the text supports)."""
    out = list(records)
    heads = shared_heads(records)
    for r in records:
        rivals = [o for o in out if o is not r and (o.therapy, o.outcome, o.negated) == (r.therapy, r.outcome, r.negated)
                  and same_population(o, r, heads)]
        for o in rivals:
            if r not in out or o not in out:
                continue
            keep_r = (r.disease_id == target) if target in (r.disease_id, o.disease_id) else \
                len(_level_key(r.disease or "")) >= len(_level_key(o.disease or ""))
            out.remove(o if keep_r else r)
    return out


def merge(records: list[Record], merge_negated_with_affirmed: bool = True,
          config: LinkingConfig | None = None) -> list[Record]:
    """One record per claim (the most confident); an affirmed claim beats its negation, except a
    relapse (``BOTH_WAYS``) whose negation counts the patients who had none (``patients_free``:
    "fourteen stayed relapse-free and one relapsed" reports two results of one cohort, and both are
    kept); a null effect on relapse ("no effect on preventing relapse") still yields."""
    config = config or load_config()
    best: dict[tuple, Record] = {}
    for r in records:
        key = r.claim_key()
        if key not in best or r.confidence > best[key].confidence:
            best[key] = r
    merged = list(best.values())
    if merge_negated_with_affirmed:
        affirmed = {(r.therapy, r.disease_id or r.disease, r.outcome) for r in merged if not r.negated}
        merged = [r for r in merged if not (
            r.negated and (r.therapy, r.disease_id or r.disease, r.outcome) in affirmed
            and not (r.outcome in BOTH_WAYS and config.patients_free.search(r.evidence)))]
    return sorted(merged, key=lambda r: (r.start, r.outcome, r.therapy or ""))


__all__ = ["Anchors", "apply_null_results", "link_records", "merge", "one_level", "same_population", "shared_heads"]
