"""Render a Result: the rows every format shares, then one module per format (table, markdown, json)."""

from __future__ import annotations

from dataclasses import dataclass

from ..scoring import Result

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


_PRF = ("P", "R", "F1", "COR", "INC", "PAR", "MIS", "SPU")
_TOKEN = ("P", "R", "F1", "overlap", "pred tok", "gold tok")


def _prf_row(name: str, row: dict, scheme: str) -> tuple[str, ...]:
    head = (name, number(row["precision"]), number(row["recall"]), number(row["f1"]))
    if scheme == "token":
        return head + (str(row["overlap_tokens"]), str(row["predicted_tokens"]), str(row["gold_tokens"]))
    return head + tuple(str(row[k]) for k in ("correct", "incorrect", "partial", "missed", "spurious"))


def blocks(result: Result) -> list[Block]:
    scores = result.scores()
    out: list[Block] = []
    for task, by_scheme in scores.items():
        for scheme, s in by_scheme.items():
            header = ("",) + (_TOKEN if scheme == "token" else _PRF)
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
            out.append(Block(f"{task} / {scheme}", result.signature(task, scheme, avg), header, tuple(rows)))
            if extra:
                out.append(Block(f"{task} / {scheme}: on matched pairs", result.signature(task, scheme, avg),
                                 ("attribute",), tuple(extra)))
    return out


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
        lines.append(f"{task} not predicted ({how}) in: {', '.join(docs)}")
    lines += [f"unplaced (spurious): {u}" for u in result.unplaced]
    lines += [f"warning: {w}" for w in result.warnings]
    return lines
