"""How disease names are compared: the spelling-, case- and punctuation-tolerant keys.

Why one module: the ontology's index, the ``diseases`` component's matchers and the embedding
linker's queries must agree on what counts as the same name and what counts as an
abbreviation; when each had its own copy they gave different answers (``IgG4-RD`` was an
abbreviation for one and not for the other).

Rules (what :func:`normalize_term` tolerates): case, hyphens, spaces, apostrophes and
possessive "'s" ("Sjogren's syndrome" = "Sjogren syndrome"), accents ("Sjögren"), British
spellings (leukaemia, haematological, oesophageal, tumour, generalised). Abbreviations
(``SLE``, ``MG``, ``ALL``, ``gMG``) are compared case-sensitively when shorter than five
letters, because their lower-case forms are ordinary words or units ("all", "mg", "ms").
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

#: British -> American spellings: (cheap lower-case substring guard, pattern, replacement).
#: Disease Ontology labels are American; MiniLM also splits British forms into other word
#: pieces, which costs ~0.1 cosine ("leukaemia" lands nearer "myeloid leukaemia" than "leukemia").
BRITISH_SPELLINGS = (
    ("ae", re.compile(r"ae(?=[a-z])", re.IGNORECASE), "e"),
    ("oe", re.compile(r"oe(?=[a-z])", re.IGNORECASE), "e"),
    ("tumour", re.compile(r"tumour", re.IGNORECASE), "tumor"),
    ("is", re.compile(r"(?<=[a-z])is(ed|ing|ation|ations)\b", re.IGNORECASE), r"iz\1"),
)
_POSSESSIVE = re.compile(r"(?<=[a-z])'s\b|(?<=[a-z]s)'(?=\s|$)")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def fold_accents(text: str) -> str:
    """NFKD without combining marks, so "Sjögren"/"Behçet"/"Guillain-Barré" match plain ASCII."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def americanise(text: str) -> str:
    """Map British disease spellings to the American ones DO uses ("leukaemia" -> "leukemia")."""
    for needle, pattern, repl in BRITISH_SPELLINGS:
        if needle in text.lower():
            text = pattern.sub(repl, text)
    return text


@lru_cache(maxsize=131072)
def normalize_term(text: str) -> str:
    """Case/spelling-insensitive key of a disease name (see the module docstring for the rules)."""
    t = fold_accents(str(text)).lower()
    if "'" in t or "\u2019" in t or "`" in t:
        t = _POSSESSIVE.sub("", t.replace("\u2019", "'").replace("`", "'"))
    return _NON_ALNUM.sub("", americanise(t))


def abbr_key(text: str) -> str:
    """Case-preserving key for abbreviations: only letters and digits kept ("B-ALL" -> "BALL")."""
    return re.sub(r"[^A-Za-z0-9]+", "", fold_accents(str(text)))


def is_abbreviation(surface: str) -> bool:
    """True for acronym-like surfaces (no space, mostly capitals: SLE, gMG, IgG4-RD, B-ALL)."""
    s = surface.strip()
    if not s or " " in s or len(s) > 10:
        return False
    letters = [ch for ch in s if ch.isalpha()]
    upper = sum(ch.isupper() for ch in letters)
    return upper >= 2 and upper * 2 >= len(letters)


def case_sensitive_only(surface: str) -> bool:
    """Abbreviations with fewer than five letters collide with words/units in lower case."""
    return is_abbreviation(surface) and sum(ch.isalpha() for ch in surface) < 5


def plural_variants(key: str) -> list[str]:
    """Singular candidates of a normalised key ("lymphomas" -> "lymphoma", "malignancies" -> ...y)."""
    out: list[str] = []
    if key.endswith("ies") and len(key) > 4:
        out.append(key[:-3] + "y")
    if key.endswith("es") and len(key) > 4:
        out.append(key[:-2])
    if key.endswith("s") and len(key) > 3:
        out.append(key[:-1])
    return out
