"""The bundled schemas' parsed copy (saidbench/schemas.json) is what PyYAML reads from the schema files."""

import json
import subprocess
import sys

import yaml

from conftest import REPO
from saidbench import resources
from saidbench.schema import PARSED, _digest, load_schema, parse_schema

REGENERATE = 'python -c "from saidbench.schema import write_parsed; write_parsed()"'


def test_the_parsed_copy_holds_every_bundled_schema_as_pyyaml_reads_it():
    parsed = json.loads(PARSED.read_text(encoding="utf-8"))
    texts = [resources.schema_path(v).read_text(encoding="utf-8") for v in resources.known_guideline_versions()]
    assert set(parsed) == {_digest(text) for text in texts}, f"a bundled schema changed: {REGENERATE}"
    for text in texts:
        # the same values in the same order (the order of attributes and bands is the file's)
        assert json.dumps(parsed[_digest(text)]) == json.dumps(yaml.safe_load(text))


def test_a_bundled_schema_loads_without_pyyaml():
    script = ("import sys\nfrom saidbench.schema import load_schema\nschema = load_schema('1.1')\n"
              "print(schema.version, 'yaml' in sys.modules)")
    found = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                           env={"PYTHONPATH": str(REPO / "eval"), "PATH": ""})
    assert found.stdout.split() == ["1.1", "False"]


def test_the_loaded_schema_equals_the_yaml_one():
    for version in resources.known_guideline_versions():
        text = resources.schema_path(version).read_text(encoding="utf-8")
        assert load_schema(version) == parse_schema(yaml.safe_load(text))
