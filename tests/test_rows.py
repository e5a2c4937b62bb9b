"""Score rows: typed, made once from the summed counts, and the one source of the table, markdown and JSON scores."""

import json

import pytest

from conftest import annotations, make_document, mention
from saidbench import evaluate
from saidbench.report import json as json_report
from saidbench.report import markdown, table
from saidbench.rows import ConfusionRow, F1Row, NotScoredRow, PRFRow
from saidbench.tasks import TASKS

DOCS = {"d1": make_document()}
GOLD = {"d1": annotations(entities=[mention(0, 11), mention(16, 25), mention(29, 34, "GPE")], claims=[], attributions=[])}
PRED = {"d1": annotations(entities=[mention(0, 11), mention(16, 19), mention(29, 34, "ORG")], claims=[])}


@pytest.fixture(scope="module")
def result():
    return evaluate(PRED, GOLD, documents=DOCS, task=("entities", "claims"), scheme=("strict", "partial"))


def rows_of(result, task, scheme, group):
    return [row for row in result.rows() if (row.task, row.scheme, row.group) == (task, scheme, group)]


def test_rows_hold_the_numbers_by_hand(result):
    (micro,) = rows_of(result, "entities", "strict", "micro")
    # strict: Alice correct; Bob (overlapping span) and Paris (wrong type) incorrect -> P = R = F1 = 1/3
    assert isinstance(micro, PRFRow) and micro.title == "micro"
    assert micro.prf.precision == pytest.approx(1 / 3) and micro.prf.recall == pytest.approx(1 / 3)
    assert {column.key: value for column, value in micro.counts} == {
        "correct": 1, "incorrect": 2, "partial": 0, "missed": 0, "spurious": 0, "possible": 3, "actual": 3,
    }
    (partial,) = rows_of(result, "entities", "partial", "micro")
    assert partial.prf.precision == pytest.approx(2.5 / 3)  # Alice, Paris correct; Bob half credit
    # per type under strict: PERSON 1 of 2, GPE missed, ORG spurious; macro P = mean(1/2, 0), F1 = mean(1/2, 0, 0)
    assert [row.label for row in rows_of(result, "entities", "strict", "per_type")] == ["GPE", "ORG", "PERSON"]
    (macro,) = rows_of(result, "entities", "strict", "macro")
    assert macro.prf.precision == pytest.approx(1 / 4) and macro.prf.f1 == pytest.approx(1 / 6)
    assert [(c.key, v) for c, v in macro.counts] == [("types", 3)]


def test_every_schema_attribute_has_a_row_and_an_absent_layer_is_not_scored(result):
    attributes = rows_of(result, "claims", "strict", "attributes")
    assert [row.label for row in attributes] == list(result.schema.attributes["claims"])
    assert all(isinstance(row, ConfusionRow) and row.on_pairs and row.pairs == 0 for row in attributes)
    (link,) = rows_of(result, "claims", "strict", "link")
    assert isinstance(link, NotScoredRow) and link.data() is None  # attributions were not predicted


def test_json_scores_are_the_rows_data(result):
    scores = json.loads(json_report.render(result))["scores"]
    for row in result.rows():
        where = scores[row.task][row.scheme][row.group]
        assert (where if row.label is None else where[row.label]) == row.data()


def test_tables_lay_out_the_rows(result):
    text = table.render(result, detail=True)
    assert "micro   0.3333  0.3333  0.3333    1    2    0    0    0" in text
    assert "macro   0.2500  0.2500  0.1667" in text
    assert "| micro | 0.8333 | 0.8333 | 0.8333 | 2 | 0 | 1 | 0 | 0 |" in markdown.render(result, detail=True)


def test_coreference_rows_are_not_per_scheme():
    gold = {"d1": annotations(entities=[mention(0, 11, entity_id="A"), mention(52, 56, entity_id="A")],
                              claims=[], attributions=[])}
    found = evaluate(gold, gold, documents=DOCS, task="coreference", scheme=("strict", "partial")).rows()
    assert [(row.scheme, row.group) for row in found] == [
        ("exact-mentions", "mentions"), ("exact-mentions", "muc"), ("exact-mentions", "bcub"),
        ("exact-mentions", "ceafe"), ("exact-mentions", "conll_f1"),
    ]
    assert isinstance(found[-1], F1Row) and found[-1].f1 == 1.0


def test_unknown_task_suggests_the_closest():
    with pytest.raises(ValueError, match="unknown task 'entites'; did you mean 'entities'"):
        TASKS["entites"]
    assert list(TASKS) == ["entities", "claims", "attribution", "coreference"]
