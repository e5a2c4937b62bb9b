"""Signature: every option that changes a number, as ordered ``name:value`` fields printed next to the number.

A metric builds its signature from its settings; bootstrap intervals, paired tests and agreement
extend it with fields of their own (or rename one), never by editing the string. ``str()`` gives
the printed form, e.g. ``saidbench:0.1.0|gold:v1.0@4f7334b8|task:entities|scheme:strict|...``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Signature:
    """Ordered ``(name, value)`` fields; names are unique."""

    fields: tuple[tuple[str, str], ...]

    def __post_init__(self) -> None:
        names = [name for name, _ in self.fields]
        if len(set(names)) != len(names):
            raise ValueError(f"a signature names each field once, not {names}")

    def __str__(self) -> str:
        # a value named by the user (a corpus, a schema version) may hold the separator: printed as "/" so
        # the printed signature still parses back into its fields
        return "|".join(f"{name}:{value.replace('|', '/')}" for name, value in self.fields)

    def __getitem__(self, name: str) -> str:
        for found, value in self.fields:
            if found == name:
                return value
        raise KeyError(name)

    def extended(self, *fields: tuple[str, object]) -> Signature:
        """This signature with more fields at the end (values printed with ``str``; floats with ``:g``)."""
        return Signature(self.fields + tuple((name, _text(value)) for name, value in fields))

    def renamed(self, old: str, new: str) -> Signature:
        """The same fields with ``old`` called ``new`` (e.g. agreement's reference side is not a gold file)."""
        self[old]  # raises KeyError for a field that is not there
        return Signature(tuple((new if name == old else name, value) for name, value in self.fields))

    @classmethod
    def parse(cls, text: str) -> Signature:
        """The signature a printed one stands for (values may contain ``:``, names may not)."""
        return cls(tuple(tuple(part.split(":", 1)) for part in text.split("|")))  # type: ignore[misc]


def _text(value: object) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)
