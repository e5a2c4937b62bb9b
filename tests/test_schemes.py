"""Scheme objects: each scheme's rule in one place, a registry that suggests, and counts that refuse a scheme name."""

import pytest

from saidbench.counts import SpanCounts, TokenCounts
from saidbench.schemes import SCHEMES, SPAN_SCHEMES, get


def test_each_scheme_judges_a_pair_by_its_own_rule():
    # (identical spans, labels agree) -> outcome, per scheme (METRICS.md, SemEval-2013 9.1)
    expected = {
        "strict": {(True, True): "correct", (True, False): "incorrect", (False, True): "incorrect", (False, False): "incorrect"},
        "exact": {(True, True): "correct", (True, False): "correct", (False, True): "incorrect", (False, False): "incorrect"},
        "partial": {(True, True): "correct", (True, False): "correct", (False, True): "partial", (False, False): "partial"},
        "type": {(True, True): "correct", (True, False): "incorrect", (False, True): "correct", (False, False): "incorrect"},
        "token": {(True, True): "correct", (True, False): "correct", (False, True): "partial", (False, False): "partial"},
    }
    for name, table in expected.items():
        for (identical, agree), outcome in table.items():
            assert get(name).judge(identical, lambda: agree) == outcome, (name, identical, agree)


def test_only_partial_gives_half_credit():
    counts = SpanCounts(correct=1, partial=2, missed=1)  # POS 4, ACT 3
    assert counts.prf(get("partial")).recall == pytest.approx(2 / 4)
    for name in ("strict", "exact", "type"):
        assert counts.prf(get(name)).recall == pytest.approx(1 / 4)


def test_a_scheme_name_is_refused_by_the_counts_not_silently_scored_without_half_credit():
    with pytest.raises(TypeError, match="expected a Scheme"):
        SpanCounts(partial=2).prf("partial")
    with pytest.raises(TypeError, match="expected a Scheme"):
        SpanCounts(partial=2).prf("patrial")


def test_unknown_scheme_suggests_the_closest_name():
    with pytest.raises(ValueError, match=r"unknown scheme 'stict'; did you mean 'strict'\? expected one of strict, exact"):
        get("stict")
    with pytest.raises(ValueError, match=r"unknown scheme 'zzz'; expected one of"):
        get("zzz")


def test_count_types_and_columns():
    assert SPAN_SCHEMES == ("strict", "exact", "partial", "type")
    assert get("token").counts is TokenCounts and all(SCHEMES[n].counts is SpanCounts for n in SPAN_SCHEMES)
    shown = [c.title for c in get("strict").columns if c.title]
    assert shown == ["COR", "INC", "PAR", "MIS", "SPU"]
    assert [c.key for c, _ in get("token").values(TokenCounts(1, 2, 3))] == ["overlap_tokens", "predicted_tokens", "gold_tokens"]
    assert [v for _, v in get("token").values(TokenCounts(1, 2, 3))] == [1, 2, 3]
