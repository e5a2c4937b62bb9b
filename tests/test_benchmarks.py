"""The benchmark's synthetic corpus is valid saidbench input and every tool reads the same mentions from it."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from saidbench.schema import load_schema

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


def _module(name: str):
    spec = importlib.util.spec_from_file_location(f"bench_{name}", BENCHMARKS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


corpus = _module("corpus")
score = _module("score")


def test_labels_are_the_schema_entity_labels():
    assert corpus.LABELS == load_schema().entity_labels


@pytest.fixture(scope="module")
def small(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("bench")
    size = corpus.write(folder, docs=3, spans=20, seed=3)
    assert size["gold_spans"] == 60
    return folder


def test_saidbench_counts_equal_nervaluate_on_the_synthetic_corpus(small):
    ours = score.saidbench(small, ("strict", "exact", "partial", "type"))
    theirs = score.nervaluate(small)
    assert ours == theirs
    correct, incorrect, partial, missed, spurious = ours["strict"]["overall"]
    assert incorrect > 0 and missed > 0 and spurious > 0  # shifts, swaps, deletions and insertions all occur


def test_saidbench_strict_counts_equal_seqeval_on_the_synthetic_corpus(small):
    strict = score.saidbench(small, ("strict",))["strict"]
    correct, incorrect, partial, missed, spurious = strict["overall"]
    assert score.seqeval(small)["strict"]["overall"] == [
        correct, correct + incorrect + partial + spurious, correct + incorrect + partial + missed
    ]
