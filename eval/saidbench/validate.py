"""Problems in gold or predictions, in any accepted form: syntax, fields, offsets, schema labels, ids, references."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Collection, Iterable, Mapping

from . import resources
from .corpus import Corpus
from .io import inputs
from .io.annotations import AnnotationFile, Loaded, parse_records
from .io.documents import open_documents
from .io.errors import InputError, Problem
from .model import Annotations, Document
from .io.normalize import DEFAULT_ALIGN
from .schema import Schema, load_schema
from .usage import UsageError


def load_documents(
    path: Path | str | None = None, schema: Schema | None = None, index_from: int | None = None
) -> Mapping[str, Document]:
    """The corpus documents by id (default: the bundled article's); raises InputError if the documents file has
    problems. A file of at least ``index_from`` bytes is indexed, not held (``io.documents.open_documents``)."""
    schema = schema or load_schema()
    documents, problems = open_documents(resources.documents_path() if path is None else path,
                                         schema.section_labels, index_from=index_from)
    if problems:
        raise InputError(problems)
    return documents


def load_checked(
    source: Any,
    kind: str = "predictions",
    offsets: str = "codepoint",
    documents: Mapping[str, Document] | None = None,
    schema: Schema | None = None,
    align: str = DEFAULT_ALIGN,
    corpus: Corpus | None = None,
    doc_ids: Collection[str] | None = None,
) -> Loaded:
    """Read (if a path: a ``.jsonl`` file or a brat folder) and check annotations in any form ``evaluate``
    accepts against the corpus (default: the bundled article); problems are listed, not raised.

    Text-only items that cannot be placed (under the ``align`` policy) are in ``unresolved``: warnings, not problems.
    Gold offsets are always code points: ``offsets`` other than ``codepoint`` with ``kind="gold"`` is a UsageError.
    With ``doc_ids``, only those documents are read and checked (a shard).
    """
    found, loaded = open_checked(source, kind, offsets, documents, schema, align, corpus, doc_ids)
    return found.gathered() if isinstance(found, AnnotationFile) else loaded


def open_checked(
    source: Any,
    kind: str = "predictions",
    offsets: str = "codepoint",
    documents: Mapping[str, Document] | None = None,
    schema: Schema | None = None,
    align: str = DEFAULT_ALIGN,
    corpus: Corpus | None = None,
    doc_ids: Collection[str] | None = None,
) -> tuple[Iterable[Annotations], Loaded]:
    """As :func:`load_checked`, but the checked annotations are given a document at a time, with the Loaded that
    gathers the problems: a ``.jsonl`` file is read line by line as they are taken (never whole), and its Loaded is
    complete once they have all been taken; any other form is read and checked at once."""
    if kind == "gold" and offsets != "codepoint":
        raise UsageError("--offsets applies to predictions only; gold offsets are always code points")
    corpus = corpus or Corpus.bundled()
    schema = schema or corpus.schema
    documents = documents if documents is not None else corpus.documents
    settings = dict(kind=kind, align=align, known_versions=corpus.known_versions, annotated=corpus.annotated)
    if isinstance(source, (str, os.PathLike)) and Path(source).is_dir():
        from .formats import brat

        found = brat.read(source, documents, corpus.brat, schema.entity_labels, offsets,
                          corpus.annotated if kind == "gold" else None)
        loaded = parse_records(found.records, str(source), documents, schema, problems=found.problems, **settings)
        loaded.digest = brat.digest(source)
        if doc_ids is not None:
            loaded.annotations = {k: a for k, a in loaded.annotations.items() if k in doc_ids}
    elif isinstance(source, (str, os.PathLike)):
        inputs.check_options(kind, offsets)
        stream = AnnotationFile(source, documents, schema, offsets=offsets, doc_ids=doc_ids, **settings)
        return stream, stream.loaded
    else:
        loaded = inputs.load(source, documents=documents, schema=schema, offsets=offsets, doc_ids=doc_ids, **settings)
    return loaded.annotations.values(), loaded


def check_only(source: Any, kind: str = "predictions", offsets: str = "codepoint", align: str = DEFAULT_ALIGN,
               corpus: Corpus | None = None) -> Loaded:
    """As :func:`load_checked`, keeping no annotations: a file is checked a document at a time in bounded memory;
    the Loaded has the problems and unplaced items."""
    found, loaded = open_checked(source, kind, offsets, align=align, corpus=corpus)
    for _ in found:
        pass
    loaded.annotations = {}
    return loaded


def validate(
    source: Any, kind: str = "predictions", offsets: str = "codepoint", corpus: Corpus | None = None
) -> list[Problem]:
    """Every problem in the input (a path, line dicts or Annotations), checked against the corpus (default:
    the bundled article); an empty list means it is valid."""
    try:
        return check_only(source, kind=kind, offsets=offsets, corpus=corpus).problems
    except InputError as error:
        return error.problems
