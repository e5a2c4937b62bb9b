"""The fast JSON decoder (msgspec) gives exactly what the careful json path gives, value or problem, on any line."""

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from saidbench.io.jsonl import _parse_line_carefully, parse_line

values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True, allow_infinity=True) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4),
    max_leaves=20,
)


def _same(line: str) -> None:
    fast, careful = parse_line(line), _parse_line_carefully(line)
    assert repr(fast) == repr(careful)  # repr: NaN never equals itself


@settings(max_examples=300, deadline=None)
@given(values)
def test_any_json_value_decodes_alike(value):
    _same(json.dumps(value))
    _same(json.dumps(value, ensure_ascii=False))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet='{}[]",:0123456789.eE+-tfnul \\ud800x', max_size=30))
def test_any_text_decodes_or_fails_alike(text):
    _same(text)


def test_edge_cases_decode_alike():
    for line in ['{"a": 1, "a": 2}', "NaN", "1e400", "1" * 4301, "[" * 5000 + "]" * 5000, '"\\ud800"', '"a\tb"',
                 "01", "[1,]", "-0.0", "123456789012345678901234567890", '{"doc_id": "x"} trailing']:
        _same(line)
