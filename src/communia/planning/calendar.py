"""Hour-by-hour calendar features: local hour of week, public and school holidays.

Hours are consecutive UTC hours; every feature is read on the local clock of the
time zone, so a daylight-saving change moves nothing: Monday 18:00 stays Monday 18:00.
Public holidays come from the ``holidays`` package (country code, e.g. FR); French
school holidays for zones A, B and C come from ``data/vacances_scolaires.csv``
(school years 2023-24 to 2025-26, and the autumn and Christmas breaks of 2026-27).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

SCHOOL_FILE = Path(__file__).parent / "data" / "vacances_scolaires.csv"
SCHOOL_ZONES = ("A", "B", "C")


@dataclass(frozen=True)
class Calendar:
    """Features of a run of consecutive UTC hours, read on the local clock."""

    utc_hours: np.ndarray
    how: np.ndarray
    hod: np.ndarray
    dow: np.ndarray
    public_holiday: np.ndarray
    school_holiday: np.ndarray
    local_start: list[str]


def build_calendar(first_hour: int, count: int, timezone: str, country: str = "",
                   school_zone: str = "") -> Calendar:
    """Features for ``count`` hours from UTC hour ``first_hour`` (hours since the epoch)."""
    hours = np.arange(first_hour, first_hour + count, dtype=np.int64)
    utc = pd.to_datetime(hours * 3600, unit="s", utc=True)
    local = utc.tz_convert(timezone)
    days = local.normalize().date
    dow = np.asarray(local.dayofweek, dtype=np.int64)
    hod = np.asarray(local.hour, dtype=np.int64)
    return Calendar(
        utc_hours=hours, how=dow * 24 + hod, hod=hod, dow=dow,
        public_holiday=_flags(days, _public_holidays(country, tuple(_years(days)))),
        school_holiday=_flags(days, _school_days(school_zone)),
        local_start=[ts.isoformat() for ts in local],
    )


def school_coverage() -> tuple[date, date]:
    """First and last day covered by the shipped school-holiday file."""
    periods = _school_periods()
    return min(p[1] for p in periods), max(p[2] for p in periods)


def _years(days: np.ndarray) -> list[int]:
    return sorted({d.year for d in days}) if len(days) else []


def _flags(days: np.ndarray, chosen: frozenset[date]) -> np.ndarray:
    if not chosen:
        return np.zeros(len(days), dtype=np.float64)
    return np.fromiter((d in chosen for d in days), dtype=np.float64, count=len(days))


@lru_cache(maxsize=16)
def _public_holidays(country: str, years: tuple[int, ...]) -> frozenset[date]:
    if not country or not years:
        return frozenset()
    import holidays

    if country not in holidays.list_supported_countries():
        return frozenset()
    found = holidays.country_holidays(country, years=list(years))
    return frozenset(found.keys())


@lru_cache(maxsize=4)
def _school_days(zone: str) -> frozenset[date]:
    if zone not in SCHOOL_ZONES:
        return frozenset()
    out: set[date] = set()
    for z, start, end in _school_periods():
        if z == zone:
            out.update(d.date() for d in pd.date_range(start, end, inclusive="left"))
    return frozenset(out)


@lru_cache(maxsize=1)
def _school_periods() -> tuple[tuple[str, date, date], ...]:
    with SCHOOL_FILE.open(encoding="utf-8") as handle:
        return tuple((row["zone"], date.fromisoformat(row["start"]),
                      date.fromisoformat(row["end"])) for row in csv.DictReader(handle))


def known_country(country: str) -> bool:
    """True when the ``holidays`` package knows this country code."""
    import holidays

    return country.upper() in holidays.list_supported_countries()
