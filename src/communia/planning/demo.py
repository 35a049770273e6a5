"""Demo planning data: the Berkeley calls-for-service log, its forecast and a draft plan.

The log (Berkeley PD calls for service, 2018; see docs/planning.md) is read from the
shared data folder when present; nothing is downloaded.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from communia.bootstrap import Runtime
from communia.planning import service
from communia.planning.forecast import ForecastOptions
from communia.planning.ingest import ImportOptions
from communia.planning.tables import PlanningRunRow

LOG_NAME = "Berkeley_PD_-_Calls_for_Service_2018.csv"
CANDIDATES = (
    Path(__file__).resolve().parents[3] / ".." / "shared" / "data" / "incidents-berkeley",
    Path("/work/shared/data/incidents-berkeley"),
)
DEMO_TEAM = """mediators:
  - {id: N, count: 6, team: Nord, contract_hours: 35}
  - {id: S, count: 6, team: Sud, contract_hours: 35}
shifts:
  - {name: matin, start: "08:00", end: "15:00"}
  - {name: apres-midi, start: "12:00", end: "19:00"}
  - {name: soiree, start: "17:00", end: "24:00", evening: true}
"""


def find_log() -> Path | None:
    """The Berkeley log if the shared data folder is there."""
    for folder in CANDIDATES:
        path = folder / LOG_NAME
        if path.is_file():
            return path
    return None


def load(runtime: Runtime) -> list[str]:
    """Import the Berkeley log, forecast two weeks, propose a draft plan (once)."""
    path = find_log()
    if path is None:
        return ["planning: the Berkeley log is not in ../shared/data; no planning demo data"]
    with runtime.db.session() as session:
        if session.scalars(select(PlanningRunRow).where(PlanningRunRow.name == LOG_NAME)).first():
            return []
    options = ImportOptions("EVENTDT", "Block_Location", None, "America/Los_Angeles")
    with path.open("rb") as handle:
        run_id = service.import_log(runtime, LOG_NAME, handle, options, "terrain")
    result = service.forecast_run(runtime, run_id, ForecastOptions(2, "US", ""), "terrain")
    view = service.propose_plan(runtime, result, DEMO_TEAM, "terrain", run_id, seconds=8.0,
                                analyse=False)
    return [f"planning: Berkeley log imported ({result.model}), draft plan {view.draft_id} "
            f"covering {view.plan.covered_share:.0%} of forecast demand"]
