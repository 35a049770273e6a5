"""The scheduler: every rule holds in the plan, demand drives it, infeasible teams are explained."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta

import pytest

from communia.planning import schedule
from communia.planning.model import Backtest, ForecastResult, ForecastRow
from communia.planning.plan import Plan
from communia.planning.rota import uniform_rota
from communia.planning.team import parse_team
from communia.planning.window import covered_share, demand_window, staff_matrix

START = datetime(2025, 3, 3)  # a Monday


def _forecast(weeks: int = 1, busy: str = "Centre") -> ForecastResult:
    rows = []
    for h in range(weeks * 168):
        at = START + timedelta(hours=h)
        for zone in ("Centre", "Gare", "Parc"):
            mean = (2.0 if zone == busy else 0.05) * (1.5 if 17 <= at.hour < 24 else 0.3)
            rows.append(ForecastRow(zone, at.isoformat(), mean, 0.0, mean * 2))
    return ForecastResult(["Centre", "Gare", "Parc"], "poisson-glm", Backtest(None, None),
                          rows, "Europe/Paris", 10.0, True)


TEAM = {"mediators": [{"id": "M", "count": 6, "team": "Ville", "contract_hours": 35}],
        "shifts": [{"name": "jour", "start": "10:00", "end": "17:00"},
                   {"name": "soir", "start": "17:00", "end": "24:00", "evening": True},
                   {"name": "matin", "start": "06:00", "end": "13:00"}]}


@pytest.fixture(scope="module")
def plan() -> Plan:
    return schedule.propose(_forecast(2), parse_team(TEAM), seconds=8, analyse=False)


def test_the_plan_respects_every_working_time_rule(plan: Plan) -> None:
    assert plan.feasible
    by_mediator: dict[str, list] = defaultdict(list)
    for a in plan.assignments:
        by_mediator[a.mediator].append(a)
    for shifts in by_mediator.values():
        days = [datetime.fromisoformat(a.day) for a in shifts]
        assert len(days) == len(set(days)), "one shift a day"
        ordered = sorted(shifts, key=lambda a: a.start)
        for first, second in zip(ordered, ordered[1:], strict=False):
            rest = datetime.fromisoformat(second.start) - datetime.fromisoformat(first.end)
            assert rest >= timedelta(hours=11), "11 h rest"
        for week in range(2):
            worked = {(d - START).days for d in days if 0 <= (d - START).days - 7 * week < 7}
            hours = 7 * len(worked)
            assert 31 <= hours <= 39, "contract hours ± 4"
            offs = [k for k in range(7 * week, 7 * week + 7) if k not in worked]
            pairs = zip(offs, offs[1:], strict=False)
            assert any(b - a == 1 for a, b in pairs), "two days off in a row"
    evenings: dict[tuple[str, str], int] = defaultdict(int)
    for a in plan.assignments:
        if a.shift == "soir":
            evenings[(a.day, a.zone)] += 1
    assert all(n >= 2 for n in evenings.values()), "evening shifts in pairs"


def test_the_plan_follows_demand(plan: Plan) -> None:
    shares = {z.zone: z for z in plan.zone_shares}
    assert shares["Centre"].hours_share > 0.5
    assert plan.covered_share > 0.5


def test_the_optimised_plan_covers_more_than_the_uniform_rota() -> None:
    team = parse_team(TEAM)
    result = _forecast(1)
    window = demand_window(result, team)
    plan = schedule.propose(result, team, seconds=5, analyse=False)
    uniform = covered_share(staff_matrix(uniform_rota(team, window), team.shifts, window),
                            window.demand)
    assert plan.covered_share > uniform * 1.15


def test_a_lone_mediator_cannot_work_evenings_in_pairs() -> None:
    team = parse_team({"mediators": [{"id": "Solo"}],
                       "shifts": [{"name": "soir", "start": "17:00", "end": "24:00",
                                   "evening": True}]})
    plan = schedule.propose(_forecast(1), team, seconds=3)
    assert plan.status == "infeasible"
    assert plan.infeasible_rule == "evening_pairs"
    assert "pairs" in plan.infeasible_reason


def test_a_contract_above_the_weekly_maximum_names_the_mediator() -> None:
    team = parse_team({"mediators": [{"id": "A"}, {"id": "B", "contract_hours": 45}],
                       "rules": {"max_hours_week": 38}})
    plan = schedule.propose(_forecast(1), team, seconds=3)
    assert plan.infeasible_rule == "max_hours_week"
    assert plan.infeasible_reason.startswith("B:")


def test_binding_rules_are_measured() -> None:
    team = parse_team({"mediators": [{"id": "M", "count": 4, "contract_hours": 20}],
                       "shifts": [{"name": "soir", "start": "17:00", "end": "24:00",
                                   "evening": True}]})
    plan = schedule.propose(_forecast(1), team, seconds=3)
    rules = {b.rule: b for b in plan.binding}
    assert set(rules) >= {"contract_hours", "evening_pairs", "days_off_in_row"}
    assert rules["contract_hours"].binds  # 20 h a week leaves busy evenings uncovered
