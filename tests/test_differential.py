"""Differential tests through the public API: ``saidbench.evaluate()`` against the reference scorers.

Hypothesis generates documents; gold and predictions are written as the file format's line dicts,
scored by ``evaluate()`` (the one checking path, every document, the summed counts) and by:

* seqeval 1.2.2, strict mode with the IOB2 scheme, on IOB2-encodable inputs: spans that neither
  overlap nor touch within one side are tags of one sentence per document; code point i is token i.
* nervaluate 1.x, all four schemes, overall and per type, on inputs where its greedy matching (first
  overlap in list order) and our maximum matching coincide: every item overlaps at most one item of
  the other side. nervaluate's ends are inclusive.
* scorch's metric functions ``muc``, ``b_cubed``, ``ceaf_e`` and ``conll2012`` (not its command line,
  which adds the key's mentions to the response as singletons) on random key and response partitions.

Where a score is undefined (0/0) we report None and the references report 0; the tests map None to 0
and say so where it happens.
"""

from __future__ import annotations

import statistics
import warnings

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from nervaluate import Evaluator
from scorch.scores import b_cubed, ceaf_e, conll2012, muc
from seqeval.metrics import classification_report
from seqeval.scheme import IOB2

from saidbench import evaluate
from saidbench.model import Document, Section, Span

LENGTH = 30
TEXT = "abcdefghijklmnopqrstuvwxyz0123"
LABELS = ("PERSON", "ORG", "GPE")
SCHEMES = ("strict", "exact", "partial", "type")
COUNTS = ("correct", "incorrect", "partial", "missed", "spurious")


def document(doc_id: str) -> Document:
    return Document(id=doc_id, text=TEXT, sections=(Section("p1", "paragraph", Span.of(0, LENGTH)),))


@st.composite
def spans(draw, gap: int = 0):
    """Sorted (start, end, label) spans over LENGTH code points that do not overlap, at least ``gap`` apart."""
    found, position = [], 0
    while position < LENGTH:
        position += draw(st.integers(0, 4))
        length = draw(st.integers(1, 4))
        if position + length > LENGTH or not draw(st.booleans()):
            break
        found.append((position, position + length, draw(st.sampled_from(LABELS))))
        position += length + gap
    return found


def corpus(gap: int):
    """1-3 documents, each a pair (gold spans, predicted spans)."""
    return st.lists(st.tuples(spans(gap), spans(gap)), min_size=1, max_size=3)


def line(doc_id: str, found, gold: bool, entity_ids=None) -> dict:
    """A gold or prediction line of entity mentions ``(start, end, label)``; gold lines carry every layer and id."""
    entities = []
    for n, (start, end, label) in enumerate(found):
        mention = {"start": start, "end": end, "text": TEXT[start:end], "label": label, "kind": "name"}
        entity_id = None if entity_ids is None else entity_ids[n]
        if gold:
            mention.update(id=f"m{n}", entity_id=entity_id)
        elif entity_id is not None:
            mention["entity_id"] = entity_id
        entities.append(mention)
    if gold:
        return {"doc_id": doc_id, "guideline_version": "1.0", "entities": entities, "claims": [], "attributions": []}
    return {"doc_id": doc_id, "entities": entities}


def lines(docs, side: int, gold: bool) -> list[dict]:
    return [line(f"d{n}", pair[side], gold) for n, pair in enumerate(docs)]


def score(docs, scheme="all"):
    """evaluate() on the documents: entity scores by scheme."""
    documents = {f"d{n}": document(f"d{n}") for n in range(len(docs))}
    result = evaluate(lines(docs, 1, gold=False), lines(docs, 0, gold=True), task="entities", scheme=scheme,
                      documents=documents)
    return result.scores()["entities"]


def iob2(found) -> list[str]:
    tags = ["O"] * LENGTH
    for start, end, label in found:
        tags[start:end] = [f"B-{label}"] + [f"I-{label}"] * (end - start - 1)
    return tags


def zero(value):
    """The references write 0 for an undefined score; we write None."""
    return 0.0 if value is None else value


@settings(max_examples=150, deadline=None)
@given(corpus(gap=0))
def test_strict_equals_seqeval_iob2(docs):
    ours = score(docs, "strict")["strict"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # seqeval warns about its own 0/0
        report = classification_report([iob2(g) for g, _ in docs], [iob2(p) for _, p in docs], mode="strict",
                                       scheme=IOB2, output_dict=True, zero_division=0)
    rows = [("micro avg", ours["micro"])] + [(label, row) for label, row in ours["per_type"].items()]
    if not ours["per_type"]:
        assert not any(g or p for g, p in docs)
        return
    for name, row in rows:
        theirs = report[name]
        assert row["possible"] == theirs["support"], name
        assert zero(row["precision"]) == pytest.approx(theirs["precision"]), name
        assert zero(row["recall"]) == pytest.approx(theirs["recall"]), name
        assert zero(row["f1"]) == pytest.approx(theirs["f1-score"]), name
        # strict IOB2: a true positive is a correct item; everything else in support is missed or incorrect
        assert row["correct"] == round(theirs["recall"] * theirs["support"]), name


def one_to_one(docs) -> bool:
    def touches(a, b):
        return a[0] < b[1] and b[0] < a[1]

    return all(
        all(sum(touches(g, p) for p in pred) <= 1 for g in gold) and all(sum(touches(g, p) for g in gold) <= 1 for p in pred)
        for gold, pred in docs
    )


NERVALUATE = {"strict": "strict", "exact": "exact", "partial": "partial", "type": "ent_type"}


@settings(max_examples=100, deadline=None)
@given(corpus(gap=0))
def test_all_schemes_equal_nervaluate_overall_and_per_type(docs):
    assume(one_to_one(docs))
    assume(any(g or p for g, p in docs))
    ours = score(docs)
    as_dicts = lambda side: [[{"label": l, "start": s, "end": e - 1} for s, e, l in pair[side]] for pair in docs]  # noqa: E731
    results = Evaluator(as_dicts(0), as_dicts(1), tags=list(LABELS), loader="dict").evaluate()
    for scheme, theirs in NERVALUATE.items():
        reference = results["overall"][theirs]
        micro = ours[scheme]["micro"]
        assert tuple(micro[c] for c in COUNTS) == tuple(getattr(reference, c) for c in COUNTS), scheme
        assert zero(micro["precision"]) == pytest.approx(reference.precision), scheme
        assert zero(micro["recall"]) == pytest.approx(reference.recall), scheme
        assert zero(micro["f1"]) == pytest.approx(reference.f1), scheme
        assert set(ours[scheme]["per_type"]) == set(results["entities"])
        for label, row in ours[scheme]["per_type"].items():
            by_type = results["entities"][label][theirs]
            assert tuple(row[c] for c in COUNTS) == tuple(getattr(by_type, c) for c in COUNTS), (scheme, label)


def test_nervaluate_greedy_order_differs_from_maximum_matching():
    # Documented in METRICS.md. Gold A [0,3] and B [5,6] (inclusive); predictions X [2,5] (overlaps
    # both) listed before Y [0,1] (overlaps A). nervaluate pairs X with A (first overlap) and leaves
    # Y spurious and B missed; we pair Y-A and X-B: two partials, nothing missed or spurious.
    docs = [([(0, 4, "PERSON"), (5, 7, "PERSON")], [(2, 6, "PERSON"), (0, 2, "PERSON")])]
    as_dicts = lambda side: [[{"label": l, "start": s, "end": e - 1} for s, e, l in docs[0][side]]]  # noqa: E731
    reference = Evaluator(as_dicts(0), as_dicts(1), tags=["PERSON"], loader="dict").evaluate()["overall"]["partial"]
    assert (reference.partial, reference.missed, reference.spurious) == (1, 1, 1)
    mine = score(docs, "partial")["partial"]["micro"]
    assert (mine["partial"], mine["missed"], mine["spurious"]) == (2, 0, 0)


def test_seqeval_macro_counts_undefined_precision_as_zero():
    # Documented in METRICS.md. Gold: PERSON [0,2), GPE [3,4); prediction: PERSON [0,2) only.
    # GPE has nothing predicted: its precision is undefined. seqeval's macro precision averages
    # PERSON 1.0 with GPE 0.0 -> 0.5; ours averages the defined values only -> 1.0.
    docs = [([(0, 2, "PERSON"), (3, 4, "GPE")], [(0, 2, "PERSON")])]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        report = classification_report([iob2(docs[0][0])], [iob2(docs[0][1])], mode="strict", scheme=IOB2,
                                       output_dict=True)
    assert report["macro avg"]["precision"] == pytest.approx(0.5)
    ours = score(docs, "strict")["strict"]
    assert (ours["per_type"]["PERSON"]["precision"], ours["per_type"]["GPE"]["precision"]) == (1.0, None)
    assert ours["macro"]["precision"] == 1.0


# -- coreference against scorch ---------------------------------------------------------------------------

MENTIONS = 12
#: a partition: mention position -> entity number (mentions sharing a number corefer)
partitions = st.dictionaries(st.integers(0, MENTIONS - 1), st.integers(0, 4), min_size=1, max_size=MENTIONS)


def coreference_line(partition: dict[int, int], prefix: str, gold: bool) -> dict:
    """Mention m at [m, m+1), in entity ``prefix + number``."""
    mentions = sorted(partition.items())
    return line("d0", [(m, m + 1, "PERSON") for m, _ in mentions], gold, [f"{prefix}{e}" for _, e in mentions])


def clusters(partition: dict[int, int]) -> list[set[int]]:
    found: dict[int, set[int]] = {}
    for mention, entity in partition.items():
        found.setdefault(entity, set()).add(mention)
    return list(found.values())


@settings(max_examples=150, deadline=None)
@given(partitions, partitions)
@pytest.mark.filterwarnings("ignore:divide by zero:RuntimeWarning")  # inside scorch's harmonic mean of zeros
def test_coreference_equals_scorch_metric_functions(key, response):
    result = evaluate(coreference_line(response, "R", False), coreference_line(key, "K", True), task="coreference",
                      documents={"d0": document("d0")})
    ours = result.scores()["coreference"]
    for name, metric in (("muc", muc), ("bcub", b_cubed), ("ceafe", ceaf_e)):
        mine = ours[name]
        try:
            recall, precision, f1 = metric(clusters(key), clusters(response))
        except statistics.StatisticsError:
            # scorch computes F1 with statistics.harmonic_mean, which raises when R = P = 0: for CEAF-e and B³
            # whenever the key and response mention sets are disjoint, for MUC when neither side has a
            # common link. The F1 is 0 then; we have R = P = F1 = 0.
            assert (mine["recall"], mine["precision"], mine["f1"]) == (0.0, 0.0, 0.0), name
            continue
        # MUC with only singletons on a side: scorch writes 0 (the reference scorer's edge case), we write
        # None for the 0/0 side (no link to find, or none predicted); the other side is 0 in both.
        assert zero(mine["recall"]) == pytest.approx(recall), name
        assert zero(mine["precision"]) == pytest.approx(precision), name
        assert zero(mine["f1"]) == pytest.approx(f1), name
    if ours["muc"]["f1"] is None:
        # no link on either side: MUC is 0/0, so the CoNLL average is undefined for us (METRICS.md) and
        # averages a 0 for scorch
        assert ours["conll_f1"] is None
    elif all(ours[name]["f1"] for name in ("muc", "bcub", "ceafe")):
        assert ours["conll_f1"] == pytest.approx(conll2012(clusters(key), clusters(response)))


@pytest.mark.filterwarnings("ignore:divide by zero:RuntimeWarning")
def test_scorch_raises_where_we_score_zero():
    # The documented crash: disjoint mention sets give R = P = 0 and harmonic_mean refuses them.
    key, response = {0: 0, 1: 0, 2: 1}, {5: 0, 6: 0}
    with pytest.raises(statistics.StatisticsError):
        ceaf_e(clusters(key), clusters(response))
    result = evaluate(coreference_line(response, "R", False), coreference_line(key, "K", True), task="coreference",
                      documents={"d0": document("d0")})
    ceafe = result.scores()["coreference"]["ceafe"]
    assert (ceafe["recall"], ceafe["precision"], ceafe["f1"]) == (0.0, 0.0, 0.0)
