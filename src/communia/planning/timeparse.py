"""Read timestamps in one format chosen on the first rows, and place them in a time zone.

The format is the one (from ``FORMATS``) that reads most of the first rows; when
day-first and month-first read them equally (every day ≤ 12), day-first wins, as in
France. Local times that do not exist (spring forward) move forward one hour; local
times that happen twice (fall back) are read as the first (summer-time) occurrence;
both are counted and reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import numpy as np
import pandas as pd

from communia.planning import texts
from communia.planning.model import EventsUnreadable

FORMATS = (
    "ISO8601", "%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M", "%d/%m/%Y %Hh%M", "%d/%m/%Y",
    "%m/%d/%Y %I:%M:%S %p", "%m/%d/%Y %I:%M %p", "%m/%d/%Y %H:%M:%S", "%m/%d/%Y %H:%M",
    "%m/%d/%Y", "%d-%m-%Y %H:%M:%S", "%d-%m-%Y %H:%M", "%d.%m.%Y %H:%M:%S", "%d.%m.%Y %H:%M",
    "%Y/%m/%d %H:%M:%S", "%Y/%m/%d %H:%M", "%d/%m/%y %H:%M", "%d-%m-%Y",
)
SAMPLE = 500
MIN_READABLE_SHARE = 0.5
EPOCH = pd.Timestamp("1970-01-01", tz="UTC")
_OFFSET = re.compile(r"(?:Z|[+-]\d{2}:?\d{2})\s*$")
_CLOCK = re.compile(r"^\s*(\d{1,2})[:hH](\d{2})(?::(\d{2}))?\s*$")


def check_timezone(name: str) -> ZoneInfo:
    """The zone for an IANA name; ``EventsUnreadable`` naming the option otherwise."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise EventsUnreadable(texts.UNKNOWN_TIMEZONE(zone=name)) from None


@dataclass
class TimeReader:
    """Turns a chunk's time column(s) into UTC hours since the epoch, flagging bad rows."""

    date_column: str
    clock_column: str | None
    fmt: str
    aware: bool
    timezone: str
    notices: list[str] = field(default_factory=list)
    ambiguous: int = 0
    nonexistent: int = 0

    @classmethod
    def from_sample(cls, name: str, first: pd.DataFrame, columns: list[str],
                    timezone: str) -> TimeReader:
        """Choose the format on the first rows; join a time-of-day column when needed."""
        if len(columns) > 2:
            raise EventsUnreadable(texts.TOO_MANY_TIME_COLUMNS(name=name))
        values = first[columns[0]].astype(str)
        sample = values[values.str.strip() != ""].head(SAMPLE)
        fmt, parsed = _best_format(sample)
        share = parsed.notna().mean() if len(sample) else 0.0
        if share < MIN_READABLE_SHARE:
            examples = ", ".join(repr(v) for v in sample.head(3).tolist())
            raise EventsUnreadable(texts.TIMESTAMPS_UNREADABLE(name=name, column=columns[0],
                                                               examples=examples))
        reader = cls(columns[0], columns[1] if len(columns) == 2 else None, fmt,
                     bool(sample.str.contains(_OFFSET).mean() >= 0.5), timezone)
        if reader.clock_column is None:
            reader.clock_column = _clock_companion(first, columns[0], parsed)
            if reader.clock_column:
                reader.notices.append(texts.CLOCK_COLUMN(column=columns[0],
                                                         clock=reader.clock_column))
        return reader

    def hours(self, chunk: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
        """UTC hours since the epoch for each row, and the positions of unreadable rows."""
        raw = chunk[self.date_column].astype(str)
        parsed = _parse(raw, self.fmt, self.aware)
        if self.clock_column is not None:
            parsed = parsed.dt.normalize() + _clock(chunk[self.clock_column].astype(str))
        if not self.aware:
            parsed = self._localise(parsed)
        valid = parsed.notna() & (parsed.dt.year >= 1970) & (parsed.dt.year <= 2100)
        out = np.zeros(len(chunk), dtype=np.int64)
        good = parsed[valid].dt.tz_convert("UTC")
        out[valid.to_numpy()] = ((good - EPOCH) // pd.Timedelta(hours=1)).to_numpy(np.int64)
        return out, np.flatnonzero(~valid.to_numpy())

    def _localise(self, naive: pd.Series) -> pd.Series:
        first = np.ones(len(naive), dtype=bool)
        strict = naive.dt.tz_localize(self.timezone, ambiguous="NaT", nonexistent="NaT")
        trouble = strict.isna() & naive.notna()
        if not trouble.any():
            return strict
        gap = naive.dt.tz_localize(self.timezone, ambiguous=first, nonexistent="NaT")
        missing = gap.isna() & naive.notna()
        self.nonexistent += int(missing.sum())
        self.ambiguous += int((trouble & ~missing).sum())
        return naive.dt.tz_localize(self.timezone, ambiguous=first, nonexistent="shift_forward")

    def dst_notices(self) -> list[str]:
        """What daylight-saving changes did to the timestamps, if anything."""
        out = []
        if self.nonexistent:
            out.append(texts.CLOCKS_FORWARD(count=self.nonexistent, zone=self.timezone))
        if self.ambiguous:
            out.append(texts.CLOCKS_BACK(count=self.ambiguous))
        return out


def _best_format(sample: pd.Series) -> tuple[str, pd.Series]:
    aware = bool(sample.str.contains(_OFFSET).mean() >= 0.5) if len(sample) else False
    best, best_parsed, best_count = FORMATS[0], pd.Series(dtype="datetime64[ns]"), -1
    for fmt in FORMATS:
        parsed = _parse(sample, fmt, aware)
        count = int(parsed.notna().sum())
        if count > best_count:
            best, best_parsed, best_count = fmt, parsed, count
    return best, best_parsed


def _parse(values: pd.Series, fmt: str, aware: bool) -> pd.Series:
    cleaned = values.str.strip()
    if fmt == "ISO8601":
        return pd.to_datetime(cleaned, format="ISO8601", errors="coerce", utc=aware)
    parsed = pd.to_datetime(cleaned, format=fmt, errors="coerce")
    return parsed.dt.tz_localize("UTC") if aware else parsed


def _clock(values: pd.Series) -> pd.Series:
    parts = values.str.extract(_CLOCK).astype(float)
    seconds = parts[0] * 3600 + parts[1] * 60 + parts[2].fillna(0)
    seconds = seconds.where((parts[0] < 24) & (parts[1] < 60))
    return pd.to_timedelta(seconds, unit="s")


def _clock_companion(first: pd.DataFrame, date_column: str, parsed: pd.Series) -> str | None:
    valid = parsed.dropna()
    if valid.empty or (valid.dt.hour * 60 + valid.dt.minute).any():
        return None
    for column in first.columns:
        if column == date_column:
            continue
        sample = first[column].astype(str).head(SAMPLE)
        if len(sample) and sample.str.match(_CLOCK).mean() >= 0.9:
            return str(column)
    return None
