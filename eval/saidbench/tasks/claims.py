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

from types import MappingProxyType
from typing import Mapping

from ..counts import AbsError, Confusion, Key, Ratio, Tally
from ..matching import Item, align, keyed_ties
from ..model import Attribution, Claim
from ..outcomes import Extent, Side
from ..rows import ConfusionRow, MAERow, NotScoredRow, RatioRow, Row, where
from ..schema import Schema
from ..schemes import Scheme
from . import attribution
from .base import Context, Task, prf_row

TASK = "claims"


def claim_items(claims: tuple[Claim, ...]) -> list[Item]:
    items = [Item((c.span,), None, index, placed=c.span is not None) for index, c in enumerate(claims)]
    return keyed_ties(items, lambda index: repr(claims[index]))


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


def count(context: Context) -> None:
    """Detection, and on each scheme's pairs the attributes, certainty error, hedges and (when attributions
    were predicted) the claim -> attribution links."""
    collector, tokens, options, schema = context.collector, context.tokens, context.options, context.schema
    gold, pred = context.gold_layer("claims"), context.pred_layer("claims")
    gold_items, pred_items = claim_items(gold), claim_items(pred)
    sides = side(gold, collector.document.text), side(pred, collector.document.text)
    gold_attributions, pred_attributions = context.gold_layer("attributions"), context.pred_layer("attributions")
    for scheme in options.schemes:
        # each gold attribution id -> the id of the prediction paired with it under this scheme (None: unpaired)
        links = None if pred_attributions is None else _paired_ids(
            gold_attributions, pred_attributions, attribution.relations(context, scheme)
        )
        alignment = align(gold_items, pred_items, scheme, options.min_overlap, tokens)
        collector.add_alignment(Key(TASK, scheme.name, "claims"), alignment, gold_items, pred_items, tokens, sides=sides)
        for pair in alignment.pairs:
            g, p = gold[pair.gold], pred[pair.pred]
            for name in schema.attributes[TASK]:
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
                collector.add(g.span, Key(TASK, scheme.name, "link"), Ratio(int(_link_right(g, p, links)), 1))


def _paired_ids(gold: tuple[Attribution, ...], pred: tuple[Attribution, ...], alignment) -> dict[str, str | None]:
    paired = {pair.gold: pred[pair.pred].id for pair in alignment.pairs}
    return {g.id: paired.get(index) for index, g in enumerate(gold) if g.id is not None}


def _link_right(gold: Claim, pred: Claim, paired: Mapping[str, str | None]) -> bool:
    if gold.attribution is None:
        return pred.attribution is None
    target = paired.get(gold.attribution)
    return target is not None and pred.attribution == target


def rows(tally: Tally, scheme: Scheme, schema: Schema) -> list[Row]:
    """Detection and hedge cues; on matched pairs each attribute, the certainty MAE and the link accuracy."""
    def get(metric: str, label: str = "", default=None):
        found = tally.get(Key(TASK, scheme.name, metric, label))
        return found if found is not None else (default if default is not None else scheme.counts())

    link = tally.get(Key(TASK, scheme.name, "link"))
    link_at = where(TASK, scheme.name, "link", "claim->attribution link", on_pairs=True)
    return [
        prf_row(TASK, scheme, "detection", "claims", get("claims")),
        *(
            ConfusionRow.of(where(TASK, scheme.name, "attributes", name, name, True), get("attribute", name, Confusion()))
            for name in schema.attributes[TASK]
        ),
        MAERow.of(where(TASK, scheme.name, "certainty_mae", "certainty MAE (bands)", on_pairs=True),
                  get("certainty_mae", default=AbsError())),
        prf_row(TASK, scheme, "hedges", "hedge cues", get("hedges")),
        NotScoredRow(**link_at, reason="not scored (no attributions predicted)") if link is None
        else RatioRow.of(link_at, link),
    ]


class ClaimsTask(Task):
    name = layer = TASK
    groups = (("detection", False), ("attributes", True), ("certainty_mae", False), ("hedges", False), ("link", False))
    primary = "claims"
    judges = MappingProxyType({"certainty_mae": "certainty", "hedges": "hedges", "link": "attribution"})
    count = staticmethod(count)
    rows = staticmethod(rows)
