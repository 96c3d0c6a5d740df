"""Sentence-level pairing: which therapies and diseases one outcome mention is about.

A sentence that names therapies decides for itself: every named arm of a comparison gets the
outcome ("response rates were 41% with gemcitabine and 29% with docetaxel"), each drug of a
regimen too (the therapies component puts one mention per drug on a regimen's span). A cell
therapy wins over drugs in its sentence, and drugs that treat the outcome ("CRS resolved with
tocilizumab") or belong to the population or the conditioning are not arms. A sentence that
names none leaves the choice to the document's anchors (:mod:`cartmine.linking.anchors`).
"""

from __future__ import annotations

import re
from dataclasses import replace

from cartmine.linking.anchors import (
    DocumentIndex,
    is_cell,
    narrower_population,
    population_subtypes,
    specific_member,
)
from cartmine.result import Mention
from cartmine.rules import load_record_measure_diseases

CLAUSE_BREAK = re.compile(r"[;:]|,\s*(?:and|while|whereas|but)\b|\bwhereas\b")
#: a comma and a conjunction opening the next clause, with its own subject ("improved, and the myositis
#: patient stopped all drugs"); not a semicolon, after which a list of results often goes on about the
#: same measure ("FVC improved in three; no patient had ILD progression")
NEXT_CLAUSE = re.compile(r",\s*(?:and|while|whereas|but)\s+(?:the|a|an|one|two|three|four|five|six|all|both|this|that|these|those)\b",
                         re.IGNORECASE)
#: "the toxicity sometimes seen in cancer patients": the later disease is a comparison, not the cohort
TYPICAL_OF = re.compile(r"\b(?:seen|observed|reported|described|known|typical|common|usual)\s+(?:\w+\s+)?(?:in|with|among)\b")
#: between an adverse event and the cohort named right after it ("low rates of CRS and neurotoxicity in
#: large B-cell lymphoma", "infections occurred in 12% of patients with myeloma"): "in" opens the group the
#: event was counted in, so that disease is the cohort's; no comma or other clause break in between
SAFETY_COHORT_IN = re.compile(
    r"[^,;:()]*?\b(?:in|among)\s+(?:(?:the|all|both|[\d.]+\s*%|[\d.]+|one|two|three|four|five|six|seven|eight|nine|ten)\s+)?"
    r"(?:of\s+(?:the\s+)?)?(?:(?:patients?|participants?|children|adults|recipients|people)\s+(?:with\s+)?)?",
    re.IGNORECASE)
COUNTED_IN = re.compile(r"\b(?:in|among)\s+[\d.]+\s*%?\s+of\b", re.IGNORECASE)
#: how far before an outcome a drug given just before it is looked for (:func:`own_therapy`)
GIVEN_REACH = 60
#: outcomes that a drug given before them led to in a case history, not as its own result (:func:`own_therapy`)
CASE_HISTORY_OUTCOMES = frozenset({"relapse", "progression", "no_response"})
RENAL = re.compile(r"\brenal\b", re.IGNORECASE)
RENAL_DISEASE = re.compile(r"nephritis|kidney|nephropathy|renal", re.IGNORECASE)
#: between an efficacy outcome and the disease it is about ("remission of", "responses in the")
OUTCOME_OF = re.compile(r"\s+(?:of|in)\s+(?:the\s+|their\s+)?(?:[\w/-]+\s+){0,2}$", re.IGNORECASE)
#: a figure, then the arm it belongs to, right before a therapy named after its outcome
#: (also through the group the figure counts: "41% of patients on X", "12% of those receiving X")
ARM_FIGURE = re.compile(r"\d\s*(?:%|percent|per\s*cent|patients)?\s*(?:\([^()]*\)\s*)?"
                        r"(?:of\s+(?:the\s+)?(?:patients|participants|people|those)\s+)?"
                        r"(?:with|in|for|on|after|receiving|given|treated\s+with)\s+(?:the\s+)?$",
                        re.IGNORECASE)
#: a rate right after a therapy ("than with Y (38%)", "Y 12 of 40"): the figure of its own arm
OWN_FIGURE = re.compile(r"[^.;]{0,25}?\d+(?:\.\d+)?\s*(?:%|percent|per\s*cent|of\s+\d)", re.IGNORECASE)
#: a rate right before a therapy it belongs to ("86% with cilta-cel")
FIGURE_BEFORE_ARM = re.compile(r"\d\s*(?:%|percent|per\s*cent)\s*(?:\([^()]*\)\s*)?(?:with|in|for|after|on)\s+(?:the\s+)?$",
                               re.IGNORECASE)
#: an outcome's words ending in the first half of an "as ... as" comparison, and the gap after it closing it
AS_OPENED = re.compile(r"\bas\s+\w+$", re.IGNORECASE)
AS_CLOSED = re.compile(r"\s*as\b", re.IGNORECASE)
#: a figure between a comparison word and the therapy after it ("compared with 30% on Y"): Y's own result
FIGURE_IN_LEAD = re.compile(r"\d\s*(?:%|percent|per\s*cent|patients|of\s+\d)", re.IGNORECASE)
RESPECTIVELY = re.compile(r"\brespectively\b", re.IGNORECASE)
#: right after a cell product a share is put before: the patients it names, in the same clause ("in 6% of
#: axi-cel patients and 1% of liso-cel patients", "in 24% of cilta-cel and 47% of ide-cel patients")
PRODUCT_PATIENTS_AFTER = re.compile(r"[^.;:()]{0,40}?\b(?:patients|recipients|participants)\b", re.IGNORECASE)
#: after an outcome, in its clause: two figures set against each other ("CRS was more frequent with axi-cel
#: (86% vs 61%)", "ICANS rates were similar (12% vs 13%)"): one figure per compared arm
VERSUS_FIGURES = re.compile(r"[^.;:]{0,50}?\d+(?:\.\d+)?\s*(?:%|percent|per\s*cent)\s*,?\s*(?:vs\.?|versus)\s+"
                            r"\d+(?:\.\d+)?\s*(?:%|percent|per\s*cent)", re.IGNORECASE)
#: right after an outcome: one figure per arm, paired ("complete response rates were 62% and 41%",
#: "CR in 77% vs 31%"), in the outcome's own clause
PAIRED_FIGURES = re.compile(r"[^.;:]{0,30}?\d+(?:\.\d+)?\s*(?:%|percent|per\s*cent)\s*(?:\([^()]*\)\s*)?"
                            r"(?:,\s*)?(?:and|vs\.?|versus)\s+\d+(?:\.\d+)?\s*(?:%|percent|per\s*cent)", re.IGNORECASE)
#: right after a drug: it labels a group of patients ("ocrelizumab-treated patients", "the X arm")
ARM_LABEL = re.compile(r"(?:-treated|-exposed)?\s+(?:arm|group|cohort)s?\b|-treated\s+patients?\b|\s+patients\b(?=[^.;]{0,40}\bcompared\b)",
                       re.IGNORECASE)
#: right before a drug that ARM_PATIENTS follows: a count, so the drug labels a counted group of its
#: patients ("Eleven X patients died", "in the 12 X recipients"), not a history ("X-refractory patients")
COUNT_BEFORE = re.compile(r"\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|[a-z]+teen|"
                          r"[a-z]+ty(?:-[a-z]+)?|several|many|few|all|both)\s+$", re.IGNORECASE)
ARM_PATIENTS = re.compile(r"\s+(?:patients|recipients|participants)\b", re.IGNORECASE)
#: right before a drug that ARM_PATIENTS follows: a share of the group it names ("in 55% of X patients",
#: "12 percent of the X recipients"), which is that arm's own figure
SHARE_BEFORE = re.compile(r"\d\s*(?:%|percent|per\s*cent)\s+of\s+(?:the\s+)?$", re.IGNORECASE)
#: between two drugs of one regimen that labels a group ("X-Y patients", "X/Y recipients", "X plus Y patients")
REGIMEN_JOIN = re.compile(r"\s*(?:-|/|\+|plus)\s*", re.IGNORECASE)


def _regimen_span(text: str, therapy: Mention, partners: list[Mention]) -> tuple[int, int]:
    """Where the regimen a drug belongs to starts and ends: the drug with the partner drugs joined to it
    ("tafasitamab-lenalidomide", "X plus Y"), so a combination arm labels its group as one name does."""
    start, end = therapy.start, therapy.end
    moved = True
    while moved:
        moved = False
        for p in partners:
            if p.end <= start and REGIMEN_JOIN.fullmatch(text[p.end:start]):
                start, moved = p.start, True
            elif p.start >= end and REGIMEN_JOIN.fullmatch(text[end:p.start]):
                end, moved = p.end, True
    return start, end


def labels_group(text: str, therapy: Mention, partners: list[Mention] | None = None) -> bool:
    """Whether a drug labels a group of patients: "the X arm", "X-treated patients", or a counted group
    named by its drug ("Eleven X patients died", "six X recipients") or given a share of its own
    ("progression in 55% of X-Y patients"), which is an arm with its own result. Partner drugs joined
    to it (``partners``: the other therapies of its sentence) make one regimen's name; a history word
    between the drug and the patients ("X-refractory patients") labels no arm."""
    if ARM_LABEL.match(text, therapy.end):
        return True
    start, end = _regimen_span(text, therapy, partners or [])
    before = text[max(0, start - 25):start]
    return bool(ARM_PATIENTS.match(text, end) and (COUNT_BEFORE.search(before) or SHARE_BEFORE.search(before)))
#: right before a drug named after its outcome: "with X", "on X"
ARM_WITH = re.compile(r"\b(?:with|on|for)\s+(?:the\s+)?$", re.IGNORECASE)
#: outcomes that name the disease that comes back ("recurrence of X"): a sentence naming none means that one
RECURRING = frozenset({"relapse"})
#: characters before an efficacy outcome in which a verb of getting it back counts (``regained_cues``)
REGAINED_REACH = 40
#: between a remission won back and the drug that won it back ("with low-dose prednisone and X",
#: "after a short course of X"): a preposition and a few words, no clause of their own
REGAINED_WITH = re.compile(r"\s*(?:with|after|on|following|under)\s+(?:[\w-]+\s+){0,4}", re.IGNORECASE)
#: right before the disease a relapse presented as ("relapsed with optic neuritis", "a flare with arthritis")
MANIFESTATION = re.compile(r"\b(?:with|as)\s+(?:an?\s+)?(?:(?:new|isolated|recurrent|severe|mild|acute)\s+)?(?:(?:episode|attack|bout)s?\s+of\s+)?$",
                           re.IGNORECASE)
#: a relapse named as an attack, and the "of" that names the form it took ("an attack of optic neuritis")
ATTACK = re.compile(r"attacks?\b", re.IGNORECASE)
ATTACK_OF = re.compile(r"\s+of\s+(?:an?\s+)?", re.IGNORECASE)
#: most characters between an outcome and the list of diseases it is stated for
LIST_REACH = 100
#: between two diseases of such a list ("X, Y and Z", "X symptoms, Y")
LIST_JOIN = re.compile(r"(?:\s+symptoms)?\s*(?:,|and|or|/|&)\s*(?:and\s+|or\s+)?", re.IGNORECASE)
SUBCLAUSE_BREAK = re.compile(r"[,;:\u2013\u2014]")
#: a sentence or clause opening with the group its result is about ("In SSc, ...", "Among patients with X, ...")
OPENING_SCOPE = re.compile(r"(?:^|[;:]\s*)(?:results?:\s*)?(?:in|among|for)\s+(?:(?:the|all|those|patients?|participants?|"
                           r"subjects?|adults?|children)\s+)*(?:with\s+)?$", re.IGNORECASE)
#: between coordinated mentions ("X, Y and Z", "X, Y, or Z", "X/Y")
COORDINATION = re.compile(r"\s*(?:,|and|or|/|&)\s*(?:(?:and|or)\s+)?", re.IGNORECASE)
#: between two diseases of one sentence giving one result per disease subgroup ("remission in all seven
#: lupus patients and in three of four patients with systemic sclerosis", "by 9 of 10 with X and by 6 of 8
#: with Y", "two of five patients with X and two of three with Y responded"): each subgroup has the result
SUBGROUP_RESULT_JOIN = re.compile(
    r"(?:\s+(?:patients?|participants?|cases?|subjects?)(?:\s+(?:treated|enrolled|dosed|included)(?:\s+so\s+far|\s+to\s+date)?)?)?"
    r"\s*,?\s*(?:and|or)?\s*(?:in|by|for|among)?\s*"
    r"(?:(?:all|only|both|the)\s+)?[\w-]+\s+(?:of\s+(?:the\s+)?[\w-]+\s+)?(?:(?:patients?|participants?|cases?|subjects?|those)\s+)?"
    r"with\s+", re.IGNORECASE)
REMISSION_LIKE = frozenset({
    "remission", "complete_remission", "drug_free_remission", "response", "complete_response", "mrd_negativity",
    "improvement",
})  # fmt: skip


def is_safety(outcome: Mention) -> bool:
    return outcome.attrs.get("category") == "safety"


def _distance(span: Mention, outcome: Mention) -> int:
    if span.end <= outcome.start:
        return outcome.start - span.end
    return span.start - outcome.end


def coordinated_group(text: str, spans: list[Mention], outcome: Mention) -> list[Mention]:
    """The span nearest to the outcome plus those coordinated with it ("axi-cel, tisa-cel and liso-cel")."""
    ordered = sorted(spans, key=lambda s: s.start)
    nearest = min(ordered, key=lambda s: _distance(s, outcome))
    i = ordered.index(nearest)
    lo = hi = i

    def joined(a: Mention, b: Mention) -> bool:
        return a.start == b.start or bool(COORDINATION.fullmatch(text[a.end:b.start]))

    while lo > 0 and joined(ordered[lo - 1], ordered[lo]):
        lo -= 1
    while hi + 1 < len(ordered) and joined(ordered[hi], ordered[hi + 1]):
        hi += 1
    return ordered[lo:hi + 1]


def sentence_therapies(index: DocumentIndex, outcome: Mention, has_cell_therapy: bool,
                       studied: list[str]) -> list[Mention]:
    """The therapies an outcome's own sentence gives it (empty when the sentence names none)."""
    text = index.layout.text
    named = [t for t in index.in_sentence("THERAPY", index.sentence(outcome)) if index.role(t) == "arm" and t.norm]
    # a therapy given after the outcome ("did not respond and was switched to X") is not its therapy
    named = [t for t in named if t.start < outcome.end or not index.config.next_treatment.search(text[outcome.end:t.start])]
    # a drug inside a drug-free remission's own words is one that was stopped ("tapered off prednisone
    # and every other drug"), never the therapy that brought the remission
    if outcome.norm == "drug_free_remission":
        named = [t for t in named if not (outcome.start <= t.start and t.end <= outcome.end)]
    cells = [t for t in named if is_cell(t)]
    # a drug named as an arm of its own beside the cell therapy is a comparator with its own result
    # ("response rates were 66% with X and 86% with <CAR-T>", "ICANS was rarer with X (4% vs 11%)",
    # "six X patients died"); drugs that treat the outcome or belong to the history are no arm
    arms = [t for t in named if not is_cell(t) and _comparator_arm(index, outcome, t)]
    if cells:
        return sorted(_cell_arms(index, outcome, cells) + arms + _versus_product(index, outcome, cells, studied),
                      key=lambda t: t.start)
    if is_safety(outcome) and has_cell_therapy:
        # adverse events are the cell therapy's; drugs named with them treat them, except a drug that
        # labels its own group of patients ("one ocrelizumab-treated patient died") or is given a figure of
        # its own after the event ("non-relapse mortality was 19% after allo-HCT"): a comparator or later arm
        return [t for t in arms if labels_group(text, t, named) or (t.start >= outcome.end and _arm_figure(text, outcome, t))]
    # named after the outcome, only a studied arm is the outcome's ("response rates were 41% with
    # gemcitabine and 29% with docetaxel"); other drugs there are causes, treatments or history
    # a drug inside the outcome's own words is its subject ("the antihypertensive effect of X and Y")
    # ... and of an efficacy outcome, not one named as the cause of what improved ("attenuated the pain
    # associated with X injection")
    kept = [t for t in named
            if t.end <= outcome.start or (outcome.start <= t.start and t.end <= outcome.end)
            or (not index.config.outcome_treatment.search(text[outcome.end:t.start])
                and (is_safety(outcome) or not index.config.outcome_cause.search(text[outcome.end:t.start]))
                and (is_safety(outcome) or not _relative_only(index, outcome, t))
                and (t.norm in studied or _arm_figure(text, outcome, t)))]
    # a drug named before the outcome only as the yardstick of a comparison ("X reduced fractures compared
    # with Y and increased bone density") has no result of its own there
    kept = [t for t in kept if t.end > outcome.start or not _yardstick_before(index, outcome, t)]
    # ... and the drugs listed with such an arm share its standing ("pain relief was greatest with
    # cortisone, followed by ibuprofen, naproxen and celecoxib")
    after = [t for t in named if t.start >= outcome.end]
    listed = [t for k in kept if k in after for t in coordinated_group(text, after, k)]
    kept += [t for t in listed if not any(t is k for k in kept)]
    return sorted(kept, key=lambda t: t.start)


def _cell_arms(index: DocumentIndex, outcome: Mention, cells: list[Mention]) -> list[Mention]:
    """The cell therapies of a sentence that an outcome is stated for: the nearest with those coordinated
    with it, or every one of them where the sentence gives each product a figure of its own ("86% with
    cilta-cel and 73% with ide-cel", "CR rates were 58% and 37%, respectively"): a comparison of two
    products reports the outcome for both, not only for the one named nearest to it."""
    text = index.layout.text
    group = coordinated_group(text, cells, outcome)
    products = {c.norm for c in cells}
    if len(products) < 2:
        return group
    start, end = index.layout.sentences[index.sentence(outcome)]
    figured = {c.norm for c in cells if FIGURE_BEFORE_ARM.search(text[max(start, c.start - 40):c.start])
               or (SHARE_BEFORE.search(text[max(start, c.start - 40):c.start])
                   and PRODUCT_PATIENTS_AFTER.match(text, c.end, end))}
    if figured == products or (RESPECTIVELY.search(text, start, end) and len(figured) > 1):
        return cells
    return group


def _versus_product(index: DocumentIndex, outcome: Mention, cells: list[Mention], studied: list[str]) -> list[Mention]:
    """The other product of a two-product comparison where the outcome's sentence names one of them and
    gives the outcome a figure per arm ("CRS was more frequent with axi-cel (86% vs 61%)" in a comparison
    of axi-cel with tisa-cel): the second figure is the other product's, so the outcome is reported for it
    too. Only where the document studies exactly two cell products and the sentence names just one; the
    other product's first mention in the document stands for it."""
    named = {c.norm for c in cells}
    if len(set(studied)) != 2 or len(named) != 1 or not named < set(studied):
        return []
    if not VERSUS_FIGURES.match(index.layout.text, outcome.end):
        return []
    other = next(iter(set(studied) - named))
    first = next((t for t in index.arms if t.norm == other), None)
    return [first] if first is not None and is_cell(first) and all(is_cell(c) for c in cells) else []


def own_therapy(index: DocumentIndex, outcome: Mention) -> Mention | None:
    """A drug (not a cell therapy) named right after an efficacy outcome through ``own_therapy_cues``
    ("relapsed after rituximab", "did not respond to eculizumab"): the outcome is that drug's. A case
    history names the failed drugs in the sentence that gives the cell therapy ("she had relapsed after
    rituximab and was given CD19 CAR T cells"), and their failure is not the cell therapy's result."""
    if is_safety(outcome):
        return None
    text = index.layout.text
    sentence = index.sentence(outcome)
    start = index.layout.sentences[sentence][0]
    drugs = [t for t in index.in_sentence("THERAPY", sentence) if t.norm and not is_cell(t)]
    # "both regained remission with low-dose prednisone and X": a remission won back is the result of the
    # drug that won it back, named after it through "with" and a few words too
    regained = bool(index.config.regained.search(text, max(start, outcome.start - REGAINED_REACH), outcome.start))
    # "the third was treated with belimumab and responded": the drug given right before the result is its
    # (a relapse or failure on a drug given earlier is the case history that led to the cell therapy)
    given = [t for t in drugs if t.end <= outcome.start and outcome.start - t.end <= GIVEN_REACH]
    if given and outcome.norm not in CASE_HISTORY_OUTCOMES:
        t = given[-1]
        lead = text[max(start, t.start - GIVEN_REACH):t.start]
        if index.config.given_then.search(lead + "DRUG" + text[t.end:outcome.start]):
            return t
    for t in drugs:
        if t.start >= outcome.end:
            gap = text[outcome.end:t.start]
            own = index.config.own_therapy.search(gap) or (regained and REGAINED_WITH.fullmatch(gap))
            return t if own else None
    return None


def _relative_only(index: DocumentIndex, outcome: Mention, therapy: Mention) -> bool:
    """Whether a therapy named after an efficacy outcome is only what the result is measured against
    ("X was better than diazepam in relieving anxiety", "a greater reduction in pain over the Y group":
    ``relative_to_cues`` in the clause between them; of a positive result also "X increased bone
    density versus daily oral Y": ``relative_versus_cues`` right before it), with no figure of its
    own arm ("29% with Y"). An event ("more relapses with X compared with Y") happened in both arms."""
    text = index.layout.text
    gap = text[outcome.end:therapy.start]
    # the outcome's own words may open an "as ... as" comparison ("may be as effective as Y": the outcome is
    # "be as effective"); only that one: "was non-inferior" + " to Y" is the equivalence the gold gives Y too
    opened = AS_OPENED.search(outcome.text) is not None and AS_CLOSED.match(gap) is not None
    relative = opened or index.config.relative_to.search(gap) or (
        (outcome.norm in REMISSION_LIKE or outcome.attrs.get("negated")) and index.config.relative_versus.search(gap))
    return (bool(relative) and not CLAUSE_BREAK.search(gap)
            and not _arm_figure(text, outcome, therapy) and not OWN_FIGURE.match(text, therapy.end))


def _yardstick_before(index: DocumentIndex, outcome: Mention, therapy: Mention) -> bool:
    """Whether a therapy named before an efficacy outcome (or a denied event) is only the yardstick of a
    comparison in its clause ("X reduced fractures compared with Y and increased bone density", "Compared with
    Y, X improved pain": ``yardstick_before_cues`` right before it): Y's own effect is not reported (contract:
    a comparator gets records only where its result is reported). A figure of its own ("compared with 30%
    on Y", "Y (25%)"), figures per arm after the outcome ("40% vs 25%") or "respectively" keep it an arm."""
    if is_safety(outcome) or not (outcome.norm in REMISSION_LIKE or outcome.attrs.get("negated")):
        return False
    text = index.layout.text
    start, end = index.layout.sentences[index.sentence(outcome)]
    lead = text[max(start, therapy.start - 80):therapy.start]
    cue = index.config.yardstick_before.search(lead)
    if cue is None or CLAUSE_BREAK.search(lead[cue.start():]) or FIGURE_IN_LEAD.search(lead[cue.end():]):
        return False
    return not (OWN_FIGURE.match(text, therapy.end) or RESPECTIVELY.search(text, start, end)
                or PAIRED_FIGURES.match(text, outcome.end) or VERSUS_FIGURES.match(text, outcome.end))


def measured_against(index: DocumentIndex, outcome: Mention) -> set[str]:
    """The therapies an efficacy outcome's sentence names only as what its result is measured against
    (:func:`_relative_only`: "the film group had a 39% greater reduction in pain over the X group"). Where
    the sentence's subject is no therapy cartmine reports (a dressing, a procedure), the result falls to
    the document's studied arms, and these must not take it: the comparator's own effect is not stated."""
    if is_safety(outcome):
        return set()
    return {t.norm for t in index.in_sentence("THERAPY", index.sentence(outcome))
            if t.norm and t.start >= outcome.end and index.role(t) == "arm" and _relative_only(index, outcome, t)}


def _comparator_arm(index: DocumentIndex, outcome: Mention, therapy: Mention) -> bool:
    """Whether a drug in a sentence that names a cell therapy is an arm of the comparison with its own
    result: labelled as a group of patients ("ocrelizumab-treated patients", "the X arm"), or named after
    the outcome with a figure of its own ("66% with X", "rarer with X (4% vs 11%)") and no treatment or
    cause cue between them ("CRS resolved with tocilizumab in 30%" is the drug treating the outcome)."""
    text = index.layout.text
    partners = [t for t in index.in_sentence("THERAPY", index.sentence(outcome)) if t is not therapy]
    if labels_group(text, therapy, partners):
        return True
    if therapy.start < outcome.end:
        # "ORR was 78% with X and 59% with Y, and CR rates were 62% and 41%": an arm the sentence
        # already gave a figure of its own shares a later outcome given one figure per arm
        sentence_start = index.layout.sentences[index.sentence(outcome)][0]
        return therapy.end <= outcome.start and bool(
            FIGURE_BEFORE_ARM.search(text[max(sentence_start, therapy.start - 40):therapy.start])
            and PAIRED_FIGURES.match(text, outcome.end))
    gap = text[outcome.end:therapy.start]
    if index.config.outcome_treatment.search(gap) or index.config.outcome_cause.search(gap) or CLAUSE_BREAK.search(gap):
        return False
    return _arm_figure(text, outcome, therapy) or bool(
        ARM_WITH.search(gap) and OWN_FIGURE.match(text, therapy.end))


def _arm_figure(text: str, outcome: Mention, therapy: Mention) -> bool:
    """Whether a therapy named after an outcome is an arm the sentence gives a figure for
    ("response rates were 41% with gemcitabine and 29% with docetaxel")."""
    return bool(ARM_FIGURE.search(text[outcome.end:therapy.start]))


def comparator_result(index: DocumentIndex, outcome: Mention) -> bool:
    """Whether a sentence naming no therapy reports the outcome of a placebo or unnamed comparator
    arm ("12 patients in the placebo group relapsed"), or of a drug class ("immunotherapy has been
    shown to be effective"), which gets no record; "fewer relapses than with placebo" is the
    studied therapy's result, and so is "remission in 49% compared with 13% in the control group",
    and an outcome in another clause than the comparator or class
    ("19% with placebo, while the response rate with the drug was 53%")."""
    start, end = index.layout.sentences[index.sentence(outcome)]
    text = index.layout.text
    cues = [*index.config.comparator.finditer(text, start, end), *index.config.drug_class.finditer(text, start, end)]
    for cue in cues:
        between = text[min(cue.end(), outcome.end):max(cue.start(), outcome.start)]
        if SUBCLAUSE_BREAK.search(between):
            continue  # the comparator's own clause does not hold the outcome
        # "went into remission compared with 13.5% in the control group": a comparison word anywhere
        # between the outcome and the comparator, figures between them allowed
        reach = min(cue.start() - 25, outcome.end) if outcome.end <= cue.start() else cue.start() - 25
        if not index.config.comparison.search(text[max(start, reach):cue.start()]):
            return True
    return False


def diseases_for(index: DocumentIndex, outcome: Mention, target: Mention | None) -> tuple[list[Mention], bool]:
    """Diseases an outcome is about, and whether its sentence names them.

    Only diseases the document names as its patients' condition count (:func:`_population_disease`),
    or the one the outcome governs ("remission of rheumatoid arthritis"); one of the patients'
    conditions named in the outcome's own words ("corrected anaemia") comes first. Adverse events,
    causes and comorbidities a result sentence lists leave the outcome to the target.
    The nearest disease before the outcome wins, with its coordinated neighbours ("SLE and LN
    patients") and the subgroups that share its result ("two of five with X and two of three with Y
    responded", :data:`SUBGROUP_RESULT_JOIN`; also after it: "remission in all seven X patients and in
    three of four with Y"); a disease after the outcome wins instead when a clause boundary separates the
    earlier one ("..., and scores declined in the SSc patients"). A sentence naming none gives
    the document's target disease; "complete renal response" the document's kidney disease.
    """
    text = index.layout.text
    sentence = index.sentence(outcome)
    diseases = index.diseases
    measured = _measured_disease(index, outcome, target)
    if measured is not None:
        return measured
    in_sentence = [d for d in diseases if index.sentence(d) == sentence]
    if not is_safety(outcome):
        # "the breast cancer patients' hot flushes fell": the disease the title names only as who has the
        # symptom treated is not what an efficacy result is about
        in_sentence = [d for d in in_sentence if d.id not in index.symptom_population_ids]
    # "each patient had corrected anemia", "depression was also reduced": an efficacy outcome whose own
    # words name one of the patients' conditions is about that one, not the document's target
    named = _named_in_outcome(index, outcome, target)
    if named and not is_safety(outcome):
        return _specific(index, named[:1], target), True
    # "remission of rheumatoid arthritis", "response in lymphoma", "gout relapse": the disease the
    # outcome governs
    governed = [d for d in _governed(index, outcome) if any(d is k for k in in_sentence)]
    listed = _listed_after(text, outcome, in_sentence)
    if governed and not is_safety(outcome):
        # ... with the diseases listed with it ("effective in gout, psoriasis and asthma"), or the subgroups
        # before it that share it ("two of five with X and two of three with Y responded")
        if listed and listed[0] is governed[0]:
            return _specific(index, listed, target), True
        return _specific(index, _subgroups_before(text, in_sentence, governed[0]), target), True
    if listed and not is_safety(outcome):
        return _specific(index, listed, target), True
    # "activity against lung cancers" in a report on NSCLC patients: the broader name is theirs
    in_sentence = [n for n in (_narrowed(index, d, target) for d in in_sentence) if _population_disease(index, n, target)]
    # "X, used to treat gout in patients on dialysis for kidney disease, worked well": the disease a
    # therapy treats is the condition of the result, not the patients' other disease
    treats = [d for d in in_sentence if index.config.treats.search(text[max(0, d.start - 30):d.start])]
    if treats and not is_safety(outcome) and len({d.id for d in in_sentence}) > 1:
        return _specific(index, treats[:1], target), True
    before = [d for d in in_sentence if d.end <= outcome.start]
    after = [d for d in in_sentence if d.start >= outcome.end]
    # "the incidence of blood clots, pulmonary embolus and death": diseases listed with the
    # outcome are events counted alongside it, not the population the outcome is about
    cursor = outcome.start
    while before and COORDINATION.fullmatch(text[before[-1].end:cursor]) and not (
            cursor == outcome.start and _opening_scope(index, before[-1])):
        cursor = before.pop().start
    if before:
        gap = text[before[-1].end:outcome.start]
        if not (after and CLAUSE_BREAK.search(gap) and not CLAUSE_BREAK.search(text[outcome.end:after[0].start])):
            chosen = [before[-1]]
            for d in reversed(before[:-1]):
                if COORDINATION.fullmatch(text[d.end:chosen[0].start]) or SUBGROUP_RESULT_JOIN.fullmatch(
                        text[d.end:chosen[0].start]):
                    chosen.insert(0, d)
                else:
                    break
            return _specific(index, [specific_member(index, d) for d in chosen], target), True
    # an adverse event is the treated cohort's; a disease named after it is usually a cause or a
    # complication ("cytokine storm ... an arthritis drug"), not the cohort
    # ... except the form a relapse took ("one patient relapsed at month 19 with optic neuritis"): the
    # disease that came back is the cohort's, its manifestation is no population
    # ... unless "in" names it as the group the event was counted in ("neurotoxicity in large B-cell lymphoma")
    # (a rate "reported in 9% of patients with X" counts the cohort; "seen in X" with no count compares)
    cohort_gap = text[outcome.end:after[0].start] if after else ""
    if after and is_safety(outcome) and not before and SAFETY_COHORT_IN.fullmatch(cohort_gap) and (
            COUNTED_IN.search(cohort_gap) or not TYPICAL_OF.search(cohort_gap)):
        return _specific(index, [after[0]], target), True
    if outcome.norm in RECURRING:
        after = [d for d in after if not _relapse_manifestation(index, d)]
    # ... nor one in the next clause ("all four improved, and the myositis patient stopped all drugs": that
    # clause has its own subject; the improvement is the whole cohort's)
    if after and not is_safety(outcome) and not TYPICAL_OF.search(text[outcome.end:after[0].start]) and not (
            NEXT_CLAUSE.search(text[outcome.end:after[0].start])):
        return _specific(index, [after[0]], target), True
    recurring = _recurring_disease(index, outcome) if outcome.norm in RECURRING else None
    if recurring is not None:
        # "Relapses of childhood leukemia" in the headline, "high-risk ALL patients" in the body: the
        # headline's disease is read at the body's level, as the target is
        if index.layout.in_title(recurring.start):
            recurring = narrower_population(index, recurring)
        return [recurring], False
    if RENAL.search(outcome.text):
        kidney = [d for d in diseases if RENAL_DISEASE.search(d.norm or "")]
        if kidney:
            return kidney[:1], False
    return ([target] if target is not None else []), False


def _opening_scope(index: DocumentIndex, disease: Mention) -> bool:
    """Whether a disease is the scope a sentence (or a clause after a semicolon) opens with ("In SSc,
    mRSS fell", "Among patients with lupus, SLEDAI scores fell"): the group the result that follows is
    about, not an event listed with it ("infections, pneumonia and death")."""
    start = index.layout.sentences[index.sentence(disease)][0]
    return bool(OPENING_SCOPE.search(index.layout.text[start:disease.start]))


def _subgroups_before(text: str, in_sentence: list[Mention], last: Mention) -> list[Mention]:
    """A disease and the disease subgroups named before it that share its result ("two of five patients
    with X and two of three with Y responded": X and Y), joined by :data:`SUBGROUP_RESULT_JOIN`."""
    chosen = [last]
    for d in reversed([d for d in in_sentence if d.end <= last.start]):
        if d.end > chosen[0].start:
            continue  # two mentions of one span
        if not SUBGROUP_RESULT_JOIN.fullmatch(text[d.end:chosen[0].start]):
            break
        chosen.insert(0, d)
    return chosen


def _relapse_manifestation(index: DocumentIndex, disease: Mention) -> bool:
    """Whether a disease is named as the form a relapse of its sentence took ("relapsed at month 19
    with optic neuritis", "a flare with arthritis", "an attack of transverse myelitis"); "six relapsed, four of them with lupus" names a
    subgroup after a comma, and stays a population."""
    text = index.layout.text
    sentence = index.sentence(disease)
    for o in index.label("OUTCOME"):
        if o.norm in RECURRING and index.sentence(o) == sentence and o.end <= disease.start:
            gap = text[o.end:disease.start]
            if (MANIFESTATION.search(gap) or (ATTACK.match(o.text) and ATTACK_OF.fullmatch(gap))) \
                    and not SUBCLAUSE_BREAK.search(gap):
                return True
    return False


def _measured_disease(index: DocumentIndex, outcome: Mention, target: Mention | None) -> tuple[list[Mention], bool] | None:
    """The disease whose own measure an outcome reads ("IOP was lowered": the document's glaucoma,
    not the cataract named beside it): one in the outcome's sentence, else the target, else the
    first the document names as its patients' condition; None for other outcomes."""
    measured = load_record_measure_diseases().get(str(outcome.attrs.get("rule") or ""))
    if not measured:
        return None
    lineage = index.ancestors or (lambda _doid: ())
    own = [d for d in index.diseases if d.id and (d.id in measured or measured.intersection(lineage(d.id)))]
    if not own:
        return None
    sentence = index.sentence(outcome)
    here = [d for d in own if index.sentence(d) == sentence and _population_disease(index, d, target)]
    if here:
        return [specific_member(index, here[0])], True
    if target is not None and any(d.id == target.id for d in own):
        return [target], False
    population = [d for d in own if _population_disease(index, d, target)]
    return [(population or own)[0]], False


def _governed(index: DocumentIndex, outcome: Mention) -> list[Mention]:
    """The diseases an outcome's words govern in its sentence ("remission of X", "X relapse")."""
    text = index.layout.text
    sentence = index.sentence(outcome)
    return [d for d in index.diseases if index.sentence(d) == sentence
            and ((d.start >= outcome.end and OUTCOME_OF.match(text[outcome.end:d.start]))
                 or (d.end <= outcome.start and not text[d.end:outcome.start].strip(" -")))]


def _named_in_outcome(index: DocumentIndex, outcome: Mention, target: Mention | None) -> list[Mention]:
    """Diseases inside an outcome mention's own words that the document names as its patients'
    condition ("corrected anemia" in a study enrolling patients with renal anemia): the condition that
    improved. Such a mention is left out of :attr:`DocumentIndex.diseases` (an outcome's own words are
    usually an event, "serious infections"), so a disease named only there, or only as an adverse event,
    counts when another mention names it as the patients' condition. Not a qualifier of what improved
    ("cancer-related pain": ``disease_qualifier_cues``)."""
    text = index.layout.text
    population = index.population_disease_ids | ({target.id} if target is not None else set())
    return [d for d in index.label("DISEASE")
            if outcome.start <= d.start and d.end <= outcome.end and d.id and d.id in population
            and not index.config.disease_qualifier.match(text, d.end)]


def _recurring_disease(index: DocumentIndex, outcome: Mention) -> Mention | None:
    """The disease the document says recurs ("14 recurrences of pneumocystosis"), for a recurrence
    whose sentence names none ("the recurrence rates were 11% and 28%"): in a prophylaxis trial it
    is the disease prevented, not the population's (patients with AIDS). None unless the document
    names exactly one. A class there ("leukemia relapse" in a headline) is the one specific disease of
    its group the patients have (acute myeloid leukemia), as elsewhere. The form another relapse
    took ("an attack of optic neuritis") is no disease that recurs."""
    found = {d.id: d for o in index.label("OUTCOME") if o.norm == outcome.norm and o is not outcome
             for d in _governed(index, o) if not _relapse_manifestation(index, d)}
    return specific_member(index, next(iter(found.values()))) if len(found) == 1 else None


def _listed_after(text: str, outcome: Mention, in_sentence: list[Mention]) -> list[Mention]:
    """Two or more diseases listed together after an outcome in its clause ("effective for
    Parkinson's disease, multiple sclerosis and Crohn's disease"): the outcome is stated for each
    of them, population or not. A word after a disease ("cancer symptoms, ...") ends a list, and a
    clause boundary between the outcome and the list leaves it to the other rules."""
    runs: list[list[Mention]] = []
    for d in (d for d in in_sentence if d.start >= outcome.end):
        if runs and d.start < runs[-1][-1].end:
            continue  # two mentions of one span
        gap = text[runs[-1][-1].end:d.start] if runs else ""
        if runs and (LIST_JOIN.fullmatch(gap) or SUBGROUP_RESULT_JOIN.fullmatch(gap)):
            runs[-1].append(d)
        else:
            runs.append([d])
    for run in runs:
        gap = text[outcome.end:run[0].start]
        if len(gap) > LIST_REACH or CLAUSE_BREAK.search(gap) or TYPICAL_OF.search(gap):
            return []
        if len({d.id for d in run}) > 1:
            return run
    return []


def _population_disease(index: DocumentIndex, disease: Mention, target: Mention | None) -> bool:
    """Whether a disease can be the condition a result is about: the document's target, a disease
    the document names as its patients' condition anywhere (title, "patients with X", "X
    patients", "treatment of X"). Other diseases in a result sentence are events, causes or
    comorbidities ("diarrhea and upper respiratory infections", "deaths from heart failure")."""
    if target is not None and disease.id == target.id:
        return True
    return disease.id in index.population_disease_ids


def _specific(index: DocumentIndex, diseases: list[Mention], target: Mention | None) -> list[Mention]:
    """A disease class standing for the document's only disease of that class ("cancer" in an
    abstract about gastric adenocarcinoma) is that disease: the most specific term the text
    supports. Where the text names several diseases of the class, the class is their collective.
    Likewise a broader name of the target itself ("glaucoma" in a result sentence of a trial in
    primary open-angle glaucoma: an ontology ancestor of the target) is the target."""
    diseases = _population_level(index, _target_level(index, diseases, target), target)
    if target is None or target.attrs.get("class") or not any(d.attrs.get("class") for d in diseases):
        return diseases
    group = target.attrs.get("group")
    specific = {d.id for d in index.diseases if not d.attrs.get("class") and d.attrs.get("group") == group}
    # the catch-all group holds nothing ("mucositis" does not stand for graft-versus-host disease)
    if not group or group == "other" or len(specific) != 1:
        return diseases
    return [target if d.attrs.get("class") and d.attrs.get("group") == group else d for d in diseases]


def _target_level(index: DocumentIndex, diseases: list[Mention], target: Mention | None) -> list[Mention]:
    """The diseases with a broader name of the (specific) target replaced by the target: the
    document names one population at two levels, and the record takes the most specific term the
    text supports. Only a target the title names itself: a target that is the body's narrower subtype
    of the title's disease ("Scleroderma" in the headline, "diffuse systemic sclerosis" in the body)
    leaves the broader name to another group the text reports on ("the first patients with systemic
    sclerosis treated with CAR-T"). Left as they are without an ontology."""
    if (target is None or target.attrs.get("class") or not target.id or index.ancestors is None
            or not index.layout.in_title(target.start)):
        return diseases
    lineage = set(index.ancestors(target.id))
    out: list[Mention] = []
    for d in diseases:
        chosen = target if d.id in lineage and not d.attrs.get("class") else d
        if not any(c.id == chosen.id for c in out):
            out.append(chosen)
    return out


def _population_level(index: DocumentIndex, diseases: list[Mention], target: Mention | None) -> list[Mention]:
    """The diseases with a broader name that the document never gives its patients replaced by the one
    narrower disease the patients have (:func:`_narrowed`), each disease once."""
    out: list[Mention] = []
    for d in diseases:
        chosen = _narrowed(index, d, target)
        if not any(c.id == chosen.id for c in out):
            out.append(chosen)
    return out


def _narrowed(index: DocumentIndex, disease: Mention, target: Mention | None) -> Mention:
    """A broader name that the document never gives its patients, read as the one narrower disease (an
    ontology descendant) it does name as their condition: "activity against breast and lung cancers" in
    a report whose patients are "68 patients with NSCLC" is about NSCLC, the most specific term the text
    supports. The narrower disease comes back at the broader mention's place in the text, so that the
    sentence's order still decides. A broader name the text also gives the patients ("patients with lung
    cancer"), the target, a class, or one with several such subtypes ("HER2-positive and triple-negative"
    breast cancer: their collective) stays as it is; so does everything without an ontology."""
    if (index.ancestors is None or not disease.id or disease.attrs.get("class")
            or disease.id in index.population_disease_ids or (target is not None and disease.id == target.id)):
        return disease
    narrower = population_subtypes(index, disease.id, disease.id)
    if len(narrower) != 1:
        return disease
    subtype = next(iter(narrower.values()))
    return replace(subtype, text=disease.text, start=disease.start, end=disease.end)


def duration_for(index: DocumentIndex, outcome: Mention) -> Mention | None:
    """The duration of the outcome's sentence, of the kind that fits it (remission or follow-up)."""
    in_sentence = index.in_sentence("DURATION", index.sentence(outcome))
    if not in_sentence:
        return None
    wanted = "remission" if outcome.norm in REMISSION_LIKE else "follow_up"
    preferred = [d for d in in_sentence if d.attrs.get("kind") == wanted]
    return (preferred or in_sentence)[0]
