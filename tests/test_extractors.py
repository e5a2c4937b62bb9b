"""The Extractor protocol and saidbench.run(): predictions checked like a file, scored like a file; baselines."""

import json

import pytest

import saidbench
from saidbench import InputError, evaluate, resources
from saidbench.cli import main
from saidbench.extractors import BASELINES, check_lines, make_baseline, predictions
from saidbench.validate import load_checked

DOC_ID = "nk-troops-uk-says"


@pytest.fixture(scope="module")
def gold():
    return load_checked(resources.gold_path(), kind="gold").annotations[DOC_ID]


class FirstMention:
    """Predicts the gold's first name mention and nothing else."""

    name = "first-mention"

    def __init__(self, mention):
        self.mention = mention
        self.calls = 0

    def predict(self, document):
        self.calls += 1
        span = self.mention.span
        return {"entities": [{"start": span.start, "end": span.end, "label": self.mention.label}]}


def first_name(gold):
    return next(m for m in gold.entities if m.kind == "name")


def test_run_scores_what_predict_returns(gold):
    extractor = FirstMention(first_name(gold))
    result = saidbench.run(extractor, task="entities", scheme="strict", progress=False)
    micro = result.scores()["entities"]["strict"]["micro"]
    # 65 gold name mentions, one predicted and correct: P = 1/1, R = 1/65
    assert (micro["correct"], micro["possible"], micro["actual"]) == (1, 65, 1)
    assert micro["precision"] == 1.0 and micro["recall"] == pytest.approx(1 / 65)
    assert extractor.calls == 1
    assert result.not_predicted == {}  # only the entities task was asked for


def test_run_equals_eval_of_the_same_predictions_in_a_file(repo):
    # the bundled baseline file was written by the rules baseline: scoring the extractor live must agree
    live = saidbench.run(make_baseline("rules"), scheme="strict", progress=False)
    from_file = evaluate(repo / "examples" / "baseline.jsonl", scheme="strict")
    assert live.scores() == from_file.scores()
    assert live.signature().split("|gold:")[1] == from_file.signature().split("|gold:")[1]


def test_predict_batch_is_preferred_and_checked(gold):
    class Batched:
        def __init__(self):
            self.batches = []

        def predict(self, document):
            raise AssertionError("predict_batch should be used")

        def predict_batch(self, documents):
            self.batches.append([d.id for d in documents])
            return [{"doc_id": d.id, "entities": []} for d in documents]

    extractor = Batched()
    result = saidbench.run(extractor, task="entities", progress=False)
    assert extractor.batches == [[DOC_ID]]
    assert result.scores()["entities"]["strict"]["micro"]["missed"] == 65

    class Short:
        def predict_batch(self, documents):
            return []

        def predict(self, document):
            raise AssertionError

    with pytest.raises(InputError, match=r"<Short>: predict_batch returned 0 line\(s\) for 1 document\(s\)"):
        saidbench.run(Short(), progress=False)


@pytest.mark.parametrize(
    "returned, message",
    [
        ([], r"<Bad>:1: expected a JSON object, found array"),
        ({"doc_id": "nope", "entities": []}, r"<Bad>:1: doc_id: unknown document 'nope'"),
        ({"entities": [{"start": 0, "end": 5, "label": "PERSN"}]}, r"<Bad>:1: entities\[0\].label: 'PERSN' is not in the schema"),
        ({"entities": [{"start": 5, "end": 2, "label": "GPE"}]}, r"<Bad>:1: entities\[0\]"),
    ],
)
def test_what_predict_returns_is_checked_like_a_file(returned, message):
    class Bad:
        def predict(self, document):
            return returned

    with pytest.raises(InputError, match=message):
        saidbench.run(Bad(), progress=False)


def test_check_lines_reports_every_problem_with_its_position(gold):
    lines = [{"doc_id": DOC_ID, "entities": []}, "junk", {"doc_id": DOC_ID, "claims": []}]
    with pytest.raises(InputError) as caught:
        check_lines(lines, saidbench.load_documents(), source="<mine>")
    shown = [str(p) for p in caught.value.problems]
    assert shown[0] == "<mine>:2: expected a JSON object, found string"
    assert shown[1].startswith("<mine>:3: doc_id: document 'nk-troops-uk-says' appears again (first on line 1)")


def test_oracle_scores_one_and_empty_scores_zero():
    oracle = saidbench.run(make_baseline("oracle"), scheme="strict", progress=False).scores()
    assert oracle["entities"]["strict"]["micro"]["f1"] == 1.0
    assert oracle["claims"]["strict"]["detection"]["f1"] == 1.0
    assert oracle["attribution"]["strict"]["relations"]["f1"] == 1.0
    assert oracle["coreference"]["conll_f1"] == 1.0
    empty = saidbench.run(make_baseline("empty"), scheme="strict", progress=False).scores()
    relations = empty["attribution"]["strict"]["relations"]
    assert (relations["missed"], relations["actual"], relations["recall"]) == (13, 0, 0.0)
    assert empty["claims"]["strict"]["detection"]["missed"] == 35  # every claim of gold v1.1


def test_progress_bar_on_stderr_only_when_asked(capsys):
    predictions(make_baseline("empty"), progress=True)
    assert "empty" in capsys.readouterr().err
    predictions(make_baseline("empty"))  # stderr is not a terminal under pytest
    assert capsys.readouterr().err == ""


def test_extractor_protocol_is_runtime_checkable():
    assert isinstance(make_baseline("rules"), saidbench.Extractor)
    assert not isinstance(object(), saidbench.Extractor)


# -- the registry and the CLI ----------------------------------------------------------------------


def test_baselines_lists_every_name(capsys):
    assert main(["baselines"]) == 0
    listed = [line.split()[0] for line in capsys.readouterr().out.splitlines()]
    assert listed == ["rules", "spacy", "oracle", "empty"] == list(BASELINES)


@pytest.mark.parametrize(
    "argv, message",
    [
        (["run", "--baseline", "rulez"], "unknown baseline 'rulez'; did you mean 'rules'? expected one of rules, spacy, oracle, empty"),
        (["baseline", "orcale", "--out", "x.jsonl"], "did you mean 'oracle'?"),
        (["run", "--baseline", "rules", "--model", "en_core_web_sm"], "baseline 'rules' takes no model; --model applies to: spacy"),
        (["run", "--baseline", "spacy", "--model", "no_such_pipeline"], "spaCy pipeline 'no_such_pipeline' is not installed"),
        (["run"], "give either --baseline NAME or -- COMMAND"),
        (["run", "--baseline", "rules", "--", "cat"], "give either --baseline NAME or -- COMMAND"),
    ],
)
def test_usage_errors_exit_two_without_traceback(argv, message, capsys):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_run_baseline_from_the_cli_and_save(tmp_path, capsys):
    saved = tmp_path / "oracle.jsonl"
    assert main(["run", "--baseline", "oracle", "--scheme", "strict", "--format", "json", "--save", str(saved)]) == 0
    scores = json.loads(capsys.readouterr().out)["scores"]
    assert scores["entities"]["strict"]["micro"]["f1"] == 1.0
    assert evaluate(saved, scheme="strict").scores()["claims"]["strict"]["detection"]["f1"] == 1.0


@pytest.mark.parametrize(
    "content, message",
    [
        (None, "file not found"),
        ("", "file is empty"),
        ("folder", "is a folder"),
        ('{"id": \n', "invalid JSON"),
        ('["a"]\n', "JSON array"),
        ('"text"\n', "expected a JSON object, found string"),
    ],
)
def test_run_with_a_bad_corpus_file_exits_one(tmp_path, capsys, content, message):
    path = tmp_path / "docs.jsonl"
    if content == "folder":
        path.mkdir()
    elif content is not None:
        path.write_text(content, encoding="utf-8")
    assert main(["run", "--baseline", "empty", "--documents", str(path)]) == 1
    err = capsys.readouterr().err
    assert message in err and str(path) in err and "Traceback" not in err
