"""The v1.0 -> v1.1 change list in guidelines/CHANGELOG.md is what scripts/gold_diff.py prints."""

import json
import re
import subprocess
import sys


def test_committed_change_list_is_the_scripts_output(repo):
    printed = subprocess.run([sys.executable, str(repo / "scripts" / "gold_diff.py")], capture_output=True,
                             text=True, check=True).stdout
    changelog = (repo / "guidelines" / "CHANGELOG.md").read_text(encoding="utf-8")
    committed = re.search(r"<!-- gold-diff: begin[^\n]*-->\n(.*?)<!-- gold-diff: end -->", changelog, re.S).group(1)
    assert committed == printed, "the change list is stale: paste the output of python scripts/gold_diff.py"


def test_change_list_agrees_with_counts_taken_from_the_raw_files(repo):
    # Independent of the script: the v1.0 gold puts 11 NORP mentions into country chains (D4), so 11 D4 lines;
    # v1.1 has one more claim than v1.0 (A1) and the same mentions and attributions, so one "added" line only.
    old, new = (json.loads((repo / path).read_text(encoding="utf-8"))
                for path in ("annotations/gold.jsonl", "annotations/v1.1/gold.jsonl"))
    norp_in_chains = [m for m in old["entities"] if m["label"] == "NORP" and not m["entity_id"].startswith("E_m")]
    changelog = (repo / "guidelines" / "CHANGELOG.md").read_text(encoding="utf-8")
    assert changelog.count("— D4 (§3.7)") == len(norp_in_chains) == 11
    assert (len(new["claims"]), len(old["claims"])) == (35, 34)
    assert len(new["entities"]) == len(old["entities"]) and len(new["attributions"]) == len(old["attributions"])
    assert changelog.count("· added: ") == 1 and "· removed: " not in changelog
