"""Documents files (io/documents.py): a large file is indexed, not held (DocumentIndex), and the index must be the
held dict in every respect (documents, order, len, in, get) with the same problems, on real files written here."""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from saidbench import InputError, evaluate, load_documents
from saidbench.corpus import Corpus
from saidbench.io import documents as documents_io
from saidbench.io.documents import MINIMAL, REQUIRED, DocumentIndex, document_of, index_documents, read_documents
from saidbench.schema import load_schema

LABELS = load_schema().section_labels
WORDS = ("alpha", "Zoë", "épée", "東京", "quote\"d", "back\\slash", "tab\there", "x")


def record(doc_id: str, words: int = 12, seed: int = 0, **changes) -> dict:
    rng = random.Random(f"{doc_id}{seed}")
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    line = {"id": doc_id, "title": f"Title of {doc_id}", "text": text,
            "text_sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(), "language": "en", "license": "test",
            "sections": [{"id": "s1", "label": "headline", "start": 0, "end": 3},
                         {"id": "s2", "label": "paragraph", "start": 4, "end": len(text)}], "extra": [1, {"a": None}]}
    line.update(changes)
    return line


def dumps(lines) -> str:
    return "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines)


GOOD = dumps(record(f"doc{n}", words=5 + 7 * n) for n in range(6))


def both(path, required=REQUIRED, cache=4096):
    held, held_problems = read_documents(path, LABELS, required)
    index, index_problems = index_documents(path, LABELS, required, cache)
    return held, held_problems, index, index_problems


def assert_same(held: dict, index: DocumentIndex) -> None:
    assert list(index) == list(held) and len(index) == len(held)
    for doc_id, document in held.items():
        assert doc_id in index and index[doc_id] == document and index.get(doc_id) == document
        assert index[doc_id].metadata == document.metadata and index[doc_id].title == document.title
    assert [d.id for d in index.values()] == list(held) and dict(index.items()) == held and index == held
    assert "absent" not in index and index.get("absent", "default") == "default"
    with pytest.raises(KeyError):
        index["absent"]


def test_index_equals_the_held_documents(write_jsonl):
    held, held_problems, index, index_problems = both(write_jsonl(GOOD))
    assert held_problems == index_problems == []
    assert len(held) == 6 and held["doc3"].text.count(" ") == 25 and held["doc2"].metadata["extra"] == [1, {"a": None}]
    assert_same(held, index)


def test_a_cache_smaller_than_the_file_reads_documents_again_in_any_order(write_jsonl):
    held, _, index, _ = both(write_jsonl(GOOD), cache=2)
    order = list(held) * 3
    random.Random(0).shuffle(order)
    for doc_id in order:
        assert index[doc_id] == held[doc_id]
        assert len(index._cache) <= 2
    assert_same(held, index)


def test_documents_asked_for_in_file_order_are_read_a_few_at_a_time(write_jsonl):
    path = write_jsonl(dumps(record(f"d{n}", words=n % 7 + 1) for n in range(100)))
    held, _, index, _ = both(path, cache=40)
    order = list(held)
    for doc_id in order + order[50:] + order[::-1]:
        assert index[doc_id] == held[doc_id]
        assert len(index._cache) <= 40
    assert_same(held, index)


def test_the_last_line_without_a_line_feed_and_trailing_blank_lines(write_jsonl):
    for text in (GOOD.rstrip("\n"), GOOD + "\n  \n", GOOD.rstrip("\n") + "   "):
        held, held_problems, index, index_problems = both(write_jsonl(text))
        assert held_problems == index_problems == [] and len(held) == 6
        assert_same(held, index)


LINES = GOOD.splitlines(keepends=True)
HOSTILE = {
    "byte-order mark": ("\ufeff" + GOOD, [(1, None, "file starts with a byte-order mark (BOM)")]),
    "CRLF": (GOOD.replace("\n", "\r\n"), [(1, None, "CRLF line endings")]),
    "blank line": (LINES[0] + "\n" + "".join(LINES[1:]), [(2, None, "blank line")]),
    "bad JSON between documents": (LINES[0] + '{"id": "x", \n' + "".join(LINES[1:]),
                                   [(2, None, "invalid JSON: Expecting property name enclosed in double quotes "
                                              "(column 13)")]),
    "not an object": (LINES[0] + "[1, 2]\n" + "".join(LINES[1:]), [(2, None, "expected a JSON object, found array")]),
    "duplicate id": (GOOD + dumps([record("doc1", seed=9)]), [(7, "id", "duplicate document id 'doc1'")]),
    "text changed": (LINES[0] + json.dumps({**record("doc1"), "text": "other"}) + "\n" + "".join(LINES[2:]),
                     [(2, "text_sha256", "does not match the SHA-256 of text"),
                      (2, "sections[1]",
                       f"bad offsets: span ends at {len(record('doc1')['text'])}, past the end of the text (5)")]),
    "missing text": (dumps([{k: v for k, v in record("a").items() if k != "text"}]) + GOOD,
                     [(1, "text", "missing required field")]),
    "section label": (GOOD + dumps([record("z", sections=[{"id": "s", "label": "Paragraph", "start": 0, "end": 1}])]),
                      [(7, "sections[0].label", "unknown section label 'Paragraph'; expected one of "
                                                + ", ".join(LABELS))]),
    "several in one line": (dumps([record("", title=3, sections="all")]) + GOOD,
                            [(1, "title", "expected a string, found number"),
                             (1, "id", "expected a non-empty string"),
                             (1, "sections", "expected a list of sections, found string")]),
}
# files that cannot be read as JSON Lines at all: one problem, no document
FAILED = {
    "empty": (b"\n \n", "file is empty; expected one JSON object per line"),
    "UTF-16": (GOOD.encode("utf-16"), "the file looks UTF-16 encoded (byte-order mark or NUL bytes at the start)"),
    "invalid UTF-8": (GOOD.encode("utf-8") + b'{"id": "\xff"}\n', "invalid UTF-8 (byte 0xff at byte offset"),
    "NUL byte": (GOOD.encode("utf-8") + b"\x00\n", "NUL byte in the file"),
    "lone CR": (GOOD.replace("\n", "\r", 1).encode("utf-8"), "carriage return (CR) outside a JSON string"),
    "JSON array": ("[" + GOOD.replace("\n", ",\n").rstrip(",\n") + "]\n", "the file is a JSON array"),
}


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_files_give_the_same_problems_and_documents(write_jsonl, name):
    content, expected = HOSTILE[name]
    held, held_problems, index, index_problems = both(write_jsonl(content))
    assert [(p.line, p.field, p.message) for p in held_problems] == expected
    assert index_problems == held_problems
    assert_same(held, index)
    assert set(held) >= {f"doc{n}" for n in range(2, 6)}


@pytest.mark.parametrize("name", FAILED)
def test_files_unreadable_as_json_lines_give_one_problem_and_no_document(write_jsonl, name):
    content, message = FAILED[name]
    held, held_problems, index, index_problems = both(write_jsonl(content))
    assert len(held_problems) == 1 and held_problems[0].message.startswith(message)
    assert index_problems == held_problems and held == {} and len(index) == 0 and list(index) == []


@pytest.mark.parametrize("name", ["duplicate id", "CRLF", "section label"])
def test_load_documents_raises_the_same_problems_on_either_road(write_jsonl, name):
    path = write_jsonl(HOSTILE[name][0])
    with pytest.raises(InputError) as held:
        load_documents(path)
    with pytest.raises(InputError) as indexed:
        load_documents(path, index_from=0)
    assert indexed.value.problems == held.value.problems and held.value.problems


def test_the_road_follows_the_file_size(write_jsonl):
    path = write_jsonl(GOOD)
    size = path.stat().st_size
    assert isinstance(load_documents(path, index_from=size + 1), dict)
    assert isinstance(load_documents(path, index_from=size), DocumentIndex)
    assert isinstance(load_documents(), dict)  # the bundled article is small: held
    with pytest.raises(InputError, match="file not found"):
        load_documents(path.with_name("absent.jsonl"), index_from=0)


def test_a_file_written_to_after_it_was_checked_gives_no_document(write_jsonl):
    path = write_jsonl(GOOD)
    index, _ = index_documents(path, LABELS, cache=1)
    first = index["doc0"]
    line = LINES[4]
    where = line.index('"text": "') + 9
    changed = line[:where] + ("y" if line[where] != "y" else "z") + line[where + 1:]  # as many bytes as before
    for content in (GOOD + dumps([record("new")]), GOOD.replace(line, changed)):
        mtime = path.stat().st_mtime_ns
        path.write_text(content, encoding="utf-8")
        os.utime(path, ns=(mtime + 10**9, mtime + 10**9))  # a later time, whatever the clock's resolution
        assert index["doc0"] is first  # kept from before
        with pytest.raises(InputError) as raised:
            index["doc4"]
        [problem] = raised.value.problems
        assert problem.path == str(path) and "changed since it was checked" in problem.message
        assert "'doc4'" in problem.message


def test_a_line_changed_behind_the_files_times_gives_no_other_document(write_jsonl):
    path = write_jsonl(GOOD)
    index, _ = index_documents(path, LABELS, cache=1)
    status = path.stat()
    path.write_text(GOOD.replace('"id": "doc4"', '"id": "doc9"'), encoding="utf-8")  # as many bytes as before
    os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns))
    assert index["doc3"].id == "doc3"
    with pytest.raises(InputError, match="changed since it was checked"):
        index["doc4"]


def test_a_file_replaced_after_it_was_checked_is_still_read_as_it_was(write_jsonl, tmp_path):
    path = write_jsonl(GOOD)
    held, _, index, _ = both(path)
    (tmp_path / "other.jsonl").write_text(dumps([record("doc9")]), encoding="utf-8")
    (tmp_path / "other.jsonl").replace(path)
    assert_same(held, index)


def test_an_index_survives_pickling(write_jsonl):
    held, _, index, _ = both(write_jsonl(GOOD))
    index["doc1"]
    assert_same(held, pickle.loads(pickle.dumps(index)))


def test_a_corpus_scores_the_same_from_its_index(tmp_path, monkeypatch):
    from test_columns import corpus, write

    documents, gold, pred = corpus(3)
    paths = [write(tmp_path / f"{name}.jsonl", lines)
             for name, lines in (("documents", documents), ("gold", gold), ("pred", pred))]
    held = Corpus.from_files(paths[0], paths[1])
    assert isinstance(held.documents, dict)
    monkeypatch.setattr(documents_io, "INDEX_FROM", 0)
    indexed = Corpus.from_files(paths[0], paths[1])
    assert isinstance(indexed.documents, DocumentIndex)
    assert_same(held.documents, indexed.documents)
    assert indexed.digest() == held.digest()
    for errors in (True, False):
        scores = [evaluate(paths[2], corpus=c, errors=errors).scores() for c in (held, indexed)]
        assert scores[0] == scores[1] and scores[0]["entities"]["strict"]["micro"]["correct"] > 0


def test_scoring_from_an_index_reads_each_document_once_when_a_chunk_fits_in_the_cache(tmp_path, monkeypatch):
    # documents.CACHE is chosen for scoring's chunks; here both are small: chunks of 10, a cache of 10 + two read-aheads
    from test_columns import corpus, write

    from saidbench import scoring

    documents, gold, pred = corpus(5, docs=90)
    paths = [write(tmp_path / f"{name}.jsonl", lines)
             for name, lines in (("documents", documents), ("gold", gold), ("pred", pred))]
    monkeypatch.setattr(scoring._Counts, "DOCUMENTS", 10)
    made = []
    monkeypatch.setattr(documents_io, "document_of", lambda data: made.append(data["id"]) or document_of(data))
    index, _ = index_documents(paths[0], LABELS, cache=10 + 2 * documents_io.READ_AHEAD)
    held = load_documents(paths[0])
    for errors in (False, True):
        made.clear()
        found = evaluate(paths[2], paths[1], documents=index, errors=errors).scores()
        assert found == evaluate(paths[2], paths[1], documents=held, errors=errors).scores()
        assert sorted(made) == sorted(held)


def test_minimal_documents_of_a_corpus_of_ones_own(write_jsonl):
    path = write_jsonl(dumps([{"id": "a", "text": "Some text."}, {"id": "b", "text": "More.", "source": "x"}]))
    held, held_problems, index, index_problems = both(path, MINIMAL)
    assert held_problems == index_problems == [] and held["b"].metadata == {"source": "x"}
    assert_same(held, index)


@st.composite
def mutated(draw) -> bytes:
    """A valid documents file after one to three changes: bytes replaced, inserted or deleted, lines dropped,
    repeated or swapped, a value of a line changed."""
    lines = [line.encode("utf-8") for line in LINES]
    for _ in range(draw(st.integers(1, 3))):
        index = draw(st.integers(0, len(lines) - 1))
        line = lines[index]
        action = draw(st.sampled_from(("replace", "insert", "delete", "drop", "repeat", "swap", "value")))
        where = draw(st.integers(0, max(len(line) - 1, 0)))
        if action == "replace" and line:
            lines[index] = line[:where] + draw(st.sampled_from(b'"\\{}[],: \n\r\x00\xffa0')) .to_bytes(1, "big") \
                + line[where + 1:]
        elif action == "insert":
            lines[index] = line[:where] + draw(st.sampled_from((b"\n", b" ", b'"', b"\\u00e9", b"\xc3\xa9"))) \
                + line[where:]
        elif action == "delete":
            lines[index] = line[:where] + line[where + draw(st.integers(1, 40)):]
        elif action == "drop" and len(lines) > 1:
            del lines[index]
        elif action == "repeat":
            lines.insert(draw(st.integers(0, len(lines))), line)
        elif action == "swap":
            other = draw(st.integers(0, len(lines) - 1))
            lines[index], lines[other] = lines[other], lines[index]
        elif action == "value":
            try:
                data = json.loads(line)
            except ValueError:
                continue
            key = draw(st.sampled_from(sorted(data)))
            data[key] = draw(st.sampled_from((None, 7, "", "x", [], {}, [{"id": "s", "label": "headline"}])))
            lines[index] = (json.dumps(data) + "\n").encode("utf-8")
    return b"".join(lines)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(content=mutated())
def test_a_mutated_file_gives_the_same_documents_and_problems_on_either_road(write_jsonl, content):
    held, held_problems, index, index_problems = both(write_jsonl(content), cache=3)
    assert index_problems == held_problems
    assert_same(held, index)
