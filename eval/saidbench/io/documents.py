"""Read and write ``corpus/documents.jsonl``."""

from __future__ import annotations

import hashlib
from pathlib import Path

from ..model import Document, Section, Span, SpanError
from .errors import Problem
from .jsonl import read_jsonl

#: The fields of the bundled corpus; a corpus of one's own needs only ``id`` and ``text`` (MINIMAL).
REQUIRED = ("id", "title", "text", "text_sha256", "language", "license", "sections")
MINIMAL = ("id", "text")


def read_documents(
    path: Path | str, section_labels: tuple[str, ...], required: tuple[str, ...] = REQUIRED
) -> tuple[dict[str, Document], list[Problem]]:
    """Documents by id, and every problem found in the file.

    Section labels are checked against ``section_labels`` unless it is empty (a schema without sections).
    """
    records, problems = read_jsonl(path)
    documents: dict[str, Document] = {}
    name = str(path)
    for record in records:
        data = record.data
        missing = [key for key in required if key not in data]
        for key in missing:
            problems.append(Problem(name, "missing required field", line=record.line, field=key))
        if missing:
            continue
        text = data["text"]
        if not isinstance(data["id"], str) or not data["id"] or not isinstance(text, str):
            problems.append(Problem(name, "id must be a non-empty string and text a string", line=record.line,
                                    field="id" if isinstance(text, str) else "text"))
            continue
        if "text_sha256" in data and hashlib.sha256(text.encode("utf-8")).hexdigest() != data["text_sha256"]:
            problems.append(Problem(name, "does not match the SHA-256 of text", line=record.line, field="text_sha256"))
        if data["id"] in documents:
            problems.append(Problem(name, f"duplicate document id {data['id']!r}", line=record.line, field="id"))
            continue
        sections = []
        for index, section in enumerate(data.get("sections") or ()):
            where = f"sections[{index}]"
            if not isinstance(section, dict):
                problems.append(Problem(name, "expected a section object", line=record.line, field=where))
                continue
            if section_labels and section.get("label") not in section_labels:
                problems.append(Problem(name, f"unknown section label {section.get('label')!r}", line=record.line, field=where))
                continue
            try:
                span = Span.of(section["start"], section["end"])
                span.check_within(len(text))
            except (KeyError, SpanError) as error:
                problems.append(Problem(name, f"bad offsets: {error}", line=record.line, field=where))
                continue
            sections.append(Section(id=section["id"], label=section["label"], span=span))
        metadata = {k: v for k, v in data.items() if k not in ("id", "text", "title", "sections")}
        documents[data["id"]] = Document(
            id=data["id"], text=text, title=data.get("title") or "", sections=tuple(sections), metadata=metadata
        )
    return documents, problems
