"""The validator: offsets, text slices, schema labels, ids, references and versions, every problem reported."""

import pytest

from saidbench import validate
from saidbench.resources import gold_path

DOC = "nk-troops-uk-says"
# "Vladimir Putin" in paragraph 1 (code points 358-372); no non-ASCII character comes before it.
PUTIN = {"start": 358, "end": 372, "text": "Vladimir Putin"}


def messages(problems):
    return [str(p) for p in problems]


def one(problems):
    assert len(problems) == 1, messages(problems)
    return problems[0]


def test_bundled_gold_is_valid():
    assert messages(validate(gold_path(), kind="gold")) == []


def test_text_mismatch_suggests_utf8_flag(write_jsonl, document):
    start = len(document.text[:1206].encode("utf-8"))  # "The MoD said:" in UTF-8 bytes
    item = {"start": start, "end": start + 7, "text": "The MoD", "label": "ORG"}
    problem = one(validate(write_jsonl([{"doc_id": DOC, "entities": [item]}])))
    assert problem.field == "entities[0].text" and problem.line == 1
    assert problem.hint == "offsets look like UTF-8 bytes; pass --offsets utf8"


def test_utf8_flag_accepts_byte_offsets(write_jsonl, document):
    start = len(document.text[:1206].encode("utf-8"))
    item = {"start": start, "end": start + 7, "text": "The MoD", "label": "ORG"}
    assert validate(write_jsonl([{"doc_id": DOC, "entities": [item]}]), offsets="utf8") == []


def test_out_of_range_offsets(write_jsonl, document):
    item = {"start": 2860, "end": 2900, "label": "ORG"}
    problem = one(validate(write_jsonl([{"doc_id": DOC, "entities": [item]}])))
    assert "out of range" in problem.message and f"{len(document.text)} code points" in problem.message


def test_reversed_offsets(write_jsonl):
    problem = one(validate(write_jsonl([{"doc_id": DOC, "entities": [{"start": 10, "end": 5, "label": "ORG"}]}])))
    assert "start must be < end" in problem.message


def test_label_outside_schema_with_suggestion(write_jsonl):
    problem = one(validate(write_jsonl([{"doc_id": DOC, "entities": [{**PUTIN, "label": "PERSN"}]}])))
    assert problem.field == "entities[0].label" and problem.hint == "did you mean 'PERSON'?"


def test_attribute_outside_schema(write_jsonl):
    claim = {"start": 358, "end": 372, "certainty": "very_likely"}
    problem = one(validate(write_jsonl([{"doc_id": DOC, "claims": [claim]}])))
    assert problem.field == "claims[0].certainty" and "expected one of remote_chance" in problem.message


def test_unknown_document_with_suggestion(write_jsonl):
    problem = one(validate(write_jsonl([{"doc_id": "nk-troops-uk-say", "entities": []}])))
    assert problem.field == "doc_id" and problem.hint == "did you mean 'nk-troops-uk-says'?"


def test_every_problem_is_reported_not_just_the_first(write_jsonl):
    items = [{**PUTIN, "label": "PERSN"}, {"start": 0, "end": 99999, "label": "ORG"}, {"label": "GPE"}]
    problems = validate(write_jsonl([{"doc_id": DOC, "entities": items}]))
    assert [p.field for p in problems] == ["entities[0].label", "entities[1]", "entities[2]"]


def test_duplicate_ids_and_dangling_references(write_jsonl):
    line = {
        "doc_id": DOC,
        "entities": [{**PUTIN, "id": "x", "label": "PERSON"}],
        "claims": [{**PUTIN, "id": "x", "attribution": "a9"}],
        "attributions": [{"id": "a1", "cue": PUTIN, "content": PUTIN, "parent": "a1", "source_entity": "E_nobody"}],
    }
    found = {(p.field, p.message.split(",")[0]) for p in validate(write_jsonl([line]))}
    assert found == {
        ("claims[0].id", "id 'x' is already used by entities[0]"),
        ("claims[0].attribution", "refers to 'a9'"),
        ("attributions[0].source_entity", "refers to 'E_nobody'"),
        ("attributions[0].parent", "an attribution cannot be its own parent"),
    }


def test_unknown_guideline_version(write_jsonl):
    problem = one(validate(write_jsonl([{"doc_id": DOC, "guideline_version": "9.9", "entities": []}])))
    assert problem.field == "guideline_version" and problem.hint == "known versions: 1.0, 1.1"


def test_gold_requires_every_field(write_jsonl):
    line = {"doc_id": DOC, "guideline_version": "1.0", "entities": [{**PUTIN, "label": "PERSON"}], "claims": [],
            "attributions": []}
    fields = {p.field for p in validate(write_jsonl([line]), kind="gold")}
    assert fields == {"entities[0].id", "entities[0].kind", "entities[0].entity_id"}


def test_gold_requires_text_and_rejects_unknown_fields(write_jsonl):
    mention = {"id": "m1", "start": 358, "end": 372, "label": "PERSON", "kind": "name", "entity_id": "E", "note": 1}
    line = {"doc_id": DOC, "guideline_version": "1.0", "entities": [mention], "claims": [], "attributions": []}
    fields = {p.field for p in validate(write_jsonl([line]), kind="gold")}
    assert fields == {"entities[0].text", "entities[0].note"}


def test_gold_may_not_annotate_residue(write_jsonl):
    mention = {"id": "m1", "start": 203, "end": 208, "text": "Open ", "label": "ORG", "kind": "name",
               "entity_id": "E"}
    line = {"doc_id": DOC, "guideline_version": "1.0", "entities": [mention], "claims": [], "attributions": []}
    problem = one(validate(write_jsonl([line]), kind="gold"))
    assert "residue section (s3)" in problem.message


def test_discontinuous_span_text_is_a_list(write_jsonl):
    item = {"fragments": [[358, 366], [367, 372]], "text": ["Vladimir", "Putin"], "label": "PERSON"}
    assert validate(write_jsonl([{"doc_id": DOC, "entities": [item]}])) == []
    item["text"] = "Vladimir Putin"
    assert one(validate(write_jsonl([{"doc_id": DOC, "entities": [item]}]))).field == "entities[0].text"


@pytest.mark.parametrize("source", [None, {"text": "The MoD"}])
def test_attribution_source_may_be_null_or_text_only(write_jsonl, source):
    attribution = {"source": source, "cue": {"text": "said"}, "content": {"start": 1221, "end": 1307}}
    assert validate(write_jsonl([{"doc_id": DOC, "attributions": [attribution]}])) == []
