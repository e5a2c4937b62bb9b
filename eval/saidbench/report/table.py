"""Plain-text table for the terminal."""

from __future__ import annotations

from ..scoring import Result
from . import Block, error_groups, numeric
from .summary import page


def _grid(header, rows) -> list[str]:
    width = max(len(r) for r in (header, *rows))
    cells = [tuple(r) + ("",) * (width - len(r)) for r in (header, *rows)]
    widths = [max(len(c[i]) for c in cells) for i in range(width)]
    # the first column and every column of words are left-aligned, numbers right-aligned
    left = [i == 0 or not all(numeric(c[i]) for c in cells[1:]) for i in range(width)]
    lines = []
    for index, row in enumerate(cells):
        lines.append("  ".join(c.ljust(w) if left[i] else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths))).rstrip())
        if index == 0 and header != ("attribute",):
            lines.append("  ".join("-" * w for w in widths))
    return lines if header != ("attribute",) else lines[1:]


def render_blocks(shown: list[Block], lines: list[str] = ()) -> str:
    out: list[str] = []
    for block in shown:
        out.append(block.title)
        out += _grid(block.header, block.rows)
        out += [block.signature] if block.signature else []
        out.append("")
    out += lines
    return "\n".join(out) + "\n"


def render(result: Result, extra: list[Block] = (), errors: bool = False, detail: bool = False) -> str:
    """The summary (with ``detail``, every score table), ``extra`` blocks and notes; with ``errors``, the error report."""
    out = render_blocks(*page(result, extra, detail))
    return out + render_errors(result) if errors else out


def render_errors(result: Result) -> str:
    """One line per error: document, outcome, gold vs predicted, under a heading per task and scheme."""
    out = [""]
    for group in error_groups(result):
        out.append(f"errors: {group.task} / {group.scheme} ({len(group.rows)})")
        width = max((len(outcome) for _, outcome, _, _ in group.rows), default=0)
        out += [f"  {doc}  {outcome.ljust(width)}  {gold}  vs  {pred}" for doc, outcome, gold, pred in group.rows]
    return "\n".join(out) + "\n"
