"""Score a corpus written by ``corpus.py`` with one tool, reading its files, and print the counts as JSON.

    python benchmarks/score.py TOOL CORPUS_DIR

One tool per process, so a whole-process timing covers imports, reading and scoring. TOOL is

* ``saidbench-strict``: ``saidbench.evaluate`` of entities under the strict scheme;
* ``saidbench-4``: the same under strict, exact, partial and type (the schemes nervaluate computes);
* ``nervaluate``: ``Evaluator(..., loader="dict").evaluate()`` (its strict, exact, partial and ent_type);
* ``seqeval``: ``classification_report(mode="strict", scheme=IOB2, output_dict=True)``.

Output: ``{scheme: {"overall": counts, "types": {label: counts}}}`` where counts are
``[COR, INC, PAR, MIS, SPU]`` for saidbench and nervaluate, and ``[TP, predicted, gold]`` (strict
only) for seqeval, recovered from its precision, recall and support.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

FIELDS = ("correct", "incorrect", "partial", "missed", "spurious")
NERVALUATE = {"strict": "strict", "exact": "exact", "partial": "partial", "type": "ent_type"}


def saidbench(corpus: Path, schemes: tuple[str, ...]) -> dict:
    from saidbench import evaluate, load_documents

    result = evaluate(
        corpus / "pred.jsonl", corpus / "gold.jsonl", task="entities", scheme=schemes, errors=False,
        documents=load_documents(corpus / "documents.jsonl"),
    )
    scores = result.scores()["entities"]
    return {
        scheme: {
            "overall": [scores[scheme]["micro"][f] for f in FIELDS],
            "types": {label: [row[f] for f in FIELDS] for label, row in scores[scheme]["per_type"].items()},
        }
        for scheme in schemes
    }


def nervaluate(corpus: Path) -> dict:
    from nervaluate import Evaluator

    true = json.loads((corpus / "gold.spans.json").read_text(encoding="utf-8"))
    pred = json.loads((corpus / "pred.spans.json").read_text(encoding="utf-8"))
    labels = sorted({span["label"] for doc in true + pred for span in doc})
    found = Evaluator(true, pred, tags=labels, loader="dict").evaluate()
    results, by_type = found["overall"], found["entities"]
    return {
        ours: {
            "overall": [getattr(results[theirs], f) for f in FIELDS],
            "types": {label: [getattr(by_type[label][theirs], f) for f in FIELDS] for label in sorted(by_type)},
        }
        for ours, theirs in NERVALUATE.items()
    }


def read_iob2(path: Path) -> list[list[str]]:
    documents, current = [], []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            tag = line.strip()
            if tag:
                current.append(tag)
            elif current:
                documents.append(current)
                current = []
    if current:
        documents.append(current)
    return documents


def seqeval(corpus: Path) -> dict:
    import warnings

    from seqeval.metrics import classification_report
    from seqeval.scheme import IOB2

    true, pred = read_iob2(corpus / "gold.iob2"), read_iob2(corpus / "pred.iob2")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # undefined-metric warnings for types never predicted
        report = classification_report(true, pred, mode="strict", scheme=IOB2, output_dict=True)

    def counts(row: dict) -> list[int]:
        gold = int(row["support"])
        tp = round(row["recall"] * gold)
        predicted = round(tp / row["precision"]) if row["precision"] else None
        return [tp, predicted, gold]

    types = {label: counts(row) for label, row in report.items() if not label.endswith(" avg")}
    return {"strict": {"overall": counts(report["micro avg"]), "types": types}}


def main(argv: list[str]) -> int:
    tool, corpus = argv[0], Path(argv[1])
    tools = {
        "saidbench-strict": lambda: saidbench(corpus, ("strict",)),
        "saidbench-4": lambda: saidbench(corpus, tuple(NERVALUATE)),
        "nervaluate": lambda: nervaluate(corpus),
        "seqeval": lambda: seqeval(corpus),
    }
    print(json.dumps(tools[tool]()))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
