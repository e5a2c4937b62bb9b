"""The data model: documents, spans and the three annotation layers, as frozen dataclasses (and entity columns).

Offsets are Unicode code points, half-open ``[start, end)``, over the exact document text.
Constructors check what can be checked without the document; :meth:`Span.check_within`
checks the rest.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

LAYERS = ("entities", "claims", "attributions")
#: The fields of each layer a corpus may leave unannotated; spans, ids and entity labels are always annotated.
FIELDS = {
    "entities": ("kind", "entity_id"),
    "claims": ("certainty", "hedges", "commitment", "polarity", "claim_type", "modality", "attribution"),
    "attributions": ("source_type", "quote_type", "cue_polarity", "source_entity", "parent"),
}
#: What a gold annotates: layer -> its annotated fields. A layer that is not a key is not annotated.
EVERYTHING = {layer: frozenset(fields) for layer, fields in FIELDS.items()}


class SpanError(ValueError):
    """A span whose offsets break the convention."""


@dataclass(frozen=True, slots=True)
class Span:
    """One or more fragments ``(start, end)``; more than one for a discontinuous span."""

    fragments: tuple[tuple[int, int], ...]

    def __post_init__(self) -> None:
        if not self.fragments:
            raise SpanError("a span needs at least one fragment")
        previous_end = -1
        for fragment in self.fragments:
            if len(fragment) != 2:
                raise SpanError(f"fragment {fragment!r} is not a (start, end) pair")
            start, end = fragment
            if not (isinstance(start, int) and isinstance(end, int)) or isinstance(start, bool) or isinstance(end, bool):
                raise SpanError(f"fragment {fragment!r}: offsets must be integers")
            if start < 0:
                raise SpanError(f"fragment {fragment!r}: start must be >= 0")
            if start >= end:
                raise SpanError(f"fragment {fragment!r}: start must be < end (offsets are half-open)")
            if start <= previous_end:
                raise SpanError(
                    f"fragments {self.fragments!r} must be sorted, non-overlapping and non-touching"
                )
            previous_end = end

    @classmethod
    def of(cls, start: int, end: int) -> Span:
        """A contiguous span."""
        return cls(((start, end),))

    @property
    def start(self) -> int:
        return self.fragments[0][0]

    @property
    def end(self) -> int:
        return self.fragments[-1][1]

    @property
    def length(self) -> int:
        """Code points covered (gaps between fragments excluded)."""
        return sum(end - start for start, end in self.fragments)

    @property
    def is_contiguous(self) -> bool:
        return len(self.fragments) == 1

    def overlap(self, other: Span) -> int:
        """Code points covered by both spans, fragment by fragment."""
        total = 0
        for start, end in self.fragments:
            for other_start, other_end in other.fragments:
                total += max(0, min(end, other_end) - max(start, other_start))
        return total

    def check_within(self, text_length: int) -> None:
        """Raise SpanError unless every fragment lies inside a text of this length."""
        if self.end > text_length:
            raise SpanError(f"span ends at {self.end}, past the end of the text ({text_length})")

    def slices(self, text: str) -> tuple[str, ...]:
        """The text of each fragment."""
        return tuple(text[start:end] for start, end in self.fragments)

    def covered_text(self, text: str) -> str | list[str]:
        """The ``text`` field this span has in the file format: a string, or a list for fragments."""
        parts = self.slices(text)
        return parts[0] if self.is_contiguous else list(parts)


@dataclass(frozen=True, slots=True)
class Section:
    """A labelled region of a document (headline, paragraph, ...)."""

    id: str
    label: str
    span: Span


@dataclass(frozen=True, slots=True)
class Document:
    """A document of the corpus and its metadata."""

    id: str
    text: str
    title: str = ""
    sections: tuple[Section, ...] = ()
    metadata: dict = field(default_factory=dict, compare=False, hash=False)

    def __post_init__(self) -> None:
        for section in self.sections:
            section.span.check_within(len(self.text))

    def section_at(self, offset: int) -> Section | None:
        """The section containing ``offset``, if any."""
        for section in self.sections:
            if any(start <= offset < end for start, end in section.span.fragments):
                return section
        return None


@dataclass(frozen=True, slots=True)
class Mention:
    """An entity mention. ``span`` is None only for a prediction given as text that could not be placed."""

    span: Span | None
    label: str
    id: str | None = None
    kind: str | None = None
    entity_id: str | None = None
    text: str | None = None


class MentionColumns(Sequence):
    """A layer of contiguous mentions kept as columns (one sequence per field: offsets may be ``array("q")``),
    read as a tuple of Mentions.

    The fast reader (``io/typed.py``) builds it for large files without making a Mention per item;
    a task that can count columns reads them directly, anything else sees Mentions, made on first
    use. It equals the tuple of the same Mentions. ``texts`` are the texts given (None where none
    was); given as ``source``, the document's text, they are the slices at the offsets, not stored.
    """

    __slots__ = ("starts", "ends", "labels", "ids", "kinds", "entity_ids", "_texts", "_source", "_mentions")

    def __init__(self, starts: Sequence[int], ends: Sequence[int], labels: tuple[str, ...],
                 ids: tuple[str | None, ...], kinds: tuple[str | None, ...], entity_ids: tuple[str | None, ...],
                 texts: tuple[str | None, ...] | None = None, source: str | None = None):
        self.starts, self.ends, self.labels, self.ids = starts, ends, labels, ids
        self.kinds, self.entity_ids = kinds, entity_ids
        self._texts, self._source = texts, source
        self._mentions: tuple[Mention, ...] | None = None

    @property
    def texts(self) -> tuple[str | None, ...]:
        if self._texts is not None:
            return self._texts
        if self._source is not None:
            return tuple(self._source[start:end] for start, end in zip(self.starts, self.ends))
        return (None,) * len(self.starts)

    def mentions(self) -> tuple[Mention, ...]:
        if self._mentions is None:
            self._mentions = tuple(
                Mention(Span(((start, end),)), label, id_, kind, entity_id, text)
                for start, end, label, id_, kind, entity_id, text in zip(
                    self.starts, self.ends, self.labels, self.ids, self.kinds, self.entity_ids, self.texts)
            )
        return self._mentions

    def __len__(self) -> int:
        return len(self.starts)

    def __getitem__(self, index):
        return self.mentions()[index]

    def __iter__(self):
        return iter(self.mentions())

    def __eq__(self, other) -> bool:
        if isinstance(other, (MentionColumns, tuple)):
            return self.mentions() == tuple(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self.mentions())

    def __repr__(self) -> str:
        return repr(self.mentions())


@dataclass(frozen=True, slots=True)
class Claim:
    """A checkable proposition with its certainty and commitment attributes."""

    span: Span | None
    id: str | None = None
    certainty: str | None = None
    hedges: tuple[Span, ...] | None = None
    commitment: str | None = None
    polarity: str | None = None
    claim_type: str | None = None
    modality: str | None = None
    attribution: str | None = None
    text: str | None = None


@dataclass(frozen=True, slots=True)
class Attribution:
    """Who said what: a source (None when unwritten), a cue and a content span."""

    cue: Span | None
    content: Span | None
    source: Span | None = None
    id: str | None = None
    source_type: str | None = None
    quote_type: str | None = None
    cue_polarity: str | None = None
    source_entity: str | None = None
    parent: str | None = None
    #: ``(role, text)`` of each role a prediction gave as text that could not be placed (its span is None)
    unplaced_texts: tuple[tuple[str, str], ...] = ()

    @property
    def span(self) -> Span | None:
        """The content span, which locates the relation for span-level scoring."""
        return self.content


@dataclass(frozen=True, slots=True)
class Annotations:
    """All layers of one document. A layer that is None was not predicted; () means "predicted nothing"."""

    doc_id: str
    entities: tuple[Mention, ...] | MentionColumns | None = None
    claims: tuple[Claim, ...] | None = None
    attributions: tuple[Attribution, ...] | None = None
    guideline_version: str | None = None

    def layer(self, name: str) -> tuple | None:
        if name not in LAYERS:
            raise KeyError(f"unknown layer {name!r}; expected one of {', '.join(LAYERS)}")
        return getattr(self, name)


def item_spans(item: Mention | Claim | Attribution) -> tuple[Span, ...]:
    """Every span an item carries: its main span, hedges, or attribution roles."""
    if isinstance(item, Attribution):
        spans = (item.source, item.cue, item.content)
    elif isinstance(item, Claim):
        spans = (item.span, *(item.hedges or ()))
    else:
        spans = (item.span,)
    return tuple(span for span in spans if span is not None)
