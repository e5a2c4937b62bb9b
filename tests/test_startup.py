"""Scoring the bundled article imports none of the heavy libraries (each costs a noticeable part of a second)."""

import json
import subprocess
import sys

from conftest import REPO

HEAVY = ("datasets", "pyarrow", "pandas", "sklearn", "scipy", "numpy")


def test_eval_of_the_baseline_imports_no_heavy_library():
    script = (
        "import contextlib, io, json, sys\n"
        "from saidbench.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    status = main(['eval', '--pred', 'examples/baseline.jsonl'])\n"
        f"print(json.dumps([status, sorted({{m.split('.')[0] for m in sys.modules}} & set({HEAVY!r}))]))\n"
    )
    found = subprocess.run(
        [sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, check=True,
        env={"PYTHONPATH": str(REPO / "eval"), "PATH": ""},
    )
    status, imported = json.loads(found.stdout)
    assert status == 0
    assert imported == []
