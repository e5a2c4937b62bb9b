"""Bootstrap intervals, the paired randomization test and agreement, against hand-computed expectations."""

import pytest

from conftest import annotations, make_document, mention
from saidbench import InputError
from saidbench.counts import Confusion
from saidbench.scoring import evaluate
from saidbench.stats import Metric, agreement, score_pair, bootstrap, cohen_kappa, randomization_test, resampling_units

DOC = make_document()
DOCS = {DOC.id: DOC}
# Section p1 = [0, 35) holds "Alice Smith" [0, 11) and "Bob Jones" [16, 25); p2 = [36, 62) holds "Carol" [36, 41).
ALICE, BOB, CAROL = mention(0, 11), mention(16, 25), mention(36, 41)
F1 = Metric("entities", "strict", "f1")


def score(pred_mentions, gold_mentions=(ALICE, CAROL)):
    gold = {DOC.id: annotations(entities=gold_mentions)}
    return evaluate({DOC.id: annotations(entities=pred_mentions)}, gold, documents=DOCS, task="entities",
                    scheme="strict")


def test_metric_names_are_checked():
    assert Metric.parse("claims.partial.recall") == Metric("claims", "partial", "recall")
    with pytest.raises(ValueError, match="unknown metric 'entities.f1'"):
        Metric.parse("entities.f1")


def test_single_document_resamples_sections():
    unit, tallies = resampling_units(score([ALICE, CAROL]))
    assert (unit, len(tallies)) == ("section", 2)


def test_perfect_system_has_a_degenerate_interval():
    (interval,) = bootstrap(score([ALICE, CAROL]), resamples=200, seed=1, metrics=(F1,)).intervals
    assert (interval.value, interval.low, interval.high) == (1.0, 1.0, 1.0)


def test_interval_spans_the_possible_resample_scores():
    # p1: Alice found, Bob spurious -> COR 1, SPU 1; p2: Carol missed -> MIS 1.
    # Resamples: p1+p1 (F1 = 2·2/(2+4) = 2/3), p1+p2 or p2+p1 (F1 = 2·1/(2+2) = 1/2), p2+p2 (F1 = 0).
    # P(p2+p2) = 1/4 > 2.5%, P(p1+p1) = 1/4 > 2.5%: the 95% interval is [0, 2/3]; the full-data F1 is 1/2.
    result = score([ALICE, BOB])
    (interval,) = bootstrap(result, resamples=2000, seed=7, metrics=(F1,)).intervals
    assert interval.value == pytest.approx(0.5)
    assert (interval.low, interval.high) == (pytest.approx(0.0), pytest.approx(2 / 3))
    assert interval.samples == 2000 and interval.undefined_samples == 0


def test_bootstrap_is_reproducible_with_a_seed():
    result = score([ALICE, BOB])
    assert bootstrap(result, 300, seed=3) == bootstrap(result, 300, seed=3)


def test_identical_systems_give_p_one():
    result = score([ALICE])
    comparison = randomization_test(result, result, F1, trials=500, seed=0)
    # Every shuffle gives a difference of 0 >= the observed 0: p = (500 + 1) / (500 + 1).
    assert (comparison.difference, comparison.p_value) == (0.0, 1.0)


def test_randomization_p_value_matches_exact_enumeration():
    # A is right in both sections, B wrong in both. Of the 4 equally likely swap patterns, "none" and
    # "both" keep |F1(A) - F1(B)| = 1; swapping one section gives 1/2 vs 1/2, a difference of 0. p -> 1/2.
    good, bad = score([ALICE, CAROL]), score([BOB])
    comparison = randomization_test(good, bad, F1, trials=4000, seed=11)
    assert comparison.difference == pytest.approx(1.0)
    assert comparison.p_value == pytest.approx(0.5, abs=0.03)
    assert (comparison.unit, comparison.units) == ("section", 2)


def test_comparing_against_different_gold_is_refused():
    other_gold = score([ALICE], gold_mentions=(ALICE,))
    with pytest.raises(InputError, match="different corpora or gold"):
        randomization_test(score([ALICE]), other_gold, F1)


def test_cohen_kappa_hand_computed():
    # p_o = 3/4; gold a:3/4 b:1/4, second a:1/2 b:1/2 -> p_e = 3/8 + 1/8 = 1/2; kappa = (3/4 - 1/2) / (1/2) = 1/2.
    confusion = Confusion((("a", "a", 2), ("a", "b", 1), ("b", "b", 1)))
    assert cohen_kappa(confusion) == pytest.approx(0.5)
    assert cohen_kappa(Confusion((("a", "a", 3),))) is None  # one label everywhere: 0/0
    assert cohen_kappa(Confusion()) is None


def test_agreement_of_a_set_with_itself_is_perfect():
    from saidbench.resources import gold_path

    found = agreement(score_pair(gold_path(), gold_path()))
    for task, by_scheme in found.spans.items():
        for scheme, prf in by_scheme.items():
            assert prf["f1"] in (1.0, None), (task, scheme)
    for task, by_scheme in found.kappa.items():
        for scheme, values in by_scheme.items():
            assert all(v in (1.0, None) for v in values.values()), (task, scheme, values)


def test_paired_test_on_disjoint_documents_is_refused(tmp_path):
    """Two systems scored on different documents: a p-value would compare nothing; the CLI reads real files."""
    import json

    from saidbench import InputError

    docs = {"d1": make_document(doc_id="d1"), "d2": make_document(doc_id="d2")}
    gold = {d: annotations(d, entities=[mention(0, 11)]) for d in docs}
    paths = {}
    for name, doc_id in (("a", "d1"), ("b", "d2")):
        paths[name] = tmp_path / f"{name}.jsonl"
        paths[name].write_text(json.dumps({"doc_id": doc_id, "entities": [{"start": 0, "end": 11, "label": "PERSON"}]}) + "\n")
    first = evaluate(paths["a"], gold, task="entities", scheme="strict", documents=docs)
    second = evaluate(paths["b"], gold, task="entities", scheme="strict", documents=docs)
    with pytest.raises(InputError) as raised:
        randomization_test(first, second, Metric.parse("entities.strict.f1"), trials=10)
    assert "share no scored document (A: d1; B: d2)" in str(raised.value)
