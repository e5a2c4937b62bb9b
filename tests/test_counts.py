"""Counts add, and P/R/F follow the SemEval-2013 / nervaluate formulas with None for nothing to score."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from saidbench.counts import AbsError, Confusion, Key, Ratio, SpanCounts, Tally, TokenCounts, macro, macro_f1, total
from saidbench.schemes import get


def test_span_counts_add_field_by_field():
    assert SpanCounts(1, 2, 3, 4, 5) + SpanCounts(10, 20, 30, 40, 50) == SpanCounts(11, 22, 33, 44, 55)


def test_strict_formula():
    # COR 3, INC 1, PAR 0, MIS 1, SPU 2 -> POS = 3+1+0+1 = 5, ACT = 3+1+0+2 = 6
    prf = SpanCounts(correct=3, incorrect=1, missed=1, spurious=2).prf(get("strict"))
    assert prf.precision == pytest.approx(3 / 6)
    assert prf.recall == pytest.approx(3 / 5)
    assert prf.f1 == pytest.approx(2 * 3 / (5 + 6))  # = 2PR/(P+R) = 2*.5*.6/1.1 = 0.5454...


def test_partial_formula_gives_half_credit():
    # COR 2, PAR 2, MIS 1, SPU 1 -> POS 5, ACT 5, matched = 2 + 0.5*2 = 3
    prf = SpanCounts(correct=2, partial=2, missed=1, spurious=1).prf(get("partial"))
    assert prf.precision == pytest.approx(3 / 5)
    assert prf.recall == pytest.approx(3 / 5)
    # the same counts under exact give no credit for partial
    assert SpanCounts(correct=2, partial=2, missed=1, spurious=1).prf(get("exact")).precision == pytest.approx(2 / 5)


def test_zero_division_is_none_not_zero():
    nothing = SpanCounts().prf(get("strict"))
    assert (nothing.precision, nothing.recall, nothing.f1) == (None, None, None)
    only_gold = SpanCounts(missed=2).prf(get("strict"))  # nothing predicted: P undefined, R = 0, F1 = 0
    assert (only_gold.precision, only_gold.recall, only_gold.f1) == (None, 0.0, 0.0)
    only_pred = SpanCounts(spurious=2).prf(get("strict"))  # nothing to find: R undefined, P = 0, F1 = 0
    assert (only_pred.precision, only_pred.recall, only_pred.f1) == (0.0, None, 0.0)


def test_token_counts():
    # 6 shared tokens, 8 predicted, 12 gold -> P .75, R .5, F1 = 12/20
    prf = (TokenCounts(4, 5, 6) + TokenCounts(2, 3, 6)).prf()
    assert (prf.precision, prf.recall, prf.f1) == (pytest.approx(0.75), pytest.approx(0.5), pytest.approx(0.6))


def test_ratio_and_abs_error():
    assert (Ratio(1, 2) + Ratio(2, 2)).value == pytest.approx(3 / 4)
    assert Ratio().value is None
    error = AbsError(total=3, pairs=2, excluded=1) + AbsError(total=1, pairs=2)
    assert error.mae == pytest.approx(4 / 4) and error.excluded == 1
    assert AbsError(excluded=3).mae is None


def test_confusion_accuracy_and_macro_f1():
    c = Confusion.of("a", "a") + Confusion.of("a", "b") + Confusion.of("b", "b") + Confusion.of("b", None)
    assert c.omitted == 1 and c.total == 3
    assert c.accuracy == pytest.approx(2 / 3)
    # label a: P 1/1, R 1/2 -> F 2/3; label b: P 1/2, R 1/1 -> F 2/3; macro = 2/3
    assert c.macro_f1 == pytest.approx(2 / 3)
    assert Confusion().accuracy is None and Confusion().macro_f1 is None


def test_tally_adds_key_by_key_and_sum_starts_empty():
    a = Tally({Key("entities", "strict", "mentions"): SpanCounts(correct=1)})
    b = Tally({Key("entities", "strict", "mentions"): SpanCounts(missed=1), Key("claims", "strict", "link"): Ratio(1, 1)})
    both = a + b
    assert both.get(Key("entities", "strict", "mentions")) == SpanCounts(correct=1, missed=1)
    assert both.get(Key("claims", "strict", "link")) == Ratio(1, 1)
    assert total([a, b]) == both == b + a
    assert total([]) == Tally()


def test_macro_ignores_undefined():
    assert macro([1.0, None, 0.5]) == pytest.approx(0.75)
    assert macro([None]) is None


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from("abcd"), st.sampled_from("abcde"), st.integers(1, 5)), min_size=1, max_size=12))
def test_macro_f1_equals_scikit_learn(cells):
    from sklearn.metrics import f1_score

    confusion = sum((Confusion(((g, p, n),)) for g, p, n in cells), Confusion())
    gold, predicted, weights = zip(*confusion.cells)
    labels = sorted(set(gold) | set(predicted))
    expected = f1_score(gold, predicted, labels=labels, average="macro", sample_weight=weights, zero_division=0)
    assert confusion.macro_f1 == pytest.approx(float(expected), rel=1e-12, abs=1e-15)


def test_macro_f1_hand_computed():
    # a: TP 2, gold 3, predicted 2 -> 4/5; b: TP 0, gold 0, predicted 1 -> 0; mean 2/5
    assert macro_f1((("a", "a", 2), ("a", "b", 1))) == pytest.approx(2 / 5)
    assert macro_f1(()) is None


@settings(max_examples=100, deadline=None)
@given(st.lists(st.dictionaries(
    st.sampled_from([Key("t", "strict", "m"), Key("t", "strict", "attribute", "label"), Key("t", "token", "m")]),
    st.integers(0, 3), max_size=3), max_size=6))
def test_total_equals_adding_one_by_one(shapes):
    def count(key, n):
        if key.metric == "attribute":
            return Confusion(((f"g{n}", "p", n + 1), ("a", "a", 1)), omitted=n)
        return SpanCounts(n, 1, 0, n, 2) if key.scheme == "strict" else TokenCounts(n, n + 1, 2)

    tallies = [Tally({key: count(key, n) for key, n in shape.items()}) for shape in shapes]
    one_by_one = Tally()
    for tally in tallies:
        one_by_one = one_by_one + tally
    assert total(tallies) == one_by_one
