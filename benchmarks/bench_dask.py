"""Time scoring shards on a Dask LocalCluster with 1 and 2 worker processes against one process (docs/SCALING.md).

    python benchmarks/bench_dask.py [--docs N] [--spans M] [--shards K] [--work DIR]

The corpus is ``corpus.py``'s; its documents are cut into K shards of consecutive ids, each
scored by ``saidbench.saved.score_shard`` on a worker (every shard reads the same files and keeps
its documents' lines), and the merged counts are checked equal to one ``evaluate()`` in this process. Times are
wall seconds of the scoring only (the cluster is started before the clock starts).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_scorers import corpus_at, machine  # noqa: E402

from saidbench import evaluate, load_documents  # noqa: E402
from saidbench.saved import dump, from_data, merge, score_shard  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=400)
    parser.add_argument("--spans", type=int, default=100)
    parser.add_argument("--shards", type=int, default=8)
    parser.add_argument("--work", type=Path, default=Path("benchmarks/.work"))
    args = parser.parse_args(argv)
    from dask.distributed import Client, LocalCluster

    folder, size = corpus_at(args.work, args.docs, args.spans, 0)
    gold, documents = str(folder / "gold.jsonl"), str(folder / "documents.jsonl")
    ids = [json.loads(line)["doc_id"] for line in (folder / "gold.jsonl").read_text(encoding="utf-8").splitlines()]
    step = -(-len(ids) // args.shards)
    shards = [ids[i:i + step] for i in range(0, len(ids), step)]
    print(machine())
    print(f"{size['documents']:,} documents x {args.spans} gold spans, {len(shards)} shards, entities, four schemes")

    started = time.perf_counter()
    whole = dump(evaluate(folder / "pred.jsonl", gold, task="entities", scheme=("strict", "exact", "partial", "type"),
                          documents=load_documents(documents), errors=False))
    single = time.perf_counter() - started
    print(f"one process, no Dask: {single:.2f} s")
    for workers in (1, 2):
        with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
                Client(cluster) as client:
            started = time.perf_counter()
            futures = client.map(score_shard, shards, pred=str(folder / "pred.jsonl"), gold=gold, documents=documents,
                                 task="entities",
                                 scheme=("strict", "exact", "partial", "type"))
            merged = dump(merge([from_data(data) for data in client.gather(futures)]))
            seconds = time.perf_counter() - started
        print(f"Dask, {workers} worker(s): {seconds:.2f} s ({single / seconds:.2f}x one process); "
              f"merged counts {'equal' if merged == whole else 'DIFFER FROM'} the single run")
        if merged != whole:
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
