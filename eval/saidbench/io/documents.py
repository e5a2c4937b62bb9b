"""Read and write ``corpus/documents.jsonl``."""

from __future__ import annotations

import hashlib
from pathlib import Path

from ..model import Document, Section, Span, SpanError
from .errors import Problem
from .jsonl import read_jsonl

REQUIRED = ("id", "title", "text", "text_sha256", "language", "license", "sections")


def read_documents(path: Path | str, section_labels: tuple[str, ...]) -> tuple[dict[str, Document], list[Problem]]:
    """Documents by id, and every problem found in the file."""
    records, problems = read_jsonl(path)
    documents: dict[str, Document] = {}
    name = str(path)
    for record in records:
        data = record.data
        missing = [key for key in REQUIRED if key not in data]
        for key in missing:
            problems.append(Problem(name, "missing required field", line=record.line, field=key))
        if missing:
            continue
        text = data["text"]
        if hashlib.sha256(text.encode("utf-8")).hexdigest() != data["text_sha256"]:
            problems.append(Problem(name, "does not match the SHA-256 of text", line=record.line, field="text_sha256"))
        if data["id"] in documents:
            problems.append(Problem(name, f"duplicate document id {data['id']!r}", line=record.line, field="id"))
            continue
        sections = []
        for index, section in enumerate(data["sections"]):
            where = f"sections[{index}]"
            if section.get("label") not in section_labels:
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
            id=data["id"], text=text, title=data["title"], sections=tuple(sections), metadata=metadata
        )
    return documents, problems
