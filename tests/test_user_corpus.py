"""A corpus of one's own: documents, partial gold, its own schema, a manifest; through the API and the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from saidbench import InputError, evaluate
from saidbench.cli import main
from saidbench.corpus import Corpus
from saidbench.schema import read_schema
from saidbench.validate import validate

TEXTS = {
    "de-1": "Zoë Müller sagte, dass Ørsted in Köln investiert.",
    "ja-2": "「東京」で田中さんは言った。 Paris is big.",
    "en-3": "Nobody said anything.",
}
SCHEMA = """\
version: conll2003
entities:
  labels: [PER, LOC, ORG, MISC]
attributions:
  attributes:
    quote_type: [direct, indirect, mixed]
"""


def span(doc: str, piece: str) -> dict:
    start = TEXTS[doc].index(piece)
    return {"start": start, "end": start + len(piece), "text": piece}


def mention(doc, piece, label, identifier):
    return {"id": identifier, "label": label, **span(doc, piece)}


GOLD = [
    {"doc_id": "de-1",
     "entities": [mention("de-1", "Zoë Müller", "PER", "m1"), mention("de-1", "Ørsted", "ORG", "m2"),
                  mention("de-1", "Köln", "LOC", "m3")],
     "attributions": [{"id": "a1", "source": span("de-1", "Zoë Müller"), "cue": span("de-1", "sagte"),
                       "content": span("de-1", "dass Ørsted in Köln investiert"), "quote_type": "indirect"}]},
    {"doc_id": "ja-2",
     "entities": [mention("ja-2", "東京", "LOC", "m1"), mention("ja-2", "田中", "PER", "m2"),
                  mention("ja-2", "Paris", "LOC", "m3")],
     "attributions": []},
    {"doc_id": "en-3", "entities": [], "attributions": []},
]


def write_lines(path: Path, lines) -> Path:
    path.write_text("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines), encoding="utf-8")
    return path


@pytest.fixture
def corpus_dir(tmp_path) -> Path:
    """A corpus folder: 3 documents (non-ASCII), gold with entities and attributions only, a CoNLL-style schema."""
    write_lines(tmp_path / "documents.jsonl", [{"id": k, "text": v} for k, v in TEXTS.items()])
    write_lines(tmp_path / "gold.jsonl", GOLD)
    (tmp_path / "schema.yaml").write_text(SCHEMA, encoding="utf-8")
    (tmp_path / "corpus.yaml").write_text(
        "name: mini\ndocuments: documents.jsonl\ngold: gold.jsonl\nschema: schema.yaml\n"
        "annotates:\n  entities: []\n  attributions: [quote_type]\n", encoding="utf-8")
    return tmp_path


@pytest.fixture
def pred(corpus_dir) -> Path:
    """Köln relabelled ORG (one incorrect), Paris left out (one missed); everything else as the gold."""
    lines = json.loads(json.dumps(GOLD))
    lines[0]["entities"][2]["label"] = "ORG"
    lines[1]["entities"].pop()
    return write_lines(corpus_dir / "pred.jsonl", lines)


def test_manifest_declares_what_is_annotated(corpus_dir):
    corpus = Corpus.load(corpus_dir)
    assert corpus.name == "mini" and set(corpus.documents) == set(TEXTS)
    assert corpus.unannotated() == (
        "entities.kind", "entities.entity_id", "claims", "attributions.source_type", "attributions.cue_polarity",
        "attributions.source_entity", "attributions.parent")
    assert corpus.schema.entity_labels == ("PER", "LOC", "ORG", "MISC")


def test_partial_gold_is_valid_and_scored_on_what_it_annotates(corpus_dir, pred):
    corpus = Corpus.load(corpus_dir)
    assert validate(corpus_dir / "gold.jsonl", kind="gold", corpus=corpus) == []
    result = evaluate(pred, corpus=corpus, scheme="strict")
    assert result.settings.tasks == ("entities", "attribution")  # no claims, no coreference (no entity_id)
    entities = result.scores()["entities"]["strict"]["micro"]
    # 6 gold mentions: 4 correct, Köln incorrect, Paris missed -> P = 4/5, R = 4/6
    assert (entities["correct"], entities["incorrect"], entities["missed"]) == (4, 1, 1)
    assert entities["precision"] == pytest.approx(0.8) and entities["recall"] == pytest.approx(4 / 6)
    attributes = result.scores()["attribution"]["strict"]["attributes"]
    assert list(attributes) == ["quote_type"]  # source_type and cue_polarity are not annotated: not scored
    assert "source_entity" not in result.scores()["attribution"]["strict"]
    signature = result.signature()
    assert f"|corpus:mini@{corpus.digest()}|" in signature and "|unannotated:entities.kind+" in signature
    assert "|gold:conll2003@" in signature  # the schema's version as given, not glued to saidbench's "v"


def test_signature_changes_with_the_documents(corpus_dir, pred):
    before = evaluate(pred, corpus=Corpus.load(corpus_dir), task="entities").signature()
    lines = [{"id": k, "text": v} for k, v in TEXTS.items()] + [{"id": "extra", "text": "More."}]
    write_lines(corpus_dir / "documents.jsonl", lines)
    after = evaluate(pred, corpus=Corpus.load(corpus_dir), task="entities").signature()
    assert before != after and before.split("|")[2] == after.split("|")[2]  # same gold hash, other corpus hash


def test_gold_may_not_give_a_field_the_manifest_leaves_out(corpus_dir):
    lines = json.loads(json.dumps(GOLD))
    lines[0]["attributions"][0]["cue_polarity"] = "affirmed"
    path = write_lines(corpus_dir / "gold.jsonl", lines)
    [problem] = validate(path, kind="gold", corpus=Corpus.load(corpus_dir))
    assert problem.field == "attributions[0].cue_polarity" and problem.line == 1
    assert "does not annotate" in problem.message and "annotates" in problem.hint


def test_gold_must_give_what_the_manifest_declares(corpus_dir):
    lines = json.loads(json.dumps(GOLD))
    del lines[0]["attributions"][0]["quote_type"]
    del lines[2]["attributions"]
    path = write_lines(corpus_dir / "gold.jsonl", lines)
    problems = validate(path, kind="gold", corpus=Corpus.load(corpus_dir))
    assert [(p.line, p.field) for p in problems] == [(1, "attributions[0].quote_type"), (3, "attributions")]


def test_documents_and_gold_files_infer_what_is_annotated(corpus_dir, pred):
    corpus = Corpus.from_files(corpus_dir / "documents.jsonl", corpus_dir / "gold.jsonl", corpus_dir / "schema.yaml")
    assert corpus.annotated == {"entities": frozenset(), "attributions": frozenset({"quote_type"})}
    assert evaluate(pred, corpus=corpus, task="entities", scheme="strict").scores()["entities"]["strict"]["micro"][
        "correct"] == 4


def test_labels_outside_the_corpus_schema_are_rejected(corpus_dir):
    lines = json.loads(json.dumps(GOLD))
    lines[1]["entities"][0]["label"] = "GPE"
    path = write_lines(corpus_dir / "bad.jsonl", lines)
    [problem] = validate(path, corpus=Corpus.load(corpus_dir))
    assert problem.field == "entities[0].label" and problem.line == 2
    assert "expected one of PER, LOC, ORG, MISC" in problem.message


def test_no_task_left_is_a_usage_error(corpus_dir, pred):
    with pytest.raises(ValueError, match="annotates none of the tasks"):
        evaluate(pred, corpus=Corpus.load(corpus_dir), task="claims")


@pytest.mark.parametrize(("text", "field", "message"), [
    ("version: x\nentities:\n  labels: []\n", "entities.labels", "non-empty list"),
    ("version: x\nentities:\n  labels: [PER, PER]\n", "entities.labels", "repeated value(s): PER"),
    ("entities:\n  labels: [PER]\n", "version", "missing"),
    ("version: x\nentity:\n  labels: [PER]\n", "entity", "unknown key"),
    ("version: x\nentities:\n  labels: [PER]\nclaims:\n  attributes:\n    certainty: high\n",
     "claims.attributes.certainty", "non-empty list"),
    ("version: x\nentities:\n  labels: [PER]\nclaims:\n  attributes:\n    certanity: [high]\n",
     "claims.attributes.certanity", "unknown attribute"),
    ("version: x\nentities:\n  labels: [PER]\nsections:\n  labels: [p]\n  annotatable:\n    q: [entities]\n",
     "sections.annotatable.q", "not in sections.labels"),
])
def test_a_malformed_schema_names_the_field(tmp_path, text, field, message):
    path = tmp_path / "schema.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as raised:
        read_schema(path)
    [problem] = raised.value.problems
    assert problem.field == field and message in problem.message and problem.path == str(path)


def test_schema_that_is_not_yaml(tmp_path):
    path = tmp_path / "schema.yaml"
    path.write_text("version: [1\n", encoding="utf-8")
    with pytest.raises(InputError) as raised:
        read_schema(path)
    assert "not valid YAML" in raised.value.problems[0].message and raised.value.problems[0].line == 2


@pytest.mark.parametrize(("manifest", "field"), [
    ("documents: documents.jsonl\n", "name"),
    ("name: x\ndocuments: nowhere.jsonl\n", "documents"),
    ("name: x\ndocuments: documents.jsonl\nannotates:\n  entity: []\n", "annotates.entity"),
    ("name: x\ndocuments: documents.jsonl\nannotates:\n  entities: [colour]\n", "annotates.entities"),
    ("name: x\ndocuments: documents.jsonl\nlabels: x\n", "labels"),
])
def test_a_malformed_manifest_names_the_key(corpus_dir, manifest, field):
    (corpus_dir / "corpus.yaml").write_text(manifest, encoding="utf-8")
    with pytest.raises(InputError) as raised:
        Corpus.load(corpus_dir)
    assert raised.value.problems[0].field == field


# -- the command line -----------------------------------------------------------------------------


def test_cli_validate_eval_agree_on_a_corpus(corpus_dir, pred, capsys):
    assert main(["validate", str(corpus_dir / "gold.jsonl"), "--kind", "gold", "--corpus", str(corpus_dir)]) == 0
    assert main(["eval", "--pred", str(pred), "--corpus", str(corpus_dir / "corpus.yaml"), "--scheme", "strict",
                 "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out.split("\n", 1)[1])
    assert out["settings"]["corpus"].startswith("mini@") and "claims" in out["settings"]["unannotated"]
    assert out["settings"]["gold"].startswith("conll2003@")
    assert main(["eval", "--pred", str(pred), "--corpus", str(corpus_dir), "--scheme", "strict"]) == 0
    out = capsys.readouterr().out
    assert "not annotated in corpus mini@" in out and "claims" not in out.split("scored documents")[0].split("|")[0]
    assert main(["agree", str(corpus_dir / "gold.jsonl"), str(pred), "--corpus", str(corpus_dir)]) == 0
    out = capsys.readouterr().out
    assert "claims" not in out.split("saidbench:")[0] and " quote_type " in out


def test_cli_convert_a_corpus_to_brat_and_back(corpus_dir, tmp_path, capsys):
    corpus = ["--corpus", str(corpus_dir)]
    assert main(["convert", str(corpus_dir / "gold.jsonl"), str(tmp_path / "brat"), *corpus]) == 0
    assert (tmp_path / "brat" / "ja-2.txt").read_text(encoding="utf-8") == TEXTS["ja-2"]
    assert main(["validate", str(tmp_path / "brat"), "--kind", "gold", *corpus]) == 0
    assert main(["eval", "--pred", str(tmp_path / "brat"), *corpus, "--scheme", "strict", "--format", "json"]) == 0
    assert main(["convert", str(tmp_path / "brat"), str(tmp_path / "back.jsonl"), *corpus]) == 0
    back = [json.loads(line) for line in (tmp_path / "back.jsonl").read_text(encoding="utf-8").splitlines()]
    assert sorted(back, key=lambda line: line["doc_id"]) == sorted(GOLD, key=lambda line: line["doc_id"])


def test_cli_documents_and_gold_files(corpus_dir, pred, capsys):
    args = ["--documents", str(corpus_dir / "documents.jsonl"), "--schema", str(corpus_dir / "schema.yaml")]
    assert main(["eval", "--pred", str(pred), "--gold", str(corpus_dir / "gold.jsonl"), *args,
                 "--task", "entities", "--scheme", "strict", "--format", "markdown"]) == 0
    assert "| micro | 0.8000 | 0.6667 | 0.7273 |" in capsys.readouterr().out


def test_cli_errors(corpus_dir, pred, capsys):
    assert main(["eval", "--pred", str(pred), "--schema", str(corpus_dir / "schema.yaml")]) == 2
    assert "--schema goes with --documents" in capsys.readouterr().err
    (corpus_dir / "schema.yaml").write_text("version: x\nentities:\n  labels: PER\n", encoding="utf-8")
    assert main(["eval", "--pred", str(pred), "--corpus", str(corpus_dir)]) == 1
    err = capsys.readouterr().err
    assert "schema.yaml: entities.labels: expected a non-empty list" in err and "Traceback" not in err


def test_cli_baseline_over_documents_of_ones_own(corpus_dir, tmp_path):
    out = tmp_path / "rules.jsonl"
    assert main(["baseline", "rules", "--out", str(out), "--documents", str(corpus_dir / "documents.jsonl")]) == 0
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert sorted(line["doc_id"] for line in lines) == sorted(TEXTS)


def test_compare_refuses_systems_scored_on_other_documents_with_the_same_gold(corpus_dir, pred):
    from saidbench.stats import Metric, randomization_test

    gold, metric = corpus_dir / "gold.jsonl", Metric.parse("entities.strict.f1")
    first = evaluate(pred, corpus=Corpus.from_files(corpus_dir / "documents.jsonl", gold, corpus_dir / "schema.yaml"))
    more = write_lines(corpus_dir / "more.jsonl", [{"id": k, "text": v} for k, v in TEXTS.items()]
                       + [{"id": "extra", "text": "More."}])
    second = evaluate(pred, corpus=Corpus.from_files(more, gold, corpus_dir / "schema.yaml"))
    assert first.settings.gold == second.settings.gold  # the same gold file: only the corpus tags tell them apart
    with pytest.raises(InputError) as raised:
        randomization_test(first, second, metric, trials=10)
    [problem] = raised.value.problems
    assert "different corpora or gold" in problem.message and first.settings.corpus in problem.message
    assert randomization_test(first, first, metric, trials=10).p_value == 1.0


def test_cli_leaderboard_on_a_corpus(corpus_dir, pred, capsys):
    # pred: 4 of 6 gold mentions correct, 5 predicted: F1 = 2·4 / (5 + 6) = 8/11; the oracle gives the gold
    options = ["--metric", "entities.strict.f1", "--format", "markdown", "--trials", "50", "--baselines", "oracle"]
    assert main(["leaderboard", str(pred), "--corpus", str(corpus_dir), *options]) == 0
    out = capsys.readouterr().out
    assert "| pred | 0.7273 † |" in out and "| oracle | **1.0000** |" in out and "|corpus:mini@" in out
    files = ["--documents", str(corpus_dir / "documents.jsonl"), "--gold", str(corpus_dir / "gold.jsonl"),
             "--schema", str(corpus_dir / "schema.yaml")]
    assert main(["leaderboard", str(pred), *files, *options]) == 0
    assert "| pred | 0.7273 † |" in capsys.readouterr().out


def test_cli_corpus_and_schema_named_with_the_signature_separator(corpus_dir, pred, capsys):
    (corpus_dir / "corpus.yaml").write_text(
        (corpus_dir / "corpus.yaml").read_text(encoding="utf-8").replace("name: mini", 'name: "mini|x"'),
        encoding="utf-8")
    (corpus_dir / "schema.yaml").write_text(SCHEMA.replace("version: conll2003", 'version: "conll|2003"'),
                                            encoding="utf-8")
    assert main(["agree", str(corpus_dir / "gold.jsonl"), str(pred), "--corpus", str(corpus_dir)]) == 0
    out = capsys.readouterr().out
    assert "|corpus:mini/x@" in out and "|reference:conll/2003@" in out and "|annotators:2|alpha:nominal" in out
