"""A generated corpus of one's own, attribution-heavy, validated and scored through a corpus manifest.

    python benchmarks/bench_named_corpus.py [--docs 1000] [--relations 30] [--seed 0] [--work DIR] [--brat]

Writes ``documents.jsonl``, ``gold.jsonl``, ``pred.jsonl``, ``schema.yaml`` and ``corpus.yaml`` (entities and
attributions annotated, no claims, only ``quote_type`` among the attribution fields) into ``--work`` (default: a
temporary folder), then times, in this process: loading the corpus, validating gold and predictions, and
``evaluate`` with every scheme. ``--brat`` also converts the gold to brat and times validating that folder.
Exit status 1 if the scores are not what the generator put in.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "eval"))

from saidbench import evaluate  # noqa: E402
from saidbench.corpus import Corpus  # noqa: E402
from saidbench.validate import validate  # noqa: E402

NAMES = ("Zoë Berg", "Ana Lima", "Jörg Ørsted", "Li Wei", "Sam Okafor", "Maya Ruiz", "Tomás Ñúñez", "Eve Stone")
CUES = ("said", "claimed", "told reporters", "warned", "insisted")
WORDS = ("the", "plan", "will", "fail", "budget", "grew", "talks", "stalled", "prices", "rose", "again", "sharply")
QUOTES = ("direct", "indirect", "mixed")
SCHEMA = "version: bench\nentities:\n  labels: [PER]\nattributions:\n  attributes:\n    quote_type: [direct, indirect, mixed]\n"
MANIFEST = ("name: bench\ndocuments: documents.jsonl\ngold: gold.jsonl\nschema: schema.yaml\n"
            "annotates:\n  entities: []\n  attributions: [quote_type]\n")


def span(start: int, text: str) -> dict:
    return {"start": start, "end": start + len(text), "text": text}


def document(index: int, relations: int, rng: random.Random) -> tuple[dict, dict, dict, dict]:
    """A document of ``relations`` sentences ``NAME CUE that WORDS .``; its gold, its predictions, and what was changed."""
    parts, entities, attributions = [], [], []
    pred_entities, pred_attributions = [], []
    changed = {"missed": 0, "shortened": 0, "requoted": 0}
    offset = 0
    for k in range(relations):
        name, cue = rng.choice(NAMES), rng.choice(CUES)
        content = "that " + " ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 8)))
        sentence = f"{name} {cue} {content}. "
        source_at, cue_at = offset, offset + len(name) + 1
        content_at = cue_at + len(cue) + 1
        mention = {"id": f"m{k}", "label": "PER", **span(source_at, name)}
        relation = {"id": f"a{k}", "source": span(source_at, name), "cue": span(cue_at, cue),
                    "content": span(content_at, content), "quote_type": rng.choice(QUOTES)}
        entities.append(mention)
        attributions.append(relation)
        pred_entities.append({"label": "PER", **span(source_at, name)})
        roll = rng.random()
        if roll < 0.1:
            changed["missed"] += 1
        else:
            predicted = json.loads(json.dumps(relation))
            del predicted["id"]
            if roll < 0.2:  # the last word left out: not exact, still overlapping
                cut = content.rsplit(" ", 1)[0]
                predicted["content"] = span(content_at, cut)
                changed["shortened"] += 1
            elif roll < 0.3:
                predicted["quote_type"] = next(q for q in QUOTES if q != relation["quote_type"])
                changed["requoted"] += 1
            pred_attributions.append(predicted)
        parts.append(sentence)
        offset += len(sentence)
    doc_id = f"doc{index:05d}"
    text = "".join(parts)
    gold = {"doc_id": doc_id, "entities": entities, "attributions": attributions}
    pred = {"doc_id": doc_id, "entities": pred_entities, "attributions": pred_attributions}
    return {"id": doc_id, "text": text}, gold, pred, changed


def write(folder: Path, docs: int, relations: int, seed: int) -> dict:
    rng = random.Random(seed)
    made = [document(i, relations, rng) for i in range(docs)]
    for name, column in (("documents.jsonl", 0), ("gold.jsonl", 1), ("pred.jsonl", 2)):
        with (folder / name).open("w", encoding="utf-8") as handle:
            handle.writelines(json.dumps(m[column], ensure_ascii=False) + "\n" for m in made)
    (folder / "schema.yaml").write_text(SCHEMA, encoding="utf-8")
    (folder / "corpus.yaml").write_text(MANIFEST, encoding="utf-8")
    return {key: sum(m[3][key] for m in made) for key in ("missed", "shortened", "requoted")}


def timed(what: str, call):
    start = time.perf_counter()
    found = call()
    print(f"{what:<48} {time.perf_counter() - start:8.2f} s")
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--relations", type=int, default=30, help="attribution relations per document")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--work", type=Path, help="where to write the corpus (default: a temporary folder)")
    parser.add_argument("--brat", action="store_true", help="also convert the gold to brat and validate it")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as temporary:
        folder = args.work or Path(temporary)
        folder.mkdir(parents=True, exist_ok=True)
        changed = timed("generate and write", lambda: write(folder, args.docs, args.relations, args.seed))
        total = args.docs * args.relations
        print(f"{args.docs} documents, {total} gold relations, {total} gold mentions; changed: {changed}")
        corpus = timed("load corpus (manifest, schema, documents)", lambda: Corpus.load(folder))
        timed("documents", lambda: corpus.documents)
        gold_problems = timed("validate gold", lambda: validate(folder / "gold.jsonl", kind="gold", corpus=corpus))
        pred_problems = timed("validate predictions", lambda: validate(folder / "pred.jsonl", corpus=corpus))
        result = timed("evaluate, every scheme", lambda: evaluate(folder / "pred.jsonl", corpus=corpus, scheme="all"))
        if args.brat:
            from saidbench.formats import convert

            timed("convert gold to brat", lambda: convert(folder / "gold.jsonl", folder / "brat", corpus))
            brat_problems = timed("validate the brat folder as gold",
                                  lambda: validate(folder / "brat", kind="gold", corpus=corpus))
            gold_problems += brat_problems
    relations = result.scores()["attribution"]["strict"]["relations"]
    quote = result.scores()["attribution"]["strict"]["attributes"]["quote_type"]
    # strict: a shortened content still pairs (its cue and content overlap) but is incorrect
    expected = {"correct": total - changed["missed"] - changed["shortened"], "incorrect": changed["shortened"],
                "missed": changed["missed"], "spurious": 0}
    found = {key: relations[key] for key in expected}
    pairs = total - changed["missed"]
    ok = not gold_problems and not pred_problems and found == expected and quote["pairs"] == pairs
    print(f"strict relations {found} (expected {expected}); quote_type pairs {quote['pairs']}, "
          f"accuracy {quote['accuracy']:.4f}; {'ok' if ok else 'MISMATCH'}")
    print(result.signature("attribution", "strict"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
