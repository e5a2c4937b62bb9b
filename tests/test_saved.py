"""Saved counts and merge: shards scored apart and merged report exactly what one run over the union reports."""

import importlib.util
import json
from pathlib import Path

import pytest

from saidbench import evaluate, load_documents
from saidbench.cli import main
from saidbench.io.errors import InputError
from saidbench.saved import dump, load, merge, save

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
