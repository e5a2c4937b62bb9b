"""Attribution relations: alignment -> per-unit counts for relations, roles and attributes.

Relation policy: a gold and a predicted relation can pair when their cue spans overlap and
their content spans overlap. The source plays the part of the label: it agrees when both are
null, or when both are given and identical (strict) or overlapping (other schemes). So under
``strict`` a pair is correct when cue, content and source are identical; under ``type`` when
the sources agree; under ``exact``/``partial`` the source is ignored, as a label would be.

Roles (source, cue, content) are also matched on their own, role by role; a null source is no
item on either side. On paired relations: accuracy and macro-F1 of ``source_type``,
``quote_type``, ``cue_polarity``, and source-entity accuracy over pairs whose gold relation has a
source: the prediction is right when its source overlaps the gold source or any gold mention of
the gold ``source_entity`` (a different mention of the same speaker counts, via coreference).
"""

from __future__ import annotations

from types import MappingProxyType

from ..counts import Confusion, Key, Ratio, Tally
from ..matching import Alignment, Item, align
from ..model import Attribution, Mention
from ..outcomes import Extent, Side
from ..rows import ConfusionRow, RatioRow, Row, where
from ..schema import Schema
from ..schemes import Scheme
from .base import Context, Task, prf_row

TASK = "attribution"
LAYER = "attributions"


def relation_items(attributions: tuple[Attribution, ...], unplaced: frozenset[tuple[int, str]] = frozenset()) -> list[Item]:
    """Items (cue, content; source as label). ``unplaced`` holds ``(index, role)`` of text-only
    role spans that could not be placed: such a relation is always spurious."""
    lost = {index for index, _ in unplaced}
    return [
        Item(
            (a.cue, a.content),
            a.source,
            index,
            placed=a.cue is not None and a.content is not None and index not in lost,
            sort_key=repr(a),
        )
        for index, a in enumerate(attributions)
    ]


def role_items(attributions: tuple[Attribution, ...], role: str, unplaced: frozenset[tuple[int, str]] = frozenset()) -> list[Item]:
    """Items for one role; a null source is no item, an unplaced role span is a spurious one."""
    items = []
    for index, a in enumerate(attributions):
        span = getattr(a, role)
        lost = span is None and (role != "source" or (index, role) in unplaced)
        if span is not None or lost:
            items.append(Item((span,), None, index, placed=not lost, sort_key=repr(a)))
    return items


def side(attributions: tuple[Attribution, ...], text: str, roles: tuple[str, ...]):
    """Index -> what the error report shows of a relation: each of ``roles`` (the source, first, only when given)."""

    def of(index: int) -> Side:
        a = attributions[index]
        given = dict(a.unplaced_texts)
        extents = tuple(Extent.of(role, getattr(a, role), text, given.get(role)) for role in roles)
        return Side(index, extents if a.source is not None or "source" in given else extents[1:])

    return of


def relations(context: Context, scheme: Scheme) -> Alignment:
    """The relation alignment of a document under a scheme, computed once for both the attribution
    counts and the claim links (kept in ``context.shared``)."""
    key = (TASK, "relations", scheme.name)
    if key not in context.shared:
        gold, pred = context.gold_layer(LAYER), context.pred_layer(LAYER) or ()
        context.shared[key] = align(
            relation_items(gold), relation_items(pred, context.unplaced), scheme, context.options.min_overlap,
            context.tokens, label_rule="span",
        )
    return context.shared[key]


def count(context: Context) -> None:
    """Counts from the relation alignment of each scheme, and the role alignments."""
    collector, tokens, options, unplaced = context.collector, context.tokens, context.options, context.unplaced
    gold, pred = context.gold_layer(LAYER), context.pred_layer(LAYER)
    gold_mentions = context.gold_layer("entities")
    gold_items, pred_items = relation_items(gold), relation_items(pred, unplaced)
    content = lambda item: item.spans[1]  # noqa: E731  (a relation's unit is its content's)
    text, roles = collector.document.text, context.schema.roles
    sides = side(gold, text, roles), side(pred, text, roles)
    for scheme in options.schemes:
        alignment = relations(context, scheme)
        collector.add_alignment(
            Key(TASK, scheme.name, "relations"), alignment, gold_items, pred_items, tokens, content, sides=sides
        )
        for role in context.schema.roles:
            gold_roles, pred_roles = role_items(gold, role), role_items(pred, role, unplaced)
            by_role = align(gold_roles, pred_roles, scheme, options.min_overlap, tokens)
            collector.add_alignment(Key(TASK, scheme.name, "role", role), by_role, gold_roles, pred_roles, tokens)
        for pair in alignment.pairs:
            g, p = gold[pair.gold], pred[pair.pred]
            for name in context.schema.attributes[LAYER]:
                collector.add(g.content, Key(TASK, scheme.name, "attribute", name), Confusion.of(getattr(g, name), getattr(p, name)))
            if g.source is not None:
                collector.add(g.content, Key(TASK, scheme.name, "source_entity"), Ratio(int(_right_speaker(g, p, gold_mentions)), 1))


def _right_speaker(gold: Attribution, pred: Attribution, gold_mentions: tuple[Mention, ...]) -> bool:
    if pred.source is None:
        return False
    targets = [gold.source] + [
        m.span for m in gold_mentions if gold.source_entity is not None and m.entity_id == gold.source_entity and m.span
    ]
    return any(pred.source.overlap(target) > 0 for target in targets)


def rows(tally: Tally, scheme: Scheme, schema: Schema) -> list[Row]:
    """Relations and each role; on matched pairs each attribute and the source-entity accuracy."""
    def get(metric: str, label: str = "", default=None):
        found = tally.get(Key(TASK, scheme.name, metric, label))
        return found if found is not None else (default if default is not None else scheme.counts())

    return [
        prf_row(TASK, scheme, "relations", "relations", get("relations")),
        *(prf_row(TASK, scheme, "roles", f"role {role}", get("role", role), role) for role in schema.roles),
        *(
            ConfusionRow.of(where(TASK, scheme.name, "attributes", name, name, True), get("attribute", name, Confusion()))
            for name in schema.attributes[LAYER]
        ),
        RatioRow.of(where(TASK, scheme.name, "source_entity", "source entity", on_pairs=True),
                    get("source_entity", default=Ratio())),
    ]


class AttributionTask(Task):
    name, layer = TASK, LAYER
    groups = (("relations", False), ("roles", True), ("attributes", True), ("source_entity", False))
    primary = "relations"
    judges = MappingProxyType({"source_entity": "source_entity"})
    count = staticmethod(count)
    rows = staticmethod(rows)
