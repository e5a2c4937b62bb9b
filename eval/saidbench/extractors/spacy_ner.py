"""A spaCy pipeline as an Extractor: the entities of ``doc.ents`` (or of a span group) as name mentions.

spaCy is an optional extra (``pip install 'saidbench[spacy]'``) and is imported only here, when used.
Each section that carries entities (the whole text when a document has no sections) is one spaCy
``Doc``; offsets are spaCy's character offsets (code points, as ours) plus the section's start.
Labels pass through (the ``en_core_web_*`` pipelines use the 18 OntoNotes labels of the schema);
``labels`` maps others, and a label left outside the schema is reported by the checks.
"""

from __future__ import annotations

from typing import Mapping

from ..model import Document
from ..schema import Schema, load_schema
from ..usage import UsageError

DEFAULT_MODEL = "en_core_web_sm"


def load_pipeline(name: str):
    """``spacy.load(name)`` (an installed package or a saved pipeline's folder); UsageError (a ValueError) if impossible."""
    try:
        import spacy
    except ImportError:
        raise UsageError("the spacy baseline needs spaCy: pip install 'saidbench[spacy]'") from None
    try:
        return spacy.load(name)
    except OSError:
        raise UsageError(
            f"spaCy pipeline {name!r} is not installed; install it with `python -m spacy download {name}` "
            "(or pass the folder of a saved pipeline)"
        ) from None


class SpacyExtractor:
    """Entities from a spaCy ``Language`` (or the name of an installed pipeline)."""

    def __init__(self, nlp="en_core_web_sm", spans_key: str | None = None,
                 labels: Mapping[str, str] | None = None, schema: Schema | None = None):
        self.nlp = load_pipeline(nlp) if isinstance(nlp, str) else nlp
        self.spans_key = spans_key
        self.labels = dict(labels or {})
        self.annotatable = (schema or load_schema()).annotatable
        meta = self.nlp.meta
        self.name = f"spacy:{meta.get('lang', '')}_{meta.get('name', '')}"

    def _regions(self, document: Document) -> list[tuple[int, int]]:
        if not document.sections:
            return [(0, len(document.text))]
        return [(s.span.start, s.span.end) for s in document.sections
                if "entities" in self.annotatable.get(s.label, ())]

    def predict(self, document: Document) -> dict:
        return self.predict_batch([document])[0]

    def predict_batch(self, documents: list[Document]) -> list[dict]:
        regions = [(d, r) for d in documents for r in self._regions(d)]
        parsed = self.nlp.pipe(d.text[start:end] for d, (start, end) in regions)
        found: dict[str, list[dict]] = {d.id: [] for d in documents}
        for (document, (start, _)), doc in zip(regions, parsed):
            spans = doc.ents if self.spans_key is None else doc.spans.get(self.spans_key, ())
            found[document.id] += [
                {"start": start + s.start_char, "end": start + s.end_char, "text": s.text,
                 "label": self.labels.get(s.label_, s.label_), "kind": "name"}
                for s in spans
            ]
        return [{"doc_id": d.id, "entities": found[d.id]} for d in documents]
