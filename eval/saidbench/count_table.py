"""Counts of many units as one sparse table of integers: (unit, column, value) entries, summed column by column.

A column is one field of one count type under one :class:`~saidbench.counts.Key` (a ``SpanCounts``'
``correct``, a ``Confusion``'s ``omitted`` or one of its ``(gold, predicted)`` cells), or the key's
``present`` column, 1 in every unit that has the count (so a count of zeros is kept). Exact
fractions (``LinkCounts`` numerators) are kept beside the integers as ``(unit, column, Fraction)``.
Tables join by concatenating their entries (:meth:`CountTable.join`) and a total is one sum per
column, so shards merge without a count object per unit. A table is a ``Part`` of
:class:`~saidbench.unit_tallies.UnitTallies`: a unit's tally is made when it is read. A part that
can give its counts as a table without a tally per unit does so by a ``count_table()`` method
(:func:`table_of` takes it; any other part is read unit by unit).
"""

from __future__ import annotations

import json
from dataclasses import fields
from fractions import Fraction
from operator import attrgetter
from typing import Callable, Hashable, Iterable, Mapping

from .counts import AbsError, Confusion, Key, LinkCounts, Ratio, SpanCounts, Tally, TokenCounts

#: The count types by name (as a saved table names them).
COUNT_TYPES = {cls.__name__: cls for cls in (SpanCounts, TokenCounts, Ratio, AbsError, Confusion, LinkCounts)}
PRESENT = "present"
#: Each type's integer fields and exact-fraction fields, in declaration order (a Confusion's cells are columns too).
INTEGERS = {cls: tuple(f.name for f in fields(cls) if f.name != "cells" and not isinstance(f.default, Fraction))
            for cls in COUNT_TYPES.values()}
FRACTIONS = {cls: tuple(f.name for f in fields(cls) if isinstance(f.default, Fraction)) for cls in COUNT_TYPES.values()}


def _getter(names: tuple[str, ...]) -> Callable:
    """A function giving a count's values of ``names`` as a tuple."""
    get = attrgetter(*names)
    return (lambda count: (get(count),)) if len(names) == 1 else get


_INTEGER_VALUES = {cls: _getter(names) for cls, names in INTEGERS.items()}
_FRACTION_VALUES = {cls: _getter(names) for cls, names in FRACTIONS.items() if names}

#: ``(task, scheme, metric, label, type name, field)``; the field is PRESENT, a field name or a ``(gold, predicted)`` cell.
Column = tuple



class CountTable:
    """Entries ``values[e]`` of unit ``unit_list[at_unit[e]]`` in column ``columns[at_column[e]]`` (numpy int64
    arrays, no zero values), plus ``fractions``: ``(unit index, column index, Fraction)``."""

    def __init__(self, units: list, columns: list[Column], at_unit, at_column, values,
                 fractions: Iterable[tuple[int, int, Fraction]] = ()):
        import numpy as np

        self.unit_list, self.columns = list(units), list(columns)
        self.at_unit, self.at_column, self.values = (np.asarray(a, dtype=np.int64) for a in (at_unit, at_column, values))
        self.fractions = list(fractions)
        self._rows = None
        index = {column: c for c, column in enumerate(self.columns)}
        #: per PRESENT column: its key, type and the columns of its fields (None where the table has none)
        self._groups = {}
        #: per cell column: the PRESENT column of its Confusion and the cell
        self._cells = {}
        for c, (*key, type_name, name) in enumerate(self.columns):
            kind = COUNT_TYPES[type_name]
            if name == PRESENT:
                names = (*INTEGERS[kind], *FRACTIONS[kind])
                self._groups[c] = (Key(*key), kind, names, [index.get((*key, type_name, n)) for n in names])
            elif isinstance(name, tuple):
                self._cells[c] = (index.get((*key, type_name, PRESENT)), name)

    # -- the Part protocol

    def units(self) -> list:
        return self.unit_list

    def tally(self, unit: Hashable) -> Tally:
        """The unit's counts (an empty Tally for a unit the table does not hold)."""
        rows, order, bounds, fractions = self._by_unit()
        row = rows.get(unit)
        if row is None:
            return Tally()
        at = order[bounds[row]:bounds[row + 1]]
        return self._tally(self.at_column[at].tolist(), self.values[at].tolist(), fractions.get(row, {}))

    def total(self) -> Tally:
        import numpy as np

        sums = np.zeros(len(self.columns), dtype=np.int64)
        np.add.at(sums, self.at_column, self.values)
        found = np.flatnonzero(sums)
        fractions: dict[int, Fraction] = {}
        for _, c, f in self.fractions:
            fractions[c] = fractions.get(c, 0) + f
        return self._tally(found.tolist(), sums[found].tolist(), fractions)

    def count_table(self) -> CountTable:
        return self

    # -- building, joining, ordering

    @classmethod
    def of(cls, per_unit: Mapping[Hashable, Tally]) -> CountTable:
        """The table of a mapping of unit -> Tally."""
        import numpy as np

        first_of: dict[tuple[Key, type], int] = {}
        columns: list[Column] = []
        found: dict[type, tuple[list, list, list]] = {kind: ([], [], []) for kind in COUNT_TYPES.values()}
        units = list(per_unit)
        for row, unit in enumerate(units):
            for key, count in per_unit[unit].counts.items():
                kind = type(count)
                first = first_of.get((key, kind))
                if first is None:
                    first = first_of[key, kind] = len(columns)
                    columns += ((*key, kind.__name__, n) for n in (PRESENT, *INTEGERS[kind], *FRACTIONS[kind]))
                rows, firsts, counts = found[kind]
                rows.append(row)
                firsts.append(first)
                counts.append(count)
        at_unit, at_column, values, fractions = [], [], [], []
        for kind, (rows, firsts, counts) in found.items():
            if not counts:
                continue
            rows, firsts = np.array(rows, dtype=np.int64), np.array(firsts, dtype=np.int64)
            at_unit.append(rows)
            at_column.append(firsts)
            values.append(np.ones(len(rows), dtype=np.int64))
            matrix = np.array(list(map(_INTEGER_VALUES[kind], counts)), dtype=np.int64)
            which, field = np.nonzero(matrix)
            at_unit.append(rows[which])
            at_column.append(firsts[which] + 1 + field)
            values.append(matrix[which, field])
            if kind in _FRACTION_VALUES:
                skip = 1 + len(INTEGERS[kind])
                fractions += ((row, first + skip + n, f) for row, first, count in zip(rows.tolist(), firsts.tolist(),
                              counts) for n, f in enumerate(_FRACTION_VALUES[kind](count)) if f)
            if kind is Confusion:
                _cells(rows, firsts, counts, columns, (at_unit, at_column, values), np)
        joined = lambda arrays: np.concatenate(arrays) if arrays else np.zeros(0, dtype=np.int64)  # noqa: E731
        return cls(units, columns, joined(at_unit), joined(at_column), joined(values), fractions)

    @classmethod
    def join(cls, tables: Iterable[CountTable]) -> CountTable:
        """One table of the units of every table; a unit or column in several is one, and its counts add."""
        import numpy as np

        units: dict = {}
        columns: dict[Column, int] = {}
        at_unit, at_column, values, fractions = [], [], [], []
        for table in tables:
            unit_map = np.array([units.setdefault(u, len(units)) for u in table.unit_list], dtype=np.int64)
            column_map = np.array([columns.setdefault(c, len(columns)) for c in table.columns], dtype=np.int64)
            if len(table.values):
                at_unit.append(unit_map[table.at_unit])
                at_column.append(column_map[table.at_column])
                values.append(table.values)
            fractions += ((int(unit_map[u]), int(column_map[c]), f) for u, c, f in table.fractions)
        joined = lambda arrays: np.concatenate(arrays) if arrays else np.zeros(0, dtype=np.int64)  # noqa: E731
        return cls(list(units), list(columns), joined(at_unit), joined(at_column), joined(values), fractions)

    def keeping(self, keep: Callable[[Key], bool]) -> CountTable:
        """The table without the columns of the keys ``keep`` refuses (every unit stays)."""
        import numpy as np

        kept = np.array([keep(Key(*column[:4])) for column in self.columns], dtype=bool)
        new_column = np.cumsum(kept) - 1
        at = kept[self.at_column] if len(self.columns) else np.zeros(0, dtype=bool)
        return CountTable(self.unit_list, [c for c, k in zip(self.columns, kept.tolist()) if k], self.at_unit[at],
                          new_column[self.at_column[at]], self.values[at],
                          [(u, int(new_column[c]), f) for u, c, f in self.fractions if kept[c]])

    def ordered(self, unit_order: Callable) -> CountTable:
        """The same counts in a canonical layout: units sorted by ``unit_order``, columns by key, type and field,
        entries by unit then column, each (unit, column) once (equal counts give equal tables)."""
        import numpy as np

        unit_rank = sorted(range(len(self.unit_list)), key=lambda i: unit_order(self.unit_list[i]))
        column_rank = sorted(range(len(self.columns)), key=lambda i: _column_order(self.columns[i]))
        new_unit = np.empty(len(unit_rank), dtype=np.int64)
        new_unit[unit_rank] = np.arange(len(unit_rank))
        new_column = np.empty(len(column_rank), dtype=np.int64)
        new_column[column_rank] = np.arange(len(column_rank))
        width = max(len(column_rank), 1)
        place, at = np.unique(new_unit[self.at_unit] * width + new_column[self.at_column], return_inverse=True)
        values = np.zeros(len(place), dtype=np.int64)
        np.add.at(values, at, self.values)
        fractions: dict[tuple[int, int], Fraction] = {}
        for u, c, f in self.fractions:
            where = (int(new_unit[u]), int(new_column[c]))
            fractions[where] = fractions.get(where, 0) + f
        return CountTable([self.unit_list[i] for i in unit_rank], [self.columns[i] for i in column_rank],
                          place // width, place % width, values,
                          [(u, c, f) for (u, c), f in sorted(fractions.items()) if f])

    # -- internals

    def _by_unit(self):
        if self._rows is None:
            import numpy as np

            order = np.argsort(self.at_unit, kind="stable")
            bounds = np.searchsorted(self.at_unit[order], np.arange(len(self.unit_list) + 1)).tolist()
            fractions: dict[int, dict[int, Fraction]] = {}
            for u, c, f in self.fractions:
                found = fractions.setdefault(u, {})
                found[c] = found.get(c, 0) + f
            self._rows = ({unit: row for row, unit in enumerate(self.unit_list)}, order, bounds, fractions)
        return self._rows

    def _tally(self, columns: list[int], values: list[int], fractions: Mapping[int, Fraction]) -> Tally:
        """The counts of the entries ``columns``/``values`` (a column given twice is added) and the fractions."""
        dense = dict(zip(columns, values))
        if len(dense) < len(columns):
            dense = {}
            for column, value in zip(columns, values):
                dense[column] = dense.get(column, 0) + value
        cells: dict[int, list] = {}
        for column in dense.keys() & self._cells.keys():
            first, (gold, predicted) = self._cells[column]
            cells.setdefault(first, []).append((gold, predicted, dense[column]))
        counts = {}
        for column in dense.keys() & self._groups.keys():
            key, kind, names, at = self._groups[column]
            if kind is Confusion:
                counts[key] = Confusion(tuple(sorted(cells.get(column, ()))), dense.get(at[0], 0))
            elif kind in _FRACTION_VALUES:
                counts[key] = kind(**{n: fractions.get(c, 0) if n in FRACTIONS[kind] else dense.get(c, 0)
                                      for n, c in zip(names, at)})
            else:
                counts[key] = kind(*(dense.get(c, 0) for c in at))
        return Tally(counts)


def table_of(part) -> CountTable:
    """A Part's counts as a table: its own ``count_table()`` if it has one, else made from its tally of each unit."""
    if hasattr(part, "count_table"):
        return part.count_table()
    return CountTable.of({unit: part.tally(unit) for unit in part.units()})


def _cells(rows, firsts, counts: list[Confusion], columns: list[Column], entries: tuple[list, list, list], np) -> None:
    """Add the cells of Confusion counts (of units ``rows``, under PRESENT columns ``firsts``) to ``entries``,
    adding a column for every (key, cell) not seen before. A confusion shared by several keys is read once."""
    codes: dict[tuple, int] = {}
    read: dict[int, tuple] = {}  # id(count) -> (count, its cell codes, their counts): the count is held, so ids stay
    at_row, at_first, at_code, values = [], [], [], []
    for row, first, count in zip(rows.tolist(), firsts.tolist(), counts):
        found = read.get(id(count))
        if found is None:
            cells = count.cells
            found = read[id(count)] = (count, [codes.setdefault((g, p), len(codes)) for g, p, _ in cells],
                                       [n for _, _, n in cells])
        at_row += [row] * len(found[1])
        at_first += [first] * len(found[1])
        at_code += found[1]
        values += found[2]
    if not values:
        return
    cell_of = list(codes)
    place, at = np.unique(np.array(at_first, dtype=np.int64) * len(codes) + np.array(at_code, dtype=np.int64),
                          return_inverse=True)
    column_of = np.arange(len(columns), len(columns) + len(place), dtype=np.int64)
    columns += ((*columns[first][:5], cell_of[code]) for first, code in zip(*divmod(place, len(codes))))
    entries[0].append(np.array(at_row, dtype=np.int64))
    entries[1].append(column_of[at])
    entries[2].append(np.array(values, dtype=np.int64))


def _column_order(column: Column) -> tuple:
    name = column[5]
    kind = COUNT_TYPES[column[4]]
    fixed = (PRESENT, *INTEGERS[kind], *FRACTIONS[kind])
    return (*column[:5], (0, fixed.index(name), "") if name in fixed else (1, 0, json.dumps(name)))
