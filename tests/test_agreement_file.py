"""The committed agreement table is what `saidbench agree` computes from the two committed passes."""

from saidbench.cli import main

COMMAND = ["agree", "annotations/passes/annotator_a.jsonl", "annotations/passes/annotator_b.jsonl",
           "--scheme", "strict", "--scheme", "partial", "--format", "markdown"]


def test_agreement_table_is_up_to_date(repo, capsys, monkeypatch):
    monkeypatch.chdir(repo)
    assert main(COMMAND) == 0
    table = capsys.readouterr().out
    committed = (repo / "annotations" / "passes" / "AGREEMENT.md").read_text(encoding="utf-8")
    assert committed.endswith(table), "AGREEMENT.md is stale: regenerate it with the command it names"


def test_passes_agree_on_entities_but_not_on_every_claim(repo):
    # The one substantive disagreement the adjudication log records for claim spans (C1) must show up:
    # 33 of 34 claims match exactly, so strict claim F1 = 2·33 / (34 + 34) = 0.9706.
    committed = (repo / "annotations" / "passes" / "AGREEMENT.md").read_text(encoding="utf-8")
    assert "| claims | strict | 0.9706 | 0.9706 | 0.9706 |" in committed
