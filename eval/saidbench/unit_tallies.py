"""Per-unit tallies from several sources, summed unit by unit only when a unit is read.

A Result's state is its tally per unit. Counted document by document, that is a dict; counted for
a whole corpus at once (``tasks/columns.py``), it is arrays from which one unit's tally, or the
total, is made on demand. :class:`UnitTallies` reads them together as one mapping, so a
statistic that resamples units sees the same tallies either way, and the total of a large corpus
is summed from the arrays instead of from a million small count objects.
"""

from __future__ import annotations

from typing import Callable, Hashable, Iterable, Iterator, Mapping, Protocol

from .counts import Key, Tally, total


class Part(Protocol):
    """Counts of some units, readable unit by unit or summed."""

    def units(self) -> Iterable[Hashable]: ...

    def tally(self, unit: Hashable) -> Tally: ...

    def total(self) -> Tally: ...


class DictPart:
    """Tallies already made, by unit."""

    def __init__(self, tallies: Mapping[Hashable, Tally]):
        self.tallies = tallies

    def units(self) -> Iterable[Hashable]:
        return self.tallies

    def tally(self, unit: Hashable) -> Tally:
        return self.tallies.get(unit, Tally())

    def total(self) -> Tally:
        return total(self.tallies.values())


class UnitTallies(Mapping):
    """Unit -> the sum of its tallies over every part; ``keep`` drops keys (what a corpus does not annotate)."""

    def __init__(self, parts: Iterable[Part], keep: Callable[[Key], bool] | None = None):
        self.parts = tuple(parts)
        self.keep = keep
        self._units = list(dict.fromkeys(unit for part in self.parts for unit in part.units()))
        self._known = set(self._units)

    def __getitem__(self, unit) -> Tally:
        if unit not in self._known:
            raise KeyError(unit)
        return self._filtered(total(part.tally(unit) for part in self.parts))

    def __iter__(self) -> Iterator:
        return iter(self._units)

    def __len__(self) -> int:
        return len(self._units)

    def __contains__(self, unit) -> bool:
        return unit in self._known

    def total(self) -> Tally:
        """The sum over every unit (equal to summing the units one by one)."""
        return self._filtered(total(part.total() for part in self.parts))

    def _filtered(self, tally: Tally) -> Tally:
        if self.keep is None:
            return tally
        return Tally({key: count for key, count in tally.counts.items() if self.keep(key)})
