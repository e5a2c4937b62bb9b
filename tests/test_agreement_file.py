"""The committed agreement tables are what `saidbench agree` computes from the committed passes."""

import pytest

from saidbench.cli import main

# folder, the options the file names, and those that make today's command give the same output: the v1.0 file
# predates alpha as the default and is frozen with annotations/passes/, so it is checked with --no-alpha
PASSES = {
    "1.0": ("annotations/passes", ["--scheme", "strict", "--scheme", "partial", "--format", "markdown"],
            ["--no-alpha"]),
    "1.1": ("annotations/v1.1/passes",
            ["--scheme", "strict", "--scheme", "partial", "--alpha", "--format", "markdown"], []),
}


@pytest.mark.parametrize("version", sorted(PASSES))
def test_agreement_table_is_up_to_date(repo, capsys, monkeypatch, version):
    folder, options, today = PASSES[version]
    monkeypatch.chdir(repo)
    assert main(["agree", f"{folder}/annotator_a.jsonl", f"{folder}/annotator_b.jsonl", *options, *today]) == 0
    table = capsys.readouterr().out
    committed = (repo / folder / "AGREEMENT.md").read_text(encoding="utf-8")
    assert committed.endswith(table), "AGREEMENT.md is stale: regenerate it with the command it names"
    assert " ".join(options) in committed.split("\n\n")[1], "AGREEMENT.md must name the command that made it"


def test_v1_0_passes_agree_on_entities_but_not_on_every_claim(repo):
    # The one substantive disagreement the adjudication log records for claim spans (C1) must show up:
    # 33 of 34 claims match exactly, so strict claim F1 = 2·33 / (34 + 34) = 0.9706.
    committed = (repo / "annotations" / "passes" / "AGREEMENT.md").read_text(encoding="utf-8")
    assert "| claims | strict | 0.9706 | 0.9706 | 0.9706 |" in committed


def test_v1_1_passes_differ_by_one_claim_and_one_claim_type(repo):
    # guidelines/v1.1/ADJUDICATION.md: B has one nested claim A lacks (A1), and one matched claim differs in
    # claim_type only (A2). Claims: A 34, B 35, 34 matched: P = 34/35 = 0.9714, R = 34/34, F1 = 68/69 = 0.9855.
    committed = (repo / "annotations" / "v1.1" / "passes" / "AGREEMENT.md").read_text(encoding="utf-8")
    assert "| claims | strict | 0.9714 | 1.0000 | 0.9855 |" in committed
    assert "| entities | strict | 1.0000 | 1.0000 | 1.0000 |" in committed
    assert "| attribution | strict | 1.0000 | 1.0000 | 1.0000 |" in committed
    assert "| claims | strict | claim_type | 0.9611 | 34 |" in committed
