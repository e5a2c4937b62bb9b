"""Gold integrity, re-derived from the raw files without the package's readers."""

import json

import pytest

from saidbench.schema import load_schema


@pytest.fixture(scope="module")
def text(repo):
    (line,) = (repo / "corpus" / "documents.jsonl").read_text(encoding="utf-8").splitlines()
    return json.loads(line)["text"]


GOLD_FILES = {"1.0": "annotations/gold.jsonl", "1.1": "annotations/v1.1/gold.jsonl"}


@pytest.fixture(scope="module", params=sorted(GOLD_FILES))
def version(request):
    return request.param


@pytest.fixture(scope="module")
def gold(repo, version):
    lines = (repo / GOLD_FILES[version]).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


def spans_of(record):
    """Every (where, span-object) pair in one gold line."""
    for layer in ("entities", "claims"):
        for item in record[layer]:
            yield f"{layer}/{item['id']}", item
    for claim in record["claims"]:
        for index, hedge in enumerate(claim["hedges"]):
            yield f"claims/{claim['id']}/hedges[{index}]", hedge
    for attribution in record["attributions"]:
        for role in ("source", "cue", "content"):
            if attribution[role] is not None:
                yield f"attributions/{attribution['id']}/{role}", attribution[role]


def test_every_span_text_is_the_slice(gold, text):
    checked = 0
    for record in gold:
        for where, span in spans_of(record):
            fragments = span["fragments"] if "fragments" in span else [[span["start"], span["end"]]]
            assert all(0 <= s < e <= len(text) for s, e in fragments), where
            slices = [text[s:e] for s, e in fragments]
            assert span["text"] == (slices[0] if "fragments" not in span else slices), where
            checked += 1
    assert checked > 0


def test_spans_have_no_outer_whitespace(gold, text):
    for record in gold:
        for where, span in spans_of(record):
            for part in span["text"] if isinstance(span["text"], list) else [span["text"]]:
                assert part == part.strip(), f"{where}: {part!r}"


def test_ids_unique_and_versions_known(gold, version):
    schema = load_schema(version)
    for record in gold:
        assert record["guideline_version"] == schema.version == version
        ids = [i["id"] for layer in ("entities", "claims", "attributions") for i in record[layer]]
        assert len(ids) == len(set(ids))


def test_spans_start_and_end_at_word_boundaries(gold, text):
    # An offset found by searching for a short string can land inside a longer word (`it` in `neither`): the
    # text still equals the slice, so only this check catches it.
    for record in gold:
        for where, span in spans_of(record):
            for start, end in span["fragments"] if "fragments" in span else [[span["start"], span["end"]]]:
                assert not (start > 0 and text[start - 1].isalnum() and text[start].isalnum()), where
                assert not (end < len(text) and text[end].isalnum() and text[end - 1].isalnum()), where
