"""Check where output will be written before any work is done, so a bad ``--out`` is a usage error, not a traceback."""

from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from ..usage import UsageError


def writable_file(path: Path | str, option: str = "--out") -> Path:
    """``path`` if a file can be created or replaced there; raises UsageError saying why not."""
    _not_standard_output(path, option, "file")
    path = Path(path)
    if path.is_dir():
        raise UsageError(f"{option} {path}: is a folder; give a file name")
    _writable_folder(path.parent if str(path.parent) else Path("."), option, path)
    if path.exists() and not os.access(path, os.W_OK):
        raise UsageError(f"{option} {path}: the file is not writable")
    return path


def writable_folder(path: Path | str, option: str = "--out") -> Path:
    """``path`` if it is (or can become) a writable folder; raises UsageError saying why not."""
    _not_standard_output(path, option, "folder")
    path = Path(path)
    if path.exists() and not path.is_dir():
        raise UsageError(f"{option} {path}: is a file; give a folder")
    if path.is_dir():
        if not os.access(path, os.W_OK | os.X_OK):
            raise UsageError(f"{option} {path}: the folder is not writable")
        return path
    _writable_folder(path.parent, option, path)
    return path


def _not_standard_output(path: Path | str, option: str, kind: str) -> None:
    """``-`` means standard output to most tools; here it would silently become a file or folder named ``-``."""
    if str(path) == "-":
        raise UsageError(f"{option} -: saidbench writes a {kind} here, not standard output; give a {kind} name")


def _writable_folder(folder: Path, option: str, path: Path) -> None:
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"{option} {path}: {folder} is a file, not a folder")
    if not folder.is_dir():
        raise UsageError(f"{option} {path}: the folder {folder} does not exist")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise UsageError(f"{option} {path}: the folder {folder} is not writable")


@contextmanager
def naming(path: Path | str) -> Iterator[None]:
    """Make an OSError raised while writing ``path`` name it: a full disk shows only when writing, and its error
    carries no file name (the CLI would otherwise blame standard output)."""
    try:
        yield
    except OSError as error:
        if error.filename is not None:
            raise
        raise OSError(error.errno, error.strerror, str(path)) from None


def write_text(path: Path | str, text: str) -> None:
    """Write ``text`` to ``path`` as UTF-8, line endings as given; an OSError names the file."""
    with naming(path), Path(path).open("w", encoding="utf-8", newline="") as handle:
        handle.write(text)
