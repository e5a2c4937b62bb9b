"""Time saidbench against nervaluate and seqeval, whole process from files, interleaved, and check the counts agree.

    python benchmarks/bench_scorers.py [--docs N] [--spans M] [--repeat R] [--seed S] [--scaling] [--work DIR]

A performance measurement, not a test (it is not in the pytest suite); benchmarks/README.md says
what it measures and records runs. The corpus (``corpus.py``) is written once per size into
``--work``; every timed run is a fresh process (``score.py TOOL DIR``): imports, reading the
files and scoring, as a user would run it. Rounds are interleaved (each round runs every tool
once, in turn), so a drift in the shared machine's speed hits all tools alike; ratios are taken
round by round and their median is reported with the median wall time and peak memory (the
process's maximum resident set size, from ``wait4``). Exit status 1 if the counts differ.

``--scaling`` also times saidbench alone at 1/16, 1/4 and all of ``--docs`` (the 1x, 4x, 16x
sizes) and at ``--docs/10`` documents of ``10 x --spans`` spans (as many spans, ten times as
dense), to show time and memory against corpus size and against spans per document.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

HERE = Path(__file__).resolve().parent

#: (tool, the saidbench tool it is compared with, what the ratio means)
COMPARED = {"nervaluate": "saidbench-4", "seqeval": "saidbench-strict"}
ORDER = ("saidbench-4", "nervaluate", "saidbench-strict", "seqeval")


def run(tool: str, corpus: Path) -> tuple[float, float, dict]:
    """Wall seconds, peak resident memory (MB) and the printed counts of one whole-process run."""
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, str(HERE / "score.py"), tool, str(corpus)], stdout=subprocess.PIPE)
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    process.stdout.close()
    if process.returncode != 0:
        raise SystemExit(f"{tool} failed with exit status {process.returncode}")
    return wall, usage.ru_maxrss / 1024, json.loads(output)


def corpus_at(work: Path, docs: int, spans: int, seed: int) -> tuple[Path, dict]:
    folder = work / f"d{docs}-s{spans}-seed{seed}"
    if not (folder / "size.json").is_file():
        # in a process of its own: a child forked from a parent grown by writing a corpus inherits that
        # size in its peak resident memory (ru_maxrss), which would inflate every later measurement
        subprocess.run([sys.executable, str(HERE / "corpus.py"), str(folder), "--docs", str(docs), "--spans",
                        str(spans), "--seed", str(seed)], check=True, stdout=subprocess.DEVNULL)
    return folder, json.loads((folder / "size.json").read_text())


def rounds(tools: tuple[str, ...], corpus: Path, repeat: int) -> dict[str, list[tuple[float, float, dict]]]:
    """``repeat`` interleaved rounds after one untimed warm-up round (file cache, bytecode)."""
    for tool in tools:
        run(tool, corpus)
    found: dict[str, list] = {tool: [] for tool in tools}
    for _ in range(repeat):
        for tool in tools:
            found[tool].append(run(tool, corpus))
    return found


def checks(counts: dict[str, dict]) -> list[tuple[bool, str]]:
    """(passed, line): saidbench's counts against nervaluate's (four schemes) and seqeval's (strict)."""
    ours, lines = counts["saidbench-4"], []
    theirs = counts["nervaluate"]
    for scheme in ours:
        same = ours[scheme] == theirs[scheme]
        lines.append((same, f"{scheme}: COR/INC/PAR/MIS/SPU overall and per type, saidbench {ours[scheme]['overall']}, "
                            f"nervaluate {theirs[scheme]['overall']}"))
    strict = counts["saidbench-strict"]["strict"]
    lines.append((strict == ours["strict"], "saidbench strict alone = strict of the four schemes"))

    def as_seqeval(row: list[int]) -> list[int]:
        correct, incorrect, partial, missed, spurious = row
        return [correct, correct + incorrect + partial + spurious, correct + incorrect + partial + missed]

    seqeval = counts["seqeval"]["strict"]
    mine = {"overall": as_seqeval(strict["overall"]), "types": {k: as_seqeval(v) for k, v in strict["types"].items()}}
    lines.append((mine == seqeval, f"strict TP/predicted/gold overall and per type, saidbench {mine['overall']}, "
                                   f"seqeval {seqeval['overall']}"))
    return lines


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass

    def installed(name: str) -> str:
        try:
            return f"{name} {version(name)}"
        except PackageNotFoundError:
            return f"{name} (not installed)"

    import saidbench

    libraries = ", ".join([f"saidbench {saidbench.__version__}"] + [
        installed(name) for name in ("nervaluate", "seqeval", "numpy", "msgspec")])
    return (f"{platform.system()} {platform.machine()}, {cpu}, {os.cpu_count()} logical CPUs, "
            f"Python {platform.python_version()}; {libraries}")


def describe(size: dict) -> str:
    return (f"{size['documents']:,} documents x {size['gold_spans'] // size['documents']:,} gold spans "
            f"({size['gold_spans']:,} gold, {size['pred_spans']:,} predicted)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=1000, help="documents (default 1000; the issue's size is 10000)")
    parser.add_argument("--spans", type=int, default=100, help="gold spans per document (default 100)")
    parser.add_argument("--repeat", type=int, default=3, help="timed rounds; medians are reported (default 3)")
    parser.add_argument("--seed", type=int, default=0, help="random seed of the synthetic corpus (default 0)")
    parser.add_argument("--scaling", action="store_true", help="also time saidbench at 1x, 4x, 16x and 10x denser")
    parser.add_argument("--work", type=Path, default=Path("benchmarks/.work"), help="where corpora are written")
    args = parser.parse_args(argv)
    if args.docs < 16 or args.spans < 1 or args.repeat < 1:
        parser.error("--docs must be at least 16, --spans and --repeat at least 1")

    print(machine())
    folder, size = corpus_at(args.work, args.docs, args.spans, args.seed)
    print(f"{describe(size)}; whole process from files; median of {args.repeat} interleaved rounds\n")
    found = rounds(ORDER, folder, args.repeat)
    print(f"{'tool':<18} {'wall s':>8} {'peak MB':>8}  speed-up of saidbench (median of per-round ratios)")
    for tool in ORDER:
        walls = [wall for wall, _, _ in found[tool]]
        memory = statistics.median(mb for _, mb, _ in found[tool])
        ratio = ""
        if tool in COMPARED:
            mine = [wall for wall, _, _ in found[COMPARED[tool]]]
            ratio = f"{statistics.median(t / m for t, m in zip(walls, mine)):.1f}x ({COMPARED[tool]} vs {tool})"
        print(f"{tool:<18} {statistics.median(walls):8.2f} {memory:8.0f}  {ratio}")
    results = checks({tool: runs[-1][2] for tool, runs in found.items()})
    print()
    for passed, line in results:
        print(f"check {'OK  ' if passed else 'FAIL'} {line}")

    if args.scaling:
        shapes = [(args.docs // 16, args.spans, "1x"), (args.docs // 4, args.spans, "4x"),
                  (args.docs, args.spans, "16x"), (args.docs // 10, args.spans * 10, "10x denser")]
        print(f"\nscaling of saidbench-4 (median of {args.repeat} rounds)")
        print(f"{'size':<12} {'documents x spans':>20} {'wall s':>8} {'s per 100k spans':>17} {'peak MB':>8}")
        folders = [(corpus_at(args.work, docs, spans, args.seed), name) for docs, spans, name in shapes]
        timed = {name: [] for _, name in folders}
        for _ in range(args.repeat):  # interleaved over the sizes as well
            for (folder, _), name in folders:
                timed[name].append(run("saidbench-4", folder)[:2])
        for (folder, size), name in folders:
            wall = statistics.median(w for w, _ in timed[name])
            memory = statistics.median(m for _, m in timed[name])
            shape = f"{size['documents']:,} x {size['gold_spans'] // size['documents']:,}"
            print(f"{name:<12} {shape:>20} {wall:8.2f} {wall / size['gold_spans'] * 1e5:17.2f} {memory:8.0f}")
    return 0 if all(passed for passed, _ in results) else 1


if __name__ == "__main__":
    sys.exit(main())
