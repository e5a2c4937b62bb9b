"""Where the bundled corpus, annotations and guidelines are.

A wheel carries them inside the package as ``saidbench/_data/``; a source checkout
(editable install or plain clone) keeps them at the repository root.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

DEFAULT_GUIDELINE_VERSION = "1.1"
#: The bundled gold scored when none is named. A gold version is the guideline version it was made under.
DEFAULT_GOLD_VERSION = "1.1"


@lru_cache(maxsize=None)  # the package does not move while it runs; the command line asks often
def data_root() -> Path:
    """The folder holding ``corpus/``, ``annotations/`` and ``guidelines/``."""
    packaged = Path(__file__).parent / "_data"  # as importlib.resources.files would find it, without its import cost
    if (packaged / "corpus").is_dir():
        return packaged
    return Path(__file__).resolve().parents[2]


def documents_path() -> Path:
    return data_root() / "corpus" / "documents.jsonl"


def gold_path(version: str | None = None) -> Path:
    """The bundled gold of a version (default :data:`DEFAULT_GOLD_VERSION`); raises KeyError for an unknown one.

    v1.0 keeps the path it was released under (``annotations/gold.jsonl``); later versions live in
    ``annotations/v<version>/gold.jsonl``.
    """
    version = version or DEFAULT_GOLD_VERSION
    path = _gold_file(version)
    if not path.is_file():
        raise KeyError(f"unknown gold version {version!r}; known versions: {', '.join(known_gold_versions())}")
    return path


def _gold_file(version: str) -> Path:
    annotations = data_root() / "annotations"
    return annotations / "gold.jsonl" if version == "1.0" else annotations / f"v{version}" / "gold.jsonl"


@lru_cache(maxsize=None)
def known_gold_versions() -> tuple[str, ...]:
    """Versions of the bundled gold, oldest first, e.g. ``("1.0", "1.1")``."""
    candidates = {"1.0"} | {p.parent.name[1:] for p in (data_root() / "annotations").glob("v*/gold.jsonl")}
    found = [v for v in candidates if _gold_file(v).is_file()]
    return tuple(sorted(found, key=lambda v: tuple(int(part) for part in v.split("."))))


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
