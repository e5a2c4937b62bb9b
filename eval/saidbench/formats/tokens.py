"""Tokens for writing token-based formats (CoNLL, spaCy Docs): the ner_bio tokenizer, cut at given offsets."""

from __future__ import annotations

from typing import Iterable


def tokens(text: str, start: int = 0, end: int | None = None, cuts: Iterable[int] = ()) -> list[tuple[int, int]]:
    """The tokens of ``text[start:end]`` (as ``hf.tokenize`` makes them for ``ner_bio``), each further cut at
    every offset in ``cuts`` inside it, so that every span whose edges are in ``cuts`` is a run of tokens."""
    from .hf import tokenize  # imports datasets: only when a file is written

    cuts = sorted(set(cuts))
    out = []
    for begin, finish in tokenize(text, start, end):
        for cut in (c for c in cuts if begin < c < finish):
            out.append((begin, cut))
            begin = cut
        out.append((begin, finish))
    return out
