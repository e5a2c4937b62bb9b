"""The error report: item outcomes recorded from the alignments that produce the counts (outcomes.py)."""

import json
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import TEXT, Attribution, Claim, Span, annotations, make_document, mention
from saidbench import evaluate
from saidbench.cli import main
from saidbench.counts import Key, SpanCounts
from saidbench.schemes import SPAN_SCHEMES
from saidbench.model import Mention
from saidbench.outcomes import Extent, ItemOutcome, Side

DOCS = {"d1": make_document()}
# METRICS.md's worked example, plus a gold "Dave" [52,56) that nothing predicts
GOLD = {"d1": annotations(entities=[mention(0, 11), mention(16, 25), mention(29, 34, "GPE"), mention(52, 56)])}
PRED = {"d1": annotations(entities=[mention(0, 11), mention(16, 19), mention(29, 34, "ORG"), mention(36, 41)])}
METRIC = {"entities": "mentions", "claims": "claims", "attribution": "relations"}


def side(index, start, end, label=None, role="mention"):
    return Side(index, (Extent(role, ((start, end),), TEXT[start:end]),), label)


def entity_errors(scheme, pred=PRED, gold=GOLD):
    return evaluate(pred, gold, task="entities", scheme=scheme, documents=DOCS).errors


BOB, BOB_PRED = side(1, 16, 25, "PERSON"), side(1, 16, 19, "PERSON")
PARIS_GPE, PARIS_ORG = side(2, 29, 34, "GPE"), side(2, 29, 34, "ORG")
DAVE, CAROL = side(3, 52, 56, "PERSON"), side(3, 36, 41, "PERSON")


@pytest.mark.parametrize(
    "scheme, expected",
    [
        ("strict", [("incorrect", BOB, BOB_PRED), ("incorrect", PARIS_GPE, PARIS_ORG),
                    ("spurious", None, CAROL), ("missed", DAVE, None)]),
        ("exact", [("incorrect", BOB, BOB_PRED), ("spurious", None, CAROL), ("missed", DAVE, None)]),
        ("partial", [("partial", BOB, BOB_PRED), ("spurious", None, CAROL), ("missed", DAVE, None)]),
        ("type", [("incorrect", PARIS_GPE, PARIS_ORG), ("spurious", None, CAROL), ("missed", DAVE, None)]),
        ("token", [("partial", BOB, BOB_PRED), ("spurious", None, CAROL), ("missed", DAVE, None)]),
    ],
)
def test_entity_outcomes_by_hand(scheme, expected):
    assert entity_errors(scheme) == tuple(ItemOutcome("d1", "entities", scheme, *e) for e in expected)


def test_texts_offsets_and_labels_are_the_documents():
    missed, = [e for e in entity_errors("strict") if e.outcome == "missed"]
    assert missed.gold.spans[0].text == "Dave" and missed.gold.spans[0].fragments == ((52, 56),)
    wrong_label = entity_errors("strict")[1]
    assert (wrong_label.gold.label, wrong_label.pred.label, wrong_label.pred.spans[0].text) == ("GPE", "ORG", "Paris")


def test_correct_pairs_do_not_appear():
    for scheme in ("strict", "exact", "partial", "type", "token"):
        assert all(e.gold is None or e.gold.index != 0 for e in entity_errors(scheme))  # Alice Smith is right
    assert not [e for e in evaluate(PRED, GOLD, documents=DOCS).errors if e.outcome == "correct"]


def test_gold_against_gold_has_no_errors():
    gold = {"d1": annotations(entities=GOLD["d1"].entities, claims=[Claim(Span.of(52, 61))],
                              attributions=[Attribution(Span.of(42, 46), Span.of(52, 61), Span.of(36, 41))])}
    assert evaluate(gold, gold, documents=DOCS).errors == ()


def test_bundled_gold_against_itself_has_no_errors():
    from saidbench import resources

    assert evaluate(resources.gold_path()).errors == ()


def test_discontinuous_and_unplaced_sides():
    gold = {"d1": annotations(entities=[Mention(Span(((0, 5), (12, 15))), "PERSON")])}
    pred = {"d1": annotations(entities=[mention(0, 5), Mention(None, "ORG", text="Zebra")])}
    found = entity_errors("strict", pred, gold)
    assert [e.outcome for e in found] == ["incorrect", "spurious"]
    assert found[0].gold.spans == (Extent("mention", ((0, 5), (12, 15)), "Alice … met"),)
    assert found[1].pred == Side(1, (Extent("mention", (), "Zebra"),), "ORG")  # unplaced: its own text, no offsets


def test_claim_and_relation_outcomes():
    gold = {"d1": annotations(claims=[Claim(Span.of(52, 61))],
                              attributions=[Attribution(Span.of(42, 46), Span.of(52, 61), Span.of(36, 41))])}
    pred = {"d1": annotations(claims=[Claim(Span.of(47, 61)), Claim(Span.of(0, 11))],
                              attributions=[Attribution(Span.of(42, 46), Span.of(57, 61), Span.of(36, 41))])}
    result = evaluate(pred, gold, documents=DOCS)
    claim = side(0, 52, 61, role="claim")
    assert result.errors_for("claims", "partial") == (
        ItemOutcome("d1", "claims", "partial", "spurious", None, side(1, 0, 11, role="claim")),
        ItemOutcome("d1", "claims", "partial", "partial", claim, side(0, 47, 61, role="claim")),
    )
    assert result.errors_for("claims", "type", "spurious")[0].pred.spans[0].text == "Alice Smith"
    assert not result.errors_for("claims", "type", "partial")  # overlap is correct under type
    relation, = result.errors_for("attribution", "strict")
    assert relation.outcome == "incorrect"
    assert [(e.role, e.text, e.fragments) for e in relation.gold.spans] == [
        ("source", "Carol", ((36, 41),)), ("cue", "said", ((42, 46),)), ("content", "Dave left", ((52, 61),))]
    assert relation.pred.spans[2] == Extent("content", ((57, 61),), "left")
    assert not result.errors_for("attribution", "type")  # sources agree, cue and content overlap
    assert result.errors_for(doc_id="d2") == ()


def assert_outcomes_agree_with_counts(result):
    """The outcomes in result.errors are those the counts were made from, scheme by scheme."""
    for task in result.settings.tasks:
        if task not in METRIC:  # coreference judges partitions and records no item outcomes
            assert not result.errors_for(task)
            continue
        for scheme in result.settings.schemes:
            found = result.errors_for(task, scheme)
            seen_gold = [e.gold.index for e in found if e.gold]
            seen_pred = [e.pred.index for e in found if e.pred]
            assert len(seen_gold) == len(set(seen_gold)) and len(seen_pred) == len(set(seen_pred))
            if scheme not in SPAN_SCHEMES:
                continue
            counts = result.total.get(Key(task, scheme, METRIC[task])) or SpanCounts()
            outcomes = Counter(e.outcome for e in found)
            assert (outcomes["incorrect"], outcomes["partial"], outcomes["missed"], outcomes["spurious"]) == (
                counts.incorrect, counts.partial, counts.missed, counts.spurious)


def test_counts_agree_on_the_worked_example():
    assert_outcomes_agree_with_counts(evaluate(PRED, GOLD, documents=DOCS))


spans = st.tuples(st.integers(0, 55), st.integers(1, 6)).map(lambda t: Span.of(t[0], min(t[0] + t[1], len(TEXT))))
random_mentions = st.lists(
    st.tuples(spans, st.sampled_from(["PERSON", "ORG"])).map(lambda t: Mention(t[0], t[1], kind="name")), max_size=8)
random_claims = st.lists(spans.map(Claim), max_size=5)
random_relations = st.lists(
    st.tuples(spans, spans, st.one_of(st.none(), spans)).map(lambda t: Attribution(t[0], t[1], t[2])), max_size=4)
random_layers = st.builds(
    lambda e, c, a: annotations(entities=e, claims=c, attributions=a), random_mentions, random_claims, random_relations)


@settings(max_examples=40, deadline=None)
@given(random_layers, random_layers)
def test_outcomes_agree_with_counts_on_random_input(gold, pred):
    result = evaluate({"d1": pred}, {"d1": gold}, documents=DOCS)
    assert_outcomes_agree_with_counts(result)
    assert not [e for e in result.errors if e.outcome == "correct"]


# -- the command line -----------------------------------------------------------------------------

DOC_ID = "nk-troops-uk-says"


def write(path, *lines):
    path.write_text("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines), encoding="utf-8")
    return str(path)


@pytest.fixture
def files(tmp_path):
    from saidbench.validate import load_documents

    text = load_documents()[DOC_ID].text
    start = text.index("The MoD said")
    gold = write(tmp_path / "gold.jsonl", {
        "doc_id": DOC_ID, "guideline_version": "1.0", "claims": [], "attributions": [],
        "entities": [{"id": "m1", "start": start, "end": start + 7, "text": "The MoD", "label": "ORG", "kind": "name",
                      "entity_id": "E_mod"}]})
    pred = write(tmp_path / "pred.jsonl", {"doc_id": DOC_ID, "entities": [
        {"start": start + 4, "end": start + 7, "label": "ORG"}, {"text": "Zebra", "label": "ORG"}]})
    return gold, pred, start


def test_cli_errors_lines(files, capsys):
    gold, pred, start = files
    command = ["eval", "--pred", pred, "--gold", gold, "--task", "entities", "--scheme", "partial"]
    assert main(command) == 0
    plain = capsys.readouterr().out
    assert main([*command, "--errors"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(plain)  # the score tables come first, unchanged
    lines = out[len(plain):].splitlines()
    assert "errors: entities / partial (2)" in lines
    assert f'  {DOC_ID}  partial   "The MoD" [{start}, {start + 7}) ORG  vs  "MoD" [{start + 4}, {start + 7}) ORG' in lines
    assert f'  {DOC_ID}  spurious  -  vs  "Zebra" (unplaced) ORG' in lines
    assert main([*command, "--errors", "--format", "markdown"]) == 0
    out = capsys.readouterr().out
    assert f'| {DOC_ID} | partial | "The MoD" [{start}, {start + 7}) ORG | "MoD" [{start + 4}, {start + 7}) ORG |' in out
    assert main([*command, "--format", "markdown"]) == 0
    assert "errors:" not in capsys.readouterr().out


def test_json_has_every_field_of_the_errors_with_the_flag(files, capsys):
    gold, pred, start = files
    command = ["eval", "--pred", pred, "--gold", gold, "--task", "entities", "--scheme", "strict", "--format", "json"]
    assert main(command) == 0
    assert "errors" not in json.loads(capsys.readouterr().out)
    assert main([*command, "--errors"]) == 0
    errors = json.loads(capsys.readouterr().out)["errors"]
    assert errors[0] == {
        "doc_id": DOC_ID, "task": "entities", "scheme": "strict", "outcome": "incorrect",
        "gold": {"index": 0, "label": "ORG", "spans": [{"role": "mention", "fragments": [[start, start + 7]], "text": "The MoD"}]},
        "pred": {"index": 0, "label": "ORG", "spans": [{"role": "mention", "fragments": [[start + 4, start + 7]], "text": "MoD"}]},
    }
    assert errors[1]["outcome"] == "spurious" and errors[1]["gold"] is None
    assert errors[1]["pred"]["spans"][0] == {"role": "mention", "fragments": [], "text": "Zebra"}


def test_without_the_error_report_the_counts_are_the_same(repo):
    from saidbench import evaluate

    full = evaluate(repo / "examples" / "baseline.jsonl")
    lean = evaluate(repo / "examples" / "baseline.jsonl", errors=False)
    assert full.errors and lean.errors == ()
    assert dict(lean.per_unit) == dict(full.per_unit)


def test_errors_out_writes_the_json_errors_as_lines(files, tmp_path, capsys):
    """--errors-out FILE holds, one per line, the outcomes the JSON output lists with --errors (here the
    hand-checked pair above: the incorrect "MoD" and the spurious unplaced "Zebra"), and the scores are unchanged."""
    gold, pred, start = files
    command = ["eval", "--pred", pred, "--gold", gold, "--task", "entities", "--scheme", "strict", "--format", "json"]
    assert main([*command, "--errors"]) == 0
    shown = json.loads(capsys.readouterr().out)
    out = tmp_path / "errors.jsonl"
    assert main([*command, "--errors-out", str(out)]) == 0
    written = json.loads(capsys.readouterr().out)
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert lines == shown["errors"]
    assert [line["outcome"] for line in lines] == ["incorrect", "spurious"]
    assert written["scores"] == shown["scores"] and "errors" not in written


def test_errors_out_leaves_no_file_when_the_input_is_bad(files, tmp_path, capsys):
    gold, _, _ = files
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"doc_id": "%s", "entities": [{"start": 0, "end": 3, "label": "ORG"}]}\n{"doc_id": 1}\n' % DOC_ID,
                   encoding="utf-8")
    out = tmp_path / "errors.jsonl"
    assert main(["eval", "--pred", str(bad), "--gold", gold, "--errors-out", str(out)]) == 1
    assert "bad.jsonl" in capsys.readouterr().err
    assert not out.exists() and list(tmp_path.glob("*.partial")) == []


def test_errors_out_and_errors_are_exclusive(files, tmp_path, capsys):
    gold, pred, _ = files
    assert main(["eval", "--pred", pred, "--gold", gold, "--errors", "--errors-out", str(tmp_path / "e.jsonl")]) == 2
    assert "not both" in capsys.readouterr().err
