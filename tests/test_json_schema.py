"""`saidbench schema --json-schema`: the JSON Schema of a prediction line, checked with the jsonschema library."""

import json

import jsonschema
import pytest
import yaml

from saidbench.cli import main
from saidbench.llm.json_schema import prediction_line_schema
from saidbench.resources import gold_path, known_gold_versions, known_guideline_versions, schema_path
from saidbench.schema import load_schema

from test_llm_output import LINE as SIMULATED_LLM_LINE


def validator(version="1.0"):
    schema = prediction_line_schema(load_schema(version))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def lines(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize("version", known_gold_versions())
def test_every_bundled_gold_line_is_valid(version):
    check = validator(version)
    for line in lines(gold_path(version)):
        assert list(check.iter_errors(line)) == []


def test_the_baseline_and_a_text_only_line_are_valid(repo):
    check = validator()
    for line in lines(repo / "examples" / "baseline.jsonl") + [SIMULATED_LLM_LINE]:
        assert list(check.iter_errors(line)) == []


@pytest.mark.parametrize("version", known_guideline_versions())
def test_enums_are_the_values_of_schema_yaml(version):
    raw = yaml.safe_load(schema_path(version).read_text(encoding="utf-8"))
    defs = prediction_line_schema(load_schema(version))["$defs"]
    assert defs["mention"]["properties"]["label"]["enum"] == raw["entities"]["labels"]
    assert defs["claim"]["properties"]["certainty"]["enum"] == [*raw["claims"]["attributes"]["certainty"], None]
    assert defs["attribution"]["properties"]["source_type"]["enum"] == [
        *raw["attributions"]["attributes"]["source_type"], None
    ]


@pytest.mark.parametrize("bad, where", [
    ({"entities": [{"text": "Ada", "label": "PERSN"}]}, "label"),
    ({"entities": [{"text": "Ada"}]}, "required"),
    ({"entities": [{"label": "PERSON"}]}, "anyOf"),
    ({"claims": [{"start": 0, "end": 3, "certainty": "probable"}]}, "certainty"),
    ({"attributions": [{"cue": {"text": "said"}}]}, "required"),
    ({"attributions": [{"cue": {"text": "said"}, "content": {"text": "x"}, "source": {"occurrence": 1}}]}, "anyOf"),
    ({"claims": [{"text": "x", "hedges": [{"start": -1, "end": 2}]}]}, "minimum"),
    ({"entities": [], "notes": "extra"}, "additionalProperties"),
])
def test_invalid_lines_are_rejected(bad, where):
    errors = list(validator().iter_errors({"doc_id": "d", **bad}))
    assert errors and any(e.validator == where or where in list(e.absolute_path) for e in errors)


def test_cli_prints_the_schema_of_the_chosen_version(capsys):
    assert main(["schema", "--json-schema"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed == prediction_line_schema(load_schema())
    assert main(["schema"]) == 2
