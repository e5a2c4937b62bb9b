"""The one-to-one fast path of entity scoring equals aligning scheme by scheme and type by type.

When no mention overlaps two mentions of the other side, entity counts are computed once for every
scheme and type (``entities._count_one_to_one``); the general path runs the assignment for each
scheme and type. Both must give the same counts per unit and the same error report.
"""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import annotations, make_document
from saidbench import evaluate
from saidbench.matching import one_to_one
from saidbench.model import Mention, Span
from saidbench.tasks import entities

DOCS = {"d1": make_document()}  # 62 code points, sections [0, 35) and [36, 62)
SLOT = 10  # mentions are drawn inside slots of 10 code points: each overlaps at most one of the other side
LABELS = ["PERSON", "ORG", "GPE"]
KINDS = ["name", "pronoun", None]


@st.composite
def slot_mention(draw, slot: int):
    start = slot * SLOT + draw(st.integers(0, SLOT - 2))
    end = draw(st.integers(start + 1, min(slot * SLOT + SLOT, 62)))
    if end - start >= 3 and draw(st.booleans()):  # sometimes discontinuous
        cut = draw(st.integers(start + 1, end - 2))
        span = Span(((start, cut), (cut + 1, end)))
    else:
        span = Span.of(start, end)
    return Mention(span, draw(st.sampled_from(LABELS)), kind=draw(st.sampled_from(KINDS)))


@st.composite
def one_to_one_layers(draw):
    gold, pred = [], []
    for slot in range(6):
        if draw(st.booleans()):
            gold.append(draw(slot_mention(slot)))
        if draw(st.booleans()):
            pred.append(draw(slot_mention(slot)))
    gold = [m if m.kind else Mention(m.span, m.label, kind="name") for m in gold]  # gold always has a kind
    return draw(st.permutations(gold)), draw(st.permutations(pred))


def _score(gold, pred, general: bool, monkeypatch, **options):
    with monkeypatch.context() as patch:
        if general:
            patch.setattr(entities, "one_to_one", lambda *args: None)
        return evaluate(
            {"d1": annotations(entities=pred)}, {"d1": annotations(entities=gold, claims=[], attributions=[])},
            task="entities", documents=DOCS, **options,
        )


@settings(max_examples=150, deadline=None)
@given(
    one_to_one_layers(),
    st.sampled_from([0.0, 0.5, 1.0]),
    st.sampled_from([("name",), ("name", "pronoun")]),
)
def test_fast_path_equals_the_general_path(layers, min_overlap, kinds):
    gold, pred = layers
    with pytest.MonkeyPatch.context() as monkeypatch:
        options = dict(min_overlap=min_overlap, mention_kinds=kinds)
        fast = _score(gold, pred, False, monkeypatch, **options)
        general = _score(gold, pred, True, monkeypatch, **options)
    assert dict(fast.per_unit) == dict(general.per_unit)
    assert fast.errors == general.errors
    assert fast.scores() == general.scores()


def test_one_to_one_finds_pairs_or_refuses():
    a, b, c = Span.of(0, 5), Span.of(4, 9), Span.of(20, 25)
    assert one_to_one([a, c], [b, None]) == [(0, 0)]
    assert one_to_one([a, b], [Span.of(3, 6)]) is None  # one prediction overlaps two gold mentions
    assert one_to_one([a], [Span.of(0, 2), Span.of(3, 4)]) is None  # two predictions overlap one gold
    assert one_to_one([a], [Span.of(4, 9)], min_overlap=0.5) == []  # 1 of 5 code points: not enough
    assert one_to_one([Span(((0, 2), (6, 8)))], [Span.of(3, 5)]) == []  # inside the gap of a discontinuous span


def test_fast_path_is_taken_for_one_to_one_documents(monkeypatch):
    calls = []
    original = entities._count_one_to_one
    monkeypatch.setattr(entities, "_count_one_to_one", lambda *args: calls.append(1) or original(*args))
    gold = [Mention(Span.of(0, 5), "PERSON", kind="name")]
    evaluate({"d1": annotations(entities=[Mention(Span.of(0, 4), "ORG")])},
             {"d1": annotations(entities=gold, claims=[], attributions=[])}, task="entities", documents=DOCS)
    assert calls == [1]
