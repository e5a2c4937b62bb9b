"""evaluate(): read, score each document into per-unit counts, sum them -> Result with its signature.

Gold and predictions are read as streams of checked documents (a file a line at a time), paired as both
sides arrive (``pairing.py``) and scored a chunk of documents at a time; a problem anywhere in either
input means no score (InputError), however much was counted before it was found.

Documents and layers that cannot be scored are reported, not silently scored as zero:
a gold document absent from the predictions is listed in ``missing_documents`` and a layer absent
from a prediction line (None) in ``not_predicted``; under ``strict_layers`` both are scored as
empty predictions (every gold item missed) and still listed. Coreference is "not predicted" in a
document when no predicted mention carries an ``entity_id``; under ``strict_layers`` its predicted
mentions are then scored as singletons.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from operator import attrgetter, itemgetter
from types import MappingProxyType
from typing import Callable, Collection, Mapping, Sequence

from ._version import __version__
from .corpus import Corpus
from .counts import Key, Tally, total
from .edges import POLICIES as EDGE_POLICIES
from .edges import forgive
from .io.annotations import Loaded
from .io.errors import InputError
from .io.normalize import ALIGN_MODES, DEFAULT_ALIGN
from .io.offsets import UNITS
from .matching import Tokens
from .model import Annotations, Document, MentionColumns
from .pairing import paired
from .outcomes import ItemOutcome, select
from .schema import Schema, load_schema
from .rows import Row
from .schemes import SCHEMES
from .signature import Signature
from .tasks import TASKS, Collector, Context, Options, Unit
from .tasks.columns import count_entities
from .unit_tallies import DictPart, UnitTallies
from .usage import UsageError
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
    #: what an extractor run by the harness names of itself, e.g. ``(("model", ...), ("prompt", ...))`` of an LLM
    extractor: tuple[tuple[str, str], ...] = ()
    #: ``name@digest`` of a corpus other than the bundled article, and what its gold does not annotate.
    corpus: str | None = None
    unannotated: tuple[str, ...] = ()
    #: the span-edge policy (:mod:`saidbench.edges`); named in the signature when not ``exact``
    edges: str = "exact"

    def sign(self, task: str | None = None, scheme: str | None = None, avg: str | None = None) -> Signature:
        """The signature of a score (of ``task`` under ``scheme``, averaged by ``avg``; default: the whole result)."""
        fields = [
            ("saidbench", self.version),
            *([("corpus", self.corpus)] if self.corpus else []),
            ("gold", self.gold),
            ("task", task or "+".join(self.tasks)),
            ("scheme", scheme or "+".join(self.schemes)),
        ]
        if avg:
            fields.append(("avg", avg))
        fields.append(("offsets", _OFFSET_TAG[self.offsets]))
        if self.align is not None:
            fields.append(("align", self.align))
        fields += [
            ("min-overlap", f"{self.min_overlap:g}"),
            ("layers", "strict" if self.strict_layers else "lenient"),
        ]
        if task in (None, "entities") and "entities" in self.tasks:
            fields.append(("mentions", "+".join(self.mention_kinds)))
        fields += list(self.extractor)
        if self.partial:
            fields.append(("partial", self.partial))
        if self.unannotated:
            fields.append(("unannotated", "+".join(self.unannotated)))
        if self.edges != "exact":
            fields.append(("edges", self.edges))
        return Signature(tuple(fields))

    def signature(self, task: str | None = None, scheme: str | None = None, avg: str | None = None) -> str:
        """The printed signature, e.g. ``saidbench:0.1.0|gold:v1.0@…|task:entities|scheme:strict|…``."""
        return str(self.sign(task, scheme, avg))

    def as_dict(self) -> dict:
        return {
            "tasks": list(self.tasks), "schemes": list(self.schemes), "offsets": self.offsets,
            "min_overlap": self.min_overlap, "strict_layers": self.strict_layers,
            "mention_kinds": list(self.mention_kinds), "align": self.align, "gold": self.gold, "version": self.version,
            **({"partial": self.partial} if self.partial else {}),
            **({"extractor": dict(self.extractor)} if self.extractor else {}),
            **({"corpus": self.corpus, "unannotated": list(self.unannotated)} if self.corpus else {}),
            **({"edges": self.edges} if self.edges != "exact" else {}),
        }

    def annotated(self, layer_field: str) -> bool:
        """Whether the gold annotates ``layer.field`` (e.g. ``claims.certainty``)."""
        return layer_field not in self.unannotated and layer_field.split(".")[0] not in self.unannotated


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
    schema: Schema | None = None

    def errors_for(
        self, task: str | None = None, scheme: str | None = None, outcome: str | None = None, doc_id: str | None = None
    ) -> tuple[ItemOutcome, ...]:
        """The errors matching every criterion given, e.g. ``errors_for("entities", "strict", "missed")``."""
        return select(self.errors, task, scheme, outcome, doc_id)

    @property
    def total(self) -> Tally:
        if isinstance(self.per_unit, UnitTallies):
            return self.per_unit.total()
        return total(self.per_unit[unit] for unit in sorted(self.per_unit, key=_unit_order))

    def per_document(self) -> dict[str, Tally]:
        units: dict[str, list[Tally]] = {}
        for unit in sorted(self.per_unit, key=_unit_order):
            units.setdefault(unit.doc_id, []).append(self.per_unit[unit])
        return {doc_id: total(tallies) for doc_id, tallies in units.items()}

    def rows(self, tally: Tally | None = None) -> tuple[Row, ...]:
        """Score rows of the whole result, or of any tally (a document, a resample) under the same settings."""
        return score_rows(self.total if tally is None else tally, self.settings, self.schema)

    def scores(self, tally: Tally | None = None) -> dict:
        """Scores of the whole result, or of any tally, as plain data (the JSON ``scores``)."""
        return nest(self.rows(tally))

    def sign(self, task: str | None = None, scheme: str | None = None, avg: str | None = None) -> Signature:
        """The signature object (see :meth:`Settings.sign`); statistics extend it."""
        return self.settings.sign(task, scheme, avg)

    def signature(self, task: str | None = None, scheme: str | None = None, avg: str | None = None) -> str:
        return self.settings.signature(task, scheme, avg)

    def coverage(self) -> dict:
        """What was and was not scored, as plain lists (the JSON output and saved counts both carry it)."""
        return {
            "documents": list(self.documents),
            "missing_documents": list(self.missing_documents),
            "unscored_documents": list(self.unscored_documents),
            "not_predicted": {task: list(docs) for task, docs in self.not_predicted.items()},
            "unplaced": list(self.unplaced),
            "warnings": list(self.warnings),
        }

    def summary(self) -> str:
        """The one-screen summary ``saidbench eval`` prints: headline scores, key attributes, signature, notes."""
        return PRESENTERS["summary"](self)

    def _repr_html_(self) -> str:
        """The same summary as an HTML fragment, for notebooks."""
        return PRESENTERS["html"](self)


#: How a Result shows itself ("summary": text, "html": a fragment). The report package, which sits above scoring,
#: fills it (report/present.py, imported by the package ``__init__``), so scoring never imports report.
PRESENTERS: dict = {}


def _unit_order(unit: Unit) -> tuple:
    return (unit.doc_id, unit.section is None, unit.section or "")


# -- loading --------------------------------------------------------------------------------------


def _open(source, kind: str, offsets: str, documents, schema, corpus: Corpus, align: str = DEFAULT_ALIGN,
          doc_ids=None) -> tuple:
    """The checked annotations of any accepted input form, a document at a time (see ``validate.open_checked``),
    and the Loaded that gathers their problems."""
    from .validate import open_checked

    return open_checked(source, kind=kind, offsets=offsets, documents=documents, schema=schema, align=align,
                        corpus=corpus, doc_ids=doc_ids)


def _choices(value, allowed: tuple[str, ...], what: str) -> tuple[str, ...]:
    values = allowed if value in (None, "all") else (value,) if isinstance(value, str) else tuple(value)
    for v in values:
        if v not in allowed:
            raise UsageError(f"unknown {what} {v!r}; expected one of {', '.join(allowed)} or 'all'")
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
    mention_kinds: str | tuple[str, ...] = ("name",),
    align: str = DEFAULT_ALIGN,
    documents: Mapping[str, Document] | None = None,
    schema: Schema | None = None,
    gold_version: str | None = None,
    errors: bool | Callable[[Sequence[ItemOutcome]], object] = True,
    corpus: Corpus | None = None,
    edges: str = "exact",
    doc_ids: Collection[str] | None = None,
) -> Result:
    """Score predictions against gold (default: the gold of ``corpus``, by default the bundled article's).

    ``pred`` and ``gold`` are paths, line dicts in the file format (one, a list, or ``{doc_id: line}``),
    Annotations (one, a list or ``{doc_id: Annotations}``) or :class:`~saidbench.io.annotations.Loaded`;
    ``gold=None`` means the bundled gold, an empty list or mapping means no gold. Every form passes the
    same checks (``io.inputs``). ``offsets`` applies to prediction offsets only.
    ``align`` is the normalisation policy for placing text-only prediction items (``exact`` or ``normalized``).
    ``gold_version`` picks a version of the bundled gold (and its guidelines' schema) when ``gold`` is None.
    ``edges="forgiving"`` trims convention-dependent span edges on both sides before matching (:mod:`.edges`).
    ``errors=False`` leaves the error report (``Result.errors``) empty: the counts are the same,
    but no per-item outcome is kept in memory. ``errors`` may instead be a callable (e.g. a file writer): it is
    given the outcomes a chunk of documents at a time, in the order the documents are scored, and none is kept
    (``Result.errors`` is empty): the error report of a corpus of any size in bounded memory.
    ``doc_ids`` scores only those documents (a shard, see ``saved.score_shard``): lines of other documents
    are skipped unread, and the signature still names the whole gold file. Paths may be brat folders too. Tasks and fields the ``corpus`` does not annotate are left out (listed in
    the settings and the signature). Raises InputError for invalid input, ValueError (UsageError) for
    invalid options.
    """
    tasks = _choices(task, tuple(TASKS), "task")
    schemes = _choices(scheme, tuple(SCHEMES), "scheme")
    if offsets not in UNITS:
        raise UsageError(f"unknown offset unit {offsets!r}; expected one of {', '.join(UNITS)}")
    if not 0.0 <= min_overlap <= 1.0:
        raise UsageError(f"min_overlap must be between 0 and 1, not {min_overlap!r}")
    if align not in ALIGN_MODES:
        raise UsageError(f"unknown alignment policy {align!r}; expected one of {', '.join(ALIGN_MODES)}")
    if edges not in EDGE_POLICIES:
        raise UsageError(f"unknown span-edge policy {edges!r}; expected one of {', '.join(EDGE_POLICIES)}")
    if gold_version is not None and (gold is not None or corpus is not None):
        raise UsageError("give either a gold file (or a corpus) or a bundled gold version, not both")
    corpus = corpus or Corpus.bundled(version=gold_version)
    unannotated = corpus.unannotated()
    scored_tasks = tuple(t for t in tasks if _annotated(t, unannotated))
    if not scored_tasks:
        raise UsageError(f"corpus {corpus.name!r} annotates none of the tasks asked for ({', '.join(tasks)}); "
                         f"it does not annotate {', '.join(unannotated)}")
    tasks = scored_tasks
    schema = schema or corpus.schema
    kinds = _choices(mention_kinds if isinstance(mention_kinds, str) else tuple(mention_kinds), schema.mention_kinds,
                     "mention kind")
    documents = documents if documents is not None else corpus.documents
    gold = gold if gold is not None else corpus.gold_path
    if gold is None:
        raise UsageError(f"corpus {corpus.name!r} has no gold; pass one")

    doc_ids = None if doc_ids is None else frozenset(doc_ids)
    gold_found, gold_loaded = _open(gold, "gold", "codepoint", documents, schema, corpus, doc_ids=doc_ids)
    pred_found, pred_loaded = _open(pred, "predictions", offsets, documents, schema, corpus, align, doc_ids)
    settings = Settings(tasks, schemes, offsets, min_overlap, strict_layers, kinds, corpus=corpus.tag(),
                        unannotated=unannotated, edges=edges)
    options = Options(tuple(SCHEMES[name] for name in schemes), min_overlap, kinds)
    keep = (lambda key: settings.annotated(_field_of(key) or "")) if unannotated else None
    counts = _Counts(documents, tasks, options, strict_layers, schema, keep, errors)
    unmatched: list[str] = []
    versions: set[str] = set()
    for gold_doc, pred_doc in paired(gold_found, pred_found, unmatched):
        versions.add(gold_doc.guideline_version)
        counts.add(gold_doc, pred_doc, edges, pred_loaded, valid=not (gold_loaded.problems or pred_loaded.problems))
    for loaded in (gold_loaded, pred_loaded):
        if loaded.problems:
            raise InputError(loaded.problems)
    counts.flush(pred_loaded)
    settings = replace(settings, align=align if pred_loaded.text_only else None,
                       gold=corpus.gold_tag(sorted(versions - {None}) or [schema.version], gold_loaded.digest))
    return counts.result(settings, schema, unmatched, pred_loaded)


class _Counts:
    """The counts of documents as their pairs arrive, scored a chunk at a time (entity columns of a chunk are
    counted together), and what was not scored."""

    #: a chunk is scored once it holds this many documents or mentions (gold and predicted)
    DOCUMENTS, MENTIONS = 2_000, 200_000

    def __init__(self, documents, tasks, options, strict_layers, schema, keep, errors):
        self.documents, self.tasks, self.options, self.strict_layers = documents, tasks, options, strict_layers
        self.schema, self.keep, self.errors = schema, keep, errors
        self.per_unit: dict[Unit, Tally] = {}
        self.parts: list = []  # column counts of the chunks
        self.missing: list[str] = []
        self.scored: list[str] = []
        self.not_predicted: dict[str, list[str]] = {t: [] for t in tasks}
        self.warnings: list[tuple[str, str]] = []
        self.outcomes: list[ItemOutcome] = []
        self.chunk: list[tuple[Annotations, Annotations]] = []
        self.mentions = 0

    def add(self, gold_doc: Annotations, pred_doc: Annotations | None, edges: str, pred_loaded: Loaded,
            valid: bool) -> None:
        """Take one document's pair (``pred_doc`` None: not predicted); when the input is not ``valid`` (a problem
        was found), nothing more is scored, since no score will be given."""
        doc_id = gold_doc.doc_id
        if pred_doc is None:
            self.missing.append(doc_id)
            if not self.strict_layers:
                return
            pred_doc = Annotations(doc_id, (), (), ())
        self.scored.append(doc_id)
        if not valid:
            self.chunk.clear()
            return
        if edges == "forgiving":
            text = self.documents[doc_id].text
            gold_doc, pred_doc = forgive(gold_doc, text), forgive(pred_doc, text)
        self.warnings += ((doc_id, warning) for warning in _duplicates(pred_doc))
        self.chunk.append((gold_doc, pred_doc))
        self.mentions += len(gold_doc.entities or ()) + len(pred_doc.entities or ())
        if len(self.chunk) >= self.DOCUMENTS or self.mentions >= self.MENTIONS:
            self.flush(pred_loaded)

    def flush(self, pred_loaded: Loaded) -> None:
        """Score the documents of the chunk."""
        scoring, self.chunk, self.mentions = self.chunk, [], 0
        record = bool(self.errors)
        columns, counted = (None, frozenset()) if record or "entities" not in self.tasks else _entity_columns(
            self.documents, scoring, self.options)
        if columns is not None:
            self.parts.append(columns)
        found: list[ItemOutcome] = []
        for gold_doc, pred_doc in scoring:
            doc_id = gold_doc.doc_id
            collector = _score_document(
                self.documents[doc_id], gold_doc, pred_doc, self.tasks, self.options, self.strict_layers, self.schema,
                pred_loaded.unplaced_roles.get(doc_id, frozenset()), self.not_predicted, record,
                doc_id in counted,
            )
            for unit, tally in collector.tallies().items():
                if self.keep is not None:
                    tally = Tally({k: c for k, c in tally.counts.items() if self.keep(k)})
                self.per_unit[unit] = self.per_unit.get(unit, Tally()) + tally
            found += collector.outcomes()
        if callable(self.errors):
            if found:
                self.errors(found)
        else:
            self.outcomes += found

    def result(self, settings: Settings, schema: Schema, unmatched: list[str], pred_loaded: Loaded) -> Result:
        """The Result, in document order whatever order the documents came in."""
        by_document = attrgetter("doc_id")
        per_unit = MappingProxyType(self.per_unit) if not self.parts else UnitTallies(
            (DictPart(self.per_unit), *self.parts), self.keep)
        return Result(
            settings=settings,
            per_unit=per_unit,
            documents=tuple(sorted(self.scored)),
            missing_documents=tuple(sorted(self.missing)),
            unscored_documents=tuple(unmatched),
            not_predicted=MappingProxyType({t: tuple(sorted(docs)) for t, docs in self.not_predicted.items() if docs}),
            unplaced=tuple(str(p) for p in pred_loaded.unresolved),
            warnings=tuple(warning for _, warning in sorted(self.warnings, key=itemgetter(0))),
            errors=tuple(sorted(self.outcomes, key=by_document)),
            schema=schema,
        )


def _field_of(key: Key) -> str | None:
    """The ``layer.field`` a count judges, when it judges one (see :meth:`Task.judged`)."""
    return TASKS[key.task].judged(key.metric, key.label)


def _row_field(row: Row) -> str:
    return TASKS[row.task].judged(row.group, row.label) or ""


def _annotated(task: str, unannotated: tuple[str, ...]) -> bool:
    """A task is scored when the gold annotates its layer and every field it needs (coreference: entity ids)."""
    found = TASKS[task]
    return not any(need in unannotated for need in (found.layer, *found.needs))


def _entity_columns(documents, scoring: list[tuple[Annotations, Annotations]], options: Options):
    """The entity span-scheme counts of the documents whose both entity layers are columns, counted together
    (``tasks/columns.py``; None if none), and the ids of the documents counted there."""
    jobs = [(documents[gold.doc_id], gold.entities, pred.entities) for gold, pred in scoring
            if isinstance(gold.entities, MentionColumns) and isinstance(pred.entities, MentionColumns)]
    if not jobs:
        return None, frozenset()
    part, left = count_entities(jobs, options)
    return part, frozenset(document.id for document, _, _ in jobs) - set(left) if part is not None else frozenset()


def _score_document(
    document, gold, pred, tasks, options, strict_layers, schema, unplaced, not_predicted, record=True,
    columns_counted=False,
) -> Collector:
    """Every task's counts of one document. A task not predicted there is listed, and scored only
    under ``strict_layers`` (as an empty prediction). When ``columns_counted``, the entity task counts only
    the token scheme (its span schemes were counted with the corpus' columns)."""
    collector = Collector(document, record)
    context = Context(document, gold, pred, options, schema, Tokens(document.text), collector, strict_layers, unplaced)
    token_schemes = tuple(scheme for scheme in options.schemes if scheme.by_tokens)
    for name in tasks:
        task = TASKS[name]
        if name == "entities" and columns_counted:
            if token_schemes:
                task.count(replace(context, options=replace(options, schemes=token_schemes)))
            continue
        if not task.predicted(pred):
            not_predicted[name].append(document.id)
            if not strict_layers:
                continue
        task.count(context)
    return collector


def _duplicates(pred: Annotations) -> list[str]:
    """Warnings for predictions repeated with the same spans and label (the repeats are spurious)."""
    def fragments(*spans):
        return tuple(None if span is None else span.fragments for span in spans)

    def entity_keys(layer):
        if isinstance(layer, MentionColumns):  # no Mention made for this, and no count unless some repeat
            if len(set(layer.starts)) == len(layer.starts):
                return ()  # repeats share a start
            found = list(zip(layer.starts, layer.ends, layer.labels))
            if len(set(found)) == len(found):
                return ()
            return (((((start, end),),), label) for start, end, label in found)
        return ((fragments(m.span), m.label) for m in layer)

    keys = {
        "entities": entity_keys,
        "claims": lambda layer: ((fragments(c.span), None) for c in layer),
        "attributions": lambda layer: ((fragments(a.source, a.cue, a.content), None) for a in layer),
    }
    warnings = []
    for layer, key in keys.items():
        items = pred.layer(layer)
        if items is None or len(items) < 2:
            continue  # nothing to repeat
        counted = Counter(key(items))
        for (spans, label), n in counted.items():
            if n < 2 or any(s is None for s in spans[-1:]):
                continue  # unplaced items are reported as unplaced
            where = " ".join("-" if s is None else str(list(s)) for s in spans)
            warnings.append(
                f"{pred.doc_id}: {layer}: {n} predictions with the same span {where}"
                + (f" and label {label}" if label else "")
                + f"; matching is one-to-one, so {n - 1} count as spurious"
            )
    return warnings


# -- scores ---------------------------------------------------------------------------------------


def score_rows(tally: Tally, settings: Settings, schema: Schema | None = None) -> tuple[Row, ...]:
    """Every score of a tally as typed rows, task by task (registry order) and scheme by scheme. Pure."""
    schema = schema or load_schema()
    rows: list[Row] = []
    for name in settings.tasks:
        task = TASKS[name]
        for scheme in (SCHEMES[s] for s in settings.schemes) if task.per_scheme else (None,):
            rows += (row for row in task.rows(tally, scheme, schema) if settings.annotated(_row_field(row)))
    return tuple(rows)


def scores(tally: Tally, settings: Settings, schema: Schema | None = None) -> dict:
    """Every score of a tally as plain data (None where undefined): the rows nested by task, scheme and group."""
    return nest(score_rows(tally, settings, schema))


def nest(rows) -> dict:
    """``{task: {scheme: {group: data, or {label: data} for a keyed group}}}``, without the scheme level for
    a task that is not scored per scheme. A keyed group without rows is written as ``{}``."""
    blocks: dict[tuple[str, str], list[Row]] = {}
    for row in rows:
        blocks.setdefault((row.task, row.scheme), []).append(row)
    out: dict = {}
    for (name, scheme), found in blocks.items():
        task = TASKS[name]
        block = {}
        for group, keyed in task.groups:
            members = [row for row in found if row.group == group]
            if keyed:
                block[group] = {row.label: row.data() for row in members}
            elif members:
                block[group] = members[0].data()
        if task.per_scheme:
            out.setdefault(name, {})[scheme] = block
        else:
            out[name] = block
    return out
