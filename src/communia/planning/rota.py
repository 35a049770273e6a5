"""Turn solver assignments into a readable plan, and build the demand-blind uniform rota.

The uniform rota is the baseline a planner without a forecast would draw: posts
(zone × shift) filled round-robin, evening posts by pairs, days off staggered, each
mediator keeping one post. It follows the same working-time rules.
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta

import numpy as np

from communia.planning.plan import Assignment, CoverageCell, Plan, zone_shares
from communia.planning.team import Team
from communia.planning.window import Window, covered_share, covered_slots, staff_matrix

Chosen = dict[tuple[int, int, int, int], int]
SECOND_LEVEL = 0.1  # same weight as the solver's objective for a second mediator


def to_plan(status: str, chosen: Chosen, team: Team, window: Window, seconds: float,
            model_name: str) -> Plan:
    """The plan a person reads: assignments, coverage, each zone's hours against its demand."""
    staff = staff_matrix(chosen, team.shifts, window)
    assignments = [_assignment(key, team, window) for key in sorted(chosen, key=_order)]
    hours = [0.0] * len(window.zones)
    for a in assignments:
        hours[window.zones.index(a.zone)] += a.hours
    coverage = [CoverageCell(zone, _slot_start(window, slot), float(window.demand[z, slot]),
                             int(staff[z, slot]))
                for z, zone in enumerate(window.zones) for slot in range(window.slots)]
    return Plan(status, window.start.isoformat(), window.days, list(window.zones), assignments,
                coverage, zone_shares(window.zones, window.demand.sum(axis=1).tolist(), hours),
                covered_share=covered_share(staff, window.demand), notices=list(window.notices),
                solve_seconds=seconds, forecast_model=model_name)


def _order(key: tuple[int, int, int, int]) -> tuple[int, int, int, int]:
    m, d, s, z = key
    return (d, s, z, m)


def _assignment(key: tuple[int, int, int, int], team: Team, window: Window) -> Assignment:
    m, d, s, z = key
    med, shift = team.mediators[m], team.shifts[s]
    day = window.start + timedelta(days=d)
    midnight = datetime.combine(day, datetime.min.time())
    begin = midnight + timedelta(minutes=shift.start_minute)
    end = midnight + timedelta(minutes=shift.end_minute)
    return Assignment(med.id, med.team, day.isoformat(), shift.name, window.zones[z],
                      begin.isoformat(timespec="minutes"), end.isoformat(timespec="minutes"),
                      shift.hours)


def _slot_start(window: Window, slot: int) -> str:
    at = datetime.combine(window.start, datetime.min.time()) + timedelta(hours=slot)
    return at.isoformat(timespec="minutes")


def uniform_rota(team: Team, window: Window) -> Chosen:
    """A demand-blind rota: posts (zone × shift) filled round-robin, days off staggered."""
    posts = [(z, s) for s in range(len(team.shifts)) for z in range(len(window.zones))
             if team.shifts[s].hours <= team.rules.max_hours_day]
    chosen: Chosen = {}
    m, post = 0, 0
    while m < len(team.mediators) and posts:
        z, s = posts[post % len(posts)]
        paired = team.shifts[s].evening and team.rules.evening_pairs
        if paired and m + 1 >= len(team.mediators):
            post += 1
            if post > 2 * len(posts):
                break
            continue
        for g in ([m, m + 1] if paired else [m]):
            _fill_weeks(chosen, team, window, g, s, z, offset=post % 6)
        m += 2 if paired else 1
        post += 1
    return chosen


def _fill_weeks(chosen: Chosen, team: Team, window: Window, m: int, s: int, z: int,
                offset: int) -> None:
    for d in _working_days(team, window, m, s, offset):
        chosen[(m, d, s, z)] = 1


def _working_days(team: Team, window: Window, m: int, s: int, offset: int) -> list[int]:
    """Days mediator m works when keeping shift s with days off starting ``offset`` each week."""
    med, shift = team.mediators[m], team.shifts[s]
    run = team.rules.days_off_in_row
    days_off = {(offset + k) % 7 for k in range(run)} if offset + run <= 7 else set(range(run))
    needed = _days_needed(med.contract_hours, shift.hours, team.rules.contract_tolerance_hours,
                          7 - run)
    out = []
    for w in range(window.weeks):
        worked = 0
        for k in range(7):
            day = window.start + timedelta(days=7 * w + k)
            if k in days_off or worked >= needed or not med.available(day):
                continue
            out.append(7 * w + k)
            worked += 1
    return out


def _days_needed(contract: float, shift_hours: float, tolerance: float, most: int) -> int:
    """Days of one shift per week closest to the contract within its tolerance."""
    for days in range(math.ceil(contract / shift_hours), -1, -1):
        if days * shift_hours <= contract + tolerance:
            return min(days, most)
    return 0


def demand_rota(team: Team, window: Window) -> Chosen:
    """A greedy demand-aware rota (the solver's starting point).

    Each mediator (evening: each pair) takes the post and staggered days off that add the
    most covered demand, given those already placed.
    """
    posts = [(z, s) for s in range(len(team.shifts)) for z in range(len(window.zones))
             if team.shifts[s].hours <= team.rules.max_hours_day]
    offsets = range(7 - team.rules.days_off_in_row + 1)
    staff = np.zeros((len(window.zones), window.slots))
    chosen: Chosen = {}
    m = 0
    while m < len(team.mediators) and posts:
        patterns = {(s, o): _pattern(team, window, m, s, o) for s in {p[1] for p in posts}
                    for o in offsets}
        best = max(((_gain(window, staff, z, patterns[(s, o)][1], _group(team, s)), z, s, o)
                    for z, s in posts for o in offsets
                    if m + _group(team, s) <= len(team.mediators)), default=None)
        if best is None:
            break
        _, z, s, o = best
        for g in range(m, m + _group(team, s)):
            days, slots = _pattern(team, window, g, s, o)
            chosen.update({(g, d, s, z): 1 for d in days})
            np.add.at(staff[z], slots, 1)
        m += _group(team, s)
    return chosen


def _group(team: Team, s: int) -> int:
    return 2 if team.shifts[s].evening and team.rules.evening_pairs else 1


def _pattern(team: Team, window: Window, m: int, s: int, offset: int
             ) -> tuple[list[int], np.ndarray]:
    days = _working_days(team, window, m, s, offset)
    slots = [slot for d in days for slot in covered_slots(team.shifts[s], d, window.slots)]
    return days, np.array(slots, dtype=np.int64)


def _gain(window: Window, staff: np.ndarray, z: int, slots: np.ndarray, size: int) -> float:
    now = staff[z, slots]
    after = now + size
    value = ((after >= 1) + SECOND_LEVEL * (after >= 2)) - ((now >= 1) + SECOND_LEVEL * (now >= 2))
    return float((window.demand[z, slots] * value).sum())
