"""Offset units: convert UTF-8 byte or UTF-16 unit offsets to code points, the corpus convention."""

from __future__ import annotations

from functools import lru_cache

from ..usage import UsageError

UNITS = ("codepoint", "utf8", "utf16")
FLAG_HINT = {"utf8": "offsets look like UTF-8 bytes; pass --offsets utf8",
             "utf16": "offsets look like UTF-16 code units; pass --offsets utf16",
             "codepoint": "offsets look like code points; leave out --offsets (the default is code points)"}


def _unit_width(char: str, unit: str) -> int:
    if unit == "utf8":
        return len(char.encode("utf-8"))
    if unit == "utf16":
        return 2 if ord(char) > 0xFFFF else 1
    return 1


@lru_cache(maxsize=64)
def _boundaries(text: str, unit: str) -> dict[int, int]:
    """Map each character boundary in ``unit`` offsets to its code point offset."""
    mapping = {0: 0}
    position = 0
    for index, char in enumerate(text, start=1):
        position += _unit_width(char, unit)
        mapping[position] = index
    return mapping


def to_codepoint(text: str, offset: int, unit: str) -> int | None:
    """The code point offset of ``offset`` in ``unit``; None if it falls inside a character or past the end."""
    if unit not in UNITS:
        raise UsageError(f"unknown offset unit {unit!r}; expected one of {', '.join(UNITS)}")
    if unit == "codepoint":
        return offset if 0 <= offset <= len(text) else None
    return _boundaries(text, unit).get(offset)


def suggest_unit(text: str, start: int, end: int, expected: str, exclude: str = "codepoint") -> str | None:
    """A unit other than ``exclude`` (the one in use) under which ``[start, end)`` slices to ``expected``."""
    for unit in (u for u in ("codepoint", "utf8", "utf16") if u != exclude):
        begin, finish = to_codepoint(text, start, unit), to_codepoint(text, end, unit)
        if begin is not None and finish is not None and text[begin:finish] == expected:
            return unit
    return None
