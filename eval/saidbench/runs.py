"""Score an extractor: run it over a corpus (extractors.runner), check its lines, evaluate -> Result."""

from __future__ import annotations

from dataclasses import replace
from typing import Iterable, Mapping

from .extractors.runner import check_lines, corpus, name_of, predictions
from .model import Document
from .schema import Schema, load_schema
from .scoring import Result, evaluate


def score_lines(
    lines: Iterable, documents: Mapping[str, Document], gold=None, *, source: str = "<predictions>",
    partial: str | None = None, offsets: str = "codepoint", schema: Schema | None = None, **options,
) -> Result:
    """Check prediction lines, then :func:`~saidbench.evaluate` them; ``partial`` (``"answered/total"``)
    marks the signature of a run scored although not every document was answered."""
    schema = schema or load_schema()
    loaded = check_lines(lines, documents, schema, source, offsets)
    result = evaluate(loaded, gold, offsets=offsets, documents=documents, schema=schema, **options)
    return replace(result, settings=replace(result.settings, partial=partial)) if partial else result


def run(extractor, documents=None, gold=None, *, progress: bool | None = None, batch_size: int = 8, **options) -> Result:
    """Run ``extractor`` over a corpus and score it.

    ``documents``: a corpus path, a mapping or an iterable of Documents (default: the bundled corpus);
    ``gold``: as for :func:`~saidbench.evaluate` (default: the bundled gold); ``options``: those of
    ``evaluate`` (``task``, ``scheme``, ``offsets``, ``min_overlap``, ``strict_layers``, ``mention_kinds``).
    ``progress``: a tqdm bar on stderr (default: only when stderr is a terminal). What the extractor
    returns is checked like a prediction file: raises InputError listing every problem.
    """
    documents = corpus(documents, options.get("schema"))
    lines = predictions(extractor, documents, progress=progress, batch_size=batch_size)
    return score_lines(lines, documents, gold, source=f"<{name_of(extractor)}>", **options)
