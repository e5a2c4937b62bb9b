"""Place prediction items given only as text (as LLM extractors write them) onto document offsets.

Finding a text (every rule is in docs/METRICS.md, "Text-only items"):
* a match may not start or end inside a word unless the text itself starts or ends with a
  non-word character there (``Russia`` is not found inside ``Russian``; it is inside ``Russia’s``);
* under the ``normalized`` policy both sides are folded (``io/normalize.py``), ``...`` or ``…``
  inside the text stands for an omitted stretch (the pieces are found in order, each at its
  nearest occurrence after the previous one, and become the fragments of the span), and a text
  that does not occur is looked for without its leading and trailing punctuation and quote marks,
  the span then covering as much of that punctuation as the document has there.

Choosing among the occurrences, in order:
1. ``occurrence: n`` takes the n-th occurrence (1-based);
2. ``context: "..."`` must occur exactly once; the item takes the first occurrence inside it;
3. a hedge takes the occurrences inside its claim (the nearest one to the claim when none is
   inside); the roles of one attribution are placed jointly: the combination keeping them in one
   sentence, else in one paragraph (section), else closest (smallest extent), else earliest, and
   not the combination an earlier attribution of the line took;
4. otherwise the k-th text-only item with the same text in the same layer and role (and the same
   claim, for hedges) takes the k-th occurrence, in document order.
An item that cannot be placed is reported with the reason and, when the document holds a near
miss, the closest stretch and what differs; it is counted as spurious, never dropped.
"""

from __future__ import annotations

import itertools
import math
import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass
from typing import Iterator, Mapping

from ..model import Document, Span
from .near_miss import near_miss
from .normalize import DEFAULT_ALIGN, fold

_OMISSION = re.compile(r"\s*\[?\.\.\.\]?\s*")
_LEAD = re.compile(r"^(?:\.\.\.|[\"'(\[ ])+")
_TRAIL = re.compile(r"(?:\.\.\.|[.,;:!?\"')\] ])+$")
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s+")
#: attribution role combinations tried at most; beyond, the line must say occurrence or context
MAX_COMBINATIONS = 100_000


@dataclass(frozen=True, slots=True)
class Request:
    """A text-only item: its text, and the optional ``occurrence`` (1-based) or ``context``."""

    text: str
    occurrence: int | None = None
    context: str | None = None


@dataclass(frozen=True, slots=True)
class Placement:
    """Where a text-only item went: its span, or None and the reason it could not be placed."""

    span: Span | None
    reason: str = ""


class Finder:
    """Every word-bounded occurrence of a text in one document, under one normalisation policy."""

    def __init__(self, text: str, align: str = DEFAULT_ALIGN):
        self.text, self.align = text, align
        self._folded = None

    @property
    def folded(self):
        """The folded text, made on first use: most documents have no text-only item to place."""
        if self._folded is None:
            self._folded = fold(self.text, self.align)
        return self._folded

    def find(self, needle: str) -> list[Span]:
        """The spans (in document order) at which ``needle`` occurs."""
        lenient = self.align != "exact"
        folded = fold(needle, self.align).text
        folded = folded.strip() if lenient else folded
        if not folded:
            return []
        matches = self._matches(folded, lenient)
        if not matches and lenient:
            lead = _LEAD.match(folded)
            trail = _TRAIL.search(folded)
            lead_text, trail_text = lead.group() if lead else "", trail.group() if trail else ""
            core = folded[len(lead_text):len(folded) - len(trail_text)]
            if core:
                matches = [self._extend(m, lead_text, trail_text) for m in self._matches(core, lenient)]
        return [self._span(m) for m in matches]

    def _matches(self, needle: str, omission: bool) -> list[list[tuple[int, int]]]:
        pieces = [p for p in _OMISSION.split(needle) if p] if omission else [needle]
        found = []
        for start in self._bounded(pieces[0], 0) if pieces else ():
            fragments = [(start, start + len(pieces[0]))]
            for piece in pieces[1:]:
                following = next(self._bounded(piece, fragments[-1][1] + 1), None)
                if following is None:
                    break
                fragments.append((following, following + len(piece)))
            else:
                found.append(fragments)
        return found

    def _bounded(self, piece: str, begin: int) -> Iterator[int]:
        """Starts of the occurrences of ``piece`` from ``begin`` on that do not cut a word."""
        text = self.folded.text
        position = text.find(piece, begin)
        while position != -1:
            end = position + len(piece)
            cuts_start = piece[0].isalnum() and position > 0 and text[position - 1].isalnum()
            cuts_end = piece[-1].isalnum() and end < len(text) and text[end].isalnum()
            if not (cuts_start or cuts_end):
                yield position
            position = text.find(piece, position + 1)

    def _extend(self, fragments: list[tuple[int, int]], lead: str, trail: str) -> list[tuple[int, int]]:
        """Widen a match of the core over the longest part of the dropped punctuation the document has there."""
        text = self.folded.text
        (start, first_end), (last_start, end) = fragments[0], fragments[-1]
        before = next((k for k in range(len(lead), 0, -1) if text[max(0, start - k):start] == lead[-k:]), 0)
        after = next((k for k in range(len(trail), 0, -1) if text[end:end + k] == trail[:k]), 0)
        if len(fragments) == 1:
            return [(start - before, end + after)]
        return [(start - before, first_end), *fragments[1:-1], (last_start, end + after)]

    def _span(self, fragments: list[tuple[int, int]]) -> Span:
        merged: list[tuple[int, int]] = []
        for start, end in (self.folded.original(a, b) for a, b in fragments):
            if merged and start <= merged[-1][1]:  # an omission that folded to nothing in the original
                merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
            else:
                merged.append((start, end))
        return Span(tuple(merged))


class Placer:
    """Places the text-only items of one document; keeps what earlier items took (rules 3 and 4)."""

    def __init__(self, document: Document | str, align: str = DEFAULT_ALIGN):
        text = document if isinstance(document, str) else document.text
        sections = () if isinstance(document, str) else document.sections
        self.text = text
        self.finder = Finder(text, align)
        self.taken: Counter[tuple] = Counter()
        self.combinations_taken: set[tuple] = set()
        self._sections = sections
        self._bounds: tuple[list[int], list[int]] | None = None

    def _boundaries(self) -> tuple[list[int], list[int]]:
        """Paragraph and sentence starts, found on first use (most documents have no text-only item)."""
        if self._bounds is None:
            lines = [0, *(m.end() for m in re.finditer("\n+", self.text))]
            paragraphs = sorted(s.span.start for s in self._sections) or lines
            sentences = sorted({*paragraphs, *(m.end() for m in _SENTENCE_END.finditer(self.text))})
            self._bounds = (paragraphs, sentences)
        return self._bounds

    def candidates(self, request: Request) -> tuple[list[Span], str]:
        """The spans ``request`` may take under rules 1 and 2 (all occurrences without them), or a reason for none."""
        found = self.finder.find(request.text)
        if not found:
            miss = near_miss(self.text, request.text)
            return [], "does not occur in the document" + (f"; {miss}" if miss else "")
        if request.occurrence is not None:
            if request.occurrence > len(found):
                return [], f"occurs {len(found)} time(s), fewer than occurrence={request.occurrence}"
            return [found[request.occurrence - 1]], ""
        if request.context is not None:
            around = self.finder.find(request.context)
            if len(around) != 1:
                miss = near_miss(self.text, request.context) if not around else None
                return [], f"has a context that occurs {len(around)} times, expected exactly once" + (
                    f"; context {miss}" if miss else ""
                )
            inside = [s for s in found if around[0].start <= s.start and s.end <= around[0].end]
            return (inside[:1], "") if inside else ([], "does not occur inside its context")
        return found, ""

    def place(self, field: str, request: Request, parent: Span | None = None) -> Placement:
        """Place one item; ``parent`` is the span of the claim a hedge belongs to."""
        found, reason = self.candidates(request)
        if not found or request.occurrence is not None or request.context is not None:
            return Placement(found[0] if found else None, reason)
        key = (field, request.text)
        if parent is not None:
            inside = [s for s in found if parent.start <= s.start and s.end <= parent.end]
            if not inside:
                return Placement(min(found, key=lambda s: (_gap(s, parent), s.start)))
            key, found = (field, request.text, parent.fragments), inside
        index = self.taken[key]
        self.taken[key] += 1
        if index >= len(found):
            where = " inside its claim" if parent is not None else ""
            return Placement(None, f"is given {index + 1} times but occurs only {len(found)} time(s){where}")
        return Placement(found[index])

    def place_jointly(self, roles: Mapping[str, Request | Span | None]) -> dict[str, Placement]:
        """Place the text-only roles of one attribution together (rule 3); roles given as spans stay put.

        Returns a placement for every role given as a Request.
        """
        options: dict[str, list[Span]] = {}
        out: dict[str, Placement] = {}
        for role, given in roles.items():
            if isinstance(given, Request):
                found, reason = self.candidates(given)
                if found:
                    options[role] = found
                else:
                    out[role] = Placement(None, reason)
            elif given is not None:
                options[role] = [given]
        asked = [role for role in options if isinstance(roles[role], Request)]
        if not asked:
            return out
        count = math.prod(len(spans) for spans in options.values())
        if count > MAX_COMBINATIONS:
            reason = f"its roles have {count} possible placements together; give occurrence or context"
            return out | {role: Placement(None, reason) for role in asked}
        names = list(options)
        combinations = (dict(zip(names, spans)) for spans in itertools.product(*options.values()))
        fresh = [c for c in combinations if _key(c, asked) not in self.combinations_taken]
        if not fresh:
            reason = "every placement of its roles is taken by an earlier attribution with the same texts"
            return out | {role: Placement(None, reason) for role in asked}
        best = min(fresh, key=self._cost)
        self.combinations_taken.add(_key(best, asked))
        return out | {role: Placement(best[role]) for role in asked}

    def _cost(self, combination: Mapping[str, Span]) -> tuple:
        spans = combination.values()
        ends = [o for s in spans for o in (s.start, s.end - 1)]
        paragraph_starts, sentence_starts = self._boundaries()
        sentences = {bisect_right(sentence_starts, o) for o in ends}
        paragraphs = {bisect_right(paragraph_starts, o) for o in ends}
        return len(sentences) > 1, len(paragraphs) > 1, max(ends) - min(ends), min(ends)


def _key(combination: Mapping[str, Span], roles: list[str]) -> tuple:
    return tuple((role, combination[role].fragments) for role in roles)


def _gap(span: Span, parent: Span) -> int:
    """Code points between two spans (0 when they overlap)."""
    return max(0, parent.start - span.end, span.start - parent.end)
