"""Load ``guidelines/<version>/schema.yaml`` into a Schema: layers, labels, attributes, roles, kinds, yardstick bands.

The only copy of these inventories in the code: everything else asks a Schema.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

from . import resources
from .model import FIELDS


@dataclass(frozen=True, slots=True)
class YardstickBand:
    """One band of the UK Probability Yardstick; bounds are probabilities."""

    name: str
    band: int
    low: float
    high: float
    low_open: bool = False
    high_open: bool = False


@dataclass(frozen=True, slots=True)
class Schema:
    """The label inventory and attribute values of one guideline version.

    ``attributes`` maps each annotation layer (``entities``, ``claims``, ``attributions``, in the
    file's order) to its attributes and their values; ``roles`` are the spans of an attribution.
    """

    version: str
    section_labels: tuple[str, ...]
    annotatable: Mapping[str, tuple[str, ...]]
    entity_labels: tuple[str, ...]
    attributes: Mapping[str, Mapping[str, tuple[str, ...]]]
    yardstick: Mapping[str, YardstickBand]
    roles: tuple[str, ...] = ()

    @property
    def layers(self) -> tuple[str, ...]:
        """The annotation layers, in the file's order."""
        return tuple(self.attributes)

    @property
    def mention_kinds(self) -> tuple[str, ...]:
        """The kinds of an entity mention (``name``, ``nominal``, ``pronoun``)."""
        return self.attributes["entities"].get("kind", ("name",))  # without kinds, every mention is a name

    def allowed(self, layer: str, attribute: str) -> tuple[str, ...]:
        """Allowed values of ``layer.attribute`` (``entities.label`` for the entity types)."""
        if layer == "entities" and attribute == "label":
            return self.entity_labels
        return self.attributes.get(layer, {}).get(attribute, ())

    def value_sets(self) -> dict[str, tuple[str, ...]]:
        """Every inventory by its dotted path, e.g. ``claims.certainty``."""
        paths = {"sections.labels": self.section_labels, "entities.labels": self.entity_labels}
        for layer, attributes in self.attributes.items():
            for name, values in attributes.items():
                paths[f"{layer}.{name}"] = values
        return paths


LAYER_NAMES = ("entities", "claims", "attributions")


class SchemaError(ValueError):
    """A schema file that breaks the format; ``field`` is the dotted path of the culprit."""

    def __init__(self, field: str, message: str):
        self.field = field
        super().__init__(f"{field}: {message}" if field else message)


def _names(value, where: str, required: bool = True) -> tuple[str, ...]:
    if value is None and not required:
        return ()
    if not isinstance(value, list) or not value or not all(isinstance(v, str) and v for v in value):
        raise SchemaError(where, "expected a non-empty list of non-empty strings, e.g. [PER, LOC, ORG, MISC]")
    repeated = sorted({v for v in value if value.count(v) > 1})
    if repeated:
        raise SchemaError(where, f"repeated value(s): {', '.join(repeated)}")
    return tuple(value)


def _mapping(value, where: str) -> dict:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise SchemaError(where, f"expected a mapping, found {_kind(value)}")
    return value


def parse_schema(raw) -> Schema:
    """Build a Schema from the parsed YAML mapping; raises SchemaError naming the bad field.

    ``version`` and ``entities.labels`` are required; sections, attributes and the yardstick are
    optional (a corpus of its own may annotate entities only, e.g. CoNLL-2003 PER/LOC/ORG/MISC).
    """
    if not isinstance(raw, dict):
        raise SchemaError("", f"expected a YAML mapping at the top level, found {_kind(raw)}")
    unknown = sorted(set(raw) - {"version", "offsets", "sections", "yardstick", *LAYER_NAMES}, key=str)
    if unknown:
        raise SchemaError(unknown[0], f"unknown key; expected version, sections, {', '.join(LAYER_NAMES)}, yardstick")
    if not isinstance(raw.get("version"), (str, int, float)) or isinstance(raw.get("version"), bool):
        raise SchemaError("version", "missing; a schema names its version, e.g. version: \"1.0\"")
    entities = _mapping(raw.get("entities"), "entities")
    attributes = {}
    for layer in LAYER_NAMES:
        block = _mapping(raw.get(layer), layer)
        declared = _mapping(block.get("attributes"), f"{layer}.attributes")
        unknown_attributes = [name for name in declared if name not in FIELDS[layer]]
        if unknown_attributes:
            raise SchemaError(f"{layer}.attributes.{unknown_attributes[0]}",
                              f"unknown attribute; a {layer} item has {', '.join(FIELDS[layer])}")
        attributes[layer] = MappingProxyType(
            {name: _names(values, f"{layer}.attributes.{name}") for name, values in declared.items()}
        )
    sections = _mapping(raw.get("sections"), "sections")
    section_labels = _names(sections.get("labels"), "sections.labels", required=False)
    annotatable = {}
    for label, layers in _mapping(sections.get("annotatable"), "sections.annotatable").items():
        where = f"sections.annotatable.{label}"
        if label not in section_labels:
            raise SchemaError(where, f"{label!r} is not in sections.labels")
        if not isinstance(layers, list) or not set(layers) <= set(LAYER_NAMES):
            raise SchemaError(where, f"expected a list of layers from {', '.join(LAYER_NAMES)}")
        annotatable[label] = tuple(layers)
    yardstick = {}
    for name, bounds in _mapping(raw.get("yardstick"), "yardstick").items():
        try:
            yardstick[name] = YardstickBand(name=name, **bounds)
        except TypeError:
            raise SchemaError(f"yardstick.{name}", "expected {band, low, high} (optionally low_open, high_open)") from None
    return Schema(
        version=str(raw["version"]),
        section_labels=section_labels,
        annotatable=MappingProxyType(annotatable),
        entity_labels=_names(entities.get("labels"), "entities.labels"),
        attributes=MappingProxyType(attributes),
        yardstick=MappingProxyType(yardstick),
        roles=_names(_mapping(raw.get("attributions"), "attributions").get("roles", ["source", "cue", "content"]),
                     "attributions.roles"),
    )


def _kind(value) -> str:
    """What a YAML value is, in words (an empty file is nothing, not ``NoneType``)."""
    from .io.errors import json_type

    return "an empty file" if value is None else json_type(value)


#: The bundled schemas already parsed, by the SHA-256 of their text, so that scoring with a bundled schema needs
#: no YAML parser (importing PyYAML costs a tenth of scoring the article). A schema whose text is not here is read
#: as YAML. Written by :func:`write_parsed` (tests/test_schema.py checks it against PyYAML).
PARSED = Path(__file__).with_name("schemas.json")


def _digest(text: str) -> str:
    import hashlib

    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _parsed(text: str):
    """The parsed YAML mapping of a bundled schema's text; None for any other text."""
    import json

    try:
        return json.loads(PARSED.read_text(encoding="utf-8")).get(_digest(text))
    except OSError:  # not shipped: read the YAML
        return None


def _parse_yaml(text: str, path: Path):
    import yaml  # imported here: only a schema that is not bundled needs it

    try:
        # the C loader when PyYAML has it: the pure-Python one costs a fifth of a second per run
        return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as error:
        raise _not_yaml(path, error) from None


def _not_yaml(path: Path, error: Exception):
    from .io.errors import InputError, Problem

    mark = getattr(error, "problem_mark", None)
    line = None if mark is None else mark.line + 1
    return InputError([Problem(str(path), f"not valid YAML: {getattr(error, 'problem', error)}", line=line)])


def read_schema(path: Path | str) -> Schema:
    """A schema file (the format of ``guidelines/v1.0/schema.yaml``); raises InputError naming file and field."""
    from .io.errors import InputError, Problem

    path = Path(path)
    if path.is_dir():
        raise InputError([Problem(str(path), "is a folder; expected a schema .yaml file", hint="give the file")])
    if not path.is_file():
        raise InputError([Problem(str(path), "schema file not found", hint="check the path")])
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise _not_yaml(path, error) from None
    raw = _parsed(text)
    if raw is None:
        raw = _parse_yaml(text, path)
    try:
        return parse_schema(raw)
    except SchemaError as error:
        raise InputError([Problem(str(path), str(error).split(": ", 1)[-1], field=error.field or None)]) from None


@lru_cache(maxsize=None)
def load_schema(version: str = resources.DEFAULT_GUIDELINE_VERSION) -> Schema:
    """The bundled schema of a guideline version; raises KeyError for an unknown version."""
    path = resources.schema_path(version)
    if not path.is_file():
        known = ", ".join(resources.known_guideline_versions()) or "none"
        raise KeyError(f"unknown guideline version {version!r}; known versions: {known}")
    return read_schema(path)


def write_parsed() -> None:
    """Write :data:`PARSED` from the bundled schema files, in their order (after changing one):
    ``python -c "from saidbench.schema import write_parsed; write_parsed()"``."""
    import json

    texts = [resources.schema_path(v).read_text(encoding="utf-8") for v in resources.known_guideline_versions()]
    parsed = {_digest(text): _parse_yaml(text, PARSED) for text in texts}
    PARSED.write_text(json.dumps(parsed, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
