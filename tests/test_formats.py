"""Readers and writers of other tools' formats: every converter round-trips the gold as far as the format can
express it, real files in, real files out; bad files get one clear message and exit 1."""

import json
import re
from collections import Counter

import pytest

from saidbench import evaluate, resources
from saidbench.cli import main
from saidbench.formats import FORMATS, read, write
from saidbench.formats import convert
from saidbench.io.errors import InputError
from saidbench.validate import load_checked, load_documents

DOC_ID = "nk-troops-uk-says"


@pytest.fixture(scope="module")
def documents():
    return load_documents()


@pytest.fixture(scope="module")
def gold():
    return load_checked(resources.gold_path(), kind="gold").annotations


def names(annotations):
    return {(m.span.fragments, m.label) for m in annotations.entities if m.kind == "name"}


def round_trip(fmt, tmp_path, documents, gold, out="gold.out", **options):
    path = tmp_path / out
    dropped = write(fmt, path, gold, documents, **options)
    lines = [line for _, line in read(fmt, path, documents, **options)]
    result = load_checked_lines(lines, documents)
    return result[DOC_ID], dropped


def load_checked_lines(lines, documents):
    from saidbench.extractors import check_lines

    return check_lines(lines, documents).annotations


@pytest.mark.parametrize("scheme", ["iob1", "iob2", "bioes"])
def test_conll_round_trip_keeps_every_name_mention(tmp_path, documents, gold, scheme):
    back, dropped = round_trip("conll", tmp_path, documents, gold, scheme=scheme)
    assert names(back) == names(gold[DOC_ID]) and len(names(back)) == 65
    others = Counter(m.kind for m in gold[DOC_ID].entities if m.kind != "name")
    assert dropped == Counter({"not a name mention (IOB tags carry no kind)": sum(others.values())})
    assert back.claims is None and back.attributions is None  # not expressible: not predicted


def test_conll_file_looks_as_documented(tmp_path, documents, gold):
    path = tmp_path / "gold.conll"
    write("conll", path, gold, documents, scheme="iob2")
    lines = path.read_text(encoding="utf-8").split("\n")
    assert lines[0] == f"# doc_id = {DOC_ID}"
    putin = lines.index("Vladimir\tB-PERSON")
    assert lines[putin + 1] == "Putin\tI-PERSON"


def test_spacy_round_trip_keeps_mentions_and_chains(tmp_path, documents, gold):
    pytest.importorskip("spacy")
    back, dropped = round_trip("spacy", tmp_path, documents, gold, out="gold.spacy", spans_key="mentions")
    contiguous = [m for m in gold[DOC_ID].entities if m.span.is_contiguous]
    assert dropped == +Counter({"discontinuous": len(gold[DOC_ID].entities) - len(contiguous)})  # no zero entries
    assert {(m.span, m.label, m.entity_id) for m in back.entities} == {(m.span, m.label, m.entity_id) for m in contiguous}
    ents = load_checked_lines([line for _, line in read("spacy", tmp_path / "gold.spacy", documents)], documents)
    assert names(ents[DOC_ID]) == names(gold[DOC_ID])  # doc.ents: the name mentions (none overlap in v1.0)


def test_spacy_reads_what_a_real_pipeline_wrote(tmp_path, documents):
    spacy = pytest.importorskip("spacy")
    from spacy.tokens import DocBin

    nlp = spacy.blank("en")
    nlp.add_pipe("entity_ruler").add_patterns([{"label": "GPE", "pattern": "North Korea"}])
    DocBin(docs=[nlp(documents[DOC_ID].text)]).to_disk(tmp_path / "out.spacy")  # no doc_id: matched by text
    (_, line), = read("spacy", tmp_path / "out.spacy", documents)
    text = documents[DOC_ID].text
    assert line["doc_id"] == DOC_ID and len(line["entities"]) == len(re.findall(r"\bNorth Korea\b", text))
    assert all(text[e["start"]:e["end"]] == "North Korea" for e in line["entities"])


@pytest.mark.parametrize("out", ["quotes.jsonl", "quotes"])
def test_citron_round_trip_keeps_every_attribution_span(tmp_path, documents, gold, out):
    back, dropped = round_trip("citron", tmp_path, documents, gold, out=out)
    assert dropped == Counter()
    assert [(a.source, a.cue, a.content, a.id) for a in back.attributions] == [
        (a.source, a.cue, a.content, a.id) for a in gold[DOC_ID].attributions]
    assert any(not a.content.is_contiguous for a in back.attributions)  # the discontinuous contents survive
    assert back.entities is None and back.claims is None


def test_eval_pred_format_scores_a_conll_file(tmp_path, documents, gold, capsys):
    convert(resources.gold_path(), tmp_path / "gold.conll", scheme="bioes")
    assert main(["eval", "--pred", str(tmp_path / "gold.conll"), "--pred-format", "conll", "--tagging", "bioes",
                 "--task", "entities", "--scheme", "strict", "--format", "json"]) == 0
    micro = json.loads(capsys.readouterr().out)["scores"]["entities"]["strict"]["micro"]
    assert micro["f1"] == 1.0 and micro["possible"] == 65


def test_convert_cli_reports_what_was_left_out(tmp_path, capsys):
    out = tmp_path / "gold.conll"
    assert main(["convert", str(resources.gold_path()), str(out)]) == 0
    printed = capsys.readouterr().out
    assert f"wrote {out}" in printed and "left out (the format cannot express them): 21 not a name mention" in printed
    assert main(["convert", str(out), str(tmp_path / "back.jsonl"), "--kind", "predictions"]) == 0
    back = evaluate(tmp_path / "back.jsonl", task="entities", scheme="strict").scores()["entities"]["strict"]["micro"]
    assert back["f1"] == 1.0


CONLL = "# doc_id = nk-troops-uk-says\nNorth\tB-GPE\nKorean\tI-GPE\n"


@pytest.mark.parametrize(
    "content, options, message",
    [
        ("# doc_id = nk-troops-uk-says\nNorth\tB-GPE\nKorea\tI-GPE\nZebra\tO\n", [],
         "x.conll:4: token: token 'Zebra' not found in the text of 'nk-troops-uk-says' at or after offset"),
        ("# doc_id = nk-troops-uk-says\nNorth\tB-GPE\nKorea\tE-GPE\n", [], "x.conll:3: tag: 'E-GPE' is not a tag of IOB2"),
        ("# doc_id = nk-troops-uk-says\nNorth\n", ["--tag-column", "1"], "x.conll:2: 1 column(s)"),
        ("# doc_id = elsewhere\nNorth\tO\n", [], "x.conll:1: doc_id: unknown document 'elsewhere'"),
        ("# doc_id = nk-troops-uk-says\nNorth\tB-GEO\n", [], "x.conll:1: entities[0].label: 'GEO' is not in the schema"),
        ("# just a comment\n", [], "x.conll: no tokens found"),
    ],
)
def test_bad_conll_files(tmp_path, capsys, content, options, message):
    path = tmp_path / "x.conll"
    path.write_text(content, encoding="utf-8")
    assert main(["eval", "--pred", str(path), "--pred-format", "conll", *options]) == 1
    err = capsys.readouterr().err
    assert message.replace("x.conll", str(path)) in err and "Traceback" not in err


@pytest.mark.parametrize("fmt", ["conll", "spacy", "citron", "jsonl"])
@pytest.mark.parametrize(
    "case",
    ["missing", "empty", "folder", "bad json", "wrong type"],
)
def test_every_reader_gives_one_clear_message_for_a_bad_file(tmp_path, capsys, fmt, case):
    if fmt == "spacy":
        pytest.importorskip("spacy")
    path = tmp_path / "input"
    if case == "folder":
        path.mkdir()
    elif case == "empty":
        path.write_text("", encoding="utf-8")
    elif case == "bad json":
        path.write_text('{"doc_id": \n', encoding="utf-8")
    elif case == "wrong type":
        path.write_text("[1, 2]\n", encoding="utf-8")
    code = main(["convert", str(path), str(tmp_path / "out.jsonl"), "--from", fmt, "--kind", "predictions"])
    err = capsys.readouterr().err
    assert code == 1, err
    assert str(path) in err and "Traceback" not in err
    assert len([line for line in err.splitlines() if line.startswith("error:")]) == 1


def test_citron_bad_objects(tmp_path, documents):
    text = documents[DOC_ID].text
    path = tmp_path / "q.jsonl"
    path.write_text(json.dumps({"doc_id": DOC_ID, "quotes": [{"cue": None, "contents": []}]}) + "\n"
                    + json.dumps({"text": "unknown text", "quotes": []}) + "\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read("citron", path, documents)
    shown = [str(p) for p in caught.value.problems]
    assert shown[0] == f"{path}:1: quotes[0].cue: expected a span {{start, end, text}}, found null"
    assert shown[1].startswith(f"{path}:2: matches no document of the corpus")
    start = text.index("said")
    path.write_text(json.dumps({"doc_id": DOC_ID, "quotes": [{"cue": {"start": start, "end": start + 4, "text": "says"},
                                                              "sources": [], "contents": [{"start": 0, "end": 5}]}]}),
                    encoding="utf-8")
    with pytest.raises(InputError, match=r"attributions\[0\]\.cue"):
        convert(path, tmp_path / "out.jsonl", kind="predictions", from_format="citron")


def test_unknown_format_is_a_usage_error(capsys):
    assert main(["convert", "x", "y.jsonl", "--from", "conl"]) == 2
    assert "unknown format 'conl'; did you mean 'conll'?" in capsys.readouterr().err
    assert list(FORMATS) == ["conll", "spacy", "citron"]
