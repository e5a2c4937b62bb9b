"""Entity chunks from IOB1, IOB2 or BIOES tag sequences, and back.

Two decoders, because files from real taggers contain malformed sequences (``I-X`` after ``O``, ``I-Y``
right after ``B-X``, a ``B-X`` never closed by ``E-X``):

``conlleval`` (the default)
    The rule of the CoNLL shared tasks' ``conlleval`` script, which seqeval's default mode follows: a tag
    continues the open chunk only if it is ``I-X`` or ``E-X``, the previous tag is ``B-X`` or ``I-X`` and the
    type ``X`` is the same; any other tag other than ``O`` starts a new chunk. So ``I-X`` after ``O`` opens a
    chunk, a type change splits one, and the scheme does not matter.
``strict`` (IOB2 and BIOES)
    Only chunks well formed in the declared scheme, as seqeval's strict mode (``mode="strict"``): a tag that
    does not fit is treated as ``O``. IOB2: ``B-X I-X*``. BIOES: ``S-X`` or ``B-X I-X* E-X``; a chunk left open
    is dropped. IOB1 has no strict decoder: in IOB1 ``B-X`` only separates two touching chunks, so nearly
    every sequence is well formed, and seqeval's strict IOB1 judges a ``B-X`` by the previous tag rather
    than the previous chunk, a rule we do not reproduce.

Chunks are ``(first token, last token + 1, type)``.
"""

from __future__ import annotations

from ..usage import UsageError

SCHEMES = ("iob2", "iob1", "bioes")
DECODERS = ("conlleval", "strict")
PREFIXES = {"iob1": "BI", "iob2": "BI", "bioes": "BIES"}

Chunk = tuple[int, int, str]


def split_tag(tag: str) -> tuple[str, str]:
    """``"B-PER"`` -> ``("B", "PER")``; ``"O"`` -> ``("O", "")``. Raises ValueError for anything else."""
    if tag == "O":
        return "O", ""
    prefix, dash, kind = tag.partition("-")
    if not dash or len(prefix) != 1 or not kind:
        raise ValueError(f"{tag!r} is not a tag (expected O or PREFIX-TYPE, e.g. B-PERSON)")
    return prefix, kind


def decode(tags: list[str], scheme: str = "iob2", decoder: str = "conlleval") -> list[Chunk]:
    """The chunks of one sentence's tags; raises ValueError for a tag the scheme does not have, UsageError
    for a decoder the scheme does not have."""
    if decoder == "strict" and scheme == "iob1":
        raise UsageError("the strict decoder is defined for IOB2 and BIOES; decode IOB1 with conlleval")
    pairs = [split_tag(tag) for tag in tags]
    for tag, (prefix, _) in zip(tags, pairs):
        if prefix != "O" and prefix not in PREFIXES[scheme]:
            raise ValueError(f"{tag!r} is not a tag of {scheme.upper()} (prefixes: {', '.join(PREFIXES[scheme])}, O)")
    return _conlleval(pairs) if decoder == "conlleval" else _strict(pairs, scheme)


def _conlleval(pairs: list[tuple[str, str]]) -> list[Chunk]:
    chunks, start, previous = [], None, ("O", "")
    for index, (prefix, kind) in enumerate(pairs):
        continues = prefix in "IE" and previous[0] in "BI" and kind == previous[1]
        if not continues:
            if start is not None:
                chunks.append((start, index, previous[1]))
            start = None if prefix == "O" else index
        previous = (prefix, kind)
    if start is not None:
        chunks.append((start, len(pairs), previous[1]))
    return chunks


def _strict(pairs: list[tuple[str, str]], scheme: str) -> list[Chunk]:
    chunks: list[Chunk] = []
    start, kind_open = None, ""  # the open chunk (IOB: emitted when it ends; BIOES: only when E closes it)

    def close(index: int) -> None:
        nonlocal start
        if start is not None and scheme != "bioes":
            chunks.append((start, index, kind_open))
        start = None

    for index, (prefix, kind) in enumerate(pairs):
        inside = start is not None and kind == kind_open
        if scheme == "bioes":
            if prefix == "S":
                close(index)
                chunks.append((index, index + 1, kind))
            elif prefix == "B":
                close(index)
                start, kind_open = index, kind
            elif prefix == "E" and inside:
                chunks.append((start, index + 1, kind))
                start = None
            elif not (prefix == "I" and inside):
                close(index)
        elif prefix == "I" and inside:
            continue
        elif prefix == "B":
            close(index)
            start, kind_open = index, kind
        else:  # O, or a tag that does not fit: treated as O
            close(index)
    close(len(pairs))
    return chunks


def encode(chunks: list[Chunk], length: int, scheme: str = "iob2") -> list[str]:
    """The tags of ``length`` tokens carrying non-overlapping ``chunks``."""
    tags = ["O"] * length
    previous_end, previous_kind = -1, None
    for start, end, kind in sorted(chunks):
        for index in range(start, end):
            tags[index] = f"I-{kind}"
        if scheme == "iob2":
            tags[start] = f"B-{kind}"
        elif scheme == "iob1":
            if previous_end == start and previous_kind == kind:
                tags[start] = f"B-{kind}"  # IOB1 marks only the start of a chunk that touches one of its type
        else:
            tags[start] = f"B-{kind}" if end - start > 1 else f"S-{kind}"
            if end - start > 1:
                tags[end - 1] = f"E-{kind}"
        previous_end, previous_kind = end, kind
    return tags
