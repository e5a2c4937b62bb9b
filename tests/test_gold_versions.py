"""Bundled gold versions: each selectable by name, each line carrying its own version, old ones kept loadable."""

import json

import pytest

from saidbench import evaluate, resources
from saidbench.cli import main


def test_every_bundled_gold_version_loads_and_carries_its_version():
    versions = resources.known_gold_versions()
    assert versions[0] == "1.0" and resources.DEFAULT_GOLD_VERSION in versions
    for version in versions:
        lines = resources.gold_path(version).read_text(encoding="utf-8").splitlines()
        assert lines and {json.loads(line)["guideline_version"] for line in lines} == {version}
        assert resources.schema_path(version).is_file()  # the gold's guidelines ship with it


def test_v1_0_keeps_its_release_path():
    assert resources.gold_path("1.0") == resources.data_root() / "annotations" / "gold.jsonl"


def test_unknown_gold_version_names_the_known_ones():
    with pytest.raises(KeyError, match=r"unknown gold version '0\.9'; known versions: 1\.0"):
        resources.gold_path("0.9")


def test_gold_version_names_itself_in_the_signature():
    result = evaluate(resources.gold_path("1.0"), gold_version="1.0", task="entities", scheme="strict")
    assert result.signature().split("|")[1].startswith("gold:v1.0@")
    assert result.scores()["entities"]["strict"]["micro"]["f1"] == 1.0


def test_gold_file_and_gold_version_together_are_refused(tmp_path, capsys):
    gold = str(resources.gold_path())
    with pytest.raises(ValueError, match="not both"):
        evaluate(gold, gold, gold_version="1.0")
    with pytest.raises(SystemExit) as exit_info:
        main(["eval", "--pred", gold, "--gold", gold, "--gold-version", "1.0"])
    assert exit_info.value.code == 2
    assert "not allowed with argument" in capsys.readouterr().err


def test_unknown_gold_version_on_the_command_line_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["eval", "--pred", str(resources.gold_path()), "--gold-version", "0.9"])
    assert exit_info.value.code == 2
    assert "invalid choice: '0.9'" in capsys.readouterr().err


def test_default_gold_is_v1_1_with_its_own_guidelines():
    assert resources.DEFAULT_GOLD_VERSION == resources.DEFAULT_GUIDELINE_VERSION == "1.1"
    assert resources.gold_path() == resources.data_root() / "annotations" / "v1.1" / "gold.jsonl"
    result = evaluate(resources.gold_path(), task="claims", scheme="strict")
    assert result.signature().split("|")[1].startswith("gold:v1.1@")
    assert result.scores()["claims"]["strict"]["detection"]["f1"] == 1.0


@pytest.mark.parametrize(("version", "matched", "gold_claims"), [("1.1", 7, 35), (None, 7, 35), ("1.0", 4, 34)])
def test_baseline_claims_on_each_gold_version(repo, version, matched, gold_claims):
    # Hand-checked: the baseline predicts 20 claims; 4 of their spans are v1.0 gold claims and 7 are v1.1 gold claims
    # (v1.1 keeps three hosts whole, D2: [515, 696), [1772, 1937), [2684, 2867)). F1 = 2·matched / (20 + gold).
    result = evaluate(repo / "examples" / "baseline.jsonl", gold_version=version, task="claims", scheme="strict")
    scores = result.scores()["claims"]["strict"]["detection"]
    assert scores["f1"] == pytest.approx(2 * matched / (20 + gold_claims))
    assert scores["precision"] == pytest.approx(matched / 20)
    assert result.signature().split("|")[1].startswith(f"gold:v{version or '1.1'}@")
