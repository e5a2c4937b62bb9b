"""Write a synthetic entity corpus to files: saidbench's JSONL, IOB2 tags for seqeval, span dicts for nervaluate.

    python benchmarks/corpus.py OUT_DIR [--docs N] [--spans M] [--seed S]

Deterministic from the seed. A document is a sequence of words; each gold mention covers 1-4
whole words in a slot of its own, with PAD free words on either side. Its prediction is exact,
shifted by one word at one boundary, relabelled (type swap), shifted and relabelled, or deleted;
some slots hold only an inserted (spurious) prediction. A shift never leaves its slot, so every
item overlaps at most one item of the other side: there nervaluate's greedy matching and
saidbench's maximum matching give the same pairs (METRICS.md shows an input where they differ),
and the predictions never overlap each other, as IOB2 tags require.

Files written (the three tools read the same mentions, each in its own input format):

* ``documents.jsonl``, ``gold.jsonl``, ``pred.jsonl``: saidbench's corpus and annotation lines (docs/FORMAT.md),
  code-point offsets of whole words;
* ``gold.iob2``, ``pred.iob2``: one IOB2 tag per line, a blank line between documents (seqeval);
* ``gold.spans.json``, ``pred.spans.json``: per document a list of ``{"label", "start", "end"}`` with word
  indices and inclusive ends (nervaluate's ``loader="dict"``).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import string
import sys
from pathlib import Path

PAD = 2  # free words on each side of a slot: a one-word shift stays inside it
FILLER = (0, 4)  # extra words between slots
LENGTH = (1, 4)  # words per gold mention
PREDICTION = {"exact": 0.55, "shifted": 0.15, "relabelled": 0.10, "shifted+relabelled": 0.05, "deleted": 0.15}
INSERTED = 0.10  # chance of a prediction-only slot after each gold slot
#: The 18 OntoNotes labels of the bundled schema (guidelines/v1.0/schema.yaml); a test keeps them in step.
LABELS = (
    "PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW",
    "LANGUAGE", "DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL",
)

Spans = list[tuple[int, int, str]]  # (first word, end word exclusive, label)


def shifted(rng: random.Random, start: int, end: int) -> tuple[int, int]:
    """Move one boundary by one word, never emptying the span."""
    moves = [(start - 1, end), (start, end + 1)]
    if end - start > 1:
        moves += [(start + 1, end), (start, end - 1)]
    return rng.choice(moves)


def make_document(rng: random.Random, mentions: int, vocabulary: list[str]) -> tuple[list[str], Spans, Spans]:
    """(words, gold spans, predicted spans) of one synthetic document."""
    gold: Spans = []
    pred: Spans = []
    position = 0
    for _ in range(mentions):
        position += rng.randint(*FILLER) + PAD
        start, end, label = position, position + rng.randint(*LENGTH), rng.choice(LABELS)
        gold.append((start, end, label))
        outcome = rng.choices(list(PREDICTION), weights=list(PREDICTION.values()))[0]
        if outcome != "deleted":
            p_start, p_end = shifted(rng, start, end) if "shifted" in outcome else (start, end)
            p_label = rng.choice([other for other in LABELS if other != label]) if "relabelled" in outcome else label
            pred.append((p_start, p_end, p_label))
        position = end + PAD
        if rng.random() < INSERTED:
            position += rng.randint(*FILLER) + PAD
            start = position
            position += rng.randint(*LENGTH)
            pred.append((start, position, rng.choice(LABELS)))
            position += PAD
    words = [rng.choice(vocabulary) for _ in range(position + rng.randint(*FILLER))]
    return words, gold, pred


def iob2(spans: Spans, length: int) -> list[str]:
    tags = ["O"] * length
    for start, end, label in spans:
        tags[start] = f"B-{label}"
        tags[start + 1 : end] = [f"I-{label}"] * (end - start - 1)
    return tags


def write(out: Path, docs: int, spans: int, seed: int) -> dict:
    """Write every file of one corpus into ``out``; returns its size (documents, gold and predicted spans, words)."""
    rng = random.Random(seed)
    vocabulary = ["".join(rng.choices(string.ascii_lowercase, k=rng.randint(1, 9))) for _ in range(2000)]
    out.mkdir(parents=True, exist_ok=True)
    files = {name: (out / name).open("w", encoding="utf-8") for name in (
        "documents.jsonl", "gold.jsonl", "pred.jsonl", "gold.iob2", "pred.iob2")}
    spans_json = {"gold": [], "pred": []}
    size = {"documents": docs, "gold_spans": 0, "pred_spans": 0, "words": 0}
    try:
        for n in range(docs):
            doc_id = f"doc{n:06d}"
            words, gold, pred = make_document(rng, spans, vocabulary)
            starts, offset = [], 0
            for word in words:
                starts.append(offset)
                offset += len(word) + 1
            text = " ".join(words)
            files["documents.jsonl"].write(json.dumps({
                "id": doc_id, "title": doc_id, "text": text,
                "text_sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
                "language": "en", "license": "synthetic",
                "sections": [{"id": "s1", "label": "paragraph", "start": 0, "end": len(text)}],
            }) + "\n")
            for side, found in (("gold", gold), ("pred", pred)):
                mentions = []
                for index, (s, e, label) in enumerate(found):
                    begin, end = starts[s], starts[e - 1] + len(words[e - 1])
                    mentions.append({"id": f"m{index}", "start": begin, "end": end, "text": text[begin:end],
                                     "label": label, "kind": "name", "entity_id": None})
                line = {"doc_id": doc_id, "entities": mentions, "claims": [], "attributions": []}
                if side == "gold":
                    line["guideline_version"] = "1.0"
                files[f"{side}.jsonl"].write(json.dumps(line) + "\n")
                files[f"{side}.iob2"].write("\n".join(iob2(found, len(words))) + "\n\n")
                spans_json[side].append([{"label": label, "start": s, "end": e - 1} for s, e, label in found])
                size[f"{side}_spans"] += len(found)
            size["words"] += len(words)
    finally:
        for handle in files.values():
            handle.close()
    for side, found in spans_json.items():
        (out / f"{side}.spans.json").write_text(json.dumps(found), encoding="utf-8")
    (out / "size.json").write_text(json.dumps(size), encoding="utf-8")
    return size


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder to write the corpus into")
    parser.add_argument("--docs", type=int, default=100, help="documents (default 100)")
    parser.add_argument("--spans", type=int, default=100, help="gold spans per document (default 100)")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    args = parser.parse_args(argv)
    print(json.dumps(write(args.out, args.docs, args.spans, args.seed)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
