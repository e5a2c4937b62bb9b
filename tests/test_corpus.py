"""The corpus holds the seed article byte for byte, with honest metadata and sections that tile the text."""

import hashlib
import json
from pathlib import Path

import pytest

from saidbench import load_documents
from saidbench.schema import load_schema

SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "article.txt"


@pytest.fixture(scope="module")
def record(repo):
    lines = (repo / "corpus" / "documents.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1
    return json.loads(lines[0])


@pytest.mark.skipif(not SEED.exists(), reason="the seed article is not beside the repository")
def test_text_equals_seed_byte_for_byte(record):
    assert record["text"].encode("utf-8") == SEED.read_bytes()


def test_text_keeps_the_characters_that_break_offsets(record):
    text = record["text"]
    assert text.count("\u00a0") == 4  # no-break spaces before the MoD's quotes and after "losses."
    assert text.count("\u2013") == 2  # en dashes around "also known as DPRK, ..."
    assert text.count("\u201c") == 9 and text.count("\u201d") == 8  # one quote runs over two paragraphs


def test_metadata_is_honest(record):
    assert record["id"] == "nk-troops-uk-says"
    assert record["title"] == record["text"].split("\n")[0]
    assert record["text_sha256"] == hashlib.sha256(record["text"].encode("utf-8")).hexdigest()
    assert record["language"] == "en-GB"
    # The text names no publisher and no date: they must stay unknown, not guessed.
    assert record["publisher"] is None and record["published"] is None
    assert "publisher" in record["license"]


def test_sections_cover_every_non_empty_line(record):
    text = record["text"]
    labels = [s["label"] for s in record["sections"]]
    assert labels[:5] == ["headline", "standfirst", "residue", "image_caption", "image_credit"]
    assert set(labels[5:]) == {"paragraph"} and len(labels) == 22
    covered = "".join(text[s["start"]:s["end"]] for s in record["sections"])
    assert "".join(covered.split()) == "".join(text.split())  # only whitespace lies between sections
    residue = record["sections"][2]
    assert text[residue["start"]:residue["end"]] == "Open Image Modal"


def test_loaded_document_sections_use_schema_labels():
    document = load_documents()["nk-troops-uk-says"]
    assert {s.label for s in document.sections} <= set(load_schema().section_labels)
    assert document.section_at(0).label == "headline"


def test_sections_are_whole_lines_with_their_edge_whitespace(record):
    """Guidelines §2: a section is one whole line, untrimmed; only line breaks lie between sections."""
    text = record["text"]
    lines, position = [], 0
    for line in text.split("\n"):
        if line.strip():
            lines.append((position, position + len(line)))
        position += len(line) + 1
    assert [(s["start"], s["end"]) for s in record["sections"]] == lines
    for before, after in zip(record["sections"], record["sections"][1:]):
        assert set(text[before["end"]:after["start"]]) == {"\n"}
    # The paragraph that ends in a no-break space keeps it (it was cut off before data version 1.1).
    s14 = next(s for s in record["sections"] if s["id"] == "s14")
    assert (s14["start"], s14["end"]) == (1468, 1592) and text[1591] == "\u00a0"
