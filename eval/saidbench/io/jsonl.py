"""Read JSON Lines files strictly: every defect is a Problem naming the file and line."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from .errors import Problem

BOM = "\ufeff"


@dataclass(frozen=True, slots=True)
class Record:
    """One parsed line: its 1-based line number and its JSON object."""

    line: int
    data: dict


def read_jsonl(path: Path | str) -> tuple[list[Record], list[Problem]]:
    """Parse a JSONL file of objects. Returns the good records and every problem found."""
    path = Path(path)
    name = str(path)
    if not path.exists():
        return [], [Problem(name, "file not found", hint="check the path")]
    if path.is_dir():
        return [], [Problem(name, "is a folder, expected a .jsonl file")]
    raw = path.read_bytes()
    if not raw.strip():
        return [], [Problem(name, "file is empty; expected one JSON object per line")]
    try:
        content = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return [], [
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
    if content.lstrip().startswith("["):
        problems.append(
            Problem(
                name,
                "the file is a JSON array; expected JSON Lines (one object per line)",
                line=1,
                hint="write one JSON object per line instead of a list",
            )
        )
        return [], problems
    records = list(_parse_lines(name, content.split("\n"), problems))
    return records, problems


def _parse_lines(name: str, lines: list[str], problems: list[Problem]) -> Iterable[Record]:
    last = len(lines)
    while last > 0 and not lines[last - 1].strip():
        last -= 1
    for number, line in enumerate(lines[:last], start=1):
        if not line.strip():
            problems.append(Problem(name, "blank line", line=number, hint="remove blank lines"))
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as error:
            problems.append(Problem(name, f"invalid JSON: {error.msg} (column {error.colno})", line=number))
            continue
        if not isinstance(data, dict):
            problems.append(
                Problem(name, f"expected a JSON object, found {type(data).__name__}", line=number)
            )
            continue
        yield Record(number, data)


def write_jsonl(path: Path | str, objects: Iterable[dict]) -> None:
    """Write objects as UTF-8 JSON Lines with LF endings, non-ASCII kept as is."""
    with Path(path).open("w", encoding="utf-8", newline="\n") as handle:
        for obj in objects:
            handle.write(json.dumps(obj, ensure_ascii=False) + "\n")
