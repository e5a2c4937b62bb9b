"""What every task shares: the Task interface, a document's Context, and the Collector of counts per unit.

A task turns one document's gold and predicted layers into counts per unit (alignment -> counts),
and a tally of summed counts into score rows.

A unit is ``(doc_id, section_id)``: the section containing the start of the gold item (for a
pair or a missed item) or of the predicted item (for a spurious one); ``section_id`` is None
outside every section or for an unplaced prediction (coreference, whose chains cross sections, puts
all of a document's counts at ``(doc_id, None)``). Units are what a statistics module
resamples for bootstrap intervals and paired randomization tests.

Alongside the counts, a collector keeps the outcome of every item that was not correct (an
:class:`~saidbench.outcomes.ItemOutcome`), taken from the same alignment, for the error report.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Callable, Mapping, NamedTuple

from ..counts import Count, Key, SpanCounts, Tally
from ..matching import Alignment, Item, PairKind, Tokens
from ..model import Annotations, Document, Span
from ..outcomes import ItemOutcome, Side
from ..rows import PRFRow, Row
from ..schema import Schema
from ..schemes import SCHEMES, Scheme


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

    def __init__(self, document: Document, record: bool = True):
        self.document = document
        #: whether item outcomes are kept for the error report (counts never depend on it)
        self.record = record
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
        self.add_at(self.unit(span), key, count)

    def add_at(self, unit: Unit, key: Key, count: Count) -> None:
        bucket = self._counts[unit]
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
            self.record_outcomes(key.task, alignment, *sides)
        gold_by = {g.index: g for g in gold}
        pred_by = {p.index: p for p in pred}
        unit = lambda item: self.unit(locate(item) if item.placed else None)  # noqa: E731
        by_unit: dict[Unit, list[int]] = {}  # the counts' fields, summed per unit first, then added once per unit

        def at(item: Item, size: int) -> list[int]:
            where = unit(item)
            found = by_unit.get(where)
            if found is None:
                found = by_unit[where] = [0] * size
            return found

        if alignment.scheme.by_tokens:  # TokenCounts(overlap, predicted, gold)
            for pair in alignment.pairs:
                at(gold_by[pair.gold], 3)[0] += pair.overlap
            # denominators: every gold and every predicted item at its own unit (unplaced: 0 tokens)
            for g in gold:
                at(g, 3)[2] += token_size(g, tokens)
            for p in pred:
                at(p, 3)[1] += token_size(p, tokens)
        else:  # SpanCounts(correct, incorrect, partial, missed, spurious)
            for pair in alignment.pairs:
                at(gold_by[pair.gold], 5)[_SPAN_FIELD[pair.outcome]] += 1
            for index in alignment.missed:
                at(gold_by[index], 5)[3] += 1
            for index in alignment.spurious:
                at(pred_by[index], 5)[4] += 1
        for where, values in by_unit.items():
            self.add_at(where, key, alignment.scheme.counts(*values))

    def add_pairs(
        self,
        keys: list[tuple[Scheme, Key]],
        gold: list[Item],
        pred: list[Item],
        pairs: list[tuple[int, int, int]],
        kinds: list[PairKind] | None,
        locate=lambda item: item.spans[-1],
        tokens: Tokens | None = None,
    ) -> None:
        """Add the counts of several schemes, each ``(scheme, key)`` of ``keys``, from the same one-to-one
        ``pairs`` (``(gold position, predicted position, overlap)`` as
        :func:`~saidbench.matching.one_to_one_items` finds them in the schemes' measure) and each pair's
        kind (span schemes), or the ``tokens`` (the token scheme).

        Equal to :meth:`add_alignment` of each scheme's alignment, but each item's unit is found once
        and the pairs are counted once by unit and kind: only turning those counts into outcomes is
        done scheme by scheme. Records no outcomes.
        """
        unit = lambda item: self.unit(locate(item) if item.placed else None)  # noqa: E731
        if any(scheme.by_tokens for scheme, _ in keys):
            self._add_token_pairs(keys, gold, pred, pairs, unit, tokens)
            return
        found = Counter((unit(gold[i]), kind) for (i, _, _), kind in zip(pairs, kinds, strict=True))
        paired_gold = {i for i, _, _ in pairs}
        paired_pred = {j for _, j, _ in pairs}
        missed = Counter(unit(g) for i, g in enumerate(gold) if i not in paired_gold)
        spurious = Counter(unit(p) for j, p in enumerate(pred) if j not in paired_pred)
        for scheme, key in keys:
            by_unit: dict[Unit, list[int]] = {}
            for (where, kind), n in found.items():
                by_unit.setdefault(where, [0] * 5)[_SPAN_FIELD[kind.outcome(scheme)]] += n
            for column, counted in ((3, missed), (4, spurious)):
                for where, n in counted.items():
                    by_unit.setdefault(where, [0] * 5)[column] += n
            for where, values in by_unit.items():
                self.add_at(where, key, SpanCounts(*values))

    def _add_token_pairs(self, keys, gold, pred, pairs, unit, tokens: Tokens) -> None:
        """TokenCounts of token-measured pairs: shared tokens at the gold item's unit, every item's tokens at its own."""
        by_unit: dict[Unit, list[int]] = {}  # TokenCounts(overlap, predicted, gold)
        for i, _, shared in pairs:
            by_unit.setdefault(unit(gold[i]), [0, 0, 0])[0] += shared
        for g in gold:
            by_unit.setdefault(unit(g), [0, 0, 0])[2] += token_size(g, tokens)
        for p in pred:
            by_unit.setdefault(unit(p), [0, 0, 0])[1] += token_size(p, tokens)
        for scheme, key in keys:
            for where, values in by_unit.items():
                self.add_at(where, key, scheme.counts(*values))

    def record_outcomes(self, task: str, alignment: Alignment, gold_side, pred_side) -> None:
        """Keep every outcome of the alignment except ``correct`` for the error report (if :attr:`record`)."""
        if not self.record:
            return

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


_SPAN_FIELD = {"correct": 0, "incorrect": 1, "partial": 2}


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


@dataclass
class Context:
    """One document's inputs to every task, and what tasks share while counting it.

    Under ``strict_layers`` an absent predicted layer reads as empty. ``shared`` holds what more
    than one task computes from the same inputs (the attribution relation alignments), computed once.
    """

    document: Document
    gold: Annotations
    pred: Annotations
    options: Options
    schema: Schema
    tokens: Tokens
    collector: Collector
    strict_layers: bool = False
    unplaced: frozenset[tuple[int, str]] = frozenset()
    shared: dict = field(default_factory=dict)

    def gold_layer(self, layer: str) -> tuple:
        return self.gold.layer(layer) or ()

    def pred_layer(self, layer: str) -> tuple | None:
        """The predicted layer; None when it is absent (``()`` under ``strict_layers``)."""
        found = self.pred.layer(layer)
        return () if found is None and self.strict_layers else found


class Task:
    """One task: how it counts a document, and how a tally of its counts becomes score rows.

    ``name`` keys its counts, scores and signature; ``layer`` is the annotation layer it reads;
    ``groups`` lists the groups of its rows in order (JSON keys under the scheme), each with whether
    it is keyed by label; ``primary`` is the count key metric of its headline detection score;
    ``average`` says how its table's rows are averaged (for the signature). A task that is not
    ``per_scheme`` is scored once, under its own ``scheme`` name, whatever the schemes; a
    ``document_level`` task puts all counts of a document at the document's unit. ``absent`` says
    what "not predicted" means when it is more than an absent layer, ``strict_absent`` how
    ``strict_layers`` scores it; ``item_outcomes`` is false for a task with no error report.
    ``needs`` lists the gold fields (``layer.field``) the task cannot be scored without, besides its
    layer; ``judges`` maps a count metric (the same name as its row group) to the field it judges.
    """

    name: str
    layer: str
    groups: tuple[tuple[str, bool], ...]
    primary: str
    average: str = "micro"
    per_scheme: bool = True
    scheme: str | None = None
    document_level: bool = False
    absent: str = ""
    strict_absent: str = "scored as empty"
    item_outcomes: bool = True
    needs: tuple[str, ...] = ()
    judges: Mapping[str, str] = MappingProxyType({})

    def judged(self, metric: str, label: str | None) -> str | None:
        """The ``layer.field`` a count (by metric) or a row (by group) judges: an attribute names itself in its
        label; None for a count that judges no single field (detection, roles)."""
        if metric in ("attribute", "attributes"):
            return f"{self.layer}.{label}"
        name = self.judges.get(metric)
        return None if name is None else f"{self.layer}.{name}"

    def predicted(self, pred: Annotations) -> bool:
        """Whether a prediction says anything for this task (otherwise the task is "not predicted" there)."""
        return pred.layer(self.layer) is not None

    def count(self, context: Context) -> None:
        """Add one document's counts (and item outcomes) to ``context.collector``."""
        raise NotImplementedError

    def rows(self, tally: Tally, scheme: Scheme | None, schema: Schema) -> list[Row]:
        """The score rows of a tally under one scheme (None for a task that is not per scheme)."""
        raise NotImplementedError

    def metric_error(self, name: str, stat: str) -> str | None:
        """Why ``TASK.name.stat`` is not a headline metric of this task; None when it is one."""
        return None if name in SCHEMES else SCHEMES.unknown(name)

    def headline(self, tally: Tally, name: str, stat: str) -> float | None:
        """``stat`` (precision, recall, f1) of the primary count under scheme ``name``; None when nothing was counted."""
        count = tally.get(Key(self.name, name, self.primary))
        return None if count is None else getattr(count.prf(SCHEMES[name]), stat)

    def headlines(self, schemes: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
        """The (name, stat) pairs of this task's headline metrics under ``schemes``."""
        return tuple((scheme, stat) for scheme in schemes for stat in ("precision", "recall", "f1"))


def prf_row(task: str, scheme: Scheme, group: str, title: str, count, label: str | None = None) -> PRFRow:
    """A P/R/F1 row of one count under a scheme, with the scheme's count columns."""
    return PRFRow(task, scheme.name, group, label, title, False, count.prf(scheme), scheme.values(count))


__all__ = ["Collector", "Context", "Options", "Task", "Unit", "label_groups", "prf_row"]
