"""Read JSON Lines files strictly: every defect is a Problem naming the file and line.

Reading is bounded: only regular files are opened (a FIFO would block, ``/dev/zero`` never ends), at most
:data:`MAX_BYTES` are read, JSON nesting and number length are limited by the decoder and reported as
problems, and strings holding lone surrogates (which cannot be printed or written as UTF-8) are refused.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from msgspec.json import decode as _fast_decode

from .errors import Problem, json_type

BOM = "\ufeff"
#: The largest input file read (1 GiB); larger ones are refused rather than filling memory.
MAX_BYTES = 1 << 30
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
_ARRAY_START = re.compile(r"\s*\[")
_NOT_REGULAR = ((stat.S_ISDIR, "is a folder, expected a .jsonl file"), (stat.S_ISFIFO, "is a named pipe (FIFO)"),
                (stat.S_ISSOCK, "is a socket"), (stat.S_ISCHR, "is a character device"),
                (stat.S_ISBLK, "is a block device"))


@dataclass(frozen=True, slots=True)
class Record:
    """One parsed line: its 1-based line number and its JSON object."""

    line: int
    data: dict


def read_bytes(path: Path | str, limit: int = MAX_BYTES) -> tuple[bytes | None, list[Problem]]:
    """The content of a regular file of at most ``limit`` bytes, or None and the problem that prevented it."""
    handle, problem = open_regular(path, limit)
    if handle is None:
        return None, [problem]
    try:
        with handle:
            raw = handle.read(limit + 1)
    except OSError as error:
        return None, [Problem(str(path), f"cannot be read: {error.strerror or error}", hint="check the permissions")]
    if len(raw) > limit:
        return None, [_too_large(str(path), limit)]
    return raw, []


def open_regular(path: Path | str, limit: int = MAX_BYTES):
    """``(binary handle, None)`` of a regular file of at most ``limit`` bytes, or ``(None, the problem)``."""
    name = str(path)
    try:
        status = os.stat(path)
    except FileNotFoundError:
        return None, Problem(name, "file not found", hint="check the path")
    except OSError as error:
        return None, Problem(name, f"cannot be read: {error.strerror or error}", hint="check the path and permissions")
    for test, message in _NOT_REGULAR:
        if test(status.st_mode):
            return None, Problem(name, message + "; expected a regular .jsonl file")
    if status.st_size > limit:
        return None, _too_large(name, limit)
    try:
        return open(path, "rb"), None
    except OSError as error:
        return None, Problem(name, f"cannot be read: {error.strerror or error}", hint="check the permissions")


def _too_large(name: str, limit: int) -> Problem:
    return Problem(name, f"larger than {limit:,} bytes; refusing to read it", hint="split the file")


def read_jsonl(path: Path | str) -> tuple[list[Record], list[Problem]]:
    """Parse a JSONL file of objects. Returns the good records and every problem found."""
    lines = FileLines(path)
    records = list(object_records(str(path), lines, lines.line_problems))
    return [] if lines.failed else records, lines.problems


class FileLines:
    """The non-blank lines of a JSON Lines file, ``(line number, line)``, read a block at a time, so a file of
    any size is never held whole; with the file's defects as :attr:`problems` and its SHA-256 as :attr:`digest`.

    The problems are the whole file's, whatever block they are in. A file that cannot be read as JSON Lines at all
    (missing, not a regular file, too large, empty, UTF-16, invalid UTF-8, a NUL byte, a lone CR, a JSON array)
    has only its file problems, the one that outranks the others as if the file were checked whole, and a reader
    of its lines drops what it made of them (:attr:`failed`). Otherwise a byte-order mark and CRLF line ends are
    problems (the lines are given without them), and so is a blank line before the last line with content.
    :attr:`problems`, :attr:`failed` and :attr:`digest` (None with ``digest=False``: nothing is hashed) are valid
    once the lines have been read to the end.
    """

    def __init__(self, path: Path | str, limit: int = MAX_BYTES, block: int = 1 << 20, digest: bool = True):
        self.name, self.path, self.limit, self.block, self.hashing = str(path), path, limit, block, digest
        #: blank lines; a reader of the lines may add the problems it finds in them
        self.line_problems: list[Problem] = []
        self.digest: str | None = None
        #: the byte offset in the file of the line last given
        self.start = 0
        self._first: dict[str, Problem] = {}  # kind of file problem -> its first occurrence

    @property
    def failed(self) -> bool:
        """The file is unreadable as JSON Lines: nothing made of its lines counts."""
        return any(kind in self._first for kind in _FATAL)

    @property
    def problems(self) -> list[Problem]:
        """Every problem: the file's (for a failed file, only the one that outranks the others, after the byte-order
        mark and CRLF problems where the whole file's checks give them), then the lines'."""
        for kind in _FATAL:
            if kind in self._first:
                return [self._first[k] for k in _COMPANIONS[kind] if k in self._first] + [self._first[kind]]
        return [self._first[k] for k in ("bom", "crlf") if k in self._first] + self.line_problems

    def __iter__(self) -> Iterator[tuple[int, str]]:
        handle, problem = open_regular(self.path, self.limit)
        if handle is None:
            self._first["unreadable"] = problem
            return
        with handle:
            yield from self._lines(_blocks(handle, self.block))

    def _note(self, kind: str, number: int | None, message: str, hint: str | None = None) -> None:
        if kind not in self._first:
            self._first[kind] = Problem(self.name, message, line=number, hint=hint)

    def _lines(self, blocks: Iterable[bytes]) -> Iterator[tuple[int, str]]:
        hashed, number, offset = hashlib.sha256(), 0, 0
        held: tuple[int, str, int] | None = None  # the last line with content, given once it is known not to be last
        blank: list[int] = []  # blank lines since it
        text = False  # a byte other than ASCII white space has been read
        failed = False
        head = b""  # the first four bytes
        for chunk in blocks:
            if self.hashing:
                hashed.update(chunk)
            if len(head) < 4:
                head += chunk[: 4 - len(head)]
            if head.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in head:
                self._note("utf16", 1, "the file looks UTF-16 encoded (byte-order mark or NUL bytes at the start)",
                           "save the file as UTF-8")
                return
            if offset + len(chunk) > self.limit:
                self._first["unreadable"] = _too_large(self.name, self.limit)  # the file grew as it was read
                return
            ended = chunk.endswith(b"\n")
            plain = b"\r" not in chunk and b"\x00" not in chunk  # its lines need no cleaning after the first
            pieces = chunk.split(b"\n")
            if ended:
                pieces.pop()
            for index, piece in enumerate(pieces):
                number += 1
                try:
                    line = piece.decode("utf-8")
                except UnicodeDecodeError as error:
                    self._note("utf8", number, f"invalid UTF-8 (byte 0x{piece[error.start]:02x} at byte offset "
                               f"{offset + error.start})", "save the file as UTF-8")
                    return  # the first, and nothing outranks it
                offset += len(piece) + 1
                if not text:
                    text = piece != b"" and not piece.isspace()
                if not plain or held is None or failed:
                    line = self._clean(line, number, ended or index < len(pieces) - 1, held is None)
                    if line is None:
                        failed = True
                        continue
                if not line or line.isspace():
                    blank.append(number)
                    continue
                if held is not None:
                    self.start = held[2]
                    yield held[:2]
                self.line_problems += (Problem(self.name, "blank line", line=n, hint="remove blank lines") for n in blank)
                held, blank = (number, line, offset - len(piece) - 1), []
        if not text:
            self._first = {"empty": Problem(self.name, "file is empty; expected one JSON object per line")}
        elif not self.failed:
            self.digest = hashed.hexdigest() if self.hashing else None
            if held is not None:
                self.start = held[2]
                yield held[0], held[1].rstrip()

    def _clean(self, line: str, number: int, ended: bool, first: bool) -> str | None:
        """The line without a byte-order mark at the start of the file and a CR before its LF; None once the file
        has failed (its remaining lines are only searched for problems that outrank the one found)."""
        if number == 1 and line.startswith(BOM):
            self._note("bom", 1, "file starts with a byte-order mark (BOM)", "save as UTF-8 without BOM")
            line = line[1:]
        if "\x00" in line:
            self._note("nul", number, "NUL byte in the file",
                       "the file may be binary or UTF-16 encoded; save it as UTF-8 text")
        if ended and line.endswith("\r"):
            self._note("crlf", number, "CRLF line endings",
                       "convert to LF line endings (e.g. dos2unix); offsets are counted over text with \\n")
            line = line[:-1]
        if "\r" in line:
            self._note("cr", number, "carriage return (CR) outside a JSON string",
                       "use LF (\\n) line endings; old Mac CR line endings are not JSON Lines")
        if first and _ARRAY_START.match(line):
            self._note("array", 1, "the file is a JSON array; expected JSON Lines (one object per line)",
                       "write one JSON object per line instead of a list")
        return None if self.failed else line


#: File problems that stop reading, the outranking first, and the problems reported beside each.
_FATAL = ("unreadable", "empty", "utf16", "utf8", "nul", "cr", "array")
_COMPANIONS = {"nul": ("bom",), "cr": ("bom", "crlf"), "array": ("bom", "crlf")}
_COMPANIONS.update({kind: () for kind in _FATAL if kind not in _COMPANIONS})


def _blocks(handle, size: int) -> Iterator[bytes]:
    """The file's bytes in blocks of about ``size`` that end after a line feed (the last one may not); the first
    holds at least the file's first four bytes, which the UTF-16 check reads before any line."""
    rest = handle.read(4)
    while True:
        block = handle.read(size)
        if not block:
            if rest:
                yield rest
            return
        cut = block.rfind(b"\n")
        if cut < 0:
            rest += block
            continue
        yield rest + block[: cut + 1]
        rest = block[cut + 1:]


def parse_line(text: str) -> tuple[object, str | None]:
    """One JSON value from a line, or None and why it is not valid (never raises).

    The happy path decodes with msgspec (about twice as fast as ``json``), which gives the same
    values as ``json.loads`` for every line it accepts and refuses what ``json`` treats specially
    (NaN, Infinity, lone surrogates, too deep, too long); a line it refuses goes the careful way,
    which names the problem.
    """
    try:
        return _fast_decode(text), None
    except Exception:  # noqa: BLE001 - msgspec's decode and validation errors: json explains them
        return _parse_line_carefully(text)


def _parse_line_carefully(text: str) -> tuple[object, str | None]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        return None, f"invalid JSON: {error.msg} (column {error.colno})"
    except RecursionError:
        return None, "invalid JSON: nested too deeply"
    except ValueError as error:  # an integer of thousands of digits (Python's int limit)
        return None, f"invalid JSON: a number is too long ({str(error).split(';')[0]})"
    if _SURROGATE_ESCAPE.search(text):
        where = lone_surrogate(data)
        if where is not None:
            return None, f"a string{where} holds a lone UTF-16 surrogate (\\ud800-\\udfff), which is not text"
    return data, None


def lone_surrogate(value) -> str | None:
    """`` at <path>`` of the first string holding a lone surrogate, or None; iterative, so depth is no limit."""
    stack = [(value, "")]
    while stack:
        item, where = stack.pop()
        if isinstance(item, str):
            try:
                item.encode("utf-8")
            except UnicodeEncodeError:
                return f" at {where or 'top level'}"
        elif isinstance(item, dict):
            stack.extend((v, f"{where}.{k}" if where else str(k)) for k, v in item.items())
            stack.extend((k, f"{where} (a key)") for k in item)
        elif isinstance(item, list):
            stack.extend((v, f"{where}[{i}]") for i, v in enumerate(item))
    return None


def object_records(name: str, lines: Iterable[tuple[int, str]], problems: list[Problem]) -> Iterable[Record]:
    """The JSON object of each numbered line of the file ``name``; a line that is not one is a problem."""
    for number, line in lines:
        data, error = parse_line(line)
        if error is not None:
            problems.append(Problem(name, error, line=number))
            continue
        if not isinstance(data, dict):
            problems.append(Problem(name, f"expected a JSON object, found {json_type(data)}", line=number))
            continue
        yield Record(number, data)


def write_jsonl(path: Path | str, objects: Iterable[dict]) -> None:
    """Write objects as UTF-8 JSON Lines with LF endings, non-ASCII kept as is.

    Raises OSError naming the file when it cannot be written (a full disk shows only when writing).
    """
    from .outputs import naming

    with naming(path), Path(path).open("w", encoding="utf-8", newline="\n") as handle:
        for obj in objects:
            handle.write(json.dumps(obj, ensure_ascii=False) + "\n")
