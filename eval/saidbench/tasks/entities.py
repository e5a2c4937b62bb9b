"""Entity mentions: alignment -> per-unit counts, overall and per entity type, for every scheme.

Only mentions whose ``kind`` is in ``mention_kinds`` are scored, on both sides (default: names,
the OntoNotes NER task). A prediction without ``kind`` is read as a name. Per-type counts align
each type on its own (gold and predictions restricted to that type), as seqeval and nervaluate
do; the overall (micro) counts come from one alignment of all mentions.
"""

from __future__ import annotations

from collections import Counter

from ..counts import PRF, Confusion, Key, SpanCounts, Tally, macro
from ..matching import Alignment, Item, Pair, align, keyed_ties, one_to_one
from ..model import Mention
from ..outcomes import Extent, Side
from ..rows import PRFRow, Row, where
from ..schema import Schema
from ..schemes import Column, Scheme
from .base import Context, Task, label_groups, prf_row

TASK = "entities"
#: Attributes compared on matched pairs (for ``saidbench agree``): the entity type and the mention kind.
ATTRIBUTES = ("label", "kind")


def mention_items(mentions: tuple[Mention, ...], kinds: tuple[str, ...]) -> list[Item]:
    """Items for the mentions in scope, indexed by their position in the layer."""
    items = [Item((m.span,), m.label, index, placed=m.span is not None) for index, m in enumerate(mentions)
             if (m.kind or "name") in kinds]
    return keyed_ties(items, lambda index: repr(mentions[index]))


def side(mentions: tuple[Mention, ...], text: str):
    """Index -> what the error report shows of a mention."""

    def of(index: int) -> Side:
        m = mentions[index]
        return Side(index, (Extent.of("mention", m.span, text, m.text),), m.label)

    return of


def count(context: Context) -> None:
    collector, tokens, options = context.collector, context.tokens, context.options
    gold, pred = context.gold_layer("entities"), context.pred_layer("entities")
    sides = side(gold, collector.document.text), side(pred, collector.document.text)
    general = list(options.schemes)
    span_schemes = [scheme for scheme in general if not scheme.by_tokens]
    if span_schemes:
        gold_in = [i for i, m in enumerate(gold) if (m.kind or "name") in options.mention_kinds]
        pred_in = [j for j, m in enumerate(pred) if (m.kind or "name") in options.mention_kinds]
        pairs = one_to_one([gold[i].span for i in gold_in], [pred[j].span for j in pred_in], options.min_overlap)
        if pairs is not None:
            pairs = [(gold_in[i], pred_in[j]) for i, j in pairs]
            _count_one_to_one(collector, gold, pred, gold_in, pred_in, pairs, span_schemes, sides)
            general = [scheme for scheme in general if scheme.by_tokens]
    if not general:
        return
    gold_items = mention_items(gold, options.mention_kinds)
    pred_items = mention_items(pred, options.mention_kinds)
    for scheme in general:
        alignment = align(gold_items, pred_items, scheme, options.min_overlap, tokens)
        collector.add_alignment(
            Key(TASK, scheme.name, "mentions"), alignment, gold_items, pred_items, tokens, sides=sides
        )
        for pair in alignment.pairs:  # label and kind agreement on matched pairs (used by `saidbench agree`)
            g, p = gold[pair.gold], pred[pair.pred]
            for name in ATTRIBUTES:
                collector.add(g.span, Key(TASK, scheme.name, "attribute", name), Confusion.of(getattr(g, name), getattr(p, name)))
        for label, (gold_of, pred_of) in label_groups(gold_items, pred_items).items():
            by_type = align(gold_of, pred_of, scheme, options.min_overlap, tokens)
            collector.add_alignment(Key(TASK, scheme.name, "mentions", label), by_type, gold_of, pred_of, tokens)


_OUTCOME = {"correct": 0, "incorrect": 1, "partial": 2}
_MISSED, _SPURIOUS = 3, 4


def _count_one_to_one(collector, gold, pred, gold_in, pred_in, pairs, schemes, sides) -> None:
    """The counts of every span scheme, overall and per type, when no mention overlaps two of the other side.

    Then every scheme and every per-type alignment pairs the same mentions (no assignment to
    solve): a pair's outcome follows from whether its spans are identical and its labels agree,
    and a pair whose labels differ is, within each type, a missed gold and a spurious prediction.
    The pairs are counted once by what decides their outcome, and those counts are turned into each
    scheme's counts; the result equals aligning scheme by scheme and type by type.
    """
    unit = collector.unit
    paired_gold = {i for i, _ in pairs}
    paired_pred = {j for _, j in pairs}
    # (gold unit, predicted unit, gold label, predicted label, identical spans, gold kind, predicted kind)
    found: Counter = Counter(
        (unit(gold[i].span), unit(pred[j].span), gold[i].label, pred[j].label, gold[i].span == pred[j].span,
         gold[i].kind, pred[j].kind)
        for i, j in pairs
    )
    paired: Counter = Counter()  # the same without the mention kinds
    attributes: dict = {}  # (gold unit, attribute) -> Counter of (gold value, predicted value)
    for (gold_unit, pred_unit, gold_label, pred_label, identical, gold_kind, pred_kind), n in found.items():
        paired[(gold_unit, pred_unit, gold_label, pred_label, identical)] += n
        attributes.setdefault((gold_unit, "label"), Counter())[(gold_label, pred_label)] += n
        attributes.setdefault((gold_unit, "kind"), Counter())[(gold_kind, pred_kind)] += n
    missed = Counter((unit(gold[i].span), gold[i].label) for i in gold_in if i not in paired_gold)
    spurious = Counter((unit(pred[j].span), pred[j].label) for j in pred_in if j not in paired_pred)

    for (where, name), cells in attributes.items():
        omitted = sum(n for (g, p), n in cells.items() if g is None or p is None)
        confusion = Confusion(tuple(sorted((g, p, n) for (g, p), n in cells.items() if g is not None and p is not None)),
                              omitted)
        for scheme in schemes:
            collector.add_at(where, Key(TASK, scheme.name, "attribute", name), confusion)
    for scheme in schemes:
        rows: dict = {}  # (unit, label; "" overall) -> [COR, INC, PAR, MIS, SPU]

        def row(where, label):
            found = rows.get((where, label))
            if found is None:
                found = rows[(where, label)] = [0, 0, 0, 0, 0]
            return found

        for (gold_unit, pred_unit, gold_label, pred_label, identical), n in paired.items():
            agree = gold_label == pred_label
            outcome = _OUTCOME[scheme.judge(identical, lambda: agree)]
            row(gold_unit, "")[outcome] += n
            if agree:
                row(gold_unit, gold_label)[outcome] += n
            else:
                row(gold_unit, gold_label)[_MISSED] += n
                row(pred_unit, pred_label)[_SPURIOUS] += n
        for column, found in ((_MISSED, missed), (_SPURIOUS, spurious)):
            for (where, label), n in found.items():
                row(where, "")[column] += n
                row(where, label)[column] += n
        for (where, label), values in rows.items():
            collector.add_at(where, Key(TASK, scheme.name, "mentions", label), SpanCounts(*values))
        if collector.record:
            outcomes = [(i, j, scheme.judge(gold[i].span == pred[j].span, lambda: gold[i].label == pred[j].label))
                        for i, j in pairs]
            alignment = Alignment(
                scheme, tuple(Pair(i, j, outcome, gold[i].span.overlap(pred[j].span)) for i, j, outcome in sorted(outcomes)),
                tuple(i for i in gold_in if i not in paired_gold), tuple(j for j in pred_in if j not in paired_pred),
            )
            collector.record_outcomes(TASK, alignment, *sides)


def rows(tally: Tally, scheme: Scheme, schema: Schema | None = None) -> list[Row]:
    """Micro P/R/F1 over all mentions, the unweighted macro average of the per-type rows, then one row per type."""
    def counts(label: str = ""):
        return tally.get(Key(TASK, scheme.name, "mentions", label)) or scheme.counts()

    labels = sorted(k.label for k in tally.select(TASK, scheme.name) if k.label and k.metric == "mentions")
    per_type = [prf_row(TASK, scheme, "per_type", label, counts(label), label) for label in labels]
    average = PRF(*(macro(getattr(row.prf, name) for row in per_type) for name in ("precision", "recall", "f1")))
    types = Column("types", None, "types")
    return [
        prf_row(TASK, scheme, "micro", "micro", counts()),
        PRFRow(**where(TASK, scheme.name, "macro", "macro"), prf=average, counts=((types, len(per_type)),)),
        *per_type,
    ]


class EntitiesTask(Task):
    name = layer = TASK
    groups = (("micro", False), ("macro", False), ("per_type", True))
    primary = "mentions"
    average = "micro+macro"
    count = staticmethod(count)
    rows = staticmethod(rows)
