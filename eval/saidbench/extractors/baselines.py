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
    every score it earns is the ceiling, and a check that the harness scores the gold perfectly.
    ``corpus``: whose gold (default: the bundled article's)."""

    name = "oracle"

    def __init__(self, corpus=None):
        from ..corpus import Corpus
        from ..io.errors import InputError
        from ..validate import load_checked

        corpus = corpus or Corpus.bundled()
        loaded = load_checked(corpus.gold_path, kind="gold", documents=corpus.documents, schema=corpus.schema,
                              corpus=corpus)
        if loaded.problems:
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
