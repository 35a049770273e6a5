"""Job use cases shared by every executor: submit, execute, status, cancel, result.

The executors only decide *where* ``execute`` runs (a thread, a Celery worker); what a
run does, and the guarantee that one result is stored per job, lives here.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from communia.bootstrap import Runtime
from communia.errors import CommuniaError, Unavailable
from communia.governance import journal
from communia.governance.events import ActionRecorded
from communia.jobs import records, registry
from communia.jobs.context import JobContext
from communia.jobs.model import (
    FINAL_STATES,
    LEASE_SECONDS,
    MAX_ATTEMPTS,
    SUCCEEDED,
    JobAlreadyFinished,
    JobCancelled,
    JobInput,
    JobNotFinished,
    JobNotRetryable,
    JobStatus,
    JobSuperseded,
    UnknownJobKind,
    content_key,
    normalise_key,
)
from communia.jobs.tables import JobRow

log = logging.getLogger("communia.jobs")

# What ``execute`` reports to its executor.
DONE, FAILED_RUN, RETRY, BUSY, SKIPPED, MISSING, STOPPED = (
    "succeeded", "failed", "retry", "busy", "skipped", "missing", "stopped")


def submit(runtime: Runtime, kind: str, payload: dict[str, Any], key: str | None = None,
           actor: str = "system") -> tuple[str, bool]:
    """Store a queued job, or find the one with this kind and key.

    Returns the job id and whether it must be dispatched to an executor (new, or a
    failed/cancelled job queued again). A queued, running or succeeded job with the same
    key is returned as it is: its stored result is the result.
    """
    job_kind = registry.get_job(kind)
    key = normalise_key(key) if key else content_key(kind, payload)
    blob = runtime.vault.encrypt(json.dumps(payload, ensure_ascii=False, sort_keys=True))
    with runtime.db.session() as session:
        existing = records.find(session, kind, key)
        if existing is None:
            job_id = records.new_job_id()
            created = records.insert(session, {"id": job_id, "kind": kind, "key": key,
                                               "use_case": job_kind.use_case, "actor": actor,
                                               "payload": blob})
            if not created:  # a concurrent submitter won the race: use its job
                existing = records.find(session, kind, key)
                assert existing is not None
                return existing.id, False
            _journal(session, actor, job_kind.use_case, "job.submitted", job_id, kind, key)
            return job_id, True
        requeued = records.reset(session, existing.id, blob, actor)
        if requeued:
            _journal(session, actor, job_kind.use_case, "job.resubmitted", existing.id, kind, key)
        return existing.id, requeued


def execute(runtime: Runtime, job_id: str, worker: str, lease: float = LEASE_SECONDS) -> str:
    """Run the job once if it is free to run; store its result if this run still holds it.

    Returns one of: succeeded, failed, retry (an unavailable component; queued again),
    busy (another live worker runs it), skipped (already finished), missing, stopped
    (cancelled or taken over during the run).
    """
    with runtime.db.session() as session:
        if not records.claim(session, job_id, worker, lease):
            row = session.get(JobRow, job_id)
            if row is None:
                return MISSING
            return SKIPPED if row.state in FINAL_STATES else BUSY
        row = records.get(session, job_id)
        kind, key, actor, blob, attempts = row.kind, row.key, row.actor, row.payload, row.attempts
    ctx = JobContext(runtime, job_id, kind, key, actor, worker, lease)
    try:
        job_kind = registry.get_job(kind)
        payload = json.loads(runtime.vault.decrypt(blob))
        value = job_kind.function(ctx, payload)
    except (JobCancelled, JobSuperseded):
        return STOPPED
    except DBAPIError:
        raise  # the store itself is unreachable: the executor retries the whole run
    except Unavailable as exc:
        if attempts < MAX_ATTEMPTS:
            return _release(runtime, ctx, f"Waiting to retry (attempt {attempts}): {exc}")
        return _fail(runtime, ctx, str(exc))
    except CommuniaError as exc:
        return _fail(runtime, ctx, str(exc))
    except Exception as exc:  # a bug in a job function: fail this job, keep the worker
        log.exception("job %s (%s) failed", job_id, kind)
        return _fail(runtime, ctx, f"Internal error ({type(exc).__name__}); the worker log has "
                                   "the details. Submit the job again once it is fixed.")
    return _complete(runtime, ctx, job_kind.use_case, value)


def status(runtime: Runtime, job_id: str) -> JobStatus:
    with runtime.db.session() as session:
        return records.to_status(records.get(session, job_id))


def cancel(runtime: Runtime, job_id: str, actor: str) -> JobStatus:
    """Cancel a queued or running job; raises ``JobAlreadyFinished`` for a finished one."""
    return _change(runtime, job_id, actor, "job.cancelled",
                   lambda session, row: records.cancel(session, job_id, f"Cancelled by {actor}."),
                   lambda state: JobAlreadyFinished(
                       f"Job {job_id} is already {state}; only queued or running jobs can be "
                       "cancelled."))


def retry(runtime: Runtime, job_id: str, actor: str) -> JobStatus:
    """Queue a failed or cancelled job again, same id and payload; the caller dispatches it.

    Raises ``JobNotRetryable`` for a job that is queued, running or succeeded.
    """
    return _change(runtime, job_id, actor, "job.retried",
                   lambda session, row: records.reset(session, job_id, row.payload, actor),
                   lambda state: JobNotRetryable(
                       f"Job {job_id} is {state}; only a failed or cancelled job can be run "
                       "again."))


def _change(runtime: Runtime, job_id: str, actor: str, action: str,
            change: Callable[[Session, JobRow], bool],
            refused: Callable[[str], Exception]) -> JobStatus:
    """Apply a person's state change to a job and journal it, or raise ``refused(state)``."""
    with runtime.db.session() as session:
        row = records.get(session, job_id)
        if not change(session, row):
            # The update matched no row: another worker moved the job on. Say its stored
            # state, not the one the update wrote into the loaded object.
            session.refresh(row)
            raise refused(row.state)
        _journal(session, actor, row.use_case, action, job_id, row.kind, row.key)
        session.refresh(row)
        return records.to_status(row)


def result(runtime: Runtime, job_id: str) -> Any:
    """The stored result of a succeeded job; ``JobNotFinished`` otherwise."""
    with runtime.db.session() as session:
        row = records.get(session, job_id)
        state, message, blob = row.state, row.message, row.result
    if state != SUCCEEDED or blob is None:
        detail = f": {message}" if message else ""
        raise JobNotFinished(f"Job {job_id} is {state}{detail}; its result is available once "
                             "it has succeeded.")
    return json.loads(runtime.vault.decrypt(blob))


def list_jobs(runtime: Runtime, limit: int = 50, state: str = "", actor: str = "",
              kind: str = "") -> list[JobStatus]:
    with runtime.db.session() as session:
        return records.listing(session, limit, state, actor, kind)


def inputs(runtime: Runtime, job_ids: list[str]) -> dict[str, JobInput]:
    """What each job works on (a file's name), for the jobs whose kind can say it.

    Each kind's ``describe`` reads the job's payload (decrypted here, never shown); a job
    whose kind says nothing, or whose input is gone, has no entry.
    """
    if not job_ids:
        return {}
    with runtime.db.session() as session:
        rows = session.execute(select(JobRow.id, JobRow.kind, JobRow.payload)
                               .where(JobRow.id.in_(job_ids))).all()
    found: dict[str, JobInput] = {}
    for job_id, kind, blob in rows:
        try:
            describe = registry.get_job(kind).describe
            if describe is None:
                continue
            described = describe(runtime, json.loads(runtime.vault.decrypt(blob)))
        except UnknownJobKind:
            continue
        except CommuniaError as exc:  # the input was deleted since: nothing to show
            log.info("job %s: no description (%s)", job_id, type(exc).__name__)
            continue
        if described is not None:
            found[str(job_id)] = described
    return found


def queue_depth(runtime: Runtime) -> dict[str, int]:
    """Number of jobs in each state."""
    with runtime.db.session() as session:
        return records.counts_by_state(session)


def abandon(runtime: Runtime, job_id: str, message: str) -> None:
    """Mark a queued job failed with ``message`` (it could not be queued)."""
    with runtime.db.session() as session:
        records.abandon(session, job_id, message)


def pending(runtime: Runtime, stale_after: float = 0.0) -> list[str]:
    """Jobs an executor should (re)dispatch: queued ones and running ones whose lease expired."""
    with runtime.db.session() as session:
        return records.pending_ids(session, stale_after)


def orphaned(runtime: Runtime) -> list[str]:
    """Running jobs whose lease expired: their worker is gone or stalled."""
    with runtime.db.session() as session:
        return records.orphaned_ids(session)


def _complete(runtime: Runtime, ctx: JobContext, use_case: str, value: Any) -> str:
    try:
        body = json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):
        return _fail(runtime, ctx, f"The '{ctx.kind}' job returned a result that is not JSON.")
    blob = runtime.vault.encrypt(body)
    with runtime.db.session() as session:
        stored = records.complete(session, ctx.job_id, ctx.worker, blob,
                                  ctx.result_ref or f"job:{ctx.job_id}")
        if stored:
            _journal(session, ctx.actor, use_case, "job.succeeded", ctx.job_id, ctx.kind, ctx.key)
    return DONE if stored else STOPPED


def _fail(runtime: Runtime, ctx: JobContext, message: str) -> str:
    with runtime.db.session() as session:
        row = records.get(session, ctx.job_id)
        if records.finish_failed(session, ctx.job_id, ctx.worker, message):
            _journal(session, ctx.actor, row.use_case, "job.failed", ctx.job_id, ctx.kind,
                     ctx.key)
            return FAILED_RUN
    return STOPPED


def _release(runtime: Runtime, ctx: JobContext, message: str) -> str:
    with runtime.db.session() as session:
        released = records.release(session, ctx.job_id, ctx.worker, message)
    return RETRY if released else STOPPED


def _journal(session: Any, actor: str, use_case: str, action: str, job_id: str, kind: str,
             key: str) -> None:
    journal.record(session, ActionRecorded(
        actor=actor, use_case=use_case, action=action,
        detail={"job_id": job_id, "kind": kind, "key_sha256": key}))


__all__ = ["cancel", "execute", "inputs", "list_jobs", "pending", "queue_depth", "result",
           "status", "submit"]
