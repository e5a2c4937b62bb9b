"""Hostile use of every command: a bad output place is named (file, not standard output) and refused before work."""

import json
import os

import pytest

from saidbench.cli import main

FULL = pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")


@FULL
@pytest.mark.parametrize("args", [
    ["eval", "--pred", "{pred}", "--save-counts", "/dev/full"],
    ["report", "--pred", "{pred}", "-o", "/dev/full"],
    ["convert", "{gold}", "/dev/full", "--to", "conll"],
    ["convert", "{gold}", "/dev/full", "--to", "spacy"],
])
def test_a_full_disk_names_the_file_not_standard_output(repo, capsys, args):
    paths = {"pred": str(repo / "examples" / "baseline.jsonl"), "gold": str(repo / "annotations" / "gold.jsonl")}
    assert main([arg.format(**paths) for arg in args]) == 4
    err = capsys.readouterr().err
    assert "/dev/full: No space left on device" in err and "standard output" not in err


@pytest.mark.parametrize("to", ["jsonl", "brat", "conll", "spacy", "citron"])
def test_convert_into_a_missing_folder_is_a_usage_error_before_any_work(repo, tmp_path, capsys, to):
    target = tmp_path / "missing" / "out"
    assert main(["convert", str(repo / "annotations" / "gold.jsonl"), str(target), "--to", to]) == 2
    assert f"target {target}: the folder {target.parent} does not exist" in capsys.readouterr().err
    assert not target.parent.exists()


@pytest.mark.parametrize("to", ["brat", "citron"])
def test_convert_to_a_folder_format_onto_a_file(repo, tmp_path, capsys, to):
    target = tmp_path / "a_file"
    target.write_text("keep me\n")
    assert main(["convert", str(repo / "annotations" / "gold.jsonl"), str(target), "--to", to]) == 2
    assert f"target {target}: is a file; give a folder" in capsys.readouterr().err
    assert target.read_text() == "keep me\n"


def test_convert_write_documents_into_a_missing_folder(repo, tmp_path, capsys):
    documents = tmp_path / "missing" / "docs.jsonl"
    out = tmp_path / "gold.jsonl"
    assert main(["convert", str(repo / "annotations" / "gold.jsonl"), str(out), "--write-documents",
                 str(documents)]) == 2
    assert "--write-documents" in capsys.readouterr().err and not out.exists()


def test_an_output_under_a_file_says_it_is_a_file(repo, tmp_path, capsys):
    (tmp_path / "a_file").write_text("")
    out = tmp_path / "a_file" / "counts.json"
    assert main(["eval", "--pred", str(repo / "examples" / "baseline.jsonl"), "--save-counts", str(out)]) == 2
    assert f"{tmp_path / 'a_file'} is a file, not a folder" in capsys.readouterr().err


@pytest.mark.parametrize("gold, message", [
    ("missing.jsonl", "file not found"),
    ("empty.jsonl", "file is empty"),
    ("bad.jsonl", "invalid JSON"),
    ("empty_folder", "is a folder with no .ann files"),
])
def test_a_gold_of_ones_own_that_cannot_be_read_is_bad_input_not_an_empty_corpus(repo, tmp_path, capsys, gold,
                                                                                 message):
    (tmp_path / "empty.jsonl").write_text("")
    (tmp_path / "bad.jsonl").write_text("{bad\n")
    (tmp_path / "empty_folder").mkdir()
    path = tmp_path / gold
    code = main(["eval", "--pred", str(repo / "examples" / "baseline.jsonl"),
                 "--documents", str(repo / "corpus" / "documents.jsonl"), "--gold", str(path)])
    err = capsys.readouterr().err
    assert code == 1 and f"{path}" in err and message in err and "annotates none" not in err


def test_agree_with_an_empty_brat_folder_is_bad_input(repo, tmp_path, capsys):
    (tmp_path / "empty_folder").mkdir()
    assert main(["agree", str(tmp_path / "empty_folder"), str(repo / "annotations" / "gold.jsonl")]) == 1
    assert "is a folder with no .ann files" in capsys.readouterr().err


def test_an_unknown_format_lists_every_format(repo, capsys):
    assert main(["eval", "--pred", str(repo / "examples" / "baseline.jsonl"), "--pred-format", "bart"]) == 2
    err = capsys.readouterr().err
    assert "unknown format 'bart'; did you mean 'brat'? expected one of jsonl, brat, conll, spacy, citron" in err


def test_eval_pred_format_brat_on_a_file_is_refused_not_read_as_jsonl(repo, capsys):
    pred = repo / "examples" / "baseline.jsonl"
    assert main(["eval", "--pred", str(pred), "--pred-format", "brat"]) == 1
    assert f"{pred}: is a file; the brat format is a folder" in capsys.readouterr().err


def test_convert_from_brat_on_a_file_writes_nothing(repo, tmp_path, capsys):
    gold, out = repo / "annotations" / "gold.jsonl", tmp_path / "out.jsonl"
    assert main(["convert", str(gold), str(out), "--from", "brat"]) == 1  # it wrote an empty file, exit 0
    assert f"{gold}: is a file; the brat format is a folder" in capsys.readouterr().err and not out.exists()


@pytest.mark.parametrize("key, value", [("settings", [1]), ("documents", None), ("not_predicted", [])])
def test_merge_of_a_saved_counts_file_with_a_part_of_the_wrong_shape_is_bad_input(repo, tmp_path, capsys, key, value):
    saved = tmp_path / "counts.json"
    assert main(["eval", "--pred", str(repo / "examples" / "baseline.jsonl"), "--save-counts", str(saved)]) == 0
    data = json.loads(saved.read_text())
    data[key] = value
    saved.write_text(json.dumps(data))
    capsys.readouterr()
    assert main(["merge", str(saved)]) == 1  # was an internal error (exit 3)
    assert f"{saved}: {key}: damaged saved-counts file" in capsys.readouterr().err


def test_a_folder_given_as_schema_or_saved_counts_says_so(repo, tmp_path, capsys):
    folder = tmp_path / "a_folder"
    folder.mkdir()
    assert main(["eval", "--pred", str(repo / "examples" / "baseline.jsonl"), "--documents",
                 str(repo / "corpus" / "documents.jsonl"), "--gold", str(repo / "annotations" / "gold.jsonl"),
                 "--schema", str(folder)]) == 1
    assert f"{folder}: is a folder; expected a schema .yaml file" in capsys.readouterr().err
    assert main(["merge", str(folder)]) == 1
    err = capsys.readouterr().err
    assert f"{folder}: is a folder; expected a saved-counts file" in err and "Errno" not in err


def test_an_empty_schema_file_is_named_in_words(repo, tmp_path, capsys):
    schema = tmp_path / "schema.yaml"
    schema.write_text("")
    assert main(["validate", str(repo / "examples" / "baseline.jsonl"), "--documents",
                 str(repo / "corpus" / "documents.jsonl"), "--schema", str(schema)]) == 1
    err = capsys.readouterr().err
    assert "found an empty file" in err and "NoneType" not in err
