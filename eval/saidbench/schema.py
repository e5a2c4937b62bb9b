"""Load ``guidelines/<version>/schema.yaml`` into a Schema: layers, labels, attributes, roles, kinds, yardstick bands.

The only copy of these inventories in the code: everything else asks a Schema.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType
from typing import Mapping

import yaml

from . import resources


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
        return self.attributes["entities"]["kind"]

    def allowed(self, layer: str, attribute: str) -> tuple[str, ...]:
        """Allowed values of ``layer.attribute`` (``entities.label`` for the entity types)."""
        if layer == "entities" and attribute == "label":
            return self.entity_labels
        return self.attributes[layer][attribute]

    def value_sets(self) -> dict[str, tuple[str, ...]]:
        """Every inventory by its dotted path, e.g. ``claims.certainty``."""
        paths = {"sections.labels": self.section_labels, "entities.labels": self.entity_labels}
        for layer, attributes in self.attributes.items():
            for name, values in attributes.items():
                paths[f"{layer}.{name}"] = values
        return paths


def parse_schema(raw: dict) -> Schema:
    """Build a Schema from the parsed YAML mapping."""
    # an annotation layer is a top-level mapping with attributes (sections have labels only)
    attributes = {
        layer: MappingProxyType({name: tuple(values) for name, values in spec["attributes"].items()})
        for layer, spec in raw.items()
        if isinstance(spec, dict) and "attributes" in spec
    }
    yardstick = {
        name: YardstickBand(name=name, **bounds) for name, bounds in raw["yardstick"].items()
    }
    return Schema(
        version=str(raw["version"]),
        section_labels=tuple(raw["sections"]["labels"]),
        annotatable=MappingProxyType(
            {label: tuple(layers) for label, layers in raw["sections"]["annotatable"].items()}
        ),
        entity_labels=tuple(raw["entities"]["labels"]),
        attributes=MappingProxyType(attributes),
        yardstick=MappingProxyType(yardstick),
        roles=tuple(raw["attributions"]["roles"]),
    )


@lru_cache(maxsize=None)
def load_schema(version: str = resources.DEFAULT_GUIDELINE_VERSION) -> Schema:
    """The bundled schema of a guideline version; raises KeyError for an unknown version."""
    path = resources.schema_path(version)
    if not path.is_file():
        known = ", ".join(resources.known_guideline_versions()) or "none"
        raise KeyError(f"unknown guideline version {version!r}; known versions: {known}")
    with path.open(encoding="utf-8") as handle:
        # the C loader when PyYAML has it: the pure-Python one costs a fifth of a second per run
        return parse_schema(yaml.load(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)))
