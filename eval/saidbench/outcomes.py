"""Item outcomes for the error report: what became of one gold or predicted item under one scheme.

The tasks record them from the same alignments that produce the counts, so the error report and
the scores can never disagree. They are for reading, not for scoring: counts stay the state.
Outcomes are the SemEval ones of ``matching``: ``correct``, ``incorrect``, ``partial`` for a
pair, ``missed`` for an unpaired gold item, ``spurious`` for an unpaired prediction.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Span

OUTCOMES = ("correct", "incorrect", "partial", "missed", "spurious")


@dataclass(frozen=True, slots=True)
class Extent:
    """One role span of an item: its fragments ``(start, end)`` and the text they cover.

    ``fragments`` is empty for a prediction that could not be placed; ``text`` is then the
    prediction's own text, when it gave one. The text of a discontinuous span joins its
    fragments with `` … ``.
    """

    role: str
    fragments: tuple[tuple[int, int], ...]
    text: str

    @classmethod
    def of(cls, role: str, span: Span | None, document_text: str, fallback: str | None = None) -> Extent:
        if span is None:
            return cls(role, (), fallback or "")
        return cls(role, span.fragments, " … ".join(span.slices(document_text)))


@dataclass(frozen=True, slots=True)
class Side:
    """A gold or predicted item as the error report shows it.

    ``index`` is the item's position in its layer of the annotation line; ``spans`` holds one
    extent per role (``mention``, ``claim``; ``cue``, ``content`` and, when given, ``source`` for an
    attribution); ``label`` is the entity type (None for claims and attributions).
    """

    index: int
    spans: tuple[Extent, ...]
    label: str | None = None


@dataclass(frozen=True, slots=True)
class ItemOutcome:
    """The outcome of one item (or pair of items) in one document, task and scheme.

    ``gold`` is None for a spurious prediction, ``pred`` None for a missed gold item.
    """

    doc_id: str
    task: str
    scheme: str
    outcome: str
    gold: Side | None
    pred: Side | None


def select(
    outcomes, task: str | None = None, scheme: str | None = None, outcome: str | None = None, doc_id: str | None = None
) -> tuple[ItemOutcome, ...]:
    """The outcomes matching every criterion given (None matches anything)."""
    return tuple(
        o for o in outcomes
        if (task is None or o.task == task) and (scheme is None or o.scheme == scheme)
        and (outcome is None or o.outcome == outcome) and (doc_id is None or o.doc_id == doc_id)
    )


__all__ = ["OUTCOMES", "Extent", "ItemOutcome", "Side", "select"]
