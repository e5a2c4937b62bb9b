"""The Extractor protocol: anything with ``predict(document)`` returning one prediction line."""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from ..model import Document


@runtime_checkable
class Extractor(Protocol):
    """Turns a :class:`~saidbench.model.Document` into one prediction line.

    ``predict(document)`` returns a dict in the line format of docs/FORMAT.md,
    ``{"doc_id": document.id, "entities": [...], "claims": [...], "attributions": [...]}``: a layer left
    out is "not predicted", an empty list "predicted nothing"; ``doc_id`` may be left out (it is then the
    document's). An extractor may also define ``predict_batch(documents) -> list of lines`` (one per
    document, same order), which :func:`saidbench.run` then uses instead, and a ``name`` for the
    progress bar and for problems.
    """

    def predict(self, document: Document) -> dict: ...
