"""Hugging Face ``datasets``: the corpus and gold as dataset configs, their files and card YAML, and ``load()``.

One source of truth: every row, file and the README's YAML front matter are derived here from
``corpus/documents.jsonl``, ``annotations/gold.jsonl`` and the guideline schema. ``saidbench export --hf``
writes them; :func:`load` builds the same rows in memory, with the same Features, so a pip install
needs no exported files.

Configs (one split, ``test``; files ``hf/<config>/test.jsonl``):

``documents`` (default)
    One row per document: the fields of docs/FORMAT.md and its sections (each with its text).
``entities``, ``claims``, ``attributions``
    One row per annotated document: ``doc_id``, ``guideline_version`` and the layer's items, as in the
    gold file. A row per document (not per item) keeps every config non-empty and says "annotated,
    nothing found" with an empty list.
``coreference``
    One row per entity chain: the mentions sharing an ``entity_id`` (a mention whose ``entity_id`` is
    null is a chain of its own). The chain's ``label`` is its mentions' most frequent label, ties going
    to the earliest mention; each mention keeps its own label.
``ner_bio``
    One row per section (headline, paragraph, caption, ...) whose label carries entities in the schema,
    of the annotated documents: tokens, their offsets, and IOB2 ``ner_tags`` (37 classes: ``O``, then
    ``B-X``, ``I-X`` for the 18 labels in the order of the Hugging Face ``conll2012_ontonotesv5``
    ``ner_tags``, so an OntoNotes-trained classifier's ids mean the same here), from name mentions only.

Spans. Every span is ``{start, end, text, fragments}``: ``start``/``end`` are the offsets of its first
and last code point (half-open), ``text`` is ``document.text[start:end]``, and ``fragments`` lists the
exact pieces ``{start, end, text}`` -- one for a contiguous span, several for a discontinuous one, whose
``text`` then includes the gaps. An attribution without a written source has ``source`` null.

Tokenizer (``ner_bio``). :data:`TOKEN_PATTERN`, applied to each section's text: a number with inner
``.``/``,`` (``11,000``), else a run of word characters joined by inner hyphens or apostrophes
(``poorly-trained``), else any one other non-space character; then, as in the Penn Treebank and
OntoNotes tokenisation, a final clitic is split off (``Putin’s`` -> ``Putin`` ``’s``, ``doesn't`` ->
``does`` ``n't``). Whitespace (``\\xa0`` too) separates tokens and is never part of one. The tokenizer
never looks at the annotations: a mention whose edge falls inside a token is tagged on every token it
overlaps (its boundary widened to the tokens') and reported in :class:`Export` as ``widened``.

IOB2 cannot express everything in the gold, so name mentions are dropped from ``ner_bio`` -- and
counted by reason in :class:`Export` (printed by the CLI) -- when they are: ``discontinuous``;
``outside_rows`` (not inside one emitted section); ``overlap`` (overlapping a longer mention: the
longest wins, then the earlier start, then file order); ``no_tokens`` (covering only whitespace).

Pitfalls of the JSON loader that shape the files: the Features are declared in the card, so no type is
inferred (a column of nulls or of empty lists would otherwise become ``null``); ISO-date strings are
read as timestamps even when declared ``string``, so ``published`` is ``date32`` and must be null or
``YYYY-MM-DD``; an empty split cannot be loaded, so :func:`render` refuses to write a config with no rows.
"""

from __future__ import annotations

import datetime
import difflib
import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

import datasets
import yaml
from datasets import ClassLabel, Features, List, Value
from datasets.info import DatasetInfo, DatasetInfosDict
from datasets.splits import SplitDict, SplitInfo
from datasets.utils.metadata import MetadataConfigs
from huggingface_hub import DatasetCardData

from .. import resources
from ..io.errors import InputError, Problem
from ..model import Annotations, Attribution, Claim, Document, Mention, Span
from ..schema import Schema, load_schema

CONFIGS = ("documents", "entities", "claims", "attributions", "coreference", "ner_bio")
DEFAULT_CONFIG = "documents"
SPLIT = "test"
HF_DIR = "hf"
README = "README.md"
PRETTY_NAME = "saidbench"
LICENSE = "other"  # annotations CC BY 4.0; the article text and its excerpts stay its publisher's
LICENSE_NAME = "cc-by-4.0-annotations-article-text-excluded"
LICENSE_LINK = "annotations/LICENSE.md"
TOKEN_PATTERN = re.compile(r"\d+(?:[.,]\d+)+|\w+(?:[-'’]\w+)*|[^\w\s]")
#: A final clitic split off a token, as in Penn Treebank / OntoNotes tokenisation.
CLITIC = re.compile(r"(?<=\w)(?:[’']s|n[’']t|[’'](?:re|ve|ll|d|m))\Z", re.IGNORECASE)
#: The label order of the Hugging Face ``conll2012_ontonotesv5`` ``ner_tags`` (B- then I- per label).
ONTONOTES_LABEL_ORDER = (
    "PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "DATE", "TIME", "PERCENT", "MONEY", "QUANTITY",
    "ORDINAL", "CARDINAL", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE",
)
DROP_REASONS = ("discontinuous", "outside_rows", "overlap", "no_tokens")
# The fields of a corpus line that the documents config carries; any other field stops the export
# rather than being left out silently.
DOCUMENT_FIELDS = (
    "id", "title", "text", "text_sha256", "language", "publisher", "published", "license",
    "source_url", "provenance_note", "sections",
)
PLACEHOLDER_BODY = (
    "\n<!-- The dataset card goes here. `saidbench export --hf` rewrites only the YAML front matter above. -->\n"
)
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_FRONT_MATTER = re.compile(r"\A---\n(?:.*?\n)?---(?:\n|\Z)", re.DOTALL)


# -- features ------------------------------------------------------------------------------------


def ner_tag_names(schema: Schema) -> list[str]:
    """The IOB2 tag inventory: ``O``, then ``B-X``, ``I-X`` per entity label, OntoNotes labels in the order of
    ``conll2012_ontonotesv5`` and any other label of the schema after them, in schema order."""
    ordered = [label for label in ONTONOTES_LABEL_ORDER if label in schema.entity_labels]
    ordered += [label for label in schema.entity_labels if label not in ONTONOTES_LABEL_ORDER]
    return ["O"] + [f"{prefix}-{label}" for label in ordered for prefix in ("B", "I")]


def _fragment_features() -> dict:
    return {"start": Value("int32"), "end": Value("int32"), "text": Value("string")}


def _span_features() -> dict:
    return {**_fragment_features(), "fragments": List(_fragment_features())}


def features(config: str, schema: Schema | None = None) -> Features:
    """The declared Features of a config; raises KeyError for an unknown config."""
    _check_config(config)
    schema = schema or load_schema()
    string = Value("string")
    if config == "documents":
        section = {"id": string, "label": string, "start": Value("int32"), "end": Value("int32"), "text": string}
        return Features(
            {
                "id": string, "title": string, "text": string, "text_sha256": string, "language": string,
                "publisher": string, "published": Value("date32"), "license": string,
                "source_url": string, "provenance_note": string, "sections": List(section),
            }
        )
    if config == "entities":
        mention = {"id": string, **_span_features(), "label": string, "kind": string, "entity_id": string}
        return Features({"doc_id": string, "guideline_version": string, "entities": List(mention)})
    if config == "claims":
        claim = {
            "id": string, **_span_features(), "certainty": string, "hedges": List(_span_features()),
            "commitment": string, "polarity": string, "claim_type": string, "modality": string,
            "attribution": string,
        }
        return Features({"doc_id": string, "guideline_version": string, "claims": List(claim)})
    if config == "attributions":
        attribution = {
            "id": string, "source": _span_features(), "cue": _span_features(), "content": _span_features(),
            "source_type": string, "quote_type": string, "cue_polarity": string,
            "source_entity": string, "parent": string,
        }
        return Features({"doc_id": string, "guideline_version": string, "attributions": List(attribution)})
    if config == "coreference":
        mention = {"id": string, **_span_features(), "label": string, "kind": string}
        return Features({"doc_id": string, "entity_id": string, "label": string, "mentions": List(mention)})
    return Features(
        {
            "id": string, "doc_id": string, "section_id": string,
            "tokens": List(string), "token_starts": List(Value("int32")), "token_ends": List(Value("int32")),
            "ner_tags": List(ClassLabel(names=ner_tag_names(schema))),
        }
    )


def _check_config(config: str) -> None:
    if config not in CONFIGS:
        close = difflib.get_close_matches(str(config), CONFIGS, n=1)
        hint = f" Did you mean {close[0]!r}?" if close else ""
        raise KeyError(f"unknown config {config!r}.{hint} Available: {', '.join(CONFIGS)}")


# -- rows ----------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DroppedMention:
    """A name mention left out of ``ner_bio``, and why (one of :data:`DROP_REASONS`)."""

    doc_id: str
    mention_id: str | None
    reason: str


@dataclass(frozen=True, slots=True)
class Sources:
    """The canonical data an export is made from."""

    documents: Mapping[str, Document]
    gold: Mapping[str, Annotations]
    schema: Schema


def _span_row(span: Span, text: str) -> dict:
    fragments = [{"start": s, "end": e, "text": text[s:e]} for s, e in span.fragments]
    return {"start": span.start, "end": span.end, "text": text[span.start : span.end], "fragments": fragments}


def _annotated(sources: Sources) -> list[tuple[Document, Annotations]]:
    """Annotated documents in corpus order."""
    return [(doc, sources.gold[doc_id]) for doc_id, doc in sources.documents.items() if doc_id in sources.gold]


def _document_row(doc: Document) -> dict:
    published = doc.metadata.get("published")
    return {
        "id": doc.id,
        "title": doc.title,
        "text": doc.text,
        "text_sha256": doc.metadata.get("text_sha256"),
        "language": doc.metadata.get("language"),
        "publisher": doc.metadata.get("publisher"),
        "published": None if published is None else datetime.date.fromisoformat(published),
        "license": doc.metadata.get("license"),
        "source_url": doc.metadata.get("source_url"),
        "provenance_note": doc.metadata.get("provenance_note"),
        "sections": [
            {
                "id": s.id, "label": s.label, "start": s.span.start, "end": s.span.end,
                "text": doc.text[s.span.start : s.span.end],
            }
            for s in doc.sections
        ],
    }


def _mention_row(m: Mention, text: str) -> dict:
    return {"id": m.id, **_span_row(m.span, text), "label": m.label, "kind": m.kind, "entity_id": m.entity_id}


def _claim_row(c: Claim, text: str) -> dict:
    return {
        "id": c.id, **_span_row(c.span, text), "certainty": c.certainty,
        "hedges": [_span_row(h, text) for h in c.hedges or ()],
        "commitment": c.commitment, "polarity": c.polarity, "claim_type": c.claim_type,
        "modality": c.modality, "attribution": c.attribution,
    }


def _attribution_row(a: Attribution, text: str) -> dict:
    return {
        "id": a.id,
        "source": None if a.source is None else _span_row(a.source, text),
        "cue": _span_row(a.cue, text),
        "content": _span_row(a.content, text),
        "source_type": a.source_type, "quote_type": a.quote_type, "cue_polarity": a.cue_polarity,
        "source_entity": a.source_entity, "parent": a.parent,
    }


_LAYER_ROW = {"entities": _mention_row, "claims": _claim_row, "attributions": _attribution_row}


def _layer_rows(layer: str, sources: Sources) -> list[dict]:
    build = _LAYER_ROW[layer]
    return [
        {
            "doc_id": doc.id,
            "guideline_version": gold.guideline_version,
            layer: [build(item, doc.text) for item in gold.layer(layer) or ()],
        }
        for doc, gold in _annotated(sources)
    ]


def _coreference_rows(sources: Sources) -> list[dict]:
    rows = []
    for doc, gold in _annotated(sources):
        chains: dict[Any, list[Mention]] = {}
        for index, mention in enumerate(gold.entities or ()):
            # A mention without an entity_id is a chain of its own.
            key = mention.entity_id if mention.entity_id is not None else ("singleton", index)
            chains.setdefault(key, []).append(mention)
        ordered = sorted(chains.values(), key=lambda ms: min((m.span.start, m.span.end) for m in ms))
        for mentions in ordered:
            mentions = sorted(mentions, key=lambda m: (m.span.start, m.span.end))
            rows.append(
                {
                    "doc_id": doc.id,
                    "entity_id": mentions[0].entity_id,
                    "label": _chain_label(mentions),
                    "mentions": [
                        {"id": m.id, **_span_row(m.span, doc.text), "label": m.label, "kind": m.kind}
                        for m in mentions
                    ],
                }
            )
    return rows


def _chain_label(mentions: list[Mention]) -> str:
    """The most frequent label; ties go to the label of the earliest mention (mentions are sorted)."""
    counts = Counter(m.label for m in mentions)
    best = max(counts.values())
    return next(m.label for m in mentions if counts[m.label] == best)


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Tokens of ``text[start:end]`` as absolute ``(start, end)`` offsets (never looks at annotations)."""
    end = len(text) if end is None else end
    tokens = []
    for match in TOKEN_PATTERN.finditer(text, start, end):
        clitic = CLITIC.search(match.group())
        if clitic:
            cut = match.start() + clitic.start()
            tokens += [(match.start(), cut), (cut, match.end())]
        else:
            tokens.append((match.start(), match.end()))
    return tokens


def _ner_units(doc: Document, schema: Schema) -> list[tuple[str | None, int, int]]:
    """The ``(section_id, start, end)`` regions that become rows; the whole text when there are no sections."""
    if not doc.sections:
        return [(None, 0, len(doc.text))]
    return [
        (s.id, s.span.start, s.span.end)
        for s in doc.sections
        if "entities" in schema.annotatable.get(s.label, ())
    ]


def ner_bio(sources: Sources) -> tuple[list[dict], list[DroppedMention], list[str]]:
    """The ``ner_bio`` rows, the name mentions IOB2 could not carry, and the ids of mentions widened to tokens."""
    rows: list[dict] = []
    dropped: list[DroppedMention] = []
    widened: list[str] = []
    for doc, gold in _annotated(sources):
        units = _ner_units(doc, sources.schema)
        by_unit: dict[int, list[tuple[int, Mention]]] = {i: [] for i in range(len(units))}
        for index, mention in enumerate(gold.entities or ()):
            if mention.kind != "name":
                continue
            if not mention.span.is_contiguous:
                dropped.append(DroppedMention(doc.id, mention.id, "discontinuous"))
                continue
            unit = next(
                (i for i, (_, s, e) in enumerate(units) if s <= mention.span.start and mention.span.end <= e), None
            )
            if unit is None:
                dropped.append(DroppedMention(doc.id, mention.id, "outside_rows"))
                continue
            by_unit[unit].append((index, mention))
        for unit, (section_id, start, end) in enumerate(units):
            kept = _longest_first(by_unit[unit], doc.id, dropped)
            tokens = tokenize(doc.text, start, end)
            tags = ["O"] * len(tokens)
            for mention in kept:
                inside = [i for i, (s, e) in enumerate(tokens) if s < mention.span.end and mention.span.start < e]
                if not inside:
                    dropped.append(DroppedMention(doc.id, mention.id, "no_tokens"))
                    continue
                if (tokens[inside[0]][0], tokens[inside[-1]][1]) != (mention.span.start, mention.span.end):
                    widened.append(f"{doc.id}/{mention.id}")
                for position, i in enumerate(inside):
                    tags[i] = f"{'B' if position == 0 else 'I'}-{mention.label}"
            if not tokens:
                continue
            rows.append(
                {
                    "id": doc.id if section_id is None else f"{doc.id}/{section_id}",
                    "doc_id": doc.id,
                    "section_id": section_id,
                    "tokens": [doc.text[s:e] for s, e in tokens],
                    "token_starts": [s for s, _ in tokens],
                    "token_ends": [e for _, e in tokens],
                    "ner_tags": tags,
                }
            )
    return rows, dropped, widened


def _longest_first(
    candidates: list[tuple[int, Mention]], doc_id: str, dropped: list[DroppedMention]
) -> list[Mention]:
    """Keep mentions that overlap no longer one: longest first, then earlier start, then file order."""
    kept: list[Mention] = []
    for _, mention in sorted(candidates, key=lambda im: (-im[1].span.length, im[1].span.start, im[0])):
        if any(mention.span.overlap(other.span) for other in kept):
            dropped.append(DroppedMention(doc_id, mention.id, "overlap"))
        else:
            kept.append(mention)
    return sorted(kept, key=lambda m: m.span.start)


def rows(config: str, sources: Sources) -> list[dict]:
    """The rows of a config, as Python values (``published`` a ``datetime.date``, tags as names)."""
    _check_config(config)
    if config == "documents":
        return [_document_row(doc) for doc in sources.documents.values()]
    if config == "coreference":
        return _coreference_rows(sources)
    if config == "ner_bio":
        return ner_bio(sources)[0]
    return _layer_rows(config, sources)


# -- sources -------------------------------------------------------------------------------------


def read_sources(documents_path: Path | str | None = None, gold_path: Path | str | None = None) -> Sources:
    """Read and check the corpus and gold; raises InputError listing every problem."""
    from ..validate import load_checked, load_documents

    schema = load_schema()
    documents_path = Path(documents_path or resources.documents_path())
    gold_path = Path(gold_path or resources.gold_path())
    documents = load_documents(documents_path, schema=schema)
    problems = _document_problems(str(documents_path), documents)
    loaded = load_checked(gold_path, kind="gold", documents=documents, schema=schema)
    problems += loaded.problems
    if problems:
        raise InputError(problems)
    return Sources(documents=documents, gold=loaded.annotations, schema=schema)


def _document_problems(path: str, documents: Mapping[str, Document]) -> list[Problem]:
    """What the documents config cannot carry: unknown fields, and a ``published`` that is not a date."""
    problems = []
    for doc in documents.values():
        for name in sorted(set(doc.metadata) - set(DOCUMENT_FIELDS)):
            problems.append(
                Problem(path, "field has no column in the Hugging Face documents config", field=f"{doc.id}: {name}",
                        hint="add it to DOCUMENT_FIELDS and features() in saidbench/formats/hf.py")
            )
        published = doc.metadata.get("published")
        is_date = isinstance(published, str) and _ISO_DATE.fullmatch(published) and _is_date(published)
        if published is not None and not is_date:
            problems.append(
                Problem(path, f"{published!r} is not an ISO date", field=f"{doc.id}: published",
                        hint="use null or YYYY-MM-DD (the Hugging Face export declares it date32)")
            )
    return problems


def _is_date(value: str) -> bool:
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return False
    return True


# -- files and card ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Export:
    """What an export writes (relative path -> content), its row counts, the mentions ``ner_bio`` dropped and
    the ``doc_id/mention_id`` of those it widened to whole tokens."""

    files: Mapping[str, str]
    num_rows: Mapping[str, int]
    dropped: tuple[DroppedMention, ...]
    widened: tuple[str, ...] = ()

    def dropped_by_reason(self) -> dict[str, int]:
        counts = Counter(d.reason for d in self.dropped)
        return {reason: counts[reason] for reason in DROP_REASONS if counts[reason]}


def data_file(config: str) -> str:
    return f"{HF_DIR}/{config}/{SPLIT}.jsonl"


def _json_default(value: Any) -> str:
    if isinstance(value, datetime.date):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} to JSON")


def to_jsonl(config_rows: list[dict]) -> str:
    return "".join(json.dumps(row, ensure_ascii=False, default=_json_default) + "\n" for row in config_rows)


def card_yaml(sources: Sources, sizes: Mapping[str, tuple[int, int, int]]) -> str:
    """The README's YAML front matter (without the ``---`` lines), built with datasets' own helpers.

    ``sizes`` gives each config's ``(rows, file bytes)``.
    """
    languages = sorted({str(d.metadata.get("language", "")).split("-")[0] for d in sources.documents.values()} - {""})
    card = DatasetCardData(
        pretty_name=PRETTY_NAME,
        language=languages,
        license=LICENSE,
        license_name=LICENSE_NAME,
        license_link=LICENSE_LINK,
        size_categories=[_size_category(len(sources.documents))],
        task_categories=["token-classification"],
        task_ids=["named-entity-recognition"],
    )
    MetadataConfigs(
        {
            config: {
                "data_files": [{"split": SPLIT, "path": data_file(config)}],
                **({"default": True} if config == DEFAULT_CONFIG else {}),
            }
            for config in CONFIGS
        }
    ).to_dataset_card_data(card)
    DatasetInfosDict(
        {
            config: DatasetInfo(
                features=features(config, sources.schema),
                splits=_splits(sizes[config][0]),
                download_size=sizes[config][1],
            )
            for config in CONFIGS
        }
    ).to_dataset_card_data(card)
    return _compact_yaml(card.to_dict())


class _Flow(list):
    """A list written in YAML flow style, so the front matter stays short enough to keep the quickstart in view."""


class _CardDumper(yaml.SafeDumper):
    pass


_CardDumper.add_representer(_Flow, lambda dumper, data: dumper.represent_sequence("tag:yaml.org,2002:seq", data, True))


def _compact_yaml(card: dict) -> str:
    """The card metadata as YAML, with each config entry and each feature list on as few lines as possible."""
    card = dict(card)
    card["configs"] = [_Flow([entry]) for entry in card.get("configs", [])]
    card["dataset_info"] = [
        {**info, "features": _Flow(info["features"]), "splits": _Flow(info["splits"])}
        for info in card.get("dataset_info", [])
    ]
    text = yaml.dump(card, Dumper=_CardDumper, sort_keys=False, allow_unicode=True, width=100_000)
    # A one-item flow list per config reads better as a block entry: "- {config_name: ...}".
    return re.sub(r"^- \[(.*)\]$", r"- \1", text, flags=re.M).rstrip("\n")


def _splits(num_examples: int) -> SplitDict:
    # num_bytes is left out: it is pyarrow's in-memory size, which changes between pyarrow releases.
    splits = SplitDict(dataset_name=PRETTY_NAME)
    splits.add(SplitInfo(name=SPLIT, num_examples=num_examples))
    return splits


def _size_category(n: int) -> str:
    for limit, name in ((1_000, "n<1K"), (10_000, "1K<n<10K"), (100_000, "10K<n<100K")):
        if n < limit:
            return name
    return "100K<n<1M"


def split_front_matter(readme: str) -> tuple[str | None, str]:
    """``(yaml, body)``: the YAML between the leading ``---`` lines (None if there is none) and the rest, unchanged."""
    match = _FRONT_MATTER.match(readme)
    if match is None:
        return None, readme
    block = match.group(0)
    return block[4 : block.rindex("---")].rstrip("\n"), readme[match.end() :]


def with_front_matter(yaml_text: str, readme: str | None) -> str:
    """``readme`` with its front matter replaced (or added); a placeholder body when there is no README."""
    body = PLACEHOLDER_BODY if readme is None else split_front_matter(readme)[1]
    return f"---\n{yaml_text}\n---\n{body}"


def render(sources: Sources, readme: str | None) -> Export:
    """Every exported file's content; raises InputError if a config would have no rows."""
    config_rows = {}
    dropped: list[DroppedMention] = []
    widened: list[str] = []
    for config in CONFIGS:
        if config == "ner_bio":
            config_rows[config], dropped, widened = ner_bio(sources)
        else:
            config_rows[config] = rows(config, sources)
    empty = [config for config, found in config_rows.items() if not found]
    if empty:
        raise InputError(
            [
                Problem(HF_DIR, f"the {config} config would have no rows", hint="datasets cannot load an empty split")
                for config in empty
            ]
        )
    files = {data_file(config): to_jsonl(found) for config, found in config_rows.items()}
    # Sizes as datasets records them: rows and the data file's bytes.
    sizes = {config: (len(found), len(files[data_file(config)].encode("utf-8"))) for config, found in config_rows.items()}
    files[README] = with_front_matter(card_yaml(sources, sizes), readme)
    num_rows = {config: len(found) for config, found in config_rows.items()}
    return Export(files=files, num_rows=num_rows, dropped=tuple(dropped), widened=tuple(widened))


def export_hf(
    out_dir: Path | str, documents_path: Path | str | None = None, gold_path: Path | str | None = None
) -> Export:
    """Write ``hf/<config>/test.jsonl`` and the README front matter under ``out_dir``; raises InputError."""
    out_dir = Path(out_dir)
    readme_path = out_dir / README
    readme = readme_path.read_text(encoding="utf-8") if readme_path.is_file() else None
    export = render(read_sources(documents_path, gold_path), readme)
    for relative, content in export.files.items():
        path = out_dir / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8", newline="\n")
    return export


# -- load ----------------------------------------------------------------------------------------


def load(
    config: str = DEFAULT_CONFIG, documents_path: Path | str | None = None, gold_path: Path | str | None = None
) -> datasets.Dataset:
    """The ``test`` split of a config, built in memory from the bundled data; raises KeyError, InputError.

    Equal, row for row and feature for feature, to
    ``datasets.load_dataset(<repository>, config, split="test")`` over the exported files.
    """
    _check_config(config)
    sources = read_sources(documents_path, gold_path)
    return dataset(config, rows(config, sources), sources.schema)


def dataset(config: str, config_rows: list[dict], schema: Schema) -> datasets.Dataset:
    """The rows of a config as a ``test`` split with the declared Features."""
    config_features = features(config, schema)
    return datasets.Dataset.from_list(
        config_rows,
        features=config_features,
        info=DatasetInfo(config_name=config, dataset_name=PRETTY_NAME, features=config_features),
        split=datasets.Split.TEST,
    )
