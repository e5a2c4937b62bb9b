"""Coreference: key and response partitions of mentions -> MUC, B³, CEAF-e and mention counts, one unit per document.

Definitions are those of the CoNLL-2012 reference scorer as described by Pradhan et al. (2014), "Scoring
Coreference Partitions of Predicted Mentions: A Reference Implementation":

* A mention is identified by its exact span (its fragments): a key and a response mention with the same
  fragments are the same mention; every other mention is *twinless*. Twinless mentions are kept, not
  removed or added to the other side: in MUC a twinless mention is a part of its own in the partition of
  an entity, in B³ it contributes 0 to the numerator and 1 to the denominator, in CEAF-e it only enlarges
  its entity.
* Every mention kind counts (names, nominals, pronouns), whatever ``--mentions`` says.
* Singletons are kept on both sides: B³ and CEAF-e count them, MUC ignores them by construction
  (an entity of one mention has no link).
* A mention without ``entity_id`` is a singleton. A span given twice on one side is one mention, so
  entities that share a span are merged (the order of the input lines cannot matter).
* An unplaced predicted mention (text not found) is a twinless response mention.

Chains cross sections, so all counts of a document go to its unit ``(doc_id, None)``.
"""

from __future__ import annotations

from collections import Counter
from fractions import Fraction
from typing import Hashable, Iterable

from ..components import DisjointSets, bipartite_components
from ..counts import Key, LinkCounts, Tally
from ..model import Annotations, Mention, MentionColumns
from ..rows import F1Row, PRFRow, Row, where
from ..schema import Schema
from ..schemes import Scheme
from .base import Context, Task

TASK = "coreference"
#: Coreference is computed once, on exact mention spans, whatever ``--scheme`` says; it is shown under this name.
SCHEME = "exact-mentions"
METRICS = ("mentions", "muc", "bcub", "ceafe")
#: The CoNLL-2012 score: the unweighted mean of these F1s.
CONLL = ("muc", "bcub", "ceafe")
TITLES = {"mentions": "mentions", "muc": "MUC", "bcub": "B3", "ceafe": "CEAF-e"}

Entity = frozenset
Partition = tuple  # of Entity, in a canonical order


def predicted(mentions: tuple[Mention, ...] | None) -> bool:
    """Whether a predicted entities layer says anything about coreference (some mention has an entity_id)."""
    if isinstance(mentions, MentionColumns):  # read the column, make no Mention
        return any(entity_id is not None for entity_id in mentions.entity_ids)
    return any(m.entity_id is not None for m in mentions or ())


def mention_key(mention: Mention, index: int) -> Hashable:
    """A mention's identity: its fragments; an unplaced mention is unique (it can match nothing)."""
    return mention.span.fragments if mention.span is not None else ("unplaced", index)


def partition(mentions: Iterable[Mention]) -> Partition:
    """The entities of one side: mentions sharing an entity_id; one without is a singleton; a repeated span joins."""
    sets = DisjointSets()
    keys = []
    for index, m in enumerate(mentions):
        key = ("mention", mention_key(m, index))
        keys.append(key)
        if m.entity_id is not None:
            sets.union(key, ("entity", m.entity_id))
    groups: dict = {}
    for key in keys:
        groups.setdefault(sets.find(key), set()).add(key[1])
    return canonical(groups.values())


def canonical(entities: Iterable[Iterable[Hashable]]) -> Partition:
    """Entities as frozensets, sorted so the result never depends on input order or entity ids."""
    return tuple(sorted((Entity(e) for e in entities if e), key=lambda e: sorted(map(repr, e))))


def _where(partition_: Partition) -> dict:
    return {m: index for index, entity in enumerate(partition_) for m in entity}


def muc(key: Partition, response: Partition) -> tuple[int, int]:
    """MUC recall numerator and denominator: Σ (|K| − |p(K)|) and Σ (|K| − 1) over key entities K.

    p(K) partitions K by the response entities; each twinless mention of K is a part of its own.
    Swap the arguments for precision.
    """
    where = _where(response)
    numerator = denominator = 0
    for entity in key:
        parts = {where[m] if m in where else ("twinless", m) for m in entity}
        numerator += len(entity) - len(parts)
        denominator += len(entity) - 1
    return numerator, denominator


def bcub(key: Partition, response: Partition) -> tuple[Fraction, int]:
    """B³ recall numerator and denominator: Σ_K Σ_R |K ∩ R|² / |K| and Σ_K |K| (every key mention).

    Swap the arguments for precision.
    """
    where = _where(response)
    numerator, denominator = Fraction(0), 0
    for entity in key:
        overlaps = Counter(where[m] for m in entity if m in where)
        numerator += Fraction(sum(n * n for n in overlaps.values()), len(entity))
        denominator += len(entity)
    return numerator, denominator


def ceafe(key: Partition, response: Partition) -> Fraction:
    """CEAF-e similarity Φ(g*): the sum of φ4(K, R) = 2|K ∩ R| / (|K| + |R|) over the best one-to-one alignment.

    Only entities that share a mention have φ4 > 0, so the alignment splits into connected groups
    of such entities, each solved on its own: a group with one entity on a side takes its best pair;
    a larger one is solved exactly over subsets of its smaller side (up to ``_EXACT_SIDE`` entities),
    else by ``scipy.optimize.linear_sum_assignment`` on float similarities. The chosen pairs'
    similarities are summed exactly.
    """
    where = _where(response)
    shared: Counter = Counter()
    for row, entity in enumerate(key):
        for m in entity:
            if m in where:
                shared[(row, where[m])] += 1
    phi = {(r, c): Fraction(2 * n, len(key[r]) + len(response[c])) for (r, c), n in shared.items()}
    return sum((_best_total(group, phi) for group in bipartite_components(phi)), Fraction(0))


#: Largest smaller side of a group solved exactly by enumerating subsets (2**8 states per row).
_EXACT_SIDE = 8


def _best_total(group: tuple[list[int], list[int]], phi: dict) -> Fraction:
    """The largest sum of similarities over one-to-one pairs of one group."""
    rows, cols = group
    if len(rows) == 1 or len(cols) == 1:
        return max(phi[(r, c)] for r in rows for c in cols if (r, c) in phi)
    if min(len(rows), len(cols)) <= _EXACT_SIDE:
        if len(cols) > len(rows):  # enumerate subsets of the smaller side
            rows, cols, phi = cols, rows, {(c, r): value for (r, c), value in phi.items()}
        best = {0: Fraction(0)}  # subset of used columns (bit mask) -> best total so far
        for r in rows:
            step = dict(best)
            for used, value in best.items():
                for bit, c in enumerate(cols):
                    if (r, c) in phi and not used >> bit & 1:
                        mask = used | 1 << bit
                        if value + phi[(r, c)] > step.get(mask, -1):
                            step[mask] = value + phi[(r, c)]
            best = step
        return max(best.values())
    import numpy as np
    from scipy.optimize import linear_sum_assignment

    matrix = np.zeros((len(rows), len(cols)))
    for i, r in enumerate(rows):
        for j, c in enumerate(cols):
            matrix[i, j] = float(phi.get((r, c), 0))
    chosen = zip(*linear_sum_assignment(matrix, maximize=True))
    return sum((phi.get((rows[i], cols[j]), Fraction(0)) for i, j in chosen), Fraction(0))


def link_counts(key: Partition, response: Partition) -> dict[str, LinkCounts]:
    """Every coreference count of one document, by metric name (see :data:`METRICS`)."""
    key_mentions = {m for e in key for m in e}
    response_mentions = {m for e in response for m in e}
    common = Fraction(len(key_mentions & response_mentions))
    muc_r, muc_p = muc(key, response), muc(response, key)
    bcub_r, bcub_p = bcub(key, response), bcub(response, key)
    phi = ceafe(key, response)
    return {
        "mentions": LinkCounts(common, len(key_mentions), common, len(response_mentions)),
        "muc": LinkCounts(Fraction(muc_r[0]), muc_r[1], Fraction(muc_p[0]), muc_p[1]),
        "bcub": LinkCounts(bcub_r[0], bcub_r[1], bcub_p[0], bcub_p[1]),
        "ceafe": LinkCounts(phi, len(key), phi, len(response)),
    }


def count(context: Context) -> None:
    """Add one document's coreference counts, all at the document's unit ``(doc_id, None)``. Under
    ``strict_layers`` a prediction without any entity_id is scored as singletons."""
    gold, pred = partition(context.gold_layer("entities")), partition(context.pred.entities or ())
    for metric, counts in link_counts(gold, pred).items():
        context.collector.add(None, Key(TASK, SCHEME, metric), counts)


def conll_f1(f1s: Iterable[float | None]) -> float | None:
    """The CoNLL-2012 average of the MUC, B³ and CEAF-e F1s; None when any of them is undefined."""
    values = list(f1s)
    return None if any(v is None for v in values) else sum(values) / len(values)


def rows(tally: Tally, scheme: Scheme | None = None, schema: Schema | None = None) -> list[Row]:
    """P/R/F1 of mentions, MUC, B³ and CEAF-e, then the CoNLL F1 (the schemes do not apply)."""
    found = [
        PRFRow(**where(TASK, SCHEME, metric, TITLES[metric]), prf=(tally.get(Key(TASK, SCHEME, metric)) or LinkCounts()).prf())
        for metric in METRICS
    ]
    conll = conll_f1(row.prf.f1 for row in found if row.group in CONLL)
    return [*found, F1Row(**where(TASK, SCHEME, "conll_f1", "CoNLL"), f1=conll)]


def statistic(tally: Tally, metric: str, name: str = "f1") -> float | None:
    """One number of a tally: ``name`` (precision, recall, f1) of ``metric``, or the F1 of ``conll``."""
    def prf(m: str):
        return (tally.get(Key(TASK, SCHEME, m)) or LinkCounts()).prf()

    if metric == "conll":
        return conll_f1(prf(m).f1 for m in CONLL)
    return getattr(prf(metric), name)


class CoreferenceTask(Task):
    """Scored once per document on exact mention spans; "not predicted" where no predicted mention has an entity_id."""

    name, layer, scheme = TASK, "entities", SCHEME
    groups = tuple((metric, False) for metric in (*METRICS, "conll_f1"))
    primary = "conll"
    per_scheme = False
    document_level = True
    absent, strict_absent = "no entity_id", "scored as singletons"
    item_outcomes = False
    needs = ("entities.entity_id",)
    count = staticmethod(count)
    rows = staticmethod(rows)

    def predicted(self, pred: Annotations) -> bool:
        return predicted(pred.entities)

    def metric_error(self, name: str, stat: str) -> str | None:
        if name in ("conll", *METRICS) and (name != "conll" or stat == "f1"):
            return None
        return (f"coreference metrics are coreference.METRIC.STAT with METRIC in {', '.join(('conll', *METRICS))} "
                "(conll: f1 only), e.g. coreference.conll.f1")

    def headline(self, tally: Tally, name: str, stat: str) -> float | None:
        if not tally.select(TASK):
            return None  # nothing scored (coreference not predicted): not zero
        return statistic(tally, name, stat)

    def headlines(self, schemes: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
        return (("conll", "f1"),)
