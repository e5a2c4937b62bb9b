"""JSON with every option, the version, the signature, all scores, every count (per document and per unit)
and, when asked for, the error report (every outcome other than correct)."""

from __future__ import annotations

import json
import os
from contextlib import contextmanager
from dataclasses import asdict
from fractions import Fraction
from pathlib import Path
from typing import Callable, Iterator, Sequence

from ..counts import Tally
from ..io.outputs import naming
from ..outcomes import ItemOutcome
from ..scoring import Result


def _exact(value):
    # coreference numerators are exact fractions: written "7/12" (Fraction("7/12") reads them back)
    return str(value) if isinstance(value, Fraction) else value


def _counts(tally: Tally) -> list[dict]:
    return [
        {"task": k.task, "scheme": k.scheme, "metric": k.metric, "label": k.label, "type": type(c).__name__,
         **{name: _exact(value) for name, value in asdict(c).items()}}
        for k, c in sorted(tally.counts.items())
    ]


def to_dict(result: Result, errors: bool = False, per_unit: bool = False) -> dict:
    """The result as plain data: every count in total and per document; with ``errors`` the error report
    (one dict per outcome), with ``per_unit`` the counts of every unit (what the statistics resample)."""
    out = {
        "signature": result.signature(),
        "settings": result.settings.as_dict(),
        "scores": result.scores(),
        "scores_per_document": {doc: result.scores(t) for doc, t in result.per_document().items()},
        **result.coverage(),
        "counts": {
            "total": _counts(result.total),
            "per_document": {doc: _counts(t) for doc, t in result.per_document().items()},
        },
    }
    if per_unit:
        out["counts"]["per_unit"] = [
            {"doc_id": u.doc_id, "section": u.section, "counts": _counts(result.per_unit[u])}
            for u in sorted(result.per_unit, key=lambda u: (u.doc_id, u.section is None, u.section or ""))
        ]
    if errors:
        out["errors"] = [asdict(e) for e in result.errors]
    return out


def _flat(value) -> bool:
    """A dict or list holding no dict: printed on one line (a count, a score row, a confusion matrix)."""
    inner = value.values() if isinstance(value, dict) else value
    return all(not isinstance(v, dict) and (not isinstance(v, list) or _flat(v)) for v in inner)


def _pretty(value, depth: int) -> str:
    if not isinstance(value, (dict, list)) or not value or _flat(value):
        return json.dumps(value, ensure_ascii=False)
    pad = "\n" + "  " * (depth + 1)
    if isinstance(value, dict):
        items = [f"{json.dumps(k, ensure_ascii=False)}: {_pretty(v, depth + 1)}" for k, v in value.items()]
        return "{" + pad + ("," + pad).join(items) + "\n" + "  " * depth + "}"
    return "[" + pad + ("," + pad).join(_pretty(v, depth + 1) for v in value) + "\n" + "  " * depth + "]"


def dumps(data) -> str:
    """Indented JSON whose innermost objects (counts, score rows) each stay on one line."""
    return _pretty(data, 0) + "\n"


def render(result: Result, extra: dict | None = None, errors: bool = False, per_unit: bool = False) -> str:
    """The result's JSON, with ``extra`` sections (e.g. ``bootstrap``) added at the top level."""
    return dumps({**to_dict(result, errors, per_unit), **(extra or {})})


@contextmanager
def outcomes_file(path: Path | str) -> Iterator[Callable[[Sequence[ItemOutcome]], None]]:
    """A writer of outcomes to ``path`` as JSON Lines (each line a dict of the JSON output's ``errors`` list), to
    pass as ``evaluate(errors=...)``. The file appears only when the block ends without an exception: a run that
    fails (bad input) leaves no partial error report behind."""
    from msgspec.json import Encoder

    path = Path(path)
    partial = path.with_name(f".{path.name}.partial")
    encoder = Encoder()  # dataclasses as objects of their fields, tuples as lists, UTF-8 unescaped: asdict's JSON
    with naming(path), partial.open("wb") as handle:
        def write(outcomes: Sequence[ItemOutcome]) -> None:
            for start in range(0, len(outcomes), 10_000):  # a slice at a time: no copy of a whole chunk's text
                handle.write(encoder.encode_lines(outcomes[start:start + 10_000]))

        try:
            yield write
        except BaseException:
            handle.close()
            partial.unlink()
            raise
    os.replace(partial, path)
