"""Custom attributes that cartmine's components write on spaCy objects.

Each entity type lives in its own span group (``doc.spans["THERAPY"]`` ...), so
that overlapping mentions of different types can coexist, and carries its
normalisation on ``span._.norm`` / ``span.kb_id_`` / ``span._.attrs``.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from cartmine.contract import LABELS
from cartmine.result import Mention


class UnknownMentionError(LookupError):
    """``span._.attrs`` of a span that no component added with :func:`add_mention`.

    Returning an empty dict there would make writes to it vanish silently.
    """


def register_extensions() -> None:
    """Idempotently register every extension cartmine uses."""
    # Span attributes are looked up by (label, start, end) in a doc-level table:
    # spaCy keys span extensions by offsets only, and a DISEASE and an OUTCOME may
    # share offsets ("cytokine release syndrome").
    for name in ("norm", "attrs"):
        if not Span.has_extension(name):
            Span.set_extension(name, getter=_span_getter(name))
    if not Doc.has_extension("mentions"):
        Doc.set_extension("mentions", getter=collect_mentions)
    for obj, name, default in (
        (Doc, "span_info", None),
        (Doc, "doc_id", None),
        (Doc, "body_offset", 0),
        (Doc, "source", None),  # the input document's contract ``source`` ("news", "abstract", ...) or None
        (Doc, "boilerplate", None),  # list of (start_char, end_char) ranges of web furniture
        (Doc, "records", None),  # list[cartmine.result.Record]
        (Doc, "errors", None),
    ):
        if not obj.has_extension(name):
            obj.set_extension(name, default=default)


def _span_info(span: Span, table: dict | None, field: str):
    """``span._.<field>`` read from the doc's ``span_info`` table (passed in, so that a loop over
    many spans reads ``doc._`` once: each ``._`` access builds a new spaCy Underscore object)."""
    key = (span.label_, span.start_char, span.end_char)
    # several mentions on one span (a regimen's drugs) are told apart by their span id
    info = (table or {}).get((*key, span.id_) if span.id_ else key)
    if info is None:
        if field == "attrs":
            raise UnknownMentionError(
                f"{span.label_ or 'unlabelled'} span {span.text!r} at {span.start_char}-{span.end_char} "
                "was not added with cartmine.extensions.add_mention, so it has no attrs"
            )
        return None
    return info[field]


def _span_getter(field: str):
    def getter(span: Span):
        return _span_info(span, span.doc._.span_info, field)

    return getter


def mention_spans(doc: Doc, label: str) -> list[Span]:
    """Spans of one label, in text order."""
    if label not in doc.spans:
        return []
    return sorted(doc.spans[label], key=lambda s: (s.start_char, -s.end_char))


def add_mention(doc: Doc, span: Span, label: str, norm: str | None, kb_id: str | None = None,
                attrs: dict | None = None, provenance: dict | None = None, span_id: str = "") -> Span:
    """Put a mention span into its label's group with normalisation attached.

    ``provenance`` (a linker's similarity score, say) is kept beside ``norm`` and ``attrs``
    in ``doc._.span_info``, not in ``attrs``, which are part of the record contract.
    ``span_id`` tells apart several mentions on the same span (the drugs of a regimen).
    """
    new = Span(doc, span.start, span.end, label=label, kb_id=kb_id or "", span_id=span_id)
    if doc._.span_info is None:
        doc._.span_info = {}
    key = (label, new.start_char, new.end_char)
    info = {"norm": norm, "attrs": dict(attrs or {}), **(provenance or {})}
    doc._.span_info[(*key, span_id) if span_id else key] = info
    group = doc.spans.setdefault(label, [])
    group.append(new)
    return new


def in_boilerplate(doc: Doc, start_char: int, end_char: int) -> bool:
    """True when the character range lies in web-page furniture (navigation, tags, teasers)."""
    return any(start_char >= lo and end_char <= hi for lo, hi in doc._.boilerplate or ())


def reported_spans(doc: Doc, label: str) -> list[Span]:
    """The mentions of one label that cartmine reports: in text order, none in web furniture.

    A DISEASE span without a Disease Ontology id (an NER mention nothing could link) stays in
    ``doc.spans["DISEASE"]`` for spaCy users and the embedding linker, but is not reported: the
    contract's DISEASE is a DO term ("conditions with no Disease Ontology term are not scored as
    diseases"), and a record about such a condition has disease null.
    """
    return _reported(doc, label, doc._.boilerplate or ())


def _reported(doc: Doc, label: str, boilerplate) -> list[Span]:
    """:func:`reported_spans` with the doc's web-furniture ranges read once by the caller."""
    return [s for s in mention_spans(doc, label)
            if not any(s.start_char >= lo and s.end_char <= hi for lo, hi in boilerplate)
            and (label != "DISEASE" or s.kb_id_)]


def collect_mentions(doc: Doc) -> list[Mention]:
    """Every reported mention as a contract :class:`~cartmine.result.Mention` (``doc._.mentions``).

    Read from the span groups the components fill, so no component has to assemble the list.
    """
    table = doc._.span_info
    boilerplate = doc._.boilerplate or ()
    mentions = [
        Mention(label=span.label_, text=span.text, start=span.start_char, end=span.end_char,
                norm=_span_info(span, table, "norm"), id=span.kb_id_ or None,
                attrs=dict(_span_info(span, table, "attrs")))
        for label in LABELS
        for span in _reported(doc, label, boilerplate)
    ]
    return sorted(mentions, key=lambda m: (m.start, m.end, m.label))


__all__ = [
    "LABELS",
    "UnknownMentionError",
    "add_mention",
    "collect_mentions",
    "in_boilerplate",
    "mention_spans",
    "register_extensions",
    "reported_spans",
    "seed_doc_text",
]


def doc_text(doc: Doc) -> str:
    """``doc.text``, computed once per document.

    spaCy rebuilds ``Doc.text`` from the tokens on every access (O(n)); the rule
    components read it many times per document, which made it the pipeline's
    largest single cost.
    """
    text = doc.user_data.get("cartmine_text")
    if text is None:
        text = doc.user_data["cartmine_text"] = doc.text
    return text


def seed_doc_text(doc: Doc, text: str) -> None:
    """Give :func:`doc_text` the text the Doc was made from (``nlp.make_doc(text).text == text``),
    so that not even its one rebuild from the tokens is needed."""
    doc.user_data["cartmine_text"] = text


#: (short start, short end, long start, long end) token offsets of one short-form occurrence.
AbbreviationOffsets = tuple[int, int, int, int]


def abbreviation_occurrences(doc: Doc) -> list[tuple[str, AbbreviationOffsets]]:
    """``(short text, token offsets)`` of every short-form occurrence that scispacy's detector found.

    The detector pairs each occurrence of a short form in the document (not only
    the defining one) with its long form. It runs with ``make_serializable = true``
    (so docs can cross process boundaries) and then stores dicts instead of spans;
    both shapes are read.
    """
    if not Doc.has_extension("abbreviations"):
        return []
    found = []
    for abbr in doc._.abbreviations or []:
        if isinstance(abbr, dict):
            offsets = (abbr["short_start"], abbr["short_end"], abbr["long_start"], abbr["long_end"])
            found.append((abbr["short_text"], offsets))
        elif isinstance(abbr._.long_form, Span):
            long_form = abbr._.long_form
            found.append((abbr.text, (abbr.start, abbr.end, long_form.start, long_form.end)))
    return found


def defined_abbreviations(doc: Doc) -> list[tuple[str, str]]:
    """(short form, long form) text pairs, one per short-form occurrence (see :func:`abbreviation_occurrences`)."""
    return [(short, doc[long_start:long_end].text)
            for short, (_, _, long_start, long_end) in abbreviation_occurrences(doc)]
