"""Scoring the bundled article imports none of the heavy libraries (each costs a noticeable part of a second),
nor PyYAML (the bundled schemas have a parsed copy) or tqdm (no bar is drawn off a terminal)."""

import json
import subprocess
import sys

from conftest import REPO

HEAVY = ("datasets", "pyarrow", "pandas", "sklearn", "scipy", "numpy")
NOT_NEEDED = ("yaml", "tqdm")


def test_eval_of_the_baseline_imports_no_heavy_library():
    script = (
        "import contextlib, io, json, sys\n"
        "from saidbench.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    status = main(['eval', '--pred', 'examples/baseline.jsonl'])\n"
        f"print(json.dumps([status, sorted({{m.split('.')[0] for m in sys.modules}} & set({HEAVY + NOT_NEEDED!r}))]))\n"
    )
    found = subprocess.run(
        [sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, check=True,
        env={"PYTHONPATH": str(REPO / "eval"), "PATH": ""},
    )
    status, imported = json.loads(found.stdout)
    assert status == 0
    assert imported == []


def test_compare_of_the_baseline_with_the_gold_imports_no_scipy():
    # matching's groups of overlapping claims are solved without scipy (saidbench.assignment), which costs half a second
    script = (
        "import contextlib, io, sys\n"
        "from saidbench.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    status = main(['compare', 'examples/baseline.jsonl', 'annotations/v1.1/gold.jsonl', '--trials', '50'])\n"
        "print(status, 'scipy' in sys.modules)\n"
    )
    found = subprocess.run(
        [sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, check=True,
        env={"PYTHONPATH": str(REPO / "eval"), "PATH": ""},
    )
    assert found.stdout.split() == ["0", "False"]
