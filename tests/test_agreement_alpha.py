"""Krippendorff's alpha among annotators: worked examples computed by hand, token values, several annotators."""

from __future__ import annotations

import json

import pytest

from saidbench.agreement import agree_many, krippendorff_alpha, token_alphas, token_values
from saidbench.cli import main
from saidbench.model import Annotations, Attribution, Span

TEXT = "Ann said Bob left ."  # tokens: Ann said Bob left .


def relation(content_end: int) -> Attribution:
    return Attribution(source=Span.of(0, 3), cue=Span.of(4, 8), content=Span.of(9, content_end))


def test_alpha_worked_example():
    # Coders A and B over 5 units: (s,s) (c,c) (t,t) (t,t) (none,t).
    # Coincidences: o_ss = 2, o_cc = 2, o_tt = 4, o_nt = o_tn = 1; n_s = 2, n_c = 2, n_t = 5, n_none = 1, n = 10.
    # D_o = 2/10; D_e = (10² - (4 + 4 + 25 + 1)) / (10·9) = 66/90; alpha = 1 - (2/10)/(66/90) = 1 - 18/66 = 8/11.
    value, units = krippendorff_alpha([["s", "c", "t", "t", "none"], ["s", "c", "t", "t", "t"]])
    assert value == pytest.approx(8 / 11) and units == 5


def test_alpha_ignores_units_with_one_value_and_is_undefined_without_variation():
    assert krippendorff_alpha([["a", "b", None], ["a", "b", "a"]]) == (1.0, 2)
    assert krippendorff_alpha([["a", "a"], ["a", "a"]]) == (None, 2)
    assert krippendorff_alpha([["a", None], [None, "b"]]) == (None, 0)


def test_token_values_take_the_shortest_covering_span():
    # a nested attribution: the outer content covers the inner source and cue, which win on their tokens
    spans = [(Span.of(9, 19), "content"), (Span.of(9, 12), "source"), (Span.of(13, 17), "cue")]
    assert token_values(spans, TEXT) == ["none", "none", "source", "cue", "content"]
    # equal length: cue before source before content (the priority given)
    assert token_values([(Span.of(0, 3), "source"), (Span.of(0, 3), "cue")], TEXT, ("cue", "source")) == [
        "cue", "none", "none", "none", "none"]


def test_role_alphas_on_two_annotators():
    a = {"d": Annotations("d", attributions=(relation(17),))}  # content "Bob left"
    b = {"d": Annotations("d", attributions=(relation(19),))}  # content "Bob left ."
    found = {x.measure: x for x in token_alphas([a, b], {"d": TEXT}, "roles", "attributions",
                                                 lambda n: [(r.source, "source") for r in n.attributions]
                                                 + [(r.cue, "cue") for r in n.attributions]
                                                 + [(r.content, "content") for r in n.attributions],
                                                 ("cue", "source", "content"))}
    assert found["roles"].value == pytest.approx(8 / 11)  # the worked example above
    # content vs other: (o,o) (o,o) (c,c) (c,c) (o,c): n_o = n_c = 5; D_e = 50/90; alpha = 1 - 0.2·90/50 = 0.64
    assert found["roles.content"].value == pytest.approx(0.64)
    assert found["roles.source"].value == pytest.approx(1.0)


def test_agree_three_annotators_from_the_command_line(tmp_path, capsys):
    from saidbench.resources import gold_path

    gold = [json.loads(line) for line in gold_path().read_text(encoding="utf-8").splitlines()]
    changed = json.loads(json.dumps(gold))
    changed[0]["entities"][0]["label"] = "ORG" if changed[0]["entities"][0]["label"] != "ORG" else "GPE"
    paths = []
    for name, lines in (("a", gold), ("b", gold), ("c", changed)):
        path = tmp_path / f"{name}.jsonl"
        path.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines), encoding="utf-8")
        paths.append(str(path))
    found = agree_many(paths, schemes=("strict",))
    alphas = {x.measure: x.value for x in found.alphas}
    assert alphas["roles"] == pytest.approx(1.0) and alphas["attributions.quote_type"] == pytest.approx(1.0)
    assert alphas["entities.label"] < 1.0
    matrix = found.f1["entities"]["strict"]
    assert matrix[0][1] == pytest.approx(1.0) and matrix[0][2] < 1.0 and matrix[0][2] == matrix[2][0]
    assert matrix[0][0] is None
    assert main(["agree", *paths, "--scheme", "strict", "--format", "markdown"]) == 0
    out = capsys.readouterr().out
    assert "Krippendorff" in out and "|annotators:3|" in out and "| roles | 1.0000 |" in out


def test_agreement_over_pairs_shows_a_progress_bar_unless_quiet(tmp_path, capsys):
    from saidbench.resources import gold_path

    paths = []
    for name in "abc":
        path = tmp_path / f"{name}.jsonl"
        path.write_bytes(gold_path().read_bytes())
        paths.append(str(path))
    agree_many(paths, schemes=("strict",), progress=True)
    err = capsys.readouterr().err
    assert "agreement" in err and "0/3" in err  # shown at the start; three pairs: a-b, a-c, b-c
    agree_many(paths, schemes=("strict",), progress=False)
    assert capsys.readouterr().err == ""
    assert main(["agree", *paths, "--scheme", "strict", "--quiet"]) == 0
    assert capsys.readouterr().err == ""


def _write(path, lines):
    path.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    return str(path)


def _worked_example_files(tmp_path) -> list[str]:
    """The worked example as files: one document, A's content `Bob left`, B's `Bob left .`."""
    def line(content_end):
        piece = lambda start, end: {"start": start, "end": end, "text": TEXT[start:end]}  # noqa: E731
        return {"doc_id": "d", "attributions": [
            {"id": "a1", "source": piece(0, 3), "cue": piece(4, 8), "content": piece(9, content_end)}]}

    return ["--documents", _write(tmp_path / "documents.jsonl", [{"id": "d", "text": TEXT}]),
            _write(tmp_path / "a.jsonl", [line(17)]), _write(tmp_path / "b.jsonl", [line(19)])]


def test_agree_two_annotators_gives_alpha_by_default(tmp_path, capsys):
    option, documents, a, b = _worked_example_files(tmp_path)
    assert main(["agree", a, b, option, documents, "--scheme", "strict", "--format", "markdown"]) == 0
    out = capsys.readouterr().out
    assert "| attribution | strict | 0.0000 | 0.0000 | 0.0000 |" in out  # the contents differ: no strict match
    assert "| roles | 0.7273 | 5 |" in out  # 8/11, the worked example
    assert "|annotators:2|alpha:nominal`" in out
    assert main(["agree", a, b, option, documents, "--scheme", "strict", "--alpha"]) == 0  # still accepted
    assert "Krippendorff" in capsys.readouterr().out
    assert main(["agree", a, b, option, documents, "--scheme", "strict", "--no-alpha"]) == 0
    out = capsys.readouterr().out
    assert "Krippendorff" not in out and "alpha:nominal" not in out and "attribution" in out
