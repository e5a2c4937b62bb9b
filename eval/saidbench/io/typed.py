"""The fast reader of clean entity lines: typed decoding and per-document checks over columns.

A line whose only items are contiguous entity mentions with code-point offsets (the shape of a
large NER file) is decoded by msgspec straight into typed structs, and checked a document at a
time: the offsets in range, every ``text`` equal to its slice, labels and kinds in the schema,
unique ids, required fields present, gold spans only in sections that carry entities. A clean
line becomes :class:`~saidbench.model.Annotations` whose entity layer is a
:class:`~saidbench.model.MentionColumns`. Anything else (another field, a fragment, a text-only
item, a claim, a defect of any kind) returns None, and the line takes the careful path
(``io.annotations``), which names every problem; so this path never reports a problem itself and
accepts exactly the lines the careful path accepts, with equal annotations.
"""

from __future__ import annotations

from array import array
from functools import lru_cache
from operator import lt
from typing import Annotated, Literal, Mapping

import msgspec
from msgspec import UNSET, Struct, UnsetType
from msgspec.structs import astuple

from ..model import LAYERS, Annotations, Document, MentionColumns
from ..schema import Schema
from .checks import carries


#: no start below 0 and no empty text: then a text equal to its slice has ``start < end``
_OFFSET, _TEXT = Annotated[int, msgspec.Meta(ge=0)], Annotated[str, msgspec.Meta(min_length=1)]


@lru_cache(maxsize=16)
def _decoder(labels: tuple[str, ...], kinds: tuple[str, ...]) -> msgspec.json.Decoder:
    """A decoder of entity lines whose labels and kinds are the schema's: a value outside them is a validation
    error (the line takes the careful path), a value inside is the schema's own string, not a new one."""
    kind = (Literal[(*kinds, "")] if kinds else str) | None | UnsetType
    # fields in the order of FORMAT.md's examples (msgspec matches keys in the order of its fields fastest); it
    # is also the order in which EntityLines._columns unpacks a mention's values
    mention = msgspec.defstruct("Mention", [
        ("id", str | UnsetType, UNSET), ("start", _OFFSET), ("end", int), ("text", _TEXT | None, None),
        ("label", Literal[labels]), ("kind", kind, UNSET), ("entity_id", str | None | UnsetType, UNSET),
    ], forbid_unknown_fields=True, kw_only=True, gc=False)
    line = msgspec.defstruct("Line", [
        ("doc_id", str), ("guideline_version", str | UnsetType, UNSET), ("entities", list[mention] | UnsetType, UNSET),
        ("claims", list | UnsetType, UNSET), ("attributions", list | UnsetType, UNSET),
    ], forbid_unknown_fields=True)
    return msgspec.json.Decoder(line)


class _Named(Struct):
    doc_id: object = None


_DOC_ID = msgspec.json.Decoder(_Named)


def doc_id_of(line: str) -> object:
    """A line's ``doc_id`` (whatever its type), read without building the rest; None if the line is not an object."""
    try:
        return _DOC_ID.decode(line).doc_id
    except (msgspec.DecodeError, msgspec.ValidationError):
        return None


def _given(values: tuple) -> tuple:
    """The values with UNSET (a field left out) read as None."""
    return tuple(None if value is UNSET else value for value in values)


class EntityLines:
    """Reads clean entity lines of one input against its documents, schema and what its gold annotates."""

    def __init__(self, documents: Mapping[str, Document], schema: Schema, gold: bool,
                 known_versions: tuple[str, ...], annotated: Mapping[str, frozenset[str]]):
        self.documents, self.schema, self.gold, self.known_versions = documents, schema, gold, known_versions
        self.annotated = annotated
        self.entity_fields = annotated.get("entities", frozenset())
        kinds = schema.allowed("entities", "kind")
        self.decoder = _decoder(tuple(schema.entity_labels), tuple(kinds))
        #: a mention's kind as given -> as read; a kind absent from the table takes the careful path
        self.kind_of: dict = {kind: kind for kind in kinds}
        if not gold:  # a prediction without kind is a name (when the schema has kinds)
            self.kind_of.update({absent: "name" if kinds else None for absent in (None, UNSET, "")})
        elif "kind" not in self.entity_fields:
            self.kind_of = {UNSET: None}  # gold of a corpus that does not annotate kinds gives none
        self.kept_kinds = {given for given, read in self.kind_of.items() if given is read}
        self._clear: dict[str, bool] = {}  # doc_id -> no section of it refuses gold entities

    def read(self, line: str | bytes) -> Annotations | None:
        """The checked annotations of a clean line, or None when the careful path must read it."""
        try:
            data = self.decoder.decode(line)
        except (msgspec.DecodeError, msgspec.ValidationError):
            return None
        document = self.documents.get(data.doc_id)
        if document is None or not self._line_fields(data):
            return None
        items = data.entities
        if items is UNSET:
            entities = None
        else:
            entities = self._columns(items, document)
            if entities is None:
                return None
        version = None if data.guideline_version is UNSET else data.guideline_version
        return Annotations(
            data.doc_id, entities,
            None if data.claims is UNSET else (), None if data.attributions is UNSET else (),
            guideline_version=version,
        )

    def _line_fields(self, data) -> bool:
        """The line-level rules: a known guideline version, gold layers as its corpus annotates, no claim
        or attribution items (those take the careful path)."""
        version = data.guideline_version
        if self.known_versions and (version not in self.known_versions if version is not UNSET else self.gold):
            return False
        for layer in LAYERS:
            given = getattr(data, layer)
            if self.gold and (given is UNSET) == (layer in self.annotated):
                return False
            if layer != "entities" and given is not UNSET and given:
                return False
        return True

    def _columns(self, items: list, document: Document) -> MentionColumns | None:
        if self.gold and not self._sections_clear(document):
            return None
        ids, starts, ends, texts, labels, kinds, entity_ids = zip(*map(astuple, items)) if items else ((),) * 7
        text = document.text
        if starts and max(ends) > len(text):
            return None
        kinds, texts, ids = self._kinds(kinds), self._texts(texts, starts, ends, text), self._ids(ids)
        if kinds is None or texts is None or ids is None:
            return None
        texts, source = texts
        given = set(entity_ids)
        if self.gold and (UNSET in given if "entity_id" in self.entity_fields else items and given != {UNSET}):
            return None
        if UNSET in given:
            entity_ids = _given(entity_ids)
        return MentionColumns(array("q", starts), array("q", ends), labels, ids, kinds, entity_ids, texts, source)

    def _kinds(self, kinds: tuple) -> tuple | None:
        """The kinds as read, or None when one is not in the table."""
        given = set(kinds)
        if given <= self.kept_kinds:
            return kinds
        return tuple(map(self.kind_of.__getitem__, kinds)) if given <= self.kind_of.keys() else None

    def _texts(self, texts: tuple, starts: tuple, ends: tuple, text: str) -> tuple | None:
        """``(texts, source)`` for MentionColumns when every given text equals its slice (only predictions may
        leave texts out), else None. A text equal to its slice is not empty, so its ``start < end``."""
        if list(texts) == [text[start:end] for start, end in zip(starts, ends)]:
            return None, text
        if self.gold or not all(map(lt, starts, ends)) or not all(
                given is None or given == text[start:end] for start, end, given in zip(starts, ends, texts)):
            return None
        return (None if texts.count(None) == len(texts) else texts), None

    def _ids(self, ids: tuple) -> tuple | None:
        """The ids (None where left out), or None when one is empty or repeated, or gold leaves one out."""
        distinct = set(ids)
        if "" in distinct:
            return None
        if UNSET not in distinct:
            return ids if len(distinct) == len(ids) else None
        given = [id_ for id_ in ids if id_ is not UNSET]
        return None if self.gold or len(set(given)) != len(given) else _given(ids)

    def _sections_clear(self, document: Document) -> bool:
        clear = self._clear.get(document.id)
        if clear is None:
            clear = self._clear[document.id] = all(
                carries(self.schema, section.label, "entities") for section in document.sections)
        return clear
