"""The statistics commands: eval --bootstrap, compare, agree; exit codes and what they print."""

import json

import pytest

from saidbench.cli import main
from saidbench.resources import gold_path

GOLD = str(gold_path())


def test_eval_bootstrap_adds_intervals_and_a_signature(capsys):
    assert main(["eval", "--pred", GOLD, "--task", "entities", "--scheme", "strict", "--bootstrap", "50",
                 "--seed", "3"]) == 0
    out = capsys.readouterr().out
    assert "bootstrap: 95% percentile intervals over" in out
    # gold against itself: every resample scores 1, so value, low and high are all 1.
    assert "entities.strict.f1 1.0000 1.0000 1.0000 0" in " ".join(out.split())
    assert "|bootstrap:50|seed:3|unit:section|ci:0.95" in out


def test_eval_bootstrap_json(capsys):
    assert main(["eval", "--pred", GOLD, "--task", "claims", "--scheme", "exact", "--bootstrap", "20",
                 "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["bootstrap"]["resamples"] == 20
    assert {i["metric"] for i in data["bootstrap"]["intervals"]} == {
        "claims.exact.precision", "claims.exact.recall", "claims.exact.f1"}


def test_bootstrap_needs_a_positive_count(capsys):
    with pytest.raises(SystemExit) as raised:
        main(["eval", "--pred", GOLD, "--bootstrap", "0"])
    assert raised.value.code == 2


def test_compare_a_system_with_itself(capsys):
    assert main(["compare", GOLD, GOLD, "--metric", "attribution.strict.f1", "--trials", "99"]) == 0
    out = capsys.readouterr().out
    # identical systems: difference 0, p = (99 + 1) / (99 + 1)
    assert "attribution.strict.f1 1.0000 1.0000 0.0000 1.0000" in " ".join(out.split())


def test_compare_rejects_an_unknown_metric(capsys):
    assert main(["compare", GOLD, GOLD, "--metric", "entities.f1"]) == 2
    err = capsys.readouterr().err
    assert "error: unknown metric 'entities.f1'" in err and "Traceback" not in err


def test_agree_prints_span_f1_and_kappa(capsys):
    assert main(["agree", GOLD, GOLD, "--format", "markdown"]) == 0
    out = capsys.readouterr().out
    assert "| entities | strict | 1.0000 | 1.0000 | 1.0000 |" in out
    assert "| claims | strict | certainty | 1.0000 |" in out
    assert "|reference:v1.1@" in out  # the default gold
    assert "| coreference | muc | 1.0000 | 1.0000 | 1.0000 |" in out


def test_progress_bars_on_stderr_only_when_asked(capsys):
    from saidbench import evaluate
    from saidbench.stats import Metric, bootstrap, randomization_test

    result = evaluate(GOLD, task="entities", scheme="strict")
    bootstrap(result, 30, progress=True)
    assert "bootstrap" in capsys.readouterr().err
    randomization_test(result, result, Metric.parse("entities.strict.f1"), 30, progress=True)
    assert "compare entities.strict.f1" in capsys.readouterr().err
    # the command line: stderr is no terminal here, so no bar, as with --quiet
    for quiet in ([], ["--quiet"]):
        assert main(["eval", "--pred", GOLD, "--task", "entities", "--bootstrap", "30", *quiet]) == 0
        assert main(["compare", GOLD, GOLD, "--task", "entities", "--trials", "30", *quiet]) == 0
        assert capsys.readouterr().err == ""
