"""Render a Result: the rows every format shares, then one module per format (table, markdown, json)."""

from __future__ import annotations

import json as _json  # not `json`: the name is the report.json submodule
from dataclasses import dataclass
from typing import Callable

from ..outcomes import Extent, ItemOutcome, Side
from ..rows import ConfusionRow, F1Row, MAERow, NotScoredRow, PRFRow, RatioRow, Row
from ..scoring import Result
from ..tasks import TASKS

FORMATS = ("table", "markdown", "latex", "json")


@dataclass(frozen=True, slots=True)
class Block:
    """One task under one scheme: a title, its signature, a header and rows of cells."""

    title: str
    signature: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


def number(value: float | None) -> str:
    """A score as printed: 4 decimals, or ``-`` when undefined (nothing to score)."""
    return "-" if value is None else f"{value:.4f}"


def _prf(row: PRFRow) -> tuple[str, ...]:
    prf = (number(row.prf.precision), number(row.prf.recall), number(row.prf.f1))
    return (row.title, *prf, *(str(value) for column, value in row.counts if column.title is not None))


def _confusion(row: ConfusionRow) -> tuple[str, ...]:
    return (row.title, f"acc {number(row.accuracy)}", f"macro-F1 {number(row.macro_f1)}", f"pairs {row.pairs}",
            f"omitted {row.omitted}")


#: How a table shows each type of row.
CELLS: dict[type, Callable[..., tuple[str, ...]]] = {
    PRFRow: _prf,
    F1Row: lambda row: (row.title, "", "", number(row.f1)),
    ConfusionRow: _confusion,
    MAERow: lambda row: (row.title, number(row.mae), f"pairs {row.pairs}", f"excluded (none) {row.excluded}"),
    RatioRow: lambda row: (row.title, f"acc {number(row.accuracy)}", f"{row.correct}/{row.total}"),
    NotScoredRow: lambda row: (row.title, row.reason),
}


def numeric(cell: str) -> bool:
    """A cell that holds a number (or nothing): right-aligned in every table format."""
    return cell in ("", "-") or cell.lstrip("-").replace(".", "", 1).replace("/", "", 1).isdigit()


def scored_tasks(result: Result) -> tuple[str, ...]:
    """The tasks with something scored: a task not predicted in any scored document is left out (lenient layers)."""
    if not result.documents:
        return ()
    if result.settings.strict_layers:
        return result.settings.tasks
    return tuple(
        t for t in result.settings.tasks if not set(result.documents) <= set(result.not_predicted.get(t, ()))
    )


def _header(first: Row) -> tuple[str, ...]:
    """P, R, F1 and the titled count columns over P/R/F1 rows; no column names over other rows."""
    if not isinstance(first, PRFRow):
        return ("",)
    return ("", "P", "R", "F1", *(column.title for column, _ in first.counts if column.title is not None))


def blocks(result: Result) -> list[Block]:
    """A table per scored task and scheme (detection rows), followed by one of its scores on matched pairs, if any.

    A task predicted in no scored document gets no table (``notes`` says so).
    """
    shown = scored_tasks(result)
    grouped: dict[tuple[str, str], list[Row]] = {}
    for row in (row for row in result.rows() if row.task in shown):
        grouped.setdefault((row.task, row.scheme), []).append(row)
    out: list[Block] = []
    for (task, scheme), rows in grouped.items():
        signature = result.signature(task, scheme, TASKS[task].average)
        main = [row for row in rows if not row.on_pairs]
        if main:
            cells = tuple(CELLS[type(row)](row) for row in main)
            out.append(Block(f"{task} / {scheme}", signature, _header(main[0]), cells))
        on_pairs = tuple(CELLS[type(row)](row) for row in rows if row.on_pairs)
        if on_pairs:
            out.append(Block(f"{task} / {scheme}: on matched pairs", signature, ("attribute",), on_pairs))
    return out


def notes(result: Result, most: int | None = None) -> list[str]:
    """What was not scored, and why; every unplaced item and every warning. Lists of documents name at
    most ``most`` documents (all by default), then how many more."""

    def named(docs) -> str:
        if most is None or len(docs) <= most:
            return ", ".join(docs)
        return f"{', '.join(docs[:most])} and {len(docs) - most} more ({len(docs)} documents; see --detail)"

    lines = [f"scored documents: {len(result.documents)}"]
    if result.settings.unannotated:
        lines.append(f"not annotated in corpus {result.settings.corpus} (neither required nor scored): "
                     f"{', '.join(result.settings.unannotated)}")
    if result.missing_documents:
        how = "scored as empty (--strict-layers)" if result.settings.strict_layers else "not scored"
        lines.append(f"gold documents missing from the predictions ({how}): {named(result.missing_documents)}")
    if result.unscored_documents:
        lines.append(f"predicted documents without gold (not scored): {named(result.unscored_documents)}")
    for task, docs in result.not_predicted.items():
        found = TASKS[task]
        how = f"{found.strict_absent} (--strict-layers)" if result.settings.strict_layers else "excluded"
        how = f"{found.absent}; {how}" if found.absent else how
        lines.append(f"{task} not predicted ({how}) in: {named(docs)}")
    if result.unplaced:
        lines.append(f"unplaced text-only items (counted as spurious): {len(result.unplaced)}")
    lines += [f"unplaced (spurious): {u}" for u in result.unplaced]
    lines += [f"warning: {w}" for w in result.warnings]
    return lines


# -- the error report -----------------------------------------------------------------------------


def _extent(extent: Extent, named: bool) -> str:
    # JSON quoting keeps a span's newlines and quotes on one line
    where = "+".join(f"[{start}, {end})" for start, end in extent.fragments) or "(unplaced)"
    return f"{extent.role} " * named + f"{_json.dumps(extent.text, ensure_ascii=False)} {where}"


def side_text(side: Side | None) -> str:
    """One side of an outcome as printed: ``"Bob Jones" [16, 25) PERSON``, role names for relations, or ``-``."""
    if side is None:
        return "-"
    named = len(side.spans) > 1
    text = " ".join(_extent(e, named) for e in side.spans)
    return f"{text} {side.label}" if side.label is not None else text


@dataclass(frozen=True, slots=True)
class ErrorGroup:
    """The errors of one task under one scheme, as rows (document, outcome, gold, predicted)."""

    task: str
    scheme: str
    rows: tuple[tuple[str, str, str, str], ...]


def error_groups(result: Result) -> list[ErrorGroup]:
    """``result.errors`` grouped by task and scheme (in the settings' order), every group shown even when empty.

    A task without item outcomes (coreference: its metrics judge partitions, not items) has no group.
    """
    def row(found: ItemOutcome) -> tuple[str, str, str, str]:
        return (found.doc_id, found.outcome, side_text(found.gold), side_text(found.pred))

    return [
        ErrorGroup(task, scheme, tuple(row(e) for e in result.errors_for(task, scheme)))
        for task in result.settings.tasks
        if TASKS[task].item_outcomes
        for scheme in result.settings.schemes
    ]
