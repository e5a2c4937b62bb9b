"""Run an Extractor over a corpus with a progress bar, and check what it returns as a file is checked."""

from __future__ import annotations

from pathlib import Path
from typing import Iterable, Mapping

from ..io.annotations import Loaded, annotations_to_json, parse_annotations
from ..io.checks import Place
from ..io.errors import InputError, Problem
from ..io.normalize import DEFAULT_ALIGN
from ..model import Annotations, Document
from ..schema import Schema, load_schema
from ..progress import progress_bar


def as_documents(documents=None, schema: Schema | None = None) -> dict[str, Document]:
    """Documents by id from a corpus path (default: the bundled corpus), a mapping, or Documents."""
    from ..validate import load_documents

    if documents is None or isinstance(documents, (str, Path)):
        return load_documents(documents, schema=schema)
    if isinstance(documents, Document):
        documents = [documents]
    found = list(documents.values()) if isinstance(documents, Mapping) else list(documents)
    strays = [type(d).__name__ for d in found if not isinstance(d, Document)]
    if strays:
        raise TypeError(f"expected saidbench Documents, found {strays[0]}")
    return {document.id: document for document in found}


def name_of(extractor) -> str:
    """The extractor's ``name`` if it has one, else its class name."""
    return getattr(extractor, "name", None) or type(extractor).__name__


def predictions(
    extractor, documents=None, *, progress: bool | None = None, batch_size: int = 8
) -> list:
    """What the extractor returns for every document, in corpus order (checked only by :func:`check_lines`).

    Uses ``predict_batch`` on batches of ``batch_size`` documents when the extractor has it; a returned
    :class:`~saidbench.model.Annotations` becomes its line, and a line without ``doc_id`` gets the document's.
    """
    documents = list(as_documents(documents).values())
    batch = getattr(extractor, "predict_batch", None)
    name = name_of(extractor)
    lines: list = []
    with progress_bar(len(documents), name, progress, unit="doc") as bar:
        for begin in range(0, len(documents), batch_size if batch else 1):
            chunk = documents[begin:begin + (batch_size if batch else 1)]
            found = list(batch(chunk)) if batch else [extractor.predict(chunk[0])]
            if len(found) != len(chunk):
                raise InputError([Problem(
                    f"<{name}>", f"predict_batch returned {len(found)} line(s) for {len(chunk)} document(s)",
                    hint="return one prediction line per document, in the order given")])
            lines.extend(_as_line(value, document) for value, document in zip(found, chunk))
            bar.update(len(chunk))
    return lines


def _as_line(value, document: Document):
    if isinstance(value, Annotations):
        return annotations_to_json(value, document.text)
    if isinstance(value, dict) and "doc_id" not in value:
        return {"doc_id": document.id, **value}
    return value


def check_lines(
    lines: Iterable, documents: Mapping[str, Document], schema: Schema | None = None,
    source: str = "<predictions>", offsets: str = "codepoint", numbers: Iterable[int] | None = None,
    align: str = DEFAULT_ALIGN,
) -> Loaded:
    """Check prediction lines (dicts) with every check a file gets; raises InputError listing every problem.

    Problems name ``source`` and the line's number: its 1-based position, or the matching item of ``numbers``.
    """
    from .. import resources

    lines = list(lines)
    places = (Place(source, number) for number in (numbers or range(1, len(lines) + 1)))
    loaded = parse_annotations(zip(places, lines), documents, schema or load_schema(), "predictions", offsets,
                               resources.known_guideline_versions(), align)
    if loaded.problems:
        raise InputError(loaded.problems)
    return loaded
