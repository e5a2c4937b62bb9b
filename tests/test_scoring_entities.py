"""evaluate() on entity mentions: micro, macro, per type, kinds, units, layers, shards."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import annotations, make_document, mention
from saidbench import evaluate
from saidbench.counts import Key, SpanCounts
from saidbench.tasks import Unit

DOC = make_document()
DOCS = {"d1": DOC}

GOLD = {"d1": annotations(entities=[
    mention(0, 11), mention(16, 25), mention(29, 34, "GPE"), mention(52, 56), mention(36, 41, kind="pronoun"),
], claims=[], attributions=[])}
PRED = {"d1": annotations(entities=[
    mention(0, 11),  # Alice Smith: correct
    mention(16, 19),  # Bob: overlaps Bob Jones
    mention(29, 34, "ORG"),  # Paris with the wrong type
    mention(52, 56),  # Dave: correct, second section
    mention(36, 41, kind="pronoun"),  # only scored with --mentions including pronoun
])}


def run(pred=PRED, gold=GOLD, **options):
    options.setdefault("task", "entities")
    return evaluate(pred, gold, documents=DOCS, **options)


def test_micro_strict_by_hand():
    micro = run(scheme="strict").scores()["entities"]["strict"]["micro"]
    # names only: gold 4, predicted 4; correct Alice, Dave; incorrect Bob, Paris -> P = R = 2/4
    assert (micro["correct"], micro["incorrect"], micro["missed"], micro["spurious"]) == (2, 2, 0, 0)
    assert micro["precision"] == pytest.approx(0.5) and micro["recall"] == pytest.approx(0.5)


def test_per_type_and_macro_by_hand():
    scores = run(scheme="strict").scores()["entities"]["strict"]
    per_type = scores["per_type"]
    # PERSON alone: gold {Alice, Bob Jones, Dave}, pred {Alice, Bob, Dave}: COR 2, INC 1 -> P = R = 2/3
    assert per_type["PERSON"]["precision"] == pytest.approx(2 / 3)
    # GPE: gold Paris, nothing predicted -> P undefined, R 0, F1 0
    assert (per_type["GPE"]["precision"], per_type["GPE"]["recall"], per_type["GPE"]["f1"]) == (None, 0.0, 0.0)
    # ORG: Paris predicted, none in gold -> P 0, R undefined, F1 0
    assert (per_type["ORG"]["precision"], per_type["ORG"]["recall"]) == (0.0, None)
    # macro P = mean(2/3, 0) over PERSON and ORG (GPE undefined); R = mean(2/3, 0) over PERSON and GPE;
    # F1 = mean(2/3, 0, 0) = 2/9
    assert scores["macro"]["precision"] == pytest.approx(1 / 3)
    assert scores["macro"]["recall"] == pytest.approx(1 / 3)
    assert scores["macro"]["f1"] == pytest.approx(2 / 9)


def test_other_schemes_by_hand():
    scores = run().scores()["entities"]
    # exact: Alice, Paris, Dave correct (label ignored), Bob incorrect -> 3/4
    assert scores["exact"]["micro"]["precision"] == pytest.approx(0.75)
    # partial: 3 correct + Bob partial -> (3 + 0.5)/4
    assert scores["partial"]["micro"]["precision"] == pytest.approx(3.5 / 4)
    # type: Alice, Bob, Dave correct, Paris incorrect -> 3/4
    assert scores["type"]["micro"]["precision"] == pytest.approx(0.75)
    # token: gold tokens Alice Smith Bob Jones Paris Dave = 6, predicted Alice Smith Bob Paris Dave = 5, shared 5
    token = scores["token"]["micro"]
    assert (token["overlap_tokens"], token["predicted_tokens"], token["gold_tokens"]) == (5, 5, 6)


def test_mention_kinds():
    micro = run(scheme="strict", mention_kinds=("name", "pronoun")).scores()["entities"]["strict"]["micro"]
    assert (micro["correct"], micro["possible"]) == (3, 5)  # Carol (pronoun) now counts: 3/5


def test_counts_per_unit_follow_sections():
    result = run(scheme="strict")
    key = Key("entities", "strict", "mentions")
    # section p1 [0,35) holds Alice, Bob, Paris; p2 [36,62) holds Dave
    assert result.per_unit[Unit("d1", "p1")].get(key) == SpanCounts(correct=1, incorrect=2)
    assert result.per_unit[Unit("d1", "p2")].get(key) == SpanCounts(correct=1)
    assert result.per_document()["d1"].get(key) == SpanCounts(correct=2, incorrect=2)


def test_absent_layer_is_not_predicted_unless_strict_layers():
    pred = {"d1": annotations(claims=[])}
    lenient = run(pred=pred, scheme="strict")
    assert lenient.not_predicted == {"entities": ("d1",)}
    assert lenient.scores()["entities"]["strict"]["micro"]["recall"] is None  # nothing scored
    strict = run(pred=pred, scheme="strict", strict_layers=True)
    assert strict.scores()["entities"]["strict"]["micro"]["recall"] == 0.0  # 4 names missed
    assert "layers:strict" in strict.signature() and "layers:lenient" in lenient.signature()


def test_missing_document_is_reported_and_scored_empty_only_under_strict_layers():
    docs = {"d1": DOC, "d2": make_document(doc_id="d2")}
    gold = dict(GOLD, d2=annotations("d2", entities=[mention(0, 11)], claims=[], attributions=[]))
    lenient = evaluate(PRED, gold, task="entities", scheme="strict", documents=docs)
    assert lenient.missing_documents == ("d2",) and lenient.documents == ("d1",)
    strict = evaluate(PRED, gold, task="entities", scheme="strict", documents=docs, strict_layers=True)
    assert strict.scores()["entities"]["strict"]["micro"]["missed"] == 1


def test_duplicate_prediction_warns_and_counts_spurious():
    pred = {"d1": annotations(entities=[mention(0, 11), mention(0, 11)])}
    result = run(pred=pred, scheme="strict")
    assert any("2 predictions with the same span" in w for w in result.warnings)
    micro = result.scores()["entities"]["strict"]["micro"]
    assert (micro["correct"], micro["spurious"]) == (1, 1)


def test_bad_options():
    with pytest.raises(ValueError, match="unknown scheme"):
        run(scheme="fuzzy")
    with pytest.raises(ValueError, match="unknown task"):
        run(task="sentiment")
    with pytest.raises(ValueError, match="mention kind"):
        run(mention_kinds=("proper",))


def test_unknown_document_in_predictions_is_an_input_error():
    from saidbench import InputError

    with pytest.raises(InputError, match="unknown document"):
        run(pred={"nope": annotations("nope", entities=[])})


# -- properties ------------------------------------------------------------------------------

random_mentions = st.lists(
    st.tuples(st.integers(0, 55), st.integers(1, 6), st.sampled_from(["PERSON", "ORG"])).map(
        lambda t: mention(t[0], t[0] + t[1], t[2])
    ),
    max_size=6,
)


@settings(max_examples=40, deadline=None)
@given(random_mentions, random_mentions, random_mentions, random_mentions)
def test_merged_shards_equal_whole(gold1, pred1, gold2, pred2):
    docs = {"d1": DOC, "d2": make_document(doc_id="d2")}
    gold = {"d1": annotations("d1", gold1, [], []), "d2": annotations("d2", gold2, [], [])}
    pred = {"d1": annotations("d1", pred1), "d2": annotations("d2", pred2)}
    whole = evaluate(pred, gold, task="entities", documents=docs)
    shards = [
        evaluate({d: pred[d]}, {d: gold[d]}, task="entities", documents=docs) for d in ("d1", "d2")
    ]
    assert shards[0].total + shards[1].total == whole.total
    assert whole.scores() == whole.scores(shards[0].total + shards[1].total)


@settings(max_examples=40, deadline=None)
@given(random_mentions)
def test_gold_against_itself_scores_one(gold_mentions):
    gold = {"d1": annotations("d1", gold_mentions, [], [])}
    scores = evaluate(gold, gold, task="entities", documents=DOCS).scores()["entities"]
    for scheme, s in scores.items():
        assert s["micro"]["f1"] in (None, 1.0), scheme
