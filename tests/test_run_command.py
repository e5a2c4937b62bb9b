"""saidbench run -- COMMAND: real subprocess extractors written here (good, crashing, hanging, junk, ...)."""

import json
import sys
import textwrap
import time

import pytest

import saidbench
from saidbench.cli import main
from saidbench.runs import score_command

DOC_ID = "nk-troops-uk-says"

# Reads every document, then answers each with every occurrence of "North Korea" as a GPE, last first.
GOOD = """
import json, sys
documents = [json.loads(line) for line in sys.stdin]
print("read", len(documents), "documents", file=sys.stderr)
for document in reversed(documents):
    text, found, at = document["text"], [], document["text"].find("North Korea")
    while at >= 0:
        found.append({"start": at, "end": at + 11, "label": "GPE"})
        at = text.find("North Korea", at + 1)
    print(json.dumps({"doc_id": document["id"], "entities": found}))
    print()  # blank lines are ignored
"""

SCRIPTS = {
    "good": GOOD,
    "crash": "import sys\nsys.stdin.readline()\nprint('loading model', file=sys.stderr)\n1 / 0\n",
    "status": "import sys\nsys.stdin.read()\nprint('no GPU found', file=sys.stderr)\nsys.exit(3)\n",
    "signal": "import os, signal, sys\nsys.stdin.readline()\nos.kill(os.getpid(), signal.SIGKILL)\n",
    "hang": "import sys, time\nprint('thinking', file=sys.stderr, flush=True)\ntime.sleep(120)\n",
    "junk": "import json, sys\nfor line in sys.stdin:\n    print('Loading weights...')\n"
            "    print(json.dumps({'doc_id': json.loads(line)['id'], 'entities': []}))\n",
    "twice": "import json, sys\nfor line in sys.stdin:\n    answer = json.dumps({'doc_id': json.loads(line)['id']})\n"
             "    print(answer)\n    print(answer)\n",
    "silent": "import sys\nsys.stdin.read()\n",
    "array": "import sys\nsys.stdin.read()\nprint('[1, 2]')\n",
    "stranger": "import json, sys\nsys.stdin.read()\nprint(json.dumps({'doc_id': 'elsewhere', 'entities': []}))\n",
    "badlabel": "import json, sys\nfor line in sys.stdin:\n    d = json.loads(line)\n"
                "    print(json.dumps({'doc_id': d['id'], 'entities': [{'start': 0, 'end': 5, 'label': 'GEO'}]}))\n",
    # floods stderr before reading stdin: a runner that did not drain stderr concurrently would deadlock
    "flood": "import json, sys\nsys.stderr.write('x' * 2_000_000 + '\\n')\nfor line in sys.stdin:\n"
             "    print(json.dumps({'doc_id': json.loads(line)['id'], 'entities': []}))\n",
    # answers the first document, then crashes
    "half": "import json, sys\nfirst = json.loads(sys.stdin.readline())\n"
            "print(json.dumps({'doc_id': first['id'], 'entities': []}), flush=True)\n"
            "print('out of memory', file=sys.stderr)\nsys.exit(3)\n",
}


@pytest.fixture(scope="module")
def scripts(tmp_path_factory):
    folder = tmp_path_factory.mktemp("extractors")
    paths = {}
    for name, code in SCRIPTS.items():
        paths[name] = folder / f"extractor_{name}.py"  # not signal.py: it would shadow the module
        paths[name].write_text(textwrap.dedent(code), encoding="utf-8")
    return paths


def command(scripts, name):
    return [sys.executable, str(scripts[name])]


def cli(capsys, *argv):
    code = main(["run", "--scheme", "strict", "--task", "entities", *argv])
    out, err = capsys.readouterr()
    assert "Traceback (most recent call last)" not in err.split("its stderr ended with")[0]
    return code, out, err


def test_good_command_is_scored(scripts, document, capsys, tmp_path):
    saved = tmp_path / "saved.jsonl"
    code, out, err = cli(capsys, "--format", "json", "--save", str(saved), "--", *command(scripts, "good"))
    assert code == 0, err
    micro = json.loads(out)["scores"]["entities"]["strict"]["micro"]
    assert micro["actual"] == document.text.count("North Korea") > 0
    # the same predictions scored from the saved file give the same numbers
    again = saidbench.evaluate(saved, task="entities", scheme="strict").scores()["entities"]["strict"]["micro"]
    assert again == micro
    assert "|partial:" not in out and "read 1 documents" not in out  # its stderr is not our output


def test_api_returns_result_and_output(scripts):
    result, output = score_command(command(scripts, "good"), task="entities", scheme="strict")
    assert (output.answered, output.total, output.failure, output.partial) == (1, 1, None, None)
    assert "partial" not in result.signature()


@pytest.mark.parametrize(
    "name, message, stderr",
    [
        ("crash", "exited with status 1 after answering 0 of 1 document(s); never answered: nk-troops-uk-says",
         "ZeroDivisionError: division by zero"),
        ("status", "exited with status 3 after answering 0 of 1 document(s)", "no GPU found"),
        ("signal", "was killed by signal SIGKILL after answering 0 of 1 document(s)", "its stderr was empty"),
        ("silent", "never answered 1 of 1 document(s): nk-troops-uk-says", "its stderr was empty"),
    ],
)
def test_failed_command_exits_one_with_what_it_did_and_its_stderr(scripts, capsys, name, message, stderr):
    code, out, err = cli(capsys, "--", *command(scripts, name))
    assert code == 1 and out == ""
    assert f"command `{sys.executable} {scripts[name]}`: {message}" in err
    assert stderr in err and "--allow-partial" in err


def test_hanging_command_is_killed_at_the_timeout(scripts, capsys):
    began = time.monotonic()
    code, _, err = cli(capsys, "--timeout", "2", "--", *command(scripts, "hang"))
    assert code == 1 and time.monotonic() - began < 30
    assert "did not finish within 2 s and was killed after answering 0 of 1 document(s)" in err
    assert "thinking" in err


@pytest.mark.parametrize(
    "name, message",
    [
        ("junk", "stdout:1: not JSON (Expecting value): 'Loading weights...' (hint: print only prediction lines"),
        ("twice", "stdout:2: doc_id: document 'nk-troops-uk-says' answered twice (first on line 1)"),
        ("array", "stdout:1: expected a JSON object, found list"),
        ("stranger", "stdout:1: doc_id: unknown document 'elsewhere'"),
        ("badlabel", "stdout:1: entities[0].label: 'GEO' is not in the schema"),
    ],
)
def test_bad_output_exits_one_naming_the_stdout_line(scripts, capsys, name, message):
    code, out, err = cli(capsys, "--allow-partial", "--", *command(scripts, name))
    assert code == 1 and out == ""
    assert message in err


def test_a_command_flooding_stderr_does_not_deadlock(scripts, capsys):
    code, _, err = cli(capsys, "--timeout", "60", "--", *command(scripts, "flood"))
    assert code == 0, err[-500:]


def test_command_not_found(capsys, tmp_path):
    code, _, err = cli(capsys, "--", str(tmp_path / "no-such-extractor"))
    assert code == 1 and "could not be started: No such file or directory" in err


@pytest.fixture
def two_documents(tmp_path, repo):
    """The bundled corpus plus a copy of its document under another id (which has no gold)."""
    line = json.loads((repo / "corpus" / "documents.jsonl").read_text(encoding="utf-8").splitlines()[0])
    path = tmp_path / "documents.jsonl"
    path.write_text(json.dumps(line) + "\n" + json.dumps({**line, "id": "copy"}) + "\n", encoding="utf-8")
    return str(path)


def test_partial_output_is_refused_unless_allowed_and_then_signed(scripts, capsys, two_documents, repo):
    gold = str(repo / "annotations" / "gold.jsonl")
    code, _, err = cli(capsys, "--documents", two_documents, "--gold", gold, "--", *command(scripts, "half"))
    assert code == 1
    assert "exited with status 3 after answering 1 of 2 document(s); never answered: copy" in err
    assert "out of memory" in err
    code, out, err = cli(capsys, "--documents", two_documents, "--gold", gold, "--allow-partial", "--",
                         *command(scripts, "half"))
    assert code == 0
    assert "warning: scored 1/2 documents (--allow-partial)" in err
    assert "|partial:1/2" in out


@pytest.mark.parametrize("value", ["0", "-1", "soon", "nan"])
def test_timeout_must_be_positive(capsys, value):
    with pytest.raises(SystemExit) as caught:
        main(["run", "--timeout", value, "--", "true"])
    assert caught.value.code == 2 and "expected a positive number of seconds" in capsys.readouterr().err


def test_oracle_on_another_corpus_and_gold(capsys, two_documents, tmp_path, repo):
    gold_line = json.loads((repo / "annotations" / "gold.jsonl").read_text(encoding="utf-8").splitlines()[0])
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({**gold_line, "doc_id": "copy"}) + "\n", encoding="utf-8")
    code, out, err = cli(capsys, "--documents", two_documents, "--gold", str(gold), "--baseline", "oracle",
                         "--format", "json")
    assert code == 0, err
    result = json.loads(out)
    assert result["scores"]["entities"]["strict"]["micro"]["f1"] == 1.0
