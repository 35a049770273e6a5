"""The planning window: demand per zone × local hour, shift coverage and working-time arithmetic.

Hours are local wall-clock slots (day × 24 + hour) from the plan's first day, because
shifts are worked by the clock; a daylight-saving day keeps 24 slots.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import numpy as np

from communia.planning import texts
from communia.planning.model import ForecastResult
from communia.planning.team import Mediator, Shift, Team

MAX_PLAN_DAYS = 56


@dataclass(frozen=True)
class Window:
    """The planning window: days from ``start`` and the demand per zone × local hour slot."""

    start: date
    days: int
    zones: list[str]
    demand: np.ndarray
    notices: tuple[str, ...] = ()

    @property
    def slots(self) -> int:
        return self.days * 24

    @property
    def weeks(self) -> int:
        return self.days // 7


def demand_window(forecast: ForecastResult, team: Team) -> Window:
    """Demand per zone and local hour over the team's weeks (the forecast's weeks by default).

    Days beyond the forecast reuse its average hour-of-week profile, with a notice.
    """
    zones = list(forecast.zones)
    index = {z: i for i, z in enumerate(zones)}
    by_slot: dict[tuple[int, date, int], float] = defaultdict(float)
    profile = np.zeros((len(zones), 168))
    seen = np.zeros((len(zones), 168))
    for row in forecast.rows:
        at = datetime.fromisoformat(row.start)
        z = index[row.zone]
        by_slot[(z, at.date(), at.hour)] += row.mean
        profile[z, at.weekday() * 24 + at.hour] += row.mean
        seen[z, at.weekday() * 24 + at.hour] += 1
    profile = profile / np.maximum(seen, 1)
    known_days = {k[1] for k in by_slot}
    start = team.start or min(known_days, default=date.today())
    days = min(7 * (team.weeks or max(1, math.ceil(len(known_days) / 7))), MAX_PLAN_DAYS)
    demand = np.zeros((len(zones), days * 24))
    extended = 0
    for d in range(days):
        day = start + timedelta(days=d)
        known = day in known_days
        extended += 0 if known else 1
        for z in range(len(zones)):
            for h in range(24):
                demand[z, d * 24 + h] = (by_slot.get((z, day, h), 0.0) if known
                                         else profile[z, day.weekday() * 24 + h])
    notices: tuple[str, ...] = ()
    if extended:
        notices = (texts.OUTSIDE_FORECAST(days=extended),)
    return Window(start, days, zones, demand, notices)


def covered_slots(shift: Shift, day: int, slots: int) -> list[int]:
    """Hour slots (day × 24 + hour) in which the shift covers at least 30 minutes."""
    out = []
    for hour in range(shift.start_minute // 60, math.ceil(shift.end_minute / 60)):
        overlap = min(shift.end_minute, (hour + 1) * 60) - max(shift.start_minute, hour * 60)
        slot = day * 24 + hour
        if overlap >= 30 and slot < slots:
            out.append(slot)
    return out


def segments(shifts: tuple[Shift, ...], window: Window
             ) -> list[tuple[list[int], list[tuple[int, int]]]]:
    """Runs of consecutive hour slots covered by the same (start day, shift) pairs."""
    covering: list[list[tuple[int, int]]] = [[] for _ in range(window.slots)]
    for d in range(window.days):
        for s, shift in enumerate(shifts):
            for slot in covered_slots(shift, d, window.slots):
                covering[slot].append((d, s))
    out: list[tuple[list[int], list[tuple[int, int]]]] = []
    for slot, key in enumerate(covering):
        if not key:
            continue
        if out and out[-1][1] == key and out[-1][0][-1] == slot - 1:
            out[-1][0].append(slot)
        else:
            out.append(([slot], key))
    return out


def rest_conflicts(shifts: tuple[Shift, ...], min_rest_hours: float) -> list[tuple[int, int]]:
    """Pairs (shift today, shift tomorrow) that leave less than the minimum rest between them."""
    limit = min_rest_hours * 60
    return [(a, b) for a, first in enumerate(shifts) for b, second in enumerate(shifts)
            if 24 * 60 + second.start_minute - first.end_minute < limit]


def contract_bounds(med: Mediator, week_start: date, tolerance: float) -> tuple[int, int]:
    """Minutes due in a 7-day period: contract pro rata of leave days, minus/plus the tolerance."""
    leave = sum(1 for k in range(7) if week_start + timedelta(days=k) in med.unavailable)
    due = med.contract_hours * max(0.0, 1 - leave / 5)
    return int(max(0.0, due - tolerance) * 60), int((med.contract_hours + tolerance) * 60)


def staff_matrix(chosen: dict[tuple[int, int, int, int], int], shifts: tuple[Shift, ...],
                 window: Window) -> np.ndarray:
    """Mediators present per zone and hour slot, for assignments keyed (m, day, shift, zone)."""
    staff = np.zeros((len(window.zones), window.slots), dtype=np.int64)
    for (_m, d, s, z) in chosen:
        for slot in covered_slots(shifts[s], d, window.slots):
            staff[z, slot] += 1
    return staff


def covered_share(staff: np.ndarray, demand: np.ndarray) -> float:
    """Share of forecast demand falling in zone-hours with at least one mediator."""
    total = float(demand.sum())
    return float(demand[staff >= 1].sum()) / total if total > 0 else 0.0
