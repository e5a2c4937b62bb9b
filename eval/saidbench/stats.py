"""Statistics over results: bootstrap intervals, the paired approximate-randomization test, annotator agreement.

All three work on counts: a Result's per-unit tallies are resampled or swapped and summed, and
the scores are computed from the sums. The resampling unit is the document when a result covers
several documents, otherwise the section (paragraph, headline, ...) of the single document.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, fields
from typing import Mapping

from .counts import Confusion, Key, Tally, total
from .io.errors import InputError, Problem, shorten
from .schemes import SCHEMES
from .scoring import Result, evaluate
from .signature import Signature
from .tasks import TASKS, coreference
from .usage import UsageError
from .progress import progress_bar

STATISTICS = ("precision", "recall", "f1")


@dataclass(frozen=True, slots=True)
class Metric:
    """One headline number: ``task.scheme.statistic``, e.g. ``entities.strict.f1``.

    For coreference the middle part names the metric (``conll``, ``mentions``, ``muc``, ``bcub``,
    ``ceafe``), e.g. ``coreference.conll.f1`` (CoNLL has F1 only). Each task computes its own.
    """

    task: str
    scheme: str
    statistic: str = "f1"

    @classmethod
    def parse(cls, name: str) -> Metric:
        parts = name.split(".")
        if len(parts) != 3 or parts[0] not in TASKS or parts[2] not in STATISTICS:
            raise UsageError(
                f"unknown metric {name!r}; expected TASK.SCHEME.STAT with TASK in {', '.join(TASKS)} "
                f"and STAT in {', '.join(STATISTICS)}, e.g. entities.strict.f1"
            )
        problem = TASKS[parts[0]].metric_error(parts[1], parts[2])
        if problem:
            raise UsageError(f"unknown metric {name!r}; {problem}")
        return cls(*parts)

    def __str__(self) -> str:
        return f"{self.task}.{self.scheme}.{self.statistic}"

    def __call__(self, tally: Tally) -> float | None:
        return TASKS[self.task].headline(tally, self.scheme, self.statistic)


def headline_metrics(result: Result) -> tuple[Metric, ...]:
    """P, R and F1 of every task and scheme the result was computed with; coreference.conll.f1 once."""
    return tuple(
        Metric(task, name, stat)
        for task in result.settings.tasks
        for name, stat in TASKS[task].headlines(result.settings.schemes)
    )


def f1_metrics(result: Result) -> tuple[Metric, ...]:
    """The F1 of every task and scheme the result was computed with (coreference: the CoNLL F1, once)."""
    return tuple(m for m in headline_metrics(result) if m.statistic == "f1")


def _section_level(tally: Tally) -> Tally:
    # counts of a document-level task (coreference chains cross sections) cannot be resampled by section
    return Tally({key: count for key, count in tally.counts.items() if not TASKS[key.task].document_level})


def resampling_units(result: Result) -> tuple[str, list[Tally]]:
    """The unit name and the tallies to resample: documents if there are several, else sections.

    Resampling sections leaves out document-level counts (coreference): with one document they
    have a single unit, so their metrics get no interval (undefined) rather than a false one.
    """
    if len(result.documents) > 1:
        return "document", list(result.per_document().values())
    ordered = sorted(result.per_unit, key=lambda unit: (unit.doc_id, unit.section or ""))
    tallies = (_section_level(result.per_unit[unit]) for unit in ordered)
    return "section", [tally for tally in tallies if tally.counts]


@dataclass(frozen=True, slots=True)
class Interval:
    """A percentile bootstrap interval of one metric (None bounds when the metric was never defined)."""

    metric: str
    value: float | None
    low: float | None
    high: float | None
    samples: int
    undefined_samples: int


@dataclass(frozen=True, slots=True)
class Bootstrap:
    unit: str
    units: int
    resamples: int
    seed: int
    confidence: float
    intervals: tuple[Interval, ...]

    def sign(self, base: Signature) -> Signature:
        """The scores' signature extended by what changes the intervals."""
        return base.extended(("bootstrap", self.resamples), ("seed", self.seed), ("unit", self.unit),
                             ("ci", self.confidence))


def _percentile(ordered: list[float], fraction: float) -> float:
    """Linear interpolation between closest ranks (numpy's default method)."""
    position = fraction * (len(ordered) - 1)
    below = int(position)
    above = min(below + 1, len(ordered) - 1)
    return ordered[below] + (ordered[above] - ordered[below]) * (position - below)


#: Resamples, or trials, summed and scored per step (one progress-bar step each; it bounds the arrays' size).
_RESAMPLES_PER_STEP, _TRIALS_PER_STEP = 100, 1000


class CountVectors:
    """The counts some metrics read, unit by unit, as rows of a matrix, so that many resampled sums are one
    matrix product: weights (how often each unit is drawn, or which side it goes to) times the rows.

    The metrics read the same counts (:func:`_by_counts`): a task scored per scheme, its primary count under
    one scheme; one that is not (coreference), all of the task's counts. Each key gets a presence column (a
    sum holds the key only if a unit drawn holds it, as adding tallies would) and one column per count field.
    Sums are exact (integers, or fractions in an object array), so every score equals that of the summed
    tallies; a sum that recurs (most do: few counts vary) is scored once.
    """

    def __init__(self, tallies: list[Tally], metrics: tuple[Metric, ...]) -> None:
        import numpy as np  # imported here: scoring itself needs no numpy

        self.metrics = metrics
        task, scheme = _reads(metrics[0])
        primary = TASKS[task].primary
        layout: dict[Key, tuple[type, tuple[str, ...]]] = {}
        for tally in tallies:
            for key, count in tally.counts.items():
                if key not in layout and key.task == task and (
                        scheme is None or (key.scheme, key.metric) == (scheme, primary) and not key.label):
                    layout[key] = (type(count), tuple(f.name for f in fields(count)))
        self.layout = tuple((key, cls, names) for key, (cls, names) in layout.items())
        rows = [
            [value for key, _, names in self.layout for value in self._columns(tally.counts.get(key), names)]
            for tally in tallies
        ]
        exact = all(type(value) is int for row in rows for value in row)
        width = sum(1 + len(names) for _, _, names in self.layout)
        self.matrix = np.array(rows, dtype=np.int64 if exact else object).reshape(len(tallies), width)
        self._scored: dict[tuple, tuple[float | None, ...]] = {}

    @staticmethod
    def _columns(count, names: tuple[str, ...]) -> list:
        return [0] * (len(names) + 1) if count is None else [1, *(getattr(count, name) for name in names)]

    def _tally(self, vector: tuple) -> Tally:
        counts, at = {}, 0
        for key, cls, names in self.layout:
            if vector[at]:
                counts[key] = cls(*vector[at + 1:at + 1 + len(names)])
            at += 1 + len(names)
        return Tally(counts)

    def scores(self, weights) -> list[tuple[float | None, ...]]:
        """For each row of ``weights`` (an array, one weight per unit), the metrics of the weighted sum of the
        units' counts, in the order of ``metrics``."""
        sums = (weights.astype(self.matrix.dtype) @ self.matrix).tolist()
        scored = self._scored
        out = []
        for vector in map(tuple, sums):
            if vector not in scored:
                tally = self._tally(vector)
                scored[vector] = tuple(metric(tally) for metric in self.metrics)
            out.append(scored[vector])
        return out


def _reads(metric: Metric) -> tuple[str, str | None]:
    """Which counts a metric reads: its task's under its scheme, or (scheme None) all of its task's."""
    return metric.task, metric.scheme if TASKS[metric.task].per_scheme else None


def _by_counts(tallies: list[Tally], metrics) -> list[CountVectors]:
    """The metrics grouped by the counts they read (precision, recall and F1 of a scheme read the same)."""
    groups: dict[tuple[str, str | None], list[Metric]] = {}
    for metric in metrics:
        groups.setdefault(_reads(metric), []).append(metric)
    return [CountVectors(tallies, tuple(group)) for group in groups.values()]


def _chunks(total: int, step: int):
    """Sizes of the steps that cover ``total`` resamples or trials."""
    for start in range(0, total, step):
        yield min(step, total - start)


def bootstrap(
    result: Result, resamples: int = 1000, seed: int = 0, confidence: float = 0.95,
    metrics: tuple[Metric, ...] | None = None, progress: bool | None = None,
) -> Bootstrap:
    """Percentile intervals: resample units with replacement ``resamples`` times, sum, score.

    ``progress``: a bar on stderr (default: only when stderr is a terminal)."""
    if resamples < 1:
        raise UsageError("resamples must be at least 1")
    if not 0 < confidence < 1:
        raise UsageError("confidence must be between 0 and 1")
    metrics = metrics or headline_metrics(result)
    unit, tallies = resampling_units(result)
    rng = random.Random(seed)
    samples: dict[Metric, list[float]] = {metric: [] for metric in metrics}
    vectors = _by_counts(tallies, metrics)
    import numpy as np

    units = len(tallies)
    indices = range(units)
    with progress_bar(resamples, "bootstrap", progress, unit="resample") as bar:
        for size in _chunks(resamples, _RESAMPLES_PER_STEP):
            # how often each unit is drawn in each resample (the draws rng.choice(tallies) would make)
            drawn = [rng.choice(indices) + units * row for row in range(size) for _ in indices]
            draws = np.bincount(np.array(drawn, dtype=np.int64), minlength=size * units).reshape(size, units)
            for counts in vectors:
                for at, metric in enumerate(counts.metrics):
                    samples[metric] += (values[at] for values in counts.scores(draws) if values[at] is not None)
            bar.update(size)
    tail = (1 - confidence) / 2
    intervals = []
    whole = result.total
    for metric in metrics:
        ordered = sorted(samples[metric])
        low, high = (_percentile(ordered, tail), _percentile(ordered, 1 - tail)) if ordered else (None, None)
        intervals.append(Interval(str(metric), metric(whole), low, high, len(ordered), resamples - len(ordered)))
    return Bootstrap(unit, units, resamples, seed, confidence, tuple(intervals))


@dataclass(frozen=True, slots=True)
class Comparison:
    """Paired approximate-randomization test of ``metric(A) - metric(B)``."""

    metric: str
    a: float | None
    b: float | None
    difference: float | None
    p_value: float | None
    trials: int
    seed: int
    unit: str
    units: int

    def sign(self, base: Signature) -> Signature:
        """The scores' signature extended by what changes the p-value."""
        return base.extended(("trials", self.trials), ("seed", self.seed), ("unit", self.unit))


def paired_units(a: Result, b: Result) -> tuple[str, list[tuple[Tally, Tally]]]:
    """Aligned (A, B) tallies per resampling unit; a unit one system has no counts in pairs with an empty tally."""
    scored_on = [(r.settings.corpus or "the bundled article", r.settings.gold) for r in (a, b)]
    if scored_on[0] != scored_on[1]:
        (corpus_a, gold_a), (corpus_b, gold_b) = scored_on
        raise InputError([Problem(
            "<systems A and B>",
            f"the two systems were scored on different corpora or gold (A: {corpus_a}, gold {gold_a}; "
            f"B: {corpus_b}, gold {gold_b}); a paired test needs the same gold", field="signature",
            hint="score both systems against the same corpus and gold")])
    if not set(a.documents) & set(b.documents):
        raise InputError([Problem(
            "<systems A and B>",
            f"the two systems share no scored document (A: {shorten(', '.join(a.documents) or 'none', 100)}; "
            f"B: {shorten(', '.join(b.documents) or 'none', 100)}); a paired test needs the same documents",
            hint="score both systems on the same documents")])
    several = len(set(a.documents) | set(b.documents)) > 1
    by_a = a.per_document() if several else {u.section or "": _section_level(t) for u, t in a.per_unit.items()}
    by_b = b.per_document() if several else {u.section or "": _section_level(t) for u, t in b.per_unit.items()}
    keys = sorted(set(by_a) | set(by_b))
    return ("document" if several else "section"), [(by_a.get(k, Tally()), by_b.get(k, Tally())) for k in keys]


def randomization_test(
    a: Result, b: Result, metric: Metric, trials: int = 10000, seed: int = 0, progress: bool | None = None
) -> Comparison:
    """Swap A's and B's counts unit by unit with probability 1/2; p = (extreme + 1) / (trials + 1).

    ``progress``: a bar on stderr (default: only when stderr is a terminal)."""
    (found,) = randomization_tests(a, b, (metric,), trials, seed, progress)
    return found


def randomization_tests(
    a: Result, b: Result, metrics, trials: int = 10000, seed: int = 0, progress: bool | None = None
) -> tuple[Comparison, ...]:
    """:func:`randomization_test` of each metric, with the same swaps for all (each test's are those of ``seed``)."""
    if trials < 1:
        raise UsageError("trials must be at least 1")
    unit, pairs = paired_units(a, b)
    sum_a, sum_b = total(x for x, _ in pairs), total(y for _, y in pairs)
    values = {metric: (metric(sum_a), metric(sum_b)) for metric in metrics}
    observed = {metric: abs(x - y) for metric, (x, y) in values.items() if x is not None and y is not None}
    extreme = dict.fromkeys(observed, 0)
    if observed:
        import numpy as np

        vectors = _by_counts([x for x, _ in pairs] + [y for _, y in pairs], observed)
        rng = random.Random(seed)
        units = len(pairs)
        name = f"compare {next(iter(observed))}" if len(observed) == 1 else f"compare {len(observed)} metrics"
        with progress_bar(trials, name, progress, unit="trial") as bar:
            for size in _chunks(trials, _TRIALS_PER_STEP):
                # 1 where a trial swaps the unit's A and B counts (the draws of rng.random() < 0.5, unit by unit)
                swapped = np.array([rng.random() < 0.5 for _ in range(size * units)], dtype=np.int64)
                swapped = swapped.reshape(size, units)
                # left takes B's counts where swapped and A's elsewhere; right the other way round
                to_left, to_right = np.hstack([1 - swapped, swapped]), np.hstack([swapped, 1 - swapped])
                for counts in vectors:
                    left, right = counts.scores(to_left), counts.scores(to_right)
                    for at, metric in enumerate(counts.metrics):
                        bound = observed[metric] - 1e-12
                        extreme[metric] += sum(1 for x, y in zip(left, right)
                                               if x[at] is not None and y[at] is not None and abs(x[at] - y[at]) >= bound)
                bar.update(size)
    found = []
    for metric in metrics:
        value_a, value_b = values[metric]
        done = metric in observed
        found.append(Comparison(str(metric), value_a, value_b, value_a - value_b if done else None,
                                (extreme[metric] + 1) / (trials + 1) if done else None, trials, seed, unit,
                                len(pairs)))
    return tuple(found)


# -- agreement -------------------------------------------------------------------------------------


def cohen_kappa(confusion: Confusion) -> float | None:
    """Cohen's kappa (scikit-learn) over matched pairs; None with no pairs or when chance agreement is total."""
    if not confusion.cells:
        return None
    from sklearn.metrics import cohen_kappa_score

    first = [g for g, _, _ in confusion.cells]
    second = [p for _, p, _ in confusion.cells]
    weights = [n for _, _, n in confusion.cells]
    if len(set(first) | set(second)) == 1:
        return None  # one label on both sides: kappa is 0/0
    return float(cohen_kappa_score(first, second, sample_weight=weights))


@dataclass(frozen=True, slots=True)
class Agreement:
    """Agreement between annotation sets A and B: span P/R/F1 of B against A, and kappa per attribute."""

    signature: str
    spans: Mapping[str, Mapping[str, Mapping[str, float | None]]]
    kappa: Mapping[str, Mapping[str, Mapping[str, float | None]]]
    pairs: Mapping[str, Mapping[str, Mapping[str, int]]]


def score_pair(a, b, schemes: tuple[str, ...] = ("strict", "partial"), documents=None, schema=None, corpus=None) -> Result:
    """Annotation set B scored against set A (any form ``evaluate`` takes) under ``schemes``, every mention kind
    counting: the one evaluation :func:`agreement` reads."""
    return evaluate(b, a, scheme=schemes, mention_kinds="all", documents=documents, schema=schema, corpus=corpus)


def agreement(result: Result) -> Agreement:
    """Span P/R/F1 of B scored against A (F1 is symmetric; P and R swap with the roles) and Cohen's kappa
    of every categorical attribute over the pairs matched under each scheme, from the counts of
    ``result`` (see :func:`score_pair`). Coreference chains are compared with MUC, B³ and CEAF-e (listed
    under ``spans["coreference"]``). Pure: counts in, numbers out."""
    schemes = result.settings.schemes
    tally = result.total
    spans: dict = {}
    kappa: dict = {}
    pairs: dict = {}
    for task in (name for name, found in TASKS.items() if found.per_scheme):
        if task not in result.settings.tasks:  # a layer the corpus does not annotate
            continue
        for scheme in schemes:
            count = tally.get(Key(task, scheme, TASKS[task].primary))
            prf = None if count is None else count.prf(SCHEMES[scheme])
            spans.setdefault(task, {})[scheme] = {
                "precision": prf and prf.precision, "recall": prf and prf.recall, "f1": prf and prf.f1,
            }
            for k, confusion in tally.select(task, scheme).items():
                if isinstance(confusion, Confusion) and k.metric == "attribute":
                    kappa.setdefault(task, {}).setdefault(scheme, {})[k.label] = cohen_kappa(confusion)
                    pairs.setdefault(task, {}).setdefault(scheme, {})[k.label] = confusion.total
    if tally.select(coreference.TASK):
        spans[coreference.TASK] = {
            metric: {name: coreference.statistic(tally, metric, name) for name in STATISTICS}
            for metric in coreference.METRICS
        }
    # The reference side is annotation set A, not a gold file: say so in the signature.
    return Agreement(str(result.sign().renamed("gold", "reference")), spans, kappa, pairs)

