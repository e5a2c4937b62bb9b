"""The rules every annotation input must satisfy, on model objects, whatever form the input came in.

A file line or an in-memory line dict is first parsed into model objects (``io.annotations``, which
checks the file format: field types, required fields, offset units, the text at the offsets); model
objects built in Python skip that step. Then the same rules run on every input: the document exists,
spans lie inside its text and match their ``text``, labels and attribute values come from the schema,
ids are unique, references resolve, ``parent`` links have no cycle, and gold spans stay in sections
that carry their layer. Every rule is a linear pass over a document's items.
"""

from __future__ import annotations

import difflib
from functools import lru_cache
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Mapping, Sequence

from ..model import LAYERS, Annotations, Attribution, Claim, Document, Mention, Span, item_spans
from ..schema import Schema
from .errors import Problem, json_type, preview

#: The schema-valued attributes of each layer (``entities.label`` is the entity type).
ATTRIBUTES = {
    "entities": ("label", "kind"),
    "claims": ("certainty", "commitment", "polarity", "claim_type", "modality"),
    "attributions": ("source_type", "quote_type", "cue_polarity"),
}
#: Fields that hold an id defined elsewhere in the document.
REFERENCES = {"entities": ("entity_id",), "claims": ("attribution",), "attributions": ("source_entity", "parent")}
_MODEL = {"entities": Mention, "claims": Claim, "attributions": Attribution}


@dataclass(frozen=True, slots=True)
class Place:
    """Where one document's annotations came from, to name them in a Problem.

    ``path`` is a file name or an in-memory item (``<predictions>[3]``); ``indices`` maps a layer to the
    position in the input of each model item (items the parser could not build are absent from the model).
    """

    path: str
    line: int | None = None
    indices: Mapping[str, Sequence[int]] = field(default_factory=lambda: MappingProxyType({}))

    def problem(self, where: str | None, message: str, hint: str | None = None) -> Problem:
        return Problem(self.path, message, line=self.line, field=where, hint=hint)

    def item(self, layer: str, index: int, name: str | None = None) -> str:
        """The field path of a model item, e.g. ``entities[4].label``, with its index in the input."""
        indices = self.indices.get(layer)
        original = indices[index] if indices is not None else index
        return f"{layer}[{original}]" + (f".{name}" if name else "")


def suggestion(value: str, allowed: Sequence[str]) -> str | None:
    """``did you mean 'X'?`` for a value close to an allowed one (case-insensitive first: person -> PERSON)."""
    return _suggestion(value, tuple(allowed))


@lru_cache(maxsize=4096)  # a file repeats the same unknown field or value on every item
def _suggestion(value: str, allowed: tuple[str, ...]) -> str | None:
    folded = {a.casefold(): a for a in allowed}
    close = folded.get(value.casefold())
    if close is None:
        matches = difflib.get_close_matches(value.casefold(), list(folded), n=1)
        close = folded[matches[0]] if matches else None
    return f"did you mean {close!r}?" if close else None


def value_problem(schema: Schema, layer: str, name: str, value) -> tuple[str, str | None] | None:
    """Why ``value`` is not allowed for ``layer.name`` and a hint, or None if it is (None values are allowed)."""
    if value is None:
        return None
    allowed = schema.allowed(layer, name)
    if not allowed:
        return f"{preview(value)}: the schema (version {schema.version}) defines no values for {layer}.{name}", \
            "leave the field out"
    if not isinstance(value, str):
        return f"expected a string, found {json_type(value)}; expected one of {', '.join(allowed)}", None
    if value in allowed:
        return None
    return (
        f"{preview(value)} is not in the schema (guidelines v{schema.version}); expected one of {', '.join(allowed)}",
        suggestion(value, allowed),
    )


def check_unknown_document(doc_id, documents: Mapping[str, Document], place: Place) -> Problem | None:
    """A problem if ``doc_id`` is not a string naming a corpus document."""
    if not isinstance(doc_id, str):
        return place.problem("doc_id", f"expected a string, found {json_type(doc_id)}", hint='every line needs "doc_id"')
    if doc_id in documents:
        return None
    hint = suggestion(doc_id, list(documents)) or f"known documents: {preview(', '.join(documents))}"
    return place.problem("doc_id", f"unknown document {preview(doc_id)}", hint=hint)


def check_model(annotations: Annotations, document: Document, place: Place) -> list[Problem]:
    """Rules a file's parser applies to raw offsets, applied to model objects built in Python: each item has
    the layer's type, spans lie inside the text, and a ``text`` given with a span equals the text there."""
    problems = []
    for layer in LAYERS:
        items = annotations.layer(layer)
        if items is None:
            continue
        for index, item in enumerate(items):
            if not isinstance(item, _MODEL[layer]):
                problems.append(place.problem(place.item(layer, index),
                                              f"expected a {_MODEL[layer].__name__}, found {type(item).__name__}"))
                continue
            spans = item_spans(item)
            if not all(isinstance(span, Span) for span in spans):
                problems.append(place.problem(place.item(layer, index), "expected Span objects for every span"))
                continue
            for span in spans:
                if span.end > len(document.text):
                    problems.append(place.problem(
                        place.item(layer, index),
                        f"span {list(span.fragments)} ends past the end of the text ({len(document.text)} code points)"))
            span = getattr(item, "span", None)
            text = getattr(item, "text", None)
            if isinstance(item, (Mention, Claim)) and span is not None and text is not None \
                    and span.end <= len(document.text) and span.covered_text(document.text) != text:
                problems.append(place.problem(
                    place.item(layer, index, "text"),
                    f"{preview(text)} does not equal the text at the offsets, {preview(span.covered_text(document.text))}"))
    return problems


def check_rules(annotations: Annotations, schema: Schema, place: Place) -> list[Problem]:
    """Schema values, unique ids, references that resolve, and no ``parent`` cycle."""
    problems = []
    for layer in LAYERS:
        for index, item in enumerate(annotations.layer(layer) or ()):
            if layer == "entities" and getattr(item, "label", None) is None:
                problems.append(place.problem(place.item(layer, index, "label"),
                                              "missing; every entity mention needs a label"))
            for name in ATTRIBUTES[layer]:
                found = value_problem(schema, layer, name, getattr(item, name, None))
                if found:
                    problems.append(place.problem(place.item(layer, index, name), *found))
    problems += _ids_and_references(annotations, place)
    problems += _parent_cycles(annotations.attributions or (), place)
    return problems


def check_gold_sections(annotations: Annotations, document: Document, schema: Schema, place: Place) -> list[Problem]:
    """Every fragment of a gold span may touch only sections that carry its layer (never residue)."""
    problems = []
    for layer in LAYERS:
        barred = [section for section in document.sections if not carries(schema, section.label, layer)]
        if not barred:  # the usual case: every section carries the layer, nothing to look at
            continue
        for index, item in enumerate(annotations.layer(layer) or ()):
            for start, end in (f for span in item_spans(item) for f in span.fragments):
                for section in barred:
                    if section.span.start < end and start < section.span.end:
                        problems.append(place.problem(
                            place.item(layer, index),
                            f"[{start}, {end}) lies in the {section.label} section ({section.id}), "
                            f"which carries no {layer} annotations"))
    return problems


def carries(schema: Schema, section_label: str, layer: str) -> bool:
    """Whether gold annotates ``layer`` in sections labelled ``section_label`` (not in residue, say)."""
    return layer in schema.annotatable.get(section_label, LAYERS)


def _ids_and_references(annotations: Annotations, place: Place) -> list[Problem]:
    problems = []
    seen: dict[str, str] = {}
    for layer in LAYERS:
        for index, item in enumerate(annotations.layer(layer) or ()):
            if item.id is None:
                continue
            if item.id in seen:
                problems.append(place.problem(place.item(layer, index, "id"),
                                              f"id {preview(item.id)} is already used by {seen[item.id]}"))
            else:
                seen[item.id] = place.item(layer, index)
    entities, attributions = annotations.entities, annotations.attributions
    entity_ids = {m.entity_id for m in entities or () if m.entity_id}
    attribution_ids = {a.id for a in attributions or () if a.id}
    checks = (
        ("claims", "attribution", attribution_ids, attributions is not None),
        ("attributions", "parent", attribution_ids, True),
        ("attributions", "source_entity", entity_ids, entities is not None),
    )
    for layer, name, targets, checkable in checks:
        if not checkable:
            continue
        for index, item in enumerate(annotations.layer(layer) or ()):
            value = getattr(item, name)
            if value is not None and value not in targets:
                problems.append(place.problem(place.item(layer, index, name),
                                              f"refers to {preview(value)}, which is not defined in this document"))
    return problems


def _parent_cycles(attributions: Sequence[Attribution], place: Place) -> list[Problem]:
    """One problem per attribution on a ``parent`` cycle (an attribution nested, at any depth, in itself)."""
    index_of = {a.id: i for i, a in enumerate(attributions) if a.id is not None}
    state: dict[int, int] = {}  # 1: on the current path, 2: done
    cycles: list[list[int]] = []
    for first in range(len(attributions)):
        path: list[int] = []
        node = first
        while node is not None and node not in state:
            state[node] = 1
            path.append(node)
            node = index_of.get(attributions[node].parent)
        if node is not None and state[node] == 1:  # came back to this path: the tail from `node` is a cycle
            cycles.append(path[path.index(node):])
        for visited in path:
            state[visited] = 2
    problems = []
    for cycle in cycles:
        if len(cycle) == 1:
            message = "an attribution cannot be its own parent"
        else:
            chain = " -> ".join(repr(attributions[i].id) for i in cycle[:10])
            more = f" -> ... ({len(cycle) - 10} more)" if len(cycle) > 10 else ""
            message = f"parent links form a cycle of {len(cycle)}: {chain}{more} -> {attributions[cycle[0]].id!r}"
        problems += [place.problem(place.item("attributions", i, "parent"), message,
                                   hint="an attribution's parent is the one it is nested in; nesting has no loops")
                     for i in cycle]
    return sorted(problems, key=lambda p: int(p.field.split("[")[1].split("]")[0]) if p.field else 0)
