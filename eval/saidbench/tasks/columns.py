"""Entity counts of many documents at once, vectorised over mention columns (numpy).

When neither side of a document has two mentions that overlap each other, and no mention overlaps
two of the other side, every span scheme pairs the same mentions, overall and within each type (the
condition of ``matching.one_to_one``). Documents of that shape whose layers are
:class:`~saidbench.model.MentionColumns` are counted here together: candidate pairs come from two
binary searches over the corpus' mentions sorted by start; the pairs are counted per unit, overall and
per type, by case (spans identical or not, labels agreeing or not) with one ``bincount``, and each
scheme's counts follow from how it judges the four cases; the label and kind confusions of matched
pairs likewise. The counts equal the per-document path's (``tasks/entities.py``), which takes every
other document. No item outcome is kept, so this path runs only when the error report is off.
"""

from __future__ import annotations

from array import array
from itertools import chain
from typing import Sequence

from ..count_table import INTEGERS, PRESENT, CountTable
from ..counts import Confusion, Key, SpanCounts, Tally
from ..model import Document, MentionColumns
from .base import Options, Unit

TASK = "entities"
_CORRECT, _INCORRECT, _PARTIAL, _MISSED, _SPURIOUS = range(5)
_COLUMN = {"correct": _CORRECT, "incorrect": _INCORRECT, "partial": _PARTIAL}


def count_entities(jobs: Sequence[tuple[Document, MentionColumns, MentionColumns]], options: Options):
    """Counts of the documents this path can take as a part of :class:`~saidbench.unit_tallies.UnitTallies`
    (None when it takes none), and the ids of the documents left to the per-document path."""
    import numpy as np

    schemes = [scheme for scheme in options.schemes if not scheme.by_tokens]
    if not schemes or not jobs:
        return None, [document.id for document, _, _ in jobs]
    bases = np.cumsum([0] + [len(document.text) + 1 for document, _, _ in jobs])[:-1]  # documents end to end
    sides = [_Side.of(jobs, side, options.mention_kinds, bases, np) for side in (1, 2)]
    gold, pred = sides
    pairs, crossing = _pairs(gold, pred, options.min_overlap, np)
    left = _shared_mentions(gold, np) | _shared_mentions(pred, np) | crossing
    if left:
        keep = [i for i, (document, _, _) in enumerate(jobs) if i not in left]
        if not keep:
            return None, [document.id for document, _, _ in jobs]
        kept = [jobs[i] for i in keep]
        part, _ = count_entities(kept, options)
        return part, sorted(jobs[i][0].id for i in left)
    return _ColumnPart(jobs, gold, pred, pairs, schemes, bases, np), []


class _Side:
    """One side's in-scope mentions of every document, flattened: corpus-wide starts (documents laid end to
    end), ends, label and kind codes, document index; sorted by start."""

    @classmethod
    def of(cls, jobs, which: int, kinds: tuple[str, ...], bases, np) -> _Side:
        side = cls()
        layers = [job[which] for job in jobs]
        starts, ends = array("q"), array("q")
        for layer in layers:
            starts.extend(layer.starts)
            ends.extend(layer.ends)
        doc = np.repeat(np.arange(len(layers)), list(map(len, layers)))
        start = np.frombuffer(starts, dtype=np.int64) + bases[doc]
        end = np.frombuffer(ends, dtype=np.int64) + bases[doc]
        side.label_names, label = _codes([*chain.from_iterable(layer.labels for layer in layers)], np)
        side.kind_names, kind = _codes([*chain.from_iterable(layer.kinds for layer in layers)], np)
        columns = (start, end, doc, label, kind)
        in_scope = {*kinds, None} if "name" in kinds else set(kinds)  # a kind of None is read as a name
        scoped = [code for code, name in enumerate(side.kind_names) if name in in_scope]
        if len(scoped) < len(side.kind_names):
            keep = np.isin(kind, scoped)
            columns = tuple(column[keep] for column in columns)
        if (columns[0][1:] < columns[0][:-1]).any():
            order = np.argsort(columns[0], kind="stable")
            columns = tuple(column[order] for column in columns)
        side.start, side.end, side.doc, side.label, side.kind = columns
        return side


def _codes(values: list, np):
    """Distinct values (None included) and each value's index among them."""
    names = list(dict.fromkeys(values))
    if len(names) == 1:  # e.g. every mention a name
        return names, np.zeros(len(values), dtype=np.int64)
    index = {name: i for i, name in enumerate(names)}
    return names, np.fromiter(map(index.__getitem__, values), dtype=np.int64, count=len(values))


def _shared_mentions(side: _Side, np) -> set[int]:
    """Documents in which two mentions of this side overlap (they need the assignment of the general path)."""
    overlapping = side.end[:-1] > side.start[1:]
    return set(side.doc[:-1][overlapping].tolist())


def _pairs(gold: _Side, pred: _Side, min_overlap: float, np):
    """``(gold positions, predicted positions)`` of the pairs, and the documents where a mention overlaps two of the
    other side. Where mentions of a side do not overlap each other, their ends rise with their starts (documents
    where they do are left to the per-document path, whatever is found for them here)."""
    low = np.searchsorted(pred.end, gold.start, side="right")
    high = np.searchsorted(pred.start, gold.end, side="left")
    back_low = np.searchsorted(gold.end, pred.start, side="right")
    back_high = np.searchsorted(gold.start, pred.end, side="left")
    crossing = set(gold.doc[(high - low) > 1].tolist()) | set(pred.doc[(back_high - back_low) > 1].tolist())
    g = np.flatnonzero(high - low == 1)
    p = low[g]
    if min_overlap > 0:
        shared = np.minimum(gold.end[g], pred.end[p]) - np.maximum(gold.start[g], pred.start[p])
        enough = shared >= min_overlap * (gold.end[g] - gold.start[g])
        g, p = g[enough], p[enough]
    return (g, p), crossing


class _ColumnPart:
    """The counts of the documents counted together, by unit, made into tallies on demand."""

    def __init__(self, jobs, gold: _Side, pred: _Side, pairs, schemes, bases, np):
        g, p = pairs
        unit_list, gold_unit, pred_unit = _units(jobs, gold, pred, bases, np)
        labels = sorted(set(gold.label_names) | set(pred.label_names))
        self.labels = labels
        gl = np.array([labels.index(x) for x in gold.label_names], dtype=np.int64)[gold.label]
        pl = np.array([labels.index(x) for x in pred.label_names], dtype=np.int64)[pred.label]
        width = len(labels) + 1  # row 0: every type; row 1 + l: type l
        n_units = len(unit_list)
        paired_gold = np.zeros(len(gold.start), dtype=bool)
        paired_gold[g] = True
        paired_pred = np.zeros(len(pred.start), dtype=bool)
        paired_pred[p] = True
        missed, spurious = np.flatnonzero(~paired_gold), np.flatnonzero(~paired_pred)
        agree = gl[g] == pl[p]
        identical = (gold.start[g] == pred.start[p]) & (gold.end[g] == pred.end[p])
        both = lambda unit, label: unit * width + 1 + label  # noqa: E731
        cells = n_units * width
        fixed = np.bincount(np.concatenate([  # what every scheme counts alike: missed, spurious, label disagreements
            (gold_unit[missed] * width) * 5 + _MISSED, both(gold_unit[missed], gl[missed]) * 5 + _MISSED,
            (pred_unit[spurious] * width) * 5 + _SPURIOUS, both(pred_unit[spurious], pl[spurious]) * 5 + _SPURIOUS,
            both(gold_unit[g][~agree], gl[g][~agree]) * 5 + _MISSED,
            both(pred_unit[p][~agree], pl[p][~agree]) * 5 + _SPURIOUS,
        ]), minlength=cells * 5).reshape(n_units, width, 5)
        case = identical * 2 + agree  # a pair's case, 0-3 (spans identical, labels agree): each scheme judges cases
        cases = np.bincount(np.concatenate([
            (gold_unit[g] * width) * 4 + case, both(gold_unit[g][agree], gl[g][agree]) * 4 + case[agree],
        ]), minlength=cells * 4).reshape(n_units, width, 4)
        counts = {}
        for scheme in schemes:
            counts[scheme.name] = matrix = fixed.copy()
            for same, agreed in ((False, False), (False, True), (True, False), (True, True)):
                matrix[:, :, _COLUMN[scheme.judge(same, lambda a=agreed: a)]] += cases[:, :, same * 2 + agreed]
        self.confusions = {
            "label": _Cells(gold_unit[g], gl[g], pl[p], labels, labels, np),
            "kind": _Cells(gold_unit[g], *_shared_codes(gold, pred, g, p, np), np),
        }
        self.paired_units = set(gold_unit[g].tolist())
        # every scheme counts the same units; only their rows are kept, as 32-bit counts (the state of a Result)
        counted = np.flatnonzero(next(iter(counts.values())).reshape(n_units, -1).any(axis=1))
        self.counts = {name: matrix[counted].astype(np.int32) for name, matrix in counts.items()}
        self._index = {unit_list[i]: (i, row) for row, i in enumerate(counted.tolist())}  # unit -> its index, row

    def units(self):
        return self._index

    def tally(self, unit) -> Tally:
        if unit not in self._index:
            return Tally()
        index, position = self._index[unit]
        counts = {}
        for scheme, matrix in self.counts.items():
            for row, values in enumerate(matrix[position].tolist()):
                if any(values):
                    counts[Key(TASK, scheme, "mentions", self.labels[row - 1] if row else "")] = SpanCounts(*values)
        if index in self.paired_units:
            for name, cells in self.confusions.items():
                confusion = _confusion(cells.of(index))
                for scheme in self.counts:
                    counts[Key(TASK, scheme, "attribute", name)] = confusion
        return Tally(counts)

    def total(self) -> Tally:
        counts = {}
        for scheme, matrix in self.counts.items():
            for row, values in enumerate(matrix.sum(axis=0).tolist()):
                if any(values):
                    counts[Key(TASK, scheme, "mentions", self.labels[row - 1] if row else "")] = SpanCounts(*values)
        if self.paired_units:
            for name, cells in self.confusions.items():
                confusion = _confusion(cells.total())
                for scheme in self.counts:
                    counts[Key(TASK, scheme, "attribute", name)] = confusion
        return Tally(counts)


    def count_table(self):
        """The counts as a :class:`~saidbench.count_table.CountTable`, made from the arrays (no tally per unit):
        what a shard's saved counts hold."""
        import numpy as np

        units = list(self._index)  # in row order
        schemes = list(self.counts)
        width = len(self.labels) + 1
        slots = (PRESENT, *INTEGERS[SpanCounts])  # a row's PRESENT column, then its five fields
        columns = [(TASK, scheme, "mentions", self.labels[row - 1] if row else "", "SpanCounts", name)
                   for scheme in schemes for row in range(width) for name in slots]
        at_unit, at_column, values = [], [], []
        for k, scheme in enumerate(schemes):
            matrix = self.counts[scheme]
            unit, row = np.nonzero(matrix.any(axis=2))  # the counts present
            at_unit.append(unit)
            at_column.append((k * width + row) * len(slots))
            values.append(np.ones(len(unit), dtype=np.int64))
            unit, row, field = np.nonzero(matrix)
            at_unit.append(unit)
            at_column.append((k * width + row) * len(slots) + 1 + field)
            values.append(matrix[unit, row, field].astype(np.int64))
        row_of = np.full(max((index for index, _ in self._index.values()), default=-1) + 1, -1, dtype=np.int64)
        for index, row in self._index.values():
            row_of[index] = row
        paired = np.array(sorted(row_of[list(self.paired_units)].tolist()), dtype=np.int64)
        for name, cells in self.confusions.items():
            gold_names, pred_names = cells.names
            found = np.unique(cells.cell).tolist()
            for scheme in schemes:
                key = (TASK, scheme, "attribute", name, "Confusion")
                first = len(columns)
                columns += [(*key, PRESENT), (*key, "omitted")]
                column_of = np.zeros(cells.width * cells.width, dtype=np.int64)
                for code in found:
                    pair = (gold_names[code // cells.width], pred_names[code % cells.width])
                    column_of[code] = first + 1 if None in pair else len(columns)  # a pair without a value: omitted
                    if None not in pair:
                        columns.append((*key, pair))
                at_unit += [paired, row_of[cells.unit]]
                at_column += [np.full(len(paired), first, dtype=np.int64), column_of[cells.cell]]
                values += [np.ones(len(paired), dtype=np.int64), cells.count.astype(np.int64)]
        joined = [np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64) for parts in (at_unit, at_column,
                                                                                                  values)]
        return CountTable(units, columns, *joined)


def _units(jobs, gold: _Side, pred: _Side, bases, np):
    """Every unit, and each gold and predicted mention's unit index: the section holding its start, found by
    a binary search over every section fragment of the corpus (the first such section in document order
    where a document's sections overlap, as ``Document.section_at``)."""
    index: dict[Unit, int] = {}

    def code(unit: Unit) -> int:
        return index.setdefault(unit, len(index))

    outside = np.array([code(Unit(document.id, None)) for document, _, _ in jobs], dtype=np.int64)
    rows, overlapping = [], set()
    for position, ((document, _, _), base) in enumerate(zip(jobs, bases.tolist())):
        if len(document.sections) > 1 and _overlap(document):
            overlapping.add(position)
            continue
        for section in document.sections:
            unit = code(Unit(document.id, section.id))
            rows += [(start + base, end + base, unit) for start, end in section.span.fragments]
    section_start, section_end, section_unit = np.array(rows, dtype=np.int64).reshape(-1, 3).T
    order = np.argsort(section_start, kind="stable")
    section_start, section_end, section_unit = section_start[order], section_end[order], section_unit[order]
    found = []
    for side in (gold, pred):
        units_of = outside[side.doc]
        if len(section_start):
            at = np.maximum(np.searchsorted(section_start, side.start, side="right") - 1, 0)
            inside = (section_start[at] <= side.start) & (side.start < section_end[at])
            units_of = np.where(inside, section_unit[at], units_of)
        for position in np.flatnonzero(np.isin(side.doc, sorted(overlapping))).tolist() if overlapping else ():
            document = jobs[int(side.doc[position])][0]
            section = document.section_at(int(side.start[position] - bases[side.doc[position]]))
            units_of[position] = code(Unit(document.id, None if section is None else section.id))
        found.append(units_of)
    return list(index), found[0], found[1]


def _overlap(document: Document) -> bool:
    """Two fragments of the document's sections overlap."""
    fragments = sorted(fragment for section in document.sections for fragment in section.span.fragments)
    return any(end > next_start for (_, end), (next_start, _) in zip(fragments, fragments[1:]))


def _shared_codes(gold: _Side, pred: _Side, g, p, np):
    """The kinds of paired mentions as codes over one list of names (None included)."""
    names = sorted(set(gold.kind_names) | set(pred.kind_names), key=lambda kind: (kind is None, kind or ""))
    gk = np.array([names.index(x) for x in gold.kind_names], dtype=np.int64)[gold.kind]
    pk = np.array([names.index(x) for x in pred.kind_names], dtype=np.int64)[pred.kind]
    return gk[g], pk[p], names, names


class _Cells:
    """The ``(gold value, predicted value)`` cells of paired mentions, by unit, kept as sorted arrays."""

    def __init__(self, units, gold_codes, pred_codes, gold_names, pred_names, np):
        self.names = (gold_names, pred_names)
        width = self.width = max(len(gold_names), len(pred_names), 1)
        combined = (units * width + gold_codes) * width + pred_codes
        if len(combined) and int(combined.max()) < 8 * len(combined) + (1 << 16):  # a dense count beats a sort
            counts = np.bincount(combined)
            values = np.flatnonzero(counts)
            counts = counts[values]
        else:
            values, counts = np.unique(combined, return_counts=True)
        self.unit, self.cell, self.count = values // (width * width), values % (width * width), counts
        self.np = np

    def of(self, unit: int) -> dict:
        low, high = self.np.searchsorted(self.unit, [unit, unit + 1])
        return self._named(self.cell[low:high], self.count[low:high])

    def total(self) -> dict:
        sums = self.np.bincount(self.cell, weights=self.count, minlength=self.width * self.width).astype(self.np.int64)
        cells = self.np.flatnonzero(sums)
        return self._named(cells, sums[cells])

    def _named(self, cells, counts) -> dict:
        gold_names, pred_names = self.names
        return {(gold_names[cell // self.width], pred_names[cell % self.width]): n
                for cell, n in zip(cells.tolist(), counts.tolist())}


def _confusion(cells: dict) -> Confusion:
    omitted = sum(n for (gold, pred), n in cells.items() if gold is None or pred is None)
    return Confusion(tuple(sorted((gold, pred, n) for (gold, pred), n in cells.items()
                                  if gold is not None and pred is not None)), omitted)
