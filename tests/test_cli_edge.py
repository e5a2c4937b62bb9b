"""The CLI's edge: exit codes (1 input, 2 usage, 3 internal, 4 output), broken pipes, closed or full output, --out."""

import json
import os
import subprocess
import sys

import pytest

from saidbench import load_documents
from saidbench.cli import main

DOC = "nk-troops-uk-says"
EVAL = os.path.join(os.path.dirname(__file__), "..", "eval")


def saidbench(*args, shell_tail="", **options):
    """Run the real command in a fresh interpreter (a shell for redirections); returns the CompletedProcess."""
    env = {**os.environ, "PYTHONPATH": os.path.abspath(EVAL)}
    command = " ".join([sys.executable, "-m", "saidbench", *args]) + shell_tail
    return subprocess.run(["sh", "-c", command], env=env, capture_output=True, text=True, timeout=120, **options)


def test_unicode_decode_error_is_input_not_usage(write_jsonl, capsys):
    path = write_jsonl(b"\xff\xfe{}\n")
    assert main(["validate", str(path)]) == 1


def test_unknown_baseline_suggests_and_lists(tmp_path, capsys):
    assert main(["baseline", "rule", "--out", str(tmp_path / "x.jsonl")]) == 2
    err = capsys.readouterr().err
    assert "unknown baseline 'rule'" in err and "did you mean 'rules'?" in err and "oracle" in err
    assert "Traceback" not in err


def test_an_internal_error_is_short_and_asks_for_a_report(monkeypatch, write_jsonl, capsys):
    def broken(*args, **kwargs):  # stands for a bug: a ValueError that is no usage error
        raise ValueError("a bug")

    monkeypatch.setattr(sys.modules["saidbench.cli"], "_cmd_validate", broken)
    path = write_jsonl([{"doc_id": DOC, "entities": []}])
    assert main(["validate", str(path)]) == 3
    err = capsys.readouterr().err
    assert "internal error" in err and "please report" in err and "Traceback" not in err
    assert main(["--debug", "validate", str(path)]) == 3
    assert "Traceback" in capsys.readouterr().err


def test_problems_are_capped_with_a_count(write_jsonl, capsys):
    items = [{"start": 358, "end": 372, "label": "HERO"}] * 500
    path = write_jsonl([{"doc_id": DOC, "entities": items}])
    assert main(["validate", str(path)]) == 1
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 52 and lines[-2] == "error: ... and 450 more problem(s)" and lines[-1] == "500 problem(s) found"


def test_gold_with_offsets_flag_is_a_usage_error(capsys, repo):
    assert main(["validate", str(repo / "annotations" / "gold.jsonl"), "--kind", "gold", "--offsets", "utf8"]) == 2
    assert "gold offsets are always code points" in capsys.readouterr().err


def test_broken_pipe_ends_quietly(repo):
    done = saidbench("eval", "--pred", str(repo / "examples" / "baseline.jsonl"), "--errors",
                     shell_tail=" | head -1")
    assert done.stdout.count("\n") == 1 and done.stderr == ""


def test_closed_stdout_is_an_error_not_a_lost_score(repo):
    done = saidbench("eval", "--pred", str(repo / "examples" / "baseline.jsonl"), shell_tail=" >&-; echo \"exit $?\"")
    assert "exit 4" in done.stdout and "standard output is closed" in done.stderr


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_full_disk_on_stdout(repo):
    done = saidbench("eval", "--pred", str(repo / "examples" / "baseline.jsonl"),
                     shell_tail=" > /dev/full; echo \"exit $?\"")
    assert "exit 4" in done.stdout and "No space left on device" in done.stderr and "Traceback" not in done.stderr


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_baseline_out_on_a_full_disk(capsys):
    assert main(["baseline", "rules", "--out", "/dev/full"]) == 4
    assert "/dev/full: No space left on device" in capsys.readouterr().err


@pytest.mark.parametrize("where, message", [
    ("missing/x.jsonl", "does not exist"),
    (".", "is a folder"),
])
def test_baseline_out_into_a_bad_place(tmp_path, capsys, where, message):
    assert main(["baseline", "rules", "--out", str(tmp_path / where)]) == 2
    assert message in capsys.readouterr().err


@pytest.mark.parametrize("where, message", [("file", "is a file"), ("missing/deeper", "does not exist")])
def test_export_out_into_a_bad_place(tmp_path, capsys, where, message):
    (tmp_path / "file").write_text("x")
    assert main(["export", "--hf", "--out", str(tmp_path / where)]) == 2
    assert message in capsys.readouterr().err


@pytest.mark.parametrize("args, kind", [
    (["convert", "GOLD", "-"], "folder"),  # brat, the format of a path without a suffix
    (["convert", "GOLD", "-", "--to", "conll"], "file"),
    (["convert", "GOLD", "x.jsonl", "--write-documents", "-"], "file"),
    (["baseline", "rules", "--out", "-"], "file"),
])
def test_a_dash_for_standard_output_is_refused_not_made_a_file(tmp_path, monkeypatch, capsys, repo, args, kind):
    monkeypatch.chdir(tmp_path)
    args = [str(repo / "annotations" / "v1.1" / "gold.jsonl") if a == "GOLD" else a for a in args]
    assert main(args) == 2
    assert f"-: saidbench writes a {kind} here, not standard output" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []  # no file or folder named "-" (nor anything else)


def _corpus_with(tmp_path, change):
    from saidbench.resources import documents_path

    record = json.loads(documents_path().read_text(encoding="utf-8").splitlines()[0])
    change(record)
    path = tmp_path / "documents.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("change, field", [
    (lambda r: r.pop("text"), "text"),
    (lambda r: r.update(sections="all"), "sections"),
    (lambda r: r["sections"].__setitem__(0, 5), "sections[0]"),
    (lambda r: r["sections"][0].pop("id"), "sections[0].id"),
    (lambda r: r["sections"][0].update(label="Paragraph"), "sections[0].label"),
    (lambda r: r["sections"][0].update(start=None), "sections[0]"),
    (lambda r: r.update(text=7), "text"),
], ids=["no-text", "sections-not-a-list", "section-not-an-object", "section-without-id", "section-label-case",
        "section-start-null", "text-a-number"])
def test_documents_file_defects_are_problems(tmp_path, change, field):
    from saidbench import InputError

    with pytest.raises(InputError) as raised:
        load_documents(_corpus_with(tmp_path, change))
    problem = raised.value.problems[0]
    assert problem.line == 1 and problem.field == field and problem.path.endswith("documents.jsonl")


def test_documents_file_defect_through_the_cli(tmp_path, capsys):
    path = _corpus_with(tmp_path, lambda r: r["sections"][0].pop("start"))
    assert main(["run", "--baseline", "empty", "--documents", str(path)]) == 1
    assert f"{path}:1: sections[0]: bad offsets" in capsys.readouterr().err
