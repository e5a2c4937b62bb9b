"""The forgiving span-edge policy: convention-dependent edges trimmed on both sides before matching."""

import pytest

from saidbench import evaluate
from saidbench.edges import trim_fragment, trim_span
from saidbench.model import Document, Section, Span

#      0         1         2         3         4         5         6         7         8         9
#      0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456
TEXT = "The council said “the bridge will reopen.” Officials said that the road stays shut."
DOC = Document(id="d1", text=TEXT, sections=(Section("p1", "paragraph", Span.of(0, len(TEXT))),))


def test_trims_quotes_final_punctuation_and_a_leading_that():
    assert TEXT[17:42] == "“the bridge will reopen.”"
    assert trim_fragment(TEXT, 17, 42) == (18, 40)  # the bridge will reopen
    assert TEXT[58:83] == "that the road stays shut."
    assert trim_fragment(TEXT, 58, 83) == (63, 82)  # the road stays shut
    assert trim_fragment(TEXT, 0, 11) == (0, 11)  # nothing to trim
    assert trim_fragment("“.”", 0, 3) == (0, 3)  # would become empty: kept as it was
    assert trim_fragment("that is that", 0, 12) == (5, 12)  # only a leading "that" followed by space
    assert TEXT[33] == " " and TEXT[34:40] == "reopen"
    assert trim_span(Span(((17, 30), (33, 42))), TEXT) == Span(((18, 30), (34, 40)))


def _line(content: tuple[int, int], cue: tuple[int, int], source: tuple[int, int], **attributes) -> dict:
    def span(start, end):
        return {"start": start, "end": end, "text": TEXT[start:end]}

    return {"id": attributes.pop("id"), "source": span(*source), "cue": span(*cue), "content": span(*content),
            "source_type": "government_body", "quote_type": attributes.pop("quote_type"), "cue_polarity": "affirmed",
            "source_entity": None, "parent": None}


GOLD = {"doc_id": "d1", "guideline_version": "1.0", "entities": [], "claims": [], "attributions": [
    _line((18, 40), (12, 16), (0, 11), id="a1", quote_type="direct"),     # saidbench: no quote marks, no final stop
    _line((63, 82), (53, 57), (43, 52), id="a2", quote_type="indirect"),  # saidbench: no "that", no final stop
]}
PARC_STYLE = {"doc_id": "d1", "attributions": [
    {"source": {"start": 0, "end": 11}, "cue": {"start": 12, "end": 16}, "content": {"start": 17, "end": 42}},
    {"source": {"start": 43, "end": 52}, "cue": {"start": 53, "end": 57}, "content": {"start": 58, "end": 83}},
]}


@pytest.mark.parametrize("edges, correct, f1", [("exact", 0, 0.0), ("forgiving", 2, 1.0)])
def test_a_parc_style_system_is_not_punished_for_the_convention_alone(edges, correct, f1):
    result = evaluate(PARC_STYLE, [GOLD], documents={"d1": DOC}, task="attribution", scheme="strict", edges=edges)
    relations = result.scores()["attribution"]["strict"]["relations"]
    # exact: both pairs overlap but differ in content edges -> 2 incorrect, F1 0; forgiving: 2 correct, F1 1
    assert relations["correct"] == correct and relations["incorrect"] == 2 - correct
    assert relations["f1"] == f1
    assert ("edges:forgiving" in result.signature()) == (edges == "forgiving")


def test_unknown_edge_policy_is_refused():
    with pytest.raises(ValueError, match="unknown span-edge policy 'loose'"):
        evaluate(PARC_STYLE, [GOLD], documents={"d1": DOC}, edges="loose")


def test_command_line_forgiving_edges_from_files(tmp_path, capsys):
    import json

    from saidbench.cli import main

    docs = tmp_path / "documents.jsonl"
    docs.write_text(json.dumps({"id": "d1", "text": TEXT, "sections": [
        {"id": "p1", "label": "paragraph", "start": 0, "end": len(TEXT)}]}, ensure_ascii=False) + "\n", encoding="utf-8")
    gold, pred = tmp_path / "gold.jsonl", tmp_path / "pred.jsonl"
    gold.write_text(json.dumps(GOLD, ensure_ascii=False) + "\n", encoding="utf-8")
    pred.write_text(json.dumps(PARC_STYLE) + "\n", encoding="utf-8")
    argv = ["eval", "--pred", str(pred), "--gold", str(gold), "--documents", str(docs), "--task", "attribution",
            "--scheme", "strict", "--format", "json", "--edges", "forgiving"]
    assert main(argv) == 0
    found = json.loads(capsys.readouterr().out)
    assert found["scores"]["attribution"]["strict"]["relations"]["f1"] == 1.0
    assert "edges:forgiving" in json.dumps(found)
