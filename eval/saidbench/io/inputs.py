"""Every accepted form of annotation input -> one checked :class:`Loaded`, through the one checking path.

Accepted: a path to a JSONL file; one line dict; a list of line dicts; a ``{doc_id: line dict}`` mapping;
model objects (an :class:`Annotations`, a list of them or a ``{doc_id: Annotations}`` mapping); a
:class:`Loaded`. Line dicts, wherever they come from, are parsed by ``io.annotations`` (format checks);
every document, parsed or built in Python, then passes the rules of ``io.checks``. Problems in memory are
named by the item: ``<predictions>[3]: entities[0].label: ...``.
"""

from __future__ import annotations

import hashlib
import os
from typing import Any, Collection, Iterable, Mapping

from ..model import EVERYTHING, LAYERS, Annotations, Document
from ..schema import Schema
from ..usage import UsageError
from . import checks
from .annotations import KINDS, Loaded, other_document, parse_annotations, read_annotations
from .checks import Place
from .errors import preview
from .normalize import DEFAULT_ALIGN
from .offsets import UNITS


def load(
    source: Any,
    kind: str,
    documents: Mapping[str, Document],
    schema: Schema,
    offsets: str = "codepoint",
    known_versions: tuple[str, ...] = (),
    align: str = DEFAULT_ALIGN,
    annotated: Mapping[str, frozenset[str]] = EVERYTHING,
    doc_ids: Collection[str] | None = None,
) -> Loaded:
    """Read (if a path) and check annotations in any accepted form; problems are listed, not raised.

    ``align`` is the policy for placing text-only items (``io/normalize.py``); ``annotated`` is what a
    gold's corpus annotates (layer -> fields; see ``corpus``); ``doc_ids`` keeps only those documents (a shard),
    leaving the others unchecked.
    Raises UsageError for a bad ``kind`` or ``offsets`` and TypeError for a source of no accepted form.
    """
    check_options(kind, offsets)
    if isinstance(source, (str, os.PathLike)):
        return read_annotations(source, documents, schema, kind=kind, offsets=offsets, known_versions=known_versions,
                                align=align, annotated=annotated, doc_ids=doc_ids)
    name = f"<{kind}>"
    if isinstance(source, Loaded):
        loaded = Loaded(problems=list(source.problems), unresolved=list(source.unresolved),
                        unplaced_roles=dict(source.unplaced_roles), text_only=source.text_only)
        items: Iterable[tuple[Place, Any]] = ((Place(f"{name}[{k!r}]"), a) for k, a in source.annotations.items())
    elif isinstance(source, Annotations) or _is_line(source):
        loaded, items = Loaded(), [(Place(name), source)]
    elif isinstance(source, Mapping):
        loaded, items = Loaded(), []
        for key, value in source.items():
            place = Place(f"{name}[{preview(key)}]")
            found = value.get("doc_id", key) if isinstance(value, dict) else getattr(value, "doc_id", key)
            if found != key:
                loaded.problems.append(place.problem("doc_id", f"{preview(found)} differs from its key {preview(key)}"))
                continue
            items.append((place, {"doc_id": key, **value} if isinstance(value, dict) else value))
    elif isinstance(source, (list, tuple)):
        loaded, items = Loaded(), [(Place(f"{name}[{i}]"), item) for i, item in enumerate(source)]
    else:
        raise TypeError(
            f"expected a path, a line dict, a list or mapping of line dicts, or Annotations, not {type(source).__name__}"
        )
    first: dict[str, str] = {}
    if doc_ids is not None:
        items = [(place, item) for place, item in items if not other_document(_doc_id(item), doc_ids)]
    for place, item in items:
        part = _check_object(item, place, kind, documents, schema) if isinstance(item, Annotations) else (
            parse_annotations([(place, item)], documents, schema, kind=kind, offsets=offsets,
                              known_versions=known_versions, align=align, annotated=annotated))
        loaded.problems.extend(part.problems)
        loaded.unresolved.extend(part.unresolved)
        loaded.text_only += part.text_only
        for doc_id, annotations in part.annotations.items():
            if doc_id in first:
                loaded.problems.append(place.problem(
                    "doc_id", f"document {preview(doc_id)} appears again (first in {first[doc_id]})"))
                continue
            first[doc_id] = place.path
            loaded.annotations[doc_id] = annotations
            if doc_id in part.unplaced_roles:
                loaded.unplaced_roles[doc_id] = part.unplaced_roles[doc_id]
    loaded.digest = memory_digest(loaded.annotations)
    return loaded


def check_options(kind: str, offsets: str) -> None:
    """Raise UsageError for a ``kind`` or an offset unit that does not exist."""
    if kind not in KINDS:
        raise UsageError(f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
    if offsets not in UNITS:
        raise UsageError(f"unknown offset unit {offsets!r}; expected one of {', '.join(UNITS)}")


def memory_digest(annotations: Mapping[str, Annotations]) -> str:
    """A short hash of in-memory annotations, so two different golds never share a signature."""
    content = repr(sorted(annotations.items(), key=lambda item: item[0]))
    return "mem-" + hashlib.sha256(content.encode("utf-8")).hexdigest()[:8]


def _doc_id(item) -> object:
    """The document an in-memory item names (None when it names none)."""
    return item.get("doc_id") if isinstance(item, Mapping) else getattr(item, "doc_id", None)


def _is_line(value) -> bool:
    """A single line dict (rather than a mapping of them): it has a ``doc_id`` string or a layer."""
    return isinstance(value, Mapping) and (isinstance(value.get("doc_id"), str) or any(k in value for k in LAYERS))


def _check_object(item, place: Place, kind: str, documents, schema) -> Loaded:
    """Check one document's model objects with the rules every input obeys."""
    loaded = Loaded()
    problem = checks.check_unknown_document(item.doc_id, documents, place)
    if problem is not None:
        loaded.problems.append(problem)
        return loaded
    document = documents[item.doc_id]
    loaded.problems += checks.check_model(item, document, place)
    if loaded.problems:  # the rules below assume well-formed items
        return loaded
    loaded.problems += checks.check_rules(item, schema, place)
    if kind == "gold":
        loaded.problems += checks.check_gold_sections(item, document, schema, place)
    loaded.annotations[item.doc_id] = item
    return loaded
