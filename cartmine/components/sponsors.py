"""SPONSOR mentions: companies that develop, make or test a therapy.

Known companies come from ``resources/sponsors.tsv`` (with aliases such as BMS
or J&J); unknown ones are recognised by a corporate suffix ("Foo Therapeutics",
"Bar Biosciences Inc."). Universities, hospitals, regulators and analysts are
not sponsors (``resources/not_sponsors.txt``). Names are normalised without
trailing corporate words, as the contract compares them.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from cartmine.extensions import add_mention, doc_text, in_boilerplate
from cartmine.rules import char_span, select_longest

CORPORATE_SUFFIX = re.compile(
    r"(?<![\w&])(?P<name>[A-Z][\w&.-]*(?:[ \t]+(?:[A-Z][\w&.-]*|&))*?)[ \t]+"
    r"(?:Therapeutics|Biotherapeutics|Biosciences|Bioscience|Biotechnology|Biotech|Biopharmaceuticals?|Bio|"
    r"Pharmaceuticals?|Pharma|Laboratories|"
    r"Biologics|Biopharma|Medicines|Oncology|Immunotherapeutics|Cell\s+Therapy|Genomics)"
    r"(?:,?\s+(?:Inc|Ltd|AG|SA|SE|plc|GmbH|LLC|Corp|Co)\.?)?(?![\w])"
    r"(?!\s+(?:Agency|Authority|Association|Foundation|Institute|Society|Council|Network|Alliance|Initiative|"
    r"Organi[sz]ation|Consortium|Journal|Conference|Congress))"
)
#: leading words that describe a company without being its name ("Philadelphia-based", journals)
DESCRIPTOR = re.compile(r"^(?:[\w.-]+-(?:based|headquartered|listed)|Nature|Science|Cell|Lancet|Journal)$")
STOPWORDS = {"The", "A", "An", "In", "At", "For", "And", "Of", "By", "With", "From", "On", "To", "As", "Its"}


@Language.factory("cartmine_sponsors", default_config={"guess_unknown": True})
def make_sponsors(nlp: Language, name: str, guess_unknown: bool) -> SponsorRecognizer:
    return SponsorRecognizer(nlp, guess_unknown)


class SponsorRecognizer:
    """Find company names and normalise them."""

    def __init__(self, nlp: Language, guess_unknown: bool = True) -> None:
        from cartmine.kb.sponsors import SponsorKB

        self.kb = SponsorKB.load()
        self.guess_unknown = guess_unknown
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.canonical: dict[str, str] = {}
        for surface, canonical in self.kb.surface_forms():
            if surface in self.canonical:
                continue
            self.canonical[surface] = canonical
            self.matcher.add(surface, [nlp.make_doc(surface)])

    def _unknown_company(self, m: re.Match[str]) -> tuple[int, int, str] | None:
        """(start, end, name) for a "Name + corporate suffix" match, trimmed of leading
        descriptors; the knowledge base's spelling wins when it knows the company."""
        words = m.group("name").split()
        while words and (words[0] in STOPWORDS or DESCRIPTOR.match(words[0])):
            words.pop(0)
        if not words:
            return None
        start = m.start("name") + m.group("name").find(words[0])
        text = m.group(0)[start - m.start():].strip()
        known = self.kb.lookup(text) or self.kb.lookup(" ".join(words))
        return start, m.end(), known or text

    def __call__(self, doc: Doc) -> Doc:
        candidates: list[tuple[int, int, str]] = []
        for match_id, start, end in self.matcher(doc):
            span = doc[start:end]
            candidates.append((span.start_char, span.end_char, self.canonical[doc.vocab.strings[match_id]]))
        if self.guess_unknown:
            for m in CORPORATE_SUFFIX.finditer(doc_text(doc)):
                candidate = self._unknown_company(m)
                if candidate is not None:
                    candidates.append(candidate)
        for start, end, canonical in select_longest(candidates):
            if in_boilerplate(doc, start, end) or self.kb.is_non_sponsor(doc_text(doc)[start:end]):
                continue
            span = char_span(doc, start, end)
            if span is not None:
                add_mention(doc, span, "SPONSOR", canonical)
        return doc
