"""Every input form goes through the same checks: files, line dicts (one, a list, {doc_id: line}) and model objects."""

import json

import pytest

from saidbench import InputError, evaluate, validate
from saidbench.model import Annotations, Mention, Span
from saidbench.resources import gold_path

DOC = "nk-troops-uk-says"
PUTIN = {"start": 358, "end": 372, "text": "Vladimir Putin", "label": "PERSON"}
LINE = {"doc_id": DOC, "entities": [PUTIN]}


def strict_entities(result):
    return result.scores()["entities"]["strict"]["micro"]


def gold_lines():
    return [json.loads(line) for line in gold_path().read_text(encoding="utf-8").splitlines()]


@pytest.mark.parametrize("form", ["path", "line", "list", "mapping", "keyed-without-doc_id", "objects"])
def test_every_form_scores_the_same(write_jsonl, form):
    pred = {
        "path": lambda: write_jsonl([LINE]),
        "line": lambda: LINE,
        "list": lambda: [LINE],
        "mapping": lambda: {DOC: LINE},
        "keyed-without-doc_id": lambda: {DOC: {"entities": [PUTIN]}},
        "objects": lambda: {DOC: Annotations(DOC, entities=(Mention(Span.of(358, 372), "PERSON"),))},
    }[form]()
    counts = strict_entities(evaluate(pred, task="entities", scheme="strict"))
    assert (counts["correct"], counts["spurious"]) == (1, 0)


def test_gold_as_line_dicts_equals_gold_file():
    by_file = evaluate(LINE, task="entities", scheme="strict")
    by_lines = evaluate(LINE, gold_lines(), task="entities", scheme="strict")
    assert strict_entities(by_file) == strict_entities(by_lines)


@pytest.mark.parametrize("pred", [
    {"doc_id": DOC, "entities": [{"start": 500, "end": 900, "label": "HERO"}]},
    {DOC: Annotations(DOC, entities=(Mention(Span.of(500, 900000), "HERO"),))},
    [Annotations(DOC, entities=(Mention(Span.of(358, 372), "HERO"),))],
])
def test_in_memory_predictions_are_checked(pred):
    with pytest.raises(InputError) as raised:
        evaluate(pred)
    assert any("HERO" in p.message or "past the end" in p.message for p in raised.value.problems)
    assert all(p.path.startswith("<predictions>") for p in raised.value.problems)


def test_in_memory_problem_names_the_item():
    problems = validate([{"doc_id": "other-doc", "entities": []}, {"doc_id": DOC, "entities": [{**PUTIN, "label": "HERO"}]}])
    assert [str(p).split(":")[0:2] for p in problems] == [["<predictions>[0]", " doc_id"],
                                                          ["<predictions>[1]", " entities[0].label"]]


def test_empty_gold_mapping_means_no_gold_not_the_bundled_gold():
    result = evaluate(LINE, {}, task="entities", scheme="strict")
    assert result.documents == () and result.unscored_documents == (DOC,)
    assert "@mem-" in result.signature()


def test_mapping_key_must_equal_doc_id():
    (problem,) = validate({"some-other-id": LINE})
    assert problem.field == "doc_id" and "differs from its key" in problem.message


def test_same_document_twice_in_a_list():
    problems = validate([LINE, LINE])
    assert len(problems) == 1 and "appears again" in problems[0].message


def test_model_objects_with_a_parent_cycle_and_dangling_reference():
    from saidbench.model import Attribution

    def attribution(identifier, parent):
        return Attribution(cue=Span.of(358, 362), content=Span.of(363, 372), id=identifier, parent=parent)

    pred = Annotations(DOC, attributions=(attribution("a", "b"), attribution("b", "a"), attribution("c", "zz")))
    fields = {(p.field, p.message) for p in validate(pred)}
    assert fields == {("attributions[0].parent", "parent links form a cycle of 2: 'a' -> 'b' -> 'a'"),
                      ("attributions[1].parent", "parent links form a cycle of 2: 'a' -> 'b' -> 'a'"),
                      ("attributions[2].parent", "refers to 'zz', which is not defined in this document")}


def test_wrong_python_type_is_a_type_error():
    with pytest.raises(TypeError):
        evaluate(42)
