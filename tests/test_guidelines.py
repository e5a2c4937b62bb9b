"""The guidelines and schema.yaml define the same labels and attribute values, in both directions."""

import re

import pytest

from saidbench.resources import guidelines_dir
from saidbench.schema import load_schema

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


@pytest.fixture(scope="module")
def tables():
    return value_tables((guidelines_dir() / "GUIDELINES.md").read_text(encoding="utf-8"))


def test_table_parser_on_a_hand_written_sample():
    sample = "#### Values: a.b\n\n| value | meaning |\n|---|---|\n| `x` | X |\n| `y` | Y |\n\nprose `z`\n"
    assert value_tables(sample) == {"a.b": ["x", "y"]}


def test_every_schema_inventory_has_a_table(tables):
    assert set(tables) == set(load_schema().value_sets())


@pytest.mark.parametrize("path", sorted(load_schema().value_sets()))
def test_table_values_equal_schema_values(tables, path):
    values = tables.get(path, [])
    assert len(values) == len(set(values)), f"{path}: a value is defined twice"
    assert set(values) == set(load_schema().value_sets()[path])


def test_schema_yardstick_covers_every_certainty_but_none():
    schema = load_schema()
    assert set(schema.yardstick) == set(schema.allowed("claims", "certainty")) - {"none"}
    bands = sorted(schema.yardstick.values(), key=lambda b: b.band)
    assert [b.band for b in bands] == list(range(1, 8))
    # The bands are ordered and do not overlap: each starts at or above where the previous one ended.
    assert all(a.high <= b.low for a, b in zip(bands, bands[1:]))


def test_changelog_has_an_entry_for_every_version(repo):
    changelog = (repo / "guidelines" / "CHANGELOG.md").read_text(encoding="utf-8")
    for version in ("1.0",):
        assert re.search(rf"^##.*\b{re.escape(version)}\b", changelog, re.M), version
