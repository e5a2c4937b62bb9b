"""Where the bundled corpus, annotations and guidelines are.

A wheel carries them inside the package as ``saidbench/_data/``; a source checkout
(editable install or plain clone) keeps them at the repository root.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

DEFAULT_GUIDELINE_VERSION = "1.0"


def data_root() -> Path:
    """The folder holding ``corpus/``, ``annotations/`` and ``guidelines/``."""
    packaged = Path(str(resources.files("saidbench") / "_data"))
    if (packaged / "corpus").is_dir():
        return packaged
    return Path(__file__).resolve().parents[2]


def documents_path() -> Path:
    return data_root() / "corpus" / "documents.jsonl"


def gold_path() -> Path:
    return data_root() / "annotations" / "gold.jsonl"


def guidelines_dir(version: str = DEFAULT_GUIDELINE_VERSION) -> Path:
    return data_root() / "guidelines" / f"v{version}"


def schema_path(version: str = DEFAULT_GUIDELINE_VERSION) -> Path:
    return guidelines_dir(version) / "schema.yaml"


def known_guideline_versions() -> tuple[str, ...]:
    """Versions that have a schema, e.g. ``("1.0",)``."""
    root = data_root() / "guidelines"
    return tuple(
        sorted(p.parent.name[1:] for p in root.glob("v*/schema.yaml"))
    )
