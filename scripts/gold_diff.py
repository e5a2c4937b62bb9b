"""Every item that differs between gold v1.0 and gold v1.1, each with the rule that explains it.

Usage: python scripts/gold_diff.py            (prints the markdown list kept in guidelines/CHANGELOG.md)

Items are compared by what they cover, not by id (ids are renumbered between versions): mentions and claims by span,
attributions by cue span; an unmatched old item and an unmatched new item of the same layer that overlap are one item
whose span changed. Mention chains are compared by `entity_id`, with singleton ids (`E_m<n>`, which follow mention
numbering) read as "singleton". Each change must have an explanation in EXPLAINED (the rule, D1-D8 of the v1.1
guidelines' §8, another section, or an adjudication decision of guidelines/v1.1/ADJUDICATION.md); an unexplained
change stops the script, so the list in the changelog is complete by construction.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OLD, NEW = ROOT / "annotations" / "gold.jsonl", ROOT / "annotations" / "v1.1" / "gold.jsonl"
CLAIM_FIELDS = ("certainty", "hedges", "commitment", "polarity", "claim_type", "modality", "attribution")
ATTRIBUTION_FIELDS = ("source", "content", "source_type", "quote_type", "cue_polarity", "source_entity", "parent")
D4 = "D4 (§3.7): a NORP adjective or premodifier is a singleton, not in the country's chain"

# (layer, start, end of the item in v1.0 or, if added, in v1.1, field or change) -> the rule that explains it
EXPLAINED = {
    ("entities", 340, 356, "entity_id"): "§1.4 slug rule: v1.0's guidelines prescribed this article's ids (`E_ap`); "
    "v1.1 names none, and the slug is formed from the name (id only, the chain is unchanged; ADJUDICATION R10)",
    ("entities", 1812, 1814, "entity_id"): "§1.4 slug rule: v1.0's guidelines prescribed this article's ids (`E_us`); "
    "v1.1 names none, and its own example for the US is `E_usa` (id only, the chain is unchanged; ADJUDICATION R10)",
    ("entities", 2403, 2423, "span"): "D5 (§3.4): the determiner is outside a numeric span",
    ("entities", 2843, 2867, "span"): "§3.5 extent of nominals: a possessor determiner (`his`) is left out; the rule "
    "is v1.0's too, whose gold and own example kept it",
    ("claims", 94, 137, "hedges"): "D3 (§5.4): a concessive modal is recorded as a hedge",
    ("claims", 515, 659, "span"): "D2 (§5.3): the restrictive relative clause `which came into effect …` stays in "
    "its host and nests",
    ("claims", 846, 889, "span"): "D2 (§5.3): the temporal `after` clause stays in its host and nests",
    ("claims", 896, 976, "commitment"): "D1 (§5.5): a past temporal clause inside a content is presupposed: asserted",
    ("claims", 896, 976, "attribution"): "D1 (§5.9): a presupposed clause links to no attribution",
    ("claims", 1468, 1554, "claim_type"): "D8 (§5.7 T2: a purpose clause attached to the claim makes it causal), "
    "read by both blind passes as covering the purpose infinitive `to fight in the war` (ADJUDICATION R3, Q1)",
    ("claims", 1772, 1833, "span"): "D2 (§5.3): the host keeps the complement of the frame in its `after` clause",
    ("claims", 1772, 1833, "claim_type"): "adjudication decision A2 (§5.7 event or state: `comes after` is a "
    "relation)",
    ("claims", 1979, 2044, "span"): "D2 (§5.3): a host is never cut short of its complement (`was a sign …`)",
    ("claims", 2445, 2523, "added"): "adjudication decision A1 (§5.2, §5.3, D2: the clause after `That is why` "
    "nests in its host)",
    ("claims", 2684, 2782, "span"): "D2 (§5.3): the restrictive (comma-less) `which` clause stays in its host and "
    "nests",
}


def load(path: Path) -> dict:
    (line,) = path.read_text(encoding="utf-8").splitlines()
    return json.loads(line)


def extent(span: dict | None) -> tuple | None:
    """A span's ranges: ((start, end), ...), or None."""
    if span is None:
        return None
    return tuple(tuple(f) for f in span["fragments"]) if "fragments" in span else ((span["start"], span["end"]),)


def shown(span: dict | None) -> str:
    if span is None:
        return "null"
    texts = span["text"] if isinstance(span["text"], list) else [span["text"]]
    ranges = ", ".join(f"[{s}, {e})" for s, e in extent(span))
    return f"`{' … '.join(texts)}` {ranges}"


def pair(old: list[dict], new: list[dict], key) -> tuple[list, list, list]:
    """(old, new) pairs: equal keys first, then overlapping leftovers; and the unpaired old and new items."""
    by_key = {key(item): item for item in new}
    pairs = [(o, by_key.pop(key(o))) for o in old if key(o) in by_key]
    paired = {id(o) for o, _ in pairs}
    left_old, left_new = [o for o in old if id(o) not in paired], list(by_key.values())
    for o in list(left_old):
        (os, oe), *_ = key(o)
        match = next((n for n in left_new if key(n)[0][0] < oe and os < key(n)[-1][1]), None)
        if match is not None:
            pairs.append((o, match))
            left_old.remove(o)
            left_new.remove(match)
    return pairs, left_old, left_new


def chain(entity_id: str | None) -> str | None:
    return "singleton" if entity_id and re.fullmatch(r"E_m\d+", entity_id) else entity_id


def changes(old: dict, new: dict) -> list[tuple[tuple, str]]:
    """(key of EXPLAINED, description) for every changed item, in document order per layer."""
    out = []
    old_links = {a["id"]: shown(a["cue"]) for a in old["attributions"]}
    new_links = {a["id"]: shown(a["cue"]) for a in new["attributions"]}

    def compare(layer, o, n, fields, value):
        (start, end), *_ = extent(o) if layer != "attributions" else extent(o["cue"])
        if layer != "attributions" and extent(o) != extent(n):
            out.append(((layer, start, end, "span"), f"changed span: {shown(o)} → {shown(n)}"))
        for field in fields:
            before, after = value(field, o, old_links), value(field, n, new_links)
            if before != after:
                what = shown(o) if layer != "attributions" else f"attribution with cue {shown(o['cue'])}"
                out.append(((layer, start, end, field), f"changed `{field}` of {what}: {before} → {after}"))

    def entity_value(field, item, _links):
        singleton = field == "entity_id" and chain(item[field]) == "singleton"
        return f"{item[field]} (singleton)" if singleton else item[field]

    def claim_value(field, item, links):
        if field == "hedges":
            return "[" + ", ".join(shown(h) for h in item["hedges"]) + "]"
        if field == "attribution":
            return "null" if item[field] is None else f"the attribution with cue {links[item[field]]}"
        return item[field]

    def attribution_value(field, item, links):
        if field in ("source", "content"):
            return shown(item[field])
        if field == "parent":
            return "null" if item[field] is None else f"the attribution with cue {links[item[field]]}"
        return chain(item[field]) if field == "source_entity" else item[field]

    layers = (("entities", ("label", "kind", "entity_id"), entity_value, extent),
              ("claims", CLAIM_FIELDS, claim_value, extent),
              ("attributions", ATTRIBUTION_FIELDS, attribution_value, lambda a: extent(a["cue"])))
    for layer, fields, value, key in layers:
        pairs, removed, added = pair(old[layer], new[layer], key)
        for o, n in sorted(pairs, key=lambda p: key(p[0])):
            if layer == "entities":
                # an id that only renumbers a singleton is no change; a real chain keeps its id
                if chain(o["entity_id"]) == chain(n["entity_id"]) == "singleton":
                    n = {**n, "entity_id": o["entity_id"]}
            compare(layer, o, n, fields, value)
        for change, items in (("removed", removed), ("added", added)):
            for item in items:
                (start, end), *_ = key(item)
                what = shown(item) if layer != "attributions" else f"attribution with cue {shown(item['cue'])}"
                out.append(((layer, start, end, change), f"{change}: {what}"))
    return out


def explain(key: tuple, old: dict) -> str:
    layer, start, end, field = key
    if key in EXPLAINED:
        return EXPLAINED[key]
    mention = next((m for m in old["entities"] if (m["start"], m["end"]) == (start, end)), None)
    if layer == "entities" and field == "entity_id" and mention and mention["label"] == "NORP":
        return D4
    raise SystemExit(f"unexplained change {key}: add its rule to EXPLAINED in scripts/gold_diff.py")


def render(old: dict, new: dict) -> str:
    found = changes(old, new)
    lines = [f"- **{key[0]}** · {text} — {explain(key, old)}" for key, text in found]
    items = {layer: len({key[1:3] for key, _ in found if key[0] == layer})
             for layer in ("entities", "claims", "attributions")}
    summary = (f"{sum(items.values())} items changed v1.0 → v1.1 (entities {items['entities']}, claims "
               f"{items['claims']}, attributions {items['attributions']}), {len(found)} changes in all; generated by "
               "`python scripts/gold_diff.py`.")
    return "\n".join([summary, "", *lines]) + "\n"


def main() -> int:
    sys.stdout.write(render(load(OLD), load(NEW)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
