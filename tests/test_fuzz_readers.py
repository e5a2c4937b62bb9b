"""Fuzzing the readers: mutated copies of valid files (byte flips, dropped or repeated lines, numbers perturbed,
keys deleted, types swapped) raise nothing but InputError, from validate, evaluate and the command line; and
whenever validate finds no problem, every predicted item reaches the scorer."""

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from saidbench import InputError, evaluate, validate
from saidbench.cli import main
from saidbench.counts import Key
from saidbench.resources import gold_path

# examples/ is not in the wheel CI installs: read it from the checkout the tests run in
REPO_BASELINE = Path(__file__).resolve().parents[1] / "examples" / "baseline.jsonl"
BASES = {"predictions": REPO_BASELINE.read_bytes(), "gold": gold_path().read_bytes()}
SWAPS = (None, True, 0, -1, 2**40, 1.5, "", "x", [], {}, [0, 1], {"start": 0})
FUZZ = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _nodes(value, path=()):
    """Every (container, key) position in a parsed JSON value, depth first."""
    if isinstance(value, dict):
        for key, child in value.items():
            yield value, key
            yield from _nodes(child, (*path, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield value, index
            yield from _nodes(child, (*path, index))


@st.composite
def json_mutation(draw, line: bytes) -> bytes:
    """One structural change to a parsed line: a key deleted, a value's type swapped or a number perturbed."""
    data = json.loads(line)
    nodes = list(_nodes(data))
    container, key = nodes[draw(st.integers(0, len(nodes) - 1))]
    action = draw(st.sampled_from(("delete", "swap", "perturb")))
    if action == "delete":
        del container[key]
    elif action == "swap":
        container[key] = draw(st.sampled_from(SWAPS))
    else:
        value = container[key]
        delta = draw(st.sampled_from((1, -1, 7, -1000, 10**6)))
        container[key] = value + delta if isinstance(value, int) and not isinstance(value, bool) else delta
    return json.dumps(data, ensure_ascii=draw(st.booleans())).encode("utf-8")


@st.composite
def mutated(draw, kind: str) -> bytes:
    lines = BASES[kind].split(b"\n")
    for _ in range(draw(st.integers(1, 3))):
        choice = draw(st.sampled_from(("flip", "drop", "repeat", "json", "json", "json")))
        index = draw(st.integers(0, len(lines) - 1))
        if choice == "flip" and lines[index]:
            line = bytearray(lines[index])
            position = draw(st.integers(0, len(line) - 1))
            line[position] = draw(st.integers(0, 255))
            lines[index] = bytes(line)
        elif choice == "drop":
            del lines[index]
            if not lines:
                lines = [b""]
        elif choice == "repeat":
            lines.insert(index, lines[index])
        elif choice == "json" and lines[index].strip():
            try:
                lines[index] = draw(json_mutation(lines[index]))
            except ValueError:  # an earlier flip broke this line's JSON: keep it broken
                pass
    return b"\n".join(lines)


def _write(tmp_path, content: bytes, name: str):
    path = tmp_path / name
    path.write_bytes(content)
    return path


def _counts(result, task, metric):
    found = result.total.get(Key(task, "strict", metric))
    return None if found is None else (found.actual, found.possible)


@FUZZ
@given(content=mutated("predictions"))
def test_mutated_predictions(tmp_path, content):
    path = _write(tmp_path, content, "pred.jsonl")
    problems = validate(path)
    try:
        result = evaluate(path, scheme="strict", mention_kinds=("name", "nominal", "pronoun"))
    except InputError as error:
        assert problems, f"evaluate refused a file validate accepts: {error}"
        return
    assert not problems, "evaluate scored a file validate refuses"
    lines = [json.loads(line) for line in content.decode("utf-8").splitlines() if line.strip()]
    gold = [json.loads(line) for line in BASES["gold"].decode("utf-8").splitlines()]
    for task, layer, metric in (("entities", "entities", "mentions"), ("claims", "claims", "claims"),
                                ("attribution", "attributions", "relations")):
        predicted = sum(len(line[layer]) for line in lines if layer in line)
        if any(layer in line for line in lines):
            assert _counts(result, task, metric) == (predicted, sum(len(g[layer]) for g in gold)), task


@FUZZ
@given(content=mutated("gold"))
def test_mutated_gold(tmp_path, content):
    path = _write(tmp_path, content, "gold.jsonl")
    problems = validate(path, kind="gold")
    try:
        result = evaluate(REPO_BASELINE, path, scheme="strict", mention_kinds=("name", "nominal", "pronoun"))
    except InputError:
        assert problems
        return
    assert not problems
    gold = [json.loads(line) for line in content.decode("utf-8").splitlines() if line.strip()]
    for task, layer, metric in (("entities", "entities", "mentions"), ("claims", "claims", "claims"),
                                ("attribution", "attributions", "relations")):
        assert _counts(result, task, metric)[1] == sum(len(g[layer]) for g in gold), task


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(content=mutated("predictions"), command=st.sampled_from(("validate", "eval")))
def test_mutated_file_through_the_command_line(tmp_path, capsys, content, command):
    path = _write(tmp_path, content, "pred.jsonl")
    argv = ["validate", str(path)] if command == "validate" else ["eval", "--pred", str(path), "--task", "entities"]
    assert main(argv) in (0, 1)
    assert "Traceback" not in capsys.readouterr().err


@settings(max_examples=30, deadline=None)
@given(line=st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=5),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(
        st.sampled_from(["doc_id", "entities", "claims", "attributions", "start", "end", "label", "text",
                         "fragments", "id", "parent", "cue", "content", "source", "hedges", "occurrence"]),
        children, max_size=4),
    max_leaves=12))
def test_random_in_memory_lines(line):
    """Arbitrary JSON-like values given to evaluate() in memory: a result or an InputError (or TypeError for a
    value of no accepted form), nothing else."""
    try:
        evaluate(line, task="entities", scheme="strict")
    except (InputError, TypeError):
        pass
