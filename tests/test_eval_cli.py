"""`saidbench eval` through cli.main: exit codes, formats, signatures and the handling of bad input."""

import json

import pytest

from saidbench import evaluate, resources
from saidbench.cli import main
from saidbench.validate import load_documents

DOC_ID = "nk-troops-uk-says"


@pytest.fixture(scope="module")
def text():
    return load_documents()[DOC_ID].text


def write(path, *lines):
    path.write_text("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines), encoding="utf-8")
    return str(path)


@pytest.fixture
def gold(tmp_path, text):
    start = text.index("The MoD said")
    mention = {"id": "m1", "start": start, "end": start + 7, "text": "The MoD", "label": "ORG", "kind": "name",
               "entity_id": "E_mod"}
    return write(tmp_path / "gold.jsonl", {"doc_id": DOC_ID, "guideline_version": "1.0", "entities": [mention],
                                           "claims": [], "attributions": []})


def pred_line(**layers):
    return {"doc_id": DOC_ID, **layers}


def test_table_json_markdown(tmp_path, gold, text, capsys):
    start = text.index("The MoD said")
    pred = write(tmp_path / "pred.jsonl", pred_line(entities=[{"start": start, "end": start + 7, "label": "ORG"},
                                                              {"text": "Zebra", "label": "ORG"}]))
    assert main(["eval", "--pred", pred, "--gold", gold, "--task", "entities", "--scheme", "strict", "--detail"]) == 0
    out = capsys.readouterr().out
    assert "entities / strict" in out
    # 1 correct, the unplaced "Zebra" is spurious: P = 1/2, R = 1/1
    micro = next(line.split() for line in out.splitlines() if line.startswith("micro"))
    assert micro == ["micro", "0.5000", "1.0000", "0.6667", "1", "0", "0", "0", "1"]
    assert "unplaced (spurious)" in out and "Zebra" in out
    assert "saidbench:0.1.0|gold:v1.0@" in out and "|task:entities|scheme:strict|avg:micro+macro|offsets:cp|" in out
    assert main(["eval", "--pred", pred, "--gold", gold, "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["settings"]["schemes"] == ["strict", "exact", "partial", "type", "token"]
    assert data["scores"]["entities"]["strict"]["micro"]["spurious"] == 1
    # no predicted mention carries an entity_id: coreference is not predicted, like an absent layer
    assert data["not_predicted"] == {"claims": [DOC_ID], "attribution": [DOC_ID], "coreference": [DOC_ID]}
    assert data["counts"]["total"] and data["signature"].startswith("saidbench:0.1.0|")
    assert main(["eval", "--pred", pred, "--gold", gold, "--format", "markdown", "--task", "entities", "--detail"]) == 0
    out = capsys.readouterr().out
    assert "| micro |" in out and "`saidbench:0.1.0|" in out


def test_utf8_offsets_need_the_flag(tmp_path, gold, text, capsys):
    start = len(text[: text.index("The MoD said")].encode("utf-8"))  # curly quotes before it are 3 bytes each
    assert start != text.index("The MoD said")
    pred = write(tmp_path / "pred.jsonl", pred_line(entities=[{"start": start, "end": start + 7, "text": "The MoD",
                                                               "label": "ORG"}]))
    assert main(["eval", "--pred", pred, "--gold", gold]) == 1
    assert "--offsets utf8" in capsys.readouterr().err
    assert main(["eval", "--pred", pred, "--gold", gold, "--offsets", "utf8", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["scores"]["entities"]["strict"]["micro"]["correct"] == 1
    assert "|offsets:utf8|" in data["signature"]


@pytest.mark.parametrize(
    "line, message",
    [
        ({"doc_id": "no-such-doc", "entities": []}, "unknown document"),
        (pred_line(entities=[{"start": 0, "end": 5, "label": "HERO"}]), "not in the schema"),
        (pred_line(entities=[{"start": 0, "end": 10**6, "label": "PERSON"}]), "out of range"),
    ],
)
def test_bad_predictions_exit_1(tmp_path, gold, line, message, capsys):
    assert main(["eval", "--pred", write(tmp_path / "pred.jsonl", line), "--gold", gold]) == 1
    err = capsys.readouterr().err
    assert message in err and "pred.jsonl:1" in err


def test_usage_errors_exit_2(tmp_path, gold, capsys):
    pred = write(tmp_path / "pred.jsonl", pred_line(entities=[]))
    with pytest.raises(SystemExit) as exit_info:
        main(["eval", "--pred", pred, "--min-overlap", "2"])
    assert exit_info.value.code == 2
    with pytest.raises(SystemExit) as exit_info:
        main(["eval", "--pred", pred, "--gold", gold, "--mentions", "proper"])
    assert exit_info.value.code == 2
    assert "unknown mention kind 'proper'" in capsys.readouterr().err


def test_example_predictions_score(repo, capsys):
    assert main(["eval", "--pred", str(repo / "examples" / "predictions_example.jsonl"), "--detail"]) == 0
    assert "attribution / strict" in capsys.readouterr().out


def test_bundled_gold_against_itself_is_perfect():
    result = evaluate(resources.gold_path())
    scores = result.scores()
    coref = scores.pop("coreference")
    assert coref["conll_f1"] == 1.0 and all(coref[m]["f1"] == 1.0 for m in ("mentions", "muc", "bcub", "ceafe"))
    for task, by_scheme in scores.items():
        for scheme, s in by_scheme.items():
            main_row = {"entities": s.get("micro"), "claims": s.get("detection"), "attribution": s.get("relations")}[task]
            assert main_row["f1"] in (None, 1.0), (task, scheme)
    for scheme, s in scores["claims"].items():
        assert all(a["accuracy"] in (None, 1.0) for a in s["attributes"].values())
        assert s["certainty_mae"]["mae"] in (None, 0.0)
        assert s["link"]["accuracy"] in (None, 1.0)
    for scheme, s in scores["attribution"].items():
        assert s["source_entity"]["accuracy"] in (None, 1.0)
        assert all(r["f1"] in (None, 1.0) for r in s["roles"].values())


def test_json_has_scores_per_document(repo, capsys):
    assert main(["eval", "--pred", str(repo / "annotations" / "gold.jsonl"), "--gold-version", "1.0",
                 "--task", "entities", "--scheme", "strict", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    (doc,) = data["scores_per_document"]
    assert data["scores_per_document"][doc]["entities"]["strict"]["micro"]["f1"] == 1.0
