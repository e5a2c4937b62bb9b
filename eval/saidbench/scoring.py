"""evaluate(): load, score each document into per-unit counts, sum them -> Result with its signature.

Documents and layers that cannot be scored are reported, not silently scored as zero:
a gold document absent from the predictions is listed in ``missing_documents`` and a layer absent
from a prediction line (None) in ``not_predicted``; under ``strict_layers`` both are scored as
empty predictions (every gold item missed) and still listed. Coreference is "not predicted" in a
document when no predicted mention carries an ``entity_id``; under ``strict_layers`` its predicted
mentions are then scored as singletons.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Mapping

from . import resources
from ._version import __version__
from .counts import AbsError, Confusion, Key, LinkCounts, Ratio, Tally, macro, total
from .io.annotations import Loaded
from .io.errors import InputError
from .io.normalize import ALIGN_MODES, DEFAULT_ALIGN
from .io.offsets import UNITS
from .matching import Tokens
from .model import Annotations, Document
from .outcomes import ItemOutcome, select
from .schema import Schema, load_schema
from .schemes import SCHEMES, Scheme
from .tasks import Collector, Options, Unit, attribution, claims, coreference, entities

TASKS = ("entities", "claims", "attribution", "coreference")
LAYER = {"entities": "entities", "claims": "claims", "attribution": "attributions", "coreference": "entities"}
MENTION_KINDS = ("name", "nominal", "pronoun")
_OFFSET_TAG = {"codepoint": "cp", "utf8": "utf8", "utf16": "utf16"}


@dataclass(frozen=True, slots=True)
class Settings:
    """Every option that changes a number, and the versions of code and gold: the signature's content."""

    tasks: tuple[str, ...]
    schemes: tuple[str, ...]
    offsets: str = "codepoint"
    min_overlap: float = 0.0
    strict_layers: bool = False
    mention_kinds: tuple[str, ...] = ("name",)
    #: the policy that placed text-only items; None when the predictions hold none (it changed nothing)
    align: str | None = None
    gold: str = "v1.0"
    version: str = __version__
    #: ``"answered/total"`` documents when a failed extractor run was scored anyway (``--allow-partial``).
    partial: str | None = None

    def signature(self, task: str | None = None, scheme: str | None = None, avg: str | None = None) -> str:
        """A sacreBLEU-style signature, e.g. ``saidbench:0.1.0|gold:v1.0@…|task:entities|scheme:strict|…``."""
        parts = [
            f"saidbench:{self.version}",
            f"gold:{self.gold}",
            f"task:{task or '+'.join(self.tasks)}",
            f"scheme:{scheme or '+'.join(self.schemes)}",
        ]
        if avg:
            parts.append(f"avg:{avg}")
        parts.append(f"offsets:{_OFFSET_TAG[self.offsets]}")
        if self.align is not None:
            parts.append(f"align:{self.align}")
        parts += [
            f"min-overlap:{self.min_overlap:g}",
            f"layers:{'strict' if self.strict_layers else 'lenient'}",
        ]
        if task in (None, "entities") and "entities" in self.tasks:
            parts.append(f"mentions:{'+'.join(self.mention_kinds)}")
        if self.partial:
            parts.append(f"partial:{self.partial}")
        return "|".join(parts)

    def as_dict(self) -> dict:
        return {
            "tasks": list(self.tasks), "schemes": list(self.schemes), "offsets": self.offsets,
            "min_overlap": self.min_overlap, "strict_layers": self.strict_layers,
            "mention_kinds": list(self.mention_kinds), "align": self.align, "gold": self.gold, "version": self.version,
            **({"partial": self.partial} if self.partial else {}),
        }


@dataclass(frozen=True, slots=True)
class Result:
    """Counts per unit (document section) plus everything that was not scored and why.

    ``per_unit`` is the state; :attr:`total`, :meth:`per_document` and :meth:`scores` are derived.
    A statistics module resamples ``per_unit`` (or ``per_document()``) and calls
    :func:`scores` on each resampled sum. ``errors`` is the error report: every item outcome other
    than ``correct`` (entity mentions, claims, attribution relations; per scheme), recorded from
    the alignments that produced the counts, in document, task and scheme order, then text order.
    """

    settings: Settings
    per_unit: Mapping[Unit, Tally]
    documents: tuple[str, ...] = ()
    missing_documents: tuple[str, ...] = ()
    unscored_documents: tuple[str, ...] = ()
    not_predicted: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    unplaced: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    errors: tuple[ItemOutcome, ...] = ()

    def errors_for(
        self, task: str | None = None, scheme: str | None = None, outcome: str | None = None, doc_id: str | None = None
    ) -> tuple[ItemOutcome, ...]:
        """The errors matching every criterion given, e.g. ``errors_for("entities", "strict", "missed")``."""
        return select(self.errors, task, scheme, outcome, doc_id)

    @property
    def total(self) -> Tally:
        return total(self.per_unit[unit] for unit in sorted(self.per_unit, key=_unit_order))

    def per_document(self) -> dict[str, Tally]:
        out: dict[str, Tally] = {}
        for unit in sorted(self.per_unit, key=_unit_order):
            out[unit.doc_id] = out.get(unit.doc_id, Tally()) + self.per_unit[unit]
        return out

    def scores(self, tally: Tally | None = None) -> dict:
        """Scores of the whole result, or of any tally (a document, a resample) under the same settings."""
        return scores(self.total if tally is None else tally, self.settings)

    def signature(self, task: str | None = None, scheme: str | None = None, avg: str | None = None) -> str:
        return self.settings.signature(task, scheme, avg)


def _unit_order(unit: Unit) -> tuple:
    return (unit.doc_id, unit.section is None, unit.section or "")


# -- loading --------------------------------------------------------------------------------------


def _load(source, kind: str, offsets: str, documents, schema, align: str = DEFAULT_ALIGN) -> Loaded:
    """The checked annotations of any accepted input form (see ``io.inputs``); raises InputError."""
    from .validate import load_checked

    loaded = load_checked(source, kind=kind, offsets=offsets, documents=documents, schema=schema, align=align)
    if loaded.problems:
        raise InputError(loaded.problems)
    return loaded


def _choices(value, allowed: tuple[str, ...], what: str) -> tuple[str, ...]:
    values = allowed if value in (None, "all") else (value,) if isinstance(value, str) else tuple(value)
    for v in values:
        if v not in allowed:
            raise ValueError(f"unknown {what} {v!r}; expected one of {', '.join(allowed)} or 'all'")
    return tuple(v for v in allowed if v in values)


# -- evaluate -------------------------------------------------------------------------------------


def evaluate(
    pred,
    gold=None,
    *,
    task: str | tuple[str, ...] = "all",
    scheme: str | tuple[str, ...] = "all",
    offsets: str = "codepoint",
    min_overlap: float = 0.0,
    strict_layers: bool = False,
    mention_kinds: tuple[str, ...] = ("name",),
    align: str = DEFAULT_ALIGN,
    documents: Mapping[str, Document] | None = None,
    schema: Schema | None = None,
    gold_version: str | None = None,
) -> Result:
    """Score predictions against gold (default: the bundled ``annotations/gold.jsonl``).

    ``pred`` and ``gold`` are paths, line dicts in the file format (one, a list, or ``{doc_id: line}``),
    Annotations (one, a list or ``{doc_id: Annotations}``) or :class:`~saidbench.io.annotations.Loaded`;
    ``gold=None`` means the bundled gold, an empty list or mapping means no gold. Every form passes the
    same checks (``io.inputs``). ``offsets`` applies to prediction offsets only.
    ``align`` is the normalisation policy for placing text-only prediction items (``exact`` or ``normalized``).
    ``gold_version`` picks a version of the bundled gold (and its guidelines' schema) when ``gold`` is None.
    Raises InputError for invalid input, ValueError (OptionError) for invalid options.
    """
    from .validate import load_documents

    tasks = _choices(task, TASKS, "task")
    schemes = _choices(scheme, tuple(SCHEMES), "scheme")
    if offsets not in UNITS:
        raise ValueError(f"unknown offset unit {offsets!r}; expected one of {', '.join(UNITS)}")
    if not 0.0 <= min_overlap <= 1.0:
        raise ValueError(f"min_overlap must be between 0 and 1, not {min_overlap!r}")
    if align not in ALIGN_MODES:
        raise ValueError(f"unknown alignment policy {align!r}; expected one of {', '.join(ALIGN_MODES)}")
    kinds = _choices(tuple(mention_kinds), MENTION_KINDS, "mention kind")
    if gold_version is not None and gold is not None:
        raise ValueError("give either a gold file or a bundled gold version, not both")
    gold_version = gold_version or resources.DEFAULT_GOLD_VERSION
    schema = schema or load_schema(gold_version)
    documents = documents if documents is not None else load_documents(schema=schema)

    gold_source = resources.gold_path(gold_version) if gold is None else gold
    gold_loaded = _load(gold_source, "gold", "codepoint", documents, schema)
    pred_loaded = _load(pred, "predictions", offsets, documents, schema, align)
    gold_annotations, pred_annotations = gold_loaded.annotations, pred_loaded.annotations
    versions = sorted({a.guideline_version for a in gold_annotations.values() if a.guideline_version}) or [schema.version]
    settings = Settings(
        tasks, schemes, offsets, min_overlap, strict_layers, kinds, align if pred_loaded.text_only else None,
        gold=f"v{'+'.join(versions)}@{gold_loaded.digest}"
    )
    options = Options(tuple(SCHEMES[name] for name in schemes), min_overlap, kinds)

    per_unit: dict[Unit, Tally] = {}
    missing, scored = [], []
    not_predicted: dict[str, list[str]] = {t: [] for t in tasks}
    warnings: list[str] = []
    errors: list[ItemOutcome] = []
    for doc_id in sorted(gold_annotations):
        gold_doc = gold_annotations[doc_id]
        pred_doc = pred_annotations.get(doc_id)
        if pred_doc is None:
            missing.append(doc_id)
            if not strict_layers:
                continue
            pred_doc = Annotations(doc_id, (), (), ())
        scored.append(doc_id)
        warnings.extend(_duplicates(pred_doc))
        collector = _score_document(
            documents[doc_id], gold_doc, pred_doc, tasks, options, strict_layers, schema,
            pred_loaded.unplaced_roles.get(doc_id, frozenset()), not_predicted,
        )
        for unit, tally in collector.tallies().items():
            per_unit[unit] = per_unit.get(unit, Tally()) + tally
        errors.extend(collector.outcomes())
    return Result(
        settings=settings,
        per_unit=MappingProxyType(per_unit),
        documents=tuple(scored),
        missing_documents=tuple(missing),
        unscored_documents=tuple(sorted(set(pred_annotations) - set(gold_annotations))),
        not_predicted=MappingProxyType({t: tuple(docs) for t, docs in not_predicted.items() if docs}),
        unplaced=tuple(str(p) for p in pred_loaded.unresolved),
        warnings=tuple(warnings),
        errors=tuple(errors),
    )


def _score_document(document, gold, pred, tasks, options, strict_layers, schema, unplaced, not_predicted) -> Collector:
    collector = Collector(document)
    tokens = Tokens(document.text)

    def layer(task: str):
        predicted = pred.layer(LAYER[task])
        if predicted is None:
            if task in not_predicted:
                not_predicted[task].append(document.id)
            return () if strict_layers else None
        return predicted

    if "entities" in tasks and (mentions := layer("entities")) is not None:
        entities.count(collector, gold.entities or (), mentions, tokens, options)
    if "coreference" in tasks:
        if coreference.predicted(pred.entities):
            coreference.count(collector, gold.entities or (), pred.entities)
        else:  # no entity_id anywhere: like an absent layer, not a partition of singletons
            not_predicted["coreference"].append(document.id)
            if strict_layers:
                coreference.count(collector, gold.entities or (), pred.entities or ())
    pred_attributions = pred.attributions if pred.attributions is not None or not strict_layers else ()
    gold_attributions = gold.attributions or ()
    # One relation alignment per scheme feeds both the attribution counts and the claim links.
    relations = None
    if pred_attributions is not None and ("claims" in tasks or "attribution" in tasks):
        relations = {
            scheme: attribution.relation_alignment(gold_attributions, pred_attributions, scheme, options, tokens, unplaced)
            for scheme in options.schemes
        }
    if "claims" in tasks and (pred_claims := layer("claims")) is not None:
        links = None if relations is None else {
            scheme: _paired_ids(gold_attributions, pred_attributions, alignment) for scheme, alignment in relations.items()
        }
        claims.count(collector, gold.claims or (), pred_claims, tokens, options, schema, links)
    if "attribution" in tasks and layer("attribution") is not None:
        attribution.count(
            collector, gold_attributions, pred_attributions, gold.entities or (), tokens, options, relations, unplaced
        )
    return collector


def _paired_ids(gold, pred, alignment) -> dict[str, str | None]:
    """Each gold attribution id -> the id of the prediction paired with it (None if unpaired)."""
    paired = {pair.gold: pred[pair.pred].id for pair in alignment.pairs}
    return {g.id: paired.get(index) for index, g in enumerate(gold) if g.id is not None}


def _duplicates(pred: Annotations) -> list[str]:
    """Warnings for predictions repeated with the same spans and label (the repeats are spurious)."""
    keys = {
        "entities": lambda m: ((m.span,), m.label),
        "claims": lambda c: ((c.span,), None),
        "attributions": lambda a: ((a.source, a.cue, a.content), None),
    }
    warnings = []
    for layer, key in keys.items():
        counted = Counter(key(item) for item in pred.layer(layer) or ())
        for (spans, label), n in counted.items():
            if n < 2 or any(s is None for s in spans[-1:]):
                continue  # unplaced items are reported as unplaced
            where = " ".join("-" if s is None else str(list(s.fragments)) for s in spans)
            warnings.append(
                f"{pred.doc_id}: {layer}: {n} predictions with the same span {where}"
                + (f" and label {label}" if label else "")
                + f"; matching is one-to-one, so {n - 1} count as spurious"
            )
    return warnings


# -- scores ---------------------------------------------------------------------------------------


def _prf_dict(count, scheme: Scheme) -> dict:
    prf = count.prf(scheme)
    out = {"precision": prf.precision, "recall": prf.recall, "f1": prf.f1}
    out.update((column.key, value) for column, value in scheme.values(count))
    return out


def _confusion_dict(count: Confusion) -> dict:
    return {
        "accuracy": count.accuracy, "macro_f1": count.macro_f1, "pairs": count.total, "omitted": count.omitted,
        "confusion": [list(cell) for cell in count.cells],
    }


def _ratio_dict(count: Ratio) -> dict:
    return {"accuracy": count.value, "correct": count.correct, "total": count.total}


def scores(tally: Tally, settings: Settings) -> dict:
    """Every score of a tally, as plain data (None where undefined). Pure: counts in, numbers out."""
    out: dict = {}
    for name in settings.schemes:
        scheme = SCHEMES[name]

        def get(task, metric, label="", default=None):
            found = tally.get(Key(task, scheme.name, metric, label))
            return found if found is not None else (default if default is not None else scheme.counts())

        if "entities" in settings.tasks:
            labels = sorted(k.label for k in tally.select("entities", name) if k.label and k.metric == "mentions")
            per_type = {label: _prf_dict(get("entities", "mentions", label), scheme) for label in labels}
            out.setdefault("entities", {})[name] = {
                "micro": _prf_dict(get("entities", "mentions"), scheme),
                "macro": {
                    name: macro(row[name] for row in per_type.values()) for name in ("precision", "recall", "f1")
                } | {"types": len(per_type)},
                "per_type": per_type,
            }
        if "claims" in settings.tasks:
            mae = get("claims", "certainty_mae", default=AbsError())
            link = tally.get(Key("claims", name, "link"))
            out.setdefault("claims", {})[name] = {
                "detection": _prf_dict(get("claims", "claims"), scheme),
                "attributes": {
                    name: _confusion_dict(get("claims", "attribute", name, default=Confusion()))
                    for name in claims.ATTRIBUTES
                },
                "certainty_mae": {"mae": mae.mae, "pairs": mae.pairs, "excluded_none": mae.excluded},
                "hedges": _prf_dict(get("claims", "hedges"), scheme),
                "link": None if link is None else _ratio_dict(link),
            }
        if "attribution" in settings.tasks:
            out.setdefault("attribution", {})[name] = {
                "relations": _prf_dict(get("attribution", "relations"), scheme),
                "roles": {role: _prf_dict(get("attribution", "role", role), scheme) for role in attribution.ROLES},
                "attributes": {
                    name: _confusion_dict(get("attribution", "attribute", name, default=Confusion()))
                    for name in attribution.ATTRIBUTES
                },
                "source_entity": _ratio_dict(get("attribution", "source_entity", default=Ratio())),
            }
    if "coreference" in settings.tasks:  # one block whatever the schemes: see coreference.SCHEME
        out["coreference"] = _coreference_dict(tally)
    return out


def _coreference_dict(tally: Tally) -> dict:
    def prf(metric: str) -> dict:
        found = (tally.get(Key(coreference.TASK, coreference.SCHEME, metric)) or LinkCounts()).prf()
        return {"precision": found.precision, "recall": found.recall, "f1": found.f1}

    out = {metric: prf(metric) for metric in coreference.METRICS}
    out["conll_f1"] = coreference.conll_f1(out[metric]["f1"] for metric in coreference.CONLL)
    return out
