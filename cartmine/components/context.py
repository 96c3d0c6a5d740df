"""Negation and hedging of OUTCOME mentions (ConText-style).

We use our own small ConText implementation instead of medspaCy's: medspaCy
pins its own spaCy/PyRuSH stack and its default rules target clinical notes
("denies", "history of"), while our cues are reporting language ("no patient
relapsed", "none developed ICANS", "appeared to be in remission"). The triggers
are rule records in ``resources/context.yaml`` (phrase lists, matched once per
document with a spaCy PhraseMatcher); scope is the sentence, bounded by a token
window and terminators ("but", "however", ";").
"""

from __future__ import annotations

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from cartmine.extensions import doc_text, mention_spans
from cartmine.linking.config import load_config
from cartmine.linking.layout import find_sections
from cartmine.rules import Rule, load_rules, rule_sections

#: outcome rules that state a null effect of the whole treatment ("X had no effect", "X was ineffective");
#: the trial-result null rules of issue #15 (section ``effects_null``) are read from the outcome rules
#: file that the pipeline config names (see ``null_effect_rules``)
NULL_EFFECT_RULES = frozenset({"no_effect"})
#: how far (tokens) a quantifier subject ("none of the ...", ``negation_subject`` rules) reaches into its clause
SUBJECT_REACH = 25
#: efficacy outcomes that show the treatment did something
POSITIVE_EFFICACY = frozenset({"improvement", "response", "remission", "complete_remission", "complete_response",
                               "drug_free_remission", "mrd_negativity"})
#: the closing sentences of an abstract without section headings that are read as its conclusion
CLOSING_SENTENCES = 2
#: document sources (contract ``source``) that end with a conclusion; a press release ends with
#: company boilerplate and quotes instead
CONCLUDING_SOURCES = frozenset({"abstract"})


def null_effect_rules(outcome_rules_file: str) -> frozenset[str]:
    """Ids of the outcome rules that state a null effect of the whole treatment.

    They come from the outcome rules file that the pipeline uses (the config is the source of
    settings): a configured custom file with its own ``effects_null`` rules must be honoured, and a
    file without that section adds none."""
    sections = set(rule_sections(outcome_rules_file))
    extra = load_rules(outcome_rules_file, "effects_null") if "effects_null" in sections else ()
    return NULL_EFFECT_RULES | frozenset(r.id for r in extra)


@Language.factory("cartmine_context", default_config={"rules_file": "context.yaml", "window": 9,
                                                      "outcome_rules_file": "outcomes.yaml"})
def make_context(nlp: Language, name: str, rules_file: str, window: int,
                 outcome_rules_file: str) -> ContextAnnotator:
    return ContextAnnotator(rules_file, window, nlp, outcome_rules_file)


#: (token start, token end, rule) of every trigger in a document
Triggers = list[tuple[int, int, Rule]]


def hyphen_extra_tokens(doc: Doc, start: int, end: int) -> int:
    """How many more tokens than words the hyphenated compounds between two token offsets make: spaCy
    splits "dose-limiting" into three tokens, a word window must count it once."""
    return 2 * sum(1 for t in doc[start:end] if t.text == "-" and t.i > 0
                   and t.idx == doc[t.i - 1].idx + len(doc[t.i - 1].text))


def _sentence_therapies(doc: Doc, span: Span, therapies: list[Span]) -> set[str]:
    """Normalised names of the therapies named in the sentence of ``span``."""
    sent = span.sent
    return {str(t._.norm or t.text).lower() for t in therapies
            if sent.start_char <= t.start_char and t.end_char <= sent.end_char}


def _other_arm_nulls(doc: Doc, nulls: list[Span], positive: list[Span]) -> set[tuple[int, int]]:
    """The null-effect spans that are another therapy's result than the document's benefits.

    A null stated of a therapy that none of the benefits names is that therapy's whole effect
    (contract: ``no_response`` is per treatment), not a partial null beside a benefit; this holds
    only when every benefit's sentence names its therapy, since a benefit of "the drug" or "the
    treatment" may be the null therapy's own."""
    therapies = mention_spans(doc, "THERAPY")
    if not therapies:
        return set()
    helped: set[str] = set()
    for span in positive:
        named = _sentence_therapies(doc, span, therapies)
        if not named:
            return set()
        helped |= named
    return {(s.start, s.end) for s in nulls if _sentence_therapies(doc, s, therapies) - helped}


class ContextAnnotator:
    """Set ``negated`` and ``hedged`` in the attrs of OUTCOME mentions."""

    def __init__(self, rules_file: str, window: int, nlp: Language,
                 outcome_rules_file: str = "outcomes.yaml") -> None:
        self.window = window  # tokens either side of the outcome; set in pipeline.cfg
        #: null-effect rule ids of the outcome rules file the pipeline runs (pipeline.cfg)
        self.null_effect_rules = null_effect_rules(outcome_rules_file)
        #: the abstract section headings (the linker's: one definition) and those that open a conclusion
        self.section_headers = load_config().section_headers
        self.conclusion_headers = {"conclusions": self.section_headers.get("conclusions", ())}
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        #: match keys are string hashes: look rules up by hash, whatever vocab the doc has
        self.rules: dict[int, Rule] = {}
        for rule in load_rules(rules_file):
            self.rules[nlp.vocab.strings.add(rule.id)] = rule
            self.matcher.add(rule.id, [nlp.make_doc(p) for p in rule.phrases])

    def __call__(self, doc: Doc) -> Doc:
        self.annotate(doc)
        return doc

    def annotate(self, doc: Doc, fired: set[str] | None = None) -> None:
        """Set the attrs; ``fired`` collects the ids of the triggers (and terminators) used."""
        spans = mention_spans(doc, "OUTCOME")
        if not spans:
            return
        found = [(s, e, self.rules[k]) for k, s, e in self.matcher(doc)]
        # a pseudo-trigger ("no significant difference in") holds a negation cue that negates nothing
        pseudo = [(s, e, r) for s, e, r in found if r.label == "pseudo"]
        if pseudo:
            inside = [(s, e, r) for s, e, r in found
                      if r.label != "pseudo" and any(ps <= s and e <= pe for ps, pe, _ in pseudo)]
            if inside and fired is not None:
                fired.update(r.id for ps, pe, r in pseudo if any(ps <= s and e <= pe for s, e, _ in inside))
            found = [t for t in found if t not in inside]
        by_label: dict[str, Triggers] = {}
        for start, end, rule in found:
            by_label.setdefault(rule.label, []).append((start, end, rule))
        text = doc_text(doc)
        for span in spans:
            attrs = span._.attrs
            if span._.norm != "no_response":  # "no response" carries its own negation
                attrs["negated"] = (self._triggered(span, by_label, "negation", fired)
                                    or text[span.end_char:span.end_char + 5].lower() == "-free")
            attrs["hedged"] = self._triggered(span, by_label, "hedging", fired)
        self._drop_partial_nulls(doc, spans)

    def _drop_partial_nulls(self, doc: Doc, spans: list[Span]) -> None:
        """A null-effect statement ("X had no effect on chorea") in a document that also reports an
        affirmed benefit is about some endpoints only: the contract keeps `improvement` alone then,
        since `no_response` is for a treatment whose whole reported effect is null.

        An abstract's conclusion is the authors' verdict on the whole effect: a null stated there
        ("lithium was not more effective than placebo", "X as applied in this trial is ineffective")
        with no affirmed benefit in the conclusion stays, whatever the results section reports
        beside it (a fall in both arms, a rate quoted inside the null comparison).

        The benefit must be one the null's therapy could share: a null naming a therapy that no
        benefit names, where every benefit names its own therapy ("neither A nor B was effective
        ... children may benefit from B"), is A's whole effect and stays (see ``_other_arm_nulls``);
        the records then keep it for A only (``linking.records.apply_null_results``)."""
        positive = [s for s in spans
                    if s._.norm in POSITIVE_EFFICACY and not s._.attrs["negated"] and not s._.attrs["hedged"]]
        if not positive:
            return
        nulls = [s for s in spans if s._.attrs.get("rule") in self.null_effect_rules]
        if not nulls:
            return
        other_arm = _other_arm_nulls(doc, nulls, positive)
        partial = {(s.start, s.end) for s in nulls if (s.start, s.end) not in other_arm}
        start = self._conclusion_start(doc)
        if start is not None and not any(s.start_char >= start for s in positive):
            partial = {(a, b) for a, b in partial if doc[a].idx < start}
        if partial:
            doc.spans["OUTCOME"] = [s for s in doc.spans["OUTCOME"] if (s.start, s.end) not in partial]

    def _conclusion_start(self, doc: Doc) -> int | None:
        """Character offset where an abstract's conclusion starts: the sentence of its last
        conclusions heading ("CONCLUSIONS", "Interpretation:"), or, without any section heading, its closing
        sentences (``CLOSING_SENTENCES``); None for other sources (a press release has no
        conclusion) and for a structured abstract without a conclusions heading."""
        if doc._.source not in CONCLUDING_SOURCES:
            return None
        text = doc_text(doc)
        sections = find_sections(text, self.conclusion_headers)
        if sections:
            # a heading run into the sentence before it ("... older ( P < .02 ) CONCLUSION X did not
            # improve ...") opens the conclusion at that sentence: what it says before the heading
            # is read with the conclusion
            heading = doc.char_span(sections[-1].start, sections[-1].start + 1, alignment_mode="expand")
            return heading.sent.start_char if heading is not None else sections[-1].start
        if find_sections(text, self.section_headers):
            return None
        body = [s for s in doc.sents if s.start_char >= (doc._.body_offset or 0)]
        if len(body) <= CLOSING_SENTENCES:
            return None
        return body[-CLOSING_SENTENCES].start_char

    def _triggered(self, span: Span, by_label: dict[str, Triggers], kind: str, fired: set[str] | None) -> bool:
        sent = span.sent
        lo = max(sent.start, span.start - self.window)
        hi = min(sent.end, span.end + self.window)
        terminators = by_label.get("terminator", [])

        def blocked(a: int, b: int) -> bool:
            stop = [r for s, e, r in terminators if a <= s and e <= b]
            if stop and fired is not None:
                fired.update(r.id for r in stop)
            return bool(stop)

        for start, end, rule in by_label.get(f"{kind}_pre", []):
            if not (sent.start <= start and end <= span.start):
                continue
            # a hyphenated compound is one word however many tokens it splits into ("no dose-limiting
            # toxicities, cytokine release syndrome or neurologic events"): the window counts words
            if start < lo and start < lo - hyphen_extra_tokens(span.doc, start, span.start):
                continue
            if not blocked(end, span.start):
                if fired is not None:
                    fired.add(rule.id)
                return True
        if kind == "negation":
            # a quantifier subject ("none of the 14 patients treated in the first cohort had ...") scopes over
            # its clause's predicate beyond the window, up to a terminator and at most SUBJECT_REACH tokens
            for start, end, rule in by_label.get("negation_subject", []):
                if (sent.start <= start and end <= span.start and span.start - end <= SUBJECT_REACH
                        and not blocked(end, span.start)):
                    if fired is not None:
                        fired.add(rule.id)
                    return True
        for start, end, rule in by_label.get(f"{kind}_post", []):
            if span.end <= start and end <= hi and not blocked(span.end, start):
                if fired is not None:
                    fired.add(rule.id)
                return True
        return False
