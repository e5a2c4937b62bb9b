"""Gives Result its summary() and _repr_html_(): fills scoring.PRESENTERS (the package __init__ imports this)."""

from __future__ import annotations

from ..scoring import PRESENTERS, Result
from . import table


def _html(result: Result) -> str:
    from .html import summary_fragment  # imported when a notebook first shows a result, not by every command

    return summary_fragment(result)


PRESENTERS.update(summary=table.render, html=_html)
