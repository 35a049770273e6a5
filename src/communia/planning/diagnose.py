"""Explain a plan's limits: which rule makes a team infeasible, and which rules bind.

Infeasible: quick checks name the mediator and week when the arithmetic alone rules
it out; otherwise each rule is relaxed alone and the first whose removal gives a
feasible plan is reported. Binding: each rule is relaxed alone, re-solved from the
plan found, and the extra share of demand covered is reported.
"""

from __future__ import annotations

from datetime import timedelta

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
        others = ", ".join(f"'{RULE_LABELS[r]}'" for r in culprits[1:])
        also = f" (lifting {others} instead would also work)" if others else ""
        return culprits[0], (
            f"No plan satisfies every rule, but one exists without the rule "
            f"'{RULE_LABELS[culprits[0]]}'{also}: with this team, that rule makes the plan "
            "infeasible. Add mediators, widen availability or adjust that rule.")
    if status == "unknown":
        return "", ("No plan was found within the time limit; the team may be infeasible or "
                    "need a longer search (--time-limit).")
    return "", ("No plan satisfies the rules, and relaxing any single rule is not enough: "
                "several rules conflict with this team. Review contract hours and availability.")


def precheck(team: Team, window: Window) -> tuple[str, str] | None:
    """Arithmetic checks that name the mediator and period at fault, before any search."""
    rules = team.rules
    usable = [s for s in team.shifts if s.hours <= rules.max_hours_day]
    if not usable:
        return "max_hours_day", (f"Every shift template is longer than the maximum of "
                                 f"{rules.max_hours_day:g} hours per day.")
    longest = max(s.minutes for s in usable)
    for med in team.mediators:
        for w in range(window.days // 7):
            first = window.start + timedelta(days=7 * w)
            low, _ = contract_bounds(med, first, rules.contract_tolerance_hours)
            if low > rules.max_hours_week * 60:
                return "max_hours_week", (
                    f"{med.id}: {low / 60:g} hours are due in the week from {first} (contract "
                    f"minus tolerance), above the maximum of {rules.max_hours_week:g} hours a "
                    "week.")
            days = sum(1 for k in range(7) if med.available(first + timedelta(days=k)))
            workable = min(days, 7 - rules.days_off_in_row)
            if workable * longest < low:
                rule = "availability" if days < 7 - rules.days_off_in_row else "days_off_in_row"
                return rule, (
                    f"{med.id}: at most {workable} working day(s) in the week from {first} "
                    f"({days} available, {rules.days_off_in_row} consecutive days off), so at most "
                    f"{workable * longest / 60:g} hours, below the {low / 60:g} hours their "
                    "contract requires.")
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
