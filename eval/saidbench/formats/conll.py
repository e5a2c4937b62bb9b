"""CoNLL columns (one token per line, a tag column in IOB1, IOB2 or BIOES) <-> entity mentions.

Reading. A line ``# doc_id = ID`` starts the tokens of document ``ID`` (with a single-document corpus it may
be left out); ``-DOCSTART-`` lines and other ``#`` comment lines are skipped; a blank line ends a sentence (no
chunk crosses it). Columns are split on whitespace; the token and tag columns are chosen by index (default:
first and last). Each token is found in the document text at or after the end of the previous one (text
between them, such as a section not written, is skipped), so its code-point offsets are recovered exactly; a
token that is not found there is an error naming its line. Tags are decoded as :mod:`.tagging` says.
Mentions come back as ``kind: name`` with no ``entity_id``.

Writing. Name mentions only: per document a ``# doc_id`` line, then every section that carries entities as
a sentence of ``token<TAB>tag`` lines (the ``ner_bio`` tokenizer, cut at mention edges). Left out, and
counted: mentions of other kinds, discontinuous mentions, mentions outside those sections, and mentions
overlapping a longer one.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Mapping

from ..io.errors import InputError, Problem
from ..io.jsonl import read_bytes
from ..io.outputs import write_text
from ..model import Annotations, Document
from ..schema import load_schema
from ..usage import UsageError
from . import tagging
from .tokens import tokens

_DOC_ID = re.compile(r"^#\s*doc_id\s*=\s*(\S+)\s*$")


def read(path, documents: Mapping[str, Document], scheme: str = "iob2", decoder: str = "conlleval",
         token_column: int = 0, tag_column: int = -1) -> list[tuple[int, dict]]:
    """``(line of the document's first token, prediction line)`` per document; raises InputError."""
    if scheme not in tagging.SCHEMES or decoder not in tagging.DECODERS:
        raise UsageError(f"tagging scheme must be one of {', '.join(tagging.SCHEMES)} and decoder one of "
                         f"{', '.join(tagging.DECODERS)}")
    if decoder == "strict" and scheme == "iob1":
        raise UsageError("the strict decoder is defined for IOB2 and BIOES; decode IOB1 with conlleval")
    text = _text(path)
    reader = _Reader(str(path), documents, scheme, decoder, token_column, tag_column)
    for number, line in enumerate(text.split("\n"), start=1):
        reader.line(number, line)
    reader.end_document()
    if reader.problems:
        raise InputError(reader.problems)
    if not reader.found:
        raise InputError([Problem(str(path), "no tokens found; expected one token per line with a tag column")])
    return reader.found


def _text(path) -> str:
    raw, problems = read_bytes(path)
    if problems:
        raise InputError(problems)
    if not raw.strip():
        raise InputError([Problem(str(path), "file is empty; expected one token and its tag per line")])
    try:
        return raw.decode("utf-8").replace("\r\n", "\n")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise InputError([Problem(str(path), "invalid UTF-8", line=line, hint="save the file as UTF-8")]) from None


class _Reader:
    """Consumes the file line by line: documents, sentences, tokens aligned to the text, decoded chunks."""

    def __init__(self, path, documents, scheme, decoder, token_column, tag_column):
        self.path, self.documents = path, documents
        self.scheme, self.decoder = scheme, decoder
        self.columns = (token_column, tag_column)
        self.problems: list[Problem] = []
        self.found: list[tuple[int, dict]] = []
        self.doc_id: str | None = None
        self.first_line = 0
        self.lost = False  # a token of this document was not found: the rest cannot be placed
        self.cursor = 0
        self.mentions: list[dict] = []
        self.sentence: list[tuple[int, int, str, int]] = []  # start, end, tag, line

    def problem(self, number: int, message: str, field: str | None = None, hint: str | None = None) -> None:
        self.problems.append(Problem(self.path, message, line=number, field=field, hint=hint))

    def line(self, number: int, line: str) -> None:
        marker = _DOC_ID.match(line)
        if marker:
            self.end_document()
            self.start_document(number, marker.group(1))
        elif not line.strip():
            self.end_sentence()
        elif line.startswith("#") or line.split()[0] == "-DOCSTART-":
            self.end_sentence()
        else:
            self.token(number, line.split())

    def start_document(self, number: int, doc_id: str) -> None:
        if doc_id not in self.documents:
            self.problem(number, f"unknown document {doc_id!r}", field="doc_id",
                         hint=f"known documents: {', '.join(list(self.documents)[:10])}")
        elif any(line["doc_id"] == doc_id for _, line in self.found):
            self.problem(number, f"document {doc_id!r} appears again", field="doc_id")
        else:
            self.doc_id, self.first_line, self.cursor, self.lost, self.mentions = doc_id, number, 0, False, []
            return
        self.doc_id, self.lost = None, True

    def token(self, number: int, columns: list[str]) -> None:
        if self.doc_id is None and not self.lost and not self.found:
            if len(self.documents) != 1:
                self.problem(number, "a token before any '# doc_id = ID' line",
                             hint="with several documents in the corpus, start each with a '# doc_id = ID' line")
                self.lost = True
                return
            self.start_document(number, next(iter(self.documents)))
        if self.lost or self.doc_id is None:
            return
        try:
            token, tag = (columns[index] for index in self.columns)
        except IndexError:
            self.problem(number, f"{len(columns)} column(s); the token and tag columns are {self.columns}",
                         hint="choose the columns with --token-column and --tag-column")
            return
        text = self.documents[self.doc_id].text
        start = text.find(token, self.cursor)
        if start < 0:
            after = text[self.cursor:self.cursor + 30]
            self.problem(number, f"token {token!r} not found in the text of {self.doc_id!r} at or after offset "
                                 f"{self.cursor} (which reads {after!r})", field="token",
                         hint="tokens must be the document's text in order, unchanged (no normalised quotes, "
                              "brackets or spelling)")
            self.lost = True
            return
        self.cursor = start + len(token)
        self.sentence.append((start, self.cursor, tag, number))

    def end_sentence(self) -> None:
        if not self.sentence:
            return
        tags = [tag for _, _, tag, _ in self.sentence]
        try:
            chunks = tagging.decode(tags, self.scheme, self.decoder)
        except ValueError as error:
            bad = next(n for _, _, tag, n in self.sentence if _bad(tag, self.scheme))
            self.problem(bad, str(error), field="tag", hint="choose the scheme with --tagging iob1|iob2|bioes")
            chunks = []
        for first, last, label in chunks:
            start, end = self.sentence[first][0], self.sentence[last - 1][1]
            text = self.documents[self.doc_id].text
            self.mentions.append({"start": start, "end": end, "text": text[start:end], "label": label,
                                  "kind": "name"})
        self.sentence = []

    def end_document(self) -> None:
        self.end_sentence()
        if self.doc_id is not None and not self.lost:
            self.found.append((self.first_line, {"doc_id": self.doc_id, "entities": self.mentions}))
        self.doc_id = None


def _bad(tag: str, scheme: str) -> bool:
    try:
        prefix, _ = tagging.split_tag(tag)
    except ValueError:
        return True
    return prefix != "O" and prefix not in tagging.PREFIXES[scheme]


def write(path, annotations: Mapping[str, Annotations], documents: Mapping[str, Document],
          scheme: str = "iob2") -> Counter:
    """Write the name mentions of every document; returns the count of mentions left out, by reason."""
    annotatable = load_schema().annotatable
    dropped: Counter = Counter()
    out: list[str] = []
    for doc_id, found in annotations.items():
        document = documents[doc_id]
        regions = [(s.span.start, s.span.end) for s in document.sections
                   if "entities" in annotatable.get(s.label, ())] or [(0, len(document.text))]
        kept = expressible(found.entities or (), regions, dropped)
        out.append(f"# doc_id = {doc_id}")
        for start, end in regions:
            inside = [m for m in kept if start <= m.span.start and m.span.end <= end]
            spans = tokens(document.text, start, end, (edge for m in inside for edge in (m.span.start, m.span.end)))
            if not spans:
                continue
            index = {offset: i for i, (offset, _) in enumerate(spans)}
            ends = {offset: i + 1 for i, (_, offset) in enumerate(spans)}
            chunks = [(index[m.span.start], ends[m.span.end], m.label) for m in inside]
            tags = tagging.encode(chunks, len(spans), scheme)
            out += [f"{document.text[a:b]}\t{tag}" for (a, b), tag in zip(spans, tags)]
            out.append("")
    write_text(path, "\n".join(out) + "\n")
    return dropped


def expressible(mentions, regions, dropped: Counter) -> list:
    """Name mentions IOB tags can carry: contiguous, inside a region, not overlapping a longer one (kept)."""
    candidates = []
    for mention in mentions:
        if (mention.kind or "name") != "name":
            dropped["not a name mention (IOB tags carry no kind)"] += 1
        elif not mention.span.is_contiguous:
            dropped["discontinuous"] += 1
        elif not any(s <= mention.span.start and mention.span.end <= e for s, e in regions):
            dropped["outside the sections that carry entities"] += 1
        else:
            candidates.append(mention)
    kept = []
    for mention in sorted(candidates, key=lambda m: (-m.span.length, m.span.start)):
        if any(mention.span.overlap(other.span) for other in kept):
            dropped["overlapping a longer mention"] += 1
        else:
            kept.append(mention)
    return sorted(kept, key=lambda m: m.span.start)
