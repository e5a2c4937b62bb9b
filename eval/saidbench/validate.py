"""Problems in a gold or prediction file: syntax, fields, offsets, schema labels, ids and references."""

from __future__ import annotations

from pathlib import Path

from . import resources
from .io.annotations import Loaded, read_annotations
from .io.documents import read_documents
from .io.errors import InputError, Problem
from .model import Document, item_spans
from .schema import Schema, load_schema


def load_documents(path: Path | str | None = None, schema: Schema | None = None) -> dict[str, Document]:
    """The corpus documents by id; raises InputError if the corpus file has problems."""
    schema = schema or load_schema()
    documents, problems = read_documents(path or resources.documents_path(), schema.section_labels)
    if problems:
        raise InputError(problems)
    return documents


def load_checked(
    path: Path | str,
    kind: str = "predictions",
    offsets: str = "codepoint",
    documents: dict[str, Document] | None = None,
    schema: Schema | None = None,
) -> Loaded:
    """Read an annotation file with every check; the result lists problems rather than raising."""
    schema = schema or load_schema()
    documents = documents if documents is not None else load_documents(schema=schema)
    loaded = read_annotations(
        path, documents, schema, kind=kind, offsets=offsets, known_versions=resources.known_guideline_versions()
    )
    if kind == "gold":
        loaded.problems.extend(_gold_section_problems(str(path), loaded, documents, schema))
    return loaded


def validate(path: Path | str, kind: str = "predictions", offsets: str = "codepoint") -> list[Problem]:
    """Every problem in the file; an empty list means it is valid."""
    try:
        return load_checked(path, kind=kind, offsets=offsets).problems
    except InputError as error:
        return error.problems


def _gold_section_problems(path: str, loaded: Loaded, documents, schema: Schema) -> list[Problem]:
    """Every fragment of a gold span may touch only sections that carry its layer (never residue)."""
    problems = []
    for doc_id, document_annotations in loaded.annotations.items():
        sections = documents[doc_id].sections
        for layer in ("entities", "claims", "attributions"):
            for index, item in enumerate(document_annotations.layer(layer) or ()):
                for start, end in (f for span in item_spans(item) for f in span.fragments):
                    for section in sections:
                        touches = section.span.start < end and start < section.span.end
                        if touches and layer not in schema.annotatable[section.label]:
                            problems.append(
                                Problem(
                                    path,
                                    f"[{start}, {end}) lies in the {section.label} section ({section.id}), "
                                    f"which carries no {layer} annotations",
                                    field=f"{doc_id}: {layer}[{index}]",
                                )
                            )
    return problems
