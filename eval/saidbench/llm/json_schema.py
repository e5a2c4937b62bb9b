"""The JSON Schema (draft 2020-12) of one prediction line, generated from a guideline version's schema.yaml.

Labels and attribute values are enums taken from the Schema, so the JSON Schema can never drift from
the checker. It describes the format's fields only (docs/FORMAT.md): the checker tolerates extra fields
in predictions, the JSON Schema does not, so a model held to it writes none. It is usable as a
structured-output schema; the checker still runs on every line (offsets, ids, references).
"""

from __future__ import annotations

from ..schema import Schema

DIALECT = "https://json-schema.org/draft/2020-12/schema"
_NULLABLE_STRING = {"type": ["string", "null"]}


def _enum(values, nullable: bool = True) -> dict:
    return {"enum": [*values, None] if nullable else list(values)}


def _span_properties() -> dict:
    """A span by offsets, by fragments, or by its text alone (with ``occurrence`` or ``context``)."""
    return {
        "start": {"type": "integer", "minimum": 0},
        "end": {"type": "integer", "minimum": 1},
        "fragments": {
            "type": "array", "minItems": 1,
            "items": {"type": "array", "prefixItems": [{"type": "integer", "minimum": 0}] * 2,
                      "minItems": 2, "maxItems": 2},
        },
        "text": {"anyOf": [{"type": "string", "minLength": 1},
                           {"type": "array", "items": {"type": "string"}, "minItems": 1}]},
        "occurrence": {"type": "integer", "minimum": 1},
        "context": {"type": "string", "minLength": 1},
    }


_SPAN_FORMS = [{"required": ["start", "end"]}, {"required": ["fragments"]}, {"required": ["text"]}]


def _item(properties: dict, required: tuple[str, ...] = (), span: bool = False) -> dict:
    item = {
        "type": "object",
        "properties": {**(_span_properties() if span else {}), **properties},
        "additionalProperties": False,
    }
    if required:
        item["required"] = list(required)
    if span:
        item["anyOf"] = _SPAN_FORMS
    return item


def prediction_line_schema(schema: Schema) -> dict:
    """The JSON Schema of one prediction line under ``schema``."""
    attributes = schema.attributes
    span = {"$ref": "#/$defs/span"}
    mention = _item(
        {"id": {"type": "string", "minLength": 1}, "label": _enum(schema.entity_labels, nullable=False),
         "kind": _enum(attributes["entities"]["kind"]), "entity_id": _NULLABLE_STRING},
        required=("label",), span=True,
    )
    claim = _item(
        {"id": {"type": "string", "minLength": 1},
         **{name: _enum(values) for name, values in attributes["claims"].items()},
         "hedges": {"type": "array", "items": span}, "attribution": _NULLABLE_STRING},
        span=True,
    )
    attribution = _item(
        {"id": {"type": "string", "minLength": 1},
         "source": {"anyOf": [span, {"type": "null"}]}, "cue": span, "content": span,
         **{name: _enum(values) for name, values in attributes["attributions"].items()},
         "source_entity": _NULLABLE_STRING, "parent": _NULLABLE_STRING},
        required=("cue", "content"),
    )
    return {
        "$schema": DIALECT,
        "title": f"saidbench prediction line (guidelines v{schema.version})",
        "description": "One document's predictions: absent layer = not predicted, [] = predicted nothing. "
                       "Offsets are Unicode code points, half-open, over the exact document text.",
        "type": "object",
        "properties": {
            "doc_id": {"type": "string", "minLength": 1},
            "guideline_version": {"type": "string"},
            "entities": {"type": "array", "items": {"$ref": "#/$defs/mention"}},
            "claims": {"type": "array", "items": {"$ref": "#/$defs/claim"}},
            "attributions": {"type": "array", "items": {"$ref": "#/$defs/attribution"}},
        },
        "required": ["doc_id"],
        "additionalProperties": False,
        "$defs": {
            "span": _item({}, span=True),
            "mention": mention,
            "claim": claim,
            "attribution": attribution,
        },
    }
