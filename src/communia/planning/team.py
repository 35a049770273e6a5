"""The mediation team, its shift templates and working-time rules (read from team.yaml; no I/O).

See docs/planning.md for the team.yaml format. ``parse_team`` validates a loaded
mapping and names the entry and field of every mistake.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields
from datetime import date
from typing import Any

from communia.errors import InvalidInput
from communia.planning import texts

WEEKDAYS = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6,
            "lun": 0, "mar": 1, "mer": 2, "jeu": 3, "ven": 4, "sam": 5, "dim": 6}
MAX_MEDIATORS = 200
DEFAULT_SHIFTS = (("morning", "08:00", "15:00", False), ("afternoon", "12:00", "19:00", False),
                  ("evening", "17:00", "24:00", True))
_CLOCK = re.compile(r"^(\d{1,2}):(\d{2})$")


class TeamInvalid(InvalidInput):
    """team.yaml has a missing or wrong field; the message names the entry and field."""


@dataclass(frozen=True)
class Shift:
    """A shift template: a start and end time of day; evening shifts are worked in pairs."""

    name: str
    start_minute: int
    end_minute: int
    evening: bool = False

    @property
    def minutes(self) -> int:
        return self.end_minute - self.start_minute

    @property
    def hours(self) -> float:
        return self.minutes / 60


@dataclass(frozen=True)
class Mediator:
    """A mediator: a label (no need for a name), a team, contract hours and availability."""

    id: str
    team: str
    contract_hours: float
    available_weekdays: frozenset[int] = frozenset(range(7))
    unavailable: frozenset[date] = frozenset()

    def available(self, day: date) -> bool:
        return day.weekday() in self.available_weekdays and day not in self.unavailable


@dataclass(frozen=True)
class Rules:
    """Working-time rules; each can be switched off to diagnose an infeasible team."""

    max_hours_day: float = 10.0
    max_hours_week: float = 48.0
    min_rest_hours: float = 11.0
    days_off_in_row: int = 2
    evening_pairs: bool = True
    contract_tolerance_hours: float = 4.0


RULE_LABELS = {
    "contract_hours": "contract hours (each mediator works their weekly hours, ± tolerance)",
    "max_hours_day": "maximum hours per day",
    "max_hours_week": "maximum hours per week",
    "min_rest_hours": "minimum rest between two shifts",
    "days_off_in_row": "consecutive days off each week",
    "evening_pairs": "evening shifts worked in pairs",
    "availability": "mediators' availability",
}


@dataclass(frozen=True)
class Team:
    """Everything the scheduler needs besides the forecast."""

    mediators: tuple[Mediator, ...]
    shifts: tuple[Shift, ...]
    rules: Rules = field(default_factory=Rules)
    start: date | None = None
    weeks: int | None = None

    @property
    def teams(self) -> list[str]:
        return sorted({m.team for m in self.mediators})


def parse_team(data: Any) -> Team:
    """Validate a loaded team.yaml mapping into a ``Team``; ``TeamInvalid`` names each mistake."""
    if not isinstance(data, dict):
        raise TeamInvalid(texts.TEAM_NOT_MAPPING())
    mediators = _mediators(data.get("mediators"))
    shifts = _shifts(data.get("shifts"))
    rules = _rules(data.get("rules") or {})
    start = _date(data["start"], "start") if data.get("start") else None
    weeks = _int(data["weeks"], "weeks", 1, 8) if data.get("weeks") else None
    return Team(tuple(mediators), tuple(shifts), rules, start, weeks)


def _mediators(raw: Any) -> list[Mediator]:
    if not isinstance(raw, list) or not raw:
        raise TeamInvalid(texts.TEAM_NO_MEDIATORS())
    found: list[Mediator] = []
    for i, entry in enumerate(raw, 1):
        if not isinstance(entry, dict) or not entry.get("id"):
            raise TeamInvalid(texts.TEAM_NEEDS_ID(entry=i))
        count = _int(entry.get("count", 1), _where("mediators", i, "count"), 1, MAX_MEDIATORS)
        base = str(entry["id"])
        ids = [base] if count == 1 else [f"{base}{k:02d}" for k in range(1, count + 1)]
        for ident in ids:
            found.append(_mediator(ident, entry, i))
    if len(found) > MAX_MEDIATORS:
        raise TeamInvalid(texts.TEAM_TOO_MANY(count=len(found), most=MAX_MEDIATORS))
    seen = [m.id for m in found]
    dupes = sorted({s for s in seen if seen.count(s) > 1})
    if dupes:
        raise TeamInvalid(texts.TEAM_DUPLICATES(ids=", ".join(dupes)))
    return found


def _mediator(ident: str, entry: dict[str, Any], i: int) -> Mediator:
    where = texts.TEAM_ENTRY(section="mediators", entry=i)
    hours = _float(entry.get("contract_hours", 35), _where("mediators", i, "contract_hours"),
                   1, 60)
    days = entry.get("available_days")
    weekdays = frozenset(range(7)) if days is None else _weekdays(days, where)
    unavailable = frozenset(_date(d, _where("mediators", i, "unavailable"))
                            for d in entry.get("unavailable", []))
    return Mediator(ident, str(entry.get("team", "Équipe")), hours, weekdays, unavailable)


def _weekdays(raw: Any, where: str) -> frozenset[int]:
    if not isinstance(raw, list):
        raise TeamInvalid(texts.TEAM_DAYS_LIST(where=where))
    out = set()
    for value in raw:
        key = str(value).strip().lower()[:3]
        if key not in WEEKDAYS:
            raise TeamInvalid(texts.TEAM_DAY_UNKNOWN(where=where, value=value))
        out.add(WEEKDAYS[key])
    return frozenset(out)


def _shifts(raw: Any) -> list[Shift]:
    if raw is None:
        raw = [{"name": n, "start": s, "end": e, "evening": ev} for n, s, e, ev in DEFAULT_SHIFTS]
    if not isinstance(raw, list) or not raw:
        raise TeamInvalid(texts.TEAM_NO_SHIFTS())
    shifts = []
    for i, entry in enumerate(raw, 1):
        if not isinstance(entry, dict) or not entry.get("name"):
            raise TeamInvalid(texts.TEAM_SHIFT_FIELDS(entry=i))
        start = _clock(entry.get("start"), _where("shifts", i, "start"))
        end = _clock(entry.get("end"), _where("shifts", i, "end"))
        if end <= start:
            end += 24 * 60
        if end - start > 16 * 60:
            raise TeamInvalid(texts.TEAM_SHIFT_LONG(name=entry["name"]))
        evening = bool(entry.get("evening", end > 21 * 60))
        shifts.append(Shift(str(entry["name"]), start, end, evening))
    return shifts


def _rules(raw: Any) -> Rules:
    if not isinstance(raw, dict):
        raise TeamInvalid(texts.TEAM_RULES_MAPPING())
    known = {f.name for f in fields(Rules)}
    unknown = sorted(set(raw) - known)
    if unknown:
        raise TeamInvalid(texts.TEAM_RULES_UNKNOWN(unknown=", ".join(unknown),
                                                   known=", ".join(sorted(known))))
    values: dict[str, Any] = {}
    for name, value in raw.items():
        if name == "evening_pairs":
            values[name] = bool(value)
        elif name == "days_off_in_row":
            values[name] = _int(value, texts.TEAM_RULE(name=name), 0, 6)
        else:
            values[name] = _float(value, texts.TEAM_RULE(name=name), 0, 168)
    return Rules(**values)


def _where(section: str, entry: int, key: str) -> str:
    """Where a value is in team.yaml, e.g. "mediators entry 1 count"."""
    return texts.TEAM_ENTRY_KEY(section=section, entry=entry, key=key)


def _clock(value: Any, where: str) -> int:
    match = _CLOCK.match(str(value or "").strip())
    if not match or int(match.group(1)) > 24 or int(match.group(2)) > 59:
        raise TeamInvalid(texts.TEAM_CLOCK(where=where, value=repr(value)))
    return int(match.group(1)) * 60 + int(match.group(2))


def _date(value: Any, where: str) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise TeamInvalid(texts.TEAM_DATE(where=where, value=repr(value))) from None


def _int(value: Any, where: str, low: int, high: int) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise TeamInvalid(texts.TEAM_WHOLE(where=where, value=repr(value))) from None
    if not low <= number <= high:
        raise TeamInvalid(texts.TEAM_RANGE(where=where, low=low, high=high, value=number))
    return number


def _float(value: Any, where: str, low: float, high: float) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise TeamInvalid(texts.TEAM_NUMBER(where=where, value=repr(value))) from None
    if not low <= number <= high:
        raise TeamInvalid(texts.TEAM_RANGE(where=where, low=f"{low:g}", high=f"{high:g}",
                                           value=f"{number:g}"))
    return number
