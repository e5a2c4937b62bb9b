"""The one-to-one fast path of matching and attribution scoring equals the general assignment path.

``matching.align`` takes the pairs of :func:`one_to_one_items` as the alignment when no item overlaps two
items of the other side, and attribution scoring then counts every scheme measuring overlap alike (code
points, or tokens) from those pairs at once (``Collector.add_pairs``); otherwise the assignment is solved
(``matching._assign``). Both paths must give the same alignments, counts per unit and error report.
"""

import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import annotations, mention
from saidbench import evaluate
from saidbench.matching import (
    Item, Tokens, _assign, align, keyed_ties, one_to_one_items, one_to_one_measures, paired,
)
from saidbench.model import Attribution, Document, Section, Span
from saidbench.schemes import SCHEMES
from saidbench.tasks import attribution, base

SLOT = 10
# words of nine letters and a space: a span drawn inside a slot shares no token with another slot
TEXT = "".join(f"{chr(97 + k) * 9} " for k in range(12))
DOCS = {"d1": Document("d1", TEXT, sections=(Section("p1", "paragraph", Span.of(0, 60)),
                                              Section("p2", "paragraph", Span.of(60, 120))))}


@st.composite
def slot_span(draw, slot: int | None = None):
    slot = draw(st.integers(0, 11)) if slot is None else slot
    start = slot * SLOT + draw(st.integers(0, SLOT - 2))
    end = draw(st.integers(start + 1, slot * SLOT + SLOT))
    if end - start >= 3 and draw(st.booleans()):  # sometimes discontinuous
        cut = draw(st.integers(start + 1, end - 2))
        return Span(((start, cut), (cut + 1, end)))
    return Span.of(start, end)


@st.composite
def relation_items(draw, one_to_one: bool):
    """Items with a cue and a content role and a span (or None) as label; in slots of their own when
    ``one_to_one`` (relation k: cue in slot 2k, content in slot 2k + 1), anywhere otherwise. A predicted
    role or label often copies the gold one; labels share slot 11, so they often overlap without being equal."""
    gold, pred = [], []
    for k in range(5):
        drawn = []
        for side in (gold, pred):
            cue = draw(slot_span(2 * k if one_to_one else None))
            content = draw(slot_span(2 * k + 1 if one_to_one else None))
            label = draw(st.one_of(st.none(), slot_span(11)))
            if drawn and draw(st.booleans()):
                cue, content = (drawn[0][0] if draw(st.booleans()) else cue), drawn[0][1]
            if drawn and draw(st.booleans()):
                label = drawn[0][2]
            drawn.append((cue, content, label))
            if draw(st.booleans()):
                side.append(Item((cue, content), label, len(side), placed=draw(st.integers(0, 9)) > 0))
    return draw(st.permutations(gold)), draw(st.permutations(pred))


@settings(max_examples=200, deadline=None)
@given(relation_items(one_to_one=True), st.sampled_from(list(SCHEMES)), st.sampled_from([0.0, 0.5, 1.0]))
def test_one_to_one_alignment_equals_the_assignment(items, scheme, min_overlap):
    gold, pred = items
    tokens = Tokens(TEXT)
    measure = tokens if SCHEMES[scheme].by_tokens else None
    assert one_to_one_items(gold, pred, min_overlap, measure) is not None
    both = one_to_one_items(gold, pred, min_overlap), one_to_one_items(gold, pred, min_overlap, tokens)
    assert one_to_one_measures(gold, pred, min_overlap, tokens) == both
    fast = align(gold, pred, scheme, min_overlap, tokens, label_rule="span")
    assert fast == _assign(gold, pred, SCHEMES[scheme], min_overlap, measure, "span")


def test_many_to_many_takes_the_assignment():
    # one gold relation, two predictions overlapping it in both roles: an assignment is needed
    gold = [Item((Span.of(0, 5), Span.of(10, 20)), None, 0)]
    pred = [Item((Span.of(0, 5), Span.of(10, 15)), None, 0), Item((Span.of(1, 5), Span.of(10, 20)), None, 1)]
    assert one_to_one_items(gold, pred) is None
    alignment = align(gold, pred, "partial", label_rule="span")
    # both overlap by 5 + 5 = 10 and 4 + 10 = 14 code points: the larger overlap wins, as a partial pair
    assert [(p.gold, p.pred, p.outcome, p.overlap) for p in alignment.pairs] == [(0, 1, "partial", 14)]
    assert alignment.spurious == (0,) and alignment.missed == ()


def test_paired_judges_each_scheme():
    # cue identical, content overlapping, same source: strict/exact incorrect, partial partial, type correct
    gold = [Item((Span.of(0, 5), Span.of(10, 20)), Span.of(30, 35), 0)]
    pred = [Item((Span.of(0, 5), Span.of(12, 20)), Span.of(30, 35), 0)]
    pairs = one_to_one_items(gold, pred)
    assert pairs == [(0, 0, 5 + 8)]
    outcomes = [a.pairs[0].outcome for a in paired(gold, pred, pairs, ("strict", "exact", "partial", "type"), "span")]
    assert outcomes == ["incorrect", "incorrect", "partial", "correct"]


@st.composite
def attribution_layers(draw):
    """Gold and predicted relations over the slots: mostly one-to-one, sometimes overlapping two (when a
    relation's cue or content lands in another relation's slot), with sources, quote types and speakers."""
    def relation(k: int, gold: Attribution | None) -> Attribution:
        elsewhere = draw(st.integers(0, 4)) == 0
        cue = draw(slot_span(None if elsewhere else 3 * k + 1))
        content = draw(slot_span(3 * k + 2))
        source = draw(st.one_of(st.none(), slot_span(3 * k)))
        if gold is not None and draw(st.booleans()):  # a prediction often copies the gold cue and content
            cue, content = gold.cue, gold.content
        return Attribution(
            cue, content, source, id=None if gold else f"a{k}",
            quote_type=draw(st.sampled_from(["direct", "indirect", None] if gold else ["direct", "indirect"])),
            source_entity=draw(st.sampled_from([None, "E1", "E2"])) if not gold and source else None,
        )

    gold = {k: relation(k, None) for k in range(4) if draw(st.booleans())}
    pred = [relation(k, gold.get(k)) for k in range(4) if draw(st.booleans())]
    return draw(st.permutations(list(gold.values()))), draw(st.permutations(pred))


def _score(gold, pred, general: bool, monkeypatch, **options):
    entities = [mention(30, 39, entity_id="E1"), mention(90, 99, entity_id="E1"), mention(60, 69, entity_id="E2")]
    with monkeypatch.context() as patch:
        if general:
            patch.setattr(attribution, "one_to_one_measures", lambda *args, **kwargs: (None, None))
            patch.setattr("saidbench.matching.one_to_one_items", lambda *args, **kwargs: None)
        return evaluate(
            {"d1": annotations(attributions=pred)},
            {"d1": annotations(entities=entities, claims=[], attributions=gold)},
            task="attribution", documents=DOCS, **options,
        )


@settings(max_examples=150, deadline=None)
@given(attribution_layers(), st.sampled_from([0.0, 0.5]))
def test_attribution_fast_path_equals_the_general_path(layers, min_overlap):
    gold, pred = layers
    with pytest.MonkeyPatch.context() as monkeypatch:
        fast = _score(gold, pred, False, monkeypatch, scheme="all", min_overlap=min_overlap)
        general = _score(gold, pred, True, monkeypatch, scheme="all", min_overlap=min_overlap)
    assert dict(fast.per_unit) == dict(general.per_unit)
    assert fast.errors == general.errors
    assert fast.scores() == general.scores()


def test_attribution_fast_path_is_taken_for_one_to_one_documents(monkeypatch):
    calls = []
    original = base.Collector.add_pairs
    monkeypatch.setattr(base.Collector, "add_pairs", lambda self, keys, *args: calls.append(len(keys)) or original(self, keys, *args))
    gold = [Attribution(Span.of(10, 15), Span.of(20, 29), Span.of(0, 9), id="a1", quote_type="direct")]
    pred = [Attribution(Span.of(10, 15), Span.of(20, 25), Span.of(0, 9), quote_type="indirect")]
    scores = _score(gold, pred, False, monkeypatch, scheme="all").scores()["attribution"]
    # relations and three roles, each for the four span schemes at once, then for the token scheme
    assert calls == [4, 1, 4, 1, 4, 1, 4, 1]
    assert scores["strict"]["relations"]["incorrect"] == 1 and scores["type"]["relations"]["correct"] == 1
    assert scores["partial"]["roles"]["content"]["partial"] == 1
    assert scores["exact"]["attributes"]["quote_type"]["accuracy"] == 0.0


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.sampled_from([(0, 5), (3, 9)]), st.sampled_from(["x", "y", None]),
                          st.sampled_from(["A", "B"])), max_size=8))
def test_sort_keys_only_for_ties_keep_the_canonical_order(drawn):
    # relations with the same cue and content but other sources or quote types: their order is decided by
    # the full sort key (the repr of the annotation), which keyed_ties gives exactly to the tied items
    found = [Attribution(Span.of(*cue), Span.of(10, 20), None if source is None else Span.of(30, 31 + (source == "y")),
                         quote_type=quote) for cue, source, quote in drawn]
    items = [Item((a.cue, a.content), a.source, index) for index, a in enumerate(found)]
    every_key = [dataclasses.replace(item, sort_key=repr(found[item.index])) for item in items]
    tied = keyed_ties(items, lambda index: repr(found[index]))
    assert [i.index for i in sorted(tied, key=Item.canonical)] == [i.index for i in sorted(every_key, key=Item.canonical)]
