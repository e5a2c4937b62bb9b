"""Readers and writers for other tools' formats, one module each, and ``convert`` between any two.

``jsonl`` (ours) and ``brat`` are read through the checking path of every input (``load_checked``);
the others (``conll``, ``spacy``, ``citron``) are in :data:`FORMATS`: each module reads a file into
prediction lines (the line dicts of docs/FORMAT.md), which are then checked the same way, and writes
annotations back, counting what the format cannot express. ``hf`` is the Hugging Face export.
"""

from __future__ import annotations

import importlib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping

from ..registry import Registry

#: Annotation formats read through ``load_checked``; a folder is brat, a file JSON Lines.
ANNOTATION_FORMATS = ("jsonl", "brat")
#: File suffixes that name a format of :data:`FORMATS` when --from/--to is not given.
SUFFIXES = {".conll": "conll", ".iob": "conll", ".bio": "conll", ".spacy": "spacy"}


@dataclass(frozen=True, slots=True)
class Format:
    """A named format: its module and the options its reader and writer take."""

    name: str
    summary: str
    module: str
    read_options: tuple[str, ...] = ()
    write_options: tuple[str, ...] = ()

    def load(self):
        return importlib.import_module(f".{self.module}", __name__)


FORMATS: Registry[Format] = Registry("format", {f.name: f for f in (
    Format("conll", "CoNLL columns, a token and an IOB1/IOB2/BIOES tag per line: name mentions", "conll",
           ("scheme", "decoder", "token_column", "tag_column"), ("scheme",)),
    Format("spacy", "spaCy DocBin (.spacy): doc.ents or doc.spans[key]", "spacy_doc", ("spans_key",), ("spans_key",)),
    Format("citron", "citron quote JSON (cue, sources, contents): attributions", "citron"),
)})
NAMES = (*ANNOTATION_FORMATS, *FORMATS)


def format_of(path: Path | str) -> str:
    """The format a path names: ``brat`` for a folder (or a path without a suffix that does not exist
    yet), a format of :data:`SUFFIXES` by its suffix, else ``jsonl``."""
    path = Path(path)
    if path.is_dir() or (not path.exists() and not path.suffix):
        return "brat"
    return SUFFIXES.get(path.suffix, "jsonl")


def check_format(name: str, path: Path | str | None = None) -> str:
    """``name`` if it is one of :data:`NAMES` (else UsageError naming them all) and fits ``path``: ``brat`` is a
    folder, so an existing file named brat is InputError (it would otherwise be read as JSON Lines, or as nothing)."""
    if name not in NAMES:
        Registry("format", dict.fromkeys(NAMES))[name]  # raises UsageError: the closest name and every one
    if name == "brat" and path is not None and Path(path).is_file():
        from ..io.errors import InputError, Problem

        raise InputError([Problem(str(path), "is a file; the brat format is a folder of .txt and .ann files",
                                  hint="give the brat folder, or name the file's own format")])
    return name


def read(name: str, path, documents, **options) -> list[tuple[int | None, dict]]:
    """``(line or item number, prediction line)`` pairs from a file in format ``name``; raises InputError."""
    found = FORMATS[name]
    return found.load().read(path, documents, **_only(options, found.read_options))


def write(name: str, path, annotations: Mapping, documents, **options) -> Counter:
    """Write annotations in format ``name``; returns how many items were left out, by reason."""
    found = FORMATS[name]
    return found.load().write(path, annotations, documents, **_only(options, found.write_options))


def _only(options: dict, allowed: tuple[str, ...]) -> dict:
    return {key: value for key, value in options.items() if key in allowed and value is not None}


@dataclass(frozen=True)
class Converted:
    """What ``convert`` did: the files written, the documents converted, the items left out by reason."""

    written: list[Path]
    documents: int
    dropped: Counter = field(default_factory=Counter)


def convert(source, target, corpus=None, kind: str = "gold", offsets: str = "codepoint", documents_out=None,
            from_format: str | None = None, to_format: str | None = None, **options) -> Converted:
    """Check ``source`` against the corpus like any input (InputError when it has problems), then write it
    to ``target`` (code-point offsets). Formats default to :func:`format_of` each path; ``options`` are the
    format options (``scheme``, ``decoder``, ``token_column``, ``tag_column``, ``spans_key``);
    ``documents_out`` also gets the documents as JSONL (``id``, ``text``)."""
    from ..corpus import Corpus
    from ..extractors.runner import check_lines
    from ..io.annotations import annotations_to_json
    from ..io.errors import InputError
    from ..io.jsonl import write_jsonl
    from ..io.outputs import writable_file
    from ..validate import load_checked
    from . import brat

    corpus = corpus or Corpus.bundled()
    documents = corpus.documents
    source_format, target_format = from_format or format_of(source), to_format or format_of(target)
    check_format(source_format, source)
    check_format(target_format)
    _check_target(target, target_format)
    if documents_out is not None:
        writable_file(documents_out, "--write-documents")
    if source_format in ANNOTATION_FORMATS:
        loaded = load_checked(source, kind=kind, offsets=offsets, documents=documents, corpus=corpus)
        if loaded.problems:
            raise InputError(loaded.problems)
    else:
        numbered = read(source_format, source, documents, **options)
        loaded = check_lines((line for _, line in numbered), documents, corpus.schema, str(source), offsets,
                             [number for number, _ in numbered])
    if source_format == "brat":  # already plain lines, with exactly the fields the folder carries
        found = brat.read(source, documents, corpus.brat, corpus.schema.entity_labels, offsets,
                          corpus.annotated if kind == "gold" else None)
        lines = [record.data for record in found.records]
    else:
        lines = [annotations_to_json(a, documents[a.doc_id].text) for a in loaded.annotations.values()]
        if kind == "gold":  # only what the corpus annotates, so the written gold reads back as the same
            lines = [_annotated_only(line, corpus.annotated) for line in lines]
    dropped: Counter = Counter()
    if target_format == "brat":
        written = brat.write(target, lines, documents, corpus.brat)
    elif target_format == "jsonl":
        write_jsonl(target, lines)
        written = [Path(target)]
    else:
        dropped = write(target_format, target, loaded.annotations, documents, **options)
        written = [Path(target)]
    if documents_out is not None:
        write_jsonl(documents_out, ({"id": line["doc_id"], "text": documents[line["doc_id"]].text} for line in lines))
        written.append(Path(documents_out))
    return Converted(written, len(lines), dropped)


def _check_target(target, name: str) -> None:
    """Refuse a target that cannot be written (missing folder, a file where a folder goes) before any work."""
    from ..io.outputs import writable_file, writable_folder

    folder = name == "brat" or (name == "citron" and Path(target).suffix != ".jsonl")
    (writable_folder if folder else writable_file)(target, "target")


def _annotated_only(line: dict, annotated) -> dict:
    from ..model import FIELDS

    out = {key: value for key, value in line.items() if key not in FIELDS or key in annotated}
    for layer in FIELDS:
        if layer in out:
            left_out = set(FIELDS[layer]) - annotated[layer]
            out[layer] = [{k: v for k, v in item.items() if k not in left_out} for item in out[layer]]
    return out
