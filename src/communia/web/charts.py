"""Accessible server-side SVG charts (no JavaScript): bars, lines with bands, heatmaps.

Each chart is an ``<svg role="img">`` with a title and a description; pages should
also offer the figures as a table for screen-reader users.
"""

from __future__ import annotations

import html
import uuid
from collections.abc import Sequence

from markupsafe import Markup

ACCENT = "#0b5563"
BAND = "#9cc3c9"
MUTED = "#4a535c"


def _frame(width: int, height: int, title: str, desc: str, body: str) -> Markup:
    uid = uuid.uuid4().hex[:8]
    e = html.escape
    return Markup(
        f'<svg class="chart" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'role="img" aria-labelledby="t{uid} d{uid}" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="t{uid}">{e(title)}</title><desc id="d{uid}">{e(desc)}</desc>{body}</svg>'
    )


def bar_chart(labels: Sequence[str], values: Sequence[float], title: str, desc: str = "",
              width: int = 640) -> Markup:
    """Horizontal bars, one per label, with the value printed at the end of each bar."""
    e = html.escape
    row, left, pad = 26, 220, 60
    height = row * len(labels) + 20
    top = max(values, default=0) or 1
    parts = []
    for i, (label, value) in enumerate(zip(labels, values, strict=False)):
        y = 10 + i * row
        length = (width - left - pad) * value / top
        parts.append(
            f'<text x="{left - 8}" y="{y + 16}" text-anchor="end" font-size="13">'
            f"{e(label[:34])}</text>"
            f'<rect x="{left}" y="{y + 3}" width="{length:.1f}" height="{row - 8}" '
            f'fill="{ACCENT}"/>'
            f'<text x="{left + length + 6:.1f}" y="{y + 16}" font-size="13">{value:g}</text>'
        )
    return _frame(width, height, title, desc or title, "".join(parts))


def line_chart(x_labels: Sequence[str], series: dict[str, Sequence[float]], title: str,
               desc: str = "", low: Sequence[float] | None = None,
               high: Sequence[float] | None = None, width: int = 720,
               height: int = 260) -> Markup:
    """Lines over a shared x axis; an optional low–high band (prediction interval)."""
    e = html.escape
    left, right, top_pad, bottom = 48, 12, 12, 40
    n = max(len(x_labels), 1)
    values = [v for s in series.values() for v in s] + list(high or [])
    top = max(values, default=0) or 1
    plot_w, plot_h = width - left - right, height - top_pad - bottom

    def xy(i: int, v: float) -> str:
        x = left + plot_w * (i / max(n - 1, 1))
        y = top_pad + plot_h * (1 - v / top)
        return f"{x:.1f},{y:.1f}"

    parts = [f'<line x1="{left}" y1="{top_pad + plot_h}" x2="{width - right}" '
             f'y2="{top_pad + plot_h}" stroke="{MUTED}"/>',
             f'<text x="{left - 6}" y="{top_pad + 10}" text-anchor="end" font-size="11">'
             f"{top:g}</text>",
             f'<text x="{left - 6}" y="{top_pad + plot_h}" text-anchor="end" font-size="11">0'
             "</text>"]
    if low is not None and high is not None:
        upper = [xy(i, v) for i, v in enumerate(high)]
        lower = [xy(i, v) for i, v in reversed(list(enumerate(low)))]
        parts.append(f'<polygon points="{" ".join(upper + lower)}" fill="{BAND}" '
                     'fill-opacity="0.6"/>')
    dashes = ["", ' stroke-dasharray="6 4"', ' stroke-dasharray="2 3"']
    for k, (name, points) in enumerate(series.items()):
        coords = " ".join(xy(i, v) for i, v in enumerate(points))
        colour = ACCENT if k == 0 else MUTED
        parts.append(f'<polyline points="{coords}" fill="none" stroke="{colour}" '
                     f'stroke-width="2"{dashes[k % 3]}/>')
        parts.append(f'<text x="{left + 8 + 160 * k}" y="{height - 6}" font-size="12" '
                     f'fill="{colour}">— {e(name)}</text>')
    step = max(1, n // 8)
    for i in range(0, n, step):
        x = left + plot_w * (i / max(n - 1, 1))
        parts.append(f'<text x="{x:.1f}" y="{top_pad + plot_h + 14}" text-anchor="middle" '
                     f'font-size="10">{e(str(x_labels[i])[:10])}</text>')
    return _frame(width, height, title, desc or title, "".join(parts))


def heatmap(row_labels: Sequence[str], col_labels: Sequence[str],
            matrix: Sequence[Sequence[float]], title: str, desc: str = "",
            cell: int = 16) -> Markup:
    """A grid of shaded cells (darker is higher), e.g. zones × hours of the week."""
    e = html.escape
    left, top_pad = 140, 24
    width = left + cell * len(col_labels) + 10
    height = top_pad + cell * len(row_labels) + 10
    peak = max((v for row in matrix for v in row), default=0) or 1
    parts = []
    for j, label in enumerate(col_labels):
        if j % 6 == 0:
            parts.append(f'<text x="{left + j * cell}" y="{top_pad - 8}" font-size="10">'
                         f"{e(label)}</text>")
    for i, (label, row) in enumerate(zip(row_labels, matrix, strict=False)):
        y = top_pad + i * cell
        parts.append(f'<text x="{left - 6}" y="{y + cell - 4}" text-anchor="end" '
                     f'font-size="11">{e(label[:20])}</text>')
        for j, value in enumerate(row):
            opacity = 0.05 + 0.95 * (value / peak)
            parts.append(f'<rect x="{left + j * cell}" y="{y}" width="{cell - 1}" '
                         f'height="{cell - 1}" fill="{ACCENT}" fill-opacity="{opacity:.2f}">'
                         f"<title>{e(label)} · {e(col_labels[j])}: {value:g}</title></rect>")
    return _frame(width, height, title, desc or title, "".join(parts))
