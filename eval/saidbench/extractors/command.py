"""Any command as an extractor: documents as JSON lines on its stdin, prediction lines read from its stdout.

The protocol (docs/FORMAT.md, "Extractor commands"): the command is started once; it reads one document per
line (``{"id", "title", "text", "sections", ...}``, as in ``corpus/documents.jsonl``) until end of input and
writes one prediction line per document, in any order, each with its ``doc_id``; blank lines are ignored and
its stderr is free for logs. It must exit with status 0.

Failures are Problems naming the command: it could not start, exited non-zero, was killed by a signal, ran
past ``timeout`` (then it is killed, with its whole process group), stopped reading its input, left a
document unanswered -- each with the tail of its stderr. Such a run is refused unless ``allow_partial``,
which scores the documents that were answered. A line that is not a JSON object, or a document answered
twice, is always refused. Stdin is written from a thread and stdout/stderr drained by threads, so a command
that answers while it reads never deadlocks against a full pipe.
"""

from __future__ import annotations

import json
import os
import shlex
import signal
import subprocess
import threading
from collections import deque
from dataclasses import dataclass
from typing import Mapping, Sequence

from ..io.errors import InputError, Problem
from ..model import Document
from ..usage import UsageError
from ..progress import progress_bar

STDERR_TAIL_LINES = 5
_LINE_LIMIT = 200  # characters kept of each stderr line in the tail
_GRACE = 5.0  # seconds to wait for the output pipes to close once the command has ended


@dataclass(frozen=True, slots=True)
class CommandOutput:
    """What a command answered: prediction lines for the documents answered, and how the run went."""

    lines: tuple[dict, ...]
    numbers: tuple[int, ...]  # the stdout line of each prediction line
    source: str
    answered: int
    total: int
    failure: Problem | None = None

    @property
    def partial(self) -> str | None:
        """``"answered/total"`` when the run failed or left documents unanswered, else None."""
        return f"{self.answered}/{self.total}" if self.failure else None


def document_to_json(document: Document) -> dict:
    """The line a command reads for a document: the fields of ``corpus/documents.jsonl``."""
    sections = [{"id": s.id, "label": s.label, "start": s.span.start, "end": s.span.end} for s in document.sections]
    return {"id": document.id, "title": document.title, "text": document.text, "sections": sections,
            **document.metadata}


class _Process:
    """A started command whose stdin is fed and whose stdout and stderr are drained by threads."""

    def __init__(self, argv: Sequence[str], inputs: list[bytes], bar):
        self.process = subprocess.Popen(
            list(argv), stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            start_new_session=True,  # its own process group, so a timeout kills its children too
        )
        self.stdout: list[bytes] = []
        self.stderr: deque[str] = deque(maxlen=STDERR_TAIL_LINES)
        self.written = 0
        self.bar = bar
        self.threads = [threading.Thread(target=target, daemon=True) for target in (
            lambda: self._feed(inputs), self._read_stdout, self._read_stderr)]
        for thread in self.threads:
            thread.start()

    def _feed(self, inputs: list[bytes]) -> None:
        try:
            for data in inputs:
                self.process.stdin.write(data)
                self.process.stdin.flush()  # a command may answer each document as it comes
                self.written += 1
        except OSError:  # it closed its stdin or ended: reported as "stopped reading"
            pass
        finally:
            try:
                self.process.stdin.close()
            except OSError:
                pass

    def _read_stdout(self) -> None:
        for raw in iter(self.process.stdout.readline, b""):
            self.stdout.append(raw)
            if raw.strip():
                self.bar.update(1)

    def _read_stderr(self) -> None:
        for raw in iter(self.process.stderr.readline, b""):
            line = raw.decode("utf-8", "replace").rstrip()
            if line:
                self.stderr.append(line if len(line) <= _LINE_LIMIT else line[:_LINE_LIMIT] + "...")

    def wait(self, timeout: float | None) -> bool:
        """Wait for the command to end; True if it had to be killed at the timeout."""
        try:
            self.process.wait(timeout)
            timed_out = False
        except subprocess.TimeoutExpired:
            timed_out = True
        self._kill_group()
        self.process.wait()
        for thread in self.threads:
            thread.join(_GRACE)
        return timed_out

    def _kill_group(self) -> None:
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass


def run_command(
    argv: Sequence[str], documents: Mapping[str, Document], *, timeout: float | None = None,
    allow_partial: bool = False, progress: bool | None = None,
) -> CommandOutput:
    """Run ``argv`` as an extractor over ``documents``; raises InputError as described in the module docstring."""
    if not argv:
        raise UsageError("no command given")
    where = "command `" + shlex.join(argv) + "`"
    inputs = [(json.dumps(document_to_json(d), ensure_ascii=False) + "\n").encode("utf-8") for d in documents.values()]
    with progress_bar(len(inputs), argv[0], progress, unit="doc") as bar:
        try:
            process = _Process(argv, inputs, bar)
        except OSError as error:
            hint = "check the command and its path; it is run directly, without a shell"
            raise InputError([Problem(where, f"could not be started: {error.strerror or error}", hint=hint)]) from None
        timed_out = process.wait(timeout)
    lines, problems = _parse_stdout(where, process.stdout)
    answered = {line["doc_id"] for _, line in lines}
    unanswered = [doc_id for doc_id in documents if doc_id not in answered]
    failure = _failure(where, process, timed_out, timeout, len(lines), len(documents), unanswered)
    if failure and not allow_partial:
        problems.insert(0, failure)
    if not lines and not problems:
        problems.append(failure or Problem(where, "answered no document"))
    if problems:
        raise InputError(problems)
    return CommandOutput(tuple(line for _, line in lines), tuple(n for n, _ in lines), f"{where} stdout",
                         len(lines), len(documents), failure)


def _parse_stdout(where: str, stdout: list[bytes]) -> tuple[list[tuple[int, dict]], list[Problem]]:
    """The numbered prediction lines, and a problem for each line that is not a JSON object or answers a
    document twice."""
    source = f"{where} stdout"
    lines: list[tuple[int, dict]] = []
    first: dict[str, int] = {}
    problems: list[Problem] = []
    for number, raw in enumerate(stdout, start=1):
        if not raw.strip():
            continue
        try:
            data = json.loads(raw.decode("utf-8"))
        except UnicodeDecodeError:
            problems.append(Problem(source, "not UTF-8", line=number, hint="write prediction lines as UTF-8 JSON"))
            continue
        except json.JSONDecodeError as error:
            shown = raw.decode("utf-8", "replace").rstrip()[:80]
            problems.append(Problem(source, f"not JSON ({error.msg}): {shown!r}", line=number,
                                    hint="print only prediction lines to stdout; send logs to stderr"))
            continue
        doc_id = data.get("doc_id") if isinstance(data, dict) else None
        if not isinstance(data, dict):
            problems.append(Problem(source, f"expected a JSON object, found {type(data).__name__}", line=number))
        elif not isinstance(doc_id, str):
            problems.append(Problem(source, "missing or not a string", line=number, field="doc_id",
                                    hint="every prediction line names the document it answers"))
        elif doc_id in first:
            problems.append(Problem(source, f"document {doc_id!r} answered twice (first on line {first[doc_id]})",
                                    line=number, field="doc_id"))
        else:
            first[doc_id] = number
            lines.append((number, data))
    return lines, problems


def _failure(where, process: _Process, timed_out, timeout, answered, total, unanswered) -> Problem | None:
    """One problem saying how the run went wrong, with the tail of stderr; None if it did not."""
    code = process.process.returncode
    done = f"after answering {answered} of {total} document(s)"
    if timed_out:
        what = f"did not finish within {timeout:g} s and was killed {done}"
    elif code < 0:
        what = f"was killed by signal {_signal_name(-code)} {done}"
    elif code != 0:
        what = f"exited with status {code} {done}"
    elif process.written < total:
        what = f"stopped reading its input after {process.written} of {total} document(s), {done}"
    elif unanswered:
        what = f"never answered {len(unanswered)} of {total} document(s)"
    else:
        return None
    if unanswered and not what.startswith("never"):
        what += "; never answered"
    if unanswered:
        shown = ", ".join(unanswered[:5]) + (f" and {len(unanswered) - 5} more" if len(unanswered) > 5 else "")
        what += f": {shown}"
    tail = "\n".join(f"    {line}" for line in process.stderr)
    message = what + (f"\n  its stderr ended with:\n{tail}" if tail else "; its stderr was empty")
    return Problem(where, message, hint="fix the command, or score what it answered with --allow-partial")


def _signal_name(number: int) -> str:
    try:
        return signal.Signals(number).name
    except ValueError:
        return str(number)
