"""Saved counts: a Result's per-unit counts as versioned JSON, read back, and merged across shards.

Counts add, so predictions scored in shards (on several machines, or document by document) give
the result of one run over the whole corpus once their counts are summed. A saved file holds the
settings and signature, the per-unit tallies and the document lists, not the error report; merging
refuses files scored under different settings or that both scored the same document.
"""

from __future__ import annotations

import json
from dataclasses import fields
from fractions import Fraction
from pathlib import Path
from types import MappingProxyType

from .counts import AbsError, Confusion, Key, LinkCounts, Ratio, SpanCounts, Tally, TokenCounts
from .io.errors import InputError, Problem, shorten
from .scoring import Result, Settings, evaluate
from .tasks import Unit

FORMAT = "saidbench-counts"
#: Bumped whenever the layout changes; a file of another version is refused, not guessed at.
VERSION = 1
_COUNT_TYPES = {cls.__name__: cls for cls in (SpanCounts, TokenCounts, Ratio, AbsError, Confusion, LinkCounts)}


_FIELD_NAMES = {cls: tuple(f.name for f in fields(cls)) for cls in _COUNT_TYPES.values()}
_PLAIN = frozenset((int, str, float, bool, type(None)))


def _encode_value(value):
    if type(value) in _PLAIN:  # the common case, checked first: a file holds millions of these
        return value
    if isinstance(value, Fraction):
        return [value.numerator, value.denominator]
    if isinstance(value, tuple):
        return [_encode_value(v) for v in value]
    return value


def _encode_count(count) -> dict:
    names = _FIELD_NAMES[type(count)]
    return {"type": type(count).__name__, **{name: _encode_value(getattr(count, name)) for name in names}}


def _decode_count(data: dict):
    cls = _COUNT_TYPES[data["type"]]
    values = {}
    for f in fields(cls):
        value = data[f.name]
        if cls is LinkCounts and f.name.endswith("_num"):
            value = Fraction(*value)
        elif cls is Confusion and f.name == "cells":
            value = tuple(tuple(cell) for cell in value)
        values[f.name] = value
    return cls(**values)


def dump(result: Result) -> dict:
    """The counts of a result as plain JSON data (no error report)."""
    units = sorted(result.per_unit, key=lambda unit: (unit.doc_id, unit.section is None, unit.section or ""))
    return {
        "format": FORMAT,
        "version": VERSION,
        "signature": result.signature(),
        "settings": result.settings.as_dict(),
        "schema": None if result.schema is None else result.schema.version,
        **result.coverage(),
        "units": [
            {
                "doc_id": unit.doc_id,
                "section": unit.section,
                "counts": [{"key": list(key), **_encode_count(count)}
                           for key, count in sorted(result.per_unit[unit].counts.items())],
            }
            for unit in units
        ],
    }


def save(result: Result, path: Path | str) -> None:
    from .io.outputs import write_text

    write_text(path, json.dumps(dump(result), ensure_ascii=False) + "\n")


def _settings(data: dict) -> Settings:
    tuples = ("tasks", "schemes", "mention_kinds", "unannotated")
    return Settings(**{key: tuple(value) if key in tuples else value for key, value in data.items()})


def load(path: Path | str) -> Result:
    """A result from a saved-counts file; raises InputError naming the file when it is not one."""
    name = str(path)
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError([Problem(name, "file not found", hint="check the path")]) from None
    except IsADirectoryError:
        raise InputError([Problem(name, "is a folder; expected a saved-counts file",
                                  hint="give the file that eval --save-counts wrote")]) from None
    except (OSError, UnicodeDecodeError, ValueError) as error:
        raise InputError([Problem(name, f"not a saved-counts file: {error}",
                                  hint="write one with saidbench eval --save-counts FILE")]) from None
    return from_data(data, name)


def score_shard(doc_ids, pred: Path | str, gold: Path | str, documents: Path | str, **options) -> dict:
    """Score the documents ``doc_ids`` of a prediction file against a gold file; their counts as saved-counts data.

    For workers of Dask, Spark, Ray or ``datasets.Dataset.map``: every shard reads the same files and
    checks and scores the lines of its documents only (``evaluate(doc_ids=...)``: other lines are skipped
    once their ``doc_id`` is read), so a document missing from the predictions is found in its shard; the
    shard is signed with the whole gold file's digest, as a run over the whole file is. ``options`` are those of :func:`~saidbench.evaluate`. Shards whose
    ``doc_ids`` together cover the gold merge into the result of one run:
    ``merge([from_data(data) for data in shards])``.
    """
    from .validate import load_documents

    return dump(evaluate(pred, gold, documents=load_documents(documents), errors=False, doc_ids=doc_ids, **options))


#: The saved lists of document ids and messages, read back as tuples.
_LISTED = ("documents", "missing_documents", "unscored_documents", "unplaced", "warnings")


def from_data(data, name: str = "<saved counts>") -> Result:
    """A result from saved-counts data (what :func:`dump` gives); raises InputError naming ``name`` when it is not."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise InputError([Problem(name, "not a saved-counts file (no \"format\": \"saidbench-counts\")",
                                  hint="write one with saidbench eval --save-counts FILE")])
    if data.get("version") != VERSION:
        raise InputError([Problem(name, f"saved-counts version {data.get('version')!r}; this saidbench reads version "
                                        f"{VERSION}", field="version", hint="score the shard again with this version")])
    try:
        per_unit = {
            Unit(unit["doc_id"], unit["section"]): Tally({Key(*c["key"]): _decode_count(c) for c in unit["counts"]})
            for unit in data["units"]
        }
        settings = _settings(data["settings"])
        listed = {key: tuple(data[key]) for key in _LISTED}
        not_predicted = MappingProxyType({task: tuple(docs) for task, docs in data["not_predicted"].items()})
    except (AttributeError, KeyError, TypeError, ValueError) as error:  # any part of the wrong shape
        raise InputError([Problem(name, f"damaged saved-counts file ({type(error).__name__}: {error})",
                                  hint="write it again with saidbench eval --save-counts FILE")]) from None
    if data.get("signature") != str(settings.sign()):  # missing, or not what the file's settings sign
        found = "missing" if "signature" not in data else f"{shorten(json.dumps(data['signature']), 80)} does not match"
        raise InputError([Problem(
            name, f"{found}; expected the signature of the settings the counts were scored under",
            field="signature", hint="merge files as saidbench eval --save-counts FILE wrote them; write it again")])
    schema = None
    if data.get("schema"):
        from .schema import load_schema

        try:
            schema = load_schema(data["schema"])
        except KeyError:
            schema = None  # a corpus's own schema: rows fall back to the bundled one
    return Result(
        settings=settings,
        per_unit=MappingProxyType(per_unit),
        not_predicted=not_predicted,
        schema=schema,
        **listed,
    )


def merge(results: list[Result], names: list[str] | None = None) -> Result:
    """One result of the union of the shards' documents: counts summed unit by unit.

    Raises InputError naming the shard (``names``, default "shard N") scored under settings other
    than the first one's, or that scored a document another shard scored too.
    """
    if not results:
        raise ValueError("nothing to merge")
    names = names or [f"shard {n + 1}" for n in range(len(results))]
    first = results[0]
    for name, other in zip(names[1:], results[1:]):
        if other.settings != first.settings:
            raise InputError([Problem(
                name, f"scored under other settings than {names[0]}, so the counts do not add: "
                      f"{other.signature()} vs {first.signature()}", field="settings",
                hint="score every shard with the same options, gold and saidbench version")])
    seen: dict[str, int] = {}
    per_unit: dict[Unit, Tally] = {}
    for index, result in enumerate(results):
        for doc_id in result.documents:
            if doc_id in seen:
                raise InputError([Problem(
                    names[index], f"document {doc_id!r} was scored in {names[seen[doc_id]]} as well", field="documents",
                    hint="score each document in one shard only (under --strict-layers, shard the gold too)")])
            seen[doc_id] = index
        per_unit.update(result.per_unit)
    scored = set(seen)

    def union(attribute: str) -> tuple[str, ...]:
        return tuple(sorted({doc for result in results for doc in getattr(result, attribute)}))

    not_predicted: dict[str, set[str]] = {}
    for result in results:
        for task, docs in result.not_predicted.items():
            not_predicted.setdefault(task, set()).update(docs)
    return Result(
        settings=first.settings,
        per_unit=MappingProxyType(per_unit),
        documents=tuple(sorted(scored)),
        # a gold document missing from one shard's predictions may have been scored in another
        missing_documents=tuple(doc for doc in union("missing_documents") if doc not in scored),
        unscored_documents=union("unscored_documents"),
        not_predicted=MappingProxyType(
            {task: tuple(sorted(not_predicted[task])) for task in first.settings.tasks if not_predicted.get(task)}
        ),
        unplaced=tuple(p for result in results for p in result.unplaced),
        warnings=tuple(w for result in results for w in result.warnings),
        schema=first.schema,
    )
