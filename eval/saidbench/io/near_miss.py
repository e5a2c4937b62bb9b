"""Diagnose a text-only item that could not be placed: the closest stretch of the document and what differs."""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher

_SLACK = 12  # characters allowed on either side of the anchor for insertions and deletions
_SHOWN = 3  # differences spelled out; the rest are counted
_SIMILAR = 0.5  # below this similarity ratio the stretch is no near miss and is not shown


@dataclass(frozen=True, slots=True)
class NearMiss:
    """The document stretch ``[start, end)`` closest to a prediction's text, and how they differ."""

    start: int
    end: int
    stretch: str
    differences: tuple[str, ...]

    def __str__(self) -> str:
        shown = "; ".join(self.differences[:_SHOWN])
        more = f"; and {len(self.differences) - _SHOWN} more difference(s)" if len(self.differences) > _SHOWN else ""
        return f"closest in the document: {_quote(self.stretch)} at [{self.start}, {self.end}): {shown}{more}"


def near_miss(document: str, needle: str) -> NearMiss | None:
    """The closest stretch: anchored on the longest block the two share, widened to the needle's length.

    None when the two share no character, when nothing differs, or when they are less than half alike.
    """
    anchor = SequenceMatcher(None, document, needle, autojunk=False).find_longest_match(
        0, len(document), 0, len(needle)
    )
    if anchor.size == 0:
        return None
    low = max(0, anchor.a - anchor.b - _SLACK)
    window = document[low:low + len(needle) + 2 * _SLACK]
    equal = [op for op in SequenceMatcher(None, window, needle, autojunk=False).get_opcodes() if op[0] == "equal"]
    # the stretch starts where the needle's first shared block says it starts, and ends likewise
    start = max(0, low + equal[0][1] - equal[0][3])
    end = min(len(document), low + equal[-1][2] + len(needle) - equal[-1][4])
    stretch = document[start:end]
    opcodes = SequenceMatcher(None, stretch, needle, autojunk=False).get_opcodes()
    differences = tuple(
        _difference(tag, stretch[i1:i2], needle[j1:j2])
        for tag, i1, i2, j1, j2 in opcodes
        if tag != "equal"
    )
    matched = sum(i2 - i1 for tag, i1, i2, _, _ in opcodes if tag == "equal")
    if not differences or 2 * matched < _SIMILAR * (len(stretch) + len(needle)):
        return None
    return NearMiss(start, end, stretch, differences)


def _difference(tag: str, in_document: str, in_prediction: str) -> str:
    if tag == "delete":
        return f"{_quote(in_document)} in the document, absent from the prediction"
    if tag == "insert":
        return f"{_quote(in_prediction)} in the prediction, absent from the document"
    return f"{_quote(in_document)} in the document, {_quote(in_prediction)} in the prediction"


def _quote(text: str) -> str:
    """A stretch as printed: one character bare (``’``), more JSON-quoted (line breaks escaped); the
    spaces other than the plain one are named (``<no-break space>``) because they look alike."""
    shown = "".join(
        f"<{unicodedata.name(c).lower()}>" if c.isspace() and c not in " \n\r\t" and unicodedata.name(c, "") else c
        for c in text
    )
    return shown if len(text) == 1 and text not in " \n\r\t" else json.dumps(shown, ensure_ascii=False)
