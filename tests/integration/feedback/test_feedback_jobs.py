"""The feedback synthesis as a job, on the real store, encoder and in-process executor."""

from __future__ import annotations

import io
import time
from collections.abc import Iterator

import pytest
from sqlalchemy import func, select

from communia.bootstrap import Runtime
from communia.feedback import service
from communia.feedback.ingest import ColumnChoice
from communia.feedback.jobs import SYNTHESIS, start_synthesis
from communia.feedback.tables import (
    FeedbackAssignment,
    FeedbackInput,
    FeedbackReport,
    FeedbackTheme,
)
from communia.jobs import InProcessRunner, JobCancelled, JobContext, get_job, records
from communia.jobs import service as jobs
from tests.integration.feedback.test_feedback_service import sample_csv
from tests.support import run_after_restart

CHOICE = ColumnChoice("comment", "when", "where")


@pytest.fixture
def runner(store_runtime: Runtime) -> Iterator[InProcessRunner]:
    built = InProcessRunner(store_runtime, workers=1, lease=5.0)
    yield built
    built.shutdown(wait=False)


def stored_rows(runtime: Runtime, run_id: str) -> dict[str, int]:
    """How many themes, reports and assignments the run holds, and whether its file is kept."""
    with runtime.db.session() as session:
        def count(table: type) -> int:
            return int(session.scalar(select(func.count()).select_from(table)
                                      .where(table.run_id == run_id)) or 0)  # type: ignore[attr-defined]
        return {"themes": count(FeedbackTheme), "reports": count(FeedbackReport),
                "assignments": count(FeedbackAssignment), "kept_files": count(FeedbackInput)}


def run_status(runtime: Runtime, run_id: str) -> tuple[str, str]:
    with runtime.db.session() as session:
        run = service.get_run(session, run_id)
        return run.status, run.message


def context(runtime: Runtime, job_id: str, worker: str, lease: float) -> JobContext:
    with runtime.db.session() as session:
        row = records.get(session, job_id)
        return JobContext(runtime, job_id, row.kind, row.key, row.actor, worker, lease)


def test_a_web_synthesis_runs_as_a_job_and_stores_its_themes_once(
        store_runtime: Runtime, runner: InProcessRunner) -> None:
    run_id = start_synthesis(store_runtime, runner, "sample.csv", sample_csv(), CHOICE, 3, "lead")
    with store_runtime.db.session() as session:
        job_id = service.job_of(service.get_run(session, run_id))

    final = runner.wait(job_id, timeout=300)

    assert final.state == "succeeded", final
    assert (final.done, final.total) == (100, 100)  # progress was reported in percent
    assert final.result_ref == f"feedback-run:{run_id}"
    outcome = runner.result(job_id)
    assert outcome["run_id"] == run_id and outcome["status"] == "ready"
    assert outcome["reports"] == 60 and 2 <= outcome["themes"] <= 3
    rows = stored_rows(store_runtime, run_id)
    assert rows["reports"] == 60 and rows["themes"] == outcome["themes"]
    assert rows["kept_files"] == 0  # the upload is not kept once the synthesis is stored

    again = runner.submit(SYNTHESIS, {"run_id": run_id}, actor="lead")

    assert again == job_id
    assert runner.wait(again, timeout=5).attempts == 1
    assert runner.result(again) == outcome
    assert stored_rows(store_runtime, run_id) == rows


def test_a_worker_lost_after_storing_leaves_one_synthesis_when_the_job_is_taken_over(
        runtime: Runtime) -> None:
    run_id = service.prepare_run(runtime, "sample.csv", sample_csv(), CHOICE, 3, "lead")
    job_id, _ = jobs.submit(runtime, SYNTHESIS, {"run_id": run_id}, actor="lead")
    with runtime.db.session() as session:
        assert records.claim(session, job_id, "worker-a", lease=0.5)
    get_job(SYNTHESIS).function(context(runtime, job_id, "worker-a", 0.5), {"run_id": run_id})
    first = stored_rows(runtime, run_id)  # worker-a stored the themes, then died unreported
    time.sleep(0.6)

    assert jobs.execute(runtime, job_id, "worker-b", lease=5) == jobs.DONE

    assert stored_rows(runtime, run_id) == first
    assert first["reports"] == 60 and first["themes"] >= 2
    assert jobs.status(runtime, job_id).attempts == 2
    assert run_status(runtime, run_id)[0] == "ready"


def test_a_run_interrupted_by_a_restart_is_taken_over_and_finishes(runtime: Runtime) -> None:
    run_id = service.prepare_run(runtime, "sample.csv", sample_csv(), CHOICE, 3, "lead")
    job_id, _ = jobs.submit(runtime, SYNTHESIS, {"run_id": run_id}, actor="lead")
    assert run_after_restart(runtime, job_id) == "succeeded"

    assert run_status(runtime, run_id)[0] == "ready"
    assert stored_rows(runtime, run_id)["reports"] == 60


def test_a_cancelled_synthesis_stores_nothing_and_keeps_no_upload(runtime: Runtime) -> None:
    run_id = service.prepare_run(runtime, "sample.csv", sample_csv(), CHOICE, 3, "lead")
    job_id, _ = jobs.submit(runtime, SYNTHESIS, {"run_id": run_id}, actor="lead")
    with runtime.db.session() as session:
        assert records.claim(session, job_id, "worker-a", lease=30)
    jobs.cancel(runtime, job_id, "lead")

    with pytest.raises(JobCancelled):
        get_job(SYNTHESIS).function(context(runtime, job_id, "worker-a", 30), {"run_id": run_id})

    assert run_status(runtime, run_id) == ("cancelled", "Cancelled by lead.")
    assert stored_rows(runtime, run_id) == {"themes": 0, "reports": 0, "assignments": 0,
                                            "kept_files": 0}
    runner = InProcessRunner(runtime, workers=1)
    try:
        assert runner.submit(SYNTHESIS, {"run_id": run_id}, actor="lead") == job_id
        final = runner.wait(job_id, timeout=60)
    finally:
        runner.shutdown()
    assert final.state == "failed" and "upload it again" in final.message


def test_a_run_cancelled_while_its_worker_still_analyses_stores_nothing(
        runtime: Runtime) -> None:
    run_id = service.prepare_run(runtime, "sample.csv", sample_csv(), CHOICE, 3, "lead")
    service.stop_run(runtime, run_id, "cancelled", "Cancelled by lead.")

    service.analyse(runtime, run_id, "sample.csv", io.BytesIO(sample_csv()), CHOICE, 3, "lead")

    assert run_status(runtime, run_id) == ("cancelled", "Cancelled by lead.")
    assert stored_rows(runtime, run_id) == {"themes": 0, "reports": 0, "assignments": 0,
                                            "kept_files": 0}


def test_a_bad_column_fails_the_job_and_the_run_with_the_same_message(runtime: Runtime) -> None:
    run_id = service.prepare_run(runtime, "sample.csv", sample_csv(),
                                 ColumnChoice("no such column"), None, "lead")
    runner = InProcessRunner(runtime, workers=1)
    try:
        job_id = runner.submit(SYNTHESIS, {"run_id": run_id}, actor="lead")
        final = runner.wait(job_id, timeout=120)
    finally:
        runner.shutdown()

    assert final.state == "failed" and "no such column" in final.message
    status, message = run_status(runtime, run_id)
    assert status == "failed" and message == final.message
