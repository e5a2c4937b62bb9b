"""Progress bars (tqdm, on stderr) for steps that can take more than a second or two; off unless stderr is a terminal."""

from __future__ import annotations

import sys


def progress_bar(total: int, description: str, enabled: bool | None = None, unit: str = "it"):
    """A tqdm bar on stderr; by default only when stderr is a terminal (``enabled=False``: ``--quiet``)."""
    from tqdm import tqdm

    enabled = sys.stderr.isatty() if enabled is None else enabled
    return tqdm(total=total, desc=description, unit=unit, file=sys.stderr, disable=not enabled, leave=False)
