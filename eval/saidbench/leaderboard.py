"""Several systems side by side: headline metrics per system, optional bootstrap intervals, and which
systems a paired randomization test cannot tell from the best.

For each metric the best system is the one with the highest value (the first listed on a tie). Every
other system is tested against it (:func:`~saidbench.stats.randomization_test`, seeded, the same units as
``saidbench compare``); a p-value of at least ``alpha`` marks it "not significantly different from the
best". A metric that is undefined for a system (nothing to score) gets no value and no mark; where the
test is undefined (coreference on one document has a single resampling unit) no system is marked.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from .scoring import Result
from .stats import Metric, bootstrap, randomization_test
from .usage import UsageError

#: The columns by default: the headline F1 of each task (strict scheme) and the CoNLL coreference F1.
DEFAULT_METRICS = ("entities.strict.f1", "claims.strict.f1", "attribution.strict.f1", "coreference.conll.f1")


@dataclass(frozen=True, slots=True)
class Cell:
    """One system's value of one metric, its interval if asked, whether it is the best, and the test's p."""

    value: float | None
    low: float | None = None
    high: float | None = None
    best: bool = False
    p_value: float | None = None  # against the best; None for the best itself or when undefined

    def tied(self, alpha: float) -> bool:
        """Not significantly different from the best (p >= alpha)."""
        return self.p_value is not None and self.p_value >= alpha


@dataclass(frozen=True, slots=True)
class Leaderboard:
    metrics: tuple[str, ...]
    systems: tuple[str, ...]
    cells: tuple[tuple[Cell, ...], ...]  # one row per system, one cell per metric
    signature: str
    trials: int
    seed: int
    alpha: float
    resamples: int | None = None
    confidence: float = 0.95


def leaderboard(
    results: Mapping[str, Result], metrics: tuple[str, ...] | None = None, *, trials: int = 1000, seed: int = 0,
    alpha: float = 0.05, resamples: int | None = None, confidence: float = 0.95,
) -> Leaderboard:
    """Compare scored systems (name -> Result, all scored with the same settings against the same gold)."""
    if len(results) < 1:
        raise UsageError("a leaderboard needs at least one system")
    if not 0 < alpha < 1:
        raise UsageError(f"alpha must be between 0 and 1, not {alpha!r}")
    names = tuple(results)
    signatures = {results[name].signature() for name in names}
    if len(signatures) > 1:
        raise UsageError("the systems were scored with different settings or gold: " + "; ".join(sorted(signatures)))
    first = results[names[0]]
    parsed = [Metric.parse(m) for m in (metrics or DEFAULT_METRICS)]
    parsed = [m for m in parsed if m.task in first.settings.tasks] if metrics is None else parsed
    columns: list[list[Cell]] = []
    for metric in parsed:
        values = {name: metric(results[name].total) for name in names}
        defined = [name for name in names if values[name] is not None]
        best = max(defined, key=lambda name: values[name]) if defined else None  # max keeps the first of equals
        intervals = {}
        if resamples:
            for name in names:
                (found,) = bootstrap(results[name], resamples, seed, confidence, (metric,)).intervals
                intervals[name] = (found.low, found.high)
        column = []
        for name in names:
            p_value = None
            if best is not None and name != best and values[name] is not None:
                p_value = randomization_test(results[best], results[name], metric, trials, seed).p_value
            low, high = intervals.get(name, (None, None))
            column.append(Cell(values[name], low, high, name == best, p_value))
        columns.append(column)
    cells = tuple(tuple(column[row] for column in columns) for row in range(len(names)))
    return Leaderboard(tuple(str(m) for m in parsed), names, cells, first.signature(), trials, seed, alpha,
                       resamples, confidence)
