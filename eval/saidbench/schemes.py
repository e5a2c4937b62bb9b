"""Matching schemes as objects: each holds its whole rule (pair judgement, credit, count type, columns) + registry.

The SemEval-2013 task 9.1 schemes (as in nervaluate; METRICS.md has worked examples) and the token scheme:

* ``strict``  correct = identical spans and agreeing label; any other pair is incorrect.
* ``exact``   correct = identical spans, label ignored; any other pair is incorrect.
* ``partial`` correct = identical spans, label ignored; any other pair is partial (half credit).
* ``type``    correct = overlapping spans and agreeing label; a pair whose label disagrees is incorrect.
* ``token``   pairs share tokens; scored by token overlap (:class:`~saidbench.counts.TokenCounts`).

A label that is itself a span (an attribution's source) agrees when identical under a scheme that
needs identical spans, and when overlapping under the others.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from .counts import SpanCounts, TokenCounts
from .registry import Registry


@dataclass(frozen=True, slots=True)
class Column:
    """One count shown beside P/R/F1: its key in the JSON scores, its table header (None: JSON only), its field."""

    key: str
    title: str | None
    field: str


SPAN_COLUMNS = (
    Column("correct", "COR", "correct"), Column("incorrect", "INC", "incorrect"), Column("partial", "PAR", "partial"),
    Column("missed", "MIS", "missed"), Column("spurious", "SPU", "spurious"),
    Column("possible", None, "possible"), Column("actual", None, "actual"),
)
TOKEN_COLUMNS = (
    Column("overlap_tokens", "overlap", "overlap"), Column("predicted_tokens", "pred tok", "predicted"),
    Column("gold_tokens", "gold tok", "gold"),
)


@dataclass(frozen=True, slots=True)
class Scheme:
    """One scheme's whole rule.

    A pair (two items that overlap enough to pair) is ``correct`` when its spans are identical in
    every role (if ``same_spans``) and its labels agree (if ``same_label``); otherwise its outcome is
    ``otherwise``. A partial pair adds ``partial_credit`` to the numerator of P and R. Overlap is
    measured in tokens when ``by_tokens``, else in code points. An alignment under the scheme adds up
    to ``counts``, shown with ``columns``.
    """

    name: str
    same_spans: bool
    same_label: bool
    otherwise: str
    partial_credit: float
    by_tokens: bool
    counts: type
    columns: tuple[Column, ...]

    def judge(self, identical: bool, labels_agree: Callable[[], bool]) -> str:
        """The outcome of a pair: ``correct`` or :attr:`otherwise` (``labels_agree`` is called only if needed)."""
        if self.same_spans and not identical:
            return self.otherwise
        if self.same_label and not labels_agree():
            return self.otherwise
        return "correct"

    @property
    def identical_labels(self) -> bool:
        """Whether a label that is itself a span must be identical (else overlapping) to agree."""
        return self.same_spans

    def values(self, count) -> tuple[tuple[Column, int], ...]:
        """The count's value of every column."""
        return tuple((column, getattr(count, column.field)) for column in self.columns)

    def __str__(self) -> str:
        return self.name


STRICT = Scheme("strict", True, True, "incorrect", 0.0, False, SpanCounts, SPAN_COLUMNS)
EXACT = Scheme("exact", True, False, "incorrect", 0.0, False, SpanCounts, SPAN_COLUMNS)
PARTIAL = Scheme("partial", True, False, "partial", 0.5, False, SpanCounts, SPAN_COLUMNS)
TYPE = Scheme("type", False, True, "incorrect", 0.0, False, SpanCounts, SPAN_COLUMNS)
TOKEN = Scheme("token", True, False, "partial", 0.0, True, TokenCounts, TOKEN_COLUMNS)

SCHEMES: Registry[Scheme] = Registry("scheme", {s.name: s for s in (STRICT, EXACT, PARTIAL, TYPE, TOKEN)})
#: The SemEval schemes (SpanCounts), in order.
SPAN_SCHEMES = tuple(name for name, s in SCHEMES.items() if s.counts is SpanCounts)


def get(scheme: str | Scheme) -> Scheme:
    """The scheme of that name (a Scheme is returned as is); raises ValueError naming the closest scheme."""
    return scheme if isinstance(scheme, Scheme) else SCHEMES[scheme]
