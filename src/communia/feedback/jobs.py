"""The feedback synthesis as a job: a web upload is analysed by a worker, with progress.

The payload names the run only (its file is kept with the run, encrypted). A job
taken over after a lost worker runs again from the start; the themes are stored once
per run, so a second run never duplicates them. See docs/jobs.md.
"""

from __future__ import annotations

from typing import Any

from communia.bootstrap import Runtime
from communia.errors import InvalidInput, Unavailable
from communia.feedback import service
from communia.feedback.ingest import ColumnChoice
from communia.feedback.tables import FeedbackRun
from communia.jobs import JobCancelled, JobContext, JobInput, JobRunner, register_job
from communia.jobs.model import JobSuperseded

SYNTHESIS = "feedback-synthesis"


def synthesise_run(ctx: JobContext, payload: dict[str, Any]) -> dict[str, object]:
    """Analyse the run's kept file and store its themes; progress follows the stages."""
    run_id = payload.get("run_id")
    if not isinstance(run_id, str) or not run_id:
        raise InvalidInput("The job payload needs 'run_id': the synthesis to analyse.")

    def progress(stage: str, fraction: float) -> None:
        ctx.progress(service.percent(stage, fraction), 100, stage)

    ctx.set_result_ref(f"feedback-run:{run_id}")
    try:
        with ctx.keep_alive():  # embeddings and clustering can outlast the lease
            outcome = service.analyse_stored(ctx.runtime, run_id, ctx.actor, progress)
    except (JobSuperseded, Unavailable):
        raise  # another worker carries on, or the job is retried later: leave the run running
    except JobCancelled:
        service.stop_run(ctx.runtime, run_id, "cancelled", _cancel_message(ctx))
        raise
    except Exception as exc:
        service.fail_run(ctx.runtime, run_id, exc)
        raise
    return outcome


def start_synthesis(runtime: Runtime, runner: JobRunner, name: str, data: bytes,
                    choice: ColumnChoice, n_themes: int | None, actor: str) -> str:
    """Keep the upload with a new run and submit its analysis; the run's id."""
    run_id = service.prepare_run(runtime, name, data, choice, n_themes, actor)
    job_id = runner.submit(SYNTHESIS, {"run_id": run_id}, actor=actor)
    service.attach_job(runtime, run_id, job_id)
    return run_id


def _cancel_message(ctx: JobContext) -> str:
    """The job's own message ("Cancelled by …"), for the run page."""
    from communia.jobs import service as jobs

    return jobs.status(ctx.runtime, ctx.job_id).message or "Cancelled."


def describe(runtime: Runtime, payload: dict[str, Any]) -> JobInput | None:
    """The uploaded file's name, so that the jobs page tells syntheses apart."""
    run_id = payload.get("run_id")
    if not isinstance(run_id, str):
        return None
    with runtime.db.session() as session:
        run = session.get(FeedbackRun, run_id)
        return None if run is None else JobInput("{file}", {"file": run.title})


register_job(SYNTHESIS, synthesise_run, use_case=service.USE_CASE,
             title="Feedback synthesis", result_url="/feedback/runs/{ref}", describe=describe)
