"""A simulated language-model output on the bundled article: 34 text-only items with the quirks models have.

Every item a person would place is placed at hand-checked offsets (those of the gold item it
reproduces, which the annotators placed by hand); the rest are reported with a diagnosis; the
scores are those a person would expect. Quirks: ``Russia`` vs ``Russian``, a hedge that occurs
again elsewhere, attributions whose roles occur in several paragraphs, straight for curly quotes,
a plain for a no-break space, ``...`` for an omitted stretch, a final full stop missing or added,
hyphens for en dashes.
"""

import json

import pytest

import saidbench
from saidbench.cli import main
from saidbench.validate import load_checked

DOC = "nk-troops-uk-says"
RUSSIA = [1110, 1426, 1931, 2027, 2099, 2613, 2776]  # every "Russia" that is not the start of "Russian"
RUSSIAN = [220, 519, 915, 1221, 2503]

ENTITIES = (
    [{"text": "Russian", "label": "NORP"}] * 5
    + [{"text": "Russia", "label": "GPE"}] * 8  # one more than the article has
    + [
        {"text": "Vladimir Putin", "label": "PERSON"},
        {"text": "Vladimir Putin", "label": "PERSON"},
        {"text": "Kim Jong Un", "label": "PERSON"},
        {"text": "Ministry of Defence", "label": "ORG"},
        {"text": "Democratic People's Republic of Korea", "label": "GPE"},  # straight apostrophe
        {"text": "North Korea", "label": "GPE"},  # not inside "North Korean"
        {"text": "Kim Jong-Un", "label": "PERSON"},  # a near miss
        {"text": "Boris Johnson", "label": "PERSON"},  # absent
    ]
)
CLAIMS = [
    {"text": 'Vladimir Putin\'s troops are already encountering "difficulties" when it comes to working with their '
             "new North Korean allies in battle", "hedges": []},
    {"text": "For Russia, DPRK's military support to their war in Ukraine has highly likely been the core driver for "
             "their partnership", "hedges": [{"text": "highly likely"}]},  # "highly likely" also at 1620
    {"text": "DPRK troops almost certainly have difficulties integrating into Russia's command and control structure",
     "hedges": [{"text": "almost certainly"}]},  # "almost certainly" also at 1249
    {"text": "The two forces do not share a common language.", "hedges": []},  # a full stop the article has not
    {"text": "North Korea - also known as DPRK, the Democratic People's Republic of Korea - has subsequently sent "
             "around 11,000 combat troops to Russia", "hedges": []},  # hyphens for en dashes
    {"text": "North Korea sent 11,000 soldiers to Russia", "hedges": []},  # a paraphrase
]
ATTRIBUTIONS = [
    {"source": {"text": "The MoD"}, "cue": {"text": "said"}, "content": {
        "text": "For Russia, DPRK's military support to their war in Ukraine has highly likely been the core driver "
                "for their partnership and has until recently, centred around North Korea's provision of arms"}},
    {"source": {"text": "The MoD"}, "cue": {"text": "said"}, "content": {
        "text": "Russian and DPRK forces are almost certainly experiencing interoperability difficulties ... The two "
                "forces do not share a common language and DPRK troops almost certainly have difficulties integrating "
                "into Russia's command and control structure"}},
    {"source": {"text": "The MoD", "context": 'The MoD continued: "In return'},  # plain space, straight quote
     "cue": {"text": "continued"}, "content": {
        "text": "In return, DPRK has received high level international support from Russia and has secured a "
                "trading partner willing to break sanctions"}},  # no final full stop, like the gold
    {"source": {"text": "the UK's Ministry of Defence (MoD)"}, "cue": {"text": "warned"},
     "content": {"text": "it was not a seamless partnership"}},
    {"source": {"text": "the intelligence"}, "cue": {"text": "claimed"}, "content": {
        "text": 'North Korean troops have "highly likely sustained significant combat casualties" already and '
                '"only achieved tactical gains"'}},
    {"source": {"text": "the UK intelligence officials"}, "cue": {"text": "said"}, "content": {
        "text": 'signs North Korean troops were now serving with Russia was a sign their partnership had "deepened"'}},
    {"source": {"text": "The MoD"}, "cue": {"text": "stated"}, "content": {"text": "Russia is losing the war"}},
]
LINE = {"doc_id": DOC, "entities": ENTITIES, "claims": CLAIMS, "attributions": ATTRIBUTIONS}


@pytest.fixture
def simulated(write_jsonl):
    return write_jsonl([LINE], name="llm.jsonl")


@pytest.fixture(scope="module")
def gold():
    from saidbench.resources import gold_path

    return json.loads(gold_path().read_text(encoding="utf-8").splitlines()[0])


def fragments(span):
    return None if span is None else [list(f) for f in span.fragments]


def gold_fragments(obj):
    return obj["fragments"] if "fragments" in obj else [[obj["start"], obj["end"]]]


def test_entities_land_on_whole_words_in_document_order(simulated):
    loaded = load_checked(simulated)
    mentions = loaded.annotations[DOC].entities
    assert [m.span.start for m in mentions[:5]] == RUSSIAN
    assert [m.span.start for m in mentions[5:12]] == RUSSIA
    placed = [fragments(m.span) for m in mentions[13:19]]
    assert placed == [[[238, 252]], [[358, 372]], [[584, 595]], [[1132, 1151]], [[1017, 1054]], [[274, 285]]]
    assert [m.span for m in (mentions[12], mentions[19], mentions[20])] == [None, None, None]


def test_claims_and_hedges_land_inside_their_claims(simulated, gold):
    claims = load_checked(simulated).annotations[DOC].claims
    by_id = {c["id"]: c for c in gold["claims"]}
    expected = [by_id[i] for i in ("c5", "c26", "c16", "c15", "c12")]
    assert [fragments(c.span) for c in claims[:5]] == [gold_fragments(c) for c in expected]
    assert [fragments(c.span) for c in claims[:5]] == [[[358, 491]], [[2095, 2215]], [[1362, 1464]], [[1312, 1357]],
                                                      [[979, 1116]]]
    # the hedges are those of the claim, not the first occurrence in the article (1620, 1249)
    assert fragments(claims[1].hedges[0]) == [[2159, 2172]] == gold_fragments(by_id["c26"]["hedges"][0])
    assert fragments(claims[2].hedges[0]) == [[1374, 1390]] == gold_fragments(by_id["c16"]["hedges"][0])
    assert claims[5].span is None


def test_attribution_roles_are_placed_together(simulated, gold):
    attributions = load_checked(simulated).annotations[DOC].attributions
    by_id = {a["id"]: a for a in gold["attributions"]}
    for placed, gold_id in zip(attributions[:6], ("a12", "a7", "a13", "a6", "a9", "a11")):
        for role in ("source", "cue", "content"):
            assert fragments(getattr(placed, role)) == gold_fragments(by_id[gold_id][role]), (gold_id, role)
    # "The MoD ... said" of a12 is one sentence, not stitched from three paragraphs
    assert [attributions[0].source.start, attributions[0].cue.start, attributions[0].content.start] == [2080, 2088, 2095]
    # the omission becomes the two fragments of the gold's discontinuous content
    assert fragments(attributions[1].content) == [[1221, 1308], [1312, 1464]]
    last = attributions[6]
    assert (last.source.start, last.cue, last.content) == (1206, None, None)


def test_everything_unplaced_is_diagnosed(simulated):
    notices = {n.field: n.message for n in load_checked(simulated).unresolved}
    assert set(notices) == {"entities[12]", "entities[19]", "entities[20]", "claims[5]",
                            "attributions[6].cue", "attributions[6].content"}
    assert notices["entities[12]"] == "text 'Russia' is given 8 times but occurs only 7 time(s); counted as spurious"
    assert notices["entities[19]"] == (
        "text 'Kim Jong-Un' does not occur in the document; closest in the document: \"Kim Jong Un\" at [584, 595): "
        "\" \" in the document, - in the prediction; counted as spurious"
    )
    assert notices["entities[20]"] == "text 'Boris Johnson' does not occur in the document; counted as spurious"
    assert "closest in the document" in notices["claims[5]"]


def test_scores_are_what_a_person_expects(simulated):
    result = saidbench.evaluate(simulated, task=("entities", "claims", "attribution"), scheme="strict")
    scores = result.scores()
    assert "align:normalized" in result.signature()
    entities = scores["entities"]["strict"]["micro"]
    # 18 right, no type errors (no Russia inside Russian), 3 unplaced items spurious, 47 of 65 gold names missed
    assert (entities["correct"], entities["incorrect"], entities["spurious"], entities["missed"]) == (18, 0, 3, 47)
    claims = scores["claims"]["strict"]["detection"]
    assert (claims["correct"], claims["incorrect"], claims["spurious"]) == (5, 0, 1)
    hedges = scores["claims"]["strict"]["hedges"]
    assert (hedges["correct"], hedges["spurious"]) == (2, 0)
    relations = scores["attribution"]["strict"]["relations"]
    assert (relations["correct"], relations["incorrect"], relations["spurious"]) == (6, 0, 1)
    assert len(result.unplaced) == 6
    # the error report shows the text of an unplaced role, not ""
    (spurious,) = result.errors_for("attribution", "strict", "spurious")
    assert [(e.role, e.text, e.fragments) for e in spurious.pred.spans] == [
        ("source", "The MoD", ((1206, 1213),)), ("cue", "stated", ()), ("content", "Russia is losing the war", ())
    ]


def test_the_signature_names_the_policy_only_when_text_was_placed(simulated, repo):
    assert "|offsets:cp|align:exact|" in saidbench.evaluate(simulated, task="claims", align="exact").signature()
    assert "align:" not in saidbench.evaluate(repo / "examples" / "baseline.jsonl", task="claims").signature()
    with pytest.raises(ValueError, match="unknown alignment policy 'fuzzy'"):
        saidbench.evaluate(simulated, align="fuzzy")


def test_exact_policy_diagnoses_the_typography(simulated):
    loaded = load_checked(simulated, align="exact")
    notices = {n.field: n.message for n in loaded.unresolved}
    assert notices["entities[17]"].endswith(
        "closest in the document: \"Democratic People’s Republic of Korea\" at [1017, 1054): "
        "’ in the document, ' in the prediction; counted as spurious"
    )
    assert "at [358, 491): ’ in the document, ' in the prediction; “ in the document, \" in the prediction; " \
        "” in the document, \" in the prediction; counted" in notices["claims[0]"]
    assert "at [1312, 1358): \" \" in the document, . in the prediction" in notices["claims[3]"]


def test_validate_warns_with_a_count_and_eval_prints_it(simulated, capsys):
    assert main(["validate", str(simulated)]) == 0
    out, err = capsys.readouterr()
    assert "valid predictions, but 6 text-only item(s) cannot be placed" in out
    assert err.count("warning: ") == 6 and "Boris Johnson" in err
    assert main(["eval", "--pred", str(simulated), "--task", "entities", "--scheme", "strict"]) == 0
    out, _ = capsys.readouterr()
    assert "unplaced text-only items (counted as spurious): 6" in out
    with pytest.raises(SystemExit) as usage:
        main(["eval", "--pred", str(simulated), "--align", "fuzzy"])
    assert usage.value.code == 2
