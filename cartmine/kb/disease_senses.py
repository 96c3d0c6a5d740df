"""Disease words used in another sense (``resources/disease_senses.yaml``).

"Depression of left ventricular function", "respiratory depression", "visceral pain hypersensitivity"
and "5-min ischaemia followed by reperfusion" use a disease word for a lowered function, a sensory
state or a state a procedure brings about: no patient's disease is named there. The cue words are
named data records (with team-written examples and counterexamples), so a new sense is a data edit,
and the check only looks at a few dozen characters around a mention whose head word has a record:
no scan of the whole text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from cartmine.rules import load_yaml

SENSES_FILE = "disease_senses.yaml"
#: How far before and after a mention the cue words are looked for (characters).
WINDOW = 60
#: A word between a cue and the head word: not one that joins or contrasts two things.
GAP_WORD = r"(?!(?:and|or|nor|but|with|without|versus|vs)\b)[\w/]+"


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"[\s-]+") for w in sorted(words, key=len, reverse=True))


@dataclass(frozen=True)
class SenseRule:
    """One record of the data file: cues around a head word that give it a non-disease sense."""

    id: str
    heads: frozenset[str]
    before: re.Pattern[str] | None
    after: re.Pattern[str] | None


class OtherSenses:
    """The records of :data:`SENSES_FILE`, indexed by head word, and its procedure words."""

    def __init__(self, data: dict) -> None:
        self.rules: dict[str, list[SenseRule]] = {}
        #: records with ``scope: proposed``: only checked on lay terms the tagger proposes
        self.proposed: list[SenseRule] = []
        for rec in data.get("senses", []):
            before = rec.get("before") or []
            if rec.get("scope") == "proposed":
                self._add_proposed(rec, before)
                continue
            after = rec.get("after") or []
            after_of = rec.get("after_of") or []
            # a cue word, then at most ``gap`` words before the head word, none a coordinator: in
            # "respiratory symptoms and depression" the cue qualifies another noun
            gap = int(rec.get("gap", 1))
            before_re = (re.compile(rf"\b(?:{_alternation(before)})(?:[\s-]+{GAP_WORD}){{0,{gap}}}[\s-]+$",
                                    re.IGNORECASE) if before else None)
            parts = []
            if after:
                parts.append(rf"[\s/-]+(?:{_alternation(after)})")
            if after_of:
                parts.append(rf"\s+of\s+(?:the\s+)?(?:\w+[\s-]+){{0,3}}?(?:{_alternation(after_of)})")
            after_re = re.compile(rf"(?:{'|'.join(parts)})(?![\w-])", re.IGNORECASE) if parts else None
            rule = SenseRule(rec["id"], frozenset(h.lower() for h in rec["heads"]), before_re, after_re)
            for head in rule.heads:
                self.rules.setdefault(head, []).append(rule)
        self.procedure_words = frozenset(w.lower() for w in data.get("procedure_words", []))

    def _add_proposed(self, rec: dict, before: list[str]) -> None:
        """A ``scope: proposed`` record: a cue word at most ``within`` characters before the proposed
        span, in the same sentence part, with coordinators allowed in between -- the reach the check
        of NER-proposed "lookup" lay terms always had ("ST segment elevation or depression")."""
        within = int(rec.get("within", 30))
        before_re = (re.compile(rf"\b(?:{_alternation(before)})\b[^.;]{{0,{within}}}$", re.IGNORECASE)
                     if before else None)
        self.proposed.append(SenseRule(rec["id"], frozenset(h.lower() for h in rec["heads"]), before_re, None))

    def proposed_other_sense(self, key: str, before: str) -> str | None:
        """The id of the ``scope: proposed`` record that gives a proposed "lookup" lay term a
        non-disease sense, given the text ``before`` its span, or None.

        ``key`` is the term's normalised key (``names.normalize_term``: lower case, no spaces or
        hyphens, "majordepression"), so a record is about it when the key ends with one of its heads."""
        for rule in self.proposed:
            if (rule.before is not None and any(key.endswith(head) for head in rule.heads)
                    and rule.before.search(before)):
                return rule.id
        return None

    def other_sense(self, text: str, start: int, end: int) -> str | None:
        """The id of the rule that gives the mention ``text[start:end]`` a non-disease sense, or None.

        The head is the mention's last word; the words of the mention before it count as context
        too ("myocardial depression" proposed as one span)."""
        mention = text[start:end]
        head = re.split(r"[\s-]+", mention.strip())[-1].lower()
        rules = self.rules.get(head)
        if not rules:
            return None
        head_start = start + mention.lower().rfind(head)
        before = text[max(0, head_start - WINDOW):head_start]
        before = re.split(r"[.;:()\[\]]", before)[-1]  # the cue must be in the same clause
        for rule in rules:
            if rule.before is not None and rule.before.search(before):
                return rule.id
            if rule.after is not None and rule.after.match(text[end:end + WINDOW]):
                return rule.id
        return None


@lru_cache(maxsize=1)
def other_senses() -> OtherSenses:
    """The packaged records (loaded once)."""
    return OtherSenses(load_yaml(SENSES_FILE))
