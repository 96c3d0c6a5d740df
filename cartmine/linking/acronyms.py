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
"""

from __future__ import annotations

import re

from cartmine.result import Mention

#: between two drugs of one list ("X, Y, and Z", "X plus Y", "X/Y"), a dose in brackets allowed
LIST_JOIN = re.compile(r"\s*(?:\([^()]{0,40}\)\s*)?(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|plus|or)\s+|\s*[/+]\s*)",
                       re.IGNORECASE)
#: right after the list: the acronym in brackets, upper-case letters with optional ``/``/``-`` parts
DEFINITION = re.compile(r"\s*\(\s*([A-Z]{1,6}(?:[/-][A-Z]{1,6}){0,4})\s*\)")


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
        for use in re.finditer(rf"(?<![\w/-]){re.escape(acronym)}(?![\w/-])", text[found.end():]):
            start, end = found.end() + use.start(), found.end() + use.end()
            if any(s < end and start < e for s, e in covered):
                continue  # the therapies component already read this use
            extra += [Mention("THERAPY", acronym, start, end, d.norm, None, {"regimen": acronym}) for d in drugs]
    return extra
