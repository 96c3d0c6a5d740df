"""Numbers in words: abstracts spell out large sentence-initial counts, hyphenated or with 'thousand'."""

from __future__ import annotations

import pytest

from cartmine.numbers import NUMBER_RE, parse_int


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("One-hundred-twenty-four", 124),
        ("one hundred and twenty-nine", 129),
        ("One thousand two hundred five", 1205),
        ("two thousand", 2000),
        ("Ninety-seven", 97),
        ("1,024", 1024),
    ],
)
def test_number_words(text: str, value: int) -> None:
    assert NUMBER_RE.match(text) is not None
    assert parse_int(text) == value


def test_two_units_are_not_one_number() -> None:
    assert NUMBER_RE.match("two eight") is None
