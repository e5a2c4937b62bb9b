"""Match gold and predicted items one-to-one under a scheme -> Alignment (pairs + outcome per item).

How a pair is judged under each scheme is the scheme's own rule (:mod:`saidbench.schemes`).
An item has one or more role spans (one for a mention or claim; cue and content for an
attribution). "Identical" means identical fragment tuples in every role; "overlapping" means
every role shares at least one code point (tokens for ``token``) and covers at least
``min_overlap`` of the gold role's length. Two items can only pair if they overlap.

One-to-one assignment: within each connected group of overlapping items an assignment solver
(:mod:`saidbench.assignment`, which chooses as scipy's ``linear_sum_assignment``) maximises, lexicographically,
(1) the number of correct pairs, (2) the total overlap (code points, or tokens), (3) the number
of pairs, (4) closeness of boundaries (smallest summed |Δstart| + |Δend|). Items are sorted
canonically (spans, label, then every other field) before solving, so the result never depends
on input order; ties left after (4) go to the canonically earlier item when one side of the group
has a single item, and otherwise to the solver's deterministic choice on the canonical order.
When no item overlaps two items of the other side, no group has a choice: the overlapping pairs are
the alignment, found without sorting or solving (:func:`one_to_one_items`).
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, replace
from typing import Callable, Hashable, NamedTuple, Sequence

from . import schemes
from .assignment import max_weight_assignment
from .components import bipartite_components
from .counts import SpanCounts
from .model import Span
from .schemes import Scheme

#: Tokens for the token scheme: runs of word characters, or single other non-space characters.
TOKEN_PATTERN = re.compile(r"\w+|[^\w\s]")

_EXACT_FLOAT = 2**53
#: Largest group (gold x predicted items) solved in pure Python; larger ones go to scipy, which chooses alike.
_PURE_PYTHON_CELLS = 1024


class Tokens:
    """The tokens of one document text, for the token scheme (found on first use: most scoring needs none)."""

    def __init__(self, text: str):
        self._text = text
        self._starts: list[int] | None = None
        self._ends: list[int] = []
        self._of: dict[tuple[tuple[int, int], ...], frozenset[int]] = {}  # fragments -> tokens: spans recur

    def of(self, span: Span) -> frozenset[int]:
        """Indices of the tokens that share at least one code point with the span."""
        found = self._of.get(span.fragments)
        if found is None:
            found = self._of[span.fragments] = self._find(span.fragments)
        return found

    def _find(self, fragments: tuple[tuple[int, int], ...]) -> frozenset[int]:
        if self._starts is None:
            found = [(m.start(), m.end()) for m in TOKEN_PATTERN.finditer(self._text)]
            self._starts = [s for s, _ in found]
            self._ends = [e for _, e in found]
        indices: set[int] = set()
        for start, end in fragments:
            first = bisect.bisect_right(self._ends, start)  # first token ending after start
            last = bisect.bisect_left(self._starts, end)  # tokens starting before end
            indices.update(range(first, last))
        return frozenset(indices)


@dataclass(frozen=True, slots=True)
class Item:
    """What matching sees of an annotation: role spans, a label, and the caller's index.

    ``spans`` holds one entry per role; a role may be None only on both sides at once.
    ``label`` is compared with ``==``, except under ``label_rule="span"`` where it is itself an
    optional span (an attribution's source) that agrees when identical (strict) or overlapping
    (other schemes), or when both are None. ``placed=False`` marks an unplaceable prediction: it is
    always spurious. ``sort_key`` orders otherwise identical items canonically.
    """

    spans: tuple[Span | None, ...]
    label: Hashable = None
    index: int = 0
    placed: bool = True
    sort_key: str = ""

    def canonical(self) -> tuple:
        spans = tuple(() if s is None else s.fragments for s in self.spans)
        label = repr(self.label.fragments) if isinstance(self.label, Span) else repr(self.label)
        return (spans, label, self.sort_key, self.index)


def keyed_ties(items: list[Item], sort_key: Callable[[int], str]) -> list[Item]:
    """The items, those that tie with another on spans and label given ``sort_key(item.index)`` as their sort
    key: only ties ever consult it when items are sorted canonically, and making it for every item is costly."""
    # equal exactly when the first two parts of Item.canonical are (Span equality is fragment equality)
    prefix = lambda item: (item.spans, item.label.fragments if isinstance(item.label, Span) else repr(item.label))  # noqa: E731
    seen = Counter(prefix(item) for item in items)
    return [replace(item, sort_key=sort_key(item.index)) if seen[prefix(item)] > 1 else item for item in items]


@dataclass(frozen=True, slots=True)
class Pair:
    """A gold item matched to a predicted item (caller's indices), its outcome and its overlap."""

    gold: int
    pred: int
    outcome: str
    overlap: int


@dataclass(frozen=True, slots=True)
class Alignment:
    """The one-to-one matching of gold and predicted items under one scheme."""

    scheme: Scheme
    pairs: tuple[Pair, ...]
    missed: tuple[int, ...]
    spurious: tuple[int, ...]

    def span_counts(self) -> SpanCounts:
        outcomes = [p.outcome for p in self.pairs]
        return SpanCounts(
            correct=outcomes.count("correct"),
            incorrect=outcomes.count("incorrect"),
            partial=outcomes.count("partial"),
            missed=len(self.missed),
            spurious=len(self.spurious),
        )


def _identical(gold: Item, pred: Item) -> bool:
    return gold.spans == pred.spans


def _role_overlap(gold: Span | None, pred: Span | None, min_overlap: float, tokens: Tokens | None) -> int | None:
    """Overlap of one role (code points, or tokens); None if the role does not overlap enough."""
    if gold is None or pred is None:
        return 0 if gold is None and pred is None else None
    if tokens is None:
        shared = gold.overlap(pred)
        if shared == 0 or min_overlap and shared < min_overlap * gold.length:
            return None
        return shared
    gold_tokens = tokens.of(gold)
    shared = len(gold_tokens & tokens.of(pred))
    if shared == 0 or shared < min_overlap * len(gold_tokens):
        return None
    return shared


def _overlap(gold: Item, pred: Item, min_overlap: float, tokens: Tokens | None) -> int | None:
    total = 0
    for gold_span, pred_span in zip(gold.spans, pred.spans, strict=True):
        shared = _role_overlap(gold_span, pred_span, min_overlap, tokens)
        if shared is None:
            return None
        total += shared
    return total


def _labels_agree(gold: Item, pred: Item, identical_labels: bool, label_rule: str, min_overlap: float) -> bool:
    """Whether the labels agree, under a scheme whose span labels must be identical (else overlap)."""
    if label_rule == "equal":
        return gold.label == pred.label
    if gold.label is None or pred.label is None:
        return gold.label is None and pred.label is None
    if identical_labels:
        return gold.label == pred.label
    return _role_overlap(gold.label, pred.label, min_overlap, None) is not None


def outcome(gold: Item, pred: Item, scheme: Scheme, label_rule: str = "equal", min_overlap: float = 0.0) -> str:
    """The outcome of a pair of overlapping items under a scheme (the scheme's own rule)."""
    return scheme.judge(
        _identical(gold, pred), lambda: _labels_agree(gold, pred, scheme.identical_labels, label_rule, min_overlap)
    )


def _distance(gold: Item, pred: Item) -> int:
    total = 0
    for gold_span, pred_span in zip(gold.spans, pred.spans):
        if gold_span is not None and pred_span is not None:
            total += abs(gold_span.start - pred_span.start) + abs(gold_span.end - pred_span.end)
    return total


class PairKind(NamedTuple):
    """What decides the outcome of a pair under every scheme: whether its spans are identical, and whether
    its labels agree when a span label must be identical (``same``) and when overlapping is enough."""

    identical: bool
    same: bool
    overlapping: bool

    @classmethod
    def of(cls, gold: Item, pred: Item, label_rule: str = "equal", min_overlap: float = 0.0) -> PairKind:
        return cls(
            _identical(gold, pred),
            _labels_agree(gold, pred, True, label_rule, min_overlap),
            _labels_agree(gold, pred, False, label_rule, min_overlap),
        )

    def outcome(self, scheme: Scheme) -> str:
        """The pair's outcome under a scheme (as :func:`outcome`)."""
        return scheme.judge(self.identical, lambda: self.same if scheme.identical_labels else self.overlapping)


def align(
    gold: Sequence[Item],
    pred: Sequence[Item],
    scheme: Scheme | str,
    min_overlap: float = 0.0,
    tokens: Tokens | None = None,
    label_rule: str = "equal",
) -> Alignment:
    """Match gold and predicted items one-to-one under ``scheme`` (a Scheme or its name).

    When no item overlaps two items of the other side (:func:`one_to_one_items`), those pairs are the
    alignment (:func:`paired`); otherwise the assignment is solved group by group.
    Raises ValueError for an unknown scheme, a ``min_overlap`` outside [0, 1], or the token
    scheme without ``tokens``.
    """
    scheme = _checked(scheme, min_overlap, tokens, label_rule)
    measure = tokens if scheme.by_tokens else None
    pairs = one_to_one_items(gold, pred, min_overlap, measure)
    if pairs is not None:
        return paired(gold, pred, pairs, (scheme,), label_rule, min_overlap)[0]
    return _assign(gold, pred, scheme, min_overlap, measure, label_rule)


def _assign(gold, pred, scheme: Scheme, min_overlap: float, measure: Tokens | None, label_rule: str) -> Alignment:
    """The general path of :func:`align`: the maximum-weight assignment of each connected group."""
    gold_sorted = sorted(gold, key=Item.canonical)
    pred_sorted = sorted(pred, key=Item.canonical)

    # candidate edges with their lexicographic levels: (correct, overlap, 1, -distance)
    edges: dict[tuple[int, int], tuple[int, int, int]] = {}
    outcomes: dict[tuple[int, int], str] = {}
    for i, j in _candidates(gold_sorted, pred_sorted):
        g, p = gold_sorted[i], pred_sorted[j]
        shared = _overlap(g, p, min_overlap, measure)
        if shared is None:
            continue
        result = outcome(g, p, scheme, label_rule, min_overlap)
        outcomes[(i, j)] = result
        edges[(i, j)] = (1 if result == "correct" else 0, shared, _distance(g, p))

    chosen: list[tuple[int, int]] = []
    groups = bipartite_components(edges)
    group_of = {i: k for k, (rows, _) in enumerate(groups) for i in rows}
    group_edges: list[dict] = [{} for _ in groups]
    for edge, levels in edges.items():
        group_edges[group_of[edge[0]]][edge] = levels
    for (rows, cols), group in zip(groups, group_edges):
        chosen.extend(_solve(rows, cols, group))
    return _alignment(gold_sorted, pred_sorted, scheme, [(i, j, outcomes[(i, j)], edges[(i, j)][1]) for i, j in chosen])


def _alignment(gold, pred, scheme: Scheme, chosen) -> Alignment:
    """The alignment of chosen pairs ``(gold position, predicted position, outcome, overlap)``: the rest is
    missed or spurious; everything by the caller's indices, sorted."""
    matched_gold = {i for i, _, _, _ in chosen}
    matched_pred = {j for _, j, _, _ in chosen}
    pairs = tuple(sorted(
        (Pair(gold[i].index, pred[j].index, result, shared) for i, j, result, shared in chosen),
        key=lambda pair: (pair.gold, pair.pred),
    ))
    missed = tuple(sorted(g.index for i, g in enumerate(gold) if i not in matched_gold))
    spurious = tuple(sorted(p.index for j, p in enumerate(pred) if j not in matched_pred))
    return Alignment(scheme, pairs, missed, spurious)


def _checked(scheme: Scheme | str, min_overlap: float, tokens: Tokens | None, label_rule: str) -> Scheme:
    """The scheme of that name; ValueError for an unknown scheme or label rule, a bad ``min_overlap``, or the
    token scheme without tokens."""
    scheme = schemes.get(scheme)
    if not 0.0 <= min_overlap <= 1.0:
        raise ValueError(f"min_overlap must be between 0 and 1, not {min_overlap!r}")
    if scheme.by_tokens and tokens is None:
        raise ValueError("the token scheme needs the document's tokens")
    if label_rule not in ("equal", "span"):
        raise ValueError(f"unknown label rule {label_rule!r}")
    return scheme


def paired(
    gold: Sequence[Item],
    pred: Sequence[Item],
    pairs: Sequence[tuple[int, int, int]],
    names: Sequence[Scheme | str],
    label_rule: str = "equal",
    min_overlap: float = 0.0,
) -> tuple[Alignment, ...]:
    """The alignment under each scheme of ``names`` made of the pairs :func:`one_to_one_items` found (for
    schemes measuring overlap as they were found): each pair judged by the scheme's rule, every other item
    missed or spurious."""
    kinds = [PairKind.of(gold[i], pred[j], label_rule, min_overlap) for i, j, _ in pairs]
    return tuple(
        _alignment(gold, pred, scheme, [(i, j, kind.outcome(scheme), shared) for (i, j, shared), kind in zip(pairs, kinds)])
        for scheme in map(schemes.get, names)
    )


def one_to_one_items(
    gold: Sequence[Item], pred: Sequence[Item], min_overlap: float = 0.0, tokens: Tokens | None = None
) -> list[tuple[int, int, int]] | None:
    """The overlapping pairs ``(gold position, predicted position, overlap)`` of items (as :func:`align` finds
    them: every role overlaps, in code points or in ``tokens`` when given), when no item overlaps more than
    one item of the other side; None when some item does (an assignment is needed). Label-independent:
    every scheme measuring overlap alike pairs exactly these."""
    return _one_to_one(gold, pred, _candidates(gold, pred), min_overlap, tokens)


def one_to_one_measures(
    gold: Sequence[Item], pred: Sequence[Item], min_overlap: float = 0.0, tokens: Tokens | None = None
) -> tuple[list[tuple[int, int, int]] | None, list[tuple[int, int, int]] | None]:
    """:func:`one_to_one_items` in code points and in ``tokens`` (the second None without ``tokens``), from
    one search for the items near each other."""
    near = list(_candidates(gold, pred))
    by_tokens = None if tokens is None else _one_to_one(gold, pred, near, min_overlap, tokens)
    return _one_to_one(gold, pred, near, min_overlap, None), by_tokens


def _one_to_one(gold, pred, near, min_overlap: float, tokens: Tokens | None) -> list[tuple[int, int, int]] | None:
    pairs: list[tuple[int, int, int]] = []
    gold_taken: set[int] = set()
    pred_taken: set[int] = set()
    for i, j in near:
        shared = _overlap(gold[i], pred[j], min_overlap, tokens)
        if shared is None:
            continue
        if i in gold_taken or j in pred_taken:
            return None
        gold_taken.add(i)
        pred_taken.add(j)
        pairs.append((i, j, shared))
    return pairs


def one_to_one(gold: Sequence[Span | None], pred: Sequence[Span | None], min_overlap: float = 0.0):
    """The overlapping pairs ``(gold position, predicted position)`` of single-span items, when no item
    overlaps more than one item of the other side; None when some item does (an assignment is needed).

    Scheme- and label-independent: every span scheme pairs exactly these (code-point overlap of at
    least ``min_overlap`` of the gold span, as :func:`align`); None spans (unplaced) pair with nothing.
    """
    placed = sorted((span.start, j) for j, span in enumerate(pred) if span is not None)
    starts = [start for start, _ in placed]
    longest = max((pred[j].end - start for start, j in placed), default=0)
    pairs: list[tuple[int, int]] = []
    taken: set[int] = set()
    for i, g in enumerate(gold):
        if g is None:
            continue
        found = None
        for _, j in placed[bisect.bisect_right(starts, g.start - longest):bisect.bisect_left(starts, g.end)]:
            p = pred[j]
            if p.end <= g.start:
                continue
            shared = g.overlap(p)
            if shared == 0 or shared < min_overlap * g.length:
                continue
            if found is not None or j in taken:
                return None
            found = j
        if found is not None:
            taken.add(found)
            pairs.append((i, found))
    return pairs


def _extent(item: Item) -> tuple[int, int]:
    """From the first start to the last end over all roles; items that overlap in every role overlap here."""
    starts, ends = [], []
    for span in item.spans:
        if span is not None:
            starts.append(span.fragments[0][0])
            ends.append(span.fragments[-1][1])
    return min(starts), max(ends)


def _candidates(gold: Sequence[Item], pred: Sequence[Item]):
    """Index pairs of placed items whose extents overlap, found by bisecting predictions sorted by start, in
    classes of like length (a prediction can start at most its class's longest length before an item it
    reaches), so the cost follows the number of near pairs, not gold x predictions, even beside one very long
    prediction."""
    classes: dict[int, list[tuple[int, int, int]]] = {}
    for j, p in enumerate(pred):
        if p.placed and any(p.spans):
            start, end = _extent(p)
            classes.setdefault((end - start).bit_length(), []).append((start, end, j))
    searched = []
    for members in classes.values():
        members.sort()
        searched.append(([start for start, _, _ in members], members, max(end - start for start, end, _ in members)))
    for i, g in enumerate(gold):
        if not g.placed or not any(g.spans):
            continue
        g_start, g_end = _extent(g)
        near = []
        for starts, members, longest in searched:
            window = members[bisect.bisect_right(starts, g_start - longest):bisect.bisect_left(starts, g_end)]
            near += [j for _, end, j in window if end > g_start]
        near.sort()  # in canonical prediction order, as a full scan would visit them (tie-breaking depends on it)
        for j in near:
            yield i, j


def _solve(rows: list[int], cols: list[int], group: dict) -> list[tuple[int, int]]:
    """Maximum-weight one-to-one pairs of one group (``group``: its edges and their levels), the levels folded
    into one exact integer weight."""
    if len(rows) == 1 or len(cols) == 1:
        # one side has a single item: the best edge wins; ties go to the canonically first item
        return [max(group, key=lambda e: (group[e][0], group[e][1], -group[e][2], -e[0], -e[1]))]
    # Each level's total over any one-to-one assignment is below its base, so the folded weight
    # orders assignments lexicographically by (correct, overlap, pairs, closeness).
    max_distance = max(d for _, _, d in group.values())
    n = min(len(rows), len(cols))
    best_overlap: dict[int, int] = {}
    for (i, _), (_, shared, _) in group.items():
        best_overlap[i] = max(best_overlap.get(i, 0), shared)
    overlap_base = sum(best_overlap.values()) + 1
    pairs_base = n + 1
    closeness_base = n * (max_distance + 1) + 1
    use_closeness = True

    def weight_of(correct: int, shared: int, distance: int) -> int:
        levels = (correct * overlap_base + shared) * pairs_base + 1
        return levels * closeness_base + (max_distance - distance + 1) if use_closeness else levels

    if weight_of(1, overlap_base, 0) * n >= _EXACT_FLOAT:
        # too large for exact float64 arithmetic: drop the closeness level (never seen in practice)
        use_closeness = False
    row_at = {i: r for r, i in enumerate(rows)}
    column_at = {j: c for c, j in enumerate(cols)}
    cells = [(row_at[i], column_at[j], weight_of(*levels)) for (i, j), levels in group.items()]
    if len(rows) * len(cols) <= _PURE_PYTHON_CELLS:
        weights = [[0] * len(cols) for _ in rows]
        for r, c, weight in cells:
            weights[r][c] = weight
        chosen = max_weight_assignment(weights)  # scipy's choice, without its half a second of import
    else:
        import numpy as np
        from scipy.optimize import linear_sum_assignment

        weights = np.zeros((len(rows), len(cols)), dtype=np.float64)
        r, c, w = zip(*cells)
        weights[list(r), list(c)] = w
        chosen = zip(*linear_sum_assignment(weights, maximize=True))
    return [(rows[r], cols[c]) for r, c in chosen if (rows[r], cols[c]) in group]
