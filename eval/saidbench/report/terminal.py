"""``saidbench show``: the document text with gold (and, given predictions, predicted) spans, in ANSI colours.

Each item is bracketed ``[text]{tag}`` (tag: entity type, certainty, role; with predictions, also the outcome
under the primary scheme, as in the HTML report); colours only when stdout is a terminal and ``NO_COLOR`` is unset.
"""

from __future__ import annotations

import os
import sys
from typing import Mapping

from ..model import Annotations, Document
from ..scoring import Result
from .page import Mark, item_marks

#: SGR colour of each outcome (and of a gold item when nothing is scored).
COLOURS = {"gold": "36", "correct": "32", "boundary": "33", "type": "35", "missed": "31", "spurious": "34"}


def colour_wanted(stream=None) -> bool:
    """Colours on a terminal unless ``NO_COLOR`` is set (https://no-color.org)."""
    stream = stream or sys.stdout
    return "NO_COLOR" not in os.environ and hasattr(stream, "isatty") and stream.isatty()


def line(text: str, start: int, end: int, marks: list[Mark], colour: bool, scored: bool) -> str:
    """``text[start:end]`` with every mark bracketed ``[...]{tag}`` (and coloured)."""
    opens: dict[int, list[Mark]] = {}
    closes: dict[int, list[Mark]] = {}
    for mark in marks:
        for s, e in mark.fragments:
            if s < end and e > start:
                opens.setdefault(max(s, start), []).append(mark)
                closes.setdefault(min(e, end), []).append(mark)
    out, depth = [], []
    for i in range(start, end + 1):
        for mark in closes.get(i, ()):
            tag = ", ".join(t for t in (mark.tag, mark.outcome if scored else "") if t)
            out.append("]" + (f"{{{tag}}}" if tag else ""))
            if mark in depth:
                depth.remove(mark)
            out.append(_sgr(depth[-1] if depth else None, colour, scored))
        for mark in sorted(opens.get(i, ()), key=lambda m: -max(e for _, e in m.fragments)):
            depth.append(mark)
            out.append(_sgr(mark, colour, scored) + "[")
        if i < end:
            out.append(text[i])
    return "".join(out) + ("\x1b[0m" if colour and marks else "")


def _sgr(mark: Mark | None, colour: bool, scored: bool) -> str:
    if not colour:
        return ""
    return "\x1b[0m" if mark is None else f"\x1b[{COLOURS[mark.outcome if scored else 'gold']}m"


def render(documents: Mapping[str, Document], gold: Mapping[str, Annotations], layers: tuple[str, ...],
           result: Result | None = None, pred: Mapping[str, Annotations] | None = None, colour: bool = False) -> str:
    """Every gold document, section by section, per layer: gold spans, and with ``result`` the predicted ones."""
    out = []
    for doc_id in sorted(gold):
        document = documents[doc_id]
        out.append(f"== {document.title or doc_id} ({doc_id})")
        for layer in layers:
            found = item_marks(result, document, gold[doc_id], (pred or {}).get(doc_id), layer)
            if found is None:
                continue
            gold_marks, pred_marks = found
            out.append(f"-- {layer}")
            ranges = [(s.id, s.span.start, s.span.end) for s in document.sections] or [("", 0, len(document.text))]
            for sid, a, b in ranges:
                out.append(f"{sid:>4} gold  {line(document.text, a, b, gold_marks, colour, result is not None)}")
                if result is not None:
                    out.append(f"{'':>4} pred  {line(document.text, a, b, pred_marks, colour, True)}")
    return "\n".join(out) + "\n"
