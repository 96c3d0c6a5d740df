"""Patient adjectives of one-word disease names (``resources/disease_adjectives.yaml``).

Why: trial abstracts name the enrolled population with an adjective as often as with the noun
("asthmatic children", "osteoporotic women", "patients who became anaemic", "asthmatics"), and the
statistical tagger proposes only some of these. The adjectives are derived from the Disease
Ontology names the diseases component already matches (a suffix rule per noun ending), so no
adjective is listed by hand, and one is a disease only in a population or condition phrase: the same
adjectives qualify things that are no disease ("ischaemic time", "hypoglycaemic agents").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Generic, TypeVar

from cartmine.rules import load_yaml

ADJECTIVES_FILE = "disease_adjectives.yaml"

T = TypeVar("T")

#: A whole word of letters, not part of a hyphenated or alphanumeric token.
WORD = re.compile(r"(?<![\w-])[^\W\d_]+(?![\w-])")


@dataclass(frozen=True)
class AdjectiveRule:
    """The data record: suffix pairs, irregular forms and the contexts that make an adjective a disease."""

    id: str
    endings: tuple[tuple[str, str], ...]
    irregular: dict[str, str]
    heads: frozenset[str]
    before: frozenset[str]
    plural: bool

    def adjective(self, noun: str) -> str | None:
        """The adjective of a one-word disease noun ("asthma" -> "asthmatic"), or None."""
        noun = noun.lower()
        if noun in self.irregular:
            return self.irregular[noun]
        if not noun.isalpha() or len(noun) < 5:
            return None
        for ending, adjective in self.endings:
            if noun.endswith(ending) and len(noun) - len(ending) >= 3:
                return noun[: -len(ending)] + adjective
        return None


class AdjectiveMatcher(Generic[T]):
    """Finds the derived adjectives of ``names`` in a population or condition context."""

    def __init__(self, rule: AdjectiveRule, names: Iterable[tuple[str, T]]) -> None:
        self.rule = rule
        found: dict[str, T] = {}
        ambiguous: set[str] = set()
        for name, payload in names:
            if (" " in name or "-" in name) and name.lower() not in rule.irregular:
                continue  # "anxiety disorder" only through its irregular adjective ("anxious outpatients")
            adjective = rule.adjective(name)
            if adjective is None or adjective == name.lower():
                continue
            if adjective in found and found[adjective] != payload:
                ambiguous.add(adjective)  # two diseases would give this adjective: neither is meant
            found.setdefault(adjective, payload)
        self.adjectives = {a: p for a, p in found.items() if a not in ambiguous}

    def _adjective(self, word: str) -> str | None:
        """The known adjective that ``word`` is, or is the plural of ("asthmatics"), or None."""
        word = word.lower()
        if word in self.adjectives:
            return word
        if self.rule.plural and word.endswith("s") and word[:-1] in self.adjectives:
            return word[:-1]
        return None

    def find(self, text: str) -> Iterator[tuple[int, int, T]]:
        """(start, end, payload) of each adjective used for the patients or the condition.

        Each word is looked up in a dict: one alternation regex over thousands of derived adjectives
        was the slowest step of the diseases component."""
        if not self.adjectives:
            return
        for m in WORD.finditer(text):
            adjective = self._adjective(m.group())
            if adjective is None:
                continue
            payload = self.adjectives[adjective]
            if len(m.group()) > len(adjective):  # "asthmatics": the adjective as a noun
                yield m.start(), m.end(), payload
                continue
            after = re.match(r"\s+([A-Za-z]+)", text[m.end():m.end() + 30])
            before = re.search(r"([A-Za-z]+)\s+$", text[max(0, m.start() - 30):m.start()])
            if (after and after.group(1).lower() in self.rule.heads) or (
                    before and before.group(1).lower() in self.rule.before):
                yield m.start(), m.end(), payload


#: "peanut-allergic", "opioid dependent": the one or two words before a compound adjective, and the adjective.
COMPOUND = r"(?<![\w-])(?P<name>(?:[A-Za-z][\w']*\s+)?[A-Za-z][\w']*)[\s-](?P<adj>{adjectives})(?![\w-])"


def compounds(text: str, nouns: dict[str, str]) -> Iterator[tuple[int, int, str]]:
    """(start, end, name) of each compound adjective phrase, with the one- and two-word noun names it
    may stand for, longest first ("growth hormone-deficient" -> "growth hormone deficiency")."""
    lowered = text.lower()
    if not nouns or not any(adjective in lowered for adjective in nouns):
        return
    pattern = re.compile(COMPOUND.format(adjectives="|".join(map(re.escape, nouns))), re.IGNORECASE)
    for m in pattern.finditer(text):
        noun = nouns[m["adj"].lower()]
        words = m["name"].split()
        for k in range(len(words), 0, -1):
            start = m.start("name") + m["name"].rfind(words[-k]) if k < len(words) else m.start("name")
            yield start, m.end(), f"{' '.join(words[-k:])} {noun}"


def load_rule(data: dict | None = None) -> AdjectiveRule:
    """The record of :data:`ADJECTIVES_FILE` (or of ``data``)."""
    rec = (data or load_yaml(ADJECTIVES_FILE))["rules"][0]
    return AdjectiveRule(
        id=rec["id"],
        endings=tuple((str(a), str(b)) for a, b in rec["endings"]),
        irregular={str(k).lower(): str(v).lower() for k, v in (rec.get("irregular") or {}).items()},
        heads=frozenset(w.lower() for w in rec.get("heads") or []),
        before=frozenset(w.lower() for w in rec.get("before") or []),
        plural=bool(rec.get("plural")),
    )


@lru_cache(maxsize=1)
def adjective_rule() -> AdjectiveRule:
    """The packaged record (loaded once)."""
    return load_rule()


@lru_cache(maxsize=1)
def compound_nouns() -> dict[str, str]:
    """Compound adjective -> its noun ("allergic" -> "allergy"), from the packaged file."""
    return {str(k).lower(): str(v).lower() for k, v in (load_yaml(ADJECTIVES_FILE).get("compounds") or {}).items()}
