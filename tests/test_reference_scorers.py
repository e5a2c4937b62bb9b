"""Differential tests: our strict/exact/partial/type counts against seqeval and nervaluate.

Where the definitions coincide: spans that do not overlap within one side (as IOB tagging
forces), and for nervaluate, overlaps that pair each item with at most one item of the other side
(nervaluate matches greedily in list order; we maximise, see METRICS.md for an input where they differ).
Token i of the reference scorers is code point i of our spans ([i, i+1)); nervaluate ends are inclusive.
"""

import warnings

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from nervaluate import Evaluator
from seqeval.metrics import classification_report, f1_score, precision_score, recall_score
from seqeval.scheme import IOB2

from saidbench.matching import Item, align
from saidbench.model import Span
from saidbench.schemes import STRICT, get

LENGTH = 30
LABELS = ("PER", "ORG", "LOC")


@st.composite
def tagged(draw):
    """Non-overlapping (start, end, label) spans over LENGTH tokens."""
    spans, position = [], 0
    while position < LENGTH:
        position += draw(st.integers(0, 4))
        length = draw(st.integers(1, 4))
        if position + length > LENGTH or not draw(st.booleans()):
            break
        spans.append((position, position + length, draw(st.sampled_from(LABELS))))
        position += length
    return spans


def iob2(spans):
    tags = ["O"] * LENGTH
    for start, end, label in spans:
        tags[start] = f"B-{label}"
        for i in range(start + 1, end):
            tags[i] = f"I-{label}"
    return tags


def items(spans):
    return [Item((Span.of(s, e),), label, n) for n, (s, e, label) in enumerate(spans)]


def one_to_one_overlaps(gold, pred) -> bool:
    def touches(a, b):
        return a[0] < b[1] and b[0] < a[1]

    return all(sum(touches(g, p) for p in pred) <= 1 for g in gold) and all(
        sum(touches(g, p) for g in gold) <= 1 for p in pred
    )


@settings(max_examples=200, deadline=None)
@given(tagged(), tagged())
def test_strict_micro_equals_seqeval(gold, pred):
    counts = align(items(gold), items(pred), "strict").span_counts()
    ours = counts.prf(STRICT)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        y_true, y_pred = [iob2(gold)], [iob2(pred)]
        kwargs = dict(mode="strict", scheme=IOB2, zero_division=0)
        theirs = (precision_score(y_true, y_pred, **kwargs), recall_score(y_true, y_pred, **kwargs),
                  f1_score(y_true, y_pred, **kwargs))
    # seqeval writes 0 where we write None (nothing to score); otherwise the values agree
    for mine, reference in zip((ours.precision, ours.recall, ours.f1), theirs):
        assert (0.0 if mine is None else mine) == pytest.approx(reference)


@settings(max_examples=100, deadline=None)
@given(tagged(), tagged())
def test_strict_per_type_equals_seqeval(gold, pred):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        report = classification_report(
            [iob2(gold)], [iob2(pred)], mode="strict", scheme=IOB2, output_dict=True, zero_division=0
        )
    for label in {l for *_, l in gold} | {l for *_, l in pred}:
        ours = align(items([g for g in gold if g[2] == label]), items([p for p in pred if p[2] == label]), "strict")
        prf = ours.span_counts().prf(STRICT)
        assert (prf.precision or 0.0) == pytest.approx(report[label]["precision"])
        assert (prf.recall or 0.0) == pytest.approx(report[label]["recall"])
        assert ours.span_counts().possible == report[label]["support"]


NERVALUATE = {"strict": "strict", "exact": "exact", "partial": "partial", "type": "ent_type"}


@settings(max_examples=200, deadline=None)
@given(tagged(), tagged())
def test_counts_equal_nervaluate(gold, pred):
    assume(one_to_one_overlaps(gold, pred))
    assume(gold or pred)
    as_dicts = lambda spans: [[{"label": l, "start": s, "end": e - 1} for s, e, l in spans]]  # noqa: E731
    results = Evaluator(as_dicts(gold), as_dicts(pred), tags=list(LABELS), loader="dict").evaluate()
    for scheme, theirs in NERVALUATE.items():
        reference = results["overall"][theirs]
        mine = align(items(gold), items(pred), scheme).span_counts()
        assert (mine.correct, mine.incorrect, mine.partial, mine.missed, mine.spurious) == (
            reference.correct, reference.incorrect, reference.partial, reference.missed, reference.spurious
        ), scheme
        prf = mine.prf(get(scheme))
        assert (prf.precision or 0.0) == pytest.approx(reference.precision)
        assert (prf.recall or 0.0) == pytest.approx(reference.recall)


def test_nervaluate_greedy_order_differs_from_maximum_matching():
    # Documented in METRICS.md. Gold A [0,3] and B [5,6] (inclusive); predictions X [2,5] (overlaps
    # both) listed before Y [0,1] (overlaps A). nervaluate pairs X with A (first overlap) and leaves
    # Y spurious and B missed; we pair Y-A and X-B: two partials, nothing missed or spurious.
    gold = [{"label": "PER", "start": 0, "end": 3}, {"label": "PER", "start": 5, "end": 6}]
    pred = [{"label": "PER", "start": 2, "end": 5}, {"label": "PER", "start": 0, "end": 1}]
    reference = Evaluator([gold], [pred], tags=["PER"], loader="dict").evaluate()["overall"]["partial"]
    assert (reference.partial, reference.missed, reference.spurious) == (1, 1, 1)
    to_items = lambda xs: [Item((Span.of(x["start"], x["end"] + 1),), x["label"], n) for n, x in enumerate(xs)]  # noqa: E731
    mine = align(to_items(gold), to_items(pred), "partial").span_counts()
    assert (mine.partial, mine.missed, mine.spurious) == (2, 0, 0)


def test_seqeval_macro_counts_undefined_precision_as_zero():
    # Documented in METRICS.md. Gold: PER [0,2), LOC [3,4); prediction: PER [0,2) only.
    # LOC has nothing predicted: its precision is undefined. seqeval's macro precision averages
    # PER 1.0 with LOC 0.0 -> 0.5; ours averages the defined values only -> 1.0.
    from seqeval.metrics import precision_score as seqeval_precision

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        reference = seqeval_precision([iob2([(0, 2, "PER"), (3, 4, "LOC")])], [iob2([(0, 2, "PER")])],
                                      average="macro", mode="strict", scheme=IOB2)
    assert reference == pytest.approx(0.5)
    from saidbench.counts import macro

    per = align(items([(0, 2, "PER")]), items([(0, 2, "PER")]), "strict").span_counts().prf(STRICT)
    loc = align(items([(3, 4, "LOC")]), [], "strict").span_counts().prf(STRICT)
    assert (per.precision, loc.precision) == (1.0, None)
    assert macro([per.precision, loc.precision]) == 1.0
