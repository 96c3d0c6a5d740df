"""OUTCOME mentions: the closed outcome list of the record contract.

Rules live in ``resources/outcomes.yaml`` as named records (see ``cartmine.rules``): outcome
rules, exclusions ("relapsed/refractory", enrolment wording, survival figures, risk of getting
a disease) and case-sensitive abbreviations. All regex rules run in one pass
(``RuleScanner``), so adding rules does not add whole-text scans. An abbreviation the
document defines ("complete remission (CR)") is read through its long form, using scispacy's
AbbreviationDetector output. Every mention carries ``attrs.rule``, the id of its rule.

Sentence roles (section ``sentence_roles``) decide which sentences can report an outcome at all:
real abstracts and press releases state outcome words in sentences that report no result (the
methods' endpoint definitions, the objective, eligibility criteria, disease-burden background),
and matching the words alone there is what made the rules precise on tuned text only. A heading
("METHODS", "Objective:") gives the role of its section up to the next heading; a cue gives the
role of one sentence. Outcomes in a no-result sentence are dropped.

Where no heading gives the role (unstructured abstracts, all press releases), a learned score
decides as well (``cartmine.result_sentences``, issue #15): an outcome in a sentence outside any
headed section whose probability of reporting a result is below ``min_result_prob`` is dropped.
The score is computed only for sentences that hold an outcome candidate.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Collection, Sequence

from spacy.language import Language
from spacy.tokens import Doc

from cartmine.components.pipeline_ontology import pipeline_ancestors
from cartmine.contract import category_of
from cartmine.extensions import add_mention, defined_abbreviations, doc_text, in_boilerplate, mention_spans
from cartmine.result_sentences import ResultSentenceModel, load_model
from cartmine.rules import (
    Rule,
    RuleScanner,
    char_span,
    load_measure_diseases,
    load_rules,
    load_yaml,
    rule_sections,
    select_longest,
    word_list_regex,
)

#: specific efficacy outcomes that make the generic `fallback` rules ("was effective") redundant
SPECIFIC_EFFICACY = frozenset({"remission", "complete_remission", "drug_free_remission", "response",
                               "complete_response", "mrd_negativity", "no_response"})
#: a defined abbreviation inherits its long form's outcome; its mentions name this rule
DEFINED_ABBREVIATION = "defined_abbreviation"
#: rough sentence split for plain text (``find`` without a Doc): after final punctuation or a line break
SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+(?=[\"'(\[A-Z0-9])|\n+")
#: heading roles (matched at a sentence start, case-sensitive) and sentence-cue roles
HEADING_ROLES = ("heading_no_result", "heading_background", "heading_result", "heading_other")
NO_RESULT, NO_RESULT_UNLESS_THERAPY, RESULT = "no_result", "no_result_unless_therapy", "result"
#: a sentence that states no outcome whatever else it reports: laboratory or animal work, a
#: time-to-event measure (handled like survival figures)
NO_OUTCOME = "no_outcome"
#: a treatment word: a background sentence with one (or with a therapy) is a claim, not background
TREATMENT_CLAIM = "treatment_claim"
#: cues in the first sentence (the title): a protocol or an animal study reports no outcome of
#: patients; a study of healthy people or of immunogenicity/pharmacokinetics reports no efficacy
#: outcome (no disease to improve); in a prevention study (a vaccine, "prevents", "reduces the
#: risk") the infections are the disease prevented, not an outcome of treatment
NO_OUTCOME_DOC, NO_EFFICACY, PREVENTION = "no_outcome_document", "no_efficacy_document", "prevention_document"
DOCUMENT_ROLES = (NO_OUTCOME_DOC, NO_EFFICACY, PREVENTION)
#: cues counted over the body: a sentence that names laboratory animals or cell work, and one that
#: describes a study of people; a press release whose headline hides an animal study ("Drug could
#: reverse MS") says so in its body ("the treated mice", "in a mouse model"), sentence after sentence
ANIMAL_SENTENCE, HUMAN_STUDY = "animal_study_sentence", "human_study_sentence"
#: cues counted over the body for a study of people who have no disease to treat: a sentence that
#: names healthy or trained participants or a sleep-deprivation design ("Fourteen adults ... one
#: night without sleep", "trained men from a police unit"), and one that names patients or a
#: condition; titles of such studies often say neither ("The effects of caffeine on alertness")
NON_PATIENT_SENTENCE, PATIENT_SENTENCE = "non_patient_sentence", "patient_sentence"
BODY_ROLES = (ANIMAL_SENTENCE, HUMAN_STUDY, NON_PATIENT_SENTENCE, PATIENT_SENTENCE)
#: the roles that silence efficacy outcomes only (a death or an infection in volunteers is still one)
EFFICACY_ONLY_ROLES = (NO_EFFICACY, NON_PATIENT_SENTENCE)
#: a document is an animal or laboratory study (no outcome of patients) when at least this many
#: sentences name animals or cell work ...
MIN_ANIMAL_SENTENCES = 3
#: ... and they are at least this many times the sentences that describe a human study (a trial
#: report that also mentions its mouse work keeps its outcomes)
ANIMAL_TO_HUMAN = 2
#: sentence (start, end) character ranges
Sentences = list[tuple[int, int]]
#: the id that ``fired`` gets when the result-sentence score drops an outcome
RESULT_SCORE = "result_sentence_score"
#: heading roles that set a sentence's role themselves (the learned score is not asked there);
#: ``heading_other`` ("Dr Smith said:") does not
ROLE_HEADINGS = ("heading_no_result", "heading_background", "heading_result")


#: trial-result wording (issue #15): clinical effects ("significantly reduced pain") and null
#: results of a whole treatment ("was not effective"), read like the outcome rules ...
EFFECT_SECTIONS = ("effects", "effects_null")
#: ... and generic efficacy wording ("more effective than"), read like the fallback rules
EFFECT_FALLBACK_SECTIONS = ("effects_fallback",)
#: ... and result-like wording that reports no clinical outcome, read like the exclusions
EFFECT_EXCLUDE_SECTIONS = ("effects_exclude",)
#: a disease's defining measure improving ("intraocular pressure was lowered" in glaucoma): read
#: like the effect rules, but only in a document that names one of the rule's diseases (the
#: file's ``measure_diseases``), since the same measure elsewhere is physiology, not a disease
MEASURE_SECTIONS = ("disease_measures",)


#: between a remission and the qualifier that makes it drug-free: a space, a comma, an "and" joining the
#: two halves of one state ("still in remission and takes no myeloma drugs")
DRUG_FREE_LEAD = re.compile(r"\s*,?\s*(?:and\s+)?")
#: between a drug-free qualifier and a remission after it that the same patients are in, joined by "and"
#: and a few lower-case words with no negation ("off any immunosuppressive treatment and fulfilled the
#: criteria of remission", "off all medication and in remission")
DRUG_FREE_TRAIL = re.compile(r"\s*,?\s*and\s+(?:(?!(?:no|not|never|without|but|or)\s)[a-z-]+\s+){0,5}")

#: the id that ``fired`` gets when a response is named after a substance the body makes or a lab
#: measures ("the glucose response", "triglyceride responses"): the response of a biomarker, which
#: the contract says is no outcome. The substance is a chemical the NER finds that is not one of the
#: document's therapies ("tamoxifen responders" are patients whose disease responded to tamoxifen);
#: a structural check, so that a new analyte needs no new word in the rule file
ANALYTE_RESPONSE = "analyte_response"
#: what may stand between the substance and the response: a space or a hyphen ("insulin-response")
ANALYTE_JOIN = re.compile(r"[ \t]*-?[ \t]*")
#: outcome types that the analyte check applies to
ANALYTE_OUTCOMES = frozenset({"response"})


def _optional_rules(rules_file: str, sections: tuple[str, ...]) -> tuple[Rule, ...]:
    """The rules of those sections that the file has (a custom rule file may lack them)."""
    present = set(rule_sections(rules_file))
    return tuple(r for section in sections if section in present for r in load_rules(rules_file, section))


def split_sentences(text: str) -> Sentences:
    """Sentence ranges of plain text; the pipeline passes spaCy's sentences instead."""
    bounds, start = [], 0
    for m in SENTENCE_BREAK.finditer(text):
        bounds.append((start, m.start()))
        start = m.end()
    bounds.append((start, len(text)))
    return [(a, b) for a, b in bounds if text[a:b].strip()]


#: a bracketed short form ("treatment (OMT) for pneumonia"): the exclusions also read the text with
#: it blanked out, so that a cue and its head word are not kept apart by the abbreviation of the
#: cue's object (the outcome rules read the text as it is)
BRACKETED_SHORT_FORM = re.compile(r"\((?=[^()]{0,12}[A-Z])[A-Za-z][\w/-]{0,11}\)")


#: how far before a bracketed short form an exclusion that reads through it may start: the
#: second pass reads only there, not the whole text again (no exclusion is this long)
SHORT_FORM_REACH = 400


def _blank_short_forms(text: str) -> tuple[str, list[tuple[int, int]]]:
    """The text with bracketed short forms replaced by spaces (offsets kept), and the ranges
    where an exclusion reading through one of them can start (merged, in text order)."""
    regions: list[tuple[int, int]] = []
    for m in BRACKETED_SHORT_FORM.finditer(text):
        first = max(0, m.start() - SHORT_FORM_REACH)
        if regions and first <= regions[-1][1]:
            regions[-1] = (regions[-1][0], m.start())
        else:
            regions.append((first, m.start()))
    if not regions:
        return text, []
    return BRACKETED_SHORT_FORM.sub(lambda m: " " * len(m.group(0)), text), regions


def _label(match: tuple[int, int, Rule | str]) -> str:
    return match[2].label if isinstance(match[2], Rule) else match[2]


def _drug_free_qualified(text: str, chosen: list[tuple[int, int, Rule | str]]) -> list[tuple[int, int, Rule | str]]:
    """A remission that the words right after it make drug-free ("in DORIS remission without any
    medication", "remission, off all immunosuppression", "in remission and takes no medicines") is the
    contract's ``drug_free_remission`` only: the plain remission mentions that lead into the qualifier
    are dropped, or the one state would give a second, plain ``remission`` record. The same holds the
    other way round, a qualifier joined by "and" to the remission after it ("were off any treatment and
    fulfilled the criteria of remission")."""
    ordered = sorted(chosen, key=lambda c: c[0])
    dropped: set[int] = set()
    for i, match in enumerate(ordered):
        if _label(match) != "drug_free_remission":
            continue
        start = match[0]
        j = i - 1
        while j >= 0 and _label(ordered[j]) == "remission" and DRUG_FREE_LEAD.fullmatch(text, ordered[j][1], start):
            dropped.add(j)
            start = ordered[j][0]
            j -= 1
        k = i + 1
        if k < len(ordered) and _label(ordered[k]) == "remission" and DRUG_FREE_TRAIL.fullmatch(text, match[1], ordered[k][0]):
            dropped.add(k)
    return [c for k, c in enumerate(ordered) if k not in dropped]


def _drop_analyte_responses(text: str, chosen: list[tuple[int, int, Rule | str]],
                            analytes: Sequence[tuple[int, int]],
                            fired: set[str] | None) -> list[tuple[int, int, Rule | str]]:
    """The matches less the responses named right after a substance that is no therapy
    ("the glucose response to the meal"): a biomarker's response, not the disease's."""
    ends = sorted(end for _, end in analytes)
    kept: list[tuple[int, int, Rule | str]] = []
    for match in chosen:
        if _label(match) in ANALYTE_OUTCOMES:
            i = bisect.bisect_right(ends, match[0]) - 1
            if i >= 0 and ANALYTE_JOIN.fullmatch(text, ends[i], match[0]):
                if fired is not None:
                    fired.add(ANALYTE_RESPONSE)
                continue
        kept.append(match)
    return kept


def _excluded(start: int, end: int, exclusions: list[tuple[int, int, Rule]], fired: set[str] | None) -> bool:
    """True when an exclusion match covers the range (its rule ids go to ``fired``)."""
    blocking = [r.id for s, e, r in exclusions if s <= start and end <= e]
    if blocking and fired is not None:
        fired.update(blocking)
    return bool(blocking)


@Language.factory("cartmine_outcomes", default_config={"rules_file": "outcomes.yaml",
                                                       "result_model": "result_sentences.json.gz",
                                                       "min_result_prob": 0.1,
                                                       "summary_sources": ["news"]})
def make_outcomes(nlp: Language, name: str, rules_file: str, result_model: str | None,
                  min_result_prob: float, summary_sources: list[str]) -> OutcomeMatcher:
    return OutcomeMatcher(rules_file, result_model, min_result_prob, pipeline_ancestors(nlp),
                          summary_sources=summary_sources)


class OutcomeMatcher:
    """Find outcome phrases and label them with their outcome type and category."""

    def __init__(self, rules_file: str, result_model: str | None = None,
                 min_result_prob: float = 0.0,
                 ancestors: Callable[[str], Sequence[str]] | None = None,
                 summary_sources: Collection[str] = ()) -> None:  # defaults: pipeline.cfg
        #: the learned result-sentence score gates outcomes in unheaded sentences when a model is
        #: named and the threshold is above 0 (pipeline.cfg); a named model must load either way
        self.result_model: ResultSentenceModel | None = load_model(result_model) if result_model else None
        self.min_result_prob = min_result_prob
        #: document sources (contract ``source``) whose generic efficacy claims stand beside the
        #: specific outcomes: a press release says "X was effective" as a claim of its own, where an
        #: abstract's "effective" sums up the response it reports (see ``find``'s ``keep_fallback``)
        self.summary_sources = frozenset(summary_sources)
        # the trial-result wording groups (issue #15) join the outcome and fallback rules
        self.rules = (load_rules(rules_file, "rules") + _optional_rules(rules_file, EFFECT_SECTIONS)
                      + _optional_rules(rules_file, MEASURE_SECTIONS))
        #: measure rule id -> the DOIDs of the diseases whose own measure it reads
        self.measure_diseases = load_measure_diseases(rules_file)
        self.ancestors = ancestors
        self.exclusions = load_rules(rules_file, "exclude") + _optional_rules(rules_file, EFFECT_EXCLUDE_SECTIONS)
        self.abbreviation_rules = load_rules(rules_file, "abbreviations")
        self.fallback_rules = load_rules(rules_file, "fallback") + _optional_rules(rules_file, EFFECT_FALLBACK_SECTIONS)
        self.fallback_ids = frozenset(r.id for r in self.fallback_rules)
        self.role_rules = load_rules(rules_file, "sentence_roles")
        lists = load_yaml(rules_file).get("lists") or {}
        self.treatment_words = re.compile(r"\b" + word_list_regex(lists["treatment_words"]) + r"\b", re.IGNORECASE)
        self.graded_event_words = re.compile(r"\b(?:" + "|".join(lists["graded_event_words"]) + r")(?![\w.])", re.IGNORECASE)
        self.adverse_event_list = re.compile(r"\b(?:" + "|".join(lists.get("adverse_event_list_words") or [r"(?!)"]) + ")",
                                             re.IGNORECASE)
        # headings are case-sensitive ("METHODS", "Methods:"; not "methods" inside a sentence)
        self.role_regex = [(re.compile(r"\s*(?:" + r.regex + ")" if r.label in HEADING_ROLES else r.regex,
                                       0 if r.label in HEADING_ROLES else re.IGNORECASE), r)
                           for r in self.role_rules]
        self.heading_regex = [(regex, r) for regex, r in self.role_regex if r.label in HEADING_ROLES]
        self.document_regex = [(regex, r) for regex, r in self.role_regex if r.label in DOCUMENT_ROLES]
        self.body_regex = {label: [(regex, r) for regex, r in self.role_regex if r.label == label]
                           for label in BODY_ROLES}
        self.sentence_cues = {r.id: (regex, r) for regex, r in self.role_regex
                              if r.label not in HEADING_ROLES + DOCUMENT_ROLES + BODY_ROLES}
        #: one pass over the whole text says which sentence cues can match in which sentence, so
        #: that each sentence tries only those (the cue count does not drive the cost)
        self.cue_scanner = RuleScanner([r for _, r in self.sentence_cues.values()])
        self.scanner = RuleScanner(self.rules + self.exclusions + self.fallback_rules)
        self.exclusion_scanner = RuleScanner(self.exclusions)
        alts = [(re.escape(p), r) for r in self.abbreviation_rules for p in r.phrases]
        self.abbr_rule = {f"a{i}": rule for i, (_, rule) in enumerate(alts)}
        self.abbreviations = re.compile(
            "(?<![\\w-])(?:" + "|".join(f"(?P<a{i}>{p})" for i, (p, _) in enumerate(alts)) + ")(?![\\w-])")

    def classify(self, phrase: str) -> str | None:
        """Outcome type of a phrase taken as a whole (used for abbreviation long forms), exclusions
        applied: "relapse-free survival (RFS)" defines no outcome."""
        matches = [(end - start, rule.label) for start, end, rule in self.find(phrase, score_sentences=False)
                   if isinstance(rule, Rule)]
        return max(matches, key=lambda m: m[0])[1] if matches else None

    def _names_treatment(self, text: str, start: int, end: int, therapies: list[tuple[int, int]] | None) -> bool:
        """True when the range holds a therapy mention or a treatment word (lists.treatment_words)."""
        if any(start <= a < end for a, _ in therapies or ()):
            return True
        return self.treatment_words.search(text, start, end) is not None

    def _graded_event(self, text: str, candidate: tuple[int, int, Rule | str], sent: tuple[int, int]) -> bool:
        """True for an adverse event in a sentence that gives its toxicity grade (lists.graded_event_words)
        or lists a treatment's side effects (lists.adverse_event_list_words): grading or listing an event
        reports it in the treated patients, so the learned result score does not gate it."""
        return category_of(_label(candidate)) == "safety" and (
            self.graded_event_words.search(text, sent[0], sent[1]) is not None
            or self.adverse_event_list.search(text, sent[0], sent[1]) is not None)

    def no_result_sentences(self, text: str, sentences: Sentences, therapies: list[tuple[int, int]],
                            fired: set[str] | None = None,
                            headed: set[tuple[int, int]] | None = None) -> list[tuple[int, int, Rule]]:
        """The sentences that report no result, each with the rule that says so.

        A heading sets the role of the sentences up to the next heading: methods and design
        sections report none; a background or objective section reports none except claims about
        a treatment ("CAR T cells have induced remission in adults" is a background claim, kept).
        A sentence cue (an aim, an endpoint definition, eligibility criteria) marks one sentence,
        unless a result cue (a p-value, "x of n patients") shows that it reports one.
        ``headed`` collects the sentences whose role a heading (other than ``heading_other``) set."""
        section: Rule | None = None
        role_heading = False
        out: list[tuple[int, int, Rule]] = []
        if sentences:
            title = text[sentences[0][0]:sentences[0][1]]
            out.extend((0, len(text), rule) for regex, rule in self.document_regex if regex.search(title))
            animal = self._animal_study(text, sentences, fired)
            if animal is not None:
                out.append((0, len(text), animal))
            non_patient = self._non_patient_study(text, sentences, fired)
            if non_patient is not None:
                out.append((0, len(text), non_patient))
        cue_starts = sorted((s, r.id) for s, _, r in self.cue_scanner.scan(text))
        for start, end in sentences:
            sent = text[start:end]
            by_label: dict[str, Rule] = {}
            heading, heading_len = None, 0
            for regex, rule in self.heading_regex:
                hit = regex.match(sent)
                if hit and hit.end() > heading_len:  # "METHODS AND RESULTS" is a results heading
                    heading, heading_len = rule, hit.end()
            lo = bisect.bisect_left(cue_starts, (start, ""))
            hi = bisect.bisect_left(cue_starts, (end, ""))
            candidates = {rule_id for _, rule_id in cue_starts[lo:hi]}
            for rule_id, (regex, rule) in self.sentence_cues.items():  # rule-file order, as before
                if rule_id in candidates and rule.label not in by_label and regex.search(sent):
                    by_label[rule.label] = rule
            if heading is not None:
                ends = heading.label in ("heading_result", "heading_other")
                if ends and section is not None and fired is not None:
                    fired.add(heading.id)  # a results (or any other) heading ends a no-result section
                section = None if ends else heading
                role_heading = heading.label in ROLE_HEADINGS
            if role_heading and headed is not None:
                headed.add((start, end))
            names_therapy = any(start <= a and b <= end for a, b in therapies)
            claim = names_therapy or TREATMENT_CLAIM in by_label
            if section is not None and (section.label == "heading_no_result" or not claim):
                out.append((start, end, section))
                continue
            if section is not None and not names_therapy and fired is not None:
                fired.add(by_label[TREATMENT_CLAIM].id)  # a background claim about a treatment
            if NO_OUTCOME in by_label:
                out.append((start, end, by_label[NO_OUTCOME]))
            elif RESULT in by_label and NO_RESULT in by_label:
                if fired is not None:
                    fired.add(by_label[RESULT].id)  # a cue of a result overrides the sentence cue
            elif NO_RESULT in by_label:
                out.append((start, end, by_label[NO_RESULT]))
            elif NO_RESULT_UNLESS_THERAPY in by_label and not names_therapy:
                out.append((start, end, by_label[NO_RESULT_UNLESS_THERAPY]))
        return out

    def _animal_study(self, text: str, sentences: Sentences, fired: set[str] | None) -> Rule | None:
        """The animal-sentence rule when the document reports an animal or laboratory study:
        enough sentences name animals or cell work and few describe a study of people
        (MIN_ANIMAL_SENTENCES, ANIMAL_TO_HUMAN); a human-study rule that vetoes goes to ``fired``."""
        if not any(regex.search(text) for regex, _ in self.body_regex[ANIMAL_SENTENCE]):
            return None  # no animal or cell work named (most documents), or a rule file without the cues
        animal = self._sentence_hits(ANIMAL_SENTENCE, text, sentences)
        if len(animal) < MIN_ANIMAL_SENTENCES:
            return None
        human = self._sentence_hits(HUMAN_STUDY, text, sentences)
        if len(animal) >= ANIMAL_TO_HUMAN * len(human):
            return animal[0]
        if human and fired is not None:
            fired.add(human[0].id)  # a study of people too: its outcomes are kept
        return None

    def _non_patient_study(self, text: str, sentences: Sentences, fired: set[str] | None) -> Rule | None:
        """The non-patient rule when the document studies people with no disease to treat: a
        sentence names healthy or trained participants or a sleep-deprivation design and no
        sentence names patients or a condition (a trial in "healthy volunteers undergoing surgery"
        or with "patients and healthy controls" keeps its outcomes); a vetoing rule goes to ``fired``.
        Only efficacy outcomes are silenced: physiological or performance changes in healthy
        people are not a clinical change of a disease (contract section 3)."""
        if not any(regex.search(text) for regex, _ in self.body_regex[NON_PATIENT_SENTENCE]):
            return None  # most documents
        non_patient = self._sentence_hits(NON_PATIENT_SENTENCE, text, sentences)
        if not non_patient:
            return None
        patient = self._sentence_hits(PATIENT_SENTENCE, text, sentences)
        if not patient:
            return non_patient[0]
        if fired is not None:
            fired.add(patient[0].id)  # patients or a condition too: the outcomes are kept
        return None

    def _sentence_hits(self, label: str, text: str, sentences: Sentences) -> list[Rule]:
        """For each sentence that one of the ``label`` body rules matches, the first such rule."""
        rules = self.body_regex[label]
        hits = (next((r for regex, r in rules if regex.search(text[start:end])), None) for start, end in sentences)
        return [r for r in hits if r is not None]

    def find(self, text: str, defined: dict[str, str | None] | None = None,
             fired: set[str] | None = None, sentences: Sentences | None = None,
             therapies: list[tuple[int, int]] | None = None,
             score_sentences: bool = True,
             diseases: Collection[str] | None = None,
             keep_fallback: bool = False,
             analytes: Sequence[tuple[int, int]] | Callable[[], Sequence[tuple[int, int]]] = ()
             ) -> list[tuple[int, int, Rule | str]]:
        """Non-overlapping (start, end, rule) outcome matches; ``fired`` collects the ids of the
        rules that made a match or removed one (exclusions, sentence roles), for tests and
        explanations. ``sentences`` and ``therapies`` are character ranges (the pipeline's);
        without them the text is split roughly and names no therapy. ``score_sentences`` False
        skips the result-sentence score (a phrase taken alone, like an abbreviation's long form).
        ``diseases`` holds the DOIDs the document names, with their ancestors: a measure rule
        (``measure_diseases``) gives an outcome only where one of its diseases is among them;
        None (a phrase or sentence without its document) does not restrict them.
        ``keep_fallback`` keeps the generic efficacy wording ("X is effective") beside a specific
        efficacy outcome: a press release's claim that a treatment works is a record of its own
        (``summary_sources``), where in an abstract it only sums up the response it reports.
        ``analytes`` are the (start, end) ranges of substances that are no therapy (see
        ``ANALYTE_RESPONSE``): a response named right after one of them is dropped. A callable is
        asked for them only when a response was found (most documents name none, and collecting
        them walks every chemical of the document)."""
        defined = defined or {}
        hits = self.scanner.scan(text)
        blanked, regions = _blank_short_forms(text)
        if regions:
            hits += self.exclusion_scanner.scan(blanked, regions)
        excluded = [(s, e, r) for s, e, r in hits if r.label == "exclude"
                    or (r.label == "exclude_unless_treatment" and not self._names_treatment(text, s, e, therapies))]
        candidates: list[tuple[int, int, Rule | str]] = []
        named = None if diseases is None else frozenset(diseases)
        for start, end, rule in hits:
            measured = self.measure_diseases.get(rule.id)
            if measured is not None and named is not None and not measured & named:
                continue  # the measure of a disease this document is not about
            if text[start:end] in defined:
                continue  # a short form the document defines is read through its long form (below)
            if not rule.label.startswith("exclude") and not _excluded(start, end, excluded, fired):
                candidates.append((start, end, rule))
        for m in self.abbreviations.finditer(text):
            if m.group(0) not in defined and not _excluded(m.start(), m.end(), excluded, fired):
                candidates.append((m.start(), m.end(), self.abbr_rule[m.lastgroup]))
        for short, outcome in defined.items():
            if outcome is None:
                continue
            for m in re.finditer(rf"(?<![\w-]){re.escape(short)}(?![\w-])", text):
                candidates.append((m.start(), m.end(), outcome))
        chosen = _drug_free_qualified(text, select_longest(candidates))
        if analytes and any(_label(match) in ANALYTE_OUTCOMES for match in chosen):
            ranges = analytes() if callable(analytes) else analytes
            chosen = _drop_analyte_responses(text, chosen, ranges, fired)
        if not chosen and fired is None:
            return []  # nothing for the sentence roles to silence (most abbreviation long forms)
        sentences = split_sentences(text) if sentences is None else sentences
        headed: set[tuple[int, int]] = set()
        silent = self.no_result_sentences(text, sentences, therapies or [], fired, headed)
        kept = []
        for c in chosen:
            outcome = c[2].label if isinstance(c[2], Rule) else c[2]
            blocking = [r for s, e, r in silent if s <= c[0] and c[1] <= e
                        and (r.label not in EFFICACY_ONLY_ROLES or category_of(outcome) == "efficacy")
                        and (r.label != PREVENTION or outcome == "infection")]
            if blocking and fired is not None:
                fired.update(r.id for r in blocking)
            if not blocking:
                kept.append(c)
        chosen = kept
        if score_sentences and self.result_model is not None and self.min_result_prob > 0 and chosen:
            chosen = self._gate_by_result_score(text, chosen, sentences, headed, therapies, fired)
        if not keep_fallback and any((r.label if isinstance(r, Rule) else r) in SPECIFIC_EFFICACY
                                     for _, _, r in chosen):
            chosen = [c for c in chosen if not (isinstance(c[2], Rule) and c[2].id in self.fallback_ids)]
        if fired is not None:
            fired.update(r.id for _, _, r in chosen if isinstance(r, Rule))
        return chosen

    def _gate_by_result_score(self, text: str, chosen: list[tuple[int, int, Rule | str]], sentences: Sentences,
                              headed: set[tuple[int, int]], therapies: list[tuple[int, int]] | None,
                              fired: set[str] | None) -> list[tuple[int, int, Rule | str]]:
        """Drop the outcomes of unheaded sentences that the result-sentence model scores below the
        threshold; each sentence is scored once, and only if it holds a candidate.

        A sentence that names a therapy or a treatment word is a claim about a treatment, which the
        contract keeps even as background ("CAR-T cells have induced remission in adults"), so it
        is not gated (as in a background section, see ``no_result_sentences``). Neither is the
        first sentence, the title: the model learned from abstract sections and has never seen a
        title, and a title states the trial's finding in headline form ("X improves Y")."""
        assert self.result_model is not None
        starts = [a for a, _ in sentences]
        probs: dict[tuple[int, int], float] = {}
        kept = []
        for c in chosen:
            i = bisect.bisect_right(starts, c[0]) - 1
            sent = sentences[i] if i >= 0 and c[1] <= sentences[i][1] else None
            if sent is None or i == 0 or sent in headed or self._names_treatment(text, sent[0], sent[1],
                                                                                          therapies) \
                    or self._graded_event(text, c, sent):
                kept.append(c)
                continue
            if sent not in probs:
                probs[sent] = self.result_model.prob(text[sent[0]:sent[1]])
            if probs[sent] >= self.min_result_prob:
                kept.append(c)
            elif fired is not None:
                fired.add(RESULT_SCORE)
        return kept

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        previous: tuple[int, int, str] | None = None
        sentences = [(sent.start_char, sent.end_char) for sent in doc.sents]
        therapies = [(t.start_char, t.end_char) for t in mention_spans(doc, "THERAPY")]
        for start, end, rule in self.find(text, self._defined_abbreviations(doc), sentences=sentences,
                                          therapies=therapies, diseases=self._document_diseases(doc),
                                          keep_fallback=doc._.source in self.summary_sources,
                                          analytes=lambda: self._analytes(doc)):
            outcome, rule_id = (rule.label, rule.id) if isinstance(rule, Rule) else (rule, DEFINED_ABBREVIATION)
            # "cytokine release syndrome (CRS)": the bracketed abbreviation is the same mention
            bracketed = previous is not None and previous[2] == outcome and re.fullmatch(
                r"\s*\(\s*", text[previous[1]:start]) is not None
            previous = (start, end, outcome)
            if bracketed or in_boilerplate(doc, start, end):
                continue
            span = char_span(doc, start, end)
            if span is None:
                continue
            add_mention(doc, span, "OUTCOME", outcome,
                        attrs={"negated": False, "hedged": False, "category": category_of(outcome),
                               "rule": rule_id})
        return doc

    @staticmethod
    def _analytes(doc: Doc) -> list[tuple[int, int]]:
        """Character ranges of the NER's chemicals that are none of the document's therapies (by
        position or by name): glucose, triglycerides, a hormone measured in a test."""
        therapies = mention_spans(doc, "THERAPY")
        names = {t.text.lower() for t in therapies} | {str(t._.norm).lower() for t in therapies if t._.norm}
        taken = [(t.start_char, t.end_char) for t in therapies]
        return [(e.start_char, e.end_char) for e in doc.ents if e.label_ == "Chemical"
                and e.text.lower() not in names
                and not any(a < e.end_char and e.start_char < b for a, b in taken)]

    def _document_diseases(self, doc: Doc) -> set[str]:
        """The DOIDs of the document's disease mentions and their ancestors (a subtype counts)."""
        doids = {span.kb_id_ for span in mention_spans(doc, "DISEASE") if span.kb_id_}
        if self.ancestors is not None:
            doids |= {a for d in list(doids) for a in self.ancestors(d)}
        return doids

    def _defined_abbreviations(self, doc: Doc) -> dict[str, str | None]:
        """Short forms defined in this document, mapped to the outcome of their long form. The detector
        lists every occurrence of a short form with its long form: each long form is classified once."""
        classified: dict[str, str | None] = {}
        out: dict[str, str | None] = {}
        for short, long_form in defined_abbreviations(doc):
            if long_form not in classified:
                classified[long_form] = self.classify(long_form)
            out[short] = classified[long_form]
        return out
