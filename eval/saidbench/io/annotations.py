"""Read and write annotation files (gold and predictions share one format; see docs/FORMAT.md).

Reading checks every field against the schema and collects every problem, so the same
code serves the validator and the scorer. Text-only prediction items are placed here.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping

from ..model import LAYERS, Annotations, Attribution, Claim, Document, Mention, Span, SpanError
from ..schema import Schema
from . import text_only
from .errors import Problem
from .jsonl import Record, read_jsonl, write_jsonl
from .offsets import FLAG_HINT, suggest_unit, to_codepoint

KINDS = ("gold", "predictions")
_ROLE_FIELD = re.compile(r"^attributions\[(\d+)\]\.(source|cue|content)$")
ROLES = ("source", "cue", "content")
SPAN_KEYS = ("start", "end", "fragments", "text", "occurrence", "context")
_ATTRIBUTES = {
    "entities": ("label", "kind"),
    "claims": ("certainty", "commitment", "polarity", "claim_type", "modality"),
    "attributions": ("source_type", "quote_type", "cue_polarity"),
}
_REFERENCES = {"entities": ("entity_id",), "claims": ("attribution",), "attributions": ("source_entity", "parent")}
_GOLD_FIELDS = {
    "entities": {"id", "label", "kind", "entity_id", *SPAN_KEYS},
    "claims": {"id", "hedges", "attribution", *_ATTRIBUTES["claims"], *SPAN_KEYS},
    "attributions": {"id", *ROLES, *_ATTRIBUTES["attributions"], *_REFERENCES["attributions"]},
}


@dataclass
class Loaded:
    """The result of reading an annotation file: annotations by document, problems, and unplaced text-only items."""

    annotations: dict[str, Annotations] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    unresolved: list[Problem] = field(default_factory=list)
    #: ``(attribution index, role)`` of text-only role spans that could not be placed, by document;
    #: it tells an unplaced source apart from a source that is null because none is written.
    unplaced_roles: dict[str, frozenset[tuple[int, str]]] = field(default_factory=dict)


def read_annotations(
    path: Path | str,
    documents: Mapping[str, Document],
    schema: Schema,
    kind: str = "predictions",
    offsets: str = "codepoint",
    known_versions: tuple[str, ...] = (),
) -> Loaded:
    """Parse and check an annotation file against the documents and the schema."""
    records, problems = read_jsonl(path)
    loaded = parse_records(records, str(path), documents, schema, kind, offsets, known_versions)
    loaded.problems[:0] = problems
    return loaded


def parse_records(
    records: Iterable[Record],
    name: str,
    documents: Mapping[str, Document],
    schema: Schema,
    kind: str = "predictions",
    offsets: str = "codepoint",
    known_versions: tuple[str, ...] = (),
) -> Loaded:
    """Check parsed lines (from a file or in memory; ``name`` stands for the file in problems)."""
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, not {kind!r}")
    loaded = Loaded()
    first_line: dict[str, int] = {}
    for record in records:
        parser = _RecordParser(name, record.line, documents, schema, kind, offsets, known_versions)
        annotations = parser.parse(record.data)
        loaded.problems.extend(parser.problems)
        loaded.unresolved.extend(parser.unresolved)
        if annotations is None:
            continue
        if annotations.doc_id in first_line:
            loaded.problems.append(
                Problem(
                    name,
                    f"document {annotations.doc_id!r} appears again (first on line {first_line[annotations.doc_id]})",
                    line=record.line,
                    field="doc_id",
                    hint="merge the two lines into one",
                )
            )
            continue
        first_line[annotations.doc_id] = record.line
        loaded.annotations[annotations.doc_id] = annotations
        if parser.unplaced_roles:
            loaded.unplaced_roles[annotations.doc_id] = frozenset(parser.unplaced_roles)
    return loaded


class _RecordParser:
    """Turns one JSON line into Annotations, recording every problem with its field path."""

    def __init__(self, path, line, documents, schema, kind, offsets, known_versions):
        self.path, self.line, self.documents, self.schema = path, line, documents, schema
        self.gold = kind == "gold"
        self.offsets = offsets
        self.known_versions = known_versions
        self.problems: list[Problem] = []
        self.unresolved: list[Problem] = []
        self.unplaced_roles: set[tuple[int, str]] = set()
        self.text = ""
        self.placer: text_only.Placer | None = None

    def problem(self, field_path: str | None, message: str, hint: str | None = None) -> None:
        self.problems.append(Problem(self.path, message, line=self.line, field=field_path, hint=hint))

    def parse(self, data: dict) -> Annotations | None:
        doc_id = data.get("doc_id")
        if not isinstance(doc_id, str):
            self.problem("doc_id", "missing or not a string", hint='every line needs "doc_id"')
            return None
        if doc_id not in self.documents:
            close = difflib.get_close_matches(doc_id, list(self.documents), n=1)
            hint = f"did you mean {close[0]!r}?" if close else f"known documents: {', '.join(self.documents)}"
            self.problem("doc_id", f"unknown document {doc_id!r}", hint=hint)
            return None
        self.text = self.documents[doc_id].text
        self.placer = text_only.Placer(self.text)
        version = data.get("guideline_version")
        if version is None and self.gold:
            self.problem("guideline_version", "missing; gold must say which guideline version it follows")
        elif version is not None and self.known_versions and str(version) not in self.known_versions:
            self.problem(
                "guideline_version",
                f"unknown guideline version {version!r}",
                hint=f"known versions: {', '.join(self.known_versions)}",
            )
        if self.gold:
            unknown = set(data) - {"doc_id", "guideline_version", *LAYERS}
            for name in sorted(unknown):
                self.problem(name, "unknown field")
        layers = {}
        for layer in LAYERS:
            if layer not in data:
                if self.gold:
                    self.problem(layer, "missing layer; gold must give every layer (use [] for none)")
                layers[layer] = None
                continue
            items = data[layer]
            if not isinstance(items, list):
                self.problem(layer, f"expected a list, found {type(items).__name__}")
                layers[layer] = None
                continue
            layers[layer] = tuple(self._items(layer, items))
        self._check_ids_and_references(layers)
        return Annotations(doc_id=doc_id, guideline_version=None if version is None else str(version), **layers)

    def _items(self, layer: str, items: list):
        build = {"entities": self._mention, "claims": self._claim, "attributions": self._attribution}[layer]
        for index, item in enumerate(items):
            where = f"{layer}[{index}]"
            if not isinstance(item, dict):
                self.problem(where, f"expected an object, found {type(item).__name__}")
                continue
            if self.gold:
                for name in sorted(set(item) - _GOLD_FIELDS[layer]):
                    self.problem(f"{where}.{name}", "unknown field")
            values = self._attributes(layer, item, where)
            identifier = self._identifier(item, where)
            built = build(item, where, values, identifier)
            if built is not None:
                yield built

    # -- items -------------------------------------------------------------------------------

    def _mention(self, item, where, values, identifier):
        if values.get("label") is None and "label" in item:
            return None
        if "label" not in item:
            self.problem(f"{where}.label", "missing; every entity mention needs a label")
            return None
        span = self._span(item, where, allow_text_only=True)
        if self.gold:
            self._require(item, where, "entity_id")
        return Mention(
            span=span,
            label=values["label"],
            id=identifier,
            kind=values.get("kind") or ("name" if not self.gold else None),
            entity_id=self._optional_string(item, where, "entity_id"),
            text=_text_field(item),
        )

    def _claim(self, item, where, values, identifier):
        span = self._span(item, where, allow_text_only=True)
        hedges = item.get("hedges")
        hedge_spans: tuple[Span, ...] | None = None
        if hedges is None:
            if self.gold:
                self.problem(f"{where}.hedges", "missing required field (use [] for none)")
        elif not isinstance(hedges, list):
            self.problem(f"{where}.hedges", f"expected a list of spans, found {type(hedges).__name__}")
        else:
            placed = (self._span_object(h, f"{where}.hedges[{i}]") for i, h in enumerate(hedges))
            hedge_spans = tuple(s for s in placed if s is not None)
        if self.gold:
            self._require(item, where, "attribution")
        return Claim(
            span=span,
            id=identifier,
            hedges=hedge_spans,
            attribution=self._optional_string(item, where, "attribution"),
            text=_text_field(item),
            **values,
        )

    def _attribution(self, item, where, values, identifier):
        roles = {}
        for role in ROLES:
            if role not in item or item[role] is None:
                if role != "source" or self.gold and role not in item:
                    self.problem(f"{where}.{role}", f"missing; every attribution needs a {role} span"
                                 + (" (null when no source is written)" if role == "source" else ""))
                roles[role] = None
                continue
            roles[role] = self._span_object(item[role], f"{where}.{role}")
        if self.gold:
            for name in _REFERENCES["attributions"]:
                self._require(item, where, name)
            if (roles["source"] is None) != (values.get("source_type") == "no_source") and "source" in item:
                self.problem(f"{where}.source_type", "must be 'no_source' exactly when source is null")
        return Attribution(
            id=identifier,
            source_entity=self._optional_string(item, where, "source_entity"),
            parent=self._optional_string(item, where, "parent"),
            **roles,
            **values,
        )

    # -- fields ------------------------------------------------------------------------------

    def _identifier(self, item, where):
        if "id" not in item:
            if self.gold:
                self.problem(f"{where}.id", "missing; gold items need a unique id")
            return None
        if not isinstance(item["id"], str) or not item["id"]:
            self.problem(f"{where}.id", "expected a non-empty string")
            return None
        return item["id"]

    def _require(self, item, where, name):
        if name not in item:
            self.problem(f"{where}.{name}", "missing required field (null is allowed where it does not apply)")

    def _optional_string(self, item, where, name):
        value = item.get(name)
        if value is not None and not isinstance(value, str):
            self.problem(f"{where}.{name}", f"expected a string or null, found {type(value).__name__}")
            return None
        return value

    def _attributes(self, layer, item, where) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for name in _ATTRIBUTES[layer]:
            allowed = self.schema.allowed(layer, name)
            value = item.get(name)
            if value is None:
                if self.gold:
                    self.problem(f"{where}.{name}", f"missing; expected one of {', '.join(allowed)}")
                values[name] = None
            elif value not in allowed:
                close = difflib.get_close_matches(str(value), allowed, n=1)
                hint = f"did you mean {close[0]!r}?" if close else None
                self.problem(
                    f"{where}.{name}",
                    f"{value!r} is not in the schema (guidelines v{self.schema.version}); "
                    f"expected one of {', '.join(allowed)}",
                    hint=hint,
                )
                values[name] = None
            else:
                values[name] = value
        return values

    # -- spans -------------------------------------------------------------------------------

    def _span_object(self, obj, where) -> Span | None:
        if not isinstance(obj, dict):
            self.problem(where, f"expected a span object, found {type(obj).__name__}")
            return None
        return self._span(obj, where, allow_text_only=True)

    def _span(self, obj: dict, where: str, allow_text_only: bool) -> Span | None:
        if "fragments" in obj:
            raw = obj["fragments"]
            if not isinstance(raw, list) or not raw or not all(
                isinstance(f, list) and len(f) == 2 for f in raw
            ):
                self.problem(f"{where}.fragments", "expected a non-empty list of [start, end] pairs")
                return None
            pairs = [tuple(f) for f in raw]
        elif "start" in obj or "end" in obj:
            pairs = [(obj.get("start"), obj.get("end"))]
        elif "text" in obj and not self.gold and allow_text_only:
            return self._place_text(obj, where)
        else:
            self.problem(where, "no span: expected start/end, fragments" + ("" if self.gold else " or text"))
            return None
        if not all(isinstance(v, int) and not isinstance(v, bool) for pair in pairs for v in pair):
            self.problem(where, f"offsets must be integers, found {pairs!r}")
            return None
        converted = self._convert(pairs, where)
        if converted is None:
            return None
        try:
            span = Span(tuple(converted))
            span.check_within(len(self.text))
        except SpanError as error:
            self.problem(where, str(error), hint=self._unit_hint(pairs, obj.get("text")))
            return None
        self._check_text(obj, span, pairs, where)
        return span

    def _convert(self, pairs, where):
        converted = []
        for start, end in pairs:
            begin, finish = to_codepoint(self.text, start, self.offsets), to_codepoint(self.text, end, self.offsets)
            if begin is None or finish is None:
                if self.offsets == "codepoint":
                    self.problem(
                        where,
                        f"offsets [{start}, {end}) are out of range: the document has {len(self.text)} code points",
                        hint=self._unit_hint(pairs, None),
                    )
                else:
                    self.problem(
                        where,
                        f"offsets [{start}, {end}) do not fall on character boundaries in {self.offsets} units",
                        hint="check the --offsets unit",
                    )
                return None
            converted.append((begin, finish))
        return converted

    def _unit_hint(self, pairs, text) -> str | None:
        if self.offsets != "codepoint":
            return None
        if isinstance(text, str) and len(pairs) == 1:
            unit = suggest_unit(self.text, pairs[0][0], pairs[0][1], text)
            return FLAG_HINT[unit] if unit else None
        utf8_length = len(self.text.encode("utf-8"))
        if pairs and all(isinstance(e, int) and len(self.text) < e <= utf8_length for _, e in pairs[-1:]):
            return "offsets past the end in code points but within the UTF-8 length; if they count bytes, pass --offsets utf8"
        return None

    def _check_text(self, obj, span, pairs, where):
        expected = obj.get("text")
        if expected is None:
            if self.gold:
                self.problem(f"{where}.text", "missing; gold spans carry their text")
            return
        actual = span.covered_text(self.text)
        if expected == actual:
            return
        hint = self._unit_hint(pairs, expected) or "the offsets are code points, end-exclusive, over the exact text"
        self.problem(f"{where}.text", f"{expected!r} does not equal the text at the offsets, {actual!r}", hint=hint)

    def _place_text(self, obj, where) -> Span | None:
        text = obj["text"]
        if not isinstance(text, str) or not text:
            self.problem(f"{where}.text", "expected a non-empty string")
            return None
        occurrence, context = obj.get("occurrence"), obj.get("context")
        if occurrence is not None and (not isinstance(occurrence, int) or occurrence < 1):
            self.problem(f"{where}.occurrence", "expected an integer >= 1")
            return None
        if context is not None and not isinstance(context, str):
            self.problem(f"{where}.context", "expected a string")
            return None
        span, reason = self.placer.place(re.sub(r"\[\d+\]", "", where), text, occurrence, context)
        if span is None:
            self.unresolved.append(
                Problem(self.path, f"text {text!r} {reason}; counted as spurious", line=self.line, field=where)
            )
            role = _ROLE_FIELD.match(where)
            if role:
                self.unplaced_roles.add((int(role.group(1)), role.group(2)))
        return span

    # -- ids and references ------------------------------------------------------------------

    def _check_ids_and_references(self, layers) -> None:
        seen: dict[str, str] = {}
        for layer in LAYERS:
            for index, item in enumerate(layers[layer] or ()):
                if item.id is None:
                    continue
                if item.id in seen:
                    self.problem(f"{layer}[{index}].id", f"id {item.id!r} is already used by {seen[item.id]}")
                else:
                    seen[item.id] = f"{layer}[{index}]"
        entity_ids = {m.entity_id for m in layers["entities"] or () if m.entity_id}
        attribution_ids = {a.id for a in layers["attributions"] or () if a.id}
        checks = (
            ("claims", "attribution", attribution_ids, layers["attributions"] is not None),
            ("attributions", "parent", attribution_ids, True),
            ("attributions", "source_entity", entity_ids, layers["entities"] is not None),
        )
        for layer, name, targets, checkable in checks:
            if not checkable:
                continue
            for index, item in enumerate(layers[layer] or ()):
                value = getattr(item, name)
                if value is not None and value not in targets:
                    self.problem(f"{layer}[{index}].{name}", f"refers to {value!r}, which is not defined in this document")
                if name == "parent" and value is not None and value == item.id:
                    self.problem(f"{layer}[{index}].parent", "an attribution cannot be its own parent")


def _text_field(item: dict) -> str | None:
    text = item.get("text")
    return text if isinstance(text, str) else None


# -- writing -------------------------------------------------------------------------------------


def span_to_json(span: Span, text: str) -> dict:
    """The file form of a span, with its text."""
    if span.is_contiguous:
        return {"start": span.start, "end": span.end, "text": span.covered_text(text)}
    return {"fragments": [list(f) for f in span.fragments], "text": span.covered_text(text)}


def annotations_to_json(annotations: Annotations, text: str) -> dict:
    """The JSON object of one document's annotations (layers that are None are left out)."""
    out: dict[str, Any] = {"doc_id": annotations.doc_id}
    if annotations.guideline_version is not None:
        out["guideline_version"] = annotations.guideline_version
    for layer in LAYERS:
        items = annotations.layer(layer)
        if items is not None:
            out[layer] = [_item_to_json(layer, item, text) for item in items]
    return out


def _item_to_json(layer: str, item, text: str) -> dict:
    out: dict[str, Any] = {} if item.id is None else {"id": item.id}
    if layer == "attributions":
        for role in ROLES:
            span = getattr(item, role)
            out[role] = None if span is None else span_to_json(span, text)
    elif item.span is not None:
        out.update(span_to_json(item.span, text))
    for name in _ATTRIBUTES[layer] + _REFERENCES[layer]:
        out[name] = getattr(item, name)
    if layer == "claims":
        out["hedges"] = None if item.hedges is None else [span_to_json(h, text) for h in item.hedges]
    return out


def write_annotations(path: Path | str, annotations: list[Annotations], documents: Mapping[str, Document]) -> None:
    """Write annotations as JSONL, one line per document."""
    write_jsonl(path, (annotations_to_json(a, documents[a.doc_id].text) for a in annotations))
