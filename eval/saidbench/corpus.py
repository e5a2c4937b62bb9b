"""A corpus: its documents, its gold, its schema and which layers and fields the gold annotates.

The bundled article is one corpus (:meth:`Corpus.bundled`). Any other is named by a manifest,
``corpus.yaml`` (docs/FORMAT.md), or given as files (:meth:`Corpus.from_files`), in which case what
the gold annotates is read off the gold itself: a layer is annotated when some gold line gives it, a
field when some gold item of that layer gives it. A layer or field the gold does not annotate is
neither required in the gold nor scored, and the signature says so.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Mapping

from . import resources
from .io.errors import InputError, Problem
from .model import EVERYTHING, FIELDS, LAYERS, Document
from .formats.brat import Names, hash_files
from .schema import Schema, load_schema, read_schema

MANIFEST = "corpus.yaml"
_MANIFEST_KEYS = ("name", "documents", "gold", "schema", "annotates", "brat")


@dataclass(frozen=True)
class Corpus:
    """Documents (a ``.jsonl`` file or a brat folder), gold, schema (None: the bundled one) and
    ``annotated`` (layer -> annotated fields; a layer that is no key is not annotated)."""

    name: str
    documents_path: Path
    gold_path: Path | None
    schema_path: Path | None = None
    annotated: Mapping[str, frozenset[str]] = field(default_factory=lambda: dict(EVERYTHING))
    is_bundled: bool = False
    #: the bundled guideline version whose schema applies when ``schema_path`` is None (None: the default)
    guideline_version: str | None = None
    #: brat type and role names and label mapping (the manifest's ``brat:``), for brat folders
    brat: Names = field(default_factory=Names)

    # -- making one ---------------------------------------------------------------------------------

    @classmethod
    def bundled(cls, gold: Path | str | None = None, version: str | None = None) -> Corpus:
        """The bundled article with the bundled gold of ``version`` (default: the current one) and its
        guidelines' schema; ``gold`` replaces the bundled gold (it must still annotate everything)."""
        gold_path = Path(gold) if gold is not None else resources.gold_path(version)
        return cls("saidbench", resources.documents_path(), gold_path, is_bundled=True, guideline_version=version)

    @classmethod
    def from_files(
        cls, documents: Path | str, gold: Path | str | None = None, schema: Path | str | None = None,
        name: str | None = None,
    ) -> Corpus:
        """A corpus given as files; what it annotates is read off the gold (everything when there is none)."""
        documents, gold = Path(documents), None if gold is None else Path(gold)
        annotated = dict(EVERYTHING) if gold is None else infer_annotated(gold)
        return cls(name or documents.stem, documents, gold, None if schema is None else Path(schema), annotated)

    @classmethod
    def load(cls, path: Path | str) -> Corpus:
        """The corpus of a manifest file, or of a folder holding ``corpus.yaml``; raises InputError."""
        path = Path(path)
        manifest = path / MANIFEST if path.is_dir() else path
        if not manifest.is_file():
            raise InputError([Problem(str(manifest), "corpus manifest not found",
                                      hint=f"pass a {MANIFEST} file or the folder that holds one")])
        import yaml  # imported here: the bundled corpus has no manifest to read

        try:
            raw = yaml.safe_load(manifest.read_text(encoding="utf-8"))
        except (yaml.YAMLError, UnicodeDecodeError) as error:
            raise InputError([Problem(str(manifest), f"not valid YAML: {error}")]) from None
        return cls._from_manifest(raw, manifest)

    @classmethod
    def _from_manifest(cls, raw, manifest: Path) -> Corpus:
        def problem(key: str, message: str, hint: str | None = None) -> InputError:
            return InputError([Problem(str(manifest), message, field=key, hint=hint)])

        if not isinstance(raw, dict):
            raise problem(None, "expected a mapping with " + ", ".join(_MANIFEST_KEYS))
        for key in raw:
            if key not in _MANIFEST_KEYS:
                raise problem(key, "unknown key", hint=f"expected {', '.join(_MANIFEST_KEYS)}")
        for key in ("name", "documents"):
            if not isinstance(raw.get(key), str) or not raw[key]:
                raise problem(key, "missing; expected a string")
        paths = {}
        for key in ("documents", "gold", "schema"):
            if raw.get(key) is None:
                paths[key] = None
                continue
            if not isinstance(raw[key], str):
                raise problem(key, "expected a path relative to the manifest")
            paths[key] = manifest.parent / raw[key]
            if not paths[key].exists():
                raise problem(key, f"{paths[key]} not found", hint="paths are relative to the manifest's folder")
        names = _brat_names(raw.get("brat"), problem)
        annotated = (
            infer_annotated(paths["gold"], names) if "annotates" not in raw and paths["gold"] is not None
            else _declared(raw.get("annotates"), problem)
        )
        return cls(raw["name"], paths["documents"], paths["gold"], paths["schema"], annotated, brat=names)

    # -- what it holds ----------------------------------------------------------------------------------

    @cached_property
    def schema(self) -> Schema:
        if self.schema_path is not None:
            return read_schema(self.schema_path)
        return load_schema(self.guideline_version or resources.DEFAULT_GUIDELINE_VERSION)

    @cached_property
    def documents(self) -> Mapping[str, Document]:
        """The documents by id (a large file's indexed, not held: ``io.documents.open_documents``); raises
        InputError if the documents file has problems."""
        from .io.documents import MINIMAL, REQUIRED, open_documents

        if self.documents_path.is_dir():
            from .formats import brat

            return brat.read_documents(self.documents_path)
        found, problems = open_documents(
            self.documents_path, self.schema.section_labels, REQUIRED if self.is_bundled else MINIMAL
        )
        if problems:
            raise InputError(problems)
        return found

    @property
    def known_versions(self) -> tuple[str, ...]:
        """Guideline versions the gold may name: saidbench's for the bundled corpus, any for another."""
        return resources.known_guideline_versions() if self.is_bundled else ()

    def unannotated(self) -> tuple[str, ...]:
        """What the gold does not annotate: layers (``claims``) and fields (``attributions.source_type``)."""
        out = []
        for layer in LAYERS:
            if layer not in self.annotated:
                out.append(layer)
            else:
                out += [f"{layer}.{name}" for name in FIELDS[layer] if name not in self.annotated[layer]]
        return tuple(out)

    def digest(self) -> str:
        """The first 8 hex digits of the SHA-256 of the documents, the gold and what it annotates."""
        hashed = hashlib.sha256()
        for path in (self.documents_path, self.gold_path):
            if path is not None:
                hash_files(hashed, path)
        hashed.update(repr(self.unannotated()).encode("utf-8"))
        return hashed.hexdigest()[:8]

    def tag(self) -> str | None:
        """``name@digest`` for the signature; None for the bundled article (its gold tag says it all)."""
        return None if self.is_bundled else f"{self.name}@{self.digest()}"

    def gold_tag(self, versions, digest: str) -> str:
        """The signature's ``gold`` field: the guideline ``versions`` the gold was made under and its digest.

        The bundled gold's versions are saidbench's guideline folders (``v1.1@...``); another corpus's
        are given as its schema or gold names them (``conll2003@...``), beside the corpus tag.
        """
        return f"{'v' if self.is_bundled else ''}{'+'.join(versions)}@{digest}"


def _brat_names(value, problem) -> Names:
    """``brat:`` of a manifest: the fields of :class:`~saidbench.formats.brat.Names` (lists for tuples)."""
    if value is None:
        return Names()
    if not isinstance(value, dict):
        raise problem("brat", "expected a mapping, e.g. brat: {labels: {Person: PER}}")
    defaults = Names()
    out = {}
    for key, given in value.items():
        if not hasattr(defaults, key) or key == "role_types":
            raise problem(f"brat.{key}", "unknown key", hint="see docs/FORMAT.md, brat standoff")
        expected = type(getattr(defaults, key))
        if expected is tuple and isinstance(given, list) and all(isinstance(v, str) for v in given):
            given = tuple(given)
        elif key == "flags" and isinstance(given, dict):
            given = {k: tuple(v) for k, v in given.items()}
        if not isinstance(given, (dict, tuple, str)) or (expected is str) != isinstance(given, str):
            raise problem(f"brat.{key}", f"expected {'a string' if expected is str else 'a list or mapping'}")
        out[key] = given
    return Names(**out)


def _declared(value, problem) -> dict[str, frozenset[str]]:
    """``annotates:`` of a manifest: layer -> list of its annotated fields (``[]``: spans and labels only)."""
    if value is None:
        return dict(EVERYTHING)
    if not isinstance(value, dict) or not value:
        raise problem("annotates", "expected a mapping of layer -> list of annotated fields",
                      hint="e.g. annotates: {entities: [kind], attributions: [quote_type]}")
    out = {}
    for layer, fields in value.items():
        if layer not in LAYERS:
            raise problem(f"annotates.{layer}", "unknown layer", hint=f"expected one of {', '.join(LAYERS)}")
        fields = list(FIELDS[layer]) if fields == "all" else fields
        if not isinstance(fields, list) or not all(isinstance(f, str) for f in fields):
            raise problem(f"annotates.{layer}", "expected a list of field names or 'all'")
        unknown = [f for f in fields if f not in FIELDS[layer]]
        if unknown:
            raise problem(f"annotates.{layer}", f"unknown field {unknown[0]!r}",
                          hint=f"fields of {layer}: {', '.join(FIELDS[layer])} (spans, ids and labels are always annotated)")
        out[layer] = frozenset(fields)
    return out


def infer_annotated(gold: Path, names: Names = Names()) -> dict[str, frozenset[str]]:
    """What a gold annotates, read off it: the layers some line gives, the fields some item gives.

    Unreadable lines are skipped here: the checking path reports them when the gold is read. A gold of which
    nothing can be read (missing, empty, an empty folder, no valid line) raises InputError with its problems,
    instead of passing for a gold that annotates nothing.
    """
    records, problems = gold_records(gold, names)
    if problems and not records:
        raise InputError(problems)
    return annotated_by(records)


def annotated_by(records) -> dict[str, frozenset[str]]:
    found: dict[str, set[str]] = {}
    for record in records:
        for layer in LAYERS:
            items = record.data.get(layer)
            if isinstance(items, list):
                names = found.setdefault(layer, set())
                names.update(n for item in items if isinstance(item, dict) for n in item if n in FIELDS[layer])
    return {layer: frozenset(names) for layer, names in found.items()}


def gold_records(path: Path, names: Names = Names()):
    """The annotation lines of a gold ``.jsonl`` file or brat folder, and the problems of reading them."""
    if path.is_dir():
        from .formats import brat

        found = brat.read(path, names=names)
        return found.records, found.problems
    from .io.jsonl import read_jsonl

    return read_jsonl(path)
