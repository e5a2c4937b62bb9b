"""A registry of named things (schemes, tasks, ...) whose lookup says "unknown X, did you mean Y?"."""

from __future__ import annotations

import difflib
from typing import Generic, Iterator, Mapping, TypeVar

from .usage import UsageError

T = TypeVar("T")


class Registry(Mapping[str, T], Generic[T]):
    """Named entries in registration order; ``registry[name]`` raises UsageError (a ValueError) with a suggestion."""

    def __init__(self, what: str, entries: Mapping[str, T]):
        self.what = what
        self._entries = dict(entries)

    def __getitem__(self, name: str) -> T:
        try:
            return self._entries[name]
        except (KeyError, TypeError):
            raise UsageError(self.unknown(name)) from None

    def __iter__(self) -> Iterator[str]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and name in self._entries

    def unknown(self, name: object) -> str:
        """The message for an unknown name: a close match when there is one, and every known name."""
        close = difflib.get_close_matches(str(name), list(self._entries), n=1)
        hint = f"did you mean {close[0]!r}? " if close else ""
        return f"unknown {self.what} {name!r}; {hint}expected one of {', '.join(self._entries)}"
