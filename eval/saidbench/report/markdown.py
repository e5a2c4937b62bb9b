"""Markdown tables for papers, each followed by its signature."""

from __future__ import annotations

from ..scoring import Result
from . import Block, error_groups
from .summary import page


def render(result: Result, extra: list[Block] = (), errors: bool = False, detail: bool = False) -> str:
    """The summary (with ``detail``, every score table), ``extra`` blocks and notes; with ``errors``, the error report."""
    out = render_blocks(*page(result, extra, detail))
    return out + render_errors(result) if errors else out


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def render_errors(result: Result) -> str:
    """A table per task and scheme, one row per error: document, outcome, gold, predicted."""
    out = [""]
    for group in error_groups(result):
        out += [f"**errors: {group.task} / {group.scheme}** ({len(group.rows)})", ""]
        if group.rows:
            out += ["| document | outcome | gold | predicted |", "|:---|:---|:---|:---|"]
            out += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in group.rows]
            out.append("")
    return "\n".join(out) + "\n"


def render_blocks(shown: list[Block], lines: list[str] = ()) -> str:
    out: list[str] = []
    for block in shown:
        out.append(f"**{block.title}**")
        out.append("")
        width = max(len(r) for r in (block.header, *block.rows))
        header = tuple(block.header) + ("",) * (width - len(block.header))
        out.append("| " + " | ".join(header) + " |")
        out.append("|" + "|".join(":---" if i == 0 else "---:" for i in range(width)) + "|")
        for row in block.rows:
            out.append("| " + " | ".join(tuple(row) + ("",) * (width - len(row))) + " |")
        out.append("")
        if block.signature:
            out += [f"`{block.signature}`", ""]
    out += [f"- {line}" for line in lines]
    return "\n".join(out) + "\n"
