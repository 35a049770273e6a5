"""Reading order for positioned text: lines, columns and paragraphs on one page.

Works on plain boxes (no PDF types) so it can be tested with made-up coordinates.
Two-column pages are read column by column; rows aligned like a table (a narrow
column of dates beside job titles) are read row by row, which keeps dates next to
what they date.
"""

from __future__ import annotations

from dataclasses import dataclass
from statistics import median

MIN_GUTTER = 12.0  # points of empty width that can separate two columns
COLUMN_SHARE = 0.3  # each column of an aligned section must be this wide to read as columns


@dataclass(frozen=True)
class Glyph:
    """One visible character with its box, top-down coordinates (top < bottom)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float


@dataclass
class Segment:
    """A run of glyphs on one line with no wide gap inside."""

    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    text: str


Row = list[Segment]
Interval = tuple[float, float]


def arrange(glyphs: list[Glyph]) -> str:
    """Return the text of one page in reading order."""
    rows = build_rows(glyphs)
    if not rows:
        return ""
    return "\n\n".join(_read_section(section) for section in _sections(rows))


def build_rows(glyphs: list[Glyph]) -> list[Row]:
    """Group glyphs into rows (same baseline), each split into segments at wide gaps."""
    printable = [g for g in glyphs if g.text.strip()]
    if not printable:
        return []
    line_height = median(g.size for g in printable) or 1.0
    by_height = sorted(printable, key=lambda g: ((g.top + g.bottom) / 2, g.x0))
    rows: list[Row] = []
    line: list[Glyph] = []
    centre = 0.0
    for glyph in by_height:
        middle = (glyph.top + glyph.bottom) / 2
        if line and middle - centre > 0.5 * line_height:
            rows.append(_split_line(line))
            line = []
        if not line:
            centre = middle
        line.append(glyph)
    rows.append(_split_line(line))
    return rows


def _split_line(glyphs: list[Glyph]) -> Row:
    ordered = sorted(glyphs, key=lambda g: g.x0)
    segments: Row = []
    current: list[Glyph] = [ordered[0]]
    for previous, glyph in zip(ordered, ordered[1:], strict=False):
        gap = glyph.x0 - previous.x1
        if gap > max(2.0 * previous.size, MIN_GUTTER):
            segments.append(_segment(current))
            current = []
        current.append(glyph)
    segments.append(_segment(current))
    return segments


def _segment(glyphs: list[Glyph]) -> Segment:
    parts = [glyphs[0].text]
    for previous, glyph in zip(glyphs, glyphs[1:], strict=False):
        if glyph.x0 - previous.x1 > 0.15 * min(previous.size, glyph.size):
            parts.append(" ")
        parts.append(glyph.text)
    return Segment(
        x0=min(g.x0 for g in glyphs),
        x1=max(g.x1 for g in glyphs),
        top=min(g.top for g in glyphs),
        bottom=max(g.bottom for g in glyphs),
        size=median(g.size for g in glyphs),
        text="".join(parts),
    )


def _free(row: Row, low: float, high: float) -> list[Interval]:
    """Return the parts of [low, high] that no segment of the row covers."""
    free: list[Interval] = []
    cursor = low
    for segment in sorted(row, key=lambda s: s.x0):
        if segment.x0 > cursor:
            free.append((cursor, segment.x0))
        cursor = max(cursor, segment.x1)
    if cursor < high:
        free.append((cursor, high))
    return free


def _intersect(first: list[Interval], second: list[Interval]) -> list[Interval]:
    result: list[Interval] = []
    for a0, a1 in first:
        for b0, b1 in second:
            low, high = max(a0, b0), min(a1, b1)
            if high > low:
                result.append((low, high))
    return result


def _gutters(rows: list[Row], low: float, high: float) -> list[Interval]:
    """Empty vertical bands crossing every row, with text on both sides."""
    free = [(low, high)]
    for row in rows:
        free = _intersect(free, _free(row, low, high))
    left = min(s.x0 for row in rows for s in row)
    right = max(s.x1 for row in rows for s in row)
    return [(a, b) for a, b in free if b - a >= MIN_GUTTER and a > left and b < right]


def _sections(rows: list[Row]) -> list[list[Row]]:
    """Cut the page into runs of rows that share the same column structure."""
    low = min(s.x0 for row in rows for s in row)
    high = max(s.x1 for row in rows for s in row)
    sections: list[list[Row]] = []
    current: list[Row] = []
    for row in rows:
        candidate = [*current, row]
        if current and not _gutters(candidate, low, high):
            if _gutters(current, low, high) or _gutters([row], low, high):
                sections.append(current)
                candidate = [row]
        current = candidate
    sections.append(current)
    return sections


def _read_section(rows: list[Row]) -> str:
    low = min(s.x0 for row in rows for s in row)
    high = max(s.x1 for row in rows for s in row)
    gutters = _gutters(rows, low, high)
    if not gutters or not _reads_as_columns(rows, gutters, low, high):
        return _join_lines([" ".join(s.text for s in row) for row in rows], rows)
    cuts = [(a + b) / 2 for a, b in gutters]
    columns: list[list[Segment]] = [[] for _ in range(len(cuts) + 1)]
    for row in rows:
        for segment in row:
            columns[sum(segment.x0 > cut for cut in cuts)].append(segment)
    texts = [_join_lines([s.text for s in col], [[s] for s in col]) for col in columns if col]
    return "\n\n".join(texts)


def _reads_as_columns(rows: list[Row], gutters: list[Interval], low: float, high: float) -> bool:
    """Tell newspaper-like columns from a table whose cells sit on the same rows."""
    cut = (gutters[0][0] + gutters[0][1]) / 2
    one_sided = sum(all(s.x1 <= cut for s in row) or all(s.x0 >= cut for s in row) for row in rows)
    if one_sided >= 0.3 * len(rows):
        return True
    edges = [low, *[(a + b) / 2 for a, b in gutters], high]
    widths = [right - left for left, right in zip(edges, edges[1:], strict=False)]
    return min(widths) >= COLUMN_SHARE * (high - low)


def _join_lines(lines: list[str], rows: list[Row]) -> str:
    """Join lines with a newline, and a blank line where the vertical gap is a paragraph."""
    parts = [lines[0]]
    for index in range(1, len(lines)):
        above, below = rows[index - 1], rows[index]
        gap = min(s.top for s in below) - max(s.bottom for s in above)
        size = median(s.size for s in above)
        parts.append("\n\n" if gap > 0.9 * size else "\n")
        parts.append(lines[index])
    return "".join(parts)
