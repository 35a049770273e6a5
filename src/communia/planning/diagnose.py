"""Explain a plan's limits: which rule makes a team infeasible, and which rules bind.

Infeasible: quick checks name the mediator and week when the arithmetic alone rules
it out; otherwise each rule is relaxed alone and the first whose removal gives a
feasible plan is reported. Binding: each rule is relaxed alone, re-solved from the
plan found, and the extra share of demand covered is reported.
"""

from __future__ import annotations

from datetime import timedelta

from communia.planning import texts
from communia.planning.model import FEASIBILITY_SECONDS
from communia.planning.plan import Binding
from communia.planning.schedule import build, solve
from communia.planning.team import RULE_LABELS, Team
from communia.planning.window import Window, contract_bounds, covered_share, staff_matrix

# Contract hours last: without them anyone can work zero hours, which "fixes" everything.
RELAX_ORDER = ("evening_pairs", "min_rest_hours", "days_off_in_row", "max_hours_week",
               "availability", "max_hours_day", "contract_hours")
BINDING_RULES = ("contract_hours", "max_hours_week", "min_rest_hours", "days_off_in_row",
                 "evening_pairs", "availability")
BINDS_FROM_POINTS = 0.5


def explain(team: Team, window: Window, status: str,
            seconds: float = FEASIBILITY_SECONDS) -> tuple[str, str]:
    """The rule that makes the team infeasible and a sentence saying why and what to change.

    Each rule is lifted alone and searched for at most ``seconds`` (setting
    ``planning_feasibility_seconds``).
    """
    found = precheck(team, window)
    if found:
        return found
    culprits = [rule for rule in RELAX_ORDER
                 if solve(build(team, window, frozenset({rule}), objective=False),
                          seconds)[0] in ("optimal", "feasible")]
    if culprits:
        rule = RULE_LABELS[culprits[0]]
        others = ", ".join(f"'{RULE_LABELS[r]}'" for r in culprits[1:])
        if others:
            return culprits[0], texts.RULE_MAKES_INFEASIBLE_OR(rule=rule, others=others)
        return culprits[0], texts.RULE_MAKES_INFEASIBLE(rule=rule)
    if status == "unknown":
        return "", texts.NOT_FOUND_IN_TIME()
    return "", texts.RULES_CONFLICT()


def precheck(team: Team, window: Window) -> tuple[str, str] | None:
    """Arithmetic checks that name the mediator and period at fault, before any search."""
    rules = team.rules
    usable = [s for s in team.shifts if s.hours <= rules.max_hours_day]
    if not usable:
        return "max_hours_day", texts.SHIFTS_TOO_LONG(most=rules.max_hours_day)
    longest = max(s.minutes for s in usable)
    for med in team.mediators:
        for w in range(window.days // 7):
            first = window.start + timedelta(days=7 * w)
            low, _ = contract_bounds(med, first, rules.contract_tolerance_hours)
            if low > rules.max_hours_week * 60:
                return "max_hours_week", texts.WEEK_OVER_MAXIMUM(
                    mediator=med.id, due=low / 60, first=first, most=rules.max_hours_week)
            days = sum(1 for k in range(7) if med.available(first + timedelta(days=k)))
            workable = min(days, 7 - rules.days_off_in_row)
            if workable * longest < low:
                rule = "availability" if days < 7 - rules.days_off_in_row else "days_off_in_row"
                return rule, texts.TOO_FEW_DAYS(
                    mediator=med.id, workable=workable, first=first, available=days,
                    off=rules.days_off_in_row, hours=workable * longest / 60, due=low / 60)
    return None


def binding(team: Team, window: Window, chosen: dict[tuple[int, int, int, int], int],
            base_share: float, seconds: float) -> list[Binding]:
    """For each rule, the extra demand covered (percentage points) if it were lifted alone."""
    out = []
    for rule in BINDING_RULES:
        status, relaxed = solve(build(team, window, frozenset({rule})), seconds, hint=chosen)
        share = base_share
        if status in ("optimal", "feasible"):
            share = max(base_share, covered_share(staff_matrix(relaxed, team.shifts, window),
                                                  window.demand))
        gain = round((share - base_share) * 100, 2)
        out.append(Binding(rule, RULE_LABELS[rule], gain, gain >= BINDS_FROM_POINTS))
    return out
