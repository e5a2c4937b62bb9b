"""Score rows: every number of a result as typed data, made once from summed counts and shared by every renderer.

A row knows where it belongs (task, scheme, group, label), what a table calls it (``title``), and its
values; :meth:`Row.data` is its value in the JSON scores. Renderers lay rows out; none re-derives a
score or a key. Rows are derived from counts (the state) and never added up.
"""

from __future__ import annotations

from dataclasses import dataclass
from .counts import PRF, AbsError, Confusion, Ratio
from .schemes import Column


@dataclass(frozen=True, slots=True)
class Row:
    """Where a row belongs.

    ``group`` is its key under the task and scheme in the JSON scores (``micro``, ``per_type``,
    ``attributes``, ...), ``label`` its key inside a keyed group (``PERSON``, ``certainty``, ``cue``;
    None for a group of one row), ``title`` its name in a table; ``on_pairs`` marks a score over
    matched pairs (tables show those after the detection rows).
    """

    task: str
    scheme: str
    group: str
    label: str | None
    title: str
    on_pairs: bool


@dataclass(frozen=True, slots=True)
class PRFRow(Row):
    """Precision, recall and F1, and the counts beside them (the scheme's columns; JSON-only ones have no title)."""

    prf: PRF
    counts: tuple[tuple[Column, int], ...] = ()

    def data(self) -> dict:
        return {"precision": self.prf.precision, "recall": self.prf.recall, "f1": self.prf.f1,
                **{column.key: value for column, value in self.counts}}


@dataclass(frozen=True, slots=True)
class F1Row(Row):
    """An F1 on its own (the CoNLL-2012 average)."""

    f1: float | None

    def data(self) -> float | None:
        return self.f1


@dataclass(frozen=True, slots=True)
class ConfusionRow(Row):
    """Accuracy and macro-F1 of a categorical attribute over matched pairs, with its confusion cells."""

    accuracy: float | None
    macro_f1: float | None
    pairs: int
    omitted: int
    cells: tuple[tuple[str, str, int], ...]

    @classmethod
    def of(cls, where: dict, count: Confusion) -> ConfusionRow:
        return cls(**where, accuracy=count.accuracy, macro_f1=count.macro_f1, pairs=count.total,
                   omitted=count.omitted, cells=count.cells)

    def data(self) -> dict:
        return {"accuracy": self.accuracy, "macro_f1": self.macro_f1, "pairs": self.pairs, "omitted": self.omitted,
                "confusion": [list(cell) for cell in self.cells]}


@dataclass(frozen=True, slots=True)
class MAERow(Row):
    """A mean absolute error over pairs; ``excluded`` pairs had a value without an ordinal."""

    mae: float | None
    pairs: int
    excluded: int

    @classmethod
    def of(cls, where: dict, count: AbsError) -> MAERow:
        return cls(**where, mae=count.mae, pairs=count.pairs, excluded=count.excluded)

    def data(self) -> dict:
        return {"mae": self.mae, "pairs": self.pairs, "excluded_none": self.excluded}


@dataclass(frozen=True, slots=True)
class RatioRow(Row):
    """An accuracy: ``correct`` out of ``total``."""

    accuracy: float | None
    correct: int
    total: int

    @classmethod
    def of(cls, where: dict, count: Ratio) -> RatioRow:
        return cls(**where, accuracy=count.value, correct=count.correct, total=count.total)

    def data(self) -> dict:
        return {"accuracy": self.accuracy, "correct": self.correct, "total": self.total}


@dataclass(frozen=True, slots=True)
class NotScoredRow(Row):
    """A score that could not be computed, and why (JSON: null)."""

    reason: str

    def data(self) -> None:
        return None


def where(task: str, scheme: str, group: str, title: str, label: str | None = None, on_pairs: bool = False) -> dict:
    """The placement fields of a row, as keyword arguments."""
    return {"task": task, "scheme": scheme, "group": group, "label": label, "title": title, "on_pairs": on_pairs}

