"""Offset units: UTF-8 bytes and UTF-16 units convert to code points, or are refused inside a character."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from saidbench.io.offsets import suggest_unit, to_codepoint

TEXT = "a’b😀c"  # ’ is 3 UTF-8 bytes and 1 UTF-16 unit; 😀 is 4 bytes and 2 UTF-16 units


@pytest.mark.parametrize(
    "unit, offsets, expected",
    [
        ("codepoint", [0, 1, 2, 3, 4, 5], [0, 1, 2, 3, 4, 5]),
        ("utf8", [0, 1, 4, 5, 9, 10], [0, 1, 2, 3, 4, 5]),
        ("utf16", [0, 1, 2, 3, 5, 6], [0, 1, 2, 3, 4, 5]),
    ],
)
def test_boundaries_convert(unit, offsets, expected):
    assert [to_codepoint(TEXT, o, unit) for o in offsets] == expected


@pytest.mark.parametrize("unit, offset", [("utf8", 2), ("utf8", 6), ("utf16", 4), ("codepoint", 6), ("utf8", 11)])
def test_offsets_inside_a_character_or_past_the_end_are_refused(unit, offset):
    assert to_codepoint(TEXT, offset, unit) is None


def test_unknown_unit():
    with pytest.raises(ValueError, match="unknown offset unit"):
        to_codepoint(TEXT, 0, "bytes")


def test_suggest_unit():
    assert suggest_unit(TEXT, 4, 5, "b") == "utf8"
    assert suggest_unit(TEXT, 5, 6, "c") == "utf16"
    assert suggest_unit(TEXT, 0, 1, "z") is None


@given(st.text(min_size=1, max_size=30), st.data())
def test_utf8_round_trip(text, data):
    index = data.draw(st.integers(0, len(text)))
    assert to_codepoint(text, len(text[:index].encode("utf-8")), "utf8") == index
    assert to_codepoint(text, len(text[:index].encode("utf-16-le")) // 2, "utf16") == index
