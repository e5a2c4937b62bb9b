"""Every malformed input file gets one clear message naming the file and line, and exit code 1, never a traceback."""

import json

import pytest

from saidbench.cli import main

DOC = "nk-troops-uk-says"
GOOD_LINE = json.dumps({"doc_id": DOC, "entities": []})


def run_validate(path, capsys, *extra):
    code = main(["validate", str(path), *extra])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    return code, captured.err


@pytest.mark.parametrize(
    "content, line, message",
    [
        ("", None, "file is empty"),
        ("\n\n", None, "file is empty"),
        (b'{"doc_id": "nk-troops-uk-says", "entities": []}\n{"doc_id": "\xff"}\n', 2, "invalid UTF-8"),
        ("\ufeff" + GOOD_LINE + "\n", 1, "byte-order mark"),
        (GOOD_LINE + "\r\n", 1, "CRLF line endings"),
        ("[" + GOOD_LINE + "]\n", 1, "JSON array"),
        (GOOD_LINE + "\n" + GOOD_LINE + "\n", 2, "appears again (first on line 1)"),
        (GOOD_LINE + "\n{not json\n", 2, "invalid JSON"),
        (GOOD_LINE + "\n\n" + GOOD_LINE.replace("entities", "claims") + "\n", 2, "blank line"),
        ('"just a string"\n', 1, "expected a JSON object"),
        ("{}\n", 1, 'doc_id: missing (hint: every line needs "doc_id"'),
        ('{"doc_id": null}\n', 1, "doc_id: expected a string, found null"),
    ],
    ids=["empty", "only-newlines", "invalid-utf8", "bom", "crlf", "json-array", "duplicate-document", "bad-json",
         "blank-line", "not-an-object", "no-doc-id", "null-doc-id"],
)
def test_bad_file_gives_one_clear_message(write_jsonl, capsys, content, line, message):
    path = write_jsonl(content)
    code, err = run_validate(path, capsys)
    assert code == 1
    where = f"{path}:{line}:" if line else f"{path}:"
    first = err.splitlines()[0]
    assert first.startswith(f"error: {where}") and message in first


def test_missing_file(tmp_path, capsys):
    code, err = run_validate(tmp_path / "nope.jsonl", capsys)
    assert code == 1 and "nope.jsonl: file not found" in err


def test_valid_predictions_exit_zero(write_jsonl, capsys):
    path = write_jsonl([{"doc_id": DOC, "entities": [{"start": 358, "end": 372, "label": "PERSON"}]}])
    assert main(["validate", str(path)]) == 0
    assert "valid predictions" in capsys.readouterr().out


def test_usage_error_exits_two(capsys):
    with pytest.raises(SystemExit) as raised:
        main(["validate"])
    assert raised.value.code == 2
