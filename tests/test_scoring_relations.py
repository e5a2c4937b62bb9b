"""evaluate() on claims (detection, attributes, certainty MAE, hedges, links) and attributions."""

import pytest

from conftest import annotations, make_document, mention
from saidbench import evaluate
from saidbench.model import Attribution, Claim, Span

DOCS = {"d1": make_document()}
S = Span.of

# "Carol said that Dave left." -- Carol [36,41), said [42,46), that Dave left [47,61), Dave left [52,61)
GOLD_ATTRIBUTION = Attribution(
    id="a1", source=S(36, 41), cue=S(42, 46), content=S(47, 61), source_type="named_person",
    quote_type="indirect", cue_polarity="affirmed", source_entity="E_carol",
)
GOLD_CLAIMS = [
    Claim(S(52, 61), id="c1", certainty="likely", hedges=(), commitment="attributed", polarity="positive",
          claim_type="event", modality="actual", attribution="a1"),
    Claim(S(0, 34), id="c2", certainty="none", hedges=(), commitment="asserted", polarity="positive",
          claim_type="event", modality="actual", attribution=None),
]
GOLD = {"d1": annotations(
    entities=[mention(36, 41, entity_id="E_carol"), mention(16, 25, entity_id="E_bob")],
    claims=GOLD_CLAIMS, attributions=[GOLD_ATTRIBUTION],
)}
PRED_ATTRIBUTION = Attribution(
    id="b1", source=S(36, 41), cue=S(42, 46), content=S(52, 61), source_type="named_person",
    quote_type="direct", cue_polarity="affirmed",
)
PRED_CLAIMS = [
    Claim(S(52, 61), certainty="almost_certain", hedges=(S(47, 51),), commitment="attributed",
          polarity="negative", claim_type="event", modality=None, attribution="b1"),
    Claim(S(0, 25), certainty="likely", hedges=None, commitment="asserted", polarity=None,
          claim_type="event", modality="actual", attribution=None),
]
PRED = {"d1": annotations(claims=PRED_CLAIMS, attributions=[PRED_ATTRIBUTION])}


def claim_scores(pred=PRED, scheme="strict"):
    return evaluate(pred, GOLD, task="claims", scheme=scheme, documents=DOCS).scores()["claims"][scheme]


def test_claim_detection_by_hand():
    # c1-x1 identical, c2-x2 overlapping: strict COR 1, INC 1 -> P = R = 1/2; partial: (1 + .5)/2
    assert claim_scores()["detection"]["precision"] == pytest.approx(0.5)
    assert claim_scores(scheme="partial")["detection"]["precision"] == pytest.approx(0.75)


def test_claim_attributes_by_hand():
    attributes = claim_scores()["attributes"]
    assert attributes["commitment"]["accuracy"] == 1.0  # attributed/attributed, asserted/asserted
    # polarity: x1 says negative (gold positive); x2 omits it -> 0 of 1, 1 omitted
    assert (attributes["polarity"]["accuracy"], attributes["polarity"]["pairs"], attributes["polarity"]["omitted"]) == (0.0, 1, 1)
    assert (attributes["modality"]["accuracy"], attributes["modality"]["omitted"]) == (1.0, 1)
    assert attributes["certainty"]["accuracy"] == 0.0


def test_certainty_mae_excludes_none():
    # likely (band 5) vs almost_certain (band 7): 2; none vs likely: excluded
    mae = claim_scores()["certainty_mae"]
    assert (mae["mae"], mae["pairs"], mae["excluded_none"]) == (2.0, 1, 1)


def test_hedges_on_matched_pairs():
    # x1 predicts a hedge "that" where gold has none: 1 spurious; x2 gives no hedges: skipped
    hedges = claim_scores()["hedges"]
    assert (hedges["spurious"], hedges["possible"], hedges["precision"], hedges["recall"]) == (1, 0, 0.0, None)


def test_link_accuracy():
    # c1 -> a1, a1 paired with b1, x1 -> b1: right; c2 and x2 link nowhere: right
    assert claim_scores()["link"] == {"accuracy": 1.0, "correct": 2, "total": 2}
    wrong = {"d1": annotations(claims=[PRED_CLAIMS[0].__class__(**{**_fields(PRED_CLAIMS[0]), "attribution": None}),
                                       PRED_CLAIMS[1]], attributions=[PRED_ATTRIBUTION])}
    assert claim_scores(wrong)["link"]["correct"] == 1
    # attributions not predicted: links cannot be scored
    assert claim_scores({"d1": annotations(claims=PRED_CLAIMS)})["link"] is None


def _fields(claim):
    return {name: getattr(claim, name) for name in claim.__slots__}


def attribution_scores(pred_attributions, scheme):
    pred = {"d1": annotations(attributions=pred_attributions)}
    return evaluate(pred, GOLD, task="attribution", scheme=scheme, documents=DOCS).scores()["attribution"][scheme]


def test_relation_and_roles_by_hand():
    strict = attribution_scores([PRED_ATTRIBUTION], "strict")
    # content [52,61) differs from [47,61): strict relation incorrect; roles: source, cue correct, content incorrect
    assert (strict["relations"]["correct"], strict["relations"]["incorrect"]) == (0, 1)
    assert [strict["roles"][r]["correct"] for r in ("source", "cue", "content")] == [1, 1, 0]
    # type: cue and content overlap, sources agree -> correct
    assert attribution_scores([PRED_ATTRIBUTION], "type")["relations"]["correct"] == 1
    assert attribution_scores([PRED_ATTRIBUTION], "partial")["relations"]["partial"] == 1
    assert strict["attributes"]["quote_type"]["accuracy"] == 0.0
    assert strict["attributes"]["source_type"]["accuracy"] == 1.0
    assert strict["source_entity"] == {"accuracy": 1.0, "correct": 1, "total": 1}


def test_source_entity_through_coreference():
    # the prediction names the source by another gold mention of E_carol: the speaker is right,
    # but the source spans do not overlap, so under `type` the relation is incorrect
    gold_entities = [mention(36, 41, entity_id="E_carol"), mention(52, 56, entity_id="E_carol")]
    gold = {"d1": annotations(entities=gold_entities, claims=[], attributions=[GOLD_ATTRIBUTION])}
    other_mention = Attribution(source=S(52, 56), cue=S(42, 46), content=S(47, 61))
    wrong_speaker = Attribution(source=S(0, 11), cue=S(42, 46), content=S(47, 61))
    for source, right in ((other_mention, 1), (wrong_speaker, 0)):
        result = evaluate({"d1": annotations(attributions=[source])}, gold, task="attribution", scheme="type",
                          documents=DOCS).scores()["attribution"]["type"]
        assert result["source_entity"]["correct"] == right
        assert result["relations"]["incorrect"] == 1


def test_relations_without_source():
    sourceless_gold = Attribution(id="a1", source=None, cue=S(42, 46), content=S(47, 61), source_type="no_source",
                                  quote_type="indirect", cue_polarity="affirmed")
    gold = {"d1": annotations(entities=[], claims=[], attributions=[sourceless_gold])}
    both_null = Attribution(source=None, cue=S(42, 46), content=S(47, 61))
    invented = Attribution(source=S(36, 41), cue=S(42, 46), content=S(47, 61))
    for pred, expected in ((both_null, (1, 0)), (invented, (0, 1))):
        scores = evaluate({"d1": annotations(attributions=[pred])}, gold, task="attribution", scheme="strict",
                          documents=DOCS).scores()["attribution"]["strict"]
        assert (scores["relations"]["correct"], scores["relations"]["incorrect"]) == expected
        # a null source is no role item: no source is missed; an invented one is spurious
        assert scores["roles"]["source"]["missed"] == 0
        assert scores["roles"]["source"]["spurious"] == expected[1]
        assert scores["source_entity"]["total"] == 0  # only pairs whose gold has a source
