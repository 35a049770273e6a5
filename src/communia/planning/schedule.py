"""Propose mediation shifts with OR-Tools CP-SAT: cover forecast demand under working-time rules.

Two kinds of decisions: ``work[m, d, s]`` (mediator m works shift s on day d) carries
every individual rule: one shift a day, availability, maximum hours per day and week,
contract hours (± a tolerance, pro rata of leave days), minimum rest, consecutive
days off in every 7-day period from the start. ``count[d, s, z]`` spreads each shift's
mediators over the zones; evening counts are 0 or at least 2 (pairs). Objective: the
forecast demand of every zone-hour with at least one mediator, plus a tenth for a
second one. Mediators are then placed in zones, keeping each in the same zone when
possible. Zones do not enter individual rules, so this is exact and much smaller than
one variable per mediator, day, shift and zone.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta

import numpy as np
from ortools.sat.python import cp_model

from communia.planning.model import FEASIBILITY_SECONDS, SCHEDULE_SECONDS, ForecastResult
from communia.planning.plan import Plan
from communia.planning.rota import demand_rota, to_plan
from communia.planning.team import Team
from communia.planning.window import (
    Window,
    contract_bounds,
    demand_window,
    rest_conflicts,
    segments,
)

WORKERS = 2
BINDING_SECONDS = 3.0
DEMAND_SCALE = 1000
SECOND_LEVEL = 0.1  # objective weight of a second mediator in the same zone-hour
Chosen = dict[tuple[int, int, int, int], int]


@dataclass
class Built:
    """A CP-SAT model and its variables, built with some rules relaxed."""

    model: cp_model.CpModel
    work: dict[tuple[int, int, int], cp_model.IntVar] = field(default_factory=dict)
    count: dict[tuple[int, int, int], cp_model.IntVar] = field(default_factory=dict)


def build(team: Team, window: Window, relaxed: frozenset[str] = frozenset(),
          objective: bool = True, weights: np.ndarray | None = None) -> Built:
    """The CP-SAT model of the plan, with the named rules switched off."""
    built = Built(cp_model.CpModel())
    shifts = [s for s, sh in enumerate(team.shifts)
              if "max_hours_day" in relaxed or sh.hours <= team.rules.max_hours_day]
    _work_vars(built, team, window, relaxed, shifts)
    _count_vars(built, team, window, relaxed, shifts)
    _hours_rules(built, team, window, relaxed)
    if "min_rest_hours" not in relaxed:
        _rest_rule(built, team, window)
    if "days_off_in_row" not in relaxed and team.rules.days_off_in_row:
        _days_off_rule(built, team, window)
    if objective:
        _objective(built, team, window, window.demand if weights is None else weights)
    return built


def _work_vars(built: Built, team: Team, window: Window, relaxed: frozenset[str],
               shifts: list[int]) -> None:
    for m, med in enumerate(team.mediators):
        for d in range(window.days):
            if "availability" not in relaxed and not med.available(
                    window.start + timedelta(days=d)):
                continue
            day = [built.model.new_bool_var(f"w{m}_{d}_{s}") for s in shifts]
            for s, var in zip(shifts, day, strict=True):
                built.work[(m, d, s)] = var
            built.model.add_at_most_one(day)


def _count_vars(built: Built, team: Team, window: Window, relaxed: frozenset[str],
                shifts: list[int]) -> None:
    size = len(team.mediators)
    pairs = team.rules.evening_pairs and "evening_pairs" not in relaxed
    by_shift: dict[tuple[int, int], list[cp_model.IntVar]] = defaultdict(list)
    for (_m, d, s), var in built.work.items():
        by_shift[(d, s)].append(var)
    for d in range(window.days):
        for s in shifts:
            paired = pairs and team.shifts[s].evening
            domain = (cp_model.Domain.from_intervals([[0, 0], [2, max(size, 2)]]) if paired
                      else cp_model.Domain(0, size))
            zone_counts = [built.model.new_int_var_from_domain(domain, f"n{d}_{s}_{z}")
                           for z in range(len(window.zones))]
            for z, var in enumerate(zone_counts):
                built.count[(d, s, z)] = var
            built.model.add(sum(zone_counts) == sum(by_shift.get((d, s), [])))


def _hours_rules(built: Built, team: Team, window: Window, relaxed: frozenset[str]) -> None:
    rules = team.rules
    terms: dict[tuple[int, int], list[cp_model.LinearExpr]] = defaultdict(list)
    for (m, d, s), var in built.work.items():
        terms[(m, d // 7)].append(team.shifts[s].minutes * var)
    for m, med in enumerate(team.mediators):
        for w in range(window.weeks):
            total = sum(terms.get((m, w), []))
            low, high = contract_bounds(med, window.start + timedelta(days=7 * w),
                                        rules.contract_tolerance_hours)
            caps = []
            if "contract_hours" not in relaxed:
                caps.append(high)
                if low > 0:
                    built.model.add(total >= low)
            if "max_hours_week" not in relaxed:
                caps.append(int(rules.max_hours_week * 60))
            if caps and terms.get((m, w)):
                built.model.add(total <= min(caps))


def _rest_rule(built: Built, team: Team, window: Window) -> None:
    work = built.work
    for a, b in rest_conflicts(team.shifts, team.rules.min_rest_hours):
        for m in range(len(team.mediators)):
            for d in range(window.days - 1):
                if (m, d, a) in work and (m, d + 1, b) in work:
                    built.model.add_bool_or([~work[(m, d, a)], ~work[(m, d + 1, b)]])


def _days_off_rule(built: Built, team: Team, window: Window) -> None:
    run = team.rules.days_off_in_row
    by_day: dict[tuple[int, int], list[cp_model.IntVar]] = defaultdict(list)
    for (m, d, _s), var in built.work.items():
        by_day[(m, d)].append(var)
    for m in range(len(team.mediators)):
        for w in range(window.weeks):
            options = []
            for first in range(7 * w, 7 * w + 8 - run):
                off = built.model.new_bool_var(f"off{m}_{first}")
                for d in range(first, first + run):
                    for var in by_day.get((m, d), []):
                        built.model.add_implication(off, ~var)
                options.append(off)
            built.model.add_bool_or(options)


def _objective(built: Built, team: Team, window: Window, weights: np.ndarray) -> None:
    """Maximise demand in covered segments (runs of hours covered by the same shifts)."""
    terms = []
    for n, (slots, starts) in enumerate(segments(team.shifts, window)):
        for z in range(len(window.zones)):
            weight = int(round(float(weights[z, slots].sum()) * DEMAND_SCALE))
            staff = [built.count[(d, s, z)] for d, s in starts if (d, s, z) in built.count]
            if weight <= 0 or not staff:
                continue
            one = built.model.new_bool_var(f"c{z}_{n}")
            two = built.model.new_bool_var(f"c2{z}_{n}")
            built.model.add(one + two <= sum(staff))
            built.model.add_implication(two, one)
            terms.append(weight * one + int(round(weight * SECOND_LEVEL)) * two)
    built.model.maximize(sum(terms))


def solve(built: Built, seconds: float, hint: Chosen | None = None) -> tuple[str, Chosen]:
    """Solve; the status and the assignments (m, day, shift, zone) -> 1, empty if none."""
    if hint:
        _add_hint(built, hint)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = seconds
    solver.parameters.num_workers = WORKERS
    solver.parameters.random_seed = 7
    status = solver.solve(built.model)
    names = {cp_model.OPTIMAL: "optimal", cp_model.FEASIBLE: "feasible",
             cp_model.INFEASIBLE: "infeasible", cp_model.MODEL_INVALID: "invalid"}
    label = names.get(status, "unknown")
    if label not in ("optimal", "feasible"):
        return label, {}
    working = [key for key, var in built.work.items() if solver.value(var)]
    counts = {key: int(solver.value(var)) for key, var in built.count.items()}
    return label, place_in_zones(working, counts)


def _add_hint(built: Built, hint: Chosen) -> None:
    counts: dict[tuple[int, int, int], int] = defaultdict(int)
    worked = set()
    for (m, d, s, z) in hint:
        worked.add((m, d, s))
        counts[(d, s, z)] += 1
    for key, var in built.work.items():
        built.model.add_hint(var, 1 if key in worked else 0)
    for key, var in built.count.items():
        built.model.add_hint(var, counts.get(key, 0))


def place_in_zones(working: list[tuple[int, int, int]],
                   counts: dict[tuple[int, int, int], int]) -> Chosen:
    """Give each working mediator a zone, filling the counts; keep yesterday's zone if possible."""
    by_shift: dict[tuple[int, int], list[int]] = defaultdict(list)
    for m, d, s in working:
        by_shift[(d, s)].append(m)
    last: dict[int, int] = {}
    chosen: Chosen = {}
    for d, s in sorted(by_shift):
        room = {z: n for (dd, ss, z), n in counts.items() if dd == d and ss == s and n > 0}
        pending = []
        for m in sorted(by_shift[(d, s)]):
            z = last.get(m, -1)
            if room.get(z, 0) > 0:
                room[z] -= 1
                chosen[(m, d, s, z)] = 1
            else:
                pending.append(m)
        for m in pending:
            z = next(zz for zz, n in sorted(room.items()) if n > 0)
            room[z] -= 1
            chosen[(m, d, s, z)] = 1
            last[m] = z
    return chosen


def propose(forecast: ForecastResult, team: Team, seconds: float = SCHEDULE_SECONDS,
            analyse: bool = True, progress: Callable[[int, int, str], None] | None = None,
            *, feasibility_seconds: float = FEASIBILITY_SECONDS) -> Plan:
    """Build and solve the plan; explain an infeasible team, or which rules bind.

    The search lasts at most ``seconds``, each search of the diagnosis of an infeasible
    team ``feasibility_seconds`` (settings ``planning_schedule_seconds`` and
    ``planning_feasibility_seconds``, passed by the service).
    ``progress(done, total, message)`` is called before the search and the analysis.
    """
    from communia.planning import diagnose

    window = demand_window(forecast, team)
    if progress is not None:
        progress(0, 2, "Searching for the plan that covers most demand")
    began = time.perf_counter()
    status, chosen = solve(build(team, window), seconds, hint=demand_rota(team, window))
    elapsed = time.perf_counter() - began
    plan = to_plan(status, chosen, team, window, elapsed, forecast.model)
    if not plan.feasible:
        plan.infeasible_rule, plan.infeasible_reason = diagnose.explain(
            team, window, status, feasibility_seconds)
    elif analyse:
        if progress is not None:
            progress(1, 2, "Measuring which rules limit the plan")
        plan.binding = diagnose.binding(team, window, chosen, plan.covered_share,
                                        min(BINDING_SECONDS, seconds))
    return plan
