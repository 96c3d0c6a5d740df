"""Link mentions into records: THERAPY x DISEASE x OUTCOME claims, with evidence.

For every OUTCOME mention the linker picks

* the therapies: cell therapies named in the same sentence, else drugs named
  before the outcome in that sentence (not lymphodepleting chemotherapy), else
  the document's main therapy (named in the title, or the most mentioned);
* the disease: the nearest disease before the outcome in the sentence, else the
  nearest after it, else the document's main disease (the title's disease; the
  disease class when the title names several diseases);
* duration, patient count and sponsor from the same sentence or the document.

``confidence`` is a transparent score, not a probability: 0.45 to start,
+0.25 when the therapy is named in the evidence sentence, +0.2 when the disease
is, +0.05 when a duration or count qualifies the claim, -0.15 when the outcome
is hedged (weights in ``resources/linking.yaml``). Records for the same claim (therapy, disease, outcome, negated) are
merged keeping the most confident; a claim stated both negated and affirmed
(e.g. "no CRS after day 14" beside "CRS occurred") keeps the affirmation.
"""

from __future__ import annotations

import re
from collections import Counter

from spacy.language import Language
from spacy.tokens import Doc, Span

from cartmine.contract import CELL_MODALITIES, LABELS
from cartmine.extensions import doc_text, reported_spans
from cartmine.result import Record
from cartmine.rules import load_yaml

#: lymphodepletion cues, adverse-event diseases and confidence weights: resources/linking.yaml
_LINKING = load_yaml("linking.yaml")
LYMPHODEPLETION_CUES = tuple(_LINKING["lymphodepletion_cues"])
#: Diseases that are adverse events of treatment, not what the patients were treated for.
ADVERSE_EVENT_DISEASES = frozenset(_LINKING["adverse_event_diseases"])
CONFIDENCE: dict[str, float] = _LINKING["confidence"]
CLAUSE_BREAK = re.compile(r"[;:]|,\s*(?:and|while|whereas|but)\b|\bwhereas\b")
#: "the toxicity sometimes seen in cancer patients": the later disease is a comparison, not the cohort
TYPICAL_OF = re.compile(r"\b(?:seen|observed|reported|described|known|typical|common|usual)\s+(?:\w+\s+)?(?:in|with|among)\b")
RENAL = re.compile(r"\brenal\b", re.IGNORECASE)
RENAL_DISEASE = re.compile(r"nephritis|kidney|nephropathy|renal", re.IGNORECASE)
COORDINATION = re.compile(r"\s*(?:,|and|or|/|&)\s*(?:and\s+)?", re.IGNORECASE)
REMISSION_LIKE = {
    "remission",
    "complete_remission",
    "drug_free_remission",
    "response",
    "complete_response",
    "mrd_negativity",
    "improvement",
}


@Language.factory("cartmine_records", default_config={"merge_negated_with_affirmed": True})
def make_records(nlp: Language, name: str, merge_negated_with_affirmed: bool) -> RecordLinker:
    return RecordLinker(merge_negated_with_affirmed)


def _in(span: Span, sent: Span) -> bool:
    return sent.start_char <= span.start_char and span.end_char <= sent.end_char


class RecordLinker:
    """Build ``doc._.records`` from the mentions the other components left in the span groups."""

    def __init__(self, merge_negated_with_affirmed: bool = True) -> None:
        self.merge_negated_with_affirmed = merge_negated_with_affirmed

    @staticmethod
    def _group(disease: Span) -> str | None:
        """Coarse disease group (autoimmune, hematologic cancer...) that the ``diseases`` component
        read from the ontology hierarchy."""
        return disease._.attrs.get("group")

    def __call__(self, doc: Doc) -> Doc:
        spans = {label: reported_spans(doc, label) for label in LABELS}
        doc._.records = self._link(doc, spans)
        return doc

    # -- document-level anchors ---------------------------------------------------
    @staticmethod
    def _is_cell(span: Span) -> bool:
        return span._.attrs.get("modality") in CELL_MODALITIES

    def _usable_drug(self, span: Span) -> bool:
        sent = span.sent.text.lower()
        return not any(cue in sent for cue in LYMPHODEPLETION_CUES)

    def _main_therapy(self, doc: Doc, therapies: list[Span]) -> str | None:
        """The therapy the document is about: the most mentioned one, title mentions and cell
        therapies counting extra; lymphodepleting chemotherapy does not count."""
        body = doc._.body_offset or 0
        pool = [t for t in therapies if self._is_cell(t) or self._usable_drug(t)]
        if not pool:
            return None
        score: Counter[str] = Counter()
        first: dict[str, int] = {}
        for t in pool:
            score[t._.norm] += (1.5 if t.end_char <= body else 1.0) + (0.5 if self._is_cell(t) else 0.0)
            first.setdefault(t._.norm, t.start_char)
        return max(score, key=lambda n: (score[n], -first[n]))

    def _main_disease(self, doc: Doc, diseases: list[Span]) -> Span | None:
        """The disease the document is about: the title's disease; when the title names several
        diseases of one group (e.g. three autoimmune diseases) the class the text uses for them."""
        if not diseases:
            return None
        body = doc._.body_offset or 0
        title = [d for d in diseases if d.end_char <= body]
        specific_title = list({d.kb_id_: d for d in title if not d._.attrs.get("class")}.values())
        classes = [d for d in diseases if d._.attrs.get("class")]
        if len(specific_title) == 1:
            return specific_title[0]
        if len(specific_title) > 1:
            groups = {self._group(d) for d in specific_title}
            same_group = [c for c in classes if len(groups) == 1 and self._group(c) in groups]
            return same_group[0] if same_group else specific_title[0]
        if title:
            return title[0]
        specific = [d for d in diseases if not d._.attrs.get("class")]
        pool = specific or diseases
        counts = Counter(d.kb_id_ for d in pool)
        top = counts.most_common(1)[0][0]
        return next(d for d in pool if d.kb_id_ == top)

    # -- linking --------------------------------------------------------------------
    def _link(self, doc: Doc, spans: dict[str, list[Span]]) -> list[Record]:
        therapies = spans["THERAPY"]
        diseases = [d for d in spans["DISEASE"] if d._.norm not in ADVERSE_EVENT_DISEASES]
        main_therapy = self._main_therapy(doc, therapies)
        main_disease = self._main_disease(doc, diseases)
        main_is_cell = any(self._is_cell(t) for t in therapies)
        sponsor = self._sponsor(spans["SPONSOR"])
        first_count = spans["PATIENT_COUNT"][0]._.attrs.get("n") if spans["PATIENT_COUNT"] else None
        records: list[Record] = []
        for outcome in spans["OUTCOME"]:
            sent = outcome.sent
            in_sent = [t for t in therapies if _in(t, sent)]
            cell = [t for t in in_sent if self._is_cell(t)]
            drugs = [
                t
                for t in in_sent
                if not self._is_cell(t) and self._usable_drug(t) and t.start_char < outcome.start_char
            ]
            if outcome._.attrs.get("category") == "safety" and main_is_cell:
                drugs = []  # adverse events are the cell therapy's; drugs there treat them
            chosen = self._nearest_group(doc_text(doc), cell, outcome) if cell else drugs
            names = list(dict.fromkeys(t._.norm for t in chosen)) or [main_therapy]
            linked, disease_in_sent = self._diseases_for(doc, outcome, sent, diseases, main_disease)
            if not disease_in_sent and RENAL.search(outcome.text):
                # "complete renal response" is about the kidney disease when the document has one
                kidney = [d for d in diseases if RENAL_DISEASE.search(d._.norm or "")]
                linked = kidney[:1] or linked
            if names == [None] and not linked:
                continue
            attrs = outcome._.attrs
            duration = self._duration_for(outcome, sent, spans["DURATION"])
            counts = [c for c in spans["PATIENT_COUNT"] if _in(c, sent)]
            n_patients = counts[0]._.attrs.get("n") if counts else first_count
            w = CONFIDENCE
            confidence = w["base"] + (w["therapy_in_sentence"] if chosen else 0)
            confidence += w["disease_in_sentence"] if disease_in_sent else 0
            confidence += w["duration_or_count"] if (duration is not None or counts) else 0
            confidence += w["hedged"] if attrs.get("hedged") else 0
            for name in names:
                for disease in linked or [None]:
                    records.append(
                        Record(
                            therapy=name,
                            disease=disease._.norm if disease is not None else None,
                            disease_id=(disease.kb_id_ or None) if disease is not None else None,
                            outcome=outcome._.norm,
                            negated=bool(attrs.get("negated")),
                            hedged=bool(attrs.get("hedged")),
                            duration_months=duration._.attrs.get("months") if duration is not None else None,
                            duration_qualifier=duration._.attrs.get("qualifier")
                            if duration is not None
                            else None,
                            duration_kind=duration._.attrs.get("kind") if duration is not None else None,
                            n_patients=n_patients,
                            sponsor=sponsor,
                            evidence=sent.text.strip(),
                            start=sent.start_char,
                            end=sent.end_char,
                            confidence=round(max(w["min"], min(w["max"], confidence)), 2),
                        )
                    )
        return self._merge(records)

    @staticmethod
    def _nearest_group(text: str, spans: list[Span], outcome: Span) -> list[Span]:
        """The span nearest to the outcome plus those coordinated with it ("axi-cel, tisa-cel and liso-cel")."""
        def distance(s: Span) -> int:
            return outcome.start_char - s.end_char if s.end_char <= outcome.start_char else s.start_char - outcome.end_char

        ordered = sorted(spans, key=lambda s: s.start_char)
        nearest = min(ordered, key=distance)
        i = ordered.index(nearest)
        lo = hi = i
        while lo > 0 and COORDINATION.fullmatch(text[ordered[lo - 1].end_char:ordered[lo].start_char]):
            lo -= 1
        while hi + 1 < len(ordered) and COORDINATION.fullmatch(text[ordered[hi].end_char:ordered[hi + 1].start_char]):
            hi += 1
        return ordered[lo:hi + 1]

    @staticmethod
    def _diseases_for(
        doc: Doc, outcome: Span, sent: Span, diseases: list[Span], main: Span | None
    ) -> tuple[list[Span], bool]:
        """Diseases an outcome is about, and whether the sentence names them.

        The nearest disease before the outcome wins, with its coordinated
        neighbours ("SLE and LN patients"); a disease after the outcome wins
        instead when a clause boundary separates the earlier one ("..., and
        scores declined in the SSc patients").
        """
        text = doc_text(doc)
        before = [d for d in diseases if _in(d, sent) and d.end_char <= outcome.start_char]
        after = [d for d in diseases if _in(d, sent) and d.start_char >= outcome.end_char]
        if before:
            gap = text[before[-1].end_char : outcome.start_char]
            if not (
                after
                and CLAUSE_BREAK.search(gap)
                and not CLAUSE_BREAK.search(text[outcome.end_char : after[0].start_char])
            ):
                chosen = [before[-1]]
                for d in reversed(before[:-1]):
                    if COORDINATION.fullmatch(text[d.end_char : chosen[0].start_char]):
                        chosen.insert(0, d)
                    else:
                        break
                return chosen, True
        # an adverse event is the treated cohort's; a disease named after it is usually a cause or a
        # complication ("cytokine storm ... an arthritis drug"), not the cohort
        safety = outcome._.attrs.get("category") == "safety"
        if after and not safety and not TYPICAL_OF.search(text[outcome.end_char:after[0].start_char]):
            return [after[0]], True
        return ([main] if main is not None else []), False

    @staticmethod
    def _duration_for(outcome: Span, sent: Span, durations: list[Span]) -> Span | None:
        in_sent = [d for d in durations if _in(d, sent)]
        if not in_sent:
            return None
        wanted = "remission" if outcome._.norm in REMISSION_LIKE else "follow_up"
        preferred = [d for d in in_sent if d._.attrs.get("kind") == wanted]
        return (preferred or in_sent)[0]

    @staticmethod
    def _sponsor(sponsors: list[Span]) -> str | None:
        names = Counter(s._.norm for s in sponsors)
        return names.most_common(1)[0][0] if names else None

    def _merge(self, records: list[Record]) -> list[Record]:
        best: dict[tuple, Record] = {}
        for r in records:
            key = r.claim_key()
            if key not in best or r.confidence > best[key].confidence:
                best[key] = r
        merged = list(best.values())
        if self.merge_negated_with_affirmed:
            affirmed = {(r.therapy, r.disease_id or r.disease, r.outcome) for r in merged if not r.negated}
            merged = [
                r
                for r in merged
                if not (r.negated and (r.therapy, r.disease_id or r.disease, r.outcome) in affirmed)
            ]
        return sorted(merged, key=lambda r: (r.start, r.outcome, r.therapy or ""))
