"""Document-level anchors: which therapies were studied, which disease was treated.

A result sentence often names neither ("The overall response rate was 52%"); the claim is then
about the document's studied therapies (every arm of a trial, every drug of a regimen) and the
disease of its population. This module decides those, and the role of each therapy mention:

* ``arm``: a therapy that was given and whose results the text may report;
* ``background``: given to everyone or describing who was enrolled ("failed prior methotrexate",
  "on stable doses of prednisone", "steroid-refractory"): a therapy without records of its own;
* ``lymphodepletion``: conditioning before a cell therapy, never the treatment whose outcome is
  reported;
* ``example``: a drug the text names only as an example of a drug class ("antidepressants such as
  X and Y", ``class_example_cues``): the class is what it reports on, and a class is no therapy.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from cartmine.contract import CELL_MODALITIES
from cartmine.linking.config import LinkingConfig
from cartmine.linking.layout import DocumentLayout
from cartmine.result import Mention

#: between a product and its description set side by side ("its in vivo BCMA CAR-T, TSW-88", "X (BCMA CAR-T)")
APPOSITION = re.compile(r"\s*[,(]?\s*")
#: the coarse disease groups (``attrs["group"]``) whose classes may stand for a specific member
GROUP_HOLDS = {"cancer": frozenset({"cancer", "hematologic cancer"}),
               "hematologic cancer": frozenset({"hematologic cancer"}),
               "autoimmune disease": frozenset({"autoimmune disease"}), "infection": frozenset({"infection"})}
#: characters before a disease in which a contraindication or cause cue counts (``not_population_cues``)
NOT_POPULATION_REACH = 60
#: characters before a disease in which a prevention cue counts (``prevented_cues``)
PREVENTED_REACH = 40
#: characters before a disease in which a cue defines the document's condition as a form of it
DEFINED_REACH = 80
#: characters before a disease in which an other-indication cue counts (``other_indication_cues``)
OTHER_INDICATION_REACH = 120
#: between two diseases of one list of a drug's other indications ("for gout, psoriasis and asthma"),
#: or before a disease's abbreviation ("to treat Parkinson's disease (PD)")
INDICATION_LIST = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or|as\s+well\s+as)\s+)"
                             r"|\s*,?\s+(?:but\s+)?also\s+(?:for|in|to\s+treat)\s+|\s*\(\s*", re.IGNORECASE)
#: characters before a therapy mention in which a background cue counts
BACKGROUND_WINDOW = 60
#: longest text between two therapies given together or compared ("cisplatin 75 mg/m2 or cisplatin")
ARM_GAP = 40
CLAUSE_END = (";", ". ", ": ")
#: longest text between two drugs of labelled arms ("X 1 mg ( group A ) or 0.5 mg ( group B ) or Y")
LABEL_GAP = 60
#: a comma between two drugs of a list ("X, Y and Z")
LIST_COMMA = re.compile(r"\s*,\s*")
#: right before a title disease that names who was treated ("in patients with nosocomial pneumonia")
POPULATION_BEFORE = re.compile(r"\b(?:patients|adults|children|subjects|individuals)\s+with\s+(?:\w+\s+){0,2}$",
                               re.IGNORECASE)
#: right after a title disease word that names who was treated ("neutropenic patients")
POPULATION_AFTER = re.compile(r"\s+(?:patients|adults|children|subjects|individuals)\b", re.IGNORECASE)
#: right after a disease, a noun for the patients who have it ("one lupus patient", "the SSc cohort")
COHORT_AFTER = re.compile(r"(?:\s*\([^()]{1,15}\))?\s+(?:patients?|adults|children|subjects|individuals|participants|"
                          r"cohorts?|groups?|arms?|cases)\b", re.IGNORECASE)

#: characters before a title disease in which a symptom-target cue counts (``symptom_target_cues``)
SYMPTOM_TARGET_REACH = 160
#: a noun for people, in a symptom-target cue ("nausea in patients with X")
POPULATION_NOUN = re.compile(r"\b(?:patients|people|persons|adults|children|women|men|survivors|individuals)\b",
                             re.IGNORECASE)

#: characters before a disease in which an observed-event verb names it as an event (:func:`event_only`)
EVENT_REACH = 30
#: between two subgroups of one cohort ("eight with X and two with Y", "X, n = 3, and four patients with Y")
SUBGROUP_JOIN = re.compile(r"\s*(?:\(\s*n\s*=\s*\d+\s*\))?\s*[,;]?\s*(?:and\s+)?(?:[\w-]+\s+)(?:(?:patients?|cases?|"
                           r"participants?|subjects?)\s+)?(?:with|had)\s+", re.IGNORECASE)
#: right after a disease, a parenthesis (one level deep) that may split it into subgroups
UMBRELLA_PAREN = re.compile(r"\s*\([^()]{1,200}\)")
#: between two diseases of one list ("bowel, breast or prostate cancer", "melanoma and NSCLC")
DISEASE_LIST_JOIN = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+|\s*/\s*)", re.IGNORECASE)
#: between the examples a class introduces (:func:`listed_members`): commas, "and"/"or", and an
#: abbreviation in brackets ("non-small cell lung cancer (NSCLC), glioblastoma, and melanoma")
MEMBER_JOIN = re.compile(r"[\s,/()]*(?:(?:and|or|as\s+well\s+as)\s+)?[\s(]*", re.IGNORECASE)

#: disease-name endings and the adjective that names its patients ("neutropenia": "neutropenic
#: patients", "diabetes": "diabetic", "sepsis": "septic")
ADJECTIVE_ENDINGS = (("ia", "ic"), ("es", "ic"), ("sis", "tic"))


def patients_adjective(disease: Mention, text: str) -> bool:
    """Whether the text names its patients by the disease's adjective ("in severely neutropenic
    patients", "febrile neutropenic adults"): the condition they were treated in, even where the
    disease noun itself comes up only as an event or a baseline trait."""
    norm = (disease.norm or "").lower()
    for noun, adjective in ADJECTIVE_ENDINGS:
        if norm.endswith(noun) and len(norm) > len(noun) + 3 and " " not in norm:
            stem = norm[: -len(noun)]
            pattern = rf"\b{re.escape(stem)}{adjective}\s+(?:\w+\s+)?(?:patients|adults|children|subjects|individuals|people)\b"
            return re.search(pattern, text, re.IGNORECASE) is not None
    return False


def is_cell(mention: Mention) -> bool:
    return mention.attrs.get("modality") in CELL_MODALITIES


def therapy_role(mention: Mention, layout: DocumentLayout, config: LinkingConfig, examples: bool = True) -> str:
    """``arm``, ``background``, ``lymphodepletion`` or (with ``examples``) ``example`` (see the module
    docstring)."""
    start, end = layout.sentences[layout.sentence_of(mention.start)]
    sentence = layout.text[start:end]
    if config.lymphodepletion.search(sentence) and not is_cell(mention):
        return "lymphodepletion"
    before = layout.text[max(start, mention.start - BACKGROUND_WINDOW):mention.start]
    cut = max(before.rfind(c) for c in CLAUSE_END)
    if cut >= 0:
        before = before[cut + 1:]
    if examples and config.class_example.search(before):
        return "example"
    after = layout.text[mention.end:min(end, mention.end + 30)]
    received = list(config.background_reset.finditer(before))
    if received:
        before = before[received[-1].end():]  # "after failing X, she received <mention>": given now
    if config.background.search(before) or config.background_suffix.match(after):
        return "background"
    return "arm"


@dataclass
class DocumentIndex:
    """The mentions of one document sorted by label and placed in their sentences."""

    layout: DocumentLayout
    config: LinkingConfig
    mentions: list[Mention]
    #: a disease id's is_a ancestors (the Disease Ontology's), or None where the linker has no ontology
    ancestors: Callable[[str], Sequence[str]] | None = None
    by_label: dict[str, list[Mention]] = field(default_factory=dict)
    roles: dict[int, str] = field(default_factory=dict)
    _diseases: list[Mention] | None = None
    _population_ids: frozenset[str | None] | None = None
    _symptom_ids: frozenset[str | None] | None = None
    _article_end: int | None = None
    _sentences: dict[int, int] = field(default_factory=dict)
    _by_sentence: dict[tuple[str, int], list[Mention]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for m in sorted(self.mentions, key=lambda m: (m.start, -m.end)):
            self.by_label.setdefault(m.label, []).append(m)
            self._sentences[id(m)] = sentence = self.layout.sentence_of(m.start)
            self._by_sentence.setdefault((m.label, sentence), []).append(m)
        for t in self.label("THERAPY"):
            self.roles[id(t)] = therapy_role(t, self.layout, self.config)
        # a drug named as a class example somewhere and on its own elsewhere is no mere example
        own = {t.norm for t in self.label("THERAPY") if self.roles[id(t)] != "example"}
        for t in self.label("THERAPY"):
            if self.roles[id(t)] == "example" and t.norm in own:
                self.roles[id(t)] = therapy_role(t, self.layout, self.config, examples=False)

    def label(self, label: str) -> list[Mention]:
        return self.by_label.get(label, [])

    def sentence(self, mention: Mention) -> int:
        found = self._sentences.get(id(mention))
        return self.layout.sentence_of(mention.start) if found is None else found

    def in_sentence(self, label: str, index: int) -> list[Mention]:
        return self._by_sentence.get((label, index), [])

    def role(self, therapy: Mention) -> str:
        return self.roles.get(id(therapy), "arm")

    @property
    def arms(self) -> list[Mention]:
        return [t for t in self.label("THERAPY") if self.role(t) == "arm"]

    @property
    def article_end(self) -> int:
        """Where the article ends: the first furniture line after the title (``furniture_cues``),
        else the end of the text."""
        if self._article_end is None:
            found = self.config.furniture.search(self.layout.text, self.layout.body_offset)
            self._article_end = found.start() if found else len(self.layout.text)
        return self._article_end

    @property
    def population_disease_ids(self) -> frozenset[str | None]:
        """Ids of the diseases the document names as its patients' condition somewhere: in the
        title, or right after a population or treatment cue ("patients with", "treatment of",
        "in"), or right before a population noun ("lupus patients"); and the diseases listed with such
        a mention ("patients with bowel, breast or prostate cancer", "melanoma and NSCLC patients"),
        where the cue stands next to only the first or the last of the list."""
        if self._population_ids is None:
            ordered = sorted(self.diseases, key=lambda m: m.start)
            named = {id(d) for d in ordered if self.names_patients(d)}
            for _ in range(2):  # forward along each list, then backward
                for a, b in pairwise(ordered):
                    if (id(a) in named) != (id(b) in named) and self._listed_together(a, b):
                        named |= {id(a), id(b)}
                ordered.reverse()
            self._population_ids = frozenset(d.id for d in self.diseases if id(d) in named)
        return self._population_ids

    def _listed_together(self, a: Mention, b: Mention) -> bool:
        """Whether two disease mentions are neighbours in one list ("X, Y or Z") of one sentence."""
        first, second = (a, b) if a.start <= b.start else (b, a)
        return (self.sentence(first) == self.sentence(second)
                and bool(DISEASE_LIST_JOIN.fullmatch(self.layout.text, first.end, second.start)))

    def names_patients(self, d: Mention) -> bool:
        """Whether this mention names the disease as the patients' condition: in the title, after a
        population or treatment cue ("patients with", "treatment of", "in"; not a contraindication),
        before a population noun ("lupus patients"), or as the patients' adjective ("diabetic adults")."""
        return (self.layout.in_title(d.start) or (not self.contraindicated(d) and self.condition_cue(d))
                or patients_adjective(d, self.layout.text))

    def condition_cue(self, d: Mention, treatment: bool = True) -> bool:
        """Whether the words around this mention make it the patients' condition: a population or
        (with ``treatment``) treatment cue before it ("patients with", "treatment of", "in") or a
        population noun after it ("lupus patients")."""
        text = self.layout.text
        # "in relapsed/refractory lymphoma": compound modifiers count as words
        before = re.sub(r"[/-]", " ", text[max(0, d.start - 40):d.start])
        return bool(self.config.population.search(before) or (treatment and self.config.treated.search(before))
                    or COHORT_AFTER.match(text, d.end))

    def _cue_before(self, d: Mention, cue: re.Pattern[str], reach: int) -> re.Match[str] | None:
        """A cue in the ``reach`` characters right before a mention, within its sentence."""
        start = self.layout.sentences[self.sentence(d)][0]
        return cue.search(self.layout.text, max(start, d.start - reach), d.start)

    @property
    def symptom_population_ids(self) -> frozenset[str | None]:
        """Ids of the diseases the title names only as who has the symptom the treatment targets
        ("for the treatment of hot flashes in breast cancer patients", "eases anxiety in people with
        cancer": :meth:`symptom_cued`): an efficacy result is the symptom's, not that disease's
        (contract: the record's disease is the condition the result is about; a symptom with no
        ontology term gives null)."""
        if self._symptom_ids is None:
            self._symptom_ids = frozenset(d.id for d in self.symptom_cued(
                [d for d in self.label("DISEASE") if self.layout.in_title(d.start)]))
        return self._symptom_ids

    def symptom_cued(self, diseases: list[Mention]) -> list[Mention]:
        """The mentions that a symptom-target cue names as who has the symptom treated ("melatonin for
        sleep problems in children with X": ``symptom_target_cues`` right before the disease in its
        sentence, with a population noun in the cue or right after the disease, "in X patients"). Not
        the other diseases of a list ("in children with X or Y"): each of them may be the condition
        a result is stated for, so no mention of such a list counts."""
        cued = []
        for d in diseases:
            cue = self._cue_before(d, self.config.symptom_target, SYMPTOM_TARGET_REACH)
            if cue and (POPULATION_NOUN.search(cue.group(0)) or COHORT_AFTER.match(self.layout.text, d.end)):
                cued.append(d)
        return [d for d in cued if not any(o.id != d.id and self._listed_together(d, o) for o in diseases)]

    def other_indications(self, diseases: list[Mention]) -> list[Mention]:
        """The mentions a sentence names as a therapy's other, earlier or approved indication
        ("X, usually used for narcolepsy and sleep apnoea, was tested in ...": ``other_indication_cues``
        right before the disease, or a list joining it to such a mention; "a common dementia drug":
        ``indication_label_cues`` right after it), where the document names another disease as its
        patients' condition: a drug's other uses are no population. Where it names none, the
        indication may well be the document's subject, so nothing is dropped."""
        text = self.layout.text
        cued: list[Mention] = []
        labels: set[int] = set()
        for d in sorted(diseases, key=lambda m: m.start):
            start = self.layout.sentences[self.sentence(d)][0]
            if self.config.indication_label.match(text, d.end):
                labels.add(id(d))
            if (id(d) in labels or self._cue_before(d, self.config.other_indication, OTHER_INDICATION_REACH)
                    or any(c.start >= start and (c.start == d.start or INDICATION_LIST.fullmatch(text, c.end, d.start))
                           for c in cued[-1:])):
                cued.append(d)
        if not cued:
            return []
        cued_ids = {id(c) for c in cued}
        rest = [d for d in diseases if id(d) not in cued_ids]
        # the patients' own disease: one named as their condition, or one the text keeps coming back
        # to ("a form of pulmonary edema ... swimming-induced pulmonary edema")
        counts = Counter(d.id for d in rest)
        patients = {d.id for d in rest if self.names_patients(d) or counts[d.id] > 1}
        # a label ("a dementia drug", ``indication_label_cues``) is more often the patients' own disease
        # than a cue is, so it yields less: never where the text calls people its patients ("a new
        # psoriasis drug ... in patients with psoriasis"), nor to a disease of its class ("a cancer
        # drug" in a lymphoma trial); in the body only to a disease the text names as its patients'
        # in so many words, in a headline only to another disease of the headline ("dementia drug
        # helps in Parkinson's"): a headline naming one disease is about it
        own = {d.id for d in rest if self.has_patients(d)}
        title = {d.id for d in rest if self.layout.in_title(d.start)}

        def other_use(c: Mention) -> bool:
            if id(c) not in labels:
                return True
            rivals = title if self.layout.in_title(c.start) else own
            return c.id not in own and any(not self._related(c.id, p) for p in rivals - {c.id, None})

        return [c for c in cued if patients - {c.id, None} and other_use(c)]

    def has_patients(self, d: Mention) -> bool:
        """Whether the words around this mention name people who have it ("patients with X", "X
        patients", "diabetic adults"), as a treatment cue ("drugs to treat X") does not."""
        return self.condition_cue(d, treatment=False) or patients_adjective(d, self.layout.text)

    def _related(self, a: str | None, b: str | None) -> bool:
        """Whether one disease id is the other's ontology ancestor: "a cancer drug" in a lymphoma
        trial labels the drug by the patients' own disease class, not by another indication."""
        if not a or not b or self.ancestors is None:
            return False
        return a in self.ancestors(b) or b in self.ancestors(a)

    def event_named_as_population(self, disease: Mention) -> bool:
        """Whether a disease of the adverse-event list is named as the patients' condition: in the
        title after a population or treatment cue ("clarithromycin in mild pneumonia", "for pregnant
        women with flu", "children of non-severe pneumonia"), or in a body sentence that enrols or
        assigns the patients ("nine patients with renal anaemia were enrolled": ``enrolment_cues``,
        ``design_cues``) right after a population cue (``event_population_cues``). Not one the
        treatment prevents or must not be given in. An event of treatment ("five patients with
        neutropenia had fevers") is named in a result sentence, not an enrolling one."""
        if prevented(self, disease) or self.contraindicated(disease):
            return False
        text = self.layout.text
        before = re.sub(r"[/-]", " ", text[max(0, disease.start - 50):disease.start])
        if self.layout.in_title(disease.start):
            return bool(self.condition_cue(disease) or self.config.event_population.search(before))
        return bool(self.config.event_population.search(before) and self.enrolling(disease))

    def enrolling(self, mention: Mention) -> bool:
        """Whether the mention's sentence enrols the study's patients or assigns them to arms
        ("were enrolled", "were randomized to": ``enrolment_cues``, ``design_cues``)."""
        sentence = self.layout.sentence_text(self.sentence(mention))
        return bool(self.config.enrolment.search(sentence) or self.config.design.search(sentence))

    def contraindicated(self, disease: Mention) -> bool:
        """Whether the text names the disease as one the treatment must not be given in or one that
        causes the treated symptom ("should not be used in patients with heart failure", "caused by
        conditions such as diabetes"): its patients are not the population, whatever cue follows."""
        return bool(self.config.not_population.search(self.layout.text, max(0, disease.start - NOT_POPULATION_REACH),
                                                       disease.start))

    @property
    def diseases(self) -> list[Mention]:
        """Disease mentions a record may name: not adverse events of treatment (listed ones, unless
        the title names them as the population, "in patients with nosocomial pneumonia",
        "neutropenic patients"; and those that are an outcome's own words, "serious bacterial
        infections", unless the title names them), not qualifiers of another disease
        ("HIV-associated lymphoma"), not a therapy's other indications where the document names
        its patients' own disease (:meth:`other_indications`)."""
        if self._diseases is None:
            outcomes = [(o.start, o.end) for o in self.label("OUTCOME")]
            text = self.layout.text
            in_title = {d.id for d in self.label("DISEASE") if self.layout.in_title(d.start)}
            population = {d.id for d in self.label("DISEASE") if (self.layout.in_title(d.start)
                          and (POPULATION_BEFORE.search(text[max(0, d.start - 50):d.start])
                               or POPULATION_AFTER.match(text, d.end))) or patients_adjective(d, text)
                          or self.event_named_as_population(d)}
            kept = [
                d for d in self.label("DISEASE")
                if (d.norm not in self.config.adverse_event_diseases or d.id in population)
                and (d.id in in_title or not any(s < d.end and d.start < e for s, e in outcomes))
                and not self.config.disease_qualifier.match(text, d.end)
            ]
            other = {id(o) for o in self.other_indications(kept)}
            self._diseases = [d for d in kept if id(d) not in other]
        return self._diseases


def main_therapy(index: DocumentIndex) -> str | None:
    """The therapy the document is about: the most mentioned one, title mentions and cell
    therapies counting extra (lymphodepletion and background therapies do not count)."""
    pool = [t for t in index.label("THERAPY") if index.role(t) != "lymphodepletion"]
    pool = [t for t in pool if index.role(t) == "arm"]
    score: Counter[str] = Counter()
    first: dict[str, int] = {}
    previous: dict[str, Mention] = {}
    for t in pool:
        if t.norm is None:
            continue
        before, previous[t.norm] = previous.get(t.norm), t
        if before is not None and before.end <= t.start and APPOSITION.fullmatch(index.layout.text, before.end, t.start):
            continue  # "its BCMA CAR-T, TSW-88": a product and its description side by side name it once
        score[t.norm] += (1.5 if index.layout.in_title(t.start) else 1.0) + (0.5 if is_cell(t) else 0.0)
        first.setdefault(t.norm, t.start)
    return max(score, key=lambda n: (score[n], -first[n])) if score else None


def co_arm_links(index: DocumentIndex, sentence: int, connectors: re.Pattern[str] | None = None,
                 labels: re.Pattern[str] | None = None) -> list[tuple[str, str]]:
    """Pairs of therapies given together or compared in one sentence ("docetaxel plus cisplatin",
    "rituximab versus azathioprine", "aprindine (40 mg/day), digoxin (0.25 mg/day) or placebo").

    Neighbouring therapy mentions are linked when the words between them are few, hold an arm
    connector and no clause of their own (``arm_connectors``, ``arm_gap_breaks`` in the linking
    data: "cyclophosphamide and glucocorticoids were randomised to rituximab" links nothing);
    a regimen's drugs share one span. ``connectors`` is the arm-connector list to use (``None``:
    only a regimen's shared span links). With ``labels`` (``arm_label_cues``), a gap that names the
    next arm's label links the drugs around it, though it holds a verb ("group A received X, group
    B received Y", "X 1 mg (group A) or Y 5 mg (group B)"): each labelled group is an arm.
    """
    text = index.layout.text
    named = [t for t in index.in_sentence("THERAPY", sentence) if index.role(t) == "arm" and t.norm]
    links = []
    for a, b in pairwise(named):
        gap = text[a.end:b.start]
        connected = (connectors is not None and len(gap) <= ARM_GAP and connectors.search(gap)
                     and not index.config.arm_gap_break.search(gap))
        labelled = (labels is not None and len(gap) <= LABEL_GAP and labels.search(gap)
                    and not any(c in gap for c in CLAUSE_END))
        if a.start == b.start or connected or labelled:
            links.append((a.norm, b.norm))
    return links


def regimen_links(index: DocumentIndex, sentence: int) -> list[tuple[str, str]]:
    """Pairs of drugs in a list that the sentence names a regimen right before or after it ("a
    combination of X and Y", "X, Y and Z combination therapy": ``regimen_cues``,
    ``regimen_suffix_cues``): each drug of a named regimen shares its results."""
    text = index.layout.text
    start = index.layout.sentences[sentence][0]
    config = index.config
    named = [t for t in index.in_sentence("THERAPY", sentence) if index.role(t) == "arm" and t.norm]
    runs: list[list[Mention]] = []
    for t in named:
        gap = text[runs[-1][-1].end:t.start] if runs else ""
        if runs and (t.start == runs[-1][-1].start or (
                len(gap) <= ARM_GAP and (config.together.search(gap) or LIST_COMMA.fullmatch(gap))
                and not config.arm_gap_break.search(gap))):
            runs[-1].append(t)
        else:
            runs.append([t])
    # "one third of the patients received X 400 mg followed by Y + Z": drugs joined only by words that mean
    # given together, in a sentence giving the patients their treatment, are one arm's regimen
    given = bool(config.treatment_given.search(index.layout.sentence_text(sentence)))
    links = []
    for run in runs:
        names = list(dict.fromkeys(t.norm for t in run if t.norm))
        joined = given and all(a.start == b.start or config.regimen_join.search(text[a.end:b.start])
                               for a, b in pairwise(run))
        if len(names) > 1 and (joined or config.regimen.search(text[max(start, run[0].start - 40):run[0].start])
                               or config.regimen_suffix.match(text[run[-1].end:run[-1].end + 60])):
            links += list(pairwise(names))
    return links


def studied_therapies(index: DocumentIndex) -> list[str]:
    """The therapies whose results the document reports when a sentence names none.

    The main therapy and every therapy given with it or compared with it as an arm, in the title
    or in a sentence that assigns patients to arms ("randomly assigned to docetaxel plus
    cisplatin or cisplatin"): each arm of a trial; and each drug of a regimen named anywhere.
    In a document whose title is about a combination ("Combination approach shows promise": a
    ``combination_cues`` match), therapies given together in any sentence of the article ("X and
    the experimental agent Y", ``together_connectors``) are the combination's drugs, studied too:
    its results ("7 of 9 responded to the combination") are each drug's. So are the drugs that a
    sentence names together as a regimen ("patients given X, Y and Z combination therapy":
    ``regimen_cues``, :func:`regimen_links`), in any document. Where the article counts its drugs
    ("all three drugs") and names exactly that many as arms, each of them is studied
    (:func:`counted_arms`). A sentence about a study that has not reported yet (``upcoming_study_cues``)
    links no arms.
    """
    main = main_therapy(index)
    if main is None:
        return []
    layout = index.layout
    config = index.config
    combination = bool(config.combination.search(layout.text, 0, layout.body_offset))

    def connectors(s: int) -> re.Pattern[str] | None:
        in_title, sent = layout.in_title(layout.sentences[s][0]), layout.sentence_text(s)
        if not in_title and config.upcoming_study.search(sent):
            return None  # "a second trial comparing X with Y is enrolling": no arms of this study
        if in_title or config.design.search(sent) or config.arm_label.search(sent):
            return config.arm_connector
        return config.together if combination and layout.sentences[s][0] < index.article_end else None

    sentences = sorted({index.sentence(t) for t in index.arms})
    links = [link for s in sentences for link in co_arm_links(index, s, connectors(s), config.arm_label)]
    links += [link for s in sentences if layout.sentences[s][0] < index.article_end for link in regimen_links(index, s)]
    studied = [main]
    grew = True
    while grew:
        grew = False
        for a, b in links:
            for x, y in ((a, b), (b, a)):
                if x in studied and y not in studied:
                    studied.append(y)
                    grew = True
    return counted_arms(index, studied)


#: number words of ``arm_count_cues``
COUNT_WORDS = {"both": 2, "two": 2, "three": 3, "four": 4, "five": 5}


def arm_count(text: str, config: LinkingConfig) -> int | None:
    """How many of the study's drugs a sentence refers to as a group ("all three drugs": 3, "both
    agents": 2; ``arm_count_cues``), or None where it refers to none."""
    found = config.arm_count.search(text)
    if found is None:
        return None
    return next((COUNT_WORDS[w] for w in re.findall(r"\w+", found.group(0).lower()) if w in COUNT_WORDS), None)


def counted_arms(index: DocumentIndex, studied: list[str]) -> list[str]:
    """The studied therapies completed by the article's own count of them: where a sentence refers to
    the study's drugs by their number ("comparing three drugs", "all three drugs improved vision") and
    the article names exactly that many drugs as arms (not background, conditioning or class
    examples), every one of them is a studied arm, though no title or design sentence joins them
    ("$1960 for X, $1200 for Y and $70 for Z")."""
    layout = index.layout
    arms = list(dict.fromkeys(t.norm for t in index.arms if t.norm and t.start < index.article_end))
    if len(studied) >= len(arms) or not set(studied) <= set(arms):
        return studied
    counts = {arm_count(layout.sentence_text(s), index.config) for s in range(len(layout.sentences))
              if layout.sentences[s][0] < index.article_end}
    if len(arms) not in counts:
        return studied
    return [*studied, *(a for a in arms if a not in studied)]


def arm_partners(index: DocumentIndex) -> dict[str, set[str]]:
    """For each therapy, the drugs given together with it in the title or a design sentence
    ("piperacillin/tazobactam plus tobramycin versus ceftazidime plus tobramycin": tobramycin is
    piperacillin's and ceftazidime's partner, not their comparator)."""
    layout = index.layout
    partners: dict[str, set[str]] = {}
    for s in sorted({index.sentence(t) for t in index.arms}):
        if layout.in_title(layout.sentences[s][0]) or index.config.design.search(layout.sentence_text(s)):
            for a, b in co_arm_links(index, s, index.config.together):
                if a != b:
                    partners.setdefault(a, set()).add(b)
                    partners.setdefault(b, set()).add(a)
    return partners


def disease_group(disease: Mention) -> str | None:
    """Coarse disease group (autoimmune, hematologic cancer...) read from the ontology hierarchy."""
    return disease.attrs.get("group")


def covers(broad: Mention, narrow: Mention) -> bool:
    """Whether a disease class may stand for a specific disease: a group that holds the other's
    (``GROUP_HOLDS``: "cancer" holds "hematologic cancer"). The catch-all group "other" holds
    nothing ("anxiety" does not stand for depression)."""
    inner = disease_group(narrow)
    return inner is not None and inner in GROUP_HOLDS.get(disease_group(broad) or "", ())


def specific_member(index: DocumentIndex, disease: Mention) -> Mention:
    """The one specific disease a class stands for: the only disease of its group that the
    document names as its patients' condition ("In a lethal type of leukemia" in a document about
    AML patients is AML). The class itself where there are none or several, or where the one is
    only a subgroup of the patients beside another the class's own term names ("eight with
    granulomatosis with polyangiitis and two with microscopic polyangiitis", the latter normalised
    to the class): :func:`split_cohort`. Of several, the one the text names as their umbrella
    ("six patients with myopathies (four with dermatomyositis, two with antisynthetase syndrome)"):
    :func:`umbrella_member`."""
    if not disease.attrs.get("class"):
        return disease
    members = {d.id: d for d in index.diseases if not d.attrs.get("class") and covers(disease, d)
               and d.id in index.population_disease_ids}
    if len(members) == 1:
        member = next(iter(members.values()))
        return disease if split_cohort(index, member, disease) else member
    return umbrella_member(index, list(members.values())) or disease


def listed_members(index: DocumentIndex, disease: Mention) -> list[Mention]:
    """The specific diseases a class mention is followed by as its examples in its sentence ("a variety
    of cancer types, including breast cancer, non-small cell lung cancer (NSCLC), glioblastoma and
    melanoma": ``class_members_cues`` right after the class, then a list): a result stated for the class
    there is each listed disease's, the most specific terms the text supports. Empty for a specific
    disease, or a class with no such list."""
    if not disease.attrs.get("class"):
        return []
    text = index.layout.text
    cue = index.config.class_members.match(text, disease.end)
    if cue is None:
        return []
    sentence = index.sentence(disease)
    members: list[Mention] = []
    cursor = cue.end()
    for d in sorted((d for d in index.diseases if d.start >= cue.end() and index.sentence(d) == sentence),
                    key=lambda m: m.start):
        if d.start < cursor:
            continue  # a second mention of one span
        if not MEMBER_JOIN.fullmatch(text, cursor, d.start):
            break
        if not d.attrs.get("class"):
            members.append(d)
        cursor = d.end
    return list({d.id: d for d in members}.values())


def split_cohort(index: DocumentIndex, member: Mention, disease: Mention) -> bool:
    """Whether the text names ``member`` as one subgroup of the patients beside a subgroup named by
    the class's own term (``SUBGROUP_JOIN``: "eight with X and two with Y", Y normalised to the
    class): the class, not the member, is then the whole cohort's condition."""
    text = index.layout.text
    mentions = index.label("DISEASE")
    for m in (d for d in mentions if d.id == member.id and not index.layout.in_title(d.start)):
        for other in mentions:
            if other.id != disease.id or index.sentence(other) != index.sentence(m):
                continue
            first, second = (m, other) if m.start < other.start else (other, m)
            if SUBGROUP_JOIN.fullmatch(text, first.end, second.start):
                return True
    return False


def umbrella_member(index: DocumentIndex, members: list[Mention]) -> Mention | None:
    """The member whose mention a parenthesis right after it splits into all the other members
    ("patients with idiopathic inflammatory myopathies (four with dermatomyositis, two with
    antisynthetase syndrome)"): the text's own umbrella term for the cohort. None without one."""
    text = index.layout.text
    ids = {m.id for m in members}
    for m in index.label("DISEASE"):
        if m.id not in ids:
            continue
        paren = UMBRELLA_PAREN.match(text, m.end)
        if paren is None:
            continue
        inside = {d.id for d in index.label("DISEASE") if m.end < d.start and d.end <= paren.end()}
        if ids - {m.id} <= inside:
            return next(d for d in members if d.id == m.id)
    return None


def population_subtypes(index: DocumentIndex, ancestor: str, exclude: str,
                        body_only: bool = False) -> dict[str, Mention]:
    """The diseases the document names as its patients' condition that the ontology files under
    ``ancestor``, other than ``exclude``, one mention per id (the last); only the body's with
    ``body_only``. Shared by :func:`narrower_population` (a title's term) and the pairing's reading
    of a broader name in a result sentence; empty without an ontology."""
    ancestors = index.ancestors
    if ancestors is None:
        return {}
    return {d.id: d for d in index.diseases
            if d.id and d.id != exclude and not (body_only and index.layout.in_title(d.start))
            and d.id in index.population_disease_ids and ancestor in ancestors(d.id)}


def narrower_population(index: DocumentIndex, disease: Mention) -> Mention:
    """The one narrower disease the body names as its patients' condition where the title uses a
    broader term of the ontology: a headline's "skin cancer" or "liver cancer" is the body's
    "patients with Merkel cell carcinoma" or "advanced hepatocellular carcinoma" (the most specific
    term the text supports). Only a subtype the document names more often than the title's term, or
    names in a sentence assigning patients to arms ("120 children with Dravet syndrome were
    randomized"), is its subject: "MS" in the title and the body, with "both had primary
    progressive MS" once, stays MS. A title term qualified by the patients' age ("childhood leukemia")
    covers the subtypes of its parent ("acute lymphoblastic leukemia"), which the ontology files beside
    it. The title's disease itself where the body names no such subtype or several, where it lists the
    subtype with another condition of the cohort (:func:`listed_with_sibling`), or where the linker has
    no ontology."""
    if index.ancestors is None or not disease.id:
        return disease
    lineage = index.ancestors(disease.id)
    # "childhood leukemia" in a headline over "high-risk ALL patients" in the body: an age-qualified
    # term (``age_qualified_cues``) is filed beside the subtypes it covers, under its parent
    broad = lineage[0] if lineage and index.config.age_qualified.match(disease.norm or "") else disease.id
    narrower = population_subtypes(index, broad, disease.id, body_only=True)
    if len(narrower) != 1:
        return disease
    counts = Counter(d.id for d in index.label("DISEASE"))
    subtype = next(iter(narrower.values()))
    if listed_with_sibling(index, subtype, disease):
        return disease
    enrolled = any(d.id == subtype.id and index.config.design.search(index.layout.sentence_text(index.sentence(d)))
                   for d in index.diseases)
    return subtype if enrolled or counts[subtype.id] >= counts[disease.id] else disease


def listed_with_sibling(index: DocumentIndex, subtype: Mention, broad: Mention) -> bool:
    """Whether the body lists the subtype with another disease the title's broader term stands for
    too ("patients with refractory dermatomyositis or antisynthetase syndrome" under a headline's
    "myositis"), though the ontology files that one elsewhere: the cohort is both, and the title's
    term is the one name the text gives all of it. Only a disease the document names as its
    patients' condition and that is no ancestor of the title's disease ("cancer" beside "lung
    cancer" is no subgroup)."""
    lineage = set(index.ancestors(broad.id)) if index.ancestors is not None and broad.id else set()
    mentions = [d for d in index.diseases if not index.layout.in_title(d.start)]
    for m in (d for d in mentions if d.id == subtype.id):
        for other in mentions:
            if (other.id not in (subtype.id, broad.id, None) and other.id not in lineage
                    and other.id in index.population_disease_ids and index._listed_together(m, other)):
                return True
    return False


def prevented(index: DocumentIndex, disease: Mention) -> bool:
    """Whether the text names this mention as what the treatment prevents ("prophylaxis against X",
    "to prevent X", "reduce the risk of X": ``prevented_cues``), and not its coming back
    (``recurrence_cues``: "prevention of ulcer recurrence")."""
    text = index.layout.text
    lo = max(0, disease.start - PREVENTED_REACH)
    if not index.config.prevented.search(text, lo, disease.start):
        return False
    # "prevention of duodenal ulcer recurrence", "preventing relapse of AF": what is prevented is the
    # disease coming back, so the patients have it
    return not (index.config.recurrence.match(text, disease.end)
                or index.config.recurrence_before.search(text, lo, disease.start))


def prevented_only(index: DocumentIndex, disease: Mention) -> bool:
    """Whether the text names a disease only as what the treatment prevents: this mention follows a
    prevention cue, and no mention of the disease follows a population or treatment cue ("patients
    with X", "treatment of X"), precedes a population noun ("X patients") or is the patients'
    adjective. Patients who are to be kept from getting a disease do not have it (contract: lowering
    the risk of getting a disease is no outcome), but "preventing recurrence of AF in patients with
    AF" is about AF patients."""
    if not prevented(index, disease):
        return False  # another mention of it may still be prevented: only this one is judged
    return not any(d.id == disease.id and names_condition(index, d) for d in index.label("DISEASE"))


def names_condition(index: DocumentIndex, disease: Mention) -> bool:
    """Whether this mention names the disease as the patients' condition by its own words, wherever
    it stands (title or body): after a population or treatment cue, before a population noun, or as
    the patients' adjective; not after a prevention or contraindication cue."""
    if prevented(index, disease) or index.contraindicated(disease):
        return False
    return index.condition_cue(disease) or patients_adjective(disease, index.layout.text)


def event_only(index: DocumentIndex, disease: Mention) -> bool:
    """Whether the body names this disease only as an event of treatment: some body mention follows
    an observed-event verb in its clause ("two patients developed X", ``observed_event_cues``) and
    none names it as the patients' condition (:func:`names_condition`)."""
    body = [b for b in index.diseases if b.id == disease.id and not index.layout.in_title(b.start)]
    text = index.layout.text
    evented = any(index.config.observed_event.search(text[max(0, b.start - EVENT_REACH):b.start].split(",")[-1])
                  for b in body)
    return evented and not any(names_condition(index, b) for b in body)


def procedure_population(index: DocumentIndex) -> bool:
    """Whether a title naming no disease names the patients by a procedure they undergo ("in patients
    undergoing major abdominal surgery", "PEG gastropexy does not require prophylactic antibiotics":
    ``procedure_population_cues``): the trial reports on the procedure's complications, which have no
    Disease Ontology term (contract: their records have disease null), and a disease the body names for
    who had the procedure is the reason for it or a risk criterion, not the document's target. Only
    where the title has text of its own (a body offset)."""
    body = index.layout.body_offset
    return body > 0 and bool(index.config.procedure_population.search(index.layout.text, 0, body))


def defines_condition(index: DocumentIndex, disease: Mention) -> bool:
    """Whether the text names this disease as what the condition it is about is a form of
    ("retinal angiomatous proliferation, a neovascular form of age-related macular degeneration",
    "what used to be called trochanteric bursitis": ``defined_condition_cues``, in its sentence).
    The condition itself often has no Disease Ontology term; the disease it is defined by is the
    most specific term the text supports (contract), so it is the patients' condition. Where the
    defined condition is a disease mention itself ("hepatocellular carcinoma (HCC), a form of liver
    cancer", "adenocarcinoma, the most common type of lung cancer") that narrower term is the one the
    text supports, and the broader one it is filed under is no population."""
    cue = index._cue_before(disease, index.config.defined_condition, DEFINED_REACH)
    if cue is None:
        return False
    text = index.layout.text
    return not any(d.end <= cue.start() and not text[d.end:cue.start()].strip(" )]")
                   for d in index.label("DISEASE"))


def target_disease(index: DocumentIndex) -> Mention | None:
    """The disease the document is about: the title's disease; when the title names several
    diseases of one group (e.g. three autoimmune diseases) the class the text uses for them."""
    diseases = index.diseases
    if not diseases:
        return None
    # a title disease the treatment only prevents ("prophylaxis against thrombosis after hip
    # replacement", "protection against heart disease in men with low testosterone") is no population,
    # unless the text names it as the patients' condition too ("patients with paroxysmal AF")
    title = [d for d in diseases if index.layout.in_title(d.start)]
    # "melatonin for sleep problems in children with autism": the title's disease only says who has
    # the symptom treated; another title disease ("anxiety and depression in people with cancer") is
    # the target, and with none the result is the symptom's alone (no ontology term: no target)
    symptom_populations = index.symptom_population_ids
    if title and symptom_populations:
        title = [d for d in title if d.id not in symptom_populations]
        if not title:
            return None
    only_prevented = [d for d in title if prevented_only(index, d)]
    if only_prevented:
        # ... and another title disease then stands for the patients only where the text says they
        # have it ("some women had a history of X" is a risk factor, not who was treated)
        prevented_ids, skip = {d.id for d in only_prevented}, {id(d) for d in only_prevented}
        title = [d for d in title if id(d) not in skip and (d.id in prevented_ids or names_condition(index, d))]
    specific_title = list({d.id: d for d in title if not d.attrs.get("class")}.values())
    if index.ancestors is not None and len(specific_title) > 1:
        # "Glaucoma surgery in patients with primary open-angle glaucoma": a title disease that is an
        # ontology ancestor of another title disease is the same population named more broadly; the
        # narrower term is the most specific one the text supports
        broader = {a for d in specific_title if d.id for a in index.ancestors(d.id)}
        specific_title = [d for d in specific_title if d.id not in broader] or specific_title
    classes = [d for d in diseases if d.attrs.get("class")]
    if len(specific_title) == 1:
        return narrower_population(index, specific_title[0])
    if len(specific_title) > 1:
        groups = {disease_group(d) for d in specific_title}
        same_group = [c for c in classes if len(groups) == 1 and disease_group(c) in groups]
        if same_group:
            return same_group[0]
        # "prophylaxis of pneumonia in patients with AIDS": the patients' disease is the population
        text = index.layout.text
        population = [d for d in specific_title if POPULATION_BEFORE.search(text[max(0, d.start - 50):d.start])
                      or index.config.population.search(text[max(0, d.start - 30):d.start]) or patients_adjective(d, text)]
        if not population and event_only(index, specific_title[0]):
            # "FDA lifts hold on X after parkinsonism cases; myeloma data ...": a title disease the body
            # names only as an event of treatment ("two patients developed parkinsonism") yields to
            # one the body names as its patients' condition ("412 patients with relapsed myeloma")
            population = [d for d in specific_title[1:] if any(
                b.id == d.id and not index.layout.in_title(b.start) and names_condition(index, b) for b in diseases)]
        return (population or specific_title)[0]
    if title:
        return specific_member(index, title[0])
    if procedure_population(index):
        return None
    # with no disease in the title, the population's disease is one the text says patients have or
    # were treated for ("patients with", "treatment of"); a disease only prevented or listed among
    # events ("blood clots, pulmonary embolus and death") is no population
    text = index.layout.text
    # ... or that names the enrolled patients ("RA patients were randomized to X or Y")
    pool = [d for d in diseases if not d.attrs.get("class") and not index.contraindicated(d) and not prevented(index, d)
            and (index.config.population.search(text[max(0, d.start - 40):d.start])
                 or index.config.treated.search(text[max(0, d.start - 40):d.start])
                 or patients_adjective(d, text) or (COHORT_AFTER.match(text, d.end) and index.enrolling(d))
                 or defines_condition(index, d))]
    # a class the patients have or are treated for ("patients with cancer", "treatment of
    # gastro-oesophageal reflux disease"), or that names the enrolled patients ("29 glomerulonephritis
    # patients were randomized"; not "also being evaluated in haematological cancer patients"), with
    # no specific disease so named, is their condition
    pool = pool or [d for d in diseases if d.attrs.get("class") and not index.contraindicated(d)
                    and not prevented(index, d) and (index.config.population.search(text[max(0, d.start - 40):d.start])
                         or index.config.treats.search(text[max(0, d.start - 40):d.start])
                         or (COHORT_AFTER.match(text, d.end) and index.enrolling(d)))]
    if not pool:
        # a document naming one disease and no other is about it ("adjunct to lithotripsy of
        # ureteric stones"), even without a population cue; a class only in passing ("chronic
        # gastrointestinal disorders") is no population
        specific = {d.id: d for d in diseases if not d.attrs.get("class")}
        if len(specific) != 1 or any(d.id not in specific for d in diseases):
            return None
        # ... unless the document only prevents it ("aspirin to prevent pulmonary embolism") or names
        # it as a contraindication ("not to be used in patients with heart failure")
        if any(prevented(index, d) or index.contraindicated(d) for d in diseases):
            return None
        return diseases[0]
    top = Counter(d.id for d in pool).most_common(1)[0][0]
    return next(d for d in pool if d.id == top)
