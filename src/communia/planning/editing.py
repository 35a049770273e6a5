"""Edit a plan as text: one assignment per line, "mediator;day;shift;zone"."""

from __future__ import annotations

import re
from datetime import date

from communia.errors import InvalidInput
from communia.planning import texts
from communia.planning.plan import Plan
from communia.planning.team import Team
from communia.planning.window import Window

_SPLIT = re.compile(r"\s*[;\t]\s*")


class PlanLinesInvalid(InvalidInput):
    """An edited line is not "mediator;day;shift;zone" with known values; it is named."""


def plan_lines(plan: Plan) -> str:
    """The plan's assignments as editable lines."""
    return "\n".join(f"{a.mediator};{a.day};{a.shift};{a.zone}" for a in plan.assignments)


def apply_lines(text: str, team: Team, window: Window) -> dict[tuple[int, int, int, int], int]:
    """Assignments from edited lines; ``PlanLinesInvalid`` names the first wrong line."""
    mediators = {m.id: i for i, m in enumerate(team.mediators)}
    shifts = {s.name: i for i, s in enumerate(team.shifts)}
    zones = {z: i for i, z in enumerate(window.zones)}
    chosen: dict[tuple[int, int, int, int], int] = {}
    busy: set[tuple[int, int]] = set()
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        parts = _SPLIT.split(line.strip())
        if len(parts) != 4:
            raise PlanLinesInvalid(texts.LINE_SHAPE(number=number))
        who, day, shift, zone = parts
        d = _day(day, window, number)
        for value, known, label in ((who, mediators, "mediator"), (shift, shifts, "shift"),
                                    (zone, zones, "zone")):
            if value not in known:
                raise PlanLinesInvalid(texts.LINE_UNKNOWN(
                    number=number, label=label, value=value, known=", ".join(known)))
        if (mediators[who], d) in busy:
            raise PlanLinesInvalid(texts.LINE_BUSY(number=number, who=who, day=day))
        busy.add((mediators[who], d))
        chosen[(mediators[who], d, shifts[shift], zones[zone])] = 1
    return chosen


def _day(value: str, window: Window, number: int) -> int:
    try:
        d = (date.fromisoformat(value) - window.start).days
    except ValueError:
        raise PlanLinesInvalid(texts.LINE_NOT_A_DATE(number=number, value=value)) \
            from None
    if not 0 <= d < window.days:
        raise PlanLinesInvalid(texts.LINE_OUTSIDE(number=number, value=value,
                                                   start=window.start, days=window.days))
    return d
