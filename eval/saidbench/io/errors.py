"""Problems found in input, the error that carries them, and the words used to describe input values."""

from __future__ import annotations

import reprlib
from dataclasses import dataclass

#: The longest message, field or hint shown; longer ones (a 10 MB text echoed back) are cut in the middle.
MAX_SHOWN = 300
#: How many problems an InputError lists in its message; the rest are counted.
MAX_LISTED = 50


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with an input: where (file, line, field), what, and how to fix it.

    ``path`` is the file name, or for in-memory input the item, e.g. ``<predictions>[3]``.
    """

    path: str
    message: str
    line: int | None = None
    field: str | None = None
    hint: str | None = None

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        message = shorten(self.message)
        text = f"{where}: {shorten(self.field)}: {message}" if self.field else f"{where}: {message}"
        return f"{text} (hint: {shorten(self.hint)})" if self.hint else text


class InputError(Exception):
    """Raised when input has problems; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]):
        if not problems:
            raise ValueError("InputError needs at least one problem")
        self.problems = list(problems)
        super().__init__("\n".join(listing(self.problems)))


def listing(problems: list[Problem], limit: int = MAX_LISTED) -> list[str]:
    """The first ``limit`` problems as lines, then one line counting the rest."""
    lines = [str(p) for p in problems[:limit]]
    if len(problems) > limit:
        lines.append(f"... and {len(problems) - limit} more problem(s)")
    return lines


def shorten(text: str, limit: int = MAX_SHOWN) -> str:
    """``text``, cut in the middle if longer than ``limit`` characters, saying how much was left out."""
    if len(text) <= limit:
        return text
    keep = limit // 2
    return f"{text[:keep]}...[{len(text) - 2 * keep} characters left out]...{text[-keep:]}"


_JSON_TYPES = {type(None): "null", bool: "boolean", int: "number", float: "number", str: "string",
               dict: "object", list: "array"}


def json_type(value) -> str:
    """The JSON name of a parsed value's type (``null``, ``object``, ``array``, ...), not Python's."""
    return _JSON_TYPES.get(type(value), type(value).__name__)


_PREVIEW = reprlib.Repr()
_PREVIEW.maxstring = 80
_PREVIEW.maxother = 80
_PREVIEW.maxlevel = 3
_PREVIEW.maxlong = 40


def preview(value) -> str:
    """A short, bounded repr of an input value (safe on huge strings and deep nesting)."""
    return _PREVIEW.repr(value)
