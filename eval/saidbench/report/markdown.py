"""Markdown tables for papers, each followed by its signature."""

from __future__ import annotations

from ..scoring import Result
from . import Block, blocks, notes


def render(result: Result, extra: list[Block] = ()) -> str:
    return render_blocks([*blocks(result), *extra], notes(result))


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
        out.append(f"`{block.signature}`")
        out.append("")
    out += [f"- {line}" for line in lines]
    return "\n".join(out) + "\n"
