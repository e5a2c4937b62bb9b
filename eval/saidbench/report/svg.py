"""Plots as inline SVG (no network, no library): horizontal bars and a count heatmap. Every label is escaped."""

from __future__ import annotations

from html import escape

_ROW = 22  # px per bar or matrix row
_LABEL = 130  # px for the label column


def bars(title: str, values: list[tuple[str, float | None]], width: int = 420) -> str:
    """One horizontal bar per ``(label, value in [0, 1])``; an undefined value shows ``-`` and no bar."""
    plot = width - _LABEL - 50
    height = _ROW * len(values) + 8
    out = [f'<svg class="plot" role="img" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
           f'xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>']
    for i, (label, value) in enumerate(values):
        y = 4 + i * _ROW
        out.append(f'<text x="{_LABEL - 6}" y="{y + 15}" text-anchor="end">{escape(label)}</text>')
        if value is not None:
            out.append(f'<rect class="bar" x="{_LABEL}" y="{y + 3}" width="{plot * value:.1f}" height="{_ROW - 6}"/>')
        shown = "-" if value is None else f"{value:.4f}"
        x = _LABEL + (plot * value if value is not None else 0) + 4
        out.append(f'<text class="value" x="{x:.1f}" y="{y + 15}">{shown}</text>')
    out.append("</svg>")
    return "".join(out)


def heatmap(title: str, rows: list[str], columns: list[str], counts: dict[tuple[str, str], int]) -> str:
    """A matrix of counts (``rows`` down, ``columns`` across), each cell shaded by its share of the largest count."""
    cell = 44
    top = 90  # room for the slanted column labels
    width, height = _LABEL + cell * len(columns) + 10, top + _ROW * len(rows) + 10
    most = max(counts.values(), default=0) or 1
    out = [f'<svg class="plot" role="img" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
           f'xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>']
    for j, column in enumerate(columns):
        x = _LABEL + j * cell + cell / 2
        out.append(f'<text x="{x:.0f}" y="{top - 6}" transform="rotate(-45 {x:.0f} {top - 6})">{escape(column)}</text>')
    for i, row in enumerate(rows):
        y = top + i * _ROW
        out.append(f'<text x="{_LABEL - 6}" y="{y + 15}" text-anchor="end">{escape(row)}</text>')
        for j, column in enumerate(columns):
            n = counts.get((row, column), 0)
            x = _LABEL + j * cell
            out.append(f'<rect class="cell" x="{x}" y="{y}" width="{cell - 2}" height="{_ROW - 2}" '
                       f'fill-opacity="{0.08 + 0.92 * n / most:.2f}"/>')
            if n:
                out.append(f'<text class="count" x="{x + cell / 2 - 1:.0f}" y="{y + 15}" text-anchor="middle">{n}</text>')
    out.append("</svg>")
    return "".join(out)
