"""The chat-completions runner against a real HTTP server on 127.0.0.1 with scripted replies (no network).

Replies: good JSON, JSON in a Markdown fence, malformed JSON, a 429 then good JSON, a timeout, a label
outside the schema. Also: bounded concurrency, the disk cache (a rerun makes no request and gives the
same numbers), the API key (sent, never printed or stored), the signature, and the CLI end to end.
"""

from __future__ import annotations

import contextlib
import json
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

import saidbench
from saidbench.cli import main
from saidbench.llm.cache import ReplyCache
from saidbench.llm.chat import ChatExtractor, ChatSettings
from saidbench.model import Document, Section, Span

from test_llm_output import LINE as SIMULATED_LLM_LINE

GOOD = json.dumps({"entities": [{"text": "Alice", "label": "PERSON"}]})
SCRIPT = {  # marker in the document -> the replies to its successive requests (the last one repeats)
    "GOOD": [("reply", GOOD)],
    "FENCED": [("reply", f"```json\n{GOOD}\n```")],
    "MALFORMED": [("reply", '{"entities": [{"text": "Alice", "label": "PERSON"}')],
    "BUSY": [("status", 429), ("reply", GOOD)],
    "SLOW": [("sleep", 1.5)],
    "BADLABEL": [("reply", json.dumps({"entities": [{"text": "Alice", "label": "PERSN"}]}))],
}
TIMEOUT = 0.4
SECRET = "sk-test-secret-0123456789"


class ChatServer(ThreadingHTTPServer):
    """Speaks POST /v1/chat/completions; replies by the marker in the user message; records what it saw."""

    daemon_threads = True

    def __init__(self, script):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.script = script
        self.lock = threading.Lock()
        self.requests: list[str] = []  # the marker of every request, in arrival order
        self.authorization: set[str] = set()
        self.in_flight = self.most_in_flight = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/v1"

    def next_action(self, marker):
        with self.lock:
            seen = self.requests.count(marker)
            self.requests.append(marker)
            self.in_flight += 1
            self.most_in_flight = max(self.most_in_flight, self.in_flight)
        actions = self.script[marker]
        return actions[min(seen, len(actions) - 1)]


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):  # keep the test output clean
        pass

    def do_POST(self):
        server: ChatServer = self.server
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        server.authorization.add(self.headers.get("Authorization", ""))
        user = body["messages"][-1]["content"]
        marker = next((m for m in server.script if m in user), None) or "LINE"
        kind, value = server.next_action(marker)
        try:
            time.sleep(0.15)  # long enough for concurrent requests to overlap
            if kind == "sleep":
                time.sleep(value)
            if kind == "status":
                self._send(value, {"error": {"message": "rate limited", "type": "rate_limit"}}, {"retry-after-ms": "10"})
            else:
                reply = value if kind == "reply" else GOOD
                self._send(200, {
                    "id": "chatcmpl-test", "object": "chat.completion", "created": 0, "model": body["model"],
                    "choices": [{"index": 0, "message": {"role": "assistant", "content": reply},
                                 "finish_reason": "stop"}],
                    "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
                })
        except (BrokenPipeError, ConnectionResetError):  # the client gave up (timeout)
            pass
        finally:
            with server.lock:
                server.in_flight -= 1

    def _send(self, status, payload, headers=None):
        data = json.dumps(payload).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)


@contextlib.contextmanager
def serving(script):
    """A ChatServer on a free port of 127.0.0.1, in a thread, for the duration of the block."""
    chat = ChatServer(script)
    thread = threading.Thread(target=chat.serve_forever, daemon=True)
    thread.start()
    try:
        yield chat
    finally:
        chat.shutdown()
        chat.server_close()


@pytest.fixture
def server():
    line = json.dumps({k: v for k, v in SIMULATED_LLM_LINE.items() if k != "doc_id"})
    with serving({**SCRIPT, "LINE": [("reply", line)]}) as chat:
        yield chat


def _documents():
    documents = {}
    for marker in SCRIPT:
        text = f"Alice met Bob. {marker} ends here."
        documents[f"d-{marker.lower()}"] = Document(f"d-{marker.lower()}", text, sections=(
            Section("p1", "paragraph", Span.of(0, len(text))),))
    return documents


def _gold(documents):
    return [{"doc_id": doc_id, "guideline_version": "1.0", "claims": [], "attributions": [], "entities": [
        {"id": "m1", "start": 0, "end": 5, "text": "Alice", "label": "PERSON", "kind": "name", "entity_id": "E1"},
        {"id": "m2", "start": 10, "end": 13, "text": "Bob", "label": "PERSON", "kind": "name", "entity_id": "E2"},
    ]} for doc_id in documents]


def _extractor(server, tmp_path, monkeypatch, concurrency=2):
    monkeypatch.setenv("SAIDBENCH_TEST_KEY", SECRET)
    settings = ChatSettings("test-model", server.url, concurrency=concurrency, retries=1, timeout=TIMEOUT,
                            api_key_env="SAIDBENCH_TEST_KEY")
    return ChatExtractor(settings, ReplyCache(tmp_path / "cache"))


def test_scripted_replies_each_end_as_they_should(server, tmp_path, monkeypatch):
    documents = _documents()
    extractor = _extractor(server, tmp_path, monkeypatch)
    result = saidbench.run(extractor, documents, _gold(documents), task="entities", scheme="strict")
    assert set(extractor.failures) == {"d-malformed", "d-slow", "d-badlabel"}
    assert extractor.failures["d-malformed"].startswith("the reply is not JSON (")
    assert "APITimeoutError" in extractor.failures["d-slow"] and "after 1 retries" in extractor.failures["d-slow"]
    assert "PERSN" in extractor.failures["d-badlabel"] and "breaks the prediction format" in extractor.failures["d-badlabel"]
    # the 429 was retried and then answered; the timeout was tried twice (one retry)
    assert server.requests.count("BUSY") == 2 and server.requests.count("SLOW") == 2
    # failed documents are "not predicted" (listed, excluded), the others scored: Alice right, Bob missed
    assert set(result.not_predicted["entities"]) == {"d-malformed", "d-slow", "d-badlabel"}
    counts = result.scores()["entities"]["strict"]["micro"]
    assert (counts["correct"], counts["missed"], counts["spurious"]) == (3, 3, 0)
    signature = result.signature("entities", "strict")
    assert f"|model:test-model|prompt:{extractor.prompt_hash}" in signature and "partial:3/6" in signature
    assert server.most_in_flight == 2  # bounded by concurrency=2, and reached


def test_a_rerun_is_answered_from_the_cache_with_the_same_numbers(server, tmp_path, monkeypatch):
    documents = _documents()
    first = saidbench.run(_extractor(server, tmp_path, monkeypatch), documents, _gold(documents), task="entities")
    asked = len(server.requests)
    again = _extractor(server, tmp_path, monkeypatch)
    second = saidbench.run(again, documents, _gold(documents), task="entities")
    # only the timed-out document (no reply to keep) is asked again, twice with its retry
    assert server.requests[asked:] == ["SLOW", "SLOW"] and again.requests == 1
    assert first.scores() == second.scores() and first.signature() == second.signature()


def test_the_api_key_is_sent_and_never_stored(server, tmp_path, monkeypatch, capsys):
    documents = _documents()
    saidbench.run(_extractor(server, tmp_path, monkeypatch), documents, _gold(documents), task="entities")
    assert server.authorization == {f"Bearer {SECRET}"}
    stored = "".join(p.read_text(encoding="utf-8") for p in (tmp_path / "cache").iterdir())
    assert stored and SECRET not in stored and server.url not in stored
    out, err = capsys.readouterr()
    assert SECRET not in out + err


def test_cli_end_to_end_on_the_bundled_article(server, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("SAIDBENCH_TEST_KEY", SECRET)
    command = ["run", "--llm", "--model", "test-model", "--base-url", server.url, "--cache", str(tmp_path / "c"),
               "--api-key-env", "SAIDBENCH_TEST_KEY", "--task", "entities", "--scheme", "strict"]
    assert main(command) == 0
    out, err = capsys.readouterr()
    assert "|model:test-model|prompt:" in out and "|align:normalized|" in out
    assert "unplaced text-only items (counted as spurious): 6" in out
    # 18/21, 18/65, as in test_llm_output
    assert re.search(r"micro +0\.8571 +0\.2769 +0\.4186 +18 +0 +0 +47 +3\n", out)
    assert SECRET not in out + err
    assert main(command) == 0 and len(server.requests) == 1  # the rerun came from the cache


def test_cli_reports_a_failed_document_and_scores_it_as_not_predicted(tmp_path, capsys):
    with serving({"LINE": [("reply", "Sure! Here are the entities: Russia, Kim Jong Un.")]}) as chat:
        command = ["run", "--llm", "--model", "m", "--base-url", chat.url, "--cache", str(tmp_path), "--task", "entities"]
        assert main(command) == 0
    out, err = capsys.readouterr()
    assert "warning: nk-troops-uk-says: the reply is not JSON (" in err and "counts as not predicted" in err
    assert "entities not predicted (excluded) in: nk-troops-uk-says" in out  # its signature: see the first test


@pytest.mark.parametrize("options, message", [
    (["--llm", "--model", "m", "--base-url", "localhost:1"], "must start with http:// or https://"),
    (["--llm", "--base-url", "http://127.0.0.1:9/v1"], "--llm needs --model NAME and --base-url URL"),
    (["--llm", "--baseline", "rules"], "give either --baseline NAME or -- COMMAND ..., or --llm"),
    (["--llm", "--model", "m", "--base-url", "http://127.0.0.1:9/v1", "--layers", "people"], "unknown layer 'people'"),
])
def test_cli_refuses_bad_llm_options(options, message, capsys):
    assert main(["run", *options]) == 2
    assert message in capsys.readouterr().err
