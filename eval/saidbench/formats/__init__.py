"""Readers and writers for other tools' formats (Hugging Face datasets, brat, ...), one module each; convert."""

from __future__ import annotations

from pathlib import Path

#: Annotation formats ``convert`` reads and writes; a folder is brat, a file JSON Lines.
ANNOTATION_FORMATS = ("jsonl", "brat")


def format_of(path: Path | str) -> str:
    """``brat`` for a folder (or a path without a suffix that does not exist yet), else ``jsonl``."""
    path = Path(path)
    return "brat" if path.is_dir() or (not path.exists() and not path.suffix) else "jsonl"


def convert(source, target, corpus=None, kind: str = "gold", offsets: str = "codepoint", documents_out=None) -> list[Path]:
    """Check ``source`` against the corpus like any input (InputError when it has problems), then write
    it to ``target`` in the other format (code-point offsets); ``documents_out`` also gets the documents
    as JSONL (``id``, ``text``). Returns the files written."""
    from ..corpus import Corpus
    from ..io.annotations import annotations_to_json
    from ..io.errors import InputError
    from ..io.jsonl import write_jsonl
    from ..validate import load_checked
    from . import brat

    corpus = corpus or Corpus.bundled()
    documents = corpus.documents
    loaded = load_checked(source, kind=kind, offsets=offsets, documents=documents, corpus=corpus)
    if loaded.problems:
        raise InputError(loaded.problems)
    if format_of(source) == "brat":  # already plain lines, with exactly the fields the folder carries
        found = brat.read(source, documents, corpus.brat, corpus.schema.entity_labels, offsets,
                          corpus.annotated if kind == "gold" else None)
        lines = [record.data for record in found.records]
    else:
        lines = [annotations_to_json(a, documents[a.doc_id].text) for a in loaded.annotations.values()]
        if kind == "gold":  # only what the corpus annotates, so the written gold reads back as the same
            lines = [_annotated_only(line, corpus.annotated) for line in lines]
    if format_of(target) == "brat":
        written = brat.write(target, lines, documents, corpus.brat)
    else:
        write_jsonl(target, lines)
        written = [Path(target)]
    if documents_out is not None:
        write_jsonl(documents_out, ({"id": line["doc_id"], "text": documents[line["doc_id"]].text} for line in lines))
        written.append(Path(documents_out))
    return written


def _annotated_only(line: dict, annotated) -> dict:
    from ..model import FIELDS

    out = {key: value for key, value in line.items() if key not in FIELDS or key in annotated}
    for layer in FIELDS:
        if layer in out:
            left_out = set(FIELDS[layer]) - annotated[layer]
            out[layer] = [{k: v for k, v in item.items() if k not in left_out} for item in out[layer]]
    return out
