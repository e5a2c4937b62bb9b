"""LaTeX tables (booktabs) for papers: one ``tabular`` per block, its title and signature as comments."""

from __future__ import annotations

from ..scoring import Result
from . import Block, error_groups, numeric
from .summary import page

_SPECIAL = {
    "\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_", "{": r"\{", "}": r"\}",
    "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
}


def escape(text: str) -> str:
    """``text`` as LaTeX prints it literally: the ten special characters escaped, newlines as spaces."""
    return "".join(_SPECIAL.get(c, c) for c in text.replace("\n", " "))


def _comment(text: str) -> str:
    return "% " + text.replace("\n", " ")


def table(block: Block) -> str:
    """One block as a booktabs ``tabular``: words left-aligned, numbers right-aligned."""
    width = max(len(r) for r in (block.header, *block.rows))
    rows = [tuple(r) + ("",) * (width - len(r)) for r in (block.header, *block.rows)]
    spec = "".join("l" if i == 0 or not all(numeric(r[i]) for r in rows[1:]) else "r" for i in range(width))
    body = tabular([[escape(c) for c in row] for row in rows], spec)
    return _comment(block.title) + "\n" + body + (_comment(block.signature) + "\n" if block.signature else "")


def tabular(rows: list[list[str]], spec: str) -> str:
    """A booktabs ``tabular`` of cells that are LaTeX already (the first row is the header)."""
    line = lambda cells: " & ".join(cells) + r" \\"  # noqa: E731
    out = [rf"\begin{{tabular}}{{{spec}}}", r"\toprule", line(rows[0]), r"\midrule"]
    out += [line(r) for r in rows[1:]]
    out += [r"\bottomrule", r"\end{tabular}"]
    return "\n".join(out) + "\n"


def render_blocks(shown: list[Block], lines: list[str] = ()) -> str:
    """Every block as a table, blank-line separated, then the notes as comments."""
    return "\n".join(table(b) for b in shown) + "".join(_comment(line) + "\n" for line in lines)


def render(result: Result, extra: list[Block] = (), errors: bool = False, detail: bool = False) -> str:
    """The summary (with ``detail``, every score table), ``extra`` blocks and notes; with ``errors``, the error report."""
    out = render_blocks(*page(result, extra, detail))
    if errors:
        out += "\n" + render_blocks([
            Block(f"errors: {g.task} / {g.scheme} ({len(g.rows)})", "", ("document", "outcome", "gold", "predicted"),
                  g.rows)
            for g in error_groups(result) if g.rows
        ])
    return out
