"""The data model's invariants: the offset convention is enforced in the constructors."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from saidbench.model import Annotations, Span, SpanError


def test_contiguous_span_properties():
    span = Span.of(3, 8)
    assert (span.start, span.end, span.length, span.is_contiguous) == (3, 8, 5, True)


def test_discontinuous_span_length_excludes_gap():
    span = Span(((0, 4), (10, 12)))
    assert (span.start, span.end, span.length, span.is_contiguous) == (0, 12, 6, False)


@pytest.mark.parametrize(
    "fragments",
    [(), ((5, 5),), ((6, 5),), ((-1, 2),), ((0, 4), (4, 6)), ((0, 4), (2, 6)), ((5, 8), (0, 2)), ((0, 1.5),),
     ((True, 3),)],
    ids=["empty", "zero-length", "reversed", "negative", "touching", "overlapping", "unsorted", "float", "bool"],
)
def test_bad_fragments_are_rejected(fragments):
    with pytest.raises(SpanError):
        Span(fragments)


def test_check_within_text_length():
    Span.of(0, 10).check_within(10)
    with pytest.raises(SpanError, match="past the end"):
        Span.of(0, 11).check_within(10)


def test_overlap_is_fragment_wise():
    # [0,4)+[10,12) against [2,11): 2 code points in the first fragment, 1 in the second.
    assert Span(((0, 4), (10, 12))).overlap(Span.of(2, 11)) == 3


def test_slices_and_covered_text():
    text = "Vladimir Putin’s troops"
    assert Span.of(9, 14).covered_text(text) == "Putin"
    assert Span(((0, 8), (15, 16))).covered_text(text) == ["Vladimir", "s"]


def test_spans_are_frozen():
    with pytest.raises(AttributeError):
        Span.of(0, 1).fragments = ((0, 2),)


def test_unknown_layer_name():
    with pytest.raises(KeyError, match="unknown layer"):
        Annotations(doc_id="d").layer("relations")


@given(st.integers(0, 50), st.integers(1, 20), st.integers(0, 50), st.integers(1, 20))
def test_overlap_is_symmetric_and_bounded(a, la, b, lb):
    first, second = Span.of(a, a + la), Span.of(b, b + lb)
    overlap = first.overlap(second)
    assert overlap == second.overlap(first)
    assert 0 <= overlap <= min(la, lb)
    assert overlap == len(set(range(a, a + la)) & set(range(b, b + lb)))
