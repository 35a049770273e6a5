"""Figures the planning pages show: hour-of-week profile, daily totals, one zone's next week.

Pure functions over a ``ForecastResult`` (no I/O), so the web layer only draws them.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from communia.planning.model import ForecastResult

DAYS = {"fr": ("lun", "mar", "mer", "jeu", "ven", "sam", "dim"),
        "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")}
# The forecast methods by their stored names (``forecast.MODEL_NAME``, ``BASELINE_NAME``),
# as the pages name them (msgids of planning.po).
MODEL_LABELS = {"poisson-glm": "Poisson regression (hour of the week, holidays, trend)",
                "seasonal-naive": "Seasonal naive (same hour last week)"}


@dataclass(frozen=True)
class ZoneWeek:
    """One zone's forecast hour by hour over the first week, with its interval."""

    zone: str
    labels: list[str]
    mean: list[float]
    low: list[float]
    high: list[float]


def hour_of_week(result: ForecastResult) -> list[list[float]]:
    """Average forecast per zone (rows) and local hour of the week (168 columns, Monday 0h)."""
    sums = {z: [0.0] * 168 for z in result.zones}
    seen = {z: [0] * 168 for z in result.zones}
    for row in result.rows:
        at = datetime.fromisoformat(row.start)
        k = at.weekday() * 24 + at.hour
        sums[row.zone][k] += row.mean
        seen[row.zone][k] += 1
    return [[round(s / n, 3) if n else 0.0 for s, n in zip(sums[z], seen[z], strict=True)]
            for z in result.zones]


def hour_labels(lang: str) -> list[str]:
    return [f"{DAYS[lang][k // 24]} {k % 24}h" for k in range(168)]


def day_of_week_totals(result: ForecastResult) -> list[list[float]]:
    """Average forecast events per zone (rows) and day of the week (7 columns)."""
    profile = hour_of_week(result)
    return [[round(sum(row[d * 24:(d + 1) * 24]), 2) for d in range(7)] for row in profile]


def busiest_zone(result: ForecastResult) -> str:
    totals: dict[str, float] = defaultdict(float)
    for row in result.rows:
        totals[row.zone] += row.mean
    return max(result.zones, key=lambda z: totals[z]) if result.zones else ""


def zone_week(result: ForecastResult, zone: str, lang: str) -> ZoneWeek:
    """The zone's first 168 forecast hours, labelled by local day and hour."""
    rows = [r for r in result.rows if r.zone == zone][:168]
    labels = [f"{DAYS[lang][datetime.fromisoformat(r.start).weekday()]} "
              f"{datetime.fromisoformat(r.start).hour}h" for r in rows]
    return ZoneWeek(zone, labels, [r.mean for r in rows], [r.low for r in rows],
                    [r.high for r in rows])


def daily_rows(week: ZoneWeek) -> list[tuple[str, float, float, float]]:
    """Per day of the zone's week: label, expected events, sums of the hourly bounds."""
    out: list[tuple[str, float, float, float]] = []
    for i in range(0, len(week.mean), 24):
        out.append((week.labels[i].split(" ")[0], round(sum(week.mean[i:i + 24]), 2),
                    round(sum(week.low[i:i + 24]), 1), round(sum(week.high[i:i + 24]), 1)))
    return out
