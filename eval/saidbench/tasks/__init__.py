"""Tasks turn one document's gold and predicted layers into counts per unit (alignment -> counts).

A unit is ``(doc_id, section_id)``: the section containing the start of the gold item (for a
pair or a missed item) or of the predicted item (for a spurious one); ``section_id`` is None
outside every section or for an unplaced prediction (coreference, whose chains cross sections, puts
all of a document's counts at ``(doc_id, None)``). Units are what a statistics module
resamples for bootstrap intervals and paired randomization tests.

Alongside the counts, a collector keeps the outcome of every item that was not correct (an
:class:`~saidbench.outcomes.ItemOutcome`), taken from the same alignment, for the error report.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Callable, NamedTuple

from ..counts import Count, Key, SpanCounts, Tally, TokenCounts
from ..matching import Alignment, Item, Tokens, align
from ..model import Document, Span
from ..outcomes import ItemOutcome, Side
from ..schemes import Scheme


class Unit(NamedTuple):
    """The resampling unit: a section of a document."""

    doc_id: str
    section: str | None


@dataclass(frozen=True, slots=True)
class Options:
    """The options that change a number (all of them appear in the signature)."""

    schemes: tuple[Scheme, ...]
    min_overlap: float = 0.0
    mention_kinds: tuple[str, ...] = ("name",)


class Collector:
    """Accumulates counts per unit for one document, then freezes them into tallies."""

    def __init__(self, document: Document):
        self.document = document
        self._counts: dict[Unit, dict[Key, Count]] = defaultdict(dict)
        self._outcomes: list[ItemOutcome] = []
        self._units: dict[int | None, Unit] = {}  # start offset -> unit: items are looked up once per scheme

    def unit(self, span: Span | None) -> Unit:
        start = None if span is None else span.start
        if start not in self._units:
            section = None if start is None else self.document.section_at(start)
            self._units[start] = Unit(self.document.id, None if section is None else section.id)
        return self._units[start]

    def add(self, span: Span | None, key: Key, count: Count) -> None:
        bucket = self._counts[self.unit(span)]
        bucket[key] = bucket[key] + count if key in bucket else count

    def add_alignment(
        self,
        key: Key,
        alignment: Alignment,
        gold: list[Item],
        pred: list[Item],
        tokens: Tokens,
        locate=lambda item: item.spans[-1],
        sides: tuple[Callable[[int], Side], Callable[[int], Side]] | None = None,
    ) -> None:
        """Add an alignment's counts (SemEval or token counts), each outcome at its item's unit.

        ``locate`` gives the span whose start decides an item's unit. ``sides`` (for gold, for
        predictions) turn an item's index into what the error report shows of it; when given,
        every outcome of this alignment except ``correct`` is recorded as well.
        """
        if sides is not None:
            self._record(key.task, alignment, *sides)
        gold_by = {g.index: g for g in gold}
        pred_by = {p.index: p for p in pred}
        where = lambda item: locate(item) if item.placed else None  # noqa: E731
        if alignment.scheme.by_tokens:
            for pair in alignment.pairs:
                self.add(where(gold_by[pair.gold]), key, TokenCounts(overlap=pair.overlap))
            # denominators: every gold and every predicted item at its own unit (unplaced: 0 tokens)
            for g in gold:
                self.add(where(g), key, TokenCounts(gold=token_size(g, tokens)))
            for p in pred:
                self.add(where(p), key, TokenCounts(predicted=token_size(p, tokens)))
            return
        for pair in alignment.pairs:
            self.add(where(gold_by[pair.gold]), key, SpanCounts(**{pair.outcome: 1}))
        for index in alignment.missed:
            self.add(where(gold_by[index]), key, SpanCounts(missed=1))
        for index in alignment.spurious:
            self.add(where(pred_by[index]), key, SpanCounts(spurious=1))

    def _record(self, task: str, alignment: Alignment, gold_side, pred_side) -> None:
        def found(outcome: str, gold: int | None, pred: int | None) -> ItemOutcome:
            return ItemOutcome(
                self.document.id, task, alignment.scheme.name, outcome,
                None if gold is None else gold_side(gold), None if pred is None else pred_side(pred),
            )

        recorded = [found(p.outcome, p.gold, p.pred) for p in alignment.pairs if p.outcome != "correct"]
        recorded += [found("missed", index, None) for index in alignment.missed]
        recorded += [found("spurious", None, index) for index in alignment.spurious]
        self._outcomes.extend(sorted(recorded, key=_text_order))

    def tallies(self) -> dict[Unit, Tally]:
        return {unit: Tally(counts) for unit, counts in self._counts.items()}

    def outcomes(self) -> tuple[ItemOutcome, ...]:
        """The recorded outcomes (never ``correct``), in recording order, each alignment's in text order."""
        return tuple(self._outcomes)


def _text_order(found: ItemOutcome) -> tuple:
    """Where the item starts in the text (the gold side's start for a pair; unplaced predictions last), then indices."""
    side = found.gold or found.pred
    starts = [e.fragments[0][0] for e in side.spans if e.fragments]
    index = lambda s: -1 if s is None else s.index  # noqa: E731
    return (not starts, min(starts, default=0), index(found.gold), index(found.pred))


def token_size(item: Item, tokens: Tokens) -> int:
    """Tokens an item covers over all its roles; 0 for an unplaced prediction."""
    return sum(len(tokens.of(s)) for s in item.spans if s is not None) if item.placed else 0


def label_groups(gold: list[Item], pred: list[Item]) -> dict[str, tuple[list[Item], list[Item]]]:
    """Gold and predicted items by label, for per-type scores (each label aligned on its own)."""
    labels = sorted({str(i.label) for i in gold} | {str(i.label) for i in pred})
    return {
        label: ([g for g in gold if str(g.label) == label], [p for p in pred if str(p.label) == label])
        for label in labels
    }


__all__ = ["Collector", "Options", "Unit", "align", "label_groups"]
