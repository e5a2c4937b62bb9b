"""Baselines that need nothing beyond the package: the rules, the gold itself (oracle) and nothing (empty)."""

from __future__ import annotations

from ..io.annotations import annotations_to_json
from ..model import Document
from ..schema import Schema, load_schema
from . import rules


class RulesExtractor:
    """The rule-based baseline of :mod:`saidbench.extractors.rules`."""

    name = "rules"

    def __init__(self, schema: Schema | None = None):
        self.annotatable = (schema or load_schema()).annotatable

    def predict(self, document: Document) -> dict:
        return annotations_to_json(rules.extract(document, self.annotatable), document.text)


class OracleExtractor:
    """Returns the gold line of each document (a document without gold gets a line with no layers):
    every score it earns is the ceiling, and a check that the harness scores the gold perfectly."""

    name = "oracle"

    def __init__(self, gold=None):
        from .. import resources
        from ..validate import load_checked

        loaded = load_checked(gold or resources.gold_path(), kind="gold")
        if loaded.problems:
            from ..io.errors import InputError

            raise InputError(loaded.problems)
        self.gold = loaded.annotations

    def predict(self, document: Document) -> dict:
        found = self.gold.get(document.id)
        return {"doc_id": document.id} if found is None else annotations_to_json(found, document.text)


class EmptyExtractor:
    """Predicts every layer and finds nothing: the floor (every gold item missed)."""

    name = "empty"

    def predict(self, document: Document) -> dict:
        return {"doc_id": document.id, "entities": [], "claims": [], "attributions": []}
