"""Scoring shards in parallel on real engines gives the single-process result (docs/SCALING.md).

``datasets.Dataset.map(num_proc=2)`` and a Dask ``LocalCluster`` (a real scheduler and two worker
processes) each score shards with ``saved.score_shard``; the merged counts equal one evaluate()
over the whole corpus. Skipped when dask is not installed (the ``test`` extra installs it).
"""

import importlib.util
import json
from pathlib import Path

import numpy
import pytest

from saidbench import evaluate, load_documents
from saidbench.io.errors import InputError
from saidbench.saved import dump, from_data, merge, score_shard

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    spec = importlib.util.spec_from_file_location("bench_corpus_for_scaling", BENCHMARKS / "corpus.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    folder = tmp_path_factory.mktemp("scaling")
    module.write(folder, docs=8, spans=10, seed=9)
    return folder


@pytest.fixture(scope="module")
def whole(corpus):
    result = evaluate(corpus / "pred.jsonl", corpus / "gold.jsonl", task="entities",
                      documents=load_documents(corpus / "documents.jsonl"), errors=False)
    return dump(result)


def _doc_ids(corpus: Path) -> list[str]:
    return [json.loads(line)["doc_id"] for line in (corpus / "gold.jsonl").read_text(encoding="utf-8").splitlines()]


def _files(corpus: Path) -> dict:
    return dict(pred=str(corpus / "pred.jsonl"), gold=str(corpus / "gold.jsonl"), documents=str(corpus / "documents.jsonl"))


def test_dask_local_cluster_shards_merge_to_the_whole(corpus, whole):
    distributed = pytest.importorskip("dask.distributed")
    ids = _doc_ids(corpus)
    shards = [ids[:3], ids[3:5], ids[5:]]
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client:
        futures = client.map(score_shard, shards, **_files(corpus), arrays=True, task="entities")
        saved = client.gather(futures)
    assert all(isinstance(data["counts"]["value"], numpy.ndarray) for data in saved)  # shipped as arrays
    assert dump(merge([from_data(data) for data in saved])) == whole


@pytest.mark.parametrize("entry, array, found", [
    ("value", [1.0], "a 1-dimensional array of float64"),
    ("unit", [[0]], "a 2-dimensional array of int64"),
    ("column", None, "NoneType"),
])
def test_counts_shipped_as_arrays_are_checked_like_lists(corpus, entry, array, found):
    data = score_shard(_doc_ids(corpus)[:2], **_files(corpus), arrays=True, task="entities")
    assert dump(from_data(data)) == score_shard(_doc_ids(corpus)[:2], **_files(corpus), task="entities")
    data["counts"][entry] = None if array is None else numpy.array(array)
    with pytest.raises(InputError) as raised:
        from_data(data, "shard 1")
    assert str(raised.value.problems[0]).startswith(f"shard 1: counts.{entry}: damaged saved-counts file: {found}; "
                                                    "expected a list or a 1-dimensional integer array")


def test_datasets_map_per_document_counts_sum_to_the_whole(corpus, whole):
    datasets = pytest.importorskip("datasets")
    rows = datasets.Dataset.from_dict({"doc_id": _doc_ids(corpus)})
    files = _files(corpus)
    counted = rows.map(
        lambda row: {"counts": json.dumps(score_shard([row["doc_id"]], **files, task="entities"))},
        num_proc=2, remove_columns=["doc_id"],
    )
    assert dump(merge([from_data(json.loads(c)) for c in counted["counts"]])) == whole
