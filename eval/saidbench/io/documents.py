"""Read ``corpus/documents.jsonl``: every defect (missing text, bad sections) is a Problem with file, line and field."""

from __future__ import annotations

import hashlib
from pathlib import Path

from ..model import Document, Section, Span, SpanError
from .checks import suggestion
from .errors import Problem, json_type, preview
from .jsonl import read_jsonl

#: The fields of the bundled corpus; a corpus of one's own needs only ``id`` and ``text`` (MINIMAL).
REQUIRED = ("id", "title", "text", "text_sha256", "language", "license", "sections")
MINIMAL = ("id", "text")
_STRINGS = ("id", "title", "text", "text_sha256")


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
        found: list[Problem] = []

        def problem(where: str, message: str, hint: str | None = None) -> None:
            found.append(Problem(name, message, line=record.line, field=where, hint=hint))

        data = record.data
        for key in required:
            if key not in data:
                problem(key, "missing required field")
        for key in _STRINGS:
            if key in data and not isinstance(data[key], str):
                problem(key, f"expected a string, found {json_type(data[key])}")
        if "id" in data and data["id"] == "":
            problem("id", "expected a non-empty string")
        if "sections" in data and not isinstance(data["sections"], list):
            problem("sections", f"expected a list of sections, found {json_type(data['sections'])}")
        if found:
            problems += found
            continue
        text = data["text"]
        if "text_sha256" in data and hashlib.sha256(text.encode("utf-8")).hexdigest() != data["text_sha256"]:
            problem("text_sha256", "does not match the SHA-256 of text")
        if data["id"] in documents:
            problem("id", f"duplicate document id {preview(data['id'])}")
        sections = tuple(s for s in (_section(section, f"sections[{index}]", len(text), section_labels, problem)
                                     for index, section in enumerate(data.get("sections") or ())) if s is not None)
        problems += found
        if not found:
            metadata = {k: v for k, v in data.items() if k not in ("id", "text", "title", "sections")}
            documents[data["id"]] = Document(
                id=data["id"], text=text, title=data.get("title") or "", sections=sections, metadata=metadata
            )
    return documents, problems


def _section(section, where: str, length: int, labels: tuple[str, ...], problem) -> Section | None:
    """A checked Section, or None after reporting what is wrong with it (labels unchecked if ``labels`` is empty)."""
    if not isinstance(section, dict):
        problem(where, f"expected a section object, found {json_type(section)}")
        return None
    label = section.get("label")
    if labels and label not in labels or not isinstance(label, str):
        hint = suggestion(label, labels) if isinstance(label, str) else None
        problem(f"{where}.label", f"unknown section label {preview(label)}; expected one of {', '.join(labels)}", hint)
        return None
    if not isinstance(section.get("id"), str):
        problem(f"{where}.id", f"expected a string, found {json_type(section.get('id'))}")
        return None
    try:
        span = Span.of(section.get("start"), section.get("end"))
        span.check_within(length)
    except SpanError as error:
        problem(where, f"bad offsets: {error}")
        return None
    return Section(id=section["id"], label=label, span=span)
