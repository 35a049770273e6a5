"""Synthetic event logs for the planning tests: Poisson counts with a weekly pattern."""

from __future__ import annotations

from datetime import datetime, timedelta

import numpy as np

ZONES = ("Centre", "Gare", "Quartier Nord")
RATES = (0.9, 0.4, 0.1)  # mean events per hour at the daily peak, per zone


def hourly_rate(zone: int, at: datetime, scale: float = 1.0) -> float:
    """A busy evening, a quiet night and a busier weekend, scaled per zone."""
    shape = 0.05 + np.exp(-((at.hour - 18) ** 2) / 18)
    weekend = 1.6 if at.weekday() >= 5 else 1.0
    return float(RATES[zone] * shape * weekend * scale)


def synthetic_rows(weeks: int, start: datetime = datetime(2025, 1, 6), seed: int = 3,
                   team_share: float = 0.0, scale_after: tuple[int, float] | None = None
                   ) -> list[tuple[str, str, str]]:
    """Rows (timestamp "dd/mm/YYYY HH:MM", place, source) over ``weeks`` weeks."""
    rng = np.random.default_rng(seed)
    rows = []
    for h in range(weeks * 168):
        at = start + timedelta(hours=h)
        scale = 1.0
        if scale_after is not None and h >= scale_after[0] * 168:
            scale = scale_after[1]
        for z, place in enumerate(ZONES):
            for _ in range(rng.poisson(hourly_rate(z, at, scale))):
                minute = int(rng.integers(0, 60))
                source = "observation équipe" if rng.random() < team_share else "appel usager"
                rows.append(((at + timedelta(minutes=minute)).strftime("%d/%m/%Y %H:%M"),
                             place, source))
    return rows


def synthetic_csv(weeks: int, **kw: object) -> bytes:
    """A semicolon CSV (French style) with a header: horodatage;lieu;source."""
    lines = ["horodatage;lieu;source"] + [";".join(r) for r in synthetic_rows(weeks, **kw)]  # type: ignore[arg-type]
    return ("\n".join(lines) + "\n").encode("utf-8")


TEAM_YAML = """mediators:
  - {id: M, count: 6, team: Centre-ville, contract_hours: 35}
shifts:
  - {name: jour, start: "10:00", end: "17:00"}
  - {name: soir, start: "17:00", end: "24:00", evening: true}
"""
