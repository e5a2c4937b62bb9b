"""Problems in gold or predictions, in any accepted form: syntax, fields, offsets, schema labels, ids, references."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from . import resources
from .io import inputs
from .io.annotations import Loaded
from .io.documents import read_documents
from .io.errors import InputError, OptionError, Problem
from .model import Document
from .io.normalize import DEFAULT_ALIGN
from .schema import Schema, load_schema


def load_documents(path: Path | str | None = None, schema: Schema | None = None) -> dict[str, Document]:
    """The corpus documents by id; raises InputError if the corpus file has problems."""
    schema = schema or load_schema()
    documents, problems = read_documents(resources.documents_path() if path is None else path, schema.section_labels)
    if problems:
        raise InputError(problems)
    return documents


def load_checked(
    source: Any,
    kind: str = "predictions",
    offsets: str = "codepoint",
    documents: dict[str, Document] | None = None,
    schema: Schema | None = None,
    align: str = DEFAULT_ALIGN,
) -> Loaded:
    """Read (if a path) and check annotations in any form ``evaluate`` accepts; problems are listed, not raised.

    Text-only items that cannot be placed (under the ``align`` policy) are in ``unresolved``: warnings, not problems.
    Gold offsets are always code points: ``offsets`` other than ``codepoint`` with ``kind="gold"`` is an OptionError.
    """
    if kind == "gold" and offsets != "codepoint":
        raise OptionError("--offsets applies to predictions only; gold offsets are always code points")
    schema = schema or load_schema()
    documents = documents if documents is not None else load_documents(schema=schema)
    return inputs.load(source, kind, documents, schema, offsets=offsets,
                       known_versions=resources.known_guideline_versions(), align=align)


def validate(source: Any, kind: str = "predictions", offsets: str = "codepoint") -> list[Problem]:
    """Every problem in the input (a path, line dicts or Annotations); an empty list means it is valid."""
    try:
        return load_checked(source, kind=kind, offsets=offsets).problems
    except InputError as error:
        return error.problems
