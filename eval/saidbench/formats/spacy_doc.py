"""spaCy ``DocBin`` files (``.spacy``) <-> entity mentions: ``doc.ents`` or a span group ``doc.spans[key]``.

Reading. Each ``Doc`` is matched to a corpus document by ``doc.user_data["doc_id"]`` when present, else by
its text, which must equal the document's text (spaCy's character offsets are code points, as ours).
Mentions come back with their label, ``kind: name``, and ``entity_id`` from the span's ``kb_id_`` if set.

Writing. One ``Doc`` per document, tokenised by the ``ner_bio`` tokenizer cut at every mention edge (so
every mention is a run of tokens) with whitespace kept, and ``user_data["doc_id"]`` set. ``doc.ents``: the
name mentions that do not overlap a longer one; ``doc.spans[key]`` (default ``mentions``): every contiguous
mention, ``kb_id_`` holding its ``entity_id``. Discontinuous mentions are left out and counted; the mention
kind is not written (a span has no place for it).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Mapping

from ..io.errors import InputError, Problem
from ..io.jsonl import read_bytes
from ..io.outputs import naming
from ..model import Annotations, Document
from ..usage import UsageError
from .conll import expressible
from .tokens import tokens

SPANS_KEY = "mentions"


def _spacy():
    try:
        import spacy
    except ImportError:
        raise UsageError("reading or writing spaCy files needs spaCy: pip install 'saidbench[spacy]'") from None
    return spacy


def read(path, documents: Mapping[str, Document], spans_key: str | None = None) -> list[tuple[int, dict]]:
    """``(Doc number, prediction line)`` per Doc; raises InputError."""
    spacy = _spacy()
    from spacy.tokens import DocBin

    raw, problems = read_bytes(path)
    if problems:
        raise InputError(problems)
    name = str(path)
    if not raw:
        raise InputError([Problem(name, "file is empty; expected a spaCy DocBin (.spacy) file")])
    try:
        docs = list(DocBin().from_bytes(raw).get_docs(spacy.blank("xx").vocab))
    except Exception as error:  # noqa: BLE001 -- msgpack/zlib/spaCy raise many types for a file that is not a DocBin
        raise InputError([Problem(name, f"not a spaCy DocBin file ({type(error).__name__})",
                                  hint="write it with DocBin(docs=...).to_disk(path)")]) from None
    by_text = {document.text: doc_id for doc_id, document in documents.items()}
    found, problems = [], []
    for number, doc in enumerate(docs, start=1):
        doc_id = doc.user_data.get("doc_id") if isinstance(doc.user_data, dict) else None
        doc_id = doc_id if isinstance(doc_id, str) else by_text.get(doc.text)
        where = f"Doc {number}"
        if doc_id is None or doc_id not in documents:
            problems.append(Problem(name, f"{where}: matches no document of the corpus (no user_data['doc_id'] "
                                          "and its text is no document's text)"))
            continue
        if doc.text != documents[doc_id].text:
            problems.append(Problem(name, f"{where}: its text differs from the text of {doc_id!r}, so its offsets "
                                          "would not point at the document", hint="run the pipeline on the exact text"))
            continue
        if spans_key is not None and spans_key not in doc.spans:
            keys = ", ".join(doc.spans) or "none"
            problems.append(Problem(name, f"{where}: no span group {spans_key!r} (groups: {keys})"))
            continue
        spans = doc.ents if spans_key is None else doc.spans[spans_key]
        entities = [{"start": s.start_char, "end": s.end_char, "text": s.text, "label": s.label_, "kind": "name",
                     **({"entity_id": s.kb_id_} if s.kb_id_ else {})} for s in spans]
        found.append((number, {"doc_id": doc_id, "entities": entities}))
    if problems:
        raise InputError(problems)
    if not found:
        raise InputError([Problem(name, "holds no Doc")])
    return found


def write(path, annotations: Mapping[str, Annotations], documents: Mapping[str, Document],
          spans_key: str | None = None) -> Counter:
    """Write a DocBin; returns the count of mentions left out, by reason."""
    spacy = _spacy()
    from spacy.tokens import Doc, DocBin, Span

    vocab = spacy.blank("xx").vocab
    dropped: Counter = Counter()
    docs = []
    for doc_id, found in annotations.items():
        text = documents[doc_id].text
        mentions = [m for m in found.entities or () if m.span.is_contiguous]
        dropped["discontinuous"] += len(found.entities or ()) - len(mentions)
        words, spaces = _words(text, tokens(text, cuts=(edge for m in mentions for edge in (m.span.start, m.span.end))))
        doc = Doc(vocab, words=words, spaces=spaces)
        doc.user_data["doc_id"] = doc_id
        spans = [doc.char_span(m.span.start, m.span.end, label=m.label, kb_id=m.entity_id or "") for m in mentions]
        doc.spans[spans_key or SPANS_KEY] = [s for s in spans if s is not None]
        names = expressible(mentions, [(0, len(text))], Counter())
        doc.ents = [Span(doc, s.start, s.end, label=s.label_, kb_id=s.kb_id_) for s in
                    (doc.char_span(m.span.start, m.span.end, label=m.label, kb_id=m.entity_id or "") for m in names)]
        docs.append(doc)
    with naming(path):
        DocBin(docs=docs, store_user_data=True).to_disk(Path(path))
    return +dropped  # only the reasons that occurred


def _words(text: str, spans: list[tuple[int, int]]) -> tuple[list[str], list[bool]]:
    """spaCy words and trailing-space flags that rebuild ``text`` exactly (other whitespace becomes tokens)."""
    words, spaces, position = [], [], 0
    for start, end in [*spans, (len(text), len(text))]:
        gap = text[position:start]
        if gap.startswith(" ") and words:
            spaces[-1], gap = True, gap[1:]
        if gap:
            words.append(gap)
            spaces.append(False)
        if end > start:
            words.append(text[start:end])
            spaces.append(False)
        position = end
    return words, spaces
