"""Parse annotation lines (gold and predictions share one format; see docs/FORMAT.md) into model objects.

Lines come from a file or from memory (line dicts); parsing checks the format (field types, required
and unknown fields, offset units, the text at the offsets) and hands each document to ``io.checks``
for the rules every input obeys. Every problem is collected, so the same code serves the validator
and the scorer. Text-only prediction items are placed here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Collection, Iterable, Iterator, Mapping

from ..model import EVERYTHING, FIELDS, LAYERS, Annotations, Attribution, Claim, Document, Mention, Span, SpanError
from ..schema import Schema
from . import checks, text_only
from .checks import ATTRIBUTES as _ATTRIBUTES
from .checks import REFERENCES as _REFERENCES
from .checks import Place, suggestion
from .errors import Problem, json_type, preview
from .jsonl import FileLines, Record, lone_surrogate, parse_line, write_jsonl
from .normalize import DEFAULT_ALIGN
from .offsets import FLAG_HINT, suggest_unit, to_codepoint
from .typed import EntityLines, doc_id_of

KINDS = ("gold", "predictions")
_ROLE_FIELD = re.compile(r"^attributions\[(\d+)\]\.(source|cue|content)$")
ROLES = ("source", "cue", "content")
SPAN_KEYS = ("start", "end", "fragments", "text", "occurrence", "context")
_FIELDS = {
    "entities": {"id", "label", "kind", "entity_id", *SPAN_KEYS},
    "claims": {"id", "hedges", "attribution", *_ATTRIBUTES["claims"], *SPAN_KEYS},
    "attributions": {"id", *ROLES, *_ATTRIBUTES["attributions"], *_REFERENCES["attributions"]},
}
_LINE_FIELDS = {"doc_id", "guideline_version", *LAYERS}


@dataclass
class Loaded:
    """The result of reading annotations: annotations by document, problems, and unplaced text-only items."""

    annotations: dict[str, Annotations] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    unresolved: list[Problem] = field(default_factory=list)
    #: ``(attribution index, role)`` of text-only role spans that could not be placed, by document;
    #: it tells an unplaced source apart from a source that is null because none is written.
    unplaced_roles: dict[str, frozenset[tuple[int, str]]] = field(default_factory=dict)
    #: A short content hash for the signature: a gold file's SHA-256, or ``mem-...`` for in-memory input.
    digest: str = "none"
    #: how many items were given as text only (placed or not)
    text_only: int = 0


def read_annotations(
    path: Path | str,
    documents: Mapping[str, Document],
    schema: Schema,
    kind: str = "predictions",
    offsets: str = "codepoint",
    known_versions: tuple[str, ...] = (),
    align: str = DEFAULT_ALIGN,
    annotated: Mapping[str, frozenset[str]] = EVERYTHING,
    doc_ids: Collection[str] | None = None,
) -> Loaded:
    """Read and check an annotation file against the documents and the schema (with ``doc_ids``, only the
    lines of those documents: the others are skipped unchecked, a line that is not an object is kept).

    ``align`` is the normalisation policy for placing text-only items (``io/normalize.py``).
    """
    return AnnotationFile(path, documents, schema, kind, offsets, known_versions, align, annotated, doc_ids).gathered()


class AnnotationFile:
    """The checked annotations of a file, a document at a time, read line by line (never the whole file);
    :attr:`loaded` gathers the problems, unplaced items and digest, complete once every line is read.

    Clean entity lines with code-point offsets take the fast reader (``io/typed.py``); every other line,
    and any line with a problem, is parsed here. Annotations given before a problem is found still count
    as read: whoever uses them must check :attr:`loaded` for problems at the end.
    """

    def __init__(self, path: Path | str, documents: Mapping[str, Document], schema: Schema,
                 kind: str = "predictions", offsets: str = "codepoint", known_versions: tuple[str, ...] = (),
                 align: str = DEFAULT_ALIGN, annotated: Mapping[str, frozenset[str]] = EVERYTHING,
                 doc_ids: Collection[str] | None = None):
        if kind not in KINDS:
            raise ValueError(f"kind must be one of {KINDS}, not {kind!r}")
        self.lines = FileLines(path, digest=kind == "gold")  # a gold file's hash is in the signature
        self.loaded = Loaded()
        self.settings = dict(documents=documents, schema=schema, kind=kind, offsets=offsets,
                             known_versions=known_versions, align=align, annotated=annotated)
        self.fast = EntityLines(documents, schema, kind == "gold", known_versions, annotated) \
            if offsets == "codepoint" else None
        self.doc_ids = doc_ids

    def __iter__(self) -> Iterator[Annotations]:
        lines, loaded = self.lines, self.loaded
        yield from checked_annotations(self._records(), loaded, **self.settings)
        if lines.failed:
            loaded.problems, loaded.unresolved, loaded.unplaced_roles = lines.problems, [], {}
            return
        loaded.problems = sorted(lines.problems + loaded.problems, key=lambda p: p.line or 0)  # stable: line order
        loaded.digest = lines.digest[:8] if lines.digest else "none"

    def gathered(self) -> Loaded:
        """Read every line: the Loaded of the whole file, with its annotations (none if it is unreadable)."""
        annotations = {item.doc_id: item for item in self}
        if not self.lines.failed:
            self.loaded.annotations = annotations
        return self.loaded

    def _records(self) -> Iterator[tuple[Place, Any]]:
        name, problems, fast, doc_ids = self.lines.name, self.lines.line_problems, self.fast, self.doc_ids
        for number, line in self.lines:
            if doc_ids is not None and other_document(doc_id_of(line), doc_ids):
                continue
            place = Place(name, number)
            checked = fast.read(line) if fast is not None else None
            if checked is not None:
                yield place, checked
                continue
            data, error = parse_line(line)
            if error is not None:
                problems.append(place.problem(None, error))
            elif not isinstance(data, dict):
                problems.append(place.problem(None, f"expected a JSON object, found {json_type(data)}"))
            else:
                yield place, data


def parse_records(records: Iterable[Record], name: str, documents: Mapping[str, Document], schema: Schema,
                  kind: str = "predictions", offsets: str = "codepoint", known_versions: tuple[str, ...] = (),
                  annotated: Mapping[str, frozenset[str]] = EVERYTHING, problems: Iterable[Problem] = (),
                  align: str = DEFAULT_ALIGN) -> Loaded:
    """Check parsed records; ``name`` stands for the file in problems, unless a record has a ``path`` of its
    own (a reader's, e.g. brat's ``.ann`` files); ``problems`` found before by a reader come first."""
    loaded = parse_annotations(((Place(getattr(r, "path", name), r.line), r.data) for r in records), documents,
                               schema, kind=kind, offsets=offsets, known_versions=known_versions, annotated=annotated,
                               align=align)
    loaded.problems[:0] = problems
    return loaded


def parse_annotations(
    lines: Iterable[tuple[Place, Any]],
    documents: Mapping[str, Document],
    schema: Schema,
    kind: str = "predictions",
    offsets: str = "codepoint",
    known_versions: tuple[str, ...] = (),
    align: str = DEFAULT_ALIGN,
    annotated: Mapping[str, frozenset[str]] = EVERYTHING,
) -> Loaded:
    """Parse and check line dicts, each with the place it came from (a file line or an in-memory item).

    Gold must give every layer and field of ``annotated`` (what its corpus annotates) and no other;
    its ``guideline_version`` is required when ``known_versions`` names some.
    """
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, not {kind!r}")
    loaded = Loaded()
    for annotations in checked_annotations(lines, loaded, documents, schema, kind, offsets, known_versions, align,
                                           annotated):
        loaded.annotations[annotations.doc_id] = annotations
    return loaded


def checked_annotations(
    lines: Iterable[tuple[Place, Any]], loaded: Loaded, documents: Mapping[str, Document], schema: Schema,
    kind: str, offsets: str, known_versions: tuple[str, ...], align: str, annotated: Mapping[str, frozenset[str]],
) -> Iterator[Annotations]:
    """The annotations of each line dict (or line the fast reader checked) as it is read, once per document;
    problems, unplaced items and text-only counts go to ``loaded``."""
    first: dict[str, str] = {}
    for place, data in lines:
        if isinstance(data, Annotations):  # checked by the fast reader
            annotations = data
        elif not isinstance(data, dict):
            loaded.problems.append(place.problem(None, f"expected a JSON object, found {json_type(data)}"))
            continue
        else:
            parser = _RecordParser(place, documents, schema, kind, offsets, known_versions, annotated, align)
            annotations = parser.parse(data)
            loaded.problems.extend(parser.problems)
            loaded.unresolved.extend(parser.unresolved)
            loaded.text_only += parser.text_only
            if annotations is None:
                continue
            if parser.unplaced_roles:
                loaded.unplaced_roles[annotations.doc_id] = frozenset(parser.unplaced_roles)
        if annotations.doc_id in first:
            loaded.problems.append(place.problem(
                "doc_id", f"document {preview(annotations.doc_id)} appears again (first {first[annotations.doc_id]})",
                hint="merge the two lines into one",
            ))
            continue
        first[annotations.doc_id] = f"on line {place.line}" if place.line is not None else f"in {place.path}"
        yield annotations


class _RecordParser:
    """Turns one line dict into Annotations, recording every problem with its field path."""

    def __init__(self, place: Place, documents, schema, kind, offsets, known_versions, annotated=EVERYTHING,
                 align=DEFAULT_ALIGN):
        self.place, self.documents, self.schema = place, documents, schema
        self.align = align
        self.annotated = annotated
        self.gold = kind == "gold"
        self.offsets = offsets
        self.known_versions = known_versions
        self.problems: list[Problem] = []
        self.unresolved: list[Problem] = []
        self.unplaced_roles: set[tuple[int, str]] = set()
        self.indices: dict[str, list[int]] = {}
        self.text_only = 0
        self.text = ""
        self.placer: text_only.Placer | None = None

    def problem(self, field_path: str | None, message: str, hint: str | None = None) -> None:
        self.problems.append(self.place.problem(field_path, message, hint))

    def parse(self, data: dict) -> Annotations | None:
        if "doc_id" not in data:
            self.problem("doc_id", "missing", hint='every line needs "doc_id", the id of its document')
            return None
        doc_id = data["doc_id"]
        unknown_document = checks.check_unknown_document(doc_id, self.documents, self.place)
        if unknown_document is not None:
            self.problems.append(unknown_document)
            return None
        if self.place.line is None:  # a file's lines were checked for lone surrogates when read
            where = lone_surrogate(data)
            if where is not None:
                self.problem(None, f"a string{where} holds a lone UTF-16 surrogate (\\ud800-\\udfff), which is not text")
                return None
        self.text = self.documents[doc_id].text
        self.placer = text_only.Placer(self.documents[doc_id], self.align)
        version = data.get("guideline_version")
        if version is None and self.gold and self.known_versions:
            self.problem("guideline_version", "missing; gold must say which guideline version it follows")
        elif version is not None and (isinstance(version, bool) or not isinstance(version, (str, int, float))):
            self.problem("guideline_version", f"expected a string, found {json_type(version)}")
            version = None
        elif version is not None and self.known_versions and str(version) not in self.known_versions:
            self.problem(
                "guideline_version",
                f"unknown guideline version {preview(version)}",
                hint=f"known versions: {', '.join(self.known_versions)}",
            )
        self._unknown_fields(data, _LINE_FIELDS, None)
        layers = {}
        for layer in LAYERS:
            if self.gold and layer not in self.annotated:
                if layer in data:
                    self.problem(layer, "this corpus does not annotate this layer",
                                 hint="list it under `annotates` in the corpus manifest, or remove it")
                layers[layer] = None
                continue
            if layer not in data:
                if self.gold:
                    self.problem(layer, "missing layer; gold must give every layer (use [] for none)")
                layers[layer] = None
                continue
            items = data[layer]
            if not isinstance(items, list):
                self.problem(layer, f"expected a list, found {json_type(items)}")
                layers[layer] = None
                continue
            layers[layer] = tuple(self._items(layer, items))
        annotations = Annotations(doc_id=doc_id, guideline_version=None if version is None else str(version), **layers)
        place = Place(self.place.path, self.place.line, self.indices)
        self.problems.extend(checks.check_rules(annotations, self.schema, place))
        if self.gold:
            self.problems.extend(checks.check_gold_sections(annotations, self.documents[doc_id], self.schema, place))
        self.problems.sort(key=_field_order)
        return annotations

    def _unknown_fields(self, data: dict, known: set[str], where: str | None) -> None:
        """Gold allows only the format's fields; predictions may carry extra ones, but not misspelt known ones."""
        for name in sorted(set(data) - known, key=str):
            hint = suggestion(str(name), sorted(known))
            if self.gold or hint:
                self.problem(f"{where}.{name}" if where else str(name), "unknown field", hint=hint)

    def _items(self, layer: str, items: list):
        build = {"entities": self._mention, "claims": self._claim, "attributions": self._attribution}[layer]
        indices = self.indices.setdefault(layer, [])
        for index, item in enumerate(items):
            where = f"{layer}[{index}]"
            if not isinstance(item, dict):
                self.problem(where, f"expected an object, found {json_type(item)}")
                continue
            self._unknown_fields(item, _FIELDS[layer], where)
            values = {name: item.get(name) for name in _ATTRIBUTES[layer]}
            if self.gold:
                for name in sorted(set(item) & (set(FIELDS[layer]) - self.annotated[layer])):
                    self.problem(f"{where}.{name}", "this corpus does not annotate this field",
                                 hint="list it under `annotates` in the corpus manifest, or remove it")
                    if name in values:
                        values[name] = None  # reported once, here
                for name, value in values.items():
                    if value is None and self._required(layer, name):
                        allowed = ", ".join(self.schema.allowed(layer, name))
                        self.problem(f"{where}.{name}", f"missing; expected one of {allowed}")
            identifier = self._identifier(item, where)
            built = build(item, where, values, identifier)
            if built is not None:
                indices.append(index)
                yield built

    # -- items -------------------------------------------------------------------------------

    def _mention(self, item, where, values, identifier):
        if item.get("label") is None:
            found = "missing" if "label" not in item else "null"
            self.problem(f"{where}.label", f"{found}; every entity mention needs a label",
                         hint=f"one of {', '.join(self.schema.entity_labels)}")
            return None
        span = self._span(item, where, allow_text_only=True)
        if self.gold:
            self._require(item, where, "entity_id")
        return Mention(
            span=span,
            label=values["label"],
            id=identifier,
            # a prediction without kind is a name (when the schema has kinds; scoring reads None as a name)
            kind=values.get("kind") or ("name" if not self.gold and self.schema.allowed("entities", "kind") else None),
            entity_id=self._optional_string(item, where, "entity_id"),
            text=_text_field(item, span),
        )

    def _claim(self, item, where, values, identifier):
        span = self._span(item, where, allow_text_only=True)
        hedges = item.get("hedges")
        hedge_spans: tuple[Span, ...] | None = None
        if hedges is None:
            if self._required("claims", "hedges"):
                self.problem(f"{where}.hedges", "missing required field (use [] for none)")
        elif not isinstance(hedges, list):
            self.problem(f"{where}.hedges", f"expected a list of spans, found {json_type(hedges)}")
        else:
            placed = (self._span_object(h, f"{where}.hedges[{i}]", parent=span) for i, h in enumerate(hedges))
            hedge_spans = tuple(s for s in placed if s is not None)
        if self.gold:
            self._require(item, where, "attribution")
        return Claim(
            span=span,
            id=identifier,
            hedges=hedge_spans,
            attribution=self._optional_string(item, where, "attribution"),
            text=_text_field(item, span),
            **values,
        )

    def _attribution(self, item, where, values, identifier):
        roles, unplaced_texts = {}, []
        for role in ROLES:
            if role not in item or item[role] is None:
                if role != "source" or self.gold and role not in item:
                    self.problem(f"{where}.{role}", f"missing; every attribution needs a {role} span"
                                 + (" (null when no source is written)" if role == "source" else ""))
                roles[role] = None
                continue
            obj = item[role]
            text_only_role = isinstance(obj, dict) and not self.gold and "text" in obj and not (
                {"start", "end", "fragments"} & set(obj)
            )
            roles[role] = self._request(obj, f"{where}.{role}") if text_only_role else self._span_object(obj, f"{where}.{role}")
        for role, placement in self.placer.place_jointly(roles).items():
            roles[role] = self._placed(placement, item[role]["text"], f"{where}.{role}")
            if roles[role] is None:
                unplaced_texts.append((role, item[role]["text"]))
        roles = {role: None if isinstance(given, text_only.Request) else given for role, given in roles.items()}
        if self.gold:
            for name in _REFERENCES["attributions"]:
                self._require(item, where, name)
            no_source = values.get("source_type") == "no_source"
            if "source_type" in self.annotated["attributions"] and (roles["source"] is None) != no_source \
                    and "source" in item:
                self.problem(f"{where}.source_type", "must be 'no_source' exactly when source is null")
        return Attribution(
            id=identifier,
            source_entity=self._optional_string(item, where, "source_entity"),
            parent=self._optional_string(item, where, "parent"),
            unplaced_texts=tuple(unplaced_texts),
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
            self.problem(f"{where}.id", f"expected a non-empty string, found {preview(item['id'])}")
            return None
        return item["id"]

    def _required(self, layer: str, name: str) -> bool:
        """Whether gold must give this field: spans, ids and entity labels always, others when annotated."""
        return self.gold and (name not in FIELDS[layer] or name in self.annotated[layer])

    def _require(self, item, where, name):
        if name not in item and self._required(where.split("[", 1)[0], name):
            self.problem(f"{where}.{name}", "missing required field (null is allowed where it does not apply)")

    def _optional_string(self, item, where, name):
        value = item.get(name)
        if value is not None and not isinstance(value, str):
            self.problem(f"{where}.{name}", f"expected a string or null, found {json_type(value)}")
            return None
        return value

    # -- spans -------------------------------------------------------------------------------

    def _span_object(self, obj, where, parent: Span | None = None) -> Span | None:
        if not isinstance(obj, dict):
            self.problem(where, f"expected a span object, found {json_type(obj)}")
            return None
        return self._span(obj, where, allow_text_only=True, parent=parent)

    def _span(self, obj: dict, where: str, allow_text_only: bool, parent: Span | None = None) -> Span | None:
        if "fragments" in obj:
            raw = obj["fragments"]
            if not isinstance(raw, list) or not raw or not all(
                isinstance(f, list) and len(f) == 2 for f in raw
            ):
                self.problem(f"{where}.fragments", "expected a non-empty list of [start, end] pairs",
                             hint=f"found {preview(raw)}")
                return None
            pairs = [tuple(f) for f in raw]
            given = {key: obj[key] for key in ("start", "end") if key in obj}
            bounds = {"start": pairs[0][0], "end": pairs[-1][1]}
            if any(value != bounds[key] for key, value in given.items()):
                self.problem(where, f"start/end {preview(given)} disagree with the fragments {preview(raw)}",
                             hint="give either start/end or fragments, or make start/end the fragments' bounds")
                return None
        elif "start" in obj or "end" in obj:
            pairs = [(obj.get("start"), obj.get("end"))]
        elif "text" in obj and not self.gold and allow_text_only:
            request = self._request(obj, where)
            if request is None:
                return None
            return self._placed(self.placer.place(re.sub(r"\[\d+\]", "", where), request, parent), request.text, where)
        else:
            self.problem(where, "no span: expected start/end, fragments" + ("" if self.gold else " or text"))
            return None
        if not all(isinstance(v, int) and not isinstance(v, bool) for pair in pairs for v in pair):
            found = ", ".join(sorted({json_type(v) for pair in pairs for v in pair if type(v) is not int}))
            self.problem(where, f"offsets must be integers, found {found} in {preview(pairs)}")
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
                        f"offsets [{start}, {end}) are out of range or inside a character in {self.offsets} units "
                        f"(--offsets {self.offsets})",
                        hint=self._unit_hint(pairs, None) or "check the --offsets unit",
                    )
                return None
            converted.append((begin, finish))
        return converted

    def _unit_hint(self, pairs, text) -> str | None:
        """Which ``--offsets`` unit would make these offsets fit; gold offsets are always code points."""
        if self.gold:
            return "gold offsets are code points, end-exclusive, over the exact text (--offsets does not apply to gold)"
        if isinstance(text, str) and len(pairs) == 1:
            unit = suggest_unit(self.text, pairs[0][0], pairs[0][1], text, exclude=self.offsets)
            return FLAG_HINT[unit] if unit else None
        if self.offsets == "codepoint":
            utf8_length = len(self.text.encode("utf-8"))
            if pairs and all(isinstance(e, int) and len(self.text) < e <= utf8_length for _, e in pairs[-1:]):
                return ("offsets past the end in code points but within the UTF-8 length; "
                        "if they count bytes, pass --offsets utf8")
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
        unit = "code points" if self.offsets == "codepoint" else f"{self.offsets} units (--offsets {self.offsets})"
        hint = self._unit_hint(pairs, expected) or f"the offsets are read as {unit}, end-exclusive, over the exact text"
        self.problem(f"{where}.text", f"{preview(expected)} does not equal the text at the offsets, {preview(actual)}",
                     hint=hint)

    def _request(self, obj, where) -> text_only.Request | None:
        """The checked text-only request of a span object, or None (with a problem) when malformed."""
        text = obj["text"]
        if not isinstance(text, str) or not text.strip():
            self.problem(f"{where}.text", f"expected a non-empty string, found {preview(text)}")
            return None
        occurrence, context = obj.get("occurrence"), obj.get("context")
        if occurrence is not None and (type(occurrence) is not int or occurrence < 1):
            self.problem(f"{where}.occurrence", f"expected an integer >= 1, found {preview(occurrence)}")
            return None
        if context is not None and not isinstance(context, str):
            self.problem(f"{where}.context", f"expected a string, found {json_type(context)}")
            return None
        self.text_only += 1
        return text_only.Request(text, occurrence, context)

    def _placed(self, placement: text_only.Placement, text: str, where: str) -> Span | None:
        """The placed span; an unplaced item is recorded with its reason (it will count as spurious)."""
        if placement.span is None:
            self.unresolved.append(
                self.place.problem(where, f"text {preview(text)} {placement.reason}; counted as spurious")
            )
            role = _ROLE_FIELD.match(where)
            if role:
                self.unplaced_roles.add((int(role.group(1)), role.group(2)))
        return placement.span


def other_document(doc_id: object, doc_ids: Collection[str]) -> bool:
    """Whether a line names a document other than ``doc_ids`` (a line naming none, or not by a string, is kept
    so that its problem is reported)."""
    return isinstance(doc_id, str) and doc_id not in doc_ids


_ITEM = re.compile(r"^(entities|claims|attributions)\[(\d+)\]")


def _field_order(problem: Problem) -> tuple[int, int]:
    """Problems of a line in the order of its items (line-level fields first)."""
    found = _ITEM.match(problem.field or "")
    return (LAYERS.index(found.group(1)), int(found.group(2))) if found else (-1, 0)


def _text_field(item: dict, span: Span | None) -> str | None:
    """The item's ``text``, kept unless the item was placed from its text alone: then the span says where, and
    the text may differ from the slice by the normalisation that found it (an unplaced item keeps its text)."""
    text = item.get("text")
    placed_from_text = span is not None and not ({"start", "end", "fragments"} & set(item))
    return text if isinstance(text, str) and not placed_from_text else None


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
