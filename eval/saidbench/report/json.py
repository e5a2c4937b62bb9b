"""JSON with every option, the version, the signature, all scores, every count (per document and per unit)
and the error report (every outcome other than correct)."""

from __future__ import annotations

import json
from dataclasses import asdict
from fractions import Fraction

from ..counts import Tally
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


def to_dict(result: Result) -> dict:
    return {
        "signature": result.signature(),
        "settings": result.settings.as_dict(),
        "scores": result.scores(),
        "scores_per_document": {doc: result.scores(t) for doc, t in result.per_document().items()},
        "documents": list(result.documents),
        "missing_documents": list(result.missing_documents),
        "unscored_documents": list(result.unscored_documents),
        "not_predicted": {task: list(docs) for task, docs in result.not_predicted.items()},
        "unplaced": list(result.unplaced),
        "warnings": list(result.warnings),
        "errors": [asdict(e) for e in result.errors],
        "counts": {
            "total": _counts(result.total),
            "per_document": {doc: _counts(t) for doc, t in result.per_document().items()},
            "per_unit": [
                {"doc_id": u.doc_id, "section": u.section, "counts": _counts(result.per_unit[u])}
                for u in sorted(result.per_unit, key=lambda u: (u.doc_id, u.section is None, u.section or ""))
            ],
        },
    }


def dumps(data: dict) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def render(result: Result, extra: dict | None = None) -> str:
    """The result's JSON, with ``extra`` sections (e.g. ``bootstrap``) added at the top level."""
    return dumps({**to_dict(result), **(extra or {})})
