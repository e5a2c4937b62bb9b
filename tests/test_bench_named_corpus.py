"""The named-corpus benchmark's generator writes a valid corpus whose scores are what it put in (tiny size)."""

import sys

from conftest import REPO

sys.path.insert(0, str(REPO / "benchmarks"))

import bench_named_corpus  # noqa: E402


def test_generated_corpus_scores_as_generated(tmp_path, capsys):
    assert bench_named_corpus.main(["--docs", "4", "--relations", "12", "--work", str(tmp_path), "--brat"]) == 0
    out = capsys.readouterr().out
    assert "4 documents, 48 gold relations" in out and "; ok" in out
    assert (tmp_path / "brat" / "doc00000.ann").is_file()
