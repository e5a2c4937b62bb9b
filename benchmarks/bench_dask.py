"""Time scoring shards on a Dask LocalCluster against one process (docs/SCALING.md).

    python benchmarks/bench_dask.py [--docs N] [--spans M] [--work DIR] [--run all|single|dask]
                                    [--workers W] [--shards K] [--repeat R]

The corpus is ``corpus.py``'s (entities, the four SemEval schemes). ``single`` scores it in this
process: ``load_documents`` then ``evaluate``, and the report's rows. ``dask`` cuts the document
ids into K shards of consecutive ids (default: one per worker), scores each with
``saidbench.saved.score_shard(arrays=True)`` on a LocalCluster of W worker processes (one thread
each), reads the returned counts with ``from_data``, merges them and makes the same rows. Times are wall seconds of that work only: the cluster is
started, and saidbench imported in every worker, before the clock starts, as a running cluster
would have it. Each run prints ``<run>: CPU ...; <seconds> s`` R times, the CPU seconds of this
process and of each worker process (all its threads) during the timed work. ``all`` (the default) times
``single``, then ``dask`` with 1 and 2 workers, and checks the merged counts equal the single run's.
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

SCHEMES = ("strict", "exact", "partial", "type")


def single(folder: Path):
    """One process: the documents, the counts, and the report's rows."""
    result = evaluate(folder / "pred.jsonl", folder / "gold.jsonl", task="entities", scheme=SCHEMES,
                      documents=load_documents(folder / "documents.jsonl"), errors=False)
    result.rows()
    return result


def sharded(client, folder: Path, shards: list[list[str]]):
    """The shards scored on the cluster's workers, merged here, and the report's rows."""
    futures = client.map(score_shard, shards, pred=str(folder / "pred.jsonl"), gold=str(folder / "gold.jsonl"),
                         documents=str(folder / "documents.jsonl"), arrays=True, task="entities", scheme=SCHEMES,
                         pure=False)  # scored again on every repeat, not taken from the cluster's memory
    result = merge([from_data(data) for data in client.gather(futures)])
    result.rows()
    return result


def _warm() -> None:
    import saidbench.saved  # noqa: F401  (what a worker imports for its first shard)


def timed(function, *args) -> tuple[float, float, object]:
    """Wall and CPU seconds of ``function(*args)`` in this process, and its value."""
    started, cpu = time.perf_counter(), time.process_time()
    value = function(*args)
    return time.perf_counter() - started, time.process_time() - cpu, value


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=400)
    parser.add_argument("--spans", type=int, default=100)
    parser.add_argument("--work", type=Path, default=Path("benchmarks/.work"))
    parser.add_argument("--run", choices=("all", "single", "dask"), default="all")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--shards", type=int, help="default: one per worker")
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args(argv)

    folder, size = corpus_at(args.work, args.docs, args.spans, 0)
    ids = [json.loads(line)["doc_id"] for line in (folder / "gold.jsonl").read_text(encoding="utf-8").splitlines()]
    if args.run == "all":
        print(machine())
        print(f"{size['documents']:,} documents x {args.spans} gold spans, entities, four schemes")
    whole = None
    if args.run in ("all", "single"):
        for _ in range(args.repeat):
            seconds, cpu, whole = timed(single, folder)
            print(f"single: CPU {cpu:.2f} s; {seconds:.2f} s", flush=True)
    if args.run == "single":
        return 0
    from dask.distributed import Client, LocalCluster

    for workers in (1, 2) if args.run == "all" else (args.workers,):
        step = -(-len(ids) // (args.shards or workers))
        shards = [ids[i:i + step] for i in range(0, len(ids), step)]
        with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
                Client(cluster) as client:
            client.run(_warm)
            for _ in range(args.repeat):
                before = client.run(time.process_time)
                seconds, cpu, merged = timed(sharded, client, folder, shards)
                after = client.run(time.process_time)
                spent = " + ".join(f"{after[w] - before[w]:.2f}" for w in sorted(after))
                print(f"dask {workers} worker(s), {len(shards)} shards: CPU workers {spent}, client {cpu:.2f} s; "
                      f"{seconds:.2f} s", flush=True)
        if whole is not None:
            equal = dump(merged) == dump(whole)
            print(f"merged counts {'equal' if equal else 'DIFFER FROM'} the single run")
            if not equal:
                return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
