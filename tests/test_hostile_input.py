"""Hostile input files: each is one clear problem (file, line, field, hint), never a hang, a traceback or a silent score."""

import json
import os
import socket
import stat

import pytest

from saidbench import validate

DOC = "nk-troops-uk-says"
PUTIN = {"start": 358, "end": 372, "text": "Vladimir Putin", "label": "PERSON"}
GOOD = json.dumps({"doc_id": DOC, "entities": [PUTIN]})


def only(problems):
    assert len(problems) == 1, [str(p) for p in problems]
    return problems[0]


def line_with(**changes):
    return {"doc_id": DOC, "entities": [{**PUTIN, **changes}]}


def test_deeply_nested_json(write_jsonl):
    problem = only(validate(write_jsonl('{"a": ' * 100_000 + "\n")))
    assert problem.line == 1 and "nested too deeply" in problem.message


def test_deeply_nested_value_inside_a_line(write_jsonl):
    text = '{"doc_id": "%s", "entities": [{"label": "PERSON", "start": %s}]}\n' % (DOC, "[" * 50_000)
    problem = only(validate(write_jsonl(text)))
    assert problem.line == 1 and "nested too deeply" in problem.message


def test_five_thousand_digit_integer(write_jsonl):
    text = GOOD.replace("358", "9" * 5000) + "\n"
    problem = only(validate(write_jsonl(text)))
    assert problem.line == 1 and "number is too long" in problem.message
    assert "set_int_max_str_digits" not in str(problem)


def test_fifo_is_refused_without_hanging(tmp_path):
    path = tmp_path / "pipe.jsonl"
    os.mkfifo(path)
    assert "named pipe" in only(validate(path)).message


def test_dev_zero_is_refused():
    assert "character device" in only(validate("/dev/zero")).message


def test_socket_is_refused(tmp_path):
    path = tmp_path / "s.jsonl"
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    try:
        assert "socket" in only(validate(path)).message
    finally:
        server.close()


def test_folder_is_refused(tmp_path):
    assert "folder" in only(validate(tmp_path)).message


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_file(write_jsonl):
    path = write_jsonl(GOOD + "\n")
    path.chmod(0)
    try:
        assert "cannot be read" in only(validate(path)).message
    finally:
        path.chmod(stat.S_IRUSR | stat.S_IWUSR)


def test_file_larger_than_the_bound_is_refused(write_jsonl):
    from saidbench.io.jsonl import read_bytes

    raw, problems = read_bytes(write_jsonl(GOOD + "\n"), limit=10)
    assert raw is None and "larger than 10 bytes" in only(problems).message


def test_label_null_is_a_problem_not_a_dropped_item(write_jsonl):
    problem = only(validate(write_jsonl([line_with(label=None)])))
    assert problem.field == "entities[0].label" and problem.message.startswith("null")


@pytest.mark.parametrize("kind", ["predictions", "gold"])
@pytest.mark.parametrize("cycle", [2, 3])
def test_parent_cycles(write_jsonl, kind, cycle):
    gold = json.loads((__import__("saidbench").resources.gold_path()).read_text(encoding="utf-8").splitlines()[0])
    attributions = gold["attributions"] if kind == "gold" else [
        {"id": f"a{i}", "cue": {"start": 358, "end": 366}, "content": {"start": 367, "end": 372}} for i in range(3)
    ]
    ids = [a["id"] for a in attributions[:cycle]]
    for position, attribution in enumerate(attributions[:cycle]):
        attribution["parent"] = ids[(position + 1) % cycle]
    line = gold if kind == "gold" else {"doc_id": DOC, "attributions": attributions}
    problems = validate(write_jsonl([line]), kind=kind)
    assert [p.field for p in problems] == [f"attributions[{i}].parent" for i in range(cycle)]
    assert all("form a cycle" in p.message for p in problems)


def test_start_end_disagreeing_with_fragments(write_jsonl):
    item = {"start": 358, "end": 372, "fragments": [[358, 366], [367, 370]], "label": "PERSON"}
    problem = only(validate(write_jsonl([{"doc_id": DOC, "entities": [item]}])))
    assert problem.field == "entities[0]" and "disagree with the fragments" in problem.message


def test_occurrence_true_is_not_one(write_jsonl):
    item = {"text": "Vladimir Putin", "occurrence": True, "label": "PERSON"}
    problem = only(validate(write_jsonl([{"doc_id": DOC, "entities": [item]}])))
    assert problem.field == "entities[0].occurrence" and "True" in problem.message


def test_misspelt_layer_and_attribute(write_jsonl):
    claim = {"start": 358, "end": 372, "certanty": "likely"}
    problems = validate(write_jsonl([{"doc_id": DOC, "entites": [PUTIN], "claims": [claim]}]))
    assert {(p.field, p.message, p.hint) for p in problems} == {
        ("entites", "unknown field", "did you mean 'entities'?"),
        ("claims[0].certanty", "unknown field", "did you mean 'certainty'?"),
    }


def test_other_extra_prediction_fields_are_allowed(write_jsonl):
    assert validate(write_jsonl([{"doc_id": DOC, "model": "x", "entities": [{**PUTIN, "score": 0.9}]}])) == []


def test_label_in_the_wrong_case(write_jsonl):
    assert only(validate(write_jsonl([line_with(label="person")]))).hint == "did you mean 'PERSON'?"


def test_lone_surrogate_is_rejected(write_jsonl):
    text = GOOD.replace('"Vladimir Putin"', '"Vladimir \\ud800"') + "\n"
    problem = only(validate(write_jsonl(text)))
    assert problem.line == 1 and "lone UTF-16 surrogate" in problem.message and "entities[0].text" in problem.message


def test_lone_surrogate_in_memory_is_rejected():
    problem = only(validate(line_with(text="Vladimir \ud800")))
    assert "lone UTF-16 surrogate" in problem.message
    str(problem).encode("utf-8")  # the message itself can be printed


def test_surrogate_pairs_are_fine(write_jsonl):
    text = GOOD.replace('"Vladimir Putin"', '"Vladimir \\ud83d\\ude00"') + "\n"
    assert "does not equal the text" in only(validate(write_jsonl(text))).message


def test_utf16_file_gets_a_hint(write_jsonl):
    problem = only(validate(write_jsonl((GOOD + "\n").encode("utf-16"))))
    assert "UTF-16" in problem.message and problem.hint == "save the file as UTF-8"


def test_nul_bytes_get_a_hint(write_jsonl):
    problem = only(validate(write_jsonl((GOOD + "\n" + GOOD[:5] + "\x00\x00" + "\n").encode())))
    assert problem.line == 2 and "NUL" in problem.message and "UTF-16" in problem.hint


def test_lone_cr_line_endings_get_a_hint(write_jsonl):
    problem = only(validate(write_jsonl(GOOD + "\r" + GOOD.replace("entities", "claims") + "\r")))
    assert "carriage return" in problem.message and "LF" in problem.hint


def test_long_field_is_shortened_in_the_message(write_jsonl):
    problem = only(validate(write_jsonl([line_with(text="x" * 10_000_000)])))
    assert len(str(problem)) < 1000 and "does not equal the text" in str(problem)


def test_json_type_names(write_jsonl):
    problems = validate(write_jsonl([{"doc_id": DOC, "entities": {"a": 1}, "claims": [None]}, [1]]))
    assert [p.message for p in problems] == ["expected a list, found object", "expected an object, found null",
                                             "expected a JSON object, found array"]


def test_gold_offsets_hint_does_not_suggest_the_flag(write_jsonl, document):
    gold = json.loads((__import__("saidbench").resources.gold_path()).read_text(encoding="utf-8").splitlines()[0])
    mention = next(m for m in gold["entities"] if not document.text[: m["start"]].isascii())
    utf8_start = len(document.text[: mention["start"]].encode("utf-8"))
    mention["start"], mention["end"] = utf8_start, utf8_start + mention["end"] - mention["start"]
    problems = validate(write_jsonl([gold]), kind="gold")
    assert problems and all("--offsets utf8" not in str(p) for p in problems)


def test_hint_respects_the_offsets_flag_given(write_jsonl, document):
    start = document.text.index("The MoD")  # after a ’, so code points are not UTF-8 bytes
    item = {"start": start, "end": start + 7, "text": "The MoD", "label": "ORG"}
    assert validate(write_jsonl([{"doc_id": DOC, "entities": [item]}])) == []
    problem = only(validate(write_jsonl([{"doc_id": DOC, "entities": [item]}]), offsets="utf8"))
    assert "read as utf8 units" in problem.hint or "leave out --offsets" in problem.hint
