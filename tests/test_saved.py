"""Saved counts and merge: shards scored apart and merged report exactly what one run over the union reports."""

import importlib.util
import json
from dataclasses import replace
from pathlib import Path

import pytest

from saidbench import evaluate, load_documents
from saidbench.cli import main
from saidbench.io.errors import InputError
from saidbench.counts import Confusion, Key, SpanCounts, Tally
from saidbench.saved import dump, from_data, load, merge, save
from saidbench.tasks import Unit

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """Six synthetic documents (benchmarks/corpus.py) with predictions split into two shards of three."""
    spec = importlib.util.spec_from_file_location("bench_corpus_for_saved", BENCHMARKS / "corpus.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    folder = tmp_path_factory.mktemp("shards")
    module.write(folder, docs=6, spans=15, seed=5)
    lines = (folder / "pred.jsonl").read_text(encoding="utf-8").splitlines(keepends=True)
    (folder / "pred1.jsonl").write_text("".join(lines[:3]), encoding="utf-8")
    (folder / "pred2.jsonl").write_text("".join(lines[3:]), encoding="utf-8")
    return folder


def _cli(capsys, *argv) -> tuple[int, str]:
    code = main(list(argv))
    return code, capsys.readouterr().out


def _eval(corpus: Path, pred: str, *extra) -> list[str]:
    return ["eval", "--pred", str(corpus / pred), "--gold", str(corpus / "gold.jsonl"),
            "--documents", str(corpus / "documents.jsonl"), *extra]


def test_merged_shards_print_the_report_of_one_run(corpus, capsys, tmp_path):
    code, whole = _cli(capsys, *_eval(corpus, "pred.jsonl", "--bootstrap", "50"))
    assert code == 0
    for n in (1, 2):
        assert _cli(capsys, *_eval(corpus, f"pred{n}.jsonl", "--save-counts", str(tmp_path / f"{n}.json")))[0] == 0
    code, merged = _cli(capsys, "merge", str(tmp_path / "1.json"), str(tmp_path / "2.json"), "--bootstrap", "50")
    assert code == 0
    assert merged == whole
    assert "micro" in whole and "bootstrap" in whole.lower()


def test_saved_counts_round_trip_and_merge_equals_whole(corpus, tmp_path):
    documents = load_documents(corpus / "documents.jsonl")
    whole = evaluate(corpus / "pred.jsonl", corpus / "gold.jsonl", documents=documents, errors=False)
    shards = []
    for n in (1, 2):
        shard = evaluate(corpus / f"pred{n}.jsonl", corpus / "gold.jsonl", documents=documents)
        save(shard, tmp_path / f"{n}.json")
        loaded = load(tmp_path / f"{n}.json")
        assert dict(loaded.per_unit) == dict(shard.per_unit) and loaded.settings == shard.settings
        shards.append(loaded)
    assert shards[0].missing_documents == ("doc000003", "doc000004", "doc000005")  # in the other shard
    merged = merge(shards)
    assert dict(merged.per_unit) == dict(whole.per_unit)
    assert dump(merged) == dump(whole)
    assert merged.missing_documents == () and merged.rows() == whole.rows()


def test_merge_refuses_other_settings_and_documents_scored_twice(corpus, capsys, tmp_path):
    for name, extra in (("all", ()), ("strict", ("--scheme", "strict")), ("again", ())):
        pred = "pred2.jsonl" if name == "again" else "pred1.jsonl"
        _cli(capsys, *_eval(corpus, pred, "--save-counts", str(tmp_path / f"{name}.json"), *extra))
    code = main(["merge", str(tmp_path / "all.json"), str(tmp_path / "strict.json")])
    err = capsys.readouterr().err
    assert code == 1 and "strict.json" in err and "other settings" in err
    code = main(["merge", str(tmp_path / "all.json"), str(tmp_path / "all.json")])
    err = capsys.readouterr().err
    assert code == 1 and "scored in" in err and "doc000000" in err


def test_merge_refuses_a_file_that_is_not_saved_counts(tmp_path, capsys):
    (tmp_path / "x.json").write_text(json.dumps({"format": "other"}), encoding="utf-8")
    (tmp_path / "v9.json").write_text(json.dumps({"format": "saidbench-counts", "version": 9}), encoding="utf-8")
    for name, message in (("x.json", "not a saved-counts file"), ("v9.json", "version 9"), ("none.json", "not found")):
        assert main(["merge", str(tmp_path / name)]) == 1
        assert message in capsys.readouterr().err
    with pytest.raises(InputError):
        load(tmp_path / "x.json")


def test_merge_refuses_a_file_without_its_signature(corpus, capsys, tmp_path):
    saved = tmp_path / "1.json"
    assert _cli(capsys, *_eval(corpus, "pred1.jsonl", "--scheme", "strict", "--save-counts", str(saved)))[0] == 0
    data = json.loads(saved.read_text(encoding="utf-8"))
    signature = data.pop("signature")
    (tmp_path / "unsigned.json").write_text(json.dumps(data), encoding="utf-8")
    (tmp_path / "edited.json").write_text(json.dumps({**data, "signature": signature.replace("strict", "partial")}),
                                          encoding="utf-8")
    edited = json.dumps(signature.replace("strict", "partial"))[:40]  # a long value is cut in the middle
    for name, found, message in (("unsigned.json", "missing", "missing"), ("edited.json", edited, "does not match")):
        assert main(["merge", str(tmp_path / name)]) == 1
        err = capsys.readouterr().err
        assert f"{tmp_path / name}: signature: {found}" in err and "Traceback" not in err
        assert f"{message}; expected the signature of the settings the counts were scored under" in err
    assert main(["merge", str(saved)]) == 0


def test_the_saved_layout_of_hand_made_counts(corpus):
    """docs/SCALING.md's layout: units, columns, and (unit, column, value) entries of the non-zero values."""
    result = evaluate(corpus / "pred1.jsonl", corpus / "gold.jsonl", task="entities", scheme="strict",
                      documents=load_documents(corpus / "documents.jsonl"))
    strict, label = Key("entities", "strict", "mentions"), Key("entities", "strict", "attribute", "label")
    per_unit = {Unit("d2", "p1"): Tally({strict: SpanCounts(correct=2, missed=1)}),
                Unit("d1", None): Tally({label: Confusion((("ORG", "ORG", 2), ("ORG", "PER", 1)))})}
    data = dump(replace(result, per_unit=per_unit))
    assert data["version"] == 2
    assert data["units"] == [["d1", None], ["d2", "p1"]]
    assert data["columns"] == [
        ["entities", "strict", "attribute", "label", "Confusion", "present"],
        ["entities", "strict", "attribute", "label", "Confusion", "omitted"],
        ["entities", "strict", "attribute", "label", "Confusion", ["ORG", "ORG"]],
        ["entities", "strict", "attribute", "label", "Confusion", ["ORG", "PER"]],
        ["entities", "strict", "mentions", "", "SpanCounts", "present"],
        *(["entities", "strict", "mentions", "", "SpanCounts", name]
          for name in ("correct", "incorrect", "partial", "missed", "spurious")),
    ]
    assert data["counts"] == {"unit": [0, 0, 0, 1, 1, 1], "column": [0, 2, 3, 4, 5, 8], "value": [1, 2, 1, 1, 2, 1]}
    assert data["fractions"] == []
    assert dict(from_data(json.loads(json.dumps(data))).per_unit) == per_unit


def test_counts_with_fractions_and_confusions_round_trip_through_a_file(repo, tmp_path):
    """The bundled article: every task, coreference's exact fractions (B³ sums sixths) included."""
    result = evaluate(repo / "examples" / "baseline.jsonl")
    save(result, tmp_path / "counts.json")
    loaded = load(tmp_path / "counts.json")
    assert dict(loaded.per_unit) == dict(result.per_unit) and loaded.total == result.total
    assert loaded.rows() == result.rows()
    assert any(fraction.denominator > 1 for _, _, fraction in loaded.per_unit.parts[0].fractions)


@pytest.mark.parametrize("edit, field, message", [
    (lambda d: d["counts"]["value"].__setitem__(0, 0), "counts.value[0]", "0; expected a positive count"),
    (lambda d: d["counts"]["value"].__setitem__(1, 1.5), "counts.value[1]", "Expected `int`, got `float`"),
    (lambda d: d["counts"]["unit"].__setitem__(2, 99), "counts.unit[2]", "99; expected an index of units"),
    (lambda d: d["counts"]["column"].pop(), "counts", "expected one of each per entry"),
    (lambda d: d["columns"][0].__setitem__(4, "Spans"), "columns[0][4]", "unknown count type 'Spans'"),
    (lambda d: d["columns"][0].__setitem__(5, "corect"), "columns[0][5]", "has no field \"corect\""),
    (lambda d: d["columns"].append(d["columns"][0]), "columns[", "the same column as columns[0]"),
    (lambda d: d["units"].__setitem__(0, "doc000000"), "units[0]", "Expected `array`, got `str`"),
    (lambda d: d.pop("fractions"), "fractions", "missing required field"),
])
def test_a_damaged_table_names_the_file_and_the_field(corpus, tmp_path, capsys, edit, field, message):
    saved = tmp_path / "counts.json"
    assert _cli(capsys, *_eval(corpus, "pred1.jsonl", "--save-counts", str(saved)))[0] == 0
    data = json.loads(saved.read_text(encoding="utf-8"))
    edit(data)
    saved.write_text(json.dumps(data), encoding="utf-8")
    assert main(["merge", str(saved)]) == 1
    err = capsys.readouterr().err
    assert f"{saved}: {field}" in err and "damaged saved-counts file" in err and message in err, err
    assert "Traceback" not in err


def test_a_damaged_fraction_names_its_place(repo, tmp_path, capsys):
    saved = tmp_path / "counts.json"
    save(evaluate(repo / "examples" / "baseline.jsonl"), saved)
    data = json.loads(saved.read_text(encoding="utf-8"))
    data["fractions"][1][2] = "7/0"
    saved.write_text(json.dumps(data), encoding="utf-8")
    assert main(["merge", str(saved)]) == 1
    assert f"{saved}: fractions[1][2]: damaged saved-counts file: \"7/0\"; expected a fraction like" in \
        capsys.readouterr().err


def test_a_version_1_file_is_refused_with_the_fix(corpus, tmp_path, capsys):
    """The layout before the table (a list of counts per unit) is not read; the message says to score again."""
    old = tmp_path / "v1.json"
    old.write_text(json.dumps({"format": "saidbench-counts", "version": 1, "signature": "x", "settings": {},
                               "units": [{"doc_id": "d1", "section": None, "counts": []}]}), encoding="utf-8")
    assert main(["merge", str(old)]) == 1
    err = capsys.readouterr().err
    assert f"{old}: version: saved-counts version 1 (a list of counts per unit" in err
    assert "this saidbench reads version 2" in err and "score the shard again with this version" in err
