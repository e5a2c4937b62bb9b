"""``saidbench show``: bracketed spans by outcome, ANSI colours only on a terminal without NO_COLOR."""

import re

from conftest import TEXT, annotations, make_document, mention

from saidbench import evaluate
from saidbench.cli import main
from saidbench.report import terminal

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def test_lines_by_outcome_with_and_without_colour():
    document = make_document()
    gold = {"d1": annotations(entities=[mention(0, 11), mention(16, 25)], claims=[], attributions=[])}
    pred = {"d1": annotations(entities=[mention(0, 11), mention(16, 19)])}
    result = evaluate(pred, gold, documents={"d1": document}, task="entities")
    plain = terminal.render({"d1": document}, gold, ("entities",), result, pred, colour=False)
    assert "  p1 gold  [Alice Smith]{PERSON, correct} met [Bob Jones]{PERSON, boundary} in Paris." in plain
    assert "     pred  [Alice Smith]{PERSON, correct} met [Bob]{PERSON, boundary} Jones in Paris." in plain
    coloured = terminal.render({"d1": document}, gold, ("entities",), result, pred, colour=True)
    assert "\x1b[32m[Alice Smith]{PERSON, correct}" in coloured and "\x1b[33m[Bob" in coloured
    assert ANSI.sub("", coloured) == plain


def test_show_command_is_plain_off_a_terminal(capsys, monkeypatch, repo):
    assert main(["show", "--layer", "entities"]) == 0
    out = capsys.readouterr().out
    assert "\x1b[" not in out and "[Putin]{PERSON}" in out
    monkeypatch.setattr(terminal.sys.stdout, "isatty", lambda: True, raising=False)
    assert terminal.colour_wanted()
    monkeypatch.setenv("NO_COLOR", "1")
    assert not terminal.colour_wanted()
    assert main(["show", "--pred", str(repo / "examples" / "baseline.jsonl"), "--layer", "claims"]) == 0
    assert "{boundary}" in capsys.readouterr().out


def test_text_is_kept():
    marks_line = terminal.line(TEXT, 0, 35, [], colour=False, scored=False)
    assert marks_line == TEXT[:35]
