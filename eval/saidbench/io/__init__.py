"""Input and output: JSONL, documents, annotations, offset units, text-only placement."""

from .errors import InputError, Problem

__all__ = ["InputError", "Problem"]
