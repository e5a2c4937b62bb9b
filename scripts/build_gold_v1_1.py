"""Build annotations/v1.1/gold.jsonl from the two blind v1.1 passes and the adjudication decisions.

Usage: python scripts/build_gold_v1_1.py            (rewrites the gold)
       python scripts/build_gold_v1_1.py --check    (exit 1 if the committed gold differs)

Each decision below is logged, with its rule, in guidelines/v1.1/ADJUDICATION.md. Applied to either pass, the
decisions must give the same line: so the log covers every disagreement between the passes, and nothing else.
"""

import copy
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PASSES = ROOT / "annotations" / "v1.1" / "passes"
GOLD = ROOT / "annotations" / "v1.1" / "gold.jsonl"
B_PASS = json.loads((PASSES / "annotator_b.jsonl").read_text(encoding="utf-8"))


def _claim_at(line: dict, start: int, end: int) -> dict | None:
    return next((c for c in line["claims"] if (c["start"], c["end"]) == (start, end)), None)


def a1_why_clause_is_a_nested_claim(line: dict) -> None:
    """A1: the clause after `That is why` is a claim nested in its host (B's item, taken as B made it)."""
    if _claim_at(line, 2445, 2523) is None:
        line["claims"].append(copy.deepcopy(_claim_at(B_PASS, 2445, 2523)))


def a2_comes_after_is_a_state(line: dict) -> None:
    """A2: `The MoD’s update comes after …` relates two events in time: a state (A's value)."""
    _claim_at(line, 1772, 1937)["claim_type"] = "state"


def a3_content_it_is_the_object_of_confirmed(line: dict) -> None:
    """A3: both passes put the content `it` of `neither side has confirmed it` inside the word `neither`."""
    content = next(a for a in line["attributions"] if a["cue"]["text"] == "confirmed")["content"]
    content.update(start=820, end=822)


DECISIONS = [a1_why_clause_is_a_nested_claim, a2_comes_after_is_a_state, a3_content_it_is_the_object_of_confirmed]


def adjudicate(line: dict) -> dict:
    """One pass with every decision applied, claims renumbered in document order (guidelines §1.4)."""
    line = copy.deepcopy(line)
    for decide in DECISIONS:
        decide(line)
    line["claims"].sort(key=lambda c: (c["start"], -c["end"]))
    for number, claim in enumerate(line["claims"], 1):
        claim["id"] = f"c{number}"
    line["guideline_version"] = "1.1"
    return line


def build() -> str:
    a = adjudicate(json.loads((PASSES / "annotator_a.jsonl").read_text(encoding="utf-8")))
    if a != adjudicate(B_PASS):
        raise SystemExit("the passes still differ after adjudication: log and decide the remaining disagreement")
    return json.dumps(a, ensure_ascii=False) + "\n"


def main(argv: list[str]) -> int:
    line = build()
    if "--check" in argv:
        return 0 if GOLD.read_text(encoding="utf-8") == line else 1
    GOLD.write_text(line, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
