"""The extraction prompt: instructions, the guidelines' definitions of every label and value, the output format.

Rendered from a guideline version's ``schema.yaml`` (which values exist) and its ``GUIDELINES.md`` (the
``#### Values: <layer>.<attribute>`` tables that define them, and the quick reference of Appendix A).
Only versions whose examples are the guidelines' own may be used: v1.0 quotes the benchmark's article,
so a prompt made from it would show a model the answers (``tests/test_prompt.py`` checks the prompt
holds no sentence of any bundled document).
"""

from __future__ import annotations

import hashlib
import json
import re

from .. import resources
from ..usage import UsageError
from ..schema import load_schema

LAYERS = ("entities", "claims", "attributions")
#: guideline versions that quote a bundled document in their examples (never rendered into a prompt)
QUOTES_THE_BENCHMARK = frozenset({"1.0"})
_VALUES = re.compile(r"^#### Values: (\S+)\n((?:\|.*\n)+)", re.M)
_QUICK = re.compile(r"^\* (Offsets|Entities|Attributions|Claims): (.*(?:\n  .*)*)", re.M)
_QUICK_LAYER = {"Spans": None, "Entities": "entities", "Attributions": "attributions", "Claims": "claims"}

_ITEM_FIELDS = {
    "entities": '{"text": ..., "label": ..., "kind": ...}',
    "claims": '{"text": ..., "certainty": ..., "hedges": [span, ...], "commitment": ..., "polarity": ..., '
              '"claim_type": ..., "modality": ...}',
    "attributions": '{"source": span or null, "cue": span, "content": span, "source_type": ..., '
                    '"quote_type": ..., "cue_polarity": ...}',
}
_EXAMPLE_TEXT = "The city council said “the bridge will reopen before the winter.”"
_EXAMPLE = {
    "entities": [],
    "claims": [{"text": "the bridge will reopen before the winter", "certainty": "none", "hedges": [],
                "commitment": "attributed", "polarity": "positive", "claim_type": "prediction",
                "modality": "actual"}],
    "attributions": [{"source": {"text": "The city council"}, "cue": {"text": "said"},
                      "content": {"text": "the bridge will reopen before the winter"},
                      "source_type": "government_body", "quote_type": "direct", "cue_polarity": "affirmed"}],
}


def prompt_version() -> str:
    """The newest guideline version that may be rendered into a prompt."""
    usable = [v for v in resources.known_guideline_versions() if v not in QUOTES_THE_BENCHMARK]
    if not usable:
        raise UsageError("no guideline version without the benchmark's own text is bundled")
    return max(usable, key=lambda v: tuple(int(part) for part in v.split(".")))


def parse_layers(value: str | None) -> tuple[str, ...]:
    """``"entities,claims"`` -> the layers in their canonical order; raises UsageError for an unknown one."""
    if value is None:
        return LAYERS
    asked = [part.strip() for part in value.split(",") if part.strip()]
    unknown = [part for part in asked if part not in LAYERS]
    if unknown or not asked:
        raise UsageError(f"unknown layer {unknown[0] if unknown else value!r}; choose from {', '.join(LAYERS)}")
    return tuple(layer for layer in LAYERS if layer in asked)


def render_prompt(layers: tuple[str, ...] = LAYERS, version: str | None = None) -> str:
    """The system prompt for extracting ``layers`` under guideline ``version`` (default: :func:`prompt_version`)."""
    version = version or prompt_version()
    if version in QUOTES_THE_BENCHMARK:
        raise UsageError(f"guidelines v{version} quote the benchmark's own article; a prompt cannot use them")
    schema = load_schema(version)
    guidelines = (resources.guidelines_dir(version) / "GUIDELINES.md").read_text(encoding="utf-8")
    tables = {path: table.rstrip("\n") for path, table in _VALUES.findall(guidelines)}
    quick = [(name, " ".join(text.split())) for name, text in _QUICK.findall(guidelines)]
    # the offsets bullet's first sentence is about offsets, which the model does not write: keep its trimming rule
    quick = [("Spans", text.split(". ", 1)[-1]) if name == "Offsets" else (name, text) for name, text in quick]
    parts = [
        "You annotate one English news document for saidbench: who said what, about whom, and how sure. "
        f"Follow the saidbench annotation guidelines v{version}. Annotate these layers: {', '.join(layers)}.",
        "## Output\n\n"
        f"Reply with one JSON object and nothing else, with the keys {', '.join(json.dumps(l) for l in layers)}, "
        "each a list (an empty list when the document has none).\n"
        'Give every span by its text, copied exactly from the document (same spelling, punctuation and quote '
        'marks): {"text": "..."}. When that text occurs more than once in the document, add "occurrence": n '
        '(1-based, in document order) or "context": a longer stretch of the document that occurs only once and '
        'contains it. For a span with a gap (a quotation interrupted by its cue), write "..." where the left-out '
        "words are. Use only the attribute values listed below.",
    ]
    for layer in layers:
        section = [f"## {layer}\n\nEach item: {_ITEM_FIELDS[layer]}"]
        for name in _attribute_paths(schema, layer):
            if name in tables:
                section.append(f"`{_field(name)}` ({name}):\n{tables[name]}")
            else:
                values = schema.allowed(*name.split("."))
                section.append(f"`{_field(name)}`: one of {', '.join(values)}")
        parts.append("\n\n".join(section))
    rules = [f"* {name}: {text}" for name, text in quick if _QUICK_LAYER[name] in (None, *layers)]
    if rules:
        parts.append(f"## Rules in brief (guidelines v{version}, quick reference)\n\n" + "\n".join(rules))
    example = {layer: _EXAMPLE[layer] for layer in layers}
    parts.append(f"## Example (an invented text)\n\nDocument: {_EXAMPLE_TEXT}\n\nReply: "
                 + json.dumps(example, ensure_ascii=False))
    return "\n\n".join(parts) + "\n"


def user_message(document_text: str) -> str:
    """The message that hands a model the document."""
    return f"Document:\n\n{document_text}"


def prompt_hash(prompt: str) -> str:
    """The first 12 hex digits of the prompt's SHA-256: it names the prompt in signatures and the cache."""
    return hashlib.sha256(prompt.encode("utf-8")).hexdigest()[:12]


def _field(path: str) -> str:
    """The item field a value set fills: ``entities.labels`` -> ``label``, ``claims.certainty`` -> ``certainty``."""
    return "label" if path == "entities.labels" else path.split(".", 1)[1]


def _attribute_paths(schema, layer: str) -> list[str]:
    if layer == "entities":
        return ["entities.labels", *(f"entities.{name}" for name in schema.attributes["entities"])]
    return [f"{layer}.{name}" for name in schema.attributes[layer]]
