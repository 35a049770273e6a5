"""Field-feedback rules: reports, themes, assignments, the minimum group size and trend periods.

No I/O here: the service and the theme engine fill these objects, the web, the CLI
and the exports read them through the visibility rules below, so that no output can
show a figure for fewer than the minimum group size of reports.

``MIN_GROUP_SIZE``, ``MAX_REPORT_CHARS``, ``MAX_REPORTS``, ``NEAR_DUPLICATE_MAX_REPORTS``,
``PSEUDONYMISE_ALL_MAX`` and ``EMBEDDING_THREADS`` are only the defaults of the
``feedback_*`` settings (``communia.config``): the service layer passes the configured
values to the functions that take them.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from communia.feedback import messages as msg

MIN_GROUP_SIZE = 5  # no theme, place or period figure is shown for fewer reports
AI_AUTHOR = "ai"
MAX_THEMES = 30
MIN_THEMES = 2
QUOTES_PER_THEME = 3
KEYWORDS_PER_THEME = 8
MAX_REPORT_CHARS = 10_000  # longer reports are truncated for analysis, with a notice
MAX_REPORTS = 200_000  # larger inputs are refused with a message (split the file)
SECONDARY_MARGIN = 0.03  # a report also joins a theme whose centroid is this close
SECONDARY_FLOOR = 0.35  # ... and at least this similar in absolute terms
NEAR_DUPLICATE_SIMILARITY = 0.95
NEAR_DUPLICATE_MAX_REPORTS = 20_000  # above this, only exact duplicates are grouped
# Pseudonymising every report costs ~10-25 ms each on two cores: above this many
# reports only what leaves the analysis (quotes, keywords, model prompts) is.
PSEUDONYMISE_ALL_MAX = 1_000
# The shared encoder asks for 4 BLAS threads; on a busy 2-core machine one thread was
# measured 5 to 20 times faster.
EMBEDDING_THREADS = 1


@dataclass(frozen=True)
class Report:
    """One free-text report: its 0-based data row in the input and its optional context."""

    row: int
    text: str
    day: date | None = None
    place: str = ""
    source: str = ""
    truncated: bool = False


@dataclass
class Theme:
    """A group of reports with its distinctive keywords, label and verbatim quotes."""

    id: str
    label: str
    keywords: list[str]
    quotes: list[str] = field(default_factory=list)
    rows: list[int] = field(default_factory=list)
    author: str = AI_AUTHOR


@dataclass(frozen=True)
class Assignment:
    """A report's themes and who put it there (``ai`` or a named user)."""

    row: int
    theme_ids: tuple[str, ...]
    author: str = AI_AUTHOR


@dataclass(frozen=True)
class TrendPoint:
    period: str
    count: int


def visible(count: int, min_size: int = MIN_GROUP_SIZE) -> bool:
    """True when a figure over ``count`` reports may be shown (minimum group size)."""
    return count >= min_size


def shown_count(count: int, min_size: int = MIN_GROUP_SIZE) -> int | None:
    """The count itself, or None when it is below the minimum group size."""
    return count if visible(count, min_size) else None


def choose_granularity(days: Iterable[date]) -> str:
    """Trend period: ``week`` under 10 weeks of data, ``month`` up to 3 years, else ``year``."""
    known = [d for d in days if d is not None]
    if not known:
        return "month"
    span = (max(known) - min(known)).days
    if span <= 70:
        return "week"
    return "month" if span <= 3 * 366 else "year"


def period_of(day: date, granularity: str) -> str:
    """The period label of a day: ``2024-W07``, ``2024-02`` or ``2024``."""
    if granularity == "week":
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}"
    if granularity == "year":
        return f"{day.year}"
    return f"{day.year}-{day.month:02d}"


def trend(days: Sequence[date | None], granularity: str,
          min_size: int = MIN_GROUP_SIZE) -> list[TrendPoint]:
    """Reports per period, oldest first, periods below the minimum group size left out."""
    counts = Counter(period_of(d, granularity) for d in days if d is not None)
    return [TrendPoint(p, n) for p, n in sorted(counts.items()) if visible(n, min_size)]


def breakdown(values: Iterable[str], min_size: int = MIN_GROUP_SIZE) -> list[tuple[str, int]]:
    """Counts per value (e.g. place), largest first, small groups and blanks left out."""
    counts = Counter(v for v in values if v)
    return [(v, n) for v, n in counts.most_common() if visible(n, min_size)]


def suppressed_total(values: Iterable[str], min_size: int = MIN_GROUP_SIZE) -> int:
    """How many reports fall in groups too small to show (reported only as a total)."""
    counts = Counter(v for v in values if v)
    return sum(n for n in counts.values() if not visible(n, min_size))


def keyword_label(keywords: Sequence[str], size: int = 3) -> str:
    """A readable label from the first distinctive keywords: ``rent · tenants · landlords``."""
    return " · ".join(keywords[:size]) or "—"


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def quote_of(text: str, limit: int = 280) -> str:
    """A verbatim excerpt of ``text``: whole sentences up to ``limit`` characters."""
    text = text.strip()
    if len(text) <= limit:
        return text
    kept = ""
    for sentence in _SENTENCE_END.split(text):
        if len(kept) + len(sentence) + 1 > limit:
            break
        kept = f"{kept} {sentence}" if kept else sentence
    if kept and kept in text:
        return kept
    cut = text[:limit]
    space = cut.rfind(" ")
    return cut[:space] if space > limit // 2 else cut


def theme_bounds(reports: int, min_size: int = MIN_GROUP_SIZE) -> tuple[int, int]:
    """The numbers of themes one may ask for ``reports`` reports with text: the one range
    of the web form, its check and the analysis (each theme needs ``min_size`` reports)."""
    return MIN_THEMES, max(MIN_THEMES, min(MAX_THEMES, reports // min_size))


def validate_theme_count(requested: int | None, reports: int,
                         min_size: int = MIN_GROUP_SIZE) -> int | None:
    """The requested number of themes if it is usable; raises ValueError with the range."""
    if requested is None:
        return None
    _, upper = theme_bounds(reports, min_size)
    if not MIN_THEMES <= requested <= upper:
        raise ValueError(msg.THEME_COUNT.format(low=MIN_THEMES, high=upper, reports=reports,
                                                least=min_size))
    return requested


@dataclass(frozen=True)
class NoteLine:
    """One line of a synthesis note in its plain-text form (what the reviewer edits)."""

    kind: str  # heading | item | row | text
    text: str
    level: int = 1
    cells: tuple[str, ...] = ()


def parse_note(text: str) -> list[NoteLine]:
    """Read a note's plain text: ``#`` headings, ``-`` items, ``|``-table rows, paragraphs."""
    lines: list[NoteLine] = []
    for raw in text.splitlines():
        line = raw.rstrip()
        if not line.strip():
            continue
        if line.startswith("#"):
            level = len(line) - len(line.lstrip("#"))
            lines.append(NoteLine("heading", line.lstrip("#").strip(), min(level, 3)))
        elif line.startswith("- "):
            lines.append(NoteLine("item", line[2:].strip()))
        elif line.startswith("|") and line.endswith("|"):
            cells = tuple(c.strip() for c in line.strip("|").split("|"))
            lines.append(NoteLine("row", line, cells=cells))
        else:
            lines.append(NoteLine("text", line.strip()))
    return lines
