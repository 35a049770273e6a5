"""Reads and conditional writes of ``jobs`` rows inside a caller's unit of work.

Every state change is one ``UPDATE … WHERE`` on the expected state and lease, so two
workers holding the same task (a redelivery after a worker was lost) can never both
store a result: the second one's update matches no row.
"""

from __future__ import annotations

import time
import uuid
from typing import Any

from sqlalchemy import func, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from communia.jobs.model import (
    CANCELLED,
    FAILED,
    FINAL_STATES,
    QUEUED,
    RUNNING,
    SUCCEEDED,
    JobNotFound,
    JobStatus,
    clip_message,
    progress_of,
)
from communia.jobs.tables import JobRow
from communia.store.base import utcnow


def new_job_id() -> str:
    return uuid.uuid4().hex


def find(session: Session, kind: str, key: str) -> JobRow | None:
    return session.scalars(select(JobRow).where(JobRow.kind == kind, JobRow.key == key)).first()


def get(session: Session, job_id: str) -> JobRow:
    row = session.get(JobRow, job_id)
    if row is None:
        raise JobNotFound(f"No job '{job_id}'. List jobs with 'communia jobs list'.")
    return row


def insert(session: Session, values: dict[str, Any]) -> bool:
    """Insert a queued job; False when another submitter inserted the same kind and key first."""
    row = JobRow(state=QUEUED, done=0, total=0, message="", result=None, result_ref="",
                 attempts=0, lease_owner="", lease_until=0.0, created_at=utcnow(),
                 updated_at=utcnow(), **values)
    try:
        with session.begin_nested():
            session.add(row)
            session.flush()
    except IntegrityError:
        return False
    return True


def reset(session: Session, job_id: str, payload: bytes, actor: str) -> bool:
    """Queue a failed or cancelled job again (same id) with a fresh budget of attempts;
    False if it is not in such a state."""
    result = session.execute(
        update(JobRow).where(JobRow.id == job_id, JobRow.state.in_((FAILED, CANCELLED)))
        .values(state=QUEUED, done=0, total=0, message="", payload=payload, actor=actor,
                attempts=0,
                lease_owner="", lease_until=0.0, updated_at=utcnow(), finished_at=None))
    return _count(result) == 1


def claim(session: Session, job_id: str, worker: str, lease: float) -> bool:
    """Take a queued job, or a running one whose lease expired, for ``worker``."""
    now = time.time()
    result = session.execute(
        update(JobRow)
        .where(JobRow.id == job_id,
               or_(JobRow.state == QUEUED,
                   (JobRow.state == RUNNING) & (JobRow.lease_until < now)))
        .values(state=RUNNING, lease_owner=worker, lease_until=now + lease,
                attempts=JobRow.attempts + 1, message="", updated_at=utcnow()))
    return _count(result) == 1


def report(session: Session, job_id: str, worker: str, done: int, total: int, message: str,
           lease: float) -> bool:
    """Write progress and renew the lease; False if the job was cancelled or taken over."""
    result = session.execute(
        _held(job_id, worker).values(done=done, total=total, message=clip_message(message),
                                     lease_until=time.time() + lease, updated_at=utcnow()))
    return _count(result) == 1


def complete(session: Session, job_id: str, worker: str, blob: bytes, ref: str) -> bool:
    """Store the result and mark the job succeeded, only if ``worker`` still holds it."""
    result = session.execute(
        _held(job_id, worker).values(state=SUCCEEDED, result=blob, result_ref=ref, message="",
                                     done=JobRow.total, lease_owner="", lease_until=0.0,
                                     updated_at=utcnow(), finished_at=utcnow()))
    return _count(result) == 1


def finish_failed(session: Session, job_id: str, worker: str, message: str) -> bool:
    result = session.execute(
        _held(job_id, worker).values(state=FAILED, message=clip_message(message),
                                     lease_owner="", lease_until=0.0, updated_at=utcnow(),
                                     finished_at=utcnow()))
    return _count(result) == 1


def release(session: Session, job_id: str, worker: str, message: str) -> bool:
    """Put a job back in the queue (to retry later) if ``worker`` still holds it."""
    result = session.execute(
        _held(job_id, worker).values(state=QUEUED, message=clip_message(message),
                                     lease_owner="", lease_until=0.0, updated_at=utcnow()))
    return _count(result) == 1


def abandon(session: Session, job_id: str, message: str) -> bool:
    """Mark a queued job failed because it could not be handed to an executor."""
    result = session.execute(
        update(JobRow).where(JobRow.id == job_id, JobRow.state == QUEUED)
        .values(state=FAILED, message=clip_message(message), updated_at=utcnow(),
                finished_at=utcnow()))
    return _count(result) == 1


def cancel(session: Session, job_id: str, message: str) -> bool:
    result = session.execute(
        update(JobRow).where(JobRow.id == job_id, JobRow.state.in_((QUEUED, RUNNING)))
        .values(state=CANCELLED, message=clip_message(message), lease_owner="",
                lease_until=0.0, updated_at=utcnow(), finished_at=utcnow()))
    return _count(result) == 1


def to_status(row: JobRow) -> JobStatus:
    return JobStatus(
        state=row.state, progress=progress_of(row.done, row.total, row.state),
        message=row.message, result_ref=row.result_ref, job_id=row.id, kind=row.kind,
        done=row.done, total=row.total, attempts=row.attempts, actor=row.actor,
        created_at=row.created_at.isoformat(timespec="seconds") if row.created_at else "")


def listing(session: Session, limit: int = 50, state: str = "", actor: str = "",
            kind: str = "") -> list[JobStatus]:
    """The most recent jobs, newest first, optionally filtered."""
    query = select(JobRow).order_by(JobRow.created_at.desc(), JobRow.id).limit(limit)
    if state:
        query = query.where(JobRow.state == state)
    if actor:
        query = query.where(JobRow.actor == actor)
    if kind:
        query = query.where(JobRow.kind == kind)
    return [to_status(row) for row in session.scalars(query)]


def counts_by_state(session: Session) -> dict[str, int]:
    rows = session.execute(select(JobRow.state, func.count()).group_by(JobRow.state)).all()
    return {str(state): int(count) for state, count in rows}


def pending_ids(session: Session, stale_after: float = 0.0) -> list[str]:
    """Queued jobs not touched for ``stale_after`` seconds and running ones whose lease expired."""
    now = time.time()
    rows = session.scalars(select(JobRow).where(JobRow.state.in_((QUEUED, RUNNING)))).all()
    picked = []
    for row in rows:
        if row.state == RUNNING and row.lease_until >= now:
            continue
        if row.state == QUEUED and stale_after > 0 and _age(row) < stale_after:
            continue
        picked.append(row.id)
    return picked


def orphaned_ids(session: Session) -> list[str]:
    """Running jobs whose lease expired."""
    return list(session.scalars(select(JobRow.id).where(JobRow.state == RUNNING,
                                                        JobRow.lease_until < time.time())))


def is_final(state: str) -> bool:
    return state in FINAL_STATES


def _age(row: JobRow) -> float:
    updated = row.updated_at
    if updated.tzinfo is None:
        return time.time() - updated.replace(tzinfo=utcnow().tzinfo).timestamp()
    return time.time() - updated.timestamp()


def _held(job_id: str, worker: str) -> Any:
    return update(JobRow).where(JobRow.id == job_id, JobRow.state == RUNNING,
                                JobRow.lease_owner == worker)


def _count(result: Any) -> int:
    return int(result.rowcount or 0)
