"""Entity mentions: alignment -> per-unit counts, overall and per entity type, for every scheme.

Only mentions whose ``kind`` is in ``mention_kinds`` are scored, on both sides (default: names,
the OntoNotes NER task). A prediction without ``kind`` is read as a name. Per-type counts align
each type on its own (gold and predictions restricted to that type), as seqeval and nervaluate
do; the overall (micro) counts come from one alignment of all mentions.
"""

from __future__ import annotations

from ..counts import PRF, Confusion, Key, Tally, macro
from ..matching import Item, align
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
    return [
        Item((m.span,), m.label, index, placed=m.span is not None, sort_key=repr(m))
        for index, m in enumerate(mentions)
        if (m.kind or "name") in kinds
    ]


def side(mentions: tuple[Mention, ...], text: str):
    """Index -> what the error report shows of a mention."""

    def of(index: int) -> Side:
        m = mentions[index]
        return Side(index, (Extent.of("mention", m.span, text, m.text),), m.label)

    return of


def count(context: Context) -> None:
    collector, tokens, options = context.collector, context.tokens, context.options
    gold, pred = context.gold_layer("entities"), context.pred_layer("entities")
    gold_items = mention_items(gold, options.mention_kinds)
    pred_items = mention_items(pred, options.mention_kinds)
    sides = side(gold, collector.document.text), side(pred, collector.document.text)
    for scheme in options.schemes:
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
