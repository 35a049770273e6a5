"""Forecasts and plans as jobs: the web submits them, a worker runs them with progress.

Payloads hold the imported log's id, the options and digests; the counts, the forecast
and the team are read from the run. ``plan-forecast`` returns the forecast itself (the
JSON of ``communia plan forecast``), so asking again for the same forecast shows the
stored one; ``plan-schedule`` stores one draft per job, even when the job is run again
after a lost worker. See docs/jobs.md.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from communia.bootstrap import Runtime
from communia.errors import InvalidInput
from communia.jobs import JobContext, JobInput, JobRunner, register_job
from communia.planning.model import MAX_SCHEDULE_SECONDS
from communia.planning.tables import PlanningRunRow

FORECAST = "plan-forecast"
SCHEDULE = "plan-schedule"
USE_CASE = "planning"  # as planning.service.USE_CASE, without importing the solvers here


def forecast_job(ctx: JobContext, payload: dict[str, Any]) -> dict[str, Any]:
    """Backtest and forecast the run's counts; keep the forecast with the run."""
    from communia.planning import service
    from communia.planning.forecast import ForecastOptions

    run_id = _text(payload, "run_id")
    weeks = payload.get("horizon_weeks")
    if not isinstance(weeks, int) or isinstance(weeks, bool):
        raise InvalidInput("The job payload needs 'horizon_weeks': a whole number of weeks.")
    options = ForecastOptions(weeks, _text(payload, "holidays", ""),
                              _text(payload, "school_zone", ""))
    ctx.set_result_ref(f"planning-run:{run_id}")
    with ctx.keep_alive():  # one backtest origin can outlast the lease on a busy machine
        result = service.forecast_run(ctx.runtime, run_id, options, ctx.actor, ctx.progress)
    return result.to_json()


def schedule_job(ctx: JobContext, payload: dict[str, Any]) -> dict[str, Any]:
    """Plan the run's kept team on its forecast; one draft per job."""
    from communia.planning import service

    run_id = _text(payload, "run_id")
    seconds = payload.get("seconds", ctx.runtime.settings.planning_schedule_seconds)
    if not isinstance(seconds, int | float) or not 1 <= seconds <= MAX_SCHEDULE_SECONDS:
        raise InvalidInput(f"The job's 'seconds' must be a number from 1 to "
                           f"{MAX_SCHEDULE_SECONDS:g}.")
    digests = {"team_sha256": _text(payload, "team_sha256"),
               "forecast_sha256": _text(payload, "forecast_sha256")}
    with ctx.keep_alive():  # the solver and the rule analysis do not report in between
        view = service.propose_for_run(ctx.runtime, run_id, digests, ctx.actor, ctx.key,
                                       float(seconds), bool(payload.get("analyse", True)),
                                       ctx.progress)
    ctx.set_result_ref(f"plan:{view.draft_id}")
    plan = view.plan
    return {"draft_id": view.draft_id, "run_id": run_id, "status": plan.status,
            "assignments": len(plan.assignments), "covered_share": plan.covered_share,
            "infeasible": plan.infeasible_reason or None}


def submit_forecast(runtime: Runtime, runner: JobRunner, run_id: str, horizon_weeks: int,
                    holidays: str, school_zone: str, actor: str) -> str:
    """Submit the run's forecast; the same forecast asked again is shown from its job."""
    from communia.planning import service

    payload = {"run_id": run_id, "horizon_weeks": horizon_weeks, "holidays": holidays,
               "school_zone": school_zone}
    job_id = runner.submit(FORECAST, payload, actor=actor)
    if runner.status(job_id).state == "succeeded":
        service.keep_forecast(runtime, run_id, runner.result(job_id))
    return job_id


def submit_plan(runtime: Runtime, runner: JobRunner, run_id: str, team_yaml: str, actor: str,
                seconds: float | None = None, analyse: bool = True) -> str:
    """Keep the team with the run and submit its plan; the same team on the same forecast
    gives the same job and opens the plan already proposed.

    The solver searches for ``seconds``, by default the setting ``planning_schedule_seconds``.
    """
    from communia.planning import service

    digests = service.prepare_plan(runtime, run_id, team_yaml)
    if seconds is None:
        seconds = runtime.settings.planning_schedule_seconds
    payload = {"run_id": run_id, **digests, "seconds": seconds, "analyse": analyse}
    job_id = runner.submit(SCHEDULE, payload, actor=actor)
    if runner.status(job_id).state == "succeeded":
        service.keep_plan(runtime, run_id, runner.result(job_id)["draft_id"])
    return job_id


def describe_forecast(runtime: Runtime, payload: dict[str, Any]) -> JobInput | None:
    """The imported log's file name and the weeks forecast (the jobs page)."""
    name = _log_name(runtime, payload)
    weeks = payload.get("horizon_weeks")
    if name is None or not isinstance(weeks, int):
        return None
    return JobInput("{file}, {weeks} week(s)", {"file": name, "weeks": weeks})


def describe_plan(runtime: Runtime, payload: dict[str, Any]) -> JobInput | None:
    """The file name of the log whose forecast the plan covers (the jobs page)."""
    name = _log_name(runtime, payload)
    return None if name is None else JobInput("{file}", {"file": name})


def _log_name(runtime: Runtime, payload: dict[str, Any]) -> str | None:
    run_id = payload.get("run_id")
    if not isinstance(run_id, str):
        return None
    with runtime.db.session() as session:
        name = session.scalar(select(PlanningRunRow.name).where(PlanningRunRow.id == run_id))
    return None if name is None else str(name)


def _text(payload: dict[str, Any], field: str, default: str | None = None) -> str:
    value = payload.get(field, default)
    if not isinstance(value, str) or (default is None and not value):
        raise InvalidInput(f"The job payload needs '{field}' as text.")
    return value


register_job(FORECAST, forecast_job, use_case=USE_CASE, title="Demand forecast",
             result_url="/planning/runs/{ref}", describe=describe_forecast)
register_job(SCHEDULE, schedule_job, use_case=USE_CASE, title="Mediation plan",
             result_url="/planning/plans/{ref}", describe=describe_plan)
