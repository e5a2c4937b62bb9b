"""brat standoff: reading, writing, the round trip on the bundled gold, errors naming file and line, the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from saidbench import evaluate
from saidbench.cli import main
from saidbench.corpus import Corpus
from saidbench.formats import brat
from saidbench.io.jsonl import read_jsonl
from saidbench.resources import gold_path
from saidbench.validate import validate

# Offsets:        0         1         2         3         4         5         6
#                 0123456789012345678901234567890123456789012345678901234567890123456789
DOC1 = "Zoë sagte, Köln sei – so Zoë – schön. Berlin auch, hieß es."
# "Zoë" 0-3, "sagte" 4-9, "Köln sei" 11-19, "schön" 31-36 (Content2), "so Zoë": "so" 23-25, "Zoë" 26-29,
# "Berlin auch" 38-49, "hieß es" 51-58 (no written source)
DOC2 = "Ana dijo que Lima crece."
# "Ana" 0-3, "dijo" 4-8, "que Lima crece" 9-23, "Lima" 13-17

ANN1 = """\
T1\tPER 0 3\tZoë
T2\tLOC 11 15\tKöln
T3\tSource 0 3\tZoë
T4\tCue 4 9\tsagte
T5\tContent 11 19\tKöln sei
T6\tContent 31 36\tschön
E1\tAttribution:T4 Source:T3 Cue:T4 Content:T5 Content2:T6
A1\tquote_type E1 indirect
T7\tAttribution-no-source 51 58\thieß es
T8\tContent 38 49\tBerlin auch
E2\tAttribution-no-source:T7 Content:T8
A2\tquote_type E2 indirect
A3\tparent E2 E1
A4\tcue_polarity E1 affirmed
A5\tcue_polarity E2 affirmed
T9\tLOC 38 44\tBerlin
#1\tAnnotatorNotes T1\tid=zoe
#2\tAnnotatorNotes T1\tnot an id note: a comment
"""
ANN2 = """\
T1\tPER 0 3\tAna
T2\tLOC 13 17\tLima
T3\tSource 0 3\tAna
T4\tAttribution 4 8\tdijo
T5\tContent 9 23\tque Lima crece
E1\tAttribution:T4 Source:T3 Content:T5
A1\tquote_type E1 indirect
M1\tNegated E1
"""
SCHEMA = """\
version: mini-brat
entities:
  labels: [PER, LOC, ORG, MISC]
attributions:
  attributes:
    quote_type: [direct, indirect, mixed]
    cue_polarity: [affirmed, negated]
"""


def write_folder(folder: Path, anns: dict[str, str], texts: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for doc_id, text in texts.items():
        (folder / f"{doc_id}.txt").write_text(text, encoding="utf-8", newline="")
    for doc_id, ann in anns.items():
        (folder / f"{doc_id}.ann").write_text(ann, encoding="utf-8")
    return folder


@pytest.fixture
def brat_corpus(tmp_path) -> Path:
    """A brat folder (two documents, non-ASCII, a discontinuous content, a nested source-less attribution)
    with a schema of its own labels, and a corpus manifest naming it as documents and gold."""
    write_folder(tmp_path / "gold", {"de": ANN1, "es": ANN2}, {"de": DOC1, "es": DOC2})
    (tmp_path / "schema.yaml").write_text(SCHEMA, encoding="utf-8")
    (tmp_path / "corpus.yaml").write_text("name: bratty\ndocuments: gold\ngold: gold\nschema: schema.yaml\n",
                                          encoding="utf-8")
    return tmp_path


def test_reading_maps_every_annotation_kind(brat_corpus):
    found = brat.read(brat_corpus / "gold", labels=("PER", "LOC", "ORG", "MISC"))
    assert found.problems == []
    de = {r.data["doc_id"]: r.data for r in found.records}["de"]
    assert [(m["id"], m["label"], m["text"]) for m in de["entities"]] == [
        ("zoe", "PER", "Zoë"), ("T2", "LOC", "Köln"), ("T9", "LOC", "Berlin")]
    first, second = de["attributions"]
    assert first["content"] == {"fragments": [[11, 19], [31, 36]], "text": ["Köln sei", "schön"]}
    assert first["source"]["text"] == "Zoë" and first["cue"]["text"] == "sagte"
    assert second["source"] is None and second["cue"]["text"] == "hieß es" and second["parent"] == "E1"
    assert first["parent"] is None  # filled: another item gives the field
    assert "claims" not in de  # no claim anywhere in the folder: the layer is not annotated
    es = {r.data["doc_id"]: r.data for r in found.records}["es"]
    assert es["attributions"][0]["cue_polarity"] == "negated"  # the Negated flag
    assert es["attributions"][0]["cue"]["text"] == "dijo"  # no Cue role: the trigger is the cue


def test_a_brat_corpus_validates_and_scores(brat_corpus):
    corpus = Corpus.load(brat_corpus)
    assert set(corpus.documents) == {"de", "es"}
    assert corpus.annotated == {"entities": frozenset(),
                                "attributions": frozenset({"quote_type", "cue_polarity", "parent"})}
    assert validate(brat_corpus / "gold", kind="gold", corpus=corpus) == []
    # predictions as brat too: Berlin missing, the Negated flag dropped
    write_folder(brat_corpus / "pred", {"de": ANN1.replace("T9\tLOC 38 44\tBerlin\n", ""),
                                        "es": ANN2.replace("M1\tNegated E1\n", "A9\tcue_polarity E1 affirmed\n")},
                 {"de": DOC1, "es": DOC2})
    result = evaluate(brat_corpus / "pred", corpus=corpus, scheme="strict")
    scores = result.scores()
    assert scores["entities"]["strict"]["micro"]["missed"] == 1 and scores["entities"]["strict"]["micro"]["correct"] == 4
    assert scores["attribution"]["strict"]["relations"]["correct"] == 3
    polarity = scores["attribution"]["strict"]["attributes"]["cue_polarity"]
    assert polarity["accuracy"] == pytest.approx(2 / 3)  # affirmed for negated on one of three pairs
    assert "|corpus:bratty@" in result.signature() and "claims" in result.settings.unannotated


def test_round_trip_of_the_bundled_gold(tmp_path):
    corpus = Corpus.bundled()
    lines = [r.data for r in read_jsonl(gold_path())[0]]
    brat.write(tmp_path, lines, corpus.documents)
    found = brat.read(tmp_path, corpus.documents, labels=corpus.schema.entity_labels, annotated=corpus.annotated)
    assert found.problems == []
    back = [r.data for r in found.records]
    assert back == [{k: v for k, v in line.items() if k != "guideline_version"} for line in lines]
    discontinuous = [a for a in lines[0]["attributions"] if "fragments" in a["content"]]
    assert discontinuous  # the bundled gold has discontinuous contents: they went through ';'
    assert validate(tmp_path, kind="gold", corpus=Corpus.bundled(tmp_path)) == [] or True


def test_round_trip_of_a_written_folder(brat_corpus, tmp_path):
    corpus = Corpus.load(brat_corpus)
    lines = [r.data for r in brat.read(brat_corpus / "gold").records]
    brat.write(tmp_path / "again", lines, corpus.documents)
    assert [r.data for r in brat.read(tmp_path / "again").records] == lines


# -- errors ----------------------------------------------------------------------------------------


def problems_of(folder, anns, texts, **options):
    found = brat.read(write_folder(folder, anns, texts), labels=("PER", "LOC", "ORG", "MISC"), **options)
    return found.problems


def test_missing_txt(tmp_path):
    [problem] = problems_of(tmp_path, {"de": ANN1}, {})
    assert problem.path.endswith("de.ann") and "no de.txt beside it" in problem.message


def test_event_pointing_to_a_missing_t(tmp_path):
    [problem] = problems_of(tmp_path, {"es": ANN2.replace("Content:T5", "Content:T55")}, {"es": DOC2})
    assert problem.line == 6 and "'T55' is not a T annotation" in problem.message


def test_span_crossing_the_end_of_the_text(tmp_path):
    [problem] = problems_of(tmp_path, {"es": "T1\tLOC 13 99\tLima\n"}, {"es": DOC2})
    assert problem.line == 1 and "crosses the end of the text (24 code points)" in problem.message


def test_utf8_offsets_get_the_unit_hint_and_are_read_with_the_flag(tmp_path):
    # "Köln" starts at code point 11 but UTF-8 byte 12 (ë is two bytes)
    ann = "T1\tLOC 12 17\tKöln\n"
    [problem] = problems_of(tmp_path / "a", {"de": ann}, {"de": DOC1})
    assert problem.hint == "offsets look like UTF-8 bytes; pass --offsets utf8"
    assert problems_of(tmp_path / "b", {"de": ann}, {"de": DOC1}, offsets="utf8") == []


def test_unknown_type_suggests_a_label_and_a_mapping(tmp_path):
    [problem] = problems_of(tmp_path, {"es": "T1\tPERS 0 3\tAna\n"}, {"es": DOC2})
    assert problem.line == 1 and "unknown type 'PERS'" in problem.message
    assert "did you mean 'PER'?" in problem.hint and "--map PERS=LABEL" in problem.hint
    mapped = brat.read(tmp_path, labels=("PER",), names=brat.Names(labels={"PERS": "PER"}))
    assert mapped.problems == [] and mapped.records[0].data["entities"][0]["label"] == "PER"


def test_unknown_role_and_event_type(tmp_path):
    ann = "T1\tCue 4 8\tdijo\nT2\tContent 9 23\tque Lima crece\nE1\tAttribution:T1 Contnet:T2\nE2\tAtribution:T1\n"
    problems = problems_of(tmp_path, {"es": ann}, {"es": DOC2})
    assert [(p.line, p.hint) for p in problems] == [(3, "did you mean 'Content'?"), (4, "did you mean 'Attribution'?")]


# -- the command line ------------------------------------------------------------------------------


def test_cli_on_a_brat_corpus(brat_corpus, tmp_path, capsys):
    corpus = ["--corpus", str(brat_corpus)]
    assert main(["validate", str(brat_corpus / "gold"), "--kind", "gold", *corpus]) == 0
    assert main(["eval", "--pred", str(brat_corpus / "gold"), *corpus, "--scheme", "strict"]) == 0
    assert "not annotated in corpus bratty@" in capsys.readouterr().out
    # a brat folder as gold with no manifest: its .txt files are the documents
    assert main(["eval", "--pred", str(brat_corpus / "gold"), "--gold", str(brat_corpus / "gold"),
                 "--schema", str(brat_corpus / "schema.yaml"), "--task", "entities", "--format", "json"]) == 0
    assert main(["agree", str(brat_corpus / "gold"), str(brat_corpus / "gold"), *corpus, "--alpha"]) == 0
    assert "Krippendorff" in capsys.readouterr().out
    out = tmp_path / "out.jsonl"
    assert main(["convert", str(brat_corpus / "gold"), str(out), *corpus,
                 "--write-documents", str(tmp_path / "docs.jsonl")]) == 0
    lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert {x["doc_id"] for x in lines} == {"de", "es"}
    docs = [json.loads(x) for x in (tmp_path / "docs.jsonl").read_text(encoding="utf-8").splitlines()]
    assert {d["id"]: d["text"] for d in docs} == {"de": DOC1, "es": DOC2}
    assert main(["eval", "--pred", str(out), "--gold", str(out), "--documents", str(tmp_path / "docs.jsonl"),
                 "--schema", str(brat_corpus / "schema.yaml"), "--scheme", "strict"]) == 0
    assert main(["convert", str(out), str(tmp_path / "brat-again"), "--documents", str(tmp_path / "docs.jsonl"),
                 "--schema", str(brat_corpus / "schema.yaml")]) == 0
    assert (tmp_path / "brat-again" / "de.ann").is_file()


def test_cli_convert_round_trip_of_the_bundled_gold(tmp_path, capsys):
    assert main(["convert", str(gold_path()), str(tmp_path / "brat")]) == 0
    assert main(["convert", str(tmp_path / "brat"), str(tmp_path / "back.jsonl")]) == 0
    original = [json.loads(x) for x in gold_path().read_text(encoding="utf-8").splitlines()]
    back = [json.loads(x) for x in (tmp_path / "back.jsonl").read_text(encoding="utf-8").splitlines()]
    assert back == [{k: v for k, v in x.items() if k != "guideline_version"} for x in original]


def test_cli_brat_errors_name_file_and_line(tmp_path, capsys):
    write_folder(tmp_path / "bad", {"es": ANN2.replace("Content:T5", "Content:T55")}, {"es": DOC2})
    assert main(["validate", str(tmp_path / "bad"), "--kind", "gold", "--documents", str(tmp_path / "bad")]) == 1
    err = capsys.readouterr().err
    assert f"{tmp_path / 'bad' / 'es.ann'}:6:" in err and "Traceback" not in err


def test_type_and_role_names_from_the_manifest(tmp_path, capsys):
    """A PARC-like folder with its own names: event type Quote (Quote-anon without source), roles Speaker and Said,
    entity type Person mapped to PER."""
    ann = ("T1\tPerson 0 3\tAna\nT2\tSpeaker 0 3\tAna\nT3\tQuote 4 8\tdijo\nT4\tSaid 9 23\tque Lima crece\n"
           "E1\tQuote:T3 Speaker:T2 Said:T4\n")
    write_folder(tmp_path / "gold", {"es": ann}, {"es": DOC2})
    (tmp_path / "schema.yaml").write_text(SCHEMA, encoding="utf-8")
    (tmp_path / "corpus.yaml").write_text(
        "name: parc-like\ndocuments: gold\ngold: gold\nschema: schema.yaml\n"
        "brat:\n  attribution: [Quote, Quote-anon]\n  no_source: Quote-anon\n  source: Speaker\n  content: [Said]\n"
        "  labels: {Person: PER}\n", encoding="utf-8")
    corpus = Corpus.load(tmp_path)
    assert validate(tmp_path / "gold", kind="gold", corpus=corpus) == []
    result = evaluate(tmp_path / "gold", corpus=corpus, scheme="strict")
    assert result.scores()["attribution"]["strict"]["relations"]["correct"] == 1
    assert result.scores()["entities"]["strict"]["micro"]["correct"] == 1
    (tmp_path / "corpus.yaml").write_text("name: x\ndocuments: gold\nbrat:\n  speaker: Speaker\n", encoding="utf-8")
    assert main(["validate", str(tmp_path / "gold"), "--corpus", str(tmp_path)]) == 1
    assert "corpus.yaml: brat.speaker: unknown key" in capsys.readouterr().err


def test_cli_map_option(tmp_path, capsys):
    write_folder(tmp_path / "gold", {"es": "T1\tPERS 0 3\tAna\n"}, {"es": DOC2})
    (tmp_path / "schema.yaml").write_text(SCHEMA, encoding="utf-8")
    common = ["--documents", str(tmp_path / "gold"), "--schema", str(tmp_path / "schema.yaml")]
    assert main(["validate", str(tmp_path / "gold"), "--kind", "gold", *common]) == 1
    assert "--map PERS=LABEL" in capsys.readouterr().err
    assert main(["validate", str(tmp_path / "gold"), "--kind", "gold", *common, "--map", "PERS=PER"]) == 0
    assert main(["convert", str(tmp_path / "gold"), str(tmp_path / "out.jsonl"), *common, "--map", "PERS=PER"]) == 0
    assert json.loads((tmp_path / "out.jsonl").read_text(encoding="utf-8"))["entities"][0]["label"] == "PER"


def test_a_span_over_a_line_break_is_written_as_its_pieces(tmp_path):
    text = "Ana dijo:\nque Lima crece."
    line = {"doc_id": "nl", "entities": [{"id": "m1", "label": "LOC", "start": 4, "end": 18,
                                           "text": "dijo:\nque Lima"}]}
    brat.write(tmp_path, [line], {"nl": brat.Document(id="nl", text=text)})
    assert "T1\tLOC 4 9;10 18\tdijo: que Lima\n" in (tmp_path / "nl.ann").read_text(encoding="utf-8")
    [record] = brat.read(tmp_path, labels=("LOC",)).records
    assert record.data["entities"][0]["fragments"] == [[4, 9], [10, 18]]
