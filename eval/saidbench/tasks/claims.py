"""Claims: detection counts, and on matched pairs the attribute, certainty, hedge and link scores.

Claims have no label, so ``strict`` equals ``exact`` and ``type`` is plain overlap. Every pair
of a scheme's alignment (exact or only overlapping) counts as matched for the attribute scores.

* categorical attributes (certainty, commitment, polarity, claim_type, modality): a confusion
  matrix -> accuracy and macro-F1; a prediction that omits the attribute is counted as omitted.
* certainty MAE in yardstick bands; a pair where either side is ``none`` is excluded and counted.
* hedge cues: the gold claim's hedges aligned with the predicted claim's, under the same scheme.
* claim -> attribution link: right when the predicted claim links to the predicted attribution
  paired (under the same scheme) with the gold attribution the gold claim links to, or when
  neither links. A gold link to an unpaired gold attribution cannot be right.
"""

from __future__ import annotations

from typing import Mapping

from ..counts import AbsError, Confusion, Key, Ratio
from ..matching import Item, Tokens, align
from ..model import Claim
from ..outcomes import Extent, Side
from ..schema import Schema
from . import Collector, Options

TASK = "claims"
ATTRIBUTES = ("certainty", "commitment", "polarity", "claim_type", "modality")


def claim_items(claims: tuple[Claim, ...]) -> list[Item]:
    return [Item((c.span,), None, index, placed=c.span is not None, sort_key=repr(c)) for index, c in enumerate(claims)]


def side(claims: tuple[Claim, ...], text: str):
    """Index -> what the error report shows of a claim."""
    return lambda index: Side(index, (Extent.of("claim", claims[index].span, text, claims[index].text),))


def certainty_error(gold: str | None, pred: str | None, schema: Schema) -> AbsError | None:
    """Band distance of two certainty terms; None when the prediction omits it."""
    if gold is None or pred is None:
        return None
    if gold not in schema.yardstick or pred not in schema.yardstick:
        return AbsError(excluded=1)  # ``none`` has no band
    return AbsError(total=abs(schema.yardstick[gold].band - schema.yardstick[pred].band), pairs=1)


def count(
    collector: Collector,
    gold: tuple[Claim, ...],
    pred: tuple[Claim, ...],
    tokens: Tokens,
    options: Options,
    schema: Schema,
    links: Mapping[str, Mapping[str, str | None]] | None,
) -> None:
    """``links[scheme]`` maps each gold attribution id to the id of its paired prediction (None if
    unpaired); ``links`` is None when attributions were not predicted (links are then not scored)."""
    gold_items, pred_items = claim_items(gold), claim_items(pred)
    sides = side(gold, collector.document.text), side(pred, collector.document.text)
    for scheme in options.schemes:
        alignment = align(gold_items, pred_items, scheme, options.min_overlap, tokens)
        collector.add_alignment(Key(TASK, scheme.name, "claims"), alignment, gold_items, pred_items, tokens, sides=sides)
        for pair in alignment.pairs:
            g, p = gold[pair.gold], pred[pair.pred]
            for name in ATTRIBUTES:
                collector.add(g.span, Key(TASK, scheme.name, "attribute", name), Confusion.of(getattr(g, name), getattr(p, name)))
            error = certainty_error(g.certainty, p.certainty, schema)
            if error is not None:
                collector.add(g.span, Key(TASK, scheme.name, "certainty_mae"), error)
            if p.hedges is not None:
                gold_hedges = [Item((h,), None, i) for i, h in enumerate(g.hedges or ())]
                pred_hedges = [Item((h,), None, i) for i, h in enumerate(p.hedges)]
                hedges = align(gold_hedges, pred_hedges, scheme, options.min_overlap, tokens)
                collector.add_alignment(Key(TASK, scheme.name, "hedges"), hedges, gold_hedges, pred_hedges, tokens)
            if links is not None:
                collector.add(g.span, Key(TASK, scheme.name, "link"), Ratio(int(_link_right(g, p, links[scheme])), 1))


def _link_right(gold: Claim, pred: Claim, paired: Mapping[str, str | None]) -> bool:
    if gold.attribution is None:
        return pred.attribution is None
    target = paired.get(gold.attribution)
    return target is not None and pred.attribution == target
