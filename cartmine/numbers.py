"""Numbers written as digits or English words ("fifteen", "Ninety-seven", "1,024", "2.5")."""

from __future__ import annotations

import re

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "a": 1, "an": 1, "single": 1,
}
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90,
}
#: words that count as 1 when parsed but that NUMBER_PATTERN does not match on its own
NUMBER_WORDS_NOT_COUNTED = frozenset({"a", "an", "single"})
_WORD = "|".join(sorted([w for w in list(UNITS) + list(TENS) if w not in NUMBER_WORDS_NOT_COUNTED],
                        key=len, reverse=True))
_TENS = "|".join(TENS)
_ONE_TO_NINE = "|".join(w for w, v in UNITS.items() if 1 <= v <= 9 and w not in NUMBER_WORDS_NOT_COUNTED)
#: "twenty-one", "forty five" or a single number word; never two units ("two eight-week periods")
_WORDS = rf"(?:(?:{_TENS})(?:[\s-](?:{_ONE_TO_NINE}))?|{_WORD})"
#: Regex source for a number in words or digits (no sign); use with re.IGNORECASE.
#: "one hundred and five", "One-hundred-twenty-four" (abstracts hyphenate the whole number)
_HUNDREDS = rf"{_WORDS}(?:[\s-]hundred(?:[\s-]+(?:and[\s-]+)?{_WORDS})?)?"
NUMBER_PATTERN = (
    rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?"
    rf"|{_WORDS}[\s-]thousand(?:,?[\s-]+(?:and[\s-]+)?{_HUNDREDS})?|{_HUNDREDS})"
)
NUMBER_RE = re.compile(rf"^{NUMBER_PATTERN}$", re.IGNORECASE)


def parse_number(text: str) -> float | None:
    """Value of a number in digits or words, or None."""
    t = text.strip().lower().replace(",", "")
    if not t:
        return None
    try:
        return float(t)
    except ValueError:
        pass
    total = 0
    current = 0
    seen = False
    for part in re.split(r"[\s-]+", t):
        if part == "and":
            continue
        if part in UNITS:
            current += UNITS[part]
        elif part in TENS:
            current += TENS[part]
        elif part == "hundred":
            current = max(current, 1) * 100
        elif part == "thousand":
            total += max(current, 1) * 1000
            current = 0
        else:
            return None
        seen = True
    return float(total + current) if seen else None


def parse_int(text: str) -> int | None:
    value = parse_number(text)
    if value is None or value != int(value):
        return None
    return int(value)
