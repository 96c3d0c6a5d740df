"""Negation and hedging of OUTCOME mentions (ConText-style).

We use our own small ConText implementation instead of medspaCy's: medspaCy
pins its own spaCy/PyRuSH stack and its default rules target clinical notes
("denies", "history of"), while our cues are reporting language ("no patient
relapsed", "none developed ICANS", "appeared to be in remission"). The trigger
lists are a small YAML rule file; scope is the sentence, bounded by a token
window and terminators ("but", "however", ";").
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span

from cartmine.extensions import doc_text, mention_spans
from cartmine.rules import load_yaml


@Language.factory("cartmine_context", default_config={"rules_file": "context.yaml", "window": 9})
def make_context(nlp: Language, name: str, rules_file: str, window: int) -> ContextAnnotator:
    return ContextAnnotator(rules_file, window)


def _phrase_regex(phrases: list[str]) -> re.Pattern[str]:
    """Whole-word alternation; punctuation triggers (";") need no word boundaries."""
    alts = []
    for phrase in sorted(phrases, key=len, reverse=True):
        body = re.escape(phrase).replace(r"\ ", r"\s+")
        alts.append(rf"(?<![\w-]){body}(?![\w-])" if phrase[:1].isalnum() else body)
    return re.compile("|".join(alts), re.IGNORECASE)


class ContextAnnotator:
    """Set ``negated`` and ``hedged`` in the attrs of OUTCOME mentions."""

    def __init__(self, rules_file: str, window: int) -> None:
        rules = load_yaml(rules_file)
        self.window = window  # tokens either side of the outcome; set in pipeline.cfg
        self.neg_pre = _phrase_regex(rules["negation"]["pre"])
        self.neg_post = _phrase_regex(rules["negation"]["post"])
        self.hedge_pre = _phrase_regex(rules["hedging"]["pre"])
        self.hedge_post = _phrase_regex(rules["hedging"]["post"])
        self.terminators = _phrase_regex(rules["terminators"])

    def __call__(self, doc: Doc) -> Doc:
        for span in mention_spans(doc, "OUTCOME"):
            attrs = span._.attrs
            if span._.norm != "no_response":  # "no response" carries its own negation
                attrs["negated"] = (self._triggered(span, self.neg_pre, self.neg_post)
                                    or doc_text(span.doc)[span.end_char:span.end_char + 5].lower() == "-free")
            attrs["hedged"] = self._triggered(span, self.hedge_pre, self.hedge_post)
        return doc

    def _triggered(self, span: Span, pre: re.Pattern[str], post: re.Pattern[str]) -> bool:
        sent = span.sent
        lo = max(sent.start, span.start - self.window)
        hi = min(sent.end, span.end + self.window)
        before = span.doc[lo:span.start].text if span.start > lo else ""
        after = span.doc[span.end:hi].text if hi > span.end else ""
        for m in pre.finditer(before):
            if not self.terminators.search(before[m.end():]):
                return True
        return any(not self.terminators.search(after[:m.start()]) for m in post.finditer(after))
