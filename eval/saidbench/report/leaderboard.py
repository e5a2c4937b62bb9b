"""Render a Leaderboard as a text table, Markdown or LaTeX (booktabs), each with its legend and signature."""

from __future__ import annotations

from ..leaderboard import Cell, Leaderboard
from . import number
from . import latex as tex

FORMATS = ("table", "markdown", "latex")
BEST, TIED = "*", "†"


def _value(cell: Cell, board: Leaderboard, fmt: str) -> str:
    text = number(cell.value)
    if cell.low is not None and cell.high is not None:
        text += f" [{number(cell.low)}, {number(cell.high)}]"
    if cell.best:
        return {"markdown": f"**{text}**", "latex": f"\\textbf{{{text}}}"}.get(fmt, f"{text} {BEST}")
    if cell.tied(board.alpha):
        return {"latex": f"{text}$^\\dagger$"}.get(fmt, f"{text} {TIED}")
    return text


def legend(board: Leaderboard) -> str:
    intervals = (f"; [low, high]: {board.confidence:.0%} bootstrap percentile interval over {board.resamples} "
                 f"resamples") if board.resamples else ""
    return (f"best: the highest value of the column; {TIED}: not significantly different from it (paired "
            f"approximate randomization, {board.trials} trials, seed {board.seed}, p >= {board.alpha:g})"
            f"{intervals}; -: nothing to score")


def render(board: Leaderboard, fmt: str = "table") -> str:
    header = ["system", *board.metrics]
    rows = [[system, *(_value(cell, board, fmt) for cell in cells)] for system, cells in zip(board.systems, board.cells)]
    note = legend(board)
    if fmt == "markdown":
        lines = ["| " + " | ".join(header) + " |", "|:---|" + "---:|" * len(board.metrics)]
        lines += ["| " + " | ".join(row) + " |" for row in rows]
        note = note.replace("best:", "bold:")
        return "\n".join(lines) + f"\n\n{note}.\n\n`{board.signature}`\n"
    if fmt == "latex":
        body = tex.tabular([[tex.escape(h) for h in header], *([tex.escape(row[0]), *row[1:]] for row in rows)],
                           "l" + "r" * len(board.metrics))
        note = note.replace("best:", "bold:").replace(TIED, "$^\\dagger$")
        return body + f"% {note}\n% {board.signature}\n"
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    lines = ["  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths))).rstrip()
             for r in [header, *rows]]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines) + f"\n{note.replace('best:', BEST + ':')}\n{board.signature}\n"
