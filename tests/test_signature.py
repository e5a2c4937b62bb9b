"""The signature as an object: its fields print as today's string; statistics extend it with fields of their own."""

import pytest

from saidbench import evaluate, resources
from saidbench.report.stats import bootstrap_block, comparison_block
from saidbench.signature import Signature
from saidbench.stats import Metric, agreement, bootstrap, randomization_test, score_pair


@pytest.fixture(scope="module")
def result(repo):
    return evaluate(repo / "examples" / "baseline.jsonl", task="entities", scheme="strict")


def test_fields_print_as_the_signature_string(result):
    sign = result.sign("entities", "strict", "micro+macro")
    assert [name for name, _ in sign.fields] == [
        "saidbench", "gold", "task", "scheme", "avg", "offsets", "min-overlap", "layers", "mentions",
    ]
    assert str(sign) == (
        f"saidbench:{sign['saidbench']}|gold:{sign['gold']}|task:entities|scheme:strict|avg:micro+macro|offsets:cp|"
        "min-overlap:0|layers:lenient|mentions:name"
    )
    assert result.signature("entities", "strict", "micro+macro") == str(sign)
    assert Signature.parse(str(sign)) == sign


def test_statistics_extend_the_signature_with_their_own_fields(result, repo):
    found = bootstrap(result, resamples=5, seed=3, confidence=0.9)
    block = bootstrap_block(found, result.sign())
    assert block.signature == f"{result.signature()}|bootstrap:5|seed:3|unit:section|ci:0.9"
    other = evaluate(repo / "examples" / "predictions_example.jsonl", task="entities", scheme="strict")
    compared = (randomization_test(result, other, Metric.parse("entities.strict.f1"), trials=7, seed=1),)
    assert comparison_block(compared, result.sign()).signature == f"{result.signature()}|trials:7|seed:1|unit:section"


def test_agreement_names_its_reference_side_by_renaming_a_field():
    found = agreement(score_pair(resources.gold_path("1.0"), resources.gold_path("1.0"), ("strict",)))
    sign = Signature.parse(found.signature)
    assert sign["reference"].startswith("v1.0@") and "gold" not in dict(sign.fields)
    assert [name for name, _ in sign.fields][:3] == ["saidbench", "reference", "task"]


def test_a_field_is_named_once_and_renaming_needs_the_field():
    with pytest.raises(ValueError, match="each field once"):
        Signature((("seed", "1"),)).extended(("seed", 2))
    with pytest.raises(KeyError):
        Signature((("gold", "v1"),)).renamed("corpus", "reference")


def test_a_separator_in_a_value_prints_as_a_slash_so_the_signature_parses_back():
    sign = Signature((("corpus", "mini|x:y@12345678"), ("gold", "conll|2003@abcdef01")))
    assert str(sign) == "corpus:mini/x:y@12345678|gold:conll/2003@abcdef01"
    assert Signature.parse(str(sign)).fields == (("corpus", "mini/x:y@12345678"), ("gold", "conll/2003@abcdef01"))
