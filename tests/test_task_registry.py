"""A new task is one class plus one registry line: scoring, the JSON scores, the tables and the notes pick it up."""

import pytest

from conftest import annotations, make_document, mention
from saidbench import evaluate
from saidbench.counts import Key, Ratio
from saidbench.report import table
from saidbench.rows import RatioRow, where
from saidbench.tasks import TASKS, Task

DOCS = {"d1": make_document()}
GOLD = {"d1": annotations(entities=[mention(0, 11), mention(16, 25), mention(29, 34, "GPE")], claims=[], attributions=[])}
PRED = {"d1": annotations(entities=[mention(0, 11), mention(16, 19), mention(29, 34, "ORG")])}


class ExactLabels(Task):
    """Share of predicted mentions whose exact span and label are a gold mention's (a toy task for the test)."""

    name, layer, scheme = "exact_labels", "entities", "exact-spans"
    groups = (("precision", False),)
    primary = "precision"
    per_scheme = False

    def count(self, context):
        gold = {(m.span, m.label) for m in context.gold_layer("entities")}
        for m in context.pred_layer("entities"):
            context.collector.add(m.span, Key(self.name, self.scheme, "precision"), Ratio(int((m.span, m.label) in gold), 1))

    def rows(self, tally, scheme, schema):
        found = tally.get(Key(self.name, self.scheme, "precision")) or Ratio()
        return [RatioRow.of(where(self.name, self.scheme, "precision", "exact span and label"), found)]

    def headlines(self, schemes):
        return ()


@pytest.fixture
def registered(monkeypatch):
    monkeypatch.setitem(TASKS._entries, ExactLabels.name, ExactLabels())


def test_a_registered_task_is_scored_and_shown(registered):
    result = evaluate(PRED, GOLD, documents=DOCS, task=("entities", "exact_labels"), scheme="strict")
    # Alice has the gold span and label; Bob's span and Paris's label differ: 1 of 3
    assert result.scores()["exact_labels"] == {"precision": {"accuracy": pytest.approx(1 / 3), "correct": 1, "total": 3}}
    text = table.render(result, detail=True)
    assert "exact_labels / exact-spans" in text and "exact span and label" in text and "1/3" in text


def test_a_task_not_predicted_is_listed(registered):
    result = evaluate({"d1": annotations(claims=[])}, GOLD, documents=DOCS, task="exact_labels")
    assert result.not_predicted == {"exact_labels": ("d1",)}
