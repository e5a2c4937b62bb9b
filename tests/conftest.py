"""Shared fixtures: the repository root, the bundled document, and a writer for JSONL test files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
DOC_ID = "nk-troops-uk-says"


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO


@pytest.fixture(scope="session")
def document():
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
