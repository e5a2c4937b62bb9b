"""Schemes, one-to-one assignment and tie-breaking, with hand-computed expectations."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from saidbench.counts import SpanCounts
from saidbench.matching import Item, Tokens, align
from saidbench.schemes import SCHEMES, SPAN_SCHEMES, get
from saidbench.model import Span

TEXT = "Alice Smith met Bob Jones in Paris. Carol said that Dave left."


def item(start, end, label="PERSON", index=0, fragments=None):
    span = Span(fragments) if fragments else Span.of(start, end)
    return Item((span,), label, index)


def numbered(items):
    return [Item(i.spans, i.label, n) for n, i in enumerate(items)]


GOLD = numbered([item(0, 11), item(16, 25), item(29, 34, "GPE")])
PRED = numbered([
    item(0, 11),  # X: same boundaries, same label
    item(16, 19),  # Y: "Bob", overlaps B, same label
    item(29, 34, "ORG"),  # Z: same boundaries as C, wrong label
    item(36, 41),  # W: "Carol", no gold
])


@pytest.mark.parametrize(
    "scheme, expected",
    [
        # X correct; Y overlaps only -> incorrect; Z wrong label -> incorrect; W spurious
        ("strict", SpanCounts(correct=1, incorrect=2, spurious=1)),
        # label ignored: X, Z correct; Y incorrect (boundaries differ)
        ("exact", SpanCounts(correct=2, incorrect=1, spurious=1)),
        # label ignored: X, Z correct; Y partial
        ("partial", SpanCounts(correct=2, partial=1, spurious=1)),
        # overlap + label: X, Y correct; Z incorrect (label)
        ("type", SpanCounts(correct=2, incorrect=1, spurious=1)),
    ],
)
def test_semeval_schemes(scheme, expected):
    assert align(GOLD, PRED, scheme).span_counts() == expected


def test_partial_scores_by_hand():
    # COR 2, PAR 1, SPU 1: POS = 3, ACT = 4; P = (2 + 0.5)/4 = 0.625, R = 2.5/3
    prf = align(GOLD, PRED, "partial").span_counts().prf(get("partial"))
    assert prf.precision == pytest.approx(0.625)
    assert prf.recall == pytest.approx(2.5 / 3)


def test_tie_equal_overlap_and_distance_goes_to_canonically_first():
    # gold [1,5); [0,4) and [2,6) both share 3 code points and lie 1+1 = 2 from the gold boundaries
    gold = [item(1, 5)]
    for order in ([item(0, 4, index=0), item(2, 6, index=1)], [item(2, 6, index=0), item(0, 4, index=1)]):
        alignment = align(gold, order, "type")
        paired = order[alignment.pairs[0].pred]
        assert paired.spans[0] == Span.of(0, 4)  # (0, 4) sorts before (2, 6)
        assert alignment.span_counts() == SpanCounts(correct=1, spurious=1)


def test_tie_equal_overlap_goes_to_closer_boundaries():
    # gold [2,6): [0,6) and [2,6) both share 4 code points; [2,6) is at distance 0, [0,6) at 2
    alignment = align([item(2, 6)], numbered([item(0, 6), item(2, 6)]), "type")
    assert [(p.gold, p.pred) for p in alignment.pairs] == [(0, 1)]
    assert alignment.spurious == (0,)


def test_correct_pairs_come_before_overlap():
    # type: [0,10) B shares 10 but has the wrong label; [0,3) A shares 3 with the right label
    alignment = align([item(0, 10, "A")], numbered([item(0, 10, "B"), item(0, 3, "A")]), "type")
    assert alignment.span_counts() == SpanCounts(correct=1, spurious=1)
    assert alignment.pairs[0].pred == 1


def test_maximum_total_overlap_beats_greedy():
    # G1 [0,10), G2 [10,14); P1 [5,12) shares 5 with G1 and 2 with G2; P2 [0,6) shares 6 with G1.
    # Greedy in prediction order gives P1-G1 (5) and leaves P2 spurious;
    # the assignment P1-G2 + P2-G1 has total overlap 2 + 6 = 8 > 5.
    gold = numbered([item(0, 10), item(10, 14)])
    pred = numbered([item(5, 12), item(0, 6)])
    alignment = align(gold, pred, "partial")
    assert sorted((p.gold, p.pred) for p in alignment.pairs) == [(0, 1), (1, 0)]
    assert alignment.span_counts() == SpanCounts(partial=2)


def test_duplicate_prediction_is_spurious():
    alignment = align([item(0, 11)], numbered([item(0, 11), item(0, 11)]), "strict")
    assert alignment.span_counts() == SpanCounts(correct=1, spurious=1)


def test_discontinuous_spans_compare_fragment_wise():
    gold = [item(0, 0, fragments=((0, 5), (12, 15)))]
    same = [item(0, 0, fragments=((0, 5), (12, 15)))]
    first_fragment = [item(0, 5)]
    in_the_gap = [item(6, 11)]
    assert align(gold, same, "strict").span_counts() == SpanCounts(correct=1)
    # [0,5) shares 5 code points with the first fragment: overlapping, not exact
    assert align(gold, first_fragment, "partial").span_counts() == SpanCounts(partial=1)
    # [6,11) lies inside [0,15) but in the gap between the fragments: no overlap at all
    assert align(gold, in_the_gap, "partial").span_counts() == SpanCounts(missed=1, spurious=1)


def test_min_overlap_is_a_fraction_of_the_gold_span():
    # [0,3) covers 3 of the 10 code points of [0,10): 0.3
    assert align([item(0, 10)], [item(0, 3)], "partial", min_overlap=0.3).span_counts() == SpanCounts(partial=1)
    assert align([item(0, 10)], [item(0, 3)], "partial", min_overlap=0.5).span_counts() == SpanCounts(missed=1, spurious=1)


def test_tokens_and_token_scheme():
    tokens = Tokens(TEXT)
    # "ice Sm" touches the tokens Alice and Smith
    assert len(tokens.of(Span.of(2, 8))) == 2
    # gold "Alice Smith met Bob Jones" = 5 tokens; pred "Smith met Bob Jones in Paris." = 7 tokens
    # (Smith met Bob Jones in Paris .); shared: Smith met Bob Jones = 4
    alignment = align([item(0, 25)], [item(6, 35)], "token", tokens=tokens)
    assert alignment.pairs[0].overlap == 4


def test_unplaced_prediction_is_always_spurious():
    lost = Item((None,), "PERSON", 0, placed=False)
    assert align([item(0, 11)], [lost], "type").span_counts() == SpanCounts(missed=1, spurious=1)


def test_bad_options():
    with pytest.raises(ValueError, match="unknown scheme"):
        align([], [], "fuzzy")
    with pytest.raises(ValueError, match="min_overlap"):
        align([], [], "strict", min_overlap=1.5)
    with pytest.raises(ValueError, match="tokens"):
        align([], [], "token")


# -- properties --------------------------------------------------------------------------------

spans = st.tuples(st.integers(0, 40), st.integers(1, 8)).map(lambda t: Span.of(t[0], t[0] + t[1]))
items = st.lists(st.tuples(spans, st.sampled_from("AB")), max_size=8).map(
    lambda xs: [Item((s,), label, n) for n, (s, label) in enumerate(xs)]
)
TOKENS = Tokens("ab " * 20)


@settings(max_examples=150, deadline=None)
@given(items, st.sampled_from(tuple(SCHEMES)))
def test_gold_against_itself_is_all_correct(gold, scheme):
    alignment = align(gold, gold, scheme, tokens=TOKENS)
    if scheme == "token":
        assert not alignment.missed or all(not TOKENS.of(gold[i].spans[0]) for i in alignment.missed)
    else:
        assert alignment.span_counts() == SpanCounts(correct=len(gold))


@settings(max_examples=150, deadline=None)
@given(items, items, st.sampled_from(SPAN_SCHEMES), st.randoms(use_true_random=False))
def test_input_order_is_irrelevant_and_scores_are_bounded(gold, pred, scheme, rng):
    counts = align(gold, pred, scheme).span_counts()
    shuffled_gold, shuffled_pred = gold[:], pred[:]
    rng.shuffle(shuffled_gold)
    rng.shuffle(shuffled_pred)
    assert align(shuffled_gold, shuffled_pred, scheme).span_counts() == counts
    assert counts.possible == len(gold) and counts.actual == len(pred)
    prf = counts.prf(get(scheme))
    for value in (prf.precision, prf.recall, prf.f1):
        assert value is None or 0.0 <= value <= 1.0


@settings(max_examples=150, deadline=None)
@given(items, st.data())
def test_predictions_subset_of_gold_have_precision_one(gold, data):
    chosen = data.draw(st.lists(st.sampled_from(gold), unique_by=lambda i: i.index) if gold else st.just([]))
    pred = [Item(i.spans, i.label, n) for n, i in enumerate(chosen)]
    for scheme in SPAN_SCHEMES:
        prf = align(gold, pred, scheme).span_counts().prf(get(scheme))
        assert prf.precision in (None, 1.0)


def test_bipartite_components_by_hand():
    from saidbench.components import bipartite_components

    # gold 0 and 2 share prediction 1; gold 3 pairs only with 5; gold 4 links predictions 6 and 7
    edges = [(3, 5), (2, 1), (4, 7), (0, 1), (4, 6)]
    assert bipartite_components(edges) == [([0, 2], [1]), ([3], [5]), ([4], [6, 7])]
    assert bipartite_components([]) == []


wide_spans = st.tuples(st.integers(0, 400), st.sampled_from((1, 2, 3, 7, 30, 200, 1000))).map(
    lambda t: Span.of(t[0], t[0] + t[1]))


@settings(max_examples=200, deadline=None)
@given(st.lists(wide_spans, max_size=12), st.lists(wide_spans, max_size=12))
def test_candidates_are_every_overlapping_pair_whatever_the_lengths(gold_spans, pred_spans):
    """The search by classes of like length finds exactly the pairs a scan of every pair finds, in its order."""
    from saidbench.matching import _candidates

    gold = [Item((s,), "A", n) for n, s in enumerate(gold_spans)]
    pred = [Item((s,), "A", n) for n, s in enumerate(pred_spans)]
    every = [(i, j) for i, g in enumerate(gold_spans) for j, p in enumerate(pred_spans)
             if g.start < p.end and p.start < g.end]
    assert list(_candidates(gold, pred)) == every


def test_one_prediction_over_everything_is_spurious_beside_exact_ones():
    """Gold Alice Smith, Bob Jones, Paris; predicted the same three and one ORG over the whole text: the long
    prediction overlaps all three but pairs with none (each has an exact partner), so it is the one spurious."""
    pred = numbered([item(0, 11), item(16, 25), item(29, 34, "GPE"), item(0, len(TEXT), "ORG")])
    for scheme in SPAN_SCHEMES:
        assert align(GOLD, pred, scheme).span_counts() == SpanCounts(correct=3, spurious=1)
