"""The fast path for large entity files: the typed reader (io/typed.py) and corpus-wide counting (tasks/columns.py).

Both are checked against the careful per-item paths they stand in for, on files written here:
the reader must accept exactly the lines the careful parser accepts, with equal annotations and
the same problems; the column counts must equal the per-document counts unit by unit.
"""

from __future__ import annotations

import hashlib
import json
import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from saidbench import InputError, evaluate, load_documents
from saidbench.io.inputs import load
from saidbench.model import MentionColumns
from saidbench.schema import load_schema

LABELS = ("PERSON", "ORG", "GPE", "DATE")
WORDS = ("alpha", "beta", "gamma", "Zoë", "delta", "épée", "x", "omega")
SECTIONS = ("paragraph", "headline", "image_credit")


def corpus(seed: int, docs: int = 12, nested: bool = True) -> tuple[list[dict], list[dict], list[dict]]:
    """(documents, gold lines, prediction lines) with sections, non-ASCII words, mention kinds and, when
    ``nested``, documents where mentions overlap (on one side, or one prediction over two gold mentions)."""
    rng = random.Random(seed)
    documents, gold, pred = [], [], []
    for n in range(docs):
        words = [rng.choice(WORDS) for _ in range(rng.randint(20, 60))]
        starts, offset = [], 0
        for word in words:
            starts.append(offset)
            offset += len(word) + 1
        text = " ".join(words)
        half = len(words) // 2  # two sections with words outside both (their mentions' unit has no section)
        sections = [{"id": "s1", "label": rng.choice(SECTIONS), "start": 0, "end": len(text)}] if rng.random() < 0.3 else [
            {"id": "s1", "label": rng.choice(SECTIONS), "start": 0, "end": starts[half - 4] - 1},
            {"id": "s2", "label": "paragraph", "start": starts[half], "end": len(text)}]
        doc_id = f"d{n}"
        documents.append(document(doc_id, text, sections))

        def spans(count: int, overlapping: bool) -> list[tuple[int, int]]:
            found, position = [], 0
            for _ in range(count):
                position += rng.randint(0 if overlapping else 1, 3)
                length = rng.randint(1, 3)
                if position + length > len(words):
                    break
                found.append((position, position + length))
                position += 0 if overlapping and rng.random() < 0.3 else length
            return found

        def mentions(found, side: str) -> list[dict]:
            out = []
            for index, (first, last) in enumerate(found):
                begin, end = starts[first], starts[last - 1] + len(words[last - 1])
                item = {"id": f"{side}{index}", "start": begin, "end": end, "label": rng.choice(LABELS)}
                if side == "g" or rng.random() < 0.5:
                    item["text"] = text[begin:end]
                if side == "g":
                    item.update(kind=rng.choice(("name", "name", "nominal")), entity_id=None)
                elif rng.random() < 0.3:
                    item["kind"] = rng.choice(("name", "pronoun"))
                out.append(item)
            return out

        gold_spans = spans(rng.randint(0, 8), nested and rng.random() < 0.2)
        pred_spans = [(min(max(0, a + rng.choice((0, 0, -1, 1))), b - 1), min(b + rng.choice((0, 0, 1)), len(words)))
                      for a, b in gold_spans if rng.random() < 0.8] + spans(rng.randint(0, 2), False)
        pred_spans = sorted(set(pred_spans))
        if not nested:  # keep each side free of overlaps
            pred_spans = [s for i, s in enumerate(pred_spans) if i == 0 or s[0] >= pred_spans[i - 1][1]]
        # residue-free sections: image_credit carries entities, so every gold line stays valid
        gold.append({"doc_id": doc_id, "guideline_version": "1.1", "entities": mentions(gold_spans, "g"),
                     "claims": [], "attributions": []})
        if rng.random() < 0.9:
            pred.append({"doc_id": doc_id, "entities": mentions(pred_spans, "p")})
    return documents, gold, pred


def document(doc_id: str, text: str, sections: list[dict]) -> dict:
    return {"id": doc_id, "title": doc_id, "text": text, "text_sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
            "language": "en", "license": "synthetic", "sections": sections}


def write(path, lines) -> str:
    path.write_text("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines), encoding="utf-8")
    return str(path)


@pytest.fixture(scope="module")
def schema():
    return load_schema("1.1")


@pytest.mark.parametrize("seed", range(6))
def test_fast_reader_equals_careful_parser(tmp_path, schema, seed):
    documents_lines, gold, pred = corpus(seed)
    documents = load_documents(write(tmp_path / "documents.jsonl", documents_lines))
    for kind, lines in (("gold", gold), ("predictions", pred)):
        fast = load(write(tmp_path / f"{kind}.jsonl", lines), kind, documents, schema, known_versions=("1.1",))
        careful = load(lines, kind, documents, schema, known_versions=("1.1",))
        assert fast.problems == careful.problems == []
        assert fast.annotations == careful.annotations
        layers = [a.entities for a in fast.annotations.values() if a.entities is not None]
        assert layers and all(isinstance(layer, MentionColumns) for layer in layers)  # the fast path read them


MUTATIONS = st.sampled_from([
    ("start", -1), ("start", 10 ** 30), ("start", True), ("start", 1.0), ("end", 0), ("end", 10 ** 6),
    ("label", "person"), ("label", None), ("text", "wrong"), ("text", None), ("text", ""), ("text", ["a", "b"]),
    ("id", ""), ("id", None), ("id", "g0"), ("kind", None), ("kind", "proper"), ("kind", ""), ("entity_id", 3),
    ("labl", "ORG"), ("fragments", [[0, 1]]), ("occurrence", 1), ("extra", 1), ("start", "DROP"), ("text", "DROP"),
    ("id", "DROP"), ("kind", "DROP"), ("entity_id", "DROP"), ("label", "DROP"),
])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data(), kind=st.sampled_from(("gold", "predictions")), mutation=MUTATIONS,
       line_level=st.sampled_from((None, ("guideline_version", "9.9"), ("guideline_version", "DROP"),
                                   ("claims", "DROP"), ("claims", [{}]), ("attributions", None), ("doc_id", "nope"))))
def test_fast_reader_accepts_exactly_what_the_careful_parser_accepts(tmp_path, schema, data, kind, mutation,
                                                                    line_level):
    documents_lines, gold, pred = corpus(data.draw(st.integers(0, 3)), docs=3, nested=False)
    documents = load_documents(write(tmp_path / "documents.jsonl", documents_lines))
    lines = json.loads(json.dumps(gold if kind == "gold" else pred))
    line = data.draw(st.sampled_from([line for line in lines if line["entities"]]))
    item = data.draw(st.sampled_from(line["entities"]))
    name, value = mutation
    if value == "DROP":
        item.pop(name, None)
    else:
        item[name] = value
    if line_level is not None:
        name, value = line_level
        if value == "DROP":
            line.pop(name, None)
        else:
            line[name] = value
    path = tmp_path / "mutated.jsonl"
    path.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines), encoding="utf-8")
    fast = load(str(path), kind, documents, schema, known_versions=("1.1",))
    careful = load(lines, kind, documents, schema, known_versions=("1.1",))
    assert fast.annotations == careful.annotations
    # the same problems, named by file line in one and by list item in the other
    assert [(p.field, p.message, p.hint) for p in fast.problems] == [(p.field, p.message, p.hint) for p in careful.problems]


OPTIONS = [
    {"scheme": ("strict", "exact", "partial", "type")},
    {"scheme": ("strict", "partial"), "min_overlap": 0.6},
    {"scheme": ("type", "exact"), "mention_kinds": ("name", "nominal", "pronoun")},
    {"scheme": "all"},
]


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("options", OPTIONS)
def test_column_counts_equal_the_per_document_counts(tmp_path, seed, options):
    documents_lines, gold, pred = corpus(seed, docs=25)
    documents = load_documents(write(tmp_path / "documents.jsonl", documents_lines))
    gold_path, pred_path = write(tmp_path / "gold.jsonl", gold), write(tmp_path / "pred.jsonl", pred)
    columns = evaluate(pred_path, gold_path, task="entities", documents=documents, errors=False, **options)
    per_document = evaluate(pred_path, gold_path, task="entities", documents=documents, errors=True, **options)
    assert not isinstance(per_document.per_unit, type(columns.per_unit))  # two different paths were compared
    assert dict(columns.per_unit) == dict(per_document.per_unit)
    assert columns.total == per_document.total
    assert columns.scores() == per_document.scores()
    assert columns.warnings == per_document.warnings


def test_column_counts_by_hand(tmp_path):
    """One document, sections s1 [0, 10) and s2 [11, 22): gold PERSON 'alpha' [0, 5) and ORG 'gamma' [11, 16);
    predicted PERSON [0, 5) (correct), ORG 'gamma delta' [11, 22) (same type, longer: partial under
    `partial`, incorrect under `strict`), and GPE 'beta' [6, 10) (spurious in s1)."""
    text = "alpha beta gamma delta"
    write(tmp_path / "documents.jsonl", [document("d", text, [
        {"id": "s1", "label": "paragraph", "start": 0, "end": 10},
        {"id": "s2", "label": "paragraph", "start": 11, "end": 22}])])
    documents = load_documents(str(tmp_path / "documents.jsonl"))
    gold = [{"doc_id": "d", "guideline_version": "1.1", "claims": [], "attributions": [], "entities": [
        {"id": "a", "start": 0, "end": 5, "text": "alpha", "label": "PERSON", "kind": "name", "entity_id": None},
        {"id": "b", "start": 11, "end": 16, "text": "gamma", "label": "ORG", "kind": "name", "entity_id": None}]}]
    pred = [{"doc_id": "d", "entities": [{"start": 0, "end": 5, "label": "PERSON"},
                                         {"start": 11, "end": 22, "label": "ORG"},
                                         {"start": 6, "end": 10, "label": "GPE"}]}]
    result = evaluate(write(tmp_path / "p.jsonl", pred), write(tmp_path / "g.jsonl", gold), task="entities",
                      scheme=("strict", "partial"), documents=documents, errors=False)
    assert type(result.per_unit).__name__ == "UnitTallies"
    scores = result.scores()["entities"]
    # strict: COR 1, INC 1, SPU 1 -> P = 1/3, R = 1/2
    assert [scores["strict"]["micro"][k] for k in ("correct", "incorrect", "partial", "missed", "spurious")] == [
        1, 1, 0, 0, 1]
    # partial: COR 1, PAR 1, SPU 1 -> P = (1 + 0.5) / 3 = 0.5, R = 1.5 / 2 = 0.75
    assert scores["partial"]["micro"]["precision"] == pytest.approx(0.5)
    assert scores["partial"]["micro"]["recall"] == pytest.approx(0.75)
    units = {unit.section: tally for unit, tally in result.per_unit.items()}
    assert sorted(units) == ["s1", "s2"]
    s1 = {key.label: count for key, count in units["s1"].counts.items() if key.scheme == "strict"
          and key.metric == "mentions"}
    assert (s1[""].correct, s1[""].spurious, s1["GPE"].spurious, s1["PERSON"].correct) == (1, 1, 1, 1)


def test_summary_names_a_few_documents_of_a_long_list(tmp_path):
    documents_lines, gold, pred = corpus(1, docs=25)
    documents = load_documents(write(tmp_path / "documents.jsonl", documents_lines))
    result = evaluate(write(tmp_path / "p.jsonl", pred), write(tmp_path / "g.jsonl", gold), documents=documents,
                      errors=False)
    docs = result.not_predicted["coreference"]  # no predicted mention carries an entity_id
    assert len(docs) == len(pred) > 5
    line = next(line for line in result.summary().splitlines() if line.startswith("coreference not predicted"))
    assert line.endswith(f"in: {', '.join(docs[:5])} and {len(docs) - 5} more ({len(docs)} documents; see --detail)")


def test_a_shard_scores_its_documents_only_and_skips_the_other_lines(tmp_path):
    documents_lines, gold, pred = corpus(2, docs=10)
    documents = load_documents(write(tmp_path / "documents.jsonl", documents_lines))
    shard = {"d1", "d2", "d5"}
    outside = next(line for line in pred if line["doc_id"] not in shard)
    outside["entities"].append({"start": 0, "end": 1, "label": "NOT_A_LABEL"})
    gold_path, pred_path = write(tmp_path / "gold.jsonl", gold), write(tmp_path / "pred.jsonl", pred)
    alone = tmp_path / "alone"
    alone.mkdir()
    only = evaluate(write(alone / "pred.jsonl", [line for line in pred if line["doc_id"] in shard]),
                    write(alone / "gold.jsonl", [line for line in gold if line["doc_id"] in shard]),
                    task="entities", documents=documents, errors=False)
    for source in ((pred_path, gold_path), (pred, gold)):  # files, and line dicts in memory
        found = evaluate(*source, task="entities", documents=documents, errors=False, doc_ids=shard)
        assert set(found.documents) | set(found.missing_documents) == shard
        assert dict(found.per_unit) == dict(only.per_unit)
    with pytest.raises(InputError, match="NOT_A_LABEL"):
        evaluate(pred_path, gold_path, task="entities", documents=documents, errors=False, doc_ids={outside["doc_id"]})


def test_unit_tallies_sum_parts_unit_by_unit_and_drop_unkept_keys():
    from saidbench.counts import Key, SpanCounts, Tally
    from saidbench.unit_tallies import DictPart, UnitTallies

    strict, kind = Key("entities", "strict", "mentions"), Key("entities", "strict", "attribute", "kind")
    first = DictPart({"u1": Tally({strict: SpanCounts(correct=1)}), "u2": Tally({kind: SpanCounts(missed=1)})})
    second = DictPart({"u1": Tally({strict: SpanCounts(spurious=2), kind: SpanCounts(correct=1)})})
    tallies = UnitTallies((first, second), keep=lambda key: key.metric != "attribute")
    assert list(tallies) == ["u1", "u2"] and "u2" in tallies and "u3" not in tallies
    assert tallies["u1"] == Tally({strict: SpanCounts(correct=1, spurious=2)})
    assert tallies["u2"] == Tally()
    assert tallies.total() == Tally({strict: SpanCounts(correct=1, spurious=2)})
    with pytest.raises(KeyError):
        tallies["u3"]


def test_repeated_predictions_warn_alike_from_columns_and_from_mentions(tmp_path):
    """PERSON 'alpha' [0, 5) predicted twice (one warning), ORG and GPE on 'beta' [6, 10) (same span, two labels:
    no warning); read from a file (columns) and from line dicts (the careful parser's Mentions)."""
    text = "alpha beta gamma delta"
    write(tmp_path / "documents.jsonl", [document("d", text, [{"id": "s1", "label": "paragraph", "start": 0,
                                                                "end": 22}])])
    documents = load_documents(str(tmp_path / "documents.jsonl"))
    gold = [{"doc_id": "d", "guideline_version": "1.1", "claims": [], "attributions": [], "entities": [
        {"id": "a", "start": 0, "end": 5, "text": "alpha", "label": "PERSON", "kind": "name", "entity_id": None}]}]
    pred = [{"doc_id": "d", "entities": [{"start": 0, "end": 5, "label": "PERSON"}, {"start": 6, "end": 10, "label": "ORG"},
                                         {"start": 0, "end": 5, "label": "PERSON"}, {"start": 6, "end": 10, "label": "GPE"}]}]
    gold_path = write(tmp_path / "g.jsonl", gold)
    expected = ("d: entities: 2 predictions with the same span [(0, 5)] and label PERSON; matching is one-to-one, "
                "so 1 count as spurious",)
    for source in (write(tmp_path / "p.jsonl", pred), pred):
        assert evaluate(source, gold_path, task="entities", documents=documents, errors=False).warnings == expected


@pytest.mark.parametrize("seed", range(3))
def test_column_counts_as_a_table_equal_their_tallies(tmp_path, seed):
    """The table a column part gives from its arrays (what a shard's saved counts hold) has, unit by unit and in
    total, the tallies the part gives, label and kind confusions included."""
    from saidbench.count_table import CountTable

    documents_lines, gold, pred = corpus(seed, docs=25)
    documents = load_documents(write(tmp_path / "documents.jsonl", documents_lines))
    result = evaluate(write(tmp_path / "p.jsonl", pred), write(tmp_path / "g.jsonl", gold), task="entities",
                      documents=documents, errors=False, mention_kinds=("name", "nominal", "pronoun"))
    parts = [part for part in result.per_unit.parts if hasattr(part, "confusions")]
    assert parts
    for part in parts:
        table = part.count_table()
        assert isinstance(table, CountTable) and table.units() == list(part.units())
        for unit in part.units():
            assert table.tally(unit) == part.tally(unit)
        assert table.total() == part.total()
        assert {key.label for key in part.total().counts if key.metric == "attribute"} == {"label", "kind"}
