"""Forecasts and plans as jobs, on the real store, models, solver and in-process executor."""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Iterator

import pytest
from sqlalchemy import func, select, update

from communia.bootstrap import Runtime
from communia.jobs import InProcessRunner, JobCancelled, JobContext, get_job, records
from communia.jobs import service as jobs
from communia.jobs.tables import JobRow
from communia.planning import service
from communia.planning.forecast import ForecastOptions
from communia.planning.ingest import ImportOptions
from communia.planning.jobs import FORECAST, SCHEDULE, submit_forecast, submit_plan
from communia.store.tables import DraftRow
from tests.planning_support import TEAM_YAML, synthetic_csv
from tests.support import run_after_restart


@pytest.fixture
def runner(store_runtime: Runtime) -> Iterator[InProcessRunner]:
    built = InProcessRunner(store_runtime, workers=1, lease=5.0)
    yield built
    built.shutdown(wait=False)


def imported(runtime: Runtime, weeks: int = 3) -> str:
    return service.import_log(runtime, "log.csv", io.BytesIO(synthetic_csv(weeks)),
                              ImportOptions("horodatage", "lieu"), "lead")


def forecasted(runtime: Runtime) -> str:
    run_id = imported(runtime)
    service.forecast_run(runtime, run_id, ForecastOptions(1), "lead")
    return run_id


def plans(runtime: Runtime) -> int:
    with runtime.db.session() as session:
        return int(session.scalar(select(func.count()).select_from(DraftRow)
                                  .where(DraftRow.use_case == "planning")) or 0)


def forecast_payload(run_id: str, weeks: int = 1) -> dict[str, object]:
    return {"run_id": run_id, "horizon_weeks": weeks, "holidays": "FR", "school_zone": ""}


def plan_payload(runtime: Runtime, run_id: str) -> dict[str, object]:
    return {"run_id": run_id, **service.prepare_plan(runtime, run_id, TEAM_YAML),
            "seconds": 2, "analyse": False}


def claimed(runtime: Runtime, kind: str, payload: dict[str, object], worker: str,
            lease: float) -> JobContext:
    """A job as a worker holds it after claiming it (the context its function gets)."""
    job_id, _ = jobs.submit(runtime, kind, payload, actor="lead")
    with runtime.db.session() as session:
        assert records.claim(session, job_id, worker, lease)
        row = records.get(session, job_id)
        return JobContext(runtime, job_id, row.kind, row.key, row.actor, worker, lease)


def lease_runs_out(runtime: Runtime, job_id: str) -> None:
    """The lost worker's lease expires (its length does not depend on the machine's speed)."""
    with runtime.db.session() as session:
        session.execute(update(JobRow).where(JobRow.id == job_id).values(lease_until=0.0))


def test_a_forecast_job_keeps_the_forecast_with_the_run_and_returns_it(
        store_runtime: Runtime, runner: InProcessRunner) -> None:
    run_id = imported(store_runtime)

    job_id = submit_forecast(store_runtime, runner, run_id, 1, "FR", "", "lead")
    final = runner.wait(job_id, timeout=300)

    assert final.state == "succeeded", final
    assert final.result_ref == f"planning-run:{run_id}"
    stored = service.get_run(store_runtime, run_id).forecast
    assert stored is not None and runner.result(job_id) == stored.to_json()
    assert len(stored.rows) == len(stored.zones) * 168  # one week, hour by hour


def test_the_same_forecast_asked_again_is_the_same_job_and_is_shown_again(
        runtime: Runtime) -> None:
    run_id = imported(runtime, weeks=4)
    runner = InProcessRunner(runtime, workers=1)
    try:
        one_week = submit_forecast(runtime, runner, run_id, 1, "FR", "", "lead")
        assert runner.wait(one_week, timeout=300).state == "succeeded"
        two_weeks = submit_forecast(runtime, runner, run_id, 2, "FR", "", "lead")
        assert runner.wait(two_weeks, timeout=300).state == "succeeded"

        again = submit_forecast(runtime, runner, run_id, 1, "FR", "", "lead")
    finally:
        runner.shutdown()

    assert again == one_week != two_weeks
    assert jobs.status(runtime, again).attempts == 1
    shown = service.get_run(runtime, run_id).forecast
    assert shown is not None and shown.to_json() == jobs.result(runtime, one_week)


def test_a_forecast_taken_over_after_a_lost_worker_is_stored_once(runtime: Runtime) -> None:
    run_id = imported(runtime)
    ctx = claimed(runtime, FORECAST, forecast_payload(run_id), "worker-a", 60)
    first = get_job(FORECAST).function(ctx, forecast_payload(run_id))
    lost = jobs.status(runtime, ctx.job_id)  # worker-a died before reporting its result
    assert (lost.state, lost.message) == ("running", "Saving the forecast")
    lease_runs_out(runtime, ctx.job_id)

    assert jobs.execute(runtime, ctx.job_id, "worker-b", lease=5) == jobs.DONE

    assert jobs.result(runtime, ctx.job_id) == first
    assert service.get_run(runtime, run_id).forecast.to_json() == first  # type: ignore[union-attr]
    assert jobs.status(runtime, ctx.job_id).attempts == 2


def test_a_plan_job_proposes_one_draft_and_the_same_team_gives_the_same_plan(
        store_runtime: Runtime, runner: InProcessRunner) -> None:
    run_id = forecasted(store_runtime)

    job_id = submit_plan(store_runtime, runner, run_id, TEAM_YAML, "lead", seconds=2,
                         analyse=False)
    final = runner.wait(job_id, timeout=300)

    assert final.state == "succeeded", final
    outcome = runner.result(job_id)
    draft_id = outcome["draft_id"]
    assert final.result_ref == f"plan:{draft_id}"
    assert outcome["status"] in ("optimal", "feasible") and outcome["assignments"] > 0
    view = service.load_plan(store_runtime, draft_id)
    assert (view.status, view.run_id) == ("draft", run_id)
    assert service.get_run(store_runtime, run_id).draft_id == draft_id

    again = submit_plan(store_runtime, runner, run_id, TEAM_YAML, "lead", seconds=2,
                        analyse=False)

    assert again == job_id and runner.result(again)["draft_id"] == draft_id
    assert plans(store_runtime) == 1


def test_a_plan_taken_over_after_a_lost_worker_keeps_one_draft(runtime: Runtime) -> None:
    run_id = forecasted(runtime)
    payload = plan_payload(runtime, run_id)
    ctx = claimed(runtime, SCHEDULE, payload, "worker-a", 60)
    first = get_job(SCHEDULE).function(ctx, payload)  # stored its draft, then died
    lease_runs_out(runtime, ctx.job_id)

    assert jobs.execute(runtime, ctx.job_id, "worker-b", lease=5) == jobs.DONE

    assert jobs.result(runtime, ctx.job_id)["draft_id"] == first["draft_id"]
    assert plans(runtime) == 1
    assert service.get_run(runtime, run_id).draft_id == first["draft_id"]


def test_a_cancelled_plan_stores_no_draft(runtime: Runtime) -> None:
    run_id = forecasted(runtime)
    payload = plan_payload(runtime, run_id)
    ctx = claimed(runtime, SCHEDULE, payload, "worker-a", 30)
    jobs.cancel(runtime, ctx.job_id, "lead")

    with pytest.raises(JobCancelled):
        get_job(SCHEDULE).function(ctx, payload)

    assert plans(runtime) == 0 and service.get_run(runtime, run_id).draft_id == ""
    assert jobs.status(runtime, ctx.job_id).state == "cancelled"


def test_a_cancelled_forecast_is_not_kept(runtime: Runtime) -> None:
    run_id = imported(runtime)
    ctx = claimed(runtime, FORECAST, forecast_payload(run_id), "worker-a", 30)
    jobs.cancel(runtime, ctx.job_id, "lead")

    with pytest.raises(JobCancelled):
        get_job(FORECAST).function(ctx, forecast_payload(run_id))

    assert service.get_run(runtime, run_id).forecast is None


def test_a_plan_asked_on_a_team_changed_since_fails_and_says_so(runtime: Runtime) -> None:
    run_id = forecasted(runtime)
    payload = plan_payload(runtime, run_id)
    service.prepare_plan(runtime, run_id, TEAM_YAML.replace("count: 6", "count: 5"))
    runner = InProcessRunner(runtime, workers=1)
    try:
        job_id = runner.submit(SCHEDULE, payload, actor="lead")
        final = runner.wait(job_id, timeout=60)
    finally:
        runner.shutdown()

    assert final.state == "failed" and "propose the plan again" in final.message
    assert plans(runtime) == 0


def test_a_forecast_interrupted_by_a_restart_is_taken_over(runtime: Runtime) -> None:
    run_id = imported(runtime)
    job_id, _ = jobs.submit(runtime, FORECAST, forecast_payload(run_id), actor="lead")
    assert run_after_restart(runtime, job_id) == "succeeded"
    assert service.get_run(runtime, run_id).forecast is not None


def test_a_plan_job_searches_for_the_configured_time(
        make_runtime: Callable[..., Runtime]) -> None:
    runtime = make_runtime(planning_schedule_seconds=2)
    run_id = forecasted(runtime)
    runner = InProcessRunner(runtime, workers=1, lease=5.0)
    try:
        job_id = submit_plan(runtime, runner, run_id, TEAM_YAML, "lead", analyse=False)
        final = runner.wait(job_id, timeout=300)
    finally:
        runner.shutdown(wait=False)

    assert final.state == "succeeded", final
    with runtime.db.session() as session:
        payload = json.loads(runtime.vault.decrypt(records.get(session, job_id).payload))
    assert payload["seconds"] == 2
    plan = service.load_plan(runtime, runner.result(job_id)["draft_id"]).plan
    assert plan.feasible and plan.solve_seconds < 10  # not the default 15 s


def test_a_short_configured_diagnosis_still_names_the_rule_of_a_small_team(
        make_runtime: Callable[..., Runtime]) -> None:
    runtime = make_runtime(planning_schedule_seconds=1, planning_feasibility_seconds=0.5)
    run_id = forecasted(runtime)
    result = service.get_run(runtime, run_id).forecast
    assert result is not None
    lone = ('mediators: [{id: Solo}]\n'
            'shifts: [{name: soir, start: "17:00", end: "24:00", evening: true}]\n')

    view = service.propose_plan(runtime, result, lone, "lead", run_id, analyse=False)

    assert view.plan.status == "infeasible" and view.plan.infeasible_rule == "evening_pairs"
