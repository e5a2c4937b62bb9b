"""`saidbench prompt`: the extraction prompt holds every value's definition and nothing of the bundled documents."""

import itertools

import pytest

from saidbench import load_documents
from saidbench.cli import main
from saidbench.usage import UsageError
from saidbench.llm.prompt import LAYERS, parse_layers, prompt_hash, prompt_version, render_prompt
from saidbench.schema import load_schema

from test_guideline_leakage import leaks

COMBINATIONS = [c for n in range(1, 4) for c in itertools.combinations(LAYERS, n)]


@pytest.mark.parametrize("layers", COMBINATIONS, ids="+".join)
def test_no_sentence_of_a_bundled_document_is_in_the_prompt(layers):
    prompt = render_prompt(layers)
    for document in load_documents().values():
        assert leaks(document.text, prompt) == []


def test_the_leak_check_would_see_a_sentence_of_the_article(document):
    sentence = document.text.split("\n")[-1]
    assert leaks(document.text, render_prompt() + sentence)


def test_the_prompt_defines_every_value_of_the_layers_it_asks_for():
    prompt = render_prompt(("claims", "attributions"))
    schema = load_schema(prompt_version())
    for layer in ("claims", "attributions"):
        for values in schema.attributes[layer].values():
            assert all(f"| `{value}` |" in prompt for value in values)
    assert "| `PERSON` |" not in prompt and '"entities"' not in prompt
    assert "| `PERSON` |" in render_prompt(("entities",))


def test_the_prompt_and_its_hash_depend_on_the_layers():
    assert prompt_hash(render_prompt()) == prompt_hash(render_prompt(LAYERS))
    assert prompt_hash(render_prompt(("entities",))) != prompt_hash(render_prompt())
    assert len(prompt_hash(render_prompt())) == 12


def test_guidelines_that_quote_the_article_are_refused():
    assert prompt_version() != "1.0"
    with pytest.raises(UsageError, match="quote the benchmark's own article"):
        render_prompt(version="1.0")


def test_layers_option(capsys):
    assert parse_layers("claims, entities") == ("entities", "claims")
    with pytest.raises(UsageError, match="unknown layer 'claim'"):
        parse_layers("claim")
    assert main(["prompt", "--layers", "entities"]) == 0
    assert capsys.readouterr().out == render_prompt(("entities",))
    assert main(["prompt", "--layers", "people"]) == 2
