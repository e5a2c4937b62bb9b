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

from collections import Counter
from types import MappingProxyType

from ..counts import Confusion, Key, Ratio, Tally
from ..matching import Alignment, Item, PairKind, align, keyed_ties, one_to_one_measures, paired
from ..model import Attribution, Mention, Span
from ..outcomes import Extent, Side
from ..rows import ConfusionRow, RatioRow, Row, where
from ..schema import Schema
from ..schemes import Scheme
from .base import Context, Task, prf_row

TASK = "attribution"
LAYER = "attributions"


def relation_items(attributions: tuple[Attribution, ...], unplaced: frozenset[tuple[int, str]] = frozenset()) -> list[Item]:
    """Items (cue, content; source as label). ``unplaced`` holds ``(index, role)`` of text-only
    role spans that could not be placed: such a relation is always spurious. Without sort keys: see :func:`keyed`."""
    lost = {index for index, _ in unplaced}
    return [
        Item((a.cue, a.content), a.source, index, placed=a.cue is not None and a.content is not None and index not in lost)
        for index, a in enumerate(attributions)
    ]


def role_items(attributions: tuple[Attribution, ...], role: str, unplaced: frozenset[tuple[int, str]] = frozenset()) -> list[Item]:
    """Items for one role; a null source is no item, an unplaced role span is a spurious one. Without sort keys:
    see :func:`keyed`."""
    items = []
    for index, a in enumerate(attributions):
        span = getattr(a, role)
        lost = span is None and (role != "source" or (index, role) in unplaced)
        if span is not None or lost:
            items.append(Item((span,), None, index, placed=not lost))
    return items


def keyed(items: list[Item], attributions: tuple[Attribution, ...]) -> list[Item]:
    """The items with the sort keys that order ties when an assignment is solved (the relations' reprs, for
    the items that tie on spans and label); the one-to-one path, which solves none, needs none."""
    return keyed_ties(items, lambda index: repr(attributions[index]))


def side(attributions: tuple[Attribution, ...], text: str, roles: tuple[str, ...]):
    """Index -> what the error report shows of a relation: each of ``roles`` (the source, first, only when given)."""

    made: dict[int, Side] = {}  # each scheme reports the same relations again

    def of(index: int) -> Side:
        if index not in made:
            a = attributions[index]
            given = dict(a.unplaced_texts)
            extents = tuple(Extent.of(role, getattr(a, role), text, given.get(role)) for role in roles)
            made[index] = Side(index, extents if a.source is not None or "source" in given else extents[1:])
        return made[index]

    return of


def _relation_items(context: Context):
    """Both sides' relation items and their one-to-one pairs in code points and in tokens (each None when an
    assignment is needed), made once per document (kept in ``context.shared``)."""
    key = (TASK, "items")
    if key not in context.shared:
        gold = relation_items(context.gold_layer(LAYER))
        pred = relation_items(context.pred_layer(LAYER) or (), context.unplaced)
        context.shared[key] = gold, pred, *one_to_one_measures(gold, pred, context.options.min_overlap, context.tokens)
    return context.shared[key]


def relations(context: Context, scheme: Scheme) -> Alignment:
    """The relation alignment of a document under a scheme, computed once for both the attribution
    counts and the claim links (kept in ``context.shared``)."""
    key = (TASK, "relations", scheme.name)
    if key not in context.shared:
        gold, pred, by_points, by_tokens = _relation_items(context)
        pairs = by_tokens if scheme.by_tokens else by_points
        min_overlap = context.options.min_overlap
        if pairs is not None:  # every scheme measuring alike at once: the pairs are judged once
            alike = [s for s in dict.fromkeys((*context.options.schemes, scheme)) if s.by_tokens == scheme.by_tokens]
            for s, alignment in zip(alike, paired(gold, pred, pairs, alike, "span", min_overlap)):
                context.shared[(TASK, "relations", s.name)] = alignment
        else:
            gold_layer, pred_layer = context.gold_layer(LAYER), context.pred_layer(LAYER) or ()
            context.shared[key] = align(keyed(gold, gold_layer), keyed(pred, pred_layer), scheme, min_overlap,
                                        context.tokens, label_rule="span")
    return context.shared[key]


def count(context: Context) -> None:
    """Counts of relations and of each role under each scheme; on each scheme's relation pairs the attributes and
    the source entity. Where no item overlaps two of the other side, the counts of every scheme measuring
    overlap alike come from one set of pairs (:meth:`~saidbench.tasks.base.Collector.add_pairs`)."""
    collector, tokens, options, unplaced = context.collector, context.tokens, context.options, context.unplaced
    gold, pred = context.gold_layer(LAYER), context.pred_layer(LAYER)
    layers = [("relations", "", *_relation_items(context), "span", lambda item: item.spans[1])]  # unit: the content's
    for role in context.schema.roles:
        gold_roles, pred_roles = role_items(gold, role), role_items(pred, role, unplaced)
        found = one_to_one_measures(gold_roles, pred_roles, options.min_overlap, tokens)
        layers.append(("role", role, gold_roles, pred_roles, *found, "equal", lambda item: item.spans[-1]))
    for metric, label, gold_of, pred_of, by_points, by_tokens, rule, locate in layers:
        for by, pairs in ((False, by_points), (True, by_tokens)):
            alike = [scheme for scheme in options.schemes if scheme.by_tokens == by]
            if not alike:
                continue
            if pairs is None:
                gold_keyed, pred_keyed = keyed(gold_of, gold), keyed(pred_of, pred)
                for scheme in alike:
                    alignment = (relations(context, scheme) if metric == "relations"
                                 else align(gold_keyed, pred_keyed, scheme, options.min_overlap, tokens))
                    collector.add_alignment(Key(TASK, scheme.name, metric, label), alignment, gold_of, pred_of, tokens,
                                            locate)
                continue
            kinds = None if by else [PairKind.of(gold_of[i], pred_of[j], rule, options.min_overlap) for i, j, _ in pairs]
            keys = [(scheme, Key(TASK, scheme.name, metric, label)) for scheme in alike]
            collector.add_pairs(keys, gold_of, pred_of, pairs, kinds, locate, tokens)

    text, roles = collector.document.text, context.schema.roles
    sides = side(gold, text, roles), side(pred, text, roles)
    speakers = _speakers(context.gold_layer("entities"))
    on_pairs: dict[tuple, dict] = {}  # the pairs' (gold, pred) indices -> their counts per unit: schemes often pair alike
    for scheme in options.schemes:
        alignment = relations(context, scheme)
        collector.record_outcomes(TASK, alignment, *sides)
        pairs = tuple((pair.gold, pair.pred) for pair in alignment.pairs)
        if pairs not in on_pairs:
            on_pairs[pairs] = _on_pairs(pairs, gold, pred, context.schema.attributes[LAYER], speakers, collector.unit)
        for unit, counts in on_pairs[pairs].items():
            for (metric, label), found in counts.items():
                collector.add_at(unit, Key(TASK, scheme.name, metric, label), found)


def _on_pairs(pairs, gold, pred, names, speakers, unit) -> dict:
    """The counts of paired relations at their gold content's unit: ``(metric, label) -> count`` per unit.

    Each attribute's confusion, and the source-entity accuracy over pairs whose gold relation has a source.
    """
    cells: dict = {}  # unit -> name -> Counter of (gold value, predicted value)
    right: dict = {}  # unit -> [right, total]
    for i, j in pairs:
        g, p = gold[i], pred[j]
        where = unit(g.content)
        found = cells.setdefault(where, {})
        for name in names:
            found.setdefault(name, Counter())[(getattr(g, name), getattr(p, name))] += 1
        if g.source is not None:
            ratio = right.setdefault(where, [0, 0])
            ratio[0] += _right_speaker(g, p, speakers)
            ratio[1] += 1
    counts: dict = {}
    for where, by_name in cells.items():
        counts[where] = {("attribute", name): _confusion(found) for name, found in by_name.items()}
        if where in right:
            counts[where][("source_entity", "")] = Ratio(*right[where])
    return counts


def _confusion(found: Counter) -> Confusion:
    """The confusion of counted ``(gold, predicted)`` values; a pair missing either value is omitted."""
    omitted = sum(n for (g, p), n in found.items() if g is None or p is None)
    return Confusion(tuple(sorted((g, p, n) for (g, p), n in found.items() if g is not None and p is not None)), omitted)


def _speakers(gold_mentions: tuple[Mention, ...]) -> dict[str, list[Span]]:
    """Each gold entity id -> the spans of its mentions."""
    spans: dict[str, list[Span]] = {}
    for m in gold_mentions:
        if m.entity_id is not None and m.span:
            spans.setdefault(m.entity_id, []).append(m.span)
    return spans


def _right_speaker(gold: Attribution, pred: Attribution, speakers: dict[str, list[Span]]) -> bool:
    if pred.source is None:
        return False
    targets = [gold.source] + (speakers.get(gold.source_entity, []) if gold.source_entity is not None else [])
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
