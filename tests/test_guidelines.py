"""Each guideline version's GUIDELINES.md and schema.yaml define the same labels and attribute values, both ways."""

import re

import pytest

from saidbench.resources import guidelines_dir, known_guideline_versions
from saidbench.schema import load_schema

VERSIONS = known_guideline_versions()
# Every (version, inventory) pair, so that each version's value tables are checked against its own schema.
INVENTORIES = [(version, path) for version in VERSIONS for path in sorted(load_schema(version).value_sets())]

HEADING = re.compile(r"^#### Values: (\S+)\s*$")
ROW_VALUE = re.compile(r"^\|\s*`([^`]+)`\s*\|")


def value_tables(markdown: str) -> dict[str, list[str]]:
    """The values in the first column of the table under each ``#### Values: <path>`` heading."""
    tables: dict[str, list[str]] = {}
    current = None
    for line in markdown.splitlines():
        heading = HEADING.match(line)
        if heading:
            current = heading.group(1)
            assert current not in tables, f"two tables for {current}"
            tables[current] = []
        elif current and line.startswith("|"):
            row = ROW_VALUE.match(line)
            if row:
                tables[current].append(row.group(1))
        elif current and line.strip() and tables[current]:
            current = None  # the table has ended
    return tables


def tables(version: str) -> dict[str, list[str]]:
    return value_tables((guidelines_dir(version) / "GUIDELINES.md").read_text(encoding="utf-8"))


def test_table_parser_on_a_hand_written_sample():
    sample = "#### Values: a.b\n\n| value | meaning |\n|---|---|\n| `x` | X |\n| `y` | Y |\n\nprose `z`\n"
    assert value_tables(sample) == {"a.b": ["x", "y"]}


def test_both_versions_are_bundled():
    assert {"1.0", "1.1"} <= set(VERSIONS)


@pytest.mark.parametrize("version", VERSIONS)
def test_schema_declares_its_own_version(version):
    assert load_schema(version).version == version


@pytest.mark.parametrize("version", VERSIONS)
def test_every_schema_inventory_has_a_table(version):
    assert set(tables(version)) == set(load_schema(version).value_sets())


@pytest.mark.parametrize(("version", "path"), INVENTORIES)
def test_table_values_equal_schema_values(version, path):
    values = tables(version).get(path, [])
    assert len(values) == len(set(values)), f"v{version} {path}: a value is defined twice"
    assert set(values) == set(load_schema(version).value_sets()[path])


def test_v1_1_keeps_every_value_of_v1_0():
    # v1.1 is a MINOR version: the changelog policy allows no added, removed or renamed value.
    assert load_schema("1.1").value_sets() == load_schema("1.0").value_sets()
    assert dict(load_schema("1.1").yardstick) == dict(load_schema("1.0").yardstick)
    assert dict(load_schema("1.1").annotatable) == dict(load_schema("1.0").annotatable)


@pytest.mark.parametrize("version", VERSIONS)
def test_schema_yardstick_covers_every_certainty_but_none(version):
    schema = load_schema(version)
    assert set(schema.yardstick) == set(schema.allowed("claims", "certainty")) - {"none"}
    bands = sorted(schema.yardstick.values(), key=lambda b: b.band)
    assert [b.band for b in bands] == list(range(1, 8))
    # The bands are ordered and do not overlap: each starts at or above where the previous one ended.
    assert all(a.high <= b.low for a, b in zip(bands, bands[1:]))


def test_changelog_has_an_entry_for_every_version(repo):
    changelog = (repo / "guidelines" / "CHANGELOG.md").read_text(encoding="utf-8")
    for version in VERSIONS:
        assert re.search(rf"^##.*\b{re.escape(version)}\b", changelog, re.M), version
