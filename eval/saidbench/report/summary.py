"""The one-screen summary: a headline row per scored task, key attribute scores, the signature, what was not scored.

Built from the result's score rows (``Result.rows()``), as :class:`~saidbench.report.Block` rows, so every renderer
(table, markdown, latex, html) shows the same numbers. The full per-scheme blocks are ``report.blocks`` (``--detail``).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..rows import ConfusionRow, F1Row, MAERow, PRFRow, RatioRow, Row
from ..scoring import Result
from ..tasks import TASKS
from . import Block, blocks, notes, number, scored_tasks

#: Schemes given an F1 column in the headline when they were scored (the first one scored also gives P, R, counts).
MAIN_SCHEMES = ("strict", "partial")
#: How many unplaced items and warnings the summary lists before pointing to ``--detail``.
MAX_LISTED = 5
_COUNTS = ("correct", "incorrect", "partial", "missed", "spurious")


@dataclass(frozen=True, slots=True)
class Summary:
    """The summary as data: its blocks (the last one carries the signature, printed once) and the notes."""

    blocks: tuple[Block, ...]
    notes: tuple[str, ...]


def page(result: Result, extra: list[Block] = (), detail: bool = False) -> tuple[list[Block], list[str]]:
    """What a text renderer prints: the summary (or with ``detail`` every block), ``extra`` blocks, then notes."""
    if detail:
        return [*blocks(result), *extra], notes(result)
    found = summarize(result)
    return [*found.blocks, *extra], list(found.notes)


def schemes_shown(result: Result) -> tuple[str, tuple[str, ...]]:
    """The primary scheme (P, R, counts) and the schemes given an F1 column."""
    schemes = result.settings.schemes
    f1_schemes = tuple(s for s in MAIN_SCHEMES if s in schemes) or schemes[:1]
    return f1_schemes[0], f1_schemes


def summarize(result: Result) -> Summary:
    tasks = scored_tasks(result)
    primary, f1_schemes = schemes_shown(result)
    rows = [row for row in result.rows() if row.task in tasks]
    shown = []
    if tasks:
        shown.append(_headline(rows, tasks, primary, f1_schemes))
        attributes = _attributes(rows, primary)
        if attributes.rows:
            shown.append(attributes)
    if shown:  # one signature for the whole summary, after its last table
        last = shown[-1]
        shown[-1] = Block(last.title, result.signature(scheme="+".join(f1_schemes), avg="micro"), last.header, last.rows)
    return Summary(tuple(shown), tuple(_notes(result)))


def headline_row(rows: list[Row], task: str, scheme: str) -> Row | None:
    """A task's headline score: its first P/R/F1 row under ``scheme`` (micro, claims, relations); for a task
    scored once under its own scheme (coreference), its averaged F1 (CoNLL) when it has one."""
    if not TASKS[task].per_scheme:
        own = [row for row in rows if row.task == task]
        return next((row for row in own if isinstance(row, F1Row)), own[0] if own else None)
    return next((row for row in rows if row.task == task and row.scheme == scheme and isinstance(row, PRFRow)
                 and not row.on_pairs), None)


def _headline(rows: list[Row], tasks: tuple[str, ...], primary: str, f1_schemes: tuple[str, ...]) -> Block:
    others = f1_schemes[1:]
    header = ("task", "measure", "P", "R", "F1", *(f"F1 {s}" for s in others), "COR", "INC", "PAR", "MIS", "SPU")
    out = []
    for task in tasks:
        row = headline_row(rows, task, primary)
        if row is None:
            continue
        if not isinstance(row, PRFRow):  # an averaged F1 (coreference): scored once, no counts
            f1 = row.f1 if isinstance(row, F1Row) else None
            out.append((task, f"{row.title} F1", "", "", number(f1)) + ("",) * (len(others) + len(_COUNTS)))
            continue
        counts = dict((column.key, value) for column, value in row.counts)
        out.append(
            (task, row.title, number(row.prf.precision), number(row.prf.recall), number(row.prf.f1))
            + tuple(number(other.prf.f1) if (other := headline_row(rows, task, s)) else "-" for s in others)
            + tuple(str(counts[k]) if k in counts else "" for k in _COUNTS)
        )
    title = f"summary: micro scores, P R F1 and counts under {primary}" + (
        f"; F1 also under {', '.join(others)}" if others else ""
    )
    return Block(title, "", header, tuple(out))


def _attributes(rows: list[Row], primary: str) -> Block:
    """Every score on the primary scheme's matched pairs, one line each."""
    out = []
    for row in rows:
        if not row.on_pairs or row.scheme != primary:
            continue
        if isinstance(row, ConfusionRow):
            out.append((row.task, f"{row.title} accuracy", number(row.accuracy), number(row.macro_f1), str(row.pairs)))
        elif isinstance(row, MAERow):
            out.append((row.task, row.title, number(row.mae), "", str(row.pairs)))
        elif isinstance(row, RatioRow):
            out.append((row.task, f"{row.title} accuracy", number(row.accuracy), "", str(row.total)))
    return Block(f"attributes on the {primary} matched pairs", "", ("task", "score", "value", "macro-F1", "pairs"),
                 tuple(out))


def _notes(result: Result) -> list[str]:
    """The result's notes, with long lists of unplaced items and warnings cut to a count."""
    listed = {"unplaced (spurious): ": "unplaced predictions (spurious)", "warning: ": "warnings"}
    seen = dict.fromkeys(listed, 0)
    out = []
    for line in notes(result, MAX_LISTED):
        prefix = next((p for p in listed if line.startswith(p)), None)
        if prefix is not None:
            seen[prefix] += 1
            if seen[prefix] > MAX_LISTED:
                continue
        out.append(line)
    out += [f"... {n - MAX_LISTED} more {listed[p]}: see --detail" for p, n in seen.items() if n > MAX_LISTED]
    out.append("every table: --detail; every missed, spurious or wrong item: --errors")
    return out
