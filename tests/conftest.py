"""Shared fixtures: the repository, the bundled document, a JSONL file writer, and in-memory annotation builders."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from saidbench.model import Annotations, Attribution, Claim, Document, Mention, Section, Span

REPO = Path(__file__).resolve().parents[1]
DOC_ID = "nk-troops-uk-says"

# 0         1         2         3         4         5         6
# 0123456789012345678901234567890123456789012345678901234567890123
TEXT = "Alice Smith met Bob Jones in Paris. Carol said that Dave left."
#                                     ^36: second section starts here


def make_document(text: str = TEXT, doc_id: str = "d1") -> Document:
    """A small document with two paragraph sections, for scoring tests."""
    sections = (Section("p1", "paragraph", Span.of(0, 35)), Section("p2", "paragraph", Span.of(36, len(text))))
    return Document(id=doc_id, text=text, sections=sections)


def mention(start, end, label="PERSON", kind="name", entity_id=None) -> Mention:
    return Mention(span=Span.of(start, end), label=label, kind=kind, entity_id=entity_id)


def annotations(doc_id="d1", entities=None, claims=None, attributions=None) -> Annotations:
    return Annotations(
        doc_id=doc_id,
        entities=None if entities is None else tuple(entities),
        claims=None if claims is None else tuple(claims),
        attributions=None if attributions is None else tuple(attributions),
    )


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO


@pytest.fixture(scope="session")
def document() -> Document:
    """The bundled article."""
    from saidbench import load_documents

    return load_documents()[DOC_ID]


@pytest.fixture
def write_jsonl(tmp_path):
    """Write objects (or raw text/bytes) to a file in tmp_path and return its path."""

    def write(content, name="file.jsonl") -> Path:
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        elif isinstance(content, str):
            path.write_text(content, encoding="utf-8", newline="")
        else:
            path.write_text("".join(json.dumps(o, ensure_ascii=False) + "\n" for o in content), encoding="utf-8")
        return path

    return write


__all__ = ["Attribution", "Claim", "Span", "TEXT", "annotations", "make_document", "mention"]
