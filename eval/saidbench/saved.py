"""Saved counts: a Result's per-unit counts as versioned JSON, read back, and merged across shards.

Counts add, so predictions scored in shards (on several machines, or document by document) give
the result of one run over the whole corpus once their counts are summed. A saved file holds the
settings and signature, the per-unit counts as one sparse table of integers (``count_table.py``)
and the document lists, not the error report; merging refuses files scored under different
settings or that both scored the same document. The layout is docs/SCALING.md's.
"""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path
from types import MappingProxyType
from typing import Any, Optional, Union

import msgspec

from .count_table import COUNT_TYPES, FRACTIONS, INTEGERS, PRESENT, CountTable, table_of
from .counts import Confusion
from .io.errors import InputError, Problem, shorten
from .scoring import Result, Settings, evaluate
from .tasks import Unit
from .unit_tallies import UnitTallies

FORMAT = "saidbench-counts"
#: Bumped whenever the layout changes; a file of another version is refused, not guessed at.
#: Version 1 (saidbench 0.1.0 before this layout) held a list of counts per unit.
VERSION = 2


def table(result: Result) -> CountTable:
    """A result's per-unit counts as one table (a result read from saved counts, or merged, holds one already)."""
    per_unit = result.per_unit
    if not isinstance(per_unit, UnitTallies):
        return CountTable.of(per_unit)
    joined = CountTable.join(map(table_of, per_unit.parts))
    return joined if per_unit.keep is None else joined.keeping(per_unit.keep)


_ENTRIES = ("unit", "column", "value")


def _unit_order(unit: Unit) -> tuple:
    return (unit.doc_id, unit.section is None, unit.section or "")


def dump(result: Result, arrays: bool = False) -> dict:
    """The counts of a result as plain JSON data (no error report), laid out alike for equal counts.

    ``arrays=True`` gives the three lists of ``counts`` as numpy int64 arrays instead: not JSON, but
    a pickle of them is a copy of their memory, for engines that pickle what a task returns (Dask,
    Ray, Spark); :func:`from_data` reads both.
    """
    counts = table(result).ordered(_unit_order)
    entries = (counts.at_unit, counts.at_column, counts.values)
    return {
        "format": FORMAT,
        "version": VERSION,
        "signature": result.signature(),
        "settings": result.settings.as_dict(),
        "schema": None if result.schema is None else result.schema.version,
        **result.coverage(),
        "units": [list(unit) for unit in counts.unit_list],
        "columns": [[*column[:5], list(column[5]) if isinstance(column[5], tuple) else column[5]]
                    for column in counts.columns],
        "counts": dict(zip(_ENTRIES, entries if arrays else (entry.tolist() for entry in entries))),
        "fractions": [[unit, column, str(value)] for unit, column, value in counts.fractions],
    }


def save(result: Result, path: Path | str) -> None:
    from .io.outputs import write_text

    write_text(path, msgspec.json.encode(dump(result)).decode("utf-8") + "\n")


def _settings(data: dict) -> Settings:
    tuples = ("tasks", "schemes", "mention_kinds", "unannotated")
    return Settings(**{key: tuple(value) if key in tuples else value for key, value in data.items()})


def load(path: Path | str) -> Result:
    """A result from a saved-counts file; raises InputError naming the file when it is not one."""
    name = str(path)
    try:
        data = msgspec.json.decode(Path(path).read_bytes())
    except FileNotFoundError:
        raise InputError([Problem(name, "file not found", hint="check the path")]) from None
    except IsADirectoryError:
        raise InputError([Problem(name, "is a folder; expected a saved-counts file",
                                  hint="give the file that eval --save-counts wrote")]) from None
    except (OSError, msgspec.DecodeError) as error:
        raise InputError([Problem(name, f"not a saved-counts file: {error}",
                                  hint="write one with saidbench eval --save-counts FILE")]) from None
    return from_data(data, name)


def score_shard(doc_ids, pred: Path | str, gold: Path | str, documents: Path | str, arrays: bool = False,
                **options) -> dict:
    """Score the documents ``doc_ids`` of a prediction file against a gold file; their counts as saved-counts data
    (``arrays``: see :func:`dump`).

    For workers of Dask, Spark, Ray or ``datasets.Dataset.map``: every shard reads the same files and
    checks and scores the lines of its documents only (``evaluate(doc_ids=...)``: other lines are skipped
    once their ``doc_id`` is read), so a document missing from the predictions is found in its shard; the
    shard is signed with the whole gold file's digest, as a run over the whole file is. ``options`` are those of :func:`~saidbench.evaluate`. Shards whose
    ``doc_ids`` together cover the gold merge into the result of one run:
    ``merge([from_data(data) for data in shards])``.
    """
    from .validate import load_documents

    return dump(evaluate(pred, gold, documents=load_documents(documents), errors=False, doc_ids=doc_ids, **options),
                arrays)


#: The saved lists of document ids and messages, read back as tuples.
_LISTED = ("documents", "missing_documents", "unscored_documents", "unplaced", "warnings")
_REWRITE = "write it again with saidbench eval --save-counts FILE"
_Cell = tuple[Union[str, int, float, bool, None], Union[str, int, float, bool, None]]


class _Counts(msgspec.Struct, forbid_unknown_fields=True):
    unit: list[int]
    column: list[int]
    value: list[int]


class _Saved(msgspec.Struct, kw_only=True):
    """The layout after ``format`` and ``version`` (docs/SCALING.md); msgspec checks every value's type."""

    settings: dict[str, Any]
    schema: Optional[str] = None
    documents: list[str]
    missing_documents: list[str]
    unscored_documents: list[str]
    not_predicted: dict[str, list[str]]
    unplaced: list[str]
    warnings: list[str]
    units: list[tuple[str, Optional[str]]]
    columns: list[tuple[str, str, str, str, str, Union[str, _Cell]]]
    counts: _Counts
    fractions: list[tuple[int, int, str]]


def from_data(data, name: str = "<saved counts>") -> Result:
    """A result from saved-counts data (what :func:`dump` gives); raises InputError naming ``name`` and the field
    when it is not."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise InputError([Problem(name, "not a saved-counts file (no \"format\": \"saidbench-counts\")",
                                  hint="write one with saidbench eval --save-counts FILE")])
    if data.get("version") != VERSION:
        old = " (a list of counts per unit, from saidbench before saved counts were a table)" \
            if data.get("version") == 1 else ""
        raise InputError([Problem(name, f"saved-counts version {data.get('version')!r}{old}; this saidbench reads "
                                        f"version {VERSION}", field="version",
                                  hint="score the shard again with this version (saidbench eval --save-counts FILE)")])
    import numpy as np

    counts = data.get("counts")
    arrays = None
    if isinstance(counts, dict) and any(isinstance(counts.get(entry), np.ndarray) for entry in _ENTRIES):
        arrays = [counts.get(entry) for entry in _ENTRIES]
        data = {**data, "counts": dict.fromkeys(_ENTRIES, ())}  # the arrays are checked apart
    try:
        saved = msgspec.convert(data, _Saved)
    except msgspec.ValidationError as error:
        message, _, where = str(error).partition(" - at `$.")
        field = where.rstrip("`") or message.partition("`")[2].rstrip("`") or None
        raise InputError([Problem(name, f"damaged saved-counts file: {message}", field=field, hint=_REWRITE)]) from None
    try:
        settings = _settings(saved.settings)
    except (TypeError, ValueError) as error:
        raise InputError([Problem(name, f"damaged saved-counts file: {error}", field="settings", hint=_REWRITE)]) from None
    if data.get("signature") != str(settings.sign()):  # missing, or not what the file's settings sign
        found = "missing" if "signature" not in data else f"{shorten(json.dumps(data['signature']), 80)} does not match"
        raise InputError([Problem(
            name, f"{found}; expected the signature of the settings the counts were scored under",
            field="signature", hint="merge files as saidbench eval --save-counts FILE wrote them; write it again")])
    counts = _table(saved, name, arrays)
    schema = None
    if saved.schema:
        from .schema import load_schema

        try:
            schema = load_schema(saved.schema)
        except KeyError:
            schema = None  # a corpus's own schema: rows fall back to the bundled one
    return Result(
        settings=settings,
        per_unit=UnitTallies((counts,)),
        not_predicted=MappingProxyType({task: tuple(docs) for task, docs in saved.not_predicted.items()}),
        schema=schema,
        **{key: tuple(getattr(saved, key)) for key in _LISTED},
    )


def _table(saved: _Saved, name: str, arrays: list | None = None) -> CountTable:
    """The table of saved counts whose types msgspec checked (their entries given as ``arrays`` instead, if not
    None); raises InputError naming the first damaged field."""
    import numpy as np

    def damaged(field: str, message: str) -> InputError:
        return InputError([Problem(name, f"damaged saved-counts file: {message}", field=field, hint=_REWRITE)])

    seen: dict[tuple, int] = {}
    fraction_column = np.zeros(len(saved.columns), dtype=bool)
    for n, column in enumerate(saved.columns):
        kind = COUNT_TYPES.get(column[4])
        if kind is None:
            raise damaged(f"columns[{n}][4]", f"unknown count type {column[4]!r}; expected one of {', '.join(COUNT_TYPES)}")
        field = column[5]
        if isinstance(field, tuple) and kind is not Confusion or \
                not isinstance(field, tuple) and field not in (PRESENT, *INTEGERS[kind], *FRACTIONS[kind]):
            raise damaged(f"columns[{n}][5]", f"{kind.__name__} has no field {shorten(json.dumps(field), 80)}")
        if column in seen:
            raise damaged(f"columns[{n}]", f"the same column as columns[{seen[column]}]")
        seen[column] = n
        fraction_column[n] = field in FRACTIONS[kind]
    if arrays is not None:
        for entry, array in zip(_ENTRIES, arrays):
            if not isinstance(array, np.ndarray) or array.ndim != 1 or array.dtype.kind not in "iu":
                found = f"a {array.ndim}-dimensional array of {array.dtype}" if isinstance(array, np.ndarray) else \
                    type(array).__name__
                raise damaged(f"counts.{entry}", f"{found}; expected a list or a 1-dimensional integer array")
        entries = arrays
    else:
        entries = [getattr(saved.counts, entry) for entry in _ENTRIES]
    if len({len(entry) for entry in entries}) > 1:
        raise damaged("counts", f"lists of {len(entries[0])} units, {len(entries[1])} columns and "
                                f"{len(entries[2])} values; expected one of each per entry")
    try:
        unit, column, value = (np.asarray(entry, dtype=np.int64) for entry in entries)
    except OverflowError:
        raise damaged("counts", "a number beyond 64 bits") from None
    for field, values, bad in (("unit", unit, (unit < 0) | (unit >= len(saved.units))),
                               ("column", column, (column < 0) | (column >= len(saved.columns))),
                               ("value", value, value <= 0)):
        if bad.any():
            at = int(np.flatnonzero(bad)[0])
            expected = "a positive count (zeros are left out)" if field == "value" else \
                f"an index of {field}s, 0 to {len(getattr(saved, field + 's')) - 1}"
            raise damaged(f"counts.{field}[{at}]", f"{int(values[at])}; expected {expected}")
    if fraction_column[column].any():
        at = int(np.flatnonzero(fraction_column[column])[0])
        raise damaged(f"counts.column[{at}]", f"{int(column[at])} is a fraction's column; its values go in fractions")
    fractions = []
    for n, (u, c, text) in enumerate(saved.fractions):
        if not (0 <= u < len(saved.units) and 0 <= c < len(saved.columns) and fraction_column[c]):
            raise damaged(f"fractions[{n}]", f"[{u}, {c}, ...] names no unit and fraction column")
        try:
            fractions.append((u, c, Fraction(text)))
        except (ValueError, ZeroDivisionError):
            raise damaged(f"fractions[{n}][2]", f"{shorten(json.dumps(text), 80)}; expected a fraction like \"3/4\"") \
                from None
    return CountTable([Unit(*unit) for unit in saved.units], list(saved.columns), unit, column, value, fractions)


def merge(results: list[Result], names: list[str] | None = None) -> Result:
    """One result of the union of the shards' documents: their count tables joined (counts of a unit in two add).

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
    for index, result in enumerate(results):
        for doc_id in result.documents:
            if doc_id in seen:
                raise InputError([Problem(
                    names[index], f"document {doc_id!r} was scored in {names[seen[doc_id]]} as well", field="documents",
                    hint="score each document in one shard only (under --strict-layers, shard the gold too)")])
            seen[doc_id] = index
    scored = set(seen)

    def union(attribute: str) -> tuple[str, ...]:
        return tuple(sorted({doc for result in results for doc in getattr(result, attribute)}))

    not_predicted: dict[str, set[str]] = {}
    for result in results:
        for task, docs in result.not_predicted.items():
            not_predicted.setdefault(task, set()).update(docs)
    return Result(
        settings=first.settings,
        per_unit=UnitTallies((CountTable.join(table(result) for result in results),)),
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
