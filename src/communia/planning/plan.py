"""A proposed mediation plan: assignments, coverage per zone and hour, and what limits it (no I/O).

The JSON shape of ``Plan.to_json`` is the ``schedule.json`` of ``communia plan
schedule`` (documented in docs/planning.md).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from communia.errors import InvalidInput


@dataclass(frozen=True)
class Assignment:
    """One mediator working one shift in one zone on one day (local wall-clock times)."""

    mediator: str
    team: str
    day: str
    shift: str
    zone: str
    start: str
    end: str
    hours: float


@dataclass(frozen=True)
class CoverageCell:
    """Forecast demand and planned staff in one zone during one local hour."""

    zone: str
    start: str
    demand: float
    staff: int


@dataclass(frozen=True)
class ZoneShare:
    """A zone's share of forecast demand against its share of planned hours."""

    zone: str
    demand: float
    demand_share: float
    hours: float
    hours_share: float


@dataclass(frozen=True)
class Binding:
    """A rule and how much more demand would be covered without it (percentage points)."""

    rule: str
    label: str
    gain_points: float
    binds: bool


@dataclass
class Plan:
    """The scheduler's proposal; a draft until a named person adopts it."""

    status: str
    start: str
    days: int
    zones: list[str]
    assignments: list[Assignment] = field(default_factory=list)
    coverage: list[CoverageCell] = field(default_factory=list)
    zone_shares: list[ZoneShare] = field(default_factory=list)
    binding: list[Binding] = field(default_factory=list)
    covered_share: float = 0.0
    infeasible_rule: str = ""
    infeasible_reason: str = ""
    notices: list[str] = field(default_factory=list)
    solve_seconds: float = 0.0
    forecast_model: str = ""

    @property
    def feasible(self) -> bool:
        return self.status in ("optimal", "feasible")

    @property
    def teams(self) -> list[str]:
        return sorted({a.team for a in self.assignments})

    def to_json(self) -> dict[str, Any]:
        return {
            "status": self.status, "start": self.start, "days": self.days, "zones": self.zones,
            "covered_share": round(self.covered_share, 4),
            "infeasible": ({"rule": self.infeasible_rule, "reason": self.infeasible_reason}
                           if self.infeasible_rule or self.infeasible_reason else None),
            "assignments": [asdict(a) for a in self.assignments],
            "coverage": [asdict(c) | {"demand": round(c.demand, 4)} for c in self.coverage],
            "zone_shares": [{k: round(v, 4) if isinstance(v, float) else v
                             for k, v in asdict(z).items()} for z in self.zone_shares],
            "binding": [asdict(b) for b in self.binding],
            "notices": self.notices, "solve_seconds": round(self.solve_seconds, 2),
            "forecast_model": self.forecast_model,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Plan:
        """Read a plan written by ``to_json``; ``InvalidInput`` when the shape is wrong."""
        try:
            infeasible = data.get("infeasible") or {}
            return cls(
                status=str(data["status"]), start=str(data["start"]), days=int(data["days"]),
                zones=[str(z) for z in data["zones"]],
                assignments=[Assignment(**a) for a in data["assignments"]],
                coverage=[CoverageCell(**c) for c in data["coverage"]],
                zone_shares=[ZoneShare(**z) for z in data["zone_shares"]],
                binding=[Binding(**b) for b in data["binding"]],
                covered_share=float(data["covered_share"]),
                infeasible_rule=str(infeasible.get("rule", "")),
                infeasible_reason=str(infeasible.get("reason", "")),
                notices=[str(n) for n in data.get("notices", [])],
                solve_seconds=float(data.get("solve_seconds", 0.0)),
                forecast_model=str(data.get("forecast_model", "")))
        except (KeyError, TypeError, ValueError) as exc:
            raise InvalidInput(f"The plan is not in the expected shape ({exc!s}); produce it "
                               "with 'communia plan schedule'.") from None


def zone_shares(zones: list[str], demand: list[float], hours: list[float]) -> list[ZoneShare]:
    """Each zone's share of demand and of planned hours."""
    total_d, total_h = sum(demand) or 1.0, sum(hours) or 1.0
    return [ZoneShare(z, d, d / total_d, h, h / total_h)
            for z, d, h in zip(zones, demand, hours, strict=True)]
