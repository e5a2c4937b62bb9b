"""Render a Result: the rows every format shares, then one module per format (table, markdown, json)."""

from __future__ import annotations

import json as _json  # not `json`: the name is the report.json submodule
from dataclasses import dataclass

from ..outcomes import Extent, ItemOutcome, Side
from ..schemes import SCHEMES, Column, Scheme
from ..scoring import Result
from ..tasks import coreference

FORMATS = ("table", "markdown", "json")


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


def _shown(scheme: Scheme) -> tuple[Column, ...]:
    return tuple(column for column in scheme.columns if column.title is not None)


def _prf_row(name: str, row: dict, scheme: Scheme) -> tuple[str, ...]:
    head = (name, number(row["precision"]), number(row["recall"]), number(row["f1"]))
    return head + tuple(str(row[column.key]) for column in _shown(scheme))


def blocks(result: Result) -> list[Block]:
    scores = result.scores()
    out: list[Block] = []
    for task, by_scheme in scores.items():
        if task == coreference.TASK:
            out.append(_coreference_block(result, by_scheme))
            continue
        for scheme_name, s in by_scheme.items():
            scheme = SCHEMES[scheme_name]
            header = ("", "P", "R", "F1") + tuple(column.title for column in _shown(scheme))
            rows: list[tuple[str, ...]] = []
            extra: list[tuple[str, ...]] = []
            if task == "entities":
                rows.append(_prf_row("micro", s["micro"], scheme))
                m = s["macro"]
                rows.append(("macro", number(m["precision"]), number(m["recall"]), number(m["f1"])))
                rows += [_prf_row(label, row, scheme) for label, row in s["per_type"].items()]
                avg = "micro+macro"
            elif task == "claims":
                rows.append(_prf_row("claims", s["detection"], scheme))
                rows.append(_prf_row("hedge cues", s["hedges"], scheme))
                for name, a in s["attributes"].items():
                    extra.append((f"{name}", f"acc {number(a['accuracy'])}", f"macro-F1 {number(a['macro_f1'])}",
                                  f"pairs {a['pairs']}", f"omitted {a['omitted']}"))
                mae = s["certainty_mae"]
                extra.append(("certainty MAE (bands)", number(mae["mae"]), f"pairs {mae['pairs']}",
                              f"excluded (none) {mae['excluded_none']}"))
                link = s["link"]
                extra.append(("claim->attribution link",) + (
                    ("not scored (no attributions predicted)",) if link is None
                    else (f"acc {number(link['accuracy'])}", f"{link['correct']}/{link['total']}")))
                avg = "micro"
            else:
                rows.append(_prf_row("relations", s["relations"], scheme))
                rows += [_prf_row(f"role {role}", row, scheme) for role, row in s["roles"].items()]
                for name, a in s["attributes"].items():
                    extra.append((f"{name}", f"acc {number(a['accuracy'])}", f"macro-F1 {number(a['macro_f1'])}",
                                  f"pairs {a['pairs']}", f"omitted {a['omitted']}"))
                se = s["source_entity"]
                extra.append(("source entity", f"acc {number(se['accuracy'])}", f"{se['correct']}/{se['total']}"))
                avg = "micro"
            out.append(Block(f"{task} / {scheme}", result.signature(task, scheme.name, avg), header, tuple(rows)))
            if extra:
                out.append(Block(f"{task} / {scheme}: on matched pairs", result.signature(task, scheme.name, avg),
                                 ("attribute",), tuple(extra)))
    return out


_COREFERENCE_ROWS = (("mentions", "mentions"), ("muc", "MUC"), ("bcub", "B3"), ("ceafe", "CEAF-e"))


def _coreference_block(result: Result, s: dict) -> Block:
    """One block whatever the schemes: coreference is scored once, on exact mention spans."""
    rows = [
        (name, number(s[m]["precision"]), number(s[m]["recall"]), number(s[m]["f1"])) for m, name in _COREFERENCE_ROWS
    ]
    rows.append(("CoNLL", "", "", number(s["conll_f1"])))
    title = f"{coreference.TASK} / {coreference.SCHEME}"
    signature = result.signature(coreference.TASK, coreference.SCHEME, "micro")
    return Block(title, signature, ("", "P", "R", "F1"), tuple(rows))


def notes(result: Result) -> list[str]:
    """What was not scored, and why; every unplaced item and every warning."""
    lines = [f"scored documents: {len(result.documents)}"]
    if result.missing_documents:
        how = "scored as empty (--strict-layers)" if result.settings.strict_layers else "not scored"
        lines.append(f"gold documents missing from the predictions ({how}): {', '.join(result.missing_documents)}")
    if result.unscored_documents:
        lines.append(f"predicted documents without gold (not scored): {', '.join(result.unscored_documents)}")
    for task, docs in result.not_predicted.items():
        how = "scored as empty (--strict-layers)" if result.settings.strict_layers else "excluded"
        if task == coreference.TASK:  # no predicted mention carries an entity_id
            strict = result.settings.strict_layers
            how = "no entity_id; " + ("scored as singletons (--strict-layers)" if strict else "excluded")
        lines.append(f"{task} not predicted ({how}) in: {', '.join(docs)}")
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

    Coreference has no item outcomes (its metrics judge partitions, not items), so it has no group.
    """
    def row(found: ItemOutcome) -> tuple[str, str, str, str]:
        return (found.doc_id, found.outcome, side_text(found.gold), side_text(found.pred))

    return [
        ErrorGroup(task, scheme, tuple(row(e) for e in result.errors_for(task, scheme)))
        for task in result.settings.tasks
        if task != coreference.TASK
        for scheme in result.settings.schemes
    ]
