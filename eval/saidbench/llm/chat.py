"""A chat-completions model as an Extractor: prompt, call (cached, concurrent, retried), parse, check per document.

Any OpenAI-compatible server works (``base_url``); the official ``openai`` client (optional extra ``llm``)
does the HTTP, its retries and their exponential backoff (429, 5xx, timeouts and lost connections; a
``Retry-After`` header is honoured). The API key is read from an environment variable and handed to the
client only: it is never printed, logged or written to the cache.

A document whose reply cannot be used — the call failed after its retries, the reply is not a JSON
object, or the line it makes fails the checks every prediction file gets — is listed in ``failures``
with the reason and predicted as a bare ``{"doc_id": ...}`` line: every layer "not predicted" for it,
so the output names it and no layer of it is silently scored or dropped.
"""

from __future__ import annotations

import json
import os
import re
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from ..io.errors import InputError
from ..model import Document
from ..usage import UsageError
from .cache import CacheKey, ReplyCache
from .prompt import LAYERS, prompt_hash, render_prompt, user_message

_FENCE = re.compile(r"^\s*```(?:json)?\s*\n(.*)\n\s*```\s*$", re.S)


@dataclass(frozen=True, slots=True)
class ChatSettings:
    """How to call the model. ``api_key_env`` names the variable holding the key (unset: no key is sent)."""

    model: str
    base_url: str
    layers: tuple[str, ...] = LAYERS
    temperature: float = 0.0
    concurrency: int = 4
    retries: int = 3
    timeout: float = 120.0
    api_key_env: str = "OPENAI_API_KEY"

    def __post_init__(self) -> None:
        if not self.model:
            raise UsageError("give the model's name (--model)")
        if not self.base_url.startswith(("http://", "https://")):
            raise UsageError(f"the base URL must start with http:// or https://, not {self.base_url!r}")
        if self.concurrency < 1 or self.retries < 0 or self.timeout <= 0:
            raise UsageError("concurrency must be >= 1, retries >= 0 and the timeout > 0")


@dataclass
class ChatExtractor:
    """An Extractor calling a chat-completions model once per document (replies cached on disk)."""

    settings: ChatSettings
    cache: ReplyCache = field(default_factory=ReplyCache)
    #: doc_id -> why its reply was not used (the document counts as not predicted)
    failures: dict[str, str] = field(default_factory=dict)
    #: documents sent to the server (cache misses, retries not counted); a rerun with a full cache sends none
    requests: int = 0
    name: str = "llm"

    def __post_init__(self) -> None:
        from importlib.util import find_spec

        if find_spec("openai") is None:
            raise UsageError("the LLM runner needs the openai package: pip install 'saidbench[llm]'")
        self.prompt = render_prompt(self.settings.layers)
        self.prompt_hash = prompt_hash(self.prompt)
        self._client = None
        self._lock = threading.Lock()

    def signature_parts(self) -> tuple[tuple[str, str], ...]:
        """What the signature names of this extractor: the model and the prompt's hash."""
        return (("model", self.settings.model), ("prompt", self.prompt_hash))

    def predict(self, document: Document) -> dict:
        return self.predict_batch([document])[0]

    def predict_batch(self, documents: list[Document]) -> list[dict]:
        """One line per document, in order; at most ``concurrency`` requests at a time."""
        with ThreadPoolExecutor(max_workers=self.settings.concurrency) as pool:
            replies = list(pool.map(self._reply, documents))
        return [self._line(document, reply) for document, reply in zip(documents, replies)]

    # -- calling ---------------------------------------------------------------------------------

    def _reply(self, document: Document) -> str | None:
        key = CacheKey(self.settings.model, self.prompt_hash, _sha256(document.text), self.settings.temperature)
        cached = self.cache.get(key)
        if cached is not None:
            return cached
        import openai

        with self._lock:
            self.requests += 1
        try:
            response = self._chat().chat.completions.create(
                model=self.settings.model,
                temperature=self.settings.temperature,
                messages=[{"role": "system", "content": self.prompt},
                          {"role": "user", "content": user_message(document.text)}],
            )
        except openai.APIError as error:
            self.failures[document.id] = f"the request failed after {self.settings.retries} retries: " \
                                         f"{type(error).__name__}: {_first_line(error)}"
            return None
        choices = getattr(response, "choices", None) or []
        content = choices[0].message.content if choices and choices[0].message else None
        if not isinstance(content, str):
            self.failures[document.id] = "the server's reply has no message content"
            return None
        self.cache.put(key, content)
        return content

    def _chat(self):
        if self._client is None:
            from openai import OpenAI

            self._client = OpenAI(
                base_url=self.settings.base_url,
                api_key=os.environ.get(self.settings.api_key_env) or "unset",
                max_retries=self.settings.retries,
                timeout=self.settings.timeout,
            )
        return self._client

    # -- parsing ---------------------------------------------------------------------------------

    def _line(self, document: Document, reply: str | None) -> dict:
        bare = {"doc_id": document.id}
        if reply is None:
            return bare
        fenced = _FENCE.match(reply)
        try:
            data = json.loads(fenced.group(1) if fenced else reply)
        except ValueError as error:
            self.failures[document.id] = f"the reply is not JSON ({error}): {_preview(reply)}"
            return bare
        if not isinstance(data, dict):
            self.failures[document.id] = f"the reply is JSON but not an object: {_preview(reply)}"
            return bare
        line = {"doc_id": document.id, **{layer: data[layer] for layer in self.settings.layers if layer in data}}
        from ..extractors.runner import check_lines

        try:
            check_lines([line], {document.id: document}, source=f"<{self.settings.model} reply for {document.id}>")
        except InputError as error:
            shown = "; ".join(str(p) for p in error.problems[:3])
            more = f"; and {len(error.problems) - 3} more" if len(error.problems) > 3 else ""
            self.failures[document.id] = f"the reply breaks the prediction format: {shown}{more}"
            return bare
        return line

    def partial(self, total: int) -> str | None:
        """``"answered/total"`` when some document was not answered usably, else None."""
        return f"{total - len(self.failures)}/{total}" if self.failures else None


def _sha256(text: str) -> str:
    import hashlib

    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _first_line(error: Exception) -> str:
    return (str(error).splitlines() or [""])[0][:200]


def _preview(text: str, limit: int = 80) -> str:
    shown = json.dumps(text[:limit], ensure_ascii=False)
    return shown + ("…" if len(text) > limit else "")
