"""Span-edge policies: ``exact`` scores spans as given; ``forgiving`` trims convention-dependent edges first.

Annotation schemes differ on what a span's edges include: PARC 3.0 keeps a direct quote's marks and
final punctuation in the content, saidbench trims them (guidelines v1.1 D6); some schemes start an
indirect content at the complementiser ``that``. Under ``forgiving``, every span of both sides
(mentions, claims, hedges, attribution roles) is trimmed before matching, fragment by fragment and
until nothing changes, of: whitespace at either edge; quotation marks at either edge; final
punctuation (``. , ; : ! ?`` and the ellipsis) at the end; a leading ``that`` followed by whitespace.
A fragment that would become empty is kept as it was. Every scheme then applies to the trimmed
spans, so a system is not punished for a convention alone (METRICS.md, "Span-edge policy").
"""

from __future__ import annotations

import dataclasses
import re

from .model import Annotations, Span

POLICIES = ("exact", "forgiving")
QUOTES = frozenset("\"'“”‘’«»„‚‹›")
FINAL_PUNCTUATION = frozenset(".,;:!?…")
_LEADING_THAT = re.compile(r"that\s+", re.IGNORECASE)


def trim_fragment(text: str, start: int, end: int) -> tuple[int, int]:
    """The fragment ``[start, end)`` with its convention-dependent edges removed (unchanged if that empties it)."""
    s, e = start, end
    while True:
        before = (s, e)
        while s < e and (text[s].isspace() or text[s] in QUOTES):
            s += 1
        while s < e and (text[e - 1].isspace() or text[e - 1] in QUOTES or text[e - 1] in FINAL_PUNCTUATION):
            e -= 1
        that = _LEADING_THAT.match(text, s, e)
        if that and that.end() < e:
            s = that.end()
        if (s, e) == before:
            break
    return (s, e) if s < e else (start, end)


def trim_span(span: Span | None, text: str) -> Span | None:
    """The span with every fragment trimmed (fragments that come to touch are merged)."""
    if span is None:
        return None
    merged: list[list[int]] = []
    for start, end in span.fragments:
        s, e = trim_fragment(text, start, end)
        if merged and merged[-1][1] >= s:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    return Span(tuple((s, e) for s, e in merged))


def forgive(annotations: Annotations, text: str) -> Annotations:
    """The annotations with every span trimmed by :func:`trim_span`."""

    def trim(span: Span | None) -> Span | None:
        return trim_span(span, text)

    def layer(items, **spans):
        if items is None:
            return None
        return tuple(dataclasses.replace(item, **{f: fn(getattr(item, f)) for f, fn in spans.items()}) for item in items)

    hedges = lambda found: None if found is None else tuple(trim(h) for h in found)  # noqa: E731
    return dataclasses.replace(
        annotations,
        entities=layer(annotations.entities, span=trim),
        claims=layer(annotations.claims, span=trim, hedges=hedges),
        attributions=layer(annotations.attributions, source=trim, cue=trim, content=trim),
    )
