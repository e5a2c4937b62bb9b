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
from typing import Iterable

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
    name = str(path)
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return None, [Problem(name, "file not found", hint="check the path")]
    except OSError as error:
        return None, [Problem(name, f"cannot be read: {error.strerror or error}", hint="check the path and permissions")]
    for test, message in _NOT_REGULAR:
        if test(mode):
            return None, [Problem(name, message + "; expected a regular .jsonl file")]
    try:
        with open(path, "rb") as handle:
            raw = handle.read(limit + 1)
    except OSError as error:
        return None, [Problem(name, f"cannot be read: {error.strerror or error}", hint="check the permissions")]
    if len(raw) > limit:
        return None, [Problem(name, f"larger than {limit:,} bytes; refusing to read it", hint="split the file")]
    return raw, []


def read_jsonl(path: Path | str) -> tuple[list[Record], list[Problem]]:
    """Parse a JSONL file of objects. Returns the good records and every problem found."""
    records, problems, _ = read_jsonl_digest(path)
    return records, problems


def read_jsonl_digest(path: Path | str) -> tuple[list[Record], list[Problem], str | None]:
    """Like :func:`read_jsonl`, with the SHA-256 of the bytes read (None if the file could not be read)."""
    raw, problems = read_bytes(path)
    if raw is None:
        return [], problems, None
    records, problems = parse_jsonl(str(path), raw)
    return records, problems, hashlib.sha256(raw).hexdigest()


def parse_jsonl(name: str, raw: bytes) -> tuple[list[Record], list[Problem]]:
    """Parse the bytes of a JSONL file called ``name``."""
    content, problems = text_of(name, raw)
    if content is None:
        return [], problems
    records = list(_parse_lines(name, content, problems))
    return records, problems


def text_of(name: str, raw: bytes) -> tuple[str | None, list[Problem]]:
    """The text of a JSONL file's bytes, or None when the whole file is unreadable as JSON Lines
    (empty, not UTF-8, UTF-16, NUL bytes, CR line ends, a JSON array); with every problem found."""
    if not raw or raw.isspace():
        return None, [Problem(name, "file is empty; expected one JSON object per line")]
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in raw[:4]:
        return None, [Problem(name, "the file looks UTF-16 encoded (byte-order mark or NUL bytes at the start)",
                            line=1, hint="save the file as UTF-8")]
    try:
        content = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return None, [
            Problem(
                name,
                f"invalid UTF-8 (byte 0x{raw[error.start]:02x} at byte offset {error.start})",
                line=line,
                hint="save the file as UTF-8",
            )
        ]
    problems: list[Problem] = []
    if content.startswith(BOM):
        problems.append(
            Problem(name, "file starts with a byte-order mark (BOM)", line=1, hint="save as UTF-8 without BOM")
        )
        content = content[1:]
    if "\x00" in content:
        line = content[: content.index("\x00")].count("\n") + 1
        problems.append(Problem(name, "NUL byte in the file", line=line,
                                hint="the file may be binary or UTF-16 encoded; save it as UTF-8 text"))
        return None, problems
    if "\r\n" in content:
        line = content[: content.index("\r\n")].count("\n") + 1
        problems.append(
            Problem(
                name,
                "CRLF line endings",
                line=line,
                hint="convert to LF line endings (e.g. dos2unix); offsets are counted over text with \\n",
            )
        )
        content = content.replace("\r\n", "\n")
    if "\r" in content:
        line = content[: content.index("\r")].count("\n") + 1
        problems.append(Problem(name, "carriage return (CR) outside a JSON string", line=line,
                                hint="use LF (\\n) line endings; old Mac CR line endings are not JSON Lines"))
        return None, problems
    if _ARRAY_START.match(content):
        problems.append(
            Problem(
                name,
                "the file is a JSON array; expected JSON Lines (one object per line)",
                line=1,
                hint="write one JSON object per line instead of a list",
            )
        )
        return None, problems
    return content, problems


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


def numbered_lines(name: str, content: str, problems: list[Problem]) -> Iterable[tuple[int, str]]:
    """``(line number, line)`` of every non-blank line of a file's text, one at a time (no copy of the whole);
    a blank line before the last line with content is a problem (trailing blank lines are not)."""
    last = len(content)
    while last > 0 and content[last - 1].isspace():
        last -= 1
    number, start = 0, 0
    while start < last:
        end = content.find("\n", start, last)
        if end < 0:
            end = last
        number += 1
        line = content[start:end]
        start = end + 1
        if not line.strip():
            problems.append(Problem(name, "blank line", line=number, hint="remove blank lines"))
            continue
        yield number, line


def _parse_lines(name: str, content: str, problems: list[Problem]) -> Iterable[Record]:
    for number, line in numbered_lines(name, content, problems):
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
