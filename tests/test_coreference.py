"""Coreference: MUC, B³, CEAF-e and CoNLL by hand, edge cases, invariants, the "not predicted" rule and the CLI."""

import json
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import annotations, make_document
from saidbench import evaluate, resources
from saidbench.cli import main
from saidbench.counts import Key, LinkCounts, Tally
from saidbench.model import Mention, Span
from saidbench.stats import Metric, bootstrap
from saidbench.tasks import Unit
from saidbench.tasks.coreference import canonical, ceafe, link_counts

DOC = make_document()
DOCS = {"d1": DOC, "d2": make_document(doc_id="d2")}
LETTERS = "abcdefghi"


def m(letter: str, entity_id: str | None = None, kind: str = "name") -> Mention:
    """Mention ``letter`` at a one-code-point span of its own (a = [0,1), b = [1,2), ...)."""
    start = LETTERS.index(letter)
    return Mention(Span.of(start, start + 1), "PERSON", kind=kind, entity_id=entity_id)


def chains(*groups: str, prefix: str = "E") -> list[Mention]:
    """Mentions from groups of letters, one entity id per group ("ab", "c" -> {a, b}, {c})."""
    return [m(letter, f"{prefix}{i}") for i, group in enumerate(groups) for letter in group]


def run(gold, pred, **options):
    options.setdefault("task", "coreference")
    gold_docs = {doc: annotations(doc, entities=mentions, claims=[], attributions=[]) for doc, mentions in gold.items()}
    pred_docs = {doc: annotations(doc, entities=mentions) for doc, mentions in pred.items()}
    return evaluate(pred_docs, gold_docs, documents={d: DOCS[d] for d in gold}, **options)


def coref(gold, pred, **options) -> dict:
    return run({"d1": gold}, {"d1": pred}, **options).scores()["coreference"]


def prf(row):
    return row["precision"], row["recall"], row["f1"]


# -- the classic example (Pradhan et al. 2014, figure 1): key {a,b,c} {d,e,f,g}; response {a,b} {c,d} {f,g,h,i} --

KEY, RESPONSE = ("abc", "defg"), ("ab", "cd", "fghi")


def test_classic_example_counts_by_hand():
    found = link_counts(canonical(KEY), canonical(RESPONSE))
    # MUC R: {a,b,c} -> {a,b}{c}: 3-2 = 1; {d,e,f,g} -> {d}{e}{f,g}: 4-3 = 1; over (3-1)+(4-1) = 5
    # MUC P: {a,b} 2-1 = 1; {c,d} -> {c}{d}: 0; {f,g,h,i} -> {f,g}{h}{i}: 4-3 = 1; over 1+1+3 = 5
    assert found["muc"] == LinkCounts(Fraction(2), 5, Fraction(2), 5)
    # B³ R: (2²+1²)/3 + (1²+2²)/4 = 5/3 + 5/4 = 35/12 over 7; P: 2²/2 + (1²+1²)/2 + 2²/4 = 4 over 8
    assert found["bcub"] == LinkCounts(Fraction(35, 12), 7, Fraction(4), 8)
    # CEAF-e: φ4({a,b,c},{a,b}) = 4/5, φ4({d,e,f,g},{f,g,h,i}) = 4/8; Φ = 13/10 over 2 key / 3 response entities
    assert found["ceafe"] == LinkCounts(Fraction(13, 10), 2, Fraction(13, 10), 3)
    # mentions: a b c d f g in both; 7 key, 8 response
    assert found["mentions"] == LinkCounts(Fraction(6), 7, Fraction(6), 8)


def test_classic_example_scores_by_hand():
    found = coref(chains(*KEY), chains(*RESPONSE, prefix="R"))
    assert prf(found["muc"]) == pytest.approx((0.4, 0.4, 0.4))
    assert prf(found["bcub"]) == pytest.approx((1 / 2, 5 / 12, 5 / 11))
    assert prf(found["ceafe"]) == pytest.approx((13 / 30, 13 / 20, 13 / 25))
    assert prf(found["mentions"]) == pytest.approx((6 / 8, 6 / 7, 12 / 15))
    assert found["conll_f1"] == pytest.approx((2 / 5 + 5 / 11 + 13 / 25) / 3)  # 0.4582


# -- edge cases -------------------------------------------------------------------------------------


def test_identical_partitions_score_one():
    found = coref(chains(*KEY), chains(*KEY, prefix="X"))
    assert all(prf(found[metric]) == (1.0, 1.0, 1.0) for metric in ("mentions", "muc", "bcub", "ceafe"))
    assert found["conll_f1"] == 1.0


def test_all_singletons_on_both_sides_leave_muc_undefined():
    singletons = [m(letter, f"S{letter}") for letter in "abc"]
    found = coref(singletons, singletons)
    assert prf(found["muc"]) == (None, None, None)  # no link on either side: 0/0, not 0 (the reference scorer prints 0)
    assert prf(found["bcub"]) == prf(found["ceafe"]) == (1.0, 1.0, 1.0)
    assert found["conll_f1"] is None


def test_singleton_response_against_chains():
    # key {a,b,c} {d,e}; the response puts every mention in an entity of its own
    found = coref(chains("abc", "de"), [m(letter, f"S{letter}") for letter in "abcde"])
    assert prf(found["muc"]) == (None, 0.0, 0.0)  # R 0/3, P 0/0
    assert prf(found["bcub"]) == pytest.approx((1.0, 2 / 5, 4 / 7))  # R (3·1/3 + 2·1/2)/5
    # Φ = φ4({a,b,c},{a}) + φ4({d,e},{d}) = 2/4 + 2/3 = 7/6; R = 7/12, P = 7/30
    assert prf(found["ceafe"]) == pytest.approx((7 / 30, 7 / 12, 2 * (7 / 30) * (7 / 12) / (7 / 30 + 7 / 12)))
    assert found["conll_f1"] == pytest.approx((0 + 4 / 7 + 1 / 3) / 3)


def test_extra_and_missing_mentions_are_twinless():
    # key {a,b} {c}; response {a,b,h}: h is extra (twinless), c is missing
    found = coref(chains("ab", "c"), chains("abh", prefix="R"))
    assert prf(found["muc"]) == pytest.approx((1 / 2, 1.0, 2 / 3))  # P: {a,b,h} -> {a,b}{h}: 1 of 2 links
    assert prf(found["bcub"]) == pytest.approx((4 / 9, 2 / 3, 8 / 15))  # R (2²/2 + 0)/3, P 2²/3 / 3
    assert prf(found["ceafe"]) == pytest.approx((4 / 5, 2 / 5, 8 / 15))  # Φ = φ4({a,b},{a,b,h}) = 4/5
    assert prf(found["mentions"]) == pytest.approx((2 / 3, 2 / 3, 2 / 3))


def test_every_mention_kind_counts_and_mentions_without_entity_id_are_singletons():
    gold = [m("a", "E", "name"), m("b", "E", "nominal"), m("c", "E", "pronoun"), m("d")]
    pred = [m("a", "R", "name"), m("b", "R", "nominal"), m("c", "R", "pronoun"), m("d")]
    found = coref(gold, pred, mention_kinds=("name",))  # --mentions does not apply to coreference
    assert found["conll_f1"] == 1.0 and prf(found["mentions"]) == (1.0, 1.0, 1.0)


def test_a_span_given_twice_joins_its_entities():
    # the response names b in R0 and R1: one mention, so R0 = {a,b} and R1 = {b,c} are one entity {a,b,c}
    pred = [m("a", "R0"), m("b", "R0"), m("b", "R1"), m("c", "R1")]
    assert coref(chains("abc"), pred)["conll_f1"] == 1.0


def test_unplaced_prediction_is_a_twinless_mention():
    pred = [*chains("ab", prefix="R"), Mention(None, "PERSON", entity_id="R0", text="Zebra")]
    found = coref(chains("ab"), pred)
    assert prf(found["mentions"]) == pytest.approx((2 / 3, 1.0, 0.8))
    assert found["muc"]["precision"] == pytest.approx(1 / 2)  # {a,b,Zebra} -> {a,b}{Zebra}


# -- not predicted ----------------------------------------------------------------------------------


def test_no_entity_id_means_not_predicted_not_zero():
    pred = [m("a"), m("b")]  # mentions, but nothing said about coreference
    result = run({"d1": chains("ab")}, {"d1": pred})
    assert result.not_predicted == {"coreference": ("d1",)}
    assert not result.total.select("coreference")
    assert result.scores()["coreference"]["conll_f1"] is None
    assert Metric.parse("coreference.conll.f1")(result.total) is None
    strict = run({"d1": chains("ab")}, {"d1": pred}, strict_layers=True)  # scored as singletons
    assert strict.not_predicted == {"coreference": ("d1",)}
    assert strict.scores()["coreference"]["muc"]["recall"] == 0.0
    assert strict.scores()["coreference"]["bcub"]["precision"] == 1.0


def test_absent_entities_layer_is_not_predicted():
    result = run({"d1": chains("ab")}, {"d1": None})
    assert result.not_predicted == {"coreference": ("d1",)} and not result.total.select("coreference")


def test_coreference_counts_sit_at_the_document_unit():
    result = run({"d1": chains("ab"), "d2": chains("ab")}, {"d1": chains("ab"), "d2": chains("a", "b")})
    units = {unit for unit, tally in result.per_unit.items() if tally.select("coreference")}
    assert units == {Unit("d1", None), Unit("d2", None)}
    assert result.per_document()["d2"].get(Key("coreference", "exact-mentions", "muc")) == LinkCounts(
        Fraction(0), 1, Fraction(0), 0)


def test_schemes_do_not_apply():
    result = run({"d1": chains(*KEY)}, {"d1": chains(*RESPONSE)}, task="all", scheme="strict")
    assert set(result.scores()["coreference"]) == {"mentions", "muc", "bcub", "ceafe", "conll_f1"}
    assert {k.scheme for k in result.total.select("coreference")} == {"exact-mentions"}
    signature = result.signature("coreference", "exact-mentions", "micro")
    assert "|task:coreference|scheme:exact-mentions|avg:micro|" in signature


def test_entities_scores_do_not_change_with_coreference():
    gold, pred = {"d1": chains(*KEY)}, {"d1": chains(*RESPONSE)}
    alone = run(gold, pred, task="entities")
    both = run(gold, pred, task=("entities", "coreference"))
    assert alone.scores()["entities"] == both.scores()["entities"]
    assert "coreference" not in alone.scores()


# -- invariants ---------------------------------------------------------------------------------------

sides = st.lists(
    st.tuples(st.sampled_from(LETTERS), st.one_of(st.none(), st.sampled_from(["E0", "E1", "E2", "E3"]))),
    unique_by=lambda t: t[0], max_size=9,
).map(lambda pairs: [m(letter, entity) for letter, entity in pairs])


def with_ids(mentions, rename):
    return [Mention(x.span, x.label, kind=x.kind, entity_id=x.entity_id and rename(x.entity_id)) for x in mentions]


@settings(max_examples=60, deadline=None)
@given(gold=sides, pred=sides, order=st.randoms(use_true_random=False))
def test_scores_in_range_and_invariant_to_order_and_entity_ids(gold, pred, order):
    pred = with_ids(pred, lambda e: "R" + e)  # predicted ids need not resemble gold ids
    found = coref(gold, pred)
    for metric in ("mentions", "muc", "bcub", "ceafe"):
        assert all(v is None or 0.0 <= v <= 1.0 + 1e-12 for v in prf(found[metric]))
    shuffled = pred[:]
    order.shuffle(shuffled)
    renamed = with_ids(shuffled, lambda e: e[::-1] + "x")
    assert coref(gold, renamed) == found
    assert coref(with_ids(gold, lambda e: "G" + e), pred) == found


@settings(max_examples=40, deadline=None)
@given(gold=sides)
def test_identical_partitions_are_perfect(gold):
    if not gold:
        return
    # the same partition, every mention given an id (one without is a singleton of its own)
    pred = [Mention(x.span, x.label, entity_id="R" + (x.entity_id or str(x.span.start))) for x in gold]
    found = coref(gold, pred)
    for metric in ("mentions", "bcub", "ceafe"):
        assert prf(found[metric]) == (1.0, 1.0, 1.0)
    assert found["muc"]["f1"] in (None, 1.0)  # undefined when every entity is a singleton


@settings(max_examples=40, deadline=None)
@given(gold1=sides, pred1=sides, gold2=sides, pred2=sides)
def test_two_shards_merged_equal_the_whole(gold1, pred1, gold2, pred2):
    pred1, pred2 = [*pred1, m("i", "Z")], [*pred2, m("i", "Z")]  # some entity_id, so both are predicted
    whole = run({"d1": gold1, "d2": gold2}, {"d1": pred1, "d2": pred2})
    first = run({"d1": gold1}, {"d1": pred1})
    second = run({"d2": gold2}, {"d2": pred2})
    merged = first.total + second.total
    assert merged == whole.total  # exact fractions: the sums agree to the last digit
    assert whole.scores(merged)["coreference"] == whole.scores()["coreference"]


# -- the CLI and statistics on the bundled gold -------------------------------------------------------


def test_cli_gold_against_itself_is_perfect(capsys):
    gold = str(resources.gold_path())
    assert main(["eval", "--pred", gold, "--task", "coreference", "--detail"]) == 0
    out = capsys.readouterr().out
    assert "coreference / exact-mentions" in out and "|task:coreference|scheme:exact-mentions|" in out
    rows = {line.split()[0]: line.split()[1:] for line in out.splitlines() if line.split()}
    assert rows["MUC"] == rows["B3"] == rows["CEAF-e"] == rows["mentions"] == ["1.0000"] * 3
    assert rows["CoNLL"] == ["1.0000"]
    assert main(["eval", "--pred", gold, "--task", "coreference", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["scores"]["coreference"]["conll_f1"] == 1.0
    counts = {c["metric"]: c for c in data["counts"]["total"]}
    # gold v1.1: 86 mentions in 36 chains (10 of two or more mentions, 26 of one: 12 values, 11 NORP adjectives, 3 names)
    assert counts["mentions"]["recall_den"] == 86 and counts["ceafe"]["recall_den"] == 36
    assert Fraction(counts["bcub"]["recall_num"]) == 86  # exact fractions are written as strings
    assert main(["eval", "--pred", gold, "--task", "coreference", "--format", "markdown", "--detail"]) == 0
    assert "**coreference / exact-mentions**" in capsys.readouterr().out


def test_stats_metric_names():
    assert str(Metric.parse("coreference.muc.recall")) == "coreference.muc.recall"
    with pytest.raises(ValueError, match="conll: f1 only"):
        Metric.parse("coreference.conll.precision")
    with pytest.raises(ValueError, match="coreference metrics"):
        Metric.parse("coreference.strict.f1")
    result = evaluate(resources.gold_path(), task="coreference")
    (interval,) = bootstrap(result, 20, metrics=(Metric.parse("coreference.conll.f1"),)).intervals
    # One document: coreference counts are one document-level unit, which section resampling cannot vary,
    # so the interval is undefined in every resample rather than a false [1, 1].
    assert (interval.value, interval.low, interval.high, interval.undefined_samples) == (1.0, None, None, 20)
    assert Metric.parse("coreference.bcub.f1")(Tally()) is None


def _ceafe_by_scipy(key, response) -> Fraction:
    """Φ(g*) from one assignment over the whole similarity matrix (the definition, without grouping)."""
    import numpy as np
    from scipy.optimize import linear_sum_assignment

    phi = [[Fraction(2 * len(k & r), len(k) + len(r)) for r in response] for k in key]
    rows, cols = linear_sum_assignment(np.array(phi, dtype=float), maximize=True)
    return sum((phi[r][c] for r, c in zip(rows, cols)), Fraction(0))


_partitions = st.lists(st.integers(0, 11), min_size=1, max_size=30).map(
    lambda ids: canonical([[n for n, e in enumerate(ids) if e == entity] for entity in set(ids)])
)


@settings(max_examples=150, deadline=None)
@given(_partitions, _partitions)
def test_ceafe_by_groups_equals_one_assignment_over_the_whole_matrix(key, response):
    assert ceafe(key, response) == _ceafe_by_scipy(key, response)


def test_ceafe_large_group_uses_the_solver_and_agrees():
    # a 10 x 10 group (beyond the exact subset enumeration): key entity i = {i, i+1 (mod 10)} in mention space,
    # response entity j = {j} ∪ {10 + j}: every key entity shares a mention with two response entities
    key = canonical([[i, (i + 1) % 10] for i in range(10)])
    response = canonical([[j, 10 + j] for j in range(10)])
    assert ceafe(key, response) == _ceafe_by_scipy(key, response) == Fraction(10, 2)
