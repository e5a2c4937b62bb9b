"""HTML for a Result: the summary as a fragment (notebooks) and the blocks as escaped ``<table>`` elements.

Every string taken from input or results goes through :func:`html.escape`; nothing here loads anything
from the network.
"""

from __future__ import annotations

from html import escape

from ..scoring import Result
from . import Block, numeric
from .summary import summarize


def table(block: Block) -> str:
    """One block as a ``<table>`` with its title as caption and its signature below, numbers right-aligned."""
    width = max(len(r) for r in (block.header, *block.rows))
    rows = [tuple(r) + ("",) * (width - len(r)) for r in (block.header, *block.rows)]
    align = ["" if i == 0 or not all(numeric(r[i]) for r in rows[1:]) else ' class="num"' for i in range(width)]
    head = "".join(f"<th{a}>{escape(c)}</th>" for c, a in zip(rows[0], align))
    body = "".join(
        "<tr>" + "".join(f"<td{a}>{escape(c)}</td>" for c, a in zip(row, align)) + "</tr>" for row in rows[1:]
    )
    signature = f'<p class="signature"><code>{escape(block.signature)}</code></p>' if block.signature else ""
    return (f'<div class="scroll"><table class="scores"><caption>{escape(block.title)}</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>{signature}")


def blocks_html(shown: list[Block], lines: list[str] = ()) -> str:
    """Blocks as tables, then the notes as a list."""
    notes = "".join(f"<li>{escape(line)}</li>" for line in lines)
    return "".join(table(b) for b in shown) + (f'<ul class="notes">{notes}</ul>' if notes else "")


_FRAGMENT_STYLE = (
    "<style>.saidbench table.scores{border-collapse:collapse;margin:.5em 0}"
    ".saidbench caption{text-align:left;font-weight:bold}"
    ".saidbench th,.saidbench td{padding:.15em .6em;border-bottom:1px solid #ddd;text-align:left}"
    ".saidbench .num{text-align:right;font-variant-numeric:tabular-nums}.saidbench .scroll{overflow-x:auto}"
    ".saidbench .signature code{font-size:.8em;word-break:break-all}</style>"
)


def summary_fragment(result: Result) -> str:
    """The summary as a self-contained HTML fragment (``Result._repr_html_``)."""
    found = summarize(result)
    return f'{_FRAGMENT_STYLE}<div class="saidbench">{blocks_html(list(found.blocks), list(found.notes))}</div>'
