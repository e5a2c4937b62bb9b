"""Time saidbench's entity scoring against seqeval and nervaluate on synthetic documents, and check they agree.

    python benchmarks/bench_scorers.py [--docs N] [--mentions M] [--repeat R] [--seed S]

A performance measurement, not a test (it is not in the pytest suite); benchmarks/README.md says
what it measures and records one run.

The synthetic data is deterministic from the seed. A document is a sequence of words; each gold
mention covers 1-4 whole words in a slot of its own, with PAD free words on either side. Its
prediction is exact, shifted by one word at one boundary, relabelled, shifted and relabelled, or
missing; some slots hold only a spurious prediction. A shift never leaves its slot, so every item
overlaps at most one item of the other side: there nervaluate's greedy matching and saidbench's
maximum matching give the same pairs (METRICS.md shows an input where they differ), and the
predictions never overlap each other, as IOB2 tags require. Words are the tokens of seqeval and
nervaluate (whose ends are inclusive); saidbench gets the words' code-point offsets.

Times are medians of --repeat runs of time.perf_counter. Converting spans to IOB2 tags or to
nervaluate's dicts is timed on its own and is not part of the reference scorers' times;
saidbench's times are whole evaluate() calls on in-memory annotations. Exit status 1 if a check fails.
"""

from __future__ import annotations

import argparse
import datetime
import math
import platform
import random
import statistics
import string
import sys
import time
import warnings
from dataclasses import dataclass
from importlib.metadata import version

from nervaluate import Evaluator
from seqeval.metrics import classification_report, f1_score
from seqeval.scheme import IOB2

from saidbench import evaluate
from saidbench.matching import SPAN_SCHEMES
from saidbench.model import Annotations, Document, Mention, Span
from saidbench.schema import load_schema

PAD = 2  # free words on each side of a slot: a one-word shift stays inside it
FILLER = (0, 4)  # extra words between slots
LENGTH = (1, 4)  # words per gold mention
PREDICTION = {"exact": 0.55, "shifted": 0.15, "relabelled": 0.10, "shifted+relabelled": 0.05, "missed": 0.15}
SPURIOUS = 0.10  # chance of a prediction-only slot after each gold slot
NERVALUATE = {"strict": "strict", "exact": "exact", "partial": "partial", "type": "ent_type"}

Spans = list[tuple[int, int, str]]  # (first word, end word exclusive, label)


@dataclass(frozen=True)
class Synthetic:
    """One synthetic document: its words, gold spans and predicted spans (word indices)."""

    words: list[str]
    gold: Spans
    pred: Spans


def shifted(rng: random.Random, start: int, end: int) -> tuple[int, int]:
    """Move one boundary by one word, never emptying the span."""
    moves = [(start - 1, end), (start, end + 1)]
    if end - start > 1:
        moves += [(start + 1, end), (start, end - 1)]
    return rng.choice(moves)


def make_document(rng: random.Random, mentions: int, labels: tuple[str, ...], vocabulary: list[str]) -> Synthetic:
    gold: Spans = []
    pred: Spans = []
    position = 0
    for _ in range(mentions):
        position += rng.randint(*FILLER) + PAD
        start, end, label = position, position + rng.randint(*LENGTH), rng.choice(labels)
        gold.append((start, end, label))
        outcome = rng.choices(list(PREDICTION), weights=list(PREDICTION.values()))[0]
        if outcome != "missed":
            p_start, p_end = shifted(rng, start, end) if "shifted" in outcome else (start, end)
            p_label = rng.choice([other for other in labels if other != label]) if "relabelled" in outcome else label
            pred.append((p_start, p_end, p_label))
        position = end + PAD
        if rng.random() < SPURIOUS:
            position += rng.randint(*FILLER) + PAD
            start = position
            position += rng.randint(*LENGTH)
            pred.append((start, position, rng.choice(labels)))
            position += PAD
    words = [rng.choice(vocabulary) for _ in range(position + rng.randint(*FILLER))]
    return Synthetic(words, gold, pred)


def to_saidbench(doc_id: str, doc: Synthetic) -> tuple[Document, Annotations, Annotations]:
    """The document and its gold and predicted annotations, words mapped to code-point offsets."""
    starts, offset = [], 0
    for word in doc.words:
        starts.append(offset)
        offset += len(word) + 1

    def annotations(spans: Spans) -> Annotations:
        mentions = tuple(
            Mention(Span.of(starts[s], starts[e - 1] + len(doc.words[e - 1])), label, kind="name")
            for s, e, label in spans
        )
        return Annotations(doc_id, entities=mentions)

    return Document(doc_id, " ".join(doc.words)), annotations(doc.gold), annotations(doc.pred)


def iob2(spans: Spans, length: int) -> list[str]:
    tags = ["O"] * length
    for start, end, label in spans:
        tags[start] = f"B-{label}"
        tags[start + 1 : end] = [f"I-{label}"] * (end - start - 1)
    return tags


def nervaluate_dicts(spans: Spans) -> list[dict]:
    return [{"label": label, "start": start, "end": end - 1} for start, end, label in spans]


def timed(function, repeat: int):
    """Median wall time of ``repeat`` calls, and the last call's result."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def quiet(function, *args, **kwargs):
    """Call a seqeval function without its undefined-metric warnings."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return function(*args, **kwargs)


def checks(ours: dict, seqeval_f1: float, report: dict, theirs: dict) -> list[tuple[bool, str]]:
    """(passed, line) for each agreement check; ``ours`` is saidbench's scores()["entities"]."""
    # saidbench's F1 is None when there is nothing to score, where seqeval writes 0
    f1 = ours["strict"]["micro"]["f1"] or 0.0
    seqeval_f1, report_f1 = float(seqeval_f1), float(report["micro avg"]["f1-score"])
    lines = [
        (math.isclose(f1, seqeval_f1, rel_tol=1e-12), f"strict micro F1: saidbench {f1!r}, seqeval f1_score {seqeval_f1!r}"),
        (math.isclose(f1, report_f1, rel_tol=1e-12), f"strict micro F1: saidbench {f1!r}, seqeval classification_report {report_f1!r}"),
    ]
    fields = ("correct", "incorrect", "partial", "missed", "spurious")
    for scheme, name in NERVALUATE.items():
        scopes = [("overall", ours[scheme]["micro"], theirs["overall"][name])] + [
            (label, counts, theirs["entities"][label][name]) for label, counts in ours[scheme]["per_type"].items()
        ]
        mine = [tuple(row[f] for f in fields) for _, row, _ in scopes]
        reference = [tuple(getattr(result, f) for f in fields) for _, _, result in scopes]
        differing = [scope for (scope, _, _), a, b in zip(scopes, mine, reference) if a != b]
        lines.append(
            (
                not differing,
                f"{scheme} COR/INC/PAR/MIS/SPU overall and per type ({len(scopes) - 1} types): "
                f"saidbench {mine[0]}, nervaluate {reference[0]}" + (f"; differ in {differing}" if differing else ""),
            )
        )
    return lines


def positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {value}")
    return value


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=positive, default=50, help="synthetic documents (default 50)")
    parser.add_argument("--mentions", type=positive, default=40, help="gold mentions per document (default 40)")
    parser.add_argument("--repeat", type=positive, default=3, help="timed runs per scorer; the median is reported (default 3)")
    parser.add_argument("--seed", type=int, default=0, help="random seed of the synthetic data (default 0)")
    args = parser.parse_args(argv)

    schema = load_schema()
    labels = schema.entity_labels
    rng = random.Random(args.seed)
    vocabulary = ["".join(rng.choices(string.ascii_lowercase, k=rng.randint(1, 9))) for _ in range(2000)]
    synthetic = {f"doc{n:05d}": make_document(rng, args.mentions, labels, vocabulary) for n in range(args.docs)}
    documents, gold, pred = {}, {}, {}
    for doc_id, doc in synthetic.items():
        documents[doc_id], gold[doc_id], pred[doc_id] = to_saidbench(doc_id, doc)
    items = sum(len(doc.gold) + len(doc.pred) for doc in synthetic.values())
    words = sum(len(doc.words) for doc in synthetic.values())

    def saidbench(scheme):
        return lambda: evaluate(pred, gold, task="entities", scheme=scheme, documents=documents, schema=schema)

    def both_sides(convert):
        """A timeable conversion of every document's gold and predicted spans: (gold list, pred list)."""
        docs = list(synthetic.values())
        return lambda: ([convert(d, d.gold) for d in docs], [convert(d, d.pred) for d in docs])

    convert_iob2 = both_sides(lambda doc, spans: iob2(spans, len(doc.words)))
    convert_dicts = both_sides(lambda doc, spans: nervaluate_dicts(spans))
    y_true, y_pred = convert_iob2()
    true_dicts, pred_dicts = convert_dicts()
    strict_kwargs = dict(mode="strict", scheme=IOB2)
    rows = [  # (scorer, saidbench row it is compared with, function)
        ("saidbench evaluate: strict", None, saidbench("strict")),
        ("saidbench evaluate: strict+exact+partial+type", None, saidbench(SPAN_SCHEMES)),
        ("saidbench evaluate: all (the four + token)", None, saidbench("all")),
        ("seqeval f1_score (strict, IOB2)", 0, lambda: quiet(f1_score, y_true, y_pred, **strict_kwargs)),
        (
            "seqeval classification_report (strict, IOB2)",
            0,
            lambda: quiet(classification_report, y_true, y_pred, output_dict=True, **strict_kwargs),
        ),
        (
            "nervaluate Evaluator (4 schemes)",
            1,
            lambda: Evaluator(true_dicts, pred_dicts, tags=list(labels), loader="dict").evaluate(),
        ),
        ("conversion: spans -> IOB2 tags", None, convert_iob2),
        ("conversion: spans -> nervaluate dicts", None, convert_dicts),
    ]
    measured = [timed(function, args.repeat) for _, _, function in rows]

    libraries = ", ".join(f"{name} {version(name)}" for name in ("saidbench", "seqeval", "nervaluate", "numpy", "scipy"))
    print(f"{datetime.date.today()}  Python {platform.python_version()}  {platform.machine()}  {libraries}")
    print(
        f"{args.docs} documents, {args.mentions} gold mentions each, seed {args.seed}: {words} words, "
        f"{items} items (gold + predicted mentions); median of {args.repeat} runs\n"
    )
    print(f"{'scorer':<48} {'median s':>9} {'items/s':>10}  saidbench ÷ this")
    for (name, compared, _), (seconds, _) in zip(rows, measured):
        ratio = "" if compared is None else f"{measured[compared][0] / seconds:6.1f}x  ({rows[compared][0].split(': ')[1]})"
        print(f"{name:<48} {seconds:9.4f} {items / seconds:10,.0f}  {ratio}")

    # the last results of rows 2-5: saidbench (all schemes), seqeval f1_score and report, nervaluate
    all_schemes = measured[2][1].scores()["entities"]
    results = checks(all_schemes, measured[3][1], measured[4][1], measured[5][1])
    print()
    for passed, line in results:
        print(f"check {'OK  ' if passed else 'FAIL'} {line}")
    return 0 if all(passed for passed, _ in results) else 1


if __name__ == "__main__":
    sys.exit(main())
