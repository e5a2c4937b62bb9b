"""The one-screen summary (table, markdown, LaTeX, HTML fragment), --detail, and the lean JSON output."""

import json

from conftest import annotations, make_document, mention

from saidbench import evaluate
from saidbench.cli import main
from saidbench.report import Block, latex, markdown
from saidbench.report.summary import summarize

# METRICS.md's worked example: gold Alice Smith, Bob Jones (PERSON), Paris (GPE);
# predicted X = Alice Smith PERSON, Y = Bob PERSON, Z = Paris ORG, W = Carol PERSON.
GOLD = {"d1": annotations(entities=[mention(0, 11), mention(16, 25), mention(29, 34, "GPE")], claims=[],
                          attributions=[])}
PRED = {"d1": annotations(entities=[mention(0, 11), mention(16, 19), mention(29, 34, "ORG"), mention(36, 41)])}


def worked_example():
    return evaluate(PRED, GOLD, documents={"d1": make_document()})


def test_summary_of_the_worked_example():
    out = worked_example().summary().splitlines()
    assert out[0] == "summary: micro scores, P R F1 and counts under strict; F1 also under partial"
    assert out[1].split() == ["task", "measure", "P", "R", "F1", "F1", "partial", "COR", "INC", "PAR", "MIS", "SPU"]
    # strict: COR 1, INC 2, SPU 1: P = 1/4, R = 1/3, F1 = 2/7; partial: F1 = 2·2.5/(3 + 4) = 5/7
    assert out[3].split() == ["entities", "micro", "0.2500", "0.3333", "0.2857", "0.7143",
                              "1", "2", "0", "0", "1"]
    # only entities were predicted: no row, no table for the other tasks, one line saying so for each
    assert not any(line.startswith(("claims", "attribution", "coreference")) for line in out[:6])
    assert "claims not predicted (excluded) in: d1" in out
    assert "attribution not predicted (excluded) in: d1" in out
    assert "coreference not predicted (no entity_id; excluded) in: d1" in out
    assert out[4].startswith("saidbench:") and "|scheme:strict+partial|avg:micro|" in out[4]


def test_notebook_html_shows_the_same_summary_escaped():
    result = worked_example()
    html = result._repr_html_()
    for cell in ("0.2500", "0.3333", "0.2857", "0.7143", "micro", "claims not predicted (excluded) in: d1"):
        assert cell in html
    assert "<script" not in html.replace("<style>", "")


def test_readme_job_fits_one_screen(repo, capsys):
    assert main(["eval", "--pred", str(repo / "examples" / "baseline.jsonl")]) == 0
    out = capsys.readouterr().out
    assert len(out.splitlines()) <= 40
    rows = {}
    for line in out.splitlines()[:8]:  # the headline table (the attribute table's rows also start with a task)
        rows.setdefault(line.split()[0] if line.split() else "", line.split())
    # the README's baseline table: strict micro F1 of each task on the default gold (v1.1; claims 2·7 / (20 + 35))
    assert rows["entities"][4] == "0.4590" and rows["claims"][4] == "0.2545" and rows["attribution"][4] == "0.3000"


def test_detail_has_no_empty_tables_for_layers_not_predicted(tmp_path, repo, capsys):
    line = json.loads((repo / "examples" / "baseline.jsonl").read_text(encoding="utf-8").splitlines()[0])
    entities_only = tmp_path / "entities.jsonl"
    entities_only.write_text(json.dumps({"doc_id": line["doc_id"], "entities": line["entities"]}) + "\n")
    assert main(["eval", "--pred", str(entities_only), "--detail"]) == 0
    out = capsys.readouterr().out
    assert "entities / strict" in out and "entities / token" in out
    assert "claims /" not in out and "attribution /" not in out
    assert f"claims not predicted (excluded) in: {line['doc_id']}" in out


def test_latex_table_hand_written():
    block = Block("a_b & c", "sig|x", ("name", "F1", "n"), (("50% <x> #1 $ {y} ~ ^ \\", "0.5000", "3"),
                                                              ("plain", "-", "")))
    assert latex.render_blocks([block], ["note_1"]) == (
        "% a_b & c\n"
        "\\begin{tabular}{lrr}\n"
        "\\toprule\n"
        "name & F1 & n \\\\\n"
        "\\midrule\n"
        "50\\% <x> \\#1 \\$ \\{y\\} \\textasciitilde{} \\textasciicircum{} \\textbackslash{} & 0.5000 & 3 \\\\\n"
        "plain & - &  \\\\\n"
        "\\bottomrule\n"
        "\\end{tabular}\n"
        "% sig|x\n"
        "% note_1\n"
    )


def test_summary_formats_agree(repo, capsys):
    pred = str(repo / "examples" / "baseline.jsonl")
    found = summarize(evaluate(pred))
    headline = found.blocks[0]
    assert main(["eval", "--pred", pred, "--format", "latex"]) == 0
    tex = capsys.readouterr().out
    assert main(["eval", "--pred", pred, "--format", "markdown"]) == 0
    md = capsys.readouterr().out
    for row in headline.rows:
        assert " & ".join(latex.escape(c) for c in row) + " \\\\" in tex
        assert "| " + " | ".join(row) + " |" in md
    assert markdown.render_blocks(list(found.blocks), list(found.notes)) == md


def test_default_json_is_small_and_keeps_every_count(repo, capsys):
    pred = str(repo / "examples" / "baseline.jsonl")
    assert main(["eval", "--pred", pred, "--format", "json"]) == 0
    out = capsys.readouterr().out
    assert len(out.encode("utf-8")) < 128_000  # was 1.0 MB with the error list and the per-unit counts
    data = json.loads(out)
    assert "errors" not in data and "per_unit" not in data["counts"]
    result = evaluate(pred)
    written = {(c["task"], c["scheme"], c["metric"], c["label"]): c for c in data["counts"]["total"]}
    assert len(written) == len(result.total.counts)
    for key, count in result.total.counts.items():
        entry = written[(key.task, key.scheme, key.metric, key.label)]
        assert entry["type"] == type(count).__name__
        for name in count.__dataclass_fields__:
            value = getattr(count, name)
            assert entry[name] == (value if isinstance(value, int) else [list(c) for c in value] if name == "cells"
                                   else str(value))
    assert main(["eval", "--pred", pred, "--format", "json", "--errors", "--per-unit"]) == 0
    full = json.loads(capsys.readouterr().out)
    assert len(full["errors"]) == len(result.errors) and len(full["counts"]["per_unit"]) == len(result.per_unit)
