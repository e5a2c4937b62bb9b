"""A disk cache of model replies: one JSON file per (model, prompt, document, temperature), written atomically.

The raw reply is stored, not its parse, so a rerun parses, checks and scores exactly as the first run did and
makes no request. Nothing secret is stored: the key and the file hold no API key and no server address.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
from dataclasses import asdict, dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class CacheKey:
    """What a reply depends on: the model, the prompt (by hash), the document (by text hash), the temperature."""

    model: str
    prompt_hash: str
    document_sha256: str
    temperature: float

    @property
    def digest(self) -> str:
        content = json.dumps(asdict(self), sort_keys=True)
        return hashlib.sha256(content.encode("utf-8")).hexdigest()


def default_directory() -> Path:
    """``$XDG_CACHE_HOME/saidbench/llm`` (``~/.cache/saidbench/llm`` when the variable is unset)."""
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "saidbench" / "llm"


class ReplyCache:
    """Replies on disk under ``directory``; a missing or unreadable entry is a miss."""

    def __init__(self, directory: Path | str | None = None):
        self.directory = Path(directory) if directory is not None else default_directory()

    def _path(self, key: CacheKey) -> Path:
        return self.directory / f"{key.digest}.json"

    def get(self, key: CacheKey) -> str | None:
        try:
            entry = json.loads(self._path(key).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return entry.get("reply") if entry.get("key") == asdict(key) else None

    def put(self, key: CacheKey, reply: str) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        path = self._path(key)
        temporary = path.with_suffix(f".{os.getpid()}-{threading.get_ident()}.tmp")
        temporary.write_text(json.dumps({"key": asdict(key), "reply": reply}, ensure_ascii=False), encoding="utf-8")
        os.replace(temporary, path)  # a reader sees the old file or the new one, never half of one
