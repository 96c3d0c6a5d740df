"""Regimen acronyms a document defines for its own drugs ("cyclophosphamide, doxorubicin, and
fluorouracil (CAF)") and then uses alone ("response was 43% for CAF").

The therapies component finds each drug of the definition, but the later bare acronym is no
therapy mention of its own, so a result sentence naming only the acronym would give its drugs no
record (contract: a named regimen gives each of its drugs a record). This module gives the linker,
and only the linker, one extra THERAPY mention per drug on each later use of the acronym, as the
therapies component writes a regimen (one mention per drug on the regimen's span).

An acronym counts only where its shape fits the list before it: its letters (or its ``/``- or
``-``-separated parts, "FU/LV") number at least two and no more than the listed drugs, it names
the last that many of them ("dofequidar plus cyclophosphamide, doxorubicin, and fluorouracil
(CAF)": the last three), and at least half of its letters are those drugs' initials (the A of CAF
is doxorubicin's brand name, Adriamycin). Product codes and single drugs' abbreviations ("G-CSF",
"HMG" after two drugs) do not fit.

Haematology names a regimen the other way round too, the acronym first and its drugs in brackets
("R-BAC (rituximab, bendamustine, cytarabine)", "FCR (fludarabine, cyclophosphamide and
rituximab)"). There the brackets must hold the drug list and nothing else, two drugs or more, and at
least half of the drugs' initials must be letters of the acronym (case aside: "R-GemOx").
"""

from __future__ import annotations

import re

from cartmine.result import Mention

#: between two drugs of one list ("X, Y, and Z", "X plus Y", "X/Y"), a dose in brackets allowed
LIST_JOIN = re.compile(r"\s*(?:\([^()]{0,40}\)\s*)?(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|plus|or)\s+|\s*[/+]\s*)",
                       re.IGNORECASE)
#: right after the list: the acronym in brackets, upper-case letters with optional ``/``/``-`` parts
DEFINITION = re.compile(r"\s*\(\s*([A-Z]{1,6}(?:[/-][A-Z]{1,6}){0,4})\s*\)")
#: right before a bracketed drug list: a regimen acronym (two capitals or more, "R-BAC", "VRd", "R-GemOx")
LEADING = re.compile(r"(?<![\w/-])([A-Z][A-Za-z]{0,7}(?:[/-][A-Za-z]{1,8}){0,4})\s*\(\s*$")
#: the bracket that closes a leading acronym's drug list
CLOSING = re.compile(r"\s*\)")


def _size(acronym: str) -> tuple[int, list[str]]:
    """How many drugs an acronym names, and the initial it gives each: one per ``/``/``-`` part
    ("FU/LV": F, L), else one per letter ("CAF": C, A, F)."""
    parts = re.split(r"[/-]", acronym)
    initials = [p[0] for p in parts] if len(parts) > 1 else list(acronym)
    return len(initials), initials


def _initial(mention: Mention) -> tuple[str, str]:
    """The first letters of a drug mention's words and of its norm ("5-fluorouracil": f)."""
    def first(s: str) -> str:
        found = re.search(r"[A-Za-z]", s)
        return found.group(0).upper() if found else ""
    return first(mention.text), first(mention.norm or "")


def regimen_acronym_mentions(text: str, mentions: list[Mention]) -> list[Mention]:
    """Extra THERAPY mentions, one per drug, on each later use of a regimen acronym the document
    defines right after a list of its drugs (see the module docstring)."""
    therapies = sorted((m for m in mentions if m.label == "THERAPY" and m.norm), key=lambda m: (m.start, m.end))
    covered = [(m.start, m.end) for m in therapies]
    extra: list[Mention] = []
    defined: set[str] = set()
    i = 0
    while i < len(therapies):
        run = [therapies[i]]
        while i + 1 < len(therapies) and (therapies[i + 1].start == run[-1].start
                                          or LIST_JOIN.fullmatch(text, run[-1].end, therapies[i + 1].start)):
            i += 1
            if therapies[i].start != run[-1].start:
                run.append(therapies[i])
        i += 1
        found = DEFINITION.match(text, run[-1].end)
        if len(run) < 2 or found is None or found.group(1) in defined:
            continue
        acronym = found.group(1)
        size, initials = _size(acronym)
        drugs = run[-size:]
        if not 2 <= size <= len(run) or len({d.norm for d in drugs}) < size:
            continue
        if 2 * sum(1 for letter, d in zip(initials, drugs, strict=True) if letter in _initial(d)) < size:
            continue
        defined.add(acronym)
        extra += _uses(text, acronym, found.end(), drugs, covered)
    for acronym, after, drugs in _leading_definitions(text, therapies):
        if acronym not in defined:
            defined.add(acronym)
            extra += _uses(text, acronym, after, drugs, covered)
    return extra


def _uses(text: str, acronym: str, after: int, drugs: list[Mention], covered: list[tuple[int, int]]) -> list[Mention]:
    """One THERAPY mention per drug on each use of ``acronym`` after offset ``after`` that no
    therapy mention covers yet."""
    extra: list[Mention] = []
    for use in re.finditer(rf"(?<![\w/-]){re.escape(acronym)}(?![\w/-])", text[after:]):
        start, end = after + use.start(), after + use.end()
        if any(s < end and start < e for s, e in covered):
            continue  # the therapies component already read this use
        extra += [Mention("THERAPY", acronym, start, end, d.norm, None, {"regimen": acronym}) for d in drugs]
    return extra


def _leading_definitions(text: str, therapies: list[Mention]) -> list[tuple[str, int, list[Mention]]]:
    """Acronyms defined before their drugs ("R-BAC (rituximab, bendamustine, cytarabine)"): the
    acronym, the offset after the closing bracket and the drugs, where the brackets hold exactly a
    list of two drugs or more and at least half of the drugs' initials are letters of the acronym."""
    found: list[tuple[str, int, list[Mention]]] = []
    for i, first in enumerate(therapies):
        lead = LEADING.search(text, max(0, first.start - 40), first.start)
        if lead is None or sum(ch.isupper() for ch in lead.group(1)) < 2:
            continue
        if any(t.start < first.start and t.end > lead.start(1) for t in therapies[:i]):
            continue  # the acronym is itself a therapy mention (a known regimen or product)
        run = [first]
        for t in therapies[i + 1:]:
            if t.start == run[-1].start:
                continue
            if not LIST_JOIN.fullmatch(text, run[-1].end, t.start):
                break
            run.append(t)
        close = CLOSING.match(text, run[-1].end)
        if close is None or len({d.norm for d in run}) < 2 or len({d.norm for d in run}) < len(run):
            continue
        letters = set(re.sub(r"[^A-Za-z]", "", lead.group(1)).upper())
        if 2 * sum(1 for d in run if set(_initial(d)) & letters) < len(run):
            continue
        found.append((lead.group(1), close.end(), run))
    return found
