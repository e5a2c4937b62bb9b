"""Score an extractor: run it over a corpus (extractors.runner), check its lines, evaluate -> Result."""

from __future__ import annotations

from dataclasses import replace
from typing import Iterable, Mapping

from .extractors.command import CommandOutput, run_command
from .extractors.runner import as_documents, check_lines, name_of, predictions
from . import resources
from .io.normalize import DEFAULT_ALIGN
from .model import Document
from .schema import Schema, load_schema
from .scoring import Result, evaluate


def score_lines(
    lines: Iterable, documents: Mapping[str, Document], gold=None, *, source: str = "<predictions>",
    numbers: Iterable[int] | None = None, partial: str | None = None, extractor: tuple[tuple[str, str], ...] = (),
    offsets: str = "codepoint", align: str = DEFAULT_ALIGN, schema: Schema | None = None, **options,
) -> Result:
    """Check prediction lines, then :func:`~saidbench.evaluate` them; ``partial`` (``"answered/total"``)
    marks the signature of a run scored although not every document was answered, ``extractor`` adds the
    extractor's own signature parts (an LLM's model and prompt hash)."""
    schema = schema or load_schema(options.get("gold_version") or resources.DEFAULT_GOLD_VERSION)
    loaded = check_lines(lines, documents, schema, source, offsets, numbers, align)
    result = evaluate(loaded, gold, offsets=offsets, align=align, documents=documents, schema=schema, **options)
    if partial or extractor:
        result = replace(result, settings=replace(result.settings, partial=partial, extractor=tuple(extractor)))
    return result


def run(extractor, documents=None, gold=None, *, progress: bool | None = None, batch_size: int = 8, **options) -> Result:
    """Run ``extractor`` over a corpus and score it.

    ``documents``: a corpus path, a mapping or an iterable of Documents (default: the bundled corpus);
    ``gold``: as for :func:`~saidbench.evaluate` (default: the bundled gold); ``options``: those of
    ``evaluate`` (``task``, ``scheme``, ``offsets``, ``min_overlap``, ``strict_layers``, ``mention_kinds``).
    ``progress``: a tqdm bar on stderr (default: only when stderr is a terminal). What the extractor
    returns is checked like a prediction file: raises InputError listing every problem.
    """
    documents = as_documents(documents, options.get("schema"))
    lines = predictions(extractor, documents, progress=progress, batch_size=batch_size)
    options = {**described(extractor, len(documents)), **options}
    return score_lines(lines, documents, gold, source=f"<{name_of(extractor)}>", **options)


def score_command(
    argv, documents=None, gold=None, *, timeout: float | None = None, allow_partial: bool = False,
    progress: bool | None = None, **options,
) -> tuple[Result, CommandOutput]:
    """Run a command as an extractor (:mod:`saidbench.extractors.command`) and score what it answered.

    Returns the Result (its signature says ``partial:answered/total`` when a failed run was scored under
    ``allow_partial``) and the command's output; raises InputError when the run failed.
    """
    documents = as_documents(documents, options.get("schema"))
    output = run_command(argv, documents, timeout=timeout, allow_partial=allow_partial, progress=progress)
    result = score_lines(output.lines, documents, gold, source=output.source, numbers=output.numbers,
                         partial=output.partial, **options)
    return result, output


def score_systems(
    files=(), baselines: tuple[str, ...] | str = (), corpus=None, **options
) -> tuple[dict[str, Result], list[str]]:
    """Systems by name, scored on ``corpus`` (default: the bundled article) with the same ``options``: prediction
    files (named by their file name without suffix) and the named ``baselines`` (``"all"``: every baseline that can
    run here). Returns the results and, under ``"all"``, a note for each baseline that could not run (e.g. spacy
    without its pipeline)."""
    from pathlib import Path

    from .corpus import Corpus
    from .extractors import BASELINES, make_baseline
    from .usage import UsageError

    corpus = corpus or Corpus.bundled()
    options = dict(options, corpus=corpus)
    results: dict[str, Result] = {}
    for path in files:
        name = Path(path).stem
        results[name if name not in results else str(path)] = evaluate(path, **options)
    skipped = []
    for name in tuple(BASELINES) if baselines == "all" else baselines:
        try:
            extractor = make_baseline(name, corpus=corpus)
        except UsageError as error:
            if baselines != "all":
                raise
            skipped.append(f"{name}: {error}")
            continue
        results[name] = run(extractor, corpus.documents, schema=corpus.schema, **options)
    return results, skipped


def described(extractor, total: int) -> dict:
    """What an extractor may say of itself for the signature (both optional): ``signature_parts()`` (an
    LLM's model and prompt hash) and ``partial(total)`` (``"answered/total"`` when it could not answer all)."""
    found = {}
    if hasattr(extractor, "signature_parts"):
        found["extractor"] = tuple(extractor.signature_parts())
    if hasattr(extractor, "partial") and extractor.partial(total):
        found["partial"] = extractor.partial(total)
    return found
