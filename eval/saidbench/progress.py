"""Progress bars (tqdm, on stderr) for steps that can take more than a second or two; off unless stderr is a terminal."""

from __future__ import annotations

import sys


class _Off:
    """A bar that shows nothing: tqdm is not even imported (a tenth of a second) when no bar is wanted."""

    def __enter__(self) -> _Off:
        return self

    def __exit__(self, *exc_info) -> None:
        return None

    def update(self, n: int = 1) -> None:
        return None


def progress_bar(total: int, description: str, enabled: bool | None = None, unit: str = "it"):
    """A tqdm bar on stderr; by default only when stderr is a terminal (``enabled=False``: ``--quiet``)."""
    enabled = sys.stderr.isatty() if enabled is None else enabled
    if not enabled:
        return _Off()
    from tqdm import tqdm

    return tqdm(total=total, desc=description, unit=unit, file=sys.stderr, leave=False)
