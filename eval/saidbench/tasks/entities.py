"""Entity mentions: alignment -> per-unit counts, overall and per entity type, for every scheme.

Only mentions whose ``kind`` is in ``mention_kinds`` are scored, on both sides (default: names,
the OntoNotes NER task). A prediction without ``kind`` is read as a name. Per-type counts align
each type on its own (gold and predictions restricted to that type), as seqeval and nervaluate
do; the overall (micro) counts come from one alignment of all mentions.
"""

from __future__ import annotations

from ..counts import Confusion, Key
from ..matching import Item, Tokens, align
from ..model import Mention
from ..outcomes import Extent, Side
from . import Collector, Options, label_groups

TASK = "entities"
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


def count(collector: Collector, gold: tuple[Mention, ...], pred: tuple[Mention, ...], tokens: Tokens, options: Options) -> None:
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
