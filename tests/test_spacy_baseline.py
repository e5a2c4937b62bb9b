"""The spacy baseline with a real spaCy pipeline: spacy.blank("en") and an EntityRuler (nothing downloaded)."""

import json
import re

import pytest

import saidbench
from saidbench.cli import main
from saidbench.extractors.spacy_ner import SpacyExtractor
from saidbench.schema import load_schema

spacy = pytest.importorskip("spacy")

PATTERNS = [("GPE", "North Korea"), ("PERSON", "Vladimir Putin"), ("ORG", "Ministry of Defence")]


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": label, "pattern": text} for label, text in PATTERNS])
    return nlp


def expected(document):
    """Every occurrence of a pattern's text inside a section that carries entities, found without spaCy."""
    annotatable = load_schema().annotatable
    found = set()
    for section in document.sections:
        if "entities" not in annotatable[section.label]:
            continue
        for label, text in PATTERNS:
            for match in re.finditer(rf"\b{re.escape(text)}\b", document.text[section.span.start:section.span.end]):
                start = section.span.start + match.start()
                found.add((start, start + len(text), label))
    return found


def test_entities_come_back_at_document_offsets(nlp, document):
    line = SpacyExtractor(nlp).predict(document)
    got = {(e["start"], e["end"], e["label"]) for e in line["entities"]}
    assert got == expected(document) and len(got) > 5
    assert all(document.text[e["start"]:e["end"]] == e["text"] and e["kind"] == "name" for e in line["entities"])
    assert set(line) == {"doc_id", "entities"}  # claims and attributions: not predicted


def test_run_scores_the_pipeline(nlp, document):
    from saidbench.validate import load_checked

    gold = load_checked(saidbench.resources.gold_path(), kind="gold").annotations[document.id]
    gold_names = {(m.span.start, m.span.end, m.label) for m in gold.entities if m.kind == "name"}
    predicted = expected(document)
    result = saidbench.run(SpacyExtractor(nlp), task="entities", scheme="strict", progress=False)
    micro = result.scores()["entities"]["strict"]["micro"]
    assert micro["actual"] == len(predicted) and micro["possible"] == len(gold_names)
    assert micro["correct"] == len(predicted & gold_names)
    assert result.not_predicted == {}


def test_label_map_and_span_groups(document):
    nlp = spacy.blank("en")
    nlp.add_pipe("span_ruler", config={"spans_key": "found"}).add_patterns([{"label": "COUNTRY", "pattern": "Russia"}])
    line = SpacyExtractor(nlp, spans_key="found", labels={"COUNTRY": "GPE"}).predict(document)
    assert line["entities"] and {e["label"] for e in line["entities"]} == {"GPE"}
    assert all(e["text"] == "Russia" for e in line["entities"])


def test_cli_scores_a_saved_pipeline_by_its_folder(nlp, tmp_path, capsys):
    folder = tmp_path / "pipeline"
    nlp.to_disk(folder)
    assert main(["run", "--baseline", "spacy", "--model", str(folder), "--task", "entities", "--scheme", "strict",
                 "--format", "json"]) == 0
    scores = json.loads(capsys.readouterr().out)["scores"]["entities"]["strict"]["micro"]
    assert scores["actual"] > 5 and scores["correct"] > 0
