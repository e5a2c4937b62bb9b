"""Baseline extractors, by name: each turns a Document into predicted Annotations."""

from __future__ import annotations

import difflib
from types import ModuleType
from typing import Mapping

from ..model import Annotations, Document
from ..schema import Schema, load_schema
from . import rules

BASELINES: dict[str, ModuleType] = {rules.NAME: rules}


def get_baseline(name: str) -> ModuleType:
    """The baseline module called ``name``; raises KeyError with the available names."""
    if name not in BASELINES:
        close = difflib.get_close_matches(name, list(BASELINES), n=1)
        suggestion = f" Did you mean {close[0]!r}?" if close else ""
        raise KeyError(f"Unknown baseline {name!r}.{suggestion} Available: {', '.join(sorted(BASELINES))}")
    return BASELINES[name]


def run_baseline(name: str, documents: Mapping[str, Document], schema: Schema | None = None) -> list[Annotations]:
    """The baseline's predictions for every document, in corpus order."""
    baseline = get_baseline(name)
    annotatable = (schema or load_schema()).annotatable
    return [baseline.extract(document, annotatable) for document in documents.values()]
