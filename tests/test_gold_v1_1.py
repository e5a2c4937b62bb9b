"""Gold v1.1 is the two blind passes with the logged adjudication decisions applied, and validates as gold."""

import json
import runpy
import subprocess
import sys

from saidbench.cli import main


def test_committed_gold_is_what_the_passes_and_decisions_give(repo):
    # The build script also refuses to write unless both passes give the same line after the decisions.
    run = subprocess.run([sys.executable, str(repo / "scripts" / "build_gold_v1_1.py"), "--check"])
    assert run.returncode == 0, "annotations/v1.1/gold.jsonl is stale: run python scripts/build_gold_v1_1.py"


def test_every_decision_is_logged(repo):
    decisions = runpy.run_path(str(repo / "scripts" / "build_gold_v1_1.py"))["DECISIONS"]
    log = (repo / "guidelines" / "v1.1" / "ADJUDICATION.md").read_text(encoding="utf-8")
    for decide in decisions:
        label = decide.__name__.split("_")[0].upper()  # a1_... -> A1
        assert f"**{label}. " in log, f"decision {label} is applied but not logged"
    assert "**A4. " not in log, "a decision is logged but not applied"


def test_the_passes_differ_only_where_the_log_says(repo):
    passes = repo / "annotations" / "v1.1" / "passes"
    a, b = (json.loads((passes / f"annotator_{x}.jsonl").read_text(encoding="utf-8")) for x in "ab")
    assert a["entities"] == b["entities"] and a["attributions"] == b["attributions"]
    spans = lambda line: {(c["start"], c["end"]): c["claim_type"] for c in line["claims"]}  # noqa: E731
    only_b = spans(b).keys() - spans(a).keys()
    assert only_b == {(2445, 2523)} and not spans(a).keys() - spans(b).keys()  # A1
    assert {k for k in spans(a) if spans(a)[k] != spans(b)[k]} == {(1772, 1937)}  # A2


def test_gold_v1_1_validates_as_gold(repo, capsys):
    assert main(["validate", "--kind", "gold", str(repo / "annotations" / "v1.1" / "gold.jsonl")]) == 0
    assert "valid gold" in capsys.readouterr().out
