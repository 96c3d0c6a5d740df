"""Record contract v1 in one place: its closed lists and its comparison keys.

The contract (``<shared>/spec/records.md``) fixes which labels, outcomes, categories,
modalities, qualifiers and duration kinds exist, and how the referee compares names.
Components, the scorer, aggregation and the JSON Schema (``schema/output-v1.schema.json``,
checked against these lists by :func:`load_schema`) all read them from here, so that a
change to the contract is one edit and the copies cannot drift apart.

The keys follow the referee script (``<shared>/tools/cartmine_score.py``) to the letter:
do not "improve" them, or predictions and gold would be keyed differently.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path
from typing import Any

#: Mention labels, one span group each.
LABELS = ("THERAPY", "DISEASE", "OUTCOME", "DURATION", "PATIENT_COUNT", "SPONSOR")

#: The closed outcome list, by category (section 3, "Outcomes").
EFFICACY_OUTCOMES = (
    "remission", "complete_remission", "drug_free_remission", "response", "complete_response",
    "mrd_negativity", "improvement", "relapse", "progression", "no_response",
)  # fmt: skip
SAFETY_OUTCOMES = ("crs", "icans", "infection", "death")
OUTCOMES = EFFICACY_OUTCOMES + SAFETY_OUTCOMES
#: An OUTCOME mention's ``category`` attribute.
CATEGORIES = ("efficacy", "safety")

#: THERAPY ``modality`` values; the first four are engineered cell therapies, whose un-named
#: products are normalised as ``<TARGET> <MODALITY>``.
CELL_MODALITIES = frozenset({"CAR-T", "CAR-NK", "CAAR-T", "TCR-T"})
MODALITIES = frozenset(CELL_MODALITIES | {"antibody", "small molecule", "transplant", "other"})

#: DURATION ``kind`` and ``qualifier`` values.
DURATION_KINDS = ("remission", "follow_up")
QUALIFIERS = ("=", ">=", "<=", "~", "median", "range")

#: Gold and scored fields, in the referee's table order (section 4).
FIELDS = ("therapies", "diseases", "outcomes", "durations", "patient_counts", "sponsors", "records")

#: Trailing words dropped by the referee's sponsor key (same set as the referee).
CORPORATE_WORDS = frozenset(
    {
        "inc", "ltd", "limited", "llc", "ag", "sa", "se", "plc", "gmbh", "nv", "bv", "co", "corp",
        "corporation", "company", "therapeutics", "bio", "biotech", "biotechnology", "biosciences",
        "bioscience", "biotherapeutics", "biologics", "pharma", "pharmaceutical", "pharmaceuticals",
        "holdings", "group",
    }
)  # fmt: skip

SCHEMA_PATH = Path(__file__).resolve().parent / "schema" / "output-v1.schema.json"

_KEY_STRIP = re.compile(r"[\s\-\u2010-\u2015.,'\u2019()]+")
_THERAPY_KEY_STRIP = re.compile(r"[\s\-\u2010-\u2015.,'\u2019`()\[\]\u00ae\u2122\u00a9]+")
_WORDS = re.compile(r"[\w&]+")


def category_of(outcome: str) -> str:
    """The contract category of an outcome type ("efficacy" or "safety")."""
    return "safety" if outcome in SAFETY_OUTCOMES else "efficacy"


def comparison_key(text: str) -> str:
    """The referee's generic key: lower case without spaces, hyphens, dots, commas, quotes, brackets."""
    return _KEY_STRIP.sub("", str(text).lower())


def sponsor_key(name: str) -> str:
    """Company comparison key: trailing corporate words dropped ("Kyverna Therapeutics, Inc." -> kyverna).

    A one-word name keeps its word even if it is corporate ("Bio" stays "bio"), as in the referee.
    """
    words = _WORDS.findall(str(name).lower())
    while len(words) > 1 and words[-1] in CORPORATE_WORDS:
        words.pop()
    return comparison_key(" ".join(words))


def therapy_key(surface: str) -> str:
    """Comparison key for therapy names: case-, hyphen- and space-insensitive.

    Two names equal under the referee's key are equal here too; it also drops the (R)/TM signs
    that press releases attach to brand names, and square brackets and backticks.
    """
    text = unicodedata.normalize("NFKC", str(surface)).lower()
    return _THERAPY_KEY_STRIP.sub("", text)


def load_schema() -> dict[str, Any]:
    """The output JSON Schema, after checking that its closed lists are this module's.

    The schema is a data file for users of other languages; reading it through here makes a
    drift between it and the code an error instead of a silently wrong validation.
    """
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    defs = schema["$defs"]
    mention = defs["mention"]
    found = {
        "outcomes": defs["outcome"]["enum"],
        "labels": mention["properties"]["label"]["enum"],
        "categories": _then_attrs(mention, "OUTCOME")["category"]["enum"],
        "qualifiers": _then_attrs(mention, "DURATION")["qualifier"]["enum"],
        "kinds": _then_attrs(mention, "DURATION")["kind"]["enum"],
        "modalities": _then_attrs(mention, "THERAPY")["modality"]["enum"],
    }
    expected = {
        "outcomes": OUTCOMES, "labels": LABELS, "categories": CATEGORIES, "qualifiers": QUALIFIERS,
        "kinds": DURATION_KINDS, "modalities": MODALITIES,
    }  # fmt: skip
    wrong = [name for name, values in found.items() if set(values) != set(expected[name])]
    if wrong:
        raise ValueError(f"{SCHEMA_PATH}: closed lists differ from cartmine.contract: {', '.join(wrong)}")
    return schema


def _then_attrs(mention_schema: dict[str, Any], label: str) -> dict[str, Any]:
    """The attrs properties the schema requires of one mention label."""
    for rule in mention_schema["allOf"]:
        if rule["if"]["properties"]["label"]["const"] == label:
            return rule["then"]["properties"]["attrs"]["properties"]
    raise KeyError(label)
