"""Citron-style quote JSON <-> attributions: ``{"text", "quotes": [{"cue", "sources", "contents"}]}``.

The format of BBC R&D's Citron quote extractor: one JSON object per document, with a ``quotes`` list; each
quote has a ``cue`` span, a list of ``sources`` spans and a list of ``contents`` spans, each span
``{"start", "end", "text"}`` in character (code-point) offsets, half-open. Other keys (``id``,
``confidence``, ``coreferences``, ``coreference_groups``) are allowed; ``id`` is kept.

Reading: a ``.json`` file (one object), a ``.jsonl`` file (one object per line) or a folder of ``.json``
files. Each object is matched to a corpus document by a ``doc_id`` key when present, else by its ``text``.
Several ``sources`` or ``contents`` spans become the fragments of one discontinuous span; no source means
``source: null``. Writing: the same objects (with ``doc_id``) to a ``.jsonl`` file, or one ``<doc_id>.json``
per document into a folder. What the format has no place for is left out: entities, claims and every
attribution attribute (source type, quote type, cue polarity, source entity, parent); an attribution with a
discontinuous cue is left out and counted.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Mapping

from ..io.errors import InputError, Problem, json_type
from ..io.jsonl import read_bytes, read_jsonl, write_jsonl
from ..io.outputs import write_text
from ..model import Annotations, Document, Span


def read(path, documents: Mapping[str, Document]) -> list[tuple[int | None, dict]]:
    """``(line or None, prediction line)`` per document object; raises InputError."""
    path = Path(path)
    objects, problems = _objects(path)
    by_text = {document.text: doc_id for doc_id, document in documents.items()}
    found = []
    for name, line, data in objects:
        if not isinstance(data, dict):
            problems.append(Problem(name, f"expected a JSON object, found {json_type(data)}", line=line))
            continue
        doc_id = data.get("doc_id") if isinstance(data.get("doc_id"), str) else by_text.get(data.get("text"))
        if doc_id is None:
            problems.append(Problem(name, "matches no document of the corpus (no doc_id, and its text is no "
                                          "document's text)", line=line, hint='add "doc_id"'))
            continue
        quotes = data.get("quotes")
        if not isinstance(quotes, list):
            problems.append(Problem(name, f"expected a list of quotes, found {json_type(quotes)}", line=line,
                                    field="quotes"))
            continue
        relations = [_relation(q, f"quotes[{i}]", name, line, problems) for i, q in enumerate(quotes)]
        found.append((line, {"doc_id": doc_id, "attributions": [r for r in relations if r is not None]}))
    if problems:
        raise InputError(problems)
    if not found:
        raise InputError([Problem(str(path), "holds no quote objects")])
    return found


def _objects(path: Path) -> tuple[list[tuple[str, int | None, object]], list[Problem]]:
    """``(file, line, parsed JSON)`` of every object in a file or folder, and the problems met."""
    if path.is_dir():
        files = sorted(path.glob("*.json"))
        if not files:
            return [], [Problem(str(path), "folder holds no .json files", hint="one citron JSON file per document")]
        out, problems = [], []
        for file in files:
            found, more = _objects(file)
            out += found
            problems += more
        return out, problems
    if path.suffix == ".jsonl":
        records, problems = read_jsonl(path)
        return [(str(path), r.line, r.data) for r in records], problems
    raw, problems = read_bytes(path)
    if problems:
        return [], problems
    if not raw.strip():
        return [], [Problem(str(path), "file is empty; expected a citron JSON object")]
    try:
        return [(str(path), None, json.loads(raw.decode("utf-8")))], []
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        return [], [Problem(str(path), f"not JSON: {error}")]


def _relation(quote, where: str, name: str, line: int | None, problems: list[Problem]) -> dict | None:
    if not isinstance(quote, dict):
        problems.append(Problem(name, f"expected a quote object, found {json_type(quote)}", line=line, field=where))
        return None
    roles = {}
    for role, key, many in (("cue", "cue", False), ("source", "sources", True), ("content", "contents", True)):
        value = quote.get(key, [] if key == "sources" else None)
        spans = value if many else [value]
        if not isinstance(spans, list) or not all(_is_span(s) for s in spans) or (role != "source" and not spans):
            what = "a list of spans" if many else "a span"
            problems.append(Problem(name, f"expected {what} {{start, end, text}}, found {json_type(value)}",
                                    line=line, field=f"{where}.{key}"))
            return None
        roles[role] = _span(spans)
    relation = {"cue": roles["cue"], "content": roles["content"], "source": roles["source"]}
    if isinstance(quote.get("id"), str):
        relation["id"] = quote["id"]
    return relation


def _is_span(value) -> bool:
    return isinstance(value, dict) and all(isinstance(value.get(k), int) for k in ("start", "end"))


def _span(spans: list[dict]) -> dict | None:
    """One span object of our format from citron spans: null, contiguous, or fragments in text order."""
    if not spans:
        return None
    ordered = sorted(spans, key=lambda s: (s["start"], s["end"]))
    texts = [s.get("text") for s in ordered]
    if len(ordered) == 1:
        out = {"start": ordered[0]["start"], "end": ordered[0]["end"]}
        return {**out, "text": texts[0]} if isinstance(texts[0], str) else out
    out = {"fragments": [[s["start"], s["end"]] for s in ordered]}
    return {**out, "text": texts} if all(isinstance(t, str) for t in texts) else out


def write(path, annotations: Mapping[str, Annotations], documents: Mapping[str, Document]) -> Counter:
    """Write quote objects (``.jsonl`` file, else a folder of ``<doc_id>.json``); returns what was left out."""
    dropped: Counter = Counter()
    objects = []
    for doc_id, found in annotations.items():
        text = documents[doc_id].text
        quotes = []
        for relation in found.attributions or ():
            if not relation.cue.is_contiguous:
                dropped["discontinuous cue"] += 1
                continue
            quote = {"cue": _spans(relation.cue, text)[0], "sources": _spans(relation.source, text),
                     "contents": _spans(relation.content, text)}
            quotes.append({"id": relation.id, **quote} if relation.id else quote)
        objects.append({"doc_id": doc_id, "text": text, "quotes": quotes})
    path = Path(path)
    if path.suffix == ".jsonl":
        write_jsonl(path, objects)
    else:
        path.mkdir(parents=True, exist_ok=True)
        for data in objects:
            write_text(path / f"{data['doc_id']}.json", json.dumps(data, ensure_ascii=False, indent=1) + "\n")
    return dropped


def _spans(span: Span | None, text: str) -> list[dict]:
    if span is None:
        return []
    return [{"start": start, "end": end, "text": text[start:end]} for start, end in span.fragments]
