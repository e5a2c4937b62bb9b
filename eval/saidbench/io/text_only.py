"""Place prediction items given only as text (as LLM extractors write them) onto document offsets.

The rule, in order:
1. ``occurrence: n`` takes the n-th occurrence of the text in the document (1-based).
2. ``context: "..."`` must occur exactly once in the document; the item takes the first
   occurrence of its text inside that context.
3. Otherwise, the k-th text-only item with the same text in the same layer and role takes
   the k-th occurrence, in document order.
An item that cannot be placed (text absent, too few occurrences, context absent or repeated)
is reported and counted as spurious; it is never dropped.
"""

from __future__ import annotations

from collections import Counter

from ..model import Span


def occurrences(text: str, needle: str) -> list[int]:
    """Start offsets of every occurrence of ``needle`` (overlapping ones included)."""
    starts, position = [], text.find(needle)
    while position != -1:
        starts.append(position)
        position = text.find(needle, position + 1)
    return starts


class Placer:
    """Places text-only items of one document; keeps the per-(field, text) counters of rule 3."""

    def __init__(self, text: str):
        self.text = text
        self.taken: Counter[tuple[str, str]] = Counter()

    def place(self, field: str, needle: str, occurrence: int | None, context: str | None) -> tuple[Span | None, str]:
        """The span for ``needle``, or None and the reason it could not be placed."""
        starts = occurrences(self.text, needle)
        if not starts:
            return None, "does not occur in the document"
        if occurrence is not None:
            if occurrence > len(starts):
                return None, f"occurs {len(starts)} time(s), fewer than occurrence={occurrence}"
            return Span.of(starts[occurrence - 1], starts[occurrence - 1] + len(needle)), ""
        if context is not None:
            found = occurrences(self.text, context)
            if len(found) != 1:
                return None, f"has a context that occurs {len(found)} times, expected exactly once"
            inside = context.find(needle)
            if inside == -1:
                return None, "does not occur inside its context"
            return Span.of(found[0] + inside, found[0] + inside + len(needle)), ""
        index = self.taken[(field, needle)]
        self.taken[(field, needle)] += 1
        if index >= len(starts):
            return None, f"is given {index + 1} times but occurs only {len(starts)} time(s)"
        return Span.of(starts[index], starts[index] + len(needle)), ""
