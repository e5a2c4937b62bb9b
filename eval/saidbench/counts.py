"""Frozen integer counts that add with ``+``, and the pure functions that turn them into scores.

Counts, not scores, are state: every per-document or per-unit result is a :class:`Tally` of
counts, tallies add, and precision, recall, F1, accuracy and MAE are computed only at the end.
Scoring shards and adding their tallies therefore equals scoring the whole.

Zero-division rule: a score whose denominator is zero is ``None`` ("nothing to score"), never 0.
Precision is None when nothing was predicted (ACT = 0), recall when there is nothing to find
(POS = 0). F1 is written as ``2·matched / (POS + ACT)`` (equal to the harmonic mean of P and R
whenever both are defined), so it is None only when both sides are empty, and 0 when one side is
empty and the other is not.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from fractions import Fraction
from types import MappingProxyType
from typing import TYPE_CHECKING, Mapping, NamedTuple, Union

if TYPE_CHECKING:
    from .schemes import Scheme


def _add_fields(left, right):
    if type(left) is not type(right):
        return NotImplemented
    return type(left)(*(getattr(left, f.name) + getattr(right, f.name) for f in fields(left)))


def _ratio(numerator: float, denominator: int) -> float | None:
    return None if denominator == 0 else numerator / denominator


@dataclass(frozen=True, slots=True)
class PRF:
    """Precision, recall and F1; each None when undefined (see the zero-division rule)."""

    precision: float | None
    recall: float | None
    f1: float | None


@dataclass(frozen=True, slots=True)
class SpanCounts:
    """SemEval-2013 task 9.1 outcome counts of one alignment (or a sum of them)."""

    correct: int = 0
    incorrect: int = 0
    partial: int = 0
    missed: int = 0
    spurious: int = 0

    __add__ = _add_fields

    @property
    def possible(self) -> int:
        """POS = COR + INC + PAR + MIS: every gold item."""
        return self.correct + self.incorrect + self.partial + self.missed

    @property
    def actual(self) -> int:
        """ACT = COR + INC + PAR + SPU: every predicted item."""
        return self.correct + self.incorrect + self.partial + self.spurious

    def matched(self, scheme: Scheme) -> float:
        """The numerator of P and R: COR, plus PAR times the scheme's partial credit (1/2 under ``partial``).

        Raises TypeError for anything but a :class:`~saidbench.schemes.Scheme` (a scheme name would
        silently lose the partial credit).
        """
        credit = getattr(scheme, "partial_credit", None)
        if not isinstance(credit, float):
            raise TypeError(f"expected a Scheme (saidbench.schemes.get(name)), not {scheme!r}")
        return self.correct + credit * self.partial

    def prf(self, scheme: Scheme) -> PRF:
        """P, R and F1 under ``scheme`` (a Scheme object; raises TypeError for a name)."""
        matched = self.matched(scheme)
        return PRF(
            _ratio(matched, self.actual),
            _ratio(matched, self.possible),
            _ratio(2 * matched, self.possible + self.actual),
        )


@dataclass(frozen=True, slots=True)
class TokenCounts:
    """Token-overlap counts: tokens shared by matched pairs, tokens predicted, tokens in gold."""

    overlap: int = 0
    predicted: int = 0
    gold: int = 0

    __add__ = _add_fields

    def prf(self, scheme: Scheme | None = None) -> PRF:
        """P, R and F1 of the token overlap (``scheme`` is accepted for a uniform interface and ignored)."""
        return PRF(
            _ratio(self.overlap, self.predicted),
            _ratio(self.overlap, self.gold),
            _ratio(2 * self.overlap, self.predicted + self.gold),
        )


@dataclass(frozen=True, slots=True)
class Ratio:
    """``correct`` out of ``total`` (link accuracy, source-entity accuracy)."""

    correct: int = 0
    total: int = 0

    __add__ = _add_fields

    @property
    def value(self) -> float | None:
        return _ratio(self.correct, self.total)


@dataclass(frozen=True, slots=True)
class AbsError:
    """Sum of absolute ordinal differences over ``pairs``; ``excluded`` pairs had a value without an ordinal."""

    total: int = 0
    pairs: int = 0
    excluded: int = 0

    __add__ = _add_fields

    @property
    def mae(self) -> float | None:
        return _ratio(self.total, self.pairs)


@dataclass(frozen=True, slots=True)
class Confusion:
    """A confusion matrix of a categorical attribute as sorted ``(gold, predicted, n)`` cells.

    ``omitted`` counts matched pairs whose prediction did not give the attribute; they are
    excluded from accuracy and macro-F1.
    """

    cells: tuple[tuple[str, str, int], ...] = ()
    omitted: int = 0

    @classmethod
    def of(cls, gold: str | None, predicted: str | None) -> Confusion:
        if gold is None or predicted is None:
            return cls(omitted=1)
        return cls(cells=((gold, predicted, 1),))

    def __add__(self, other):
        if not isinstance(other, Confusion):
            return NotImplemented
        merged: dict[tuple[str, str], int] = {}
        for gold, predicted, n in self.cells + other.cells:
            merged[(gold, predicted)] = merged.get((gold, predicted), 0) + n
        return Confusion(tuple(sorted((g, p, n) for (g, p), n in merged.items())), self.omitted + other.omitted)

    @property
    def total(self) -> int:
        return sum(n for _, _, n in self.cells)

    @property
    def accuracy(self) -> float | None:
        return _ratio(sum(n for g, p, n in self.cells if g == p), self.total)

    @property
    def macro_f1(self) -> float | None:
        """The mean F1 over labels seen in gold or predictions (equal to scikit-learn's
        ``f1_score(average="macro", zero_division=0)``); None without pairs."""
        return macro_f1(self.cells)


@dataclass(frozen=True, slots=True)
class LinkCounts:
    """Recall and precision numerators and denominators of a coreference metric (MUC, B³, CEAF-e, mentions).

    Numerators are exact :class:`~fractions.Fraction` sums (B³ and CEAF-e add up fractions), so
    sums over documents are exact and independent of order; denominators are integers. Scores
    follow the zero-division rule: R is None when ``recall_den`` is 0, P when ``precision_den``
    is 0; F1 = 2PR / (P + R), 0 when P + R = 0, None only when both P and R are undefined, and 0
    when just one is (its side is empty, so the other side's numerator is 0 as well).
    """

    recall_num: Fraction = Fraction(0)
    recall_den: int = 0
    precision_num: Fraction = Fraction(0)
    precision_den: int = 0

    __add__ = _add_fields

    def prf(self, scheme: Scheme | None = None) -> PRF:
        """P, R, F1 (``scheme`` is accepted for a uniform interface and ignored)."""
        recall = None if self.recall_den == 0 else Fraction(self.recall_num) / self.recall_den
        precision = None if self.precision_den == 0 else Fraction(self.precision_num) / self.precision_den
        if recall is None and precision is None:
            f1 = None
        elif recall is None or precision is None or recall + precision == 0:
            f1 = Fraction(0)
        else:
            f1 = 2 * precision * recall / (precision + recall)
        as_float = lambda value: None if value is None else float(value)  # noqa: E731
        return PRF(as_float(precision), as_float(recall), as_float(f1))


Count = Union[SpanCounts, TokenCounts, Ratio, AbsError, Confusion, LinkCounts]


class Key(NamedTuple):
    """Where a count belongs: task, scheme, metric and (for per-type counts) the label."""

    task: str
    scheme: str
    metric: str
    label: str = ""


@dataclass(frozen=True, slots=True)
class Tally:
    """Counts by :class:`Key`. Tallies add key by key; a key missing on one side counts as zero."""

    counts: Mapping[Key, Count] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not isinstance(self.counts, MappingProxyType):
            object.__setattr__(self, "counts", MappingProxyType(dict(self.counts)))

    def __add__(self, other):
        if not isinstance(other, Tally):
            return NotImplemented
        merged = dict(self.counts)
        for key, count in other.counts.items():
            merged[key] = merged[key] + count if key in merged else count
        return Tally(merged)

    def __radd__(self, other):
        # lets sum(tallies) start from 0
        if other == 0:
            return self
        return NotImplemented

    def __eq__(self, other) -> bool:
        return isinstance(other, Tally) and dict(self.counts) == dict(other.counts)

    def __hash__(self) -> int:
        return hash(frozenset(self.counts.items()))

    def get(self, key: Key) -> Count | None:
        return self.counts.get(key)

    def select(self, task: str | None = None, scheme: str | None = None) -> dict[Key, Count]:
        return {
            key: count
            for key, count in self.counts.items()
            if (task is None or key.task == task) and (scheme is None or key.scheme == scheme)
        }


def total(tallies) -> Tally:
    """The sum of an iterable of tallies (an empty Tally for none), each key's counts summed in one go.

    Equal to adding the tallies one by one with ``+`` (counts are integers or exact fractions, so
    the order does not matter), without building every intermediate sum.
    """
    by_key: dict[Key, list] = {}
    for tally in tallies:
        for key, count in tally.counts.items():
            by_key.setdefault(key, []).append(count)
    return Tally({key: _sum_counts(counts) for key, counts in by_key.items()})


def _sum_counts(counts: list) -> Count:
    first = counts[0]
    if len(counts) == 1:
        return first
    if isinstance(first, Confusion):
        merged: dict[tuple[str, str], int] = {}
        for count in counts:
            for gold, predicted, n in count.cells:
                merged[(gold, predicted)] = merged.get((gold, predicted), 0) + n
        cells = tuple(sorted((gold, predicted, n) for (gold, predicted), n in merged.items()))
        return Confusion(cells, sum(count.omitted for count in counts))
    return type(first)(*(sum(getattr(count, f.name) for count in counts) for f in fields(first)))


def macro_f1(cells) -> float | None:
    """Macro-averaged F1 of ``(gold, predicted, n)`` confusion cells over every label seen on either side.

    A label's F1 is 2·TP / (2·TP + FP + FN); every label counted was seen, so that denominator is
    never 0. None when there are no cells.
    """
    true_positive: dict[str, int] = {}
    seen: dict[str, int] = {}  # 2·TP + FP + FN: gold plus predicted occurrences of the label
    for gold, predicted, n in cells:
        seen[gold] = seen.get(gold, 0) + n
        seen[predicted] = seen.get(predicted, 0) + n
        if gold == predicted:
            true_positive[gold] = true_positive.get(gold, 0) + n
    if not seen:
        return None
    return sum(2 * true_positive.get(label, 0) / seen[label] for label in sorted(seen)) / len(seen)


def macro(values) -> float | None:
    """Unweighted mean of the defined values; None when none is defined."""
    defined = [v for v in values if v is not None]
    return sum(defined) / len(defined) if defined else None
