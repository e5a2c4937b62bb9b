"""Bootstrap and the paired randomization test on count vectors equal summing resampled tallies one by one."""

import random

import pytest

from saidbench import evaluate
from saidbench.counts import Tally, total
from saidbench.stats import (Metric, _percentile, bootstrap, headline_metrics, paired_units, randomization_test,
                             randomization_tests, resampling_units)


@pytest.fixture(scope="module")
def results(repo):
    baseline = evaluate(repo / "examples" / "baseline.jsonl")
    gold = evaluate(repo / "annotations" / "gold.jsonl")
    return baseline, gold


def _bootstrap_by_tallies(result, resamples, seed, metrics):
    """The definition: each resample is the sum of units drawn with rng.choice, then each metric of the sum."""
    _, tallies = resampling_units(result)
    rng = random.Random(seed)
    samples = {metric: [] for metric in metrics}
    for _ in range(resamples):
        resampled = total(rng.choice(tallies) for _ in tallies) if tallies else Tally()
        for metric in metrics:
            value = metric(resampled)
            if value is not None:
                samples[metric].append(value)
    return samples


def test_bootstrap_intervals_equal_those_of_the_tally_sums(results):
    baseline, _ = results
    metrics = headline_metrics(baseline)
    expected = _bootstrap_by_tallies(baseline, 60, 3, metrics)
    found = bootstrap(baseline, 60, 3)
    assert [interval.metric for interval in found.intervals] == [str(m) for m in metrics]
    for metric, interval in zip(metrics, found.intervals):
        ordered = sorted(expected[metric])
        assert interval.samples == len(ordered)
        tail = (1 - 0.95) / 2  # as bootstrap computes it from the default confidence
        bounds = (_percentile(ordered, tail), _percentile(ordered, 1 - tail)) if ordered else (None, None)
        assert (interval.low, interval.high) == bounds


def _p_value_by_tallies(a, b, metric, trials, seed):
    _, pairs = paired_units(a, b)
    value_a, value_b = metric(total(x for x, _ in pairs)), metric(total(y for _, y in pairs))
    if value_a is None or value_b is None:
        return None
    observed = abs(value_a - value_b)
    rng = random.Random(seed)
    extreme = 0
    for _ in range(trials):
        left, right = Tally(), Tally()
        for x, y in pairs:
            if rng.random() < 0.5:
                x, y = y, x
            left, right = left + x, right + y
        shuffled_a, shuffled_b = metric(left), metric(right)
        if shuffled_a is not None and shuffled_b is not None and abs(shuffled_a - shuffled_b) >= observed - 1e-12:
            extreme += 1
    return (extreme + 1) / (trials + 1)


@pytest.mark.parametrize("name", ["entities.strict.f1", "claims.partial.precision", "attribution.token.recall",
                                  "coreference.conll.f1", "coreference.bcub.recall"])
def test_randomization_p_values_equal_the_tally_sums(results, name):
    baseline, gold = results
    metric = Metric.parse(name)
    assert randomization_test(baseline, gold, metric, 200, 5).p_value == _p_value_by_tallies(baseline, gold, metric, 200, 5)


def test_several_metrics_tested_at_once_each_equal_the_tally_sums(results):
    # compare tests every metric in one pass over the same swaps: each p-value is still its own test's
    baseline, gold = results
    metrics = [Metric.parse(name) for name in ("entities.strict.f1", "claims.partial.precision", "coreference.conll.f1",
                                               "attribution.token.recall")]
    found = randomization_tests(baseline, gold, metrics, 300, 2)
    assert [c.metric for c in found] == [str(m) for m in metrics]
    assert [c.p_value for c in found] == [_p_value_by_tallies(baseline, gold, m, 300, 2) for m in metrics]
