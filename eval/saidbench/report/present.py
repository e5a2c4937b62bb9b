"""Gives Result its summary() and _repr_html_(): fills scoring.PRESENTERS (the package __init__ imports this)."""

from __future__ import annotations

from ..scoring import PRESENTERS
from . import html, table

PRESENTERS.update(summary=table.render, html=html.summary_fragment)
