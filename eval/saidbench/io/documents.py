"""Read a documents file (``corpus/documents.jsonl``): every defect (missing text, bad sections) is a Problem with
file, line and field. A large file is checked whole, a line at a time, and indexed instead of held: its documents
are read back from their lines when asked for (:class:`DocumentIndex`)."""

from __future__ import annotations

import hashlib
import os
import threading
import weakref
from array import array
from collections import OrderedDict
from collections.abc import Container, Iterator, Mapping
from pathlib import Path

from msgspec.json import decode as _decode

from ..model import Document, Section, Span, SpanError
from .checks import suggestion
from .errors import InputError, Problem, json_type, preview
from .jsonl import BOM, FileLines, object_records, parse_line

#: The fields of the bundled corpus; a corpus of one's own needs only ``id`` and ``text`` (MINIMAL).
REQUIRED = ("id", "title", "text", "text_sha256", "language", "license", "sections")
MINIMAL = ("id", "text")
_STRINGS = ("id", "title", "text", "text_sha256")
#: Documents files of at least this many bytes are indexed, smaller ones held (:func:`open_documents`): held, a
#: file this size takes about as much memory as an index's full cache (:data:`CACHE`) of news-article documents.
INDEX_FROM = 16 << 20
#: How many documents an index keeps made, the most recently used. Scoring asks for each document in file order from the
#: gold reader, then the prediction reader, then the counting of its chunk of up to 2,000 documents: with room for
#: a chunk and what is read ahead (:data:`READ_AHEAD`, twice), every document is read from the file once.
CACHE = 2500
#: Documents read with one system call (and made one after the other) when they are asked for in file order.
READ_AHEAD = 32


def open_documents(
    path: Path | str, section_labels: tuple[str, ...], required: tuple[str, ...] = REQUIRED,
    index_from: int | None = None,
) -> tuple[Mapping[str, Document], list[Problem]]:
    """Documents by id, and every problem found in the file: held (:func:`read_documents`) when the file is
    smaller than ``index_from`` bytes (default :data:`INDEX_FROM`), else indexed (:func:`index_documents`)."""
    try:
        size = os.stat(path).st_size
    except OSError:  # reading it names the problem
        size = 0
    index = size >= (INDEX_FROM if index_from is None else index_from)
    return (index_documents if index else read_documents)(path, section_labels, required)


def read_documents(
    path: Path | str, section_labels: tuple[str, ...], required: tuple[str, ...] = REQUIRED
) -> tuple[dict[str, Document], list[Problem]]:
    """Documents by id, held in memory, and every problem found in the file.

    Section labels are checked against ``section_labels`` unless it is empty (a schema without sections).
    """
    documents: dict[str, Document] = {}
    lines, problems = FileLines(path, digest=False), []
    for data in _checked(lines, section_labels, required, documents, problems):
        documents[data["id"]] = document_of(data)
    return ({}, lines.problems) if lines.failed else (documents, lines.problems + problems)


def index_documents(
    path: Path | str, section_labels: tuple[str, ...], required: tuple[str, ...] = REQUIRED, cache: int = CACHE,
) -> tuple[DocumentIndex, list[Problem]]:
    """As :func:`read_documents` (the same documents, in the same order, and the same problems), but the
    documents are not held: the index keeps where each one's line starts in the file."""
    try:
        stamp = _stamp(os.stat(path))
    except OSError:  # reading it names the problem
        stamp = None
    positions: dict[str, int] = {}
    starts = array("q")
    lines, problems = FileLines(path, digest=False), []
    for data in _checked(lines, section_labels, required, positions, problems):
        positions[data["id"]] = len(starts)
        starts.append(lines.start)
    if lines.failed:
        return DocumentIndex(path, {}, array("q"), stamp, cache), lines.problems
    return DocumentIndex(path, positions, starts, stamp, cache), lines.problems + problems


def _checked(lines: FileLines, labels: tuple[str, ...], required: tuple[str, ...], known: Container[str],
             problems: list[Problem]) -> Iterator[dict]:
    """The object of each line that passes the checks, as it is read (``known``: the ids given so far, which the
    caller keeps); the problems of the other lines go to ``problems`` (the lines' own stay with the lines)."""
    for record in object_records(lines.name, lines, lines.line_problems):
        found = check_document(record.data, lines.name, record.line, labels, required, known)
        if found:
            problems += found
        else:
            yield record.data


def check_document(
    data: dict, name: str, line: int | None, labels: tuple[str, ...], required: tuple[str, ...],
    known: Container[str] = (),
) -> list[Problem]:
    """Every problem of one line's object in file ``name`` as a document (``known``: the ids already taken);
    an object without any is a document (:func:`document_of`)."""
    found: list[Problem] = []

    def problem(where: str, message: str, hint: str | None = None) -> None:
        found.append(Problem(name, message, line=line, field=where, hint=hint))

    for key in required:
        if key not in data:
            problem(key, "missing required field")
    for key in _STRINGS:
        if key in data and not isinstance(data[key], str):
            problem(key, f"expected a string, found {json_type(data[key])}")
    if "id" in data and data["id"] == "":
        problem("id", "expected a non-empty string")
    if "sections" in data and not isinstance(data["sections"], list):
        problem("sections", f"expected a list of sections, found {json_type(data['sections'])}")
    if found:
        return found
    text = data["text"]
    if "text_sha256" in data and hashlib.sha256(text.encode("utf-8")).hexdigest() != data["text_sha256"]:
        problem("text_sha256", "does not match the SHA-256 of text")
    if data["id"] in known:
        problem("id", f"duplicate document id {preview(data['id'])}")
    for index, section in enumerate(data.get("sections") or ()):
        _check_section(section, f"sections[{index}]", len(text), labels, problem)
    return found


def _check_section(section, where: str, length: int, labels: tuple[str, ...], problem) -> None:
    """Report what is wrong with a section, if anything (its label is not checked if ``labels`` is empty)."""
    if not isinstance(section, dict):
        problem(where, f"expected a section object, found {json_type(section)}")
        return
    label = section.get("label")
    if labels and label not in labels or not isinstance(label, str):
        hint = suggestion(label, labels) if isinstance(label, str) else None
        problem(f"{where}.label", f"unknown section label {preview(label)}; expected one of {', '.join(labels)}", hint)
        return
    if not isinstance(section.get("id"), str):
        problem(f"{where}.id", f"expected a string, found {json_type(section.get('id'))}")
        return
    try:
        Span.of(section.get("start"), section.get("end")).check_within(length)
    except SpanError as error:
        problem(where, f"bad offsets: {error}")


def document_of(data: dict) -> Document:
    """The Document of a line's object that has passed :func:`check_document`."""
    sections = tuple(Section(id=section["id"], label=section["label"], span=Span.of(section["start"], section["end"]))
                     for section in data.get("sections") or ())
    metadata = {k: v for k, v in data.items() if k not in ("id", "text", "title", "sections")}
    return Document(id=data["id"], text=data["text"], title=data.get("title") or "", sections=sections,
                    metadata=metadata)


def _stamp(status: os.stat_result) -> tuple[int, int, int]:
    """What changes when a file is replaced or written to: its inode, size and time of last change."""
    return status.st_ino, status.st_size, status.st_mtime_ns


class DocumentIndex(Mapping[str, Document]):
    """The checked documents of a file by id, in file order, each made from its line when asked for and kept among
    the ``cache`` most recently used; asked for in file order, documents are read :data:`READ_AHEAD` at a time. A
    file changed since it was checked gives no document but an InputError."""

    def __init__(self, path: Path | str, positions: dict[str, int], starts: array,
                 stamp: tuple[int, int, int] | None, cache: int = CACHE):
        self.path, self._positions, self._starts, self._stamp = path, positions, starts, stamp
        self._ids, self._size = list(positions), cache  # the ids by position
        self._cache: OrderedDict[str, Document] = OrderedDict()  # least recently used first
        self._next = 0  # the position after the last one read: reading there reads ahead
        self._lock = threading.Lock()  # one reader of the file at a time; a document kept is given without it
        # opened now, so the lines are read from the file that was checked even if another is put at its path
        self._fd = os.open(path, os.O_RDONLY) if positions else -1
        if positions:
            weakref.finalize(self, os.close, self._fd)

    def __getitem__(self, doc_id: str) -> Document:
        document = self._kept(doc_id)
        return self._load(doc_id) if document is None else document

    def get(self, doc_id, default=None):
        document = self._kept(doc_id)
        if document is None:
            return self._load(doc_id) if doc_id in self._positions else default
        return document

    def __contains__(self, doc_id) -> bool:
        return doc_id in self._positions

    def __iter__(self) -> Iterator[str]:
        return iter(self._positions)

    def __len__(self) -> int:
        return len(self._positions)

    def __repr__(self) -> str:
        return f"<DocumentIndex of {len(self):,} documents in {str(self.path)!r}>"

    def __reduce__(self):
        return DocumentIndex, (self.path, self._positions, self._starts, self._stamp, self._size)

    def _kept(self, doc_id) -> Document | None:
        """The document ``doc_id`` if it is kept, now the most recently used."""
        try:
            self._cache.move_to_end(doc_id)
        except KeyError:
            return None
        return self._cache.get(doc_id)  # None if another thread has just dropped it

    def _load(self, doc_id: str) -> Document:
        """Read the document ``doc_id`` (KeyError if it is not one), and if it is the next in the file, those after
        it up to one already kept."""
        position = self._positions[doc_id]
        with self._lock:
            document = self._cache.get(doc_id)
            if document is None:
                count = 1
                last = min(position + min(READ_AHEAD, self._size), len(self._ids)) if position == self._next else 0
                while position + count < last and self._ids[position + count] not in self._cache:
                    count += 1
                for made in self._read(position, count, doc_id):
                    self._cache[made.id] = made
                while len(self._cache) > self._size:
                    self._cache.popitem(last=False)
                self._next = position + count
                document = self._cache[doc_id]
            return document

    def _read(self, position: int, count: int, doc_id: str) -> list[Document]:
        """The ``count`` documents from ``position`` on, read with one system call; InputError (naming ``doc_id``)
        if the file has changed since it was checked."""
        status = os.fstat(self._fd)
        documents = []
        if _stamp(status) == self._stamp:
            starts, first = self._starts, self._starts[position]
            last = position + count
            raw = os.pread(self._fd, (starts[last] if last < len(starts) else status.st_size) - first, first)
            for at in range(position, last):
                begin = starts[at] - first
                end = raw.find(b"\n", begin)  # lines with problems may come before the next document's
                line = memoryview(raw)[begin:end if end >= 0 else len(raw)]
                try:
                    data = _decode(line)  # straight from the bytes: the line passed parse_line when the file was read
                except Exception:  # noqa: BLE001 - a line only the careful parser takes, or one after a byte-order mark
                    data, _ = parse_line(bytes(line).decode("utf-8").removeprefix(BOM))
                if not isinstance(data, dict) or data.get("id") != self._ids[at]:
                    break
                documents.append(document_of(data))
            else:
                return documents
        raise InputError([Problem(str(self.path), f"changed since it was checked (document {preview(doc_id)} "
                                                  "was to be read from it)",
                                  hint="leave the documents file unchanged while it is in use, and run again")])
