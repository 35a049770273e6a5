"""A person's change to a job that a worker has just moved on is refused with the job's
stored state, not the state the refused change would have written."""

from __future__ import annotations

import pytest
from sqlalchemy import update
from sqlalchemy.orm import Session

from communia.bootstrap import Runtime
from communia.jobs import JobAlreadyFinished, records, service
from communia.jobs.tables import JobRow


def test_cancelling_a_job_a_worker_just_finished_says_it_succeeded(runtime: Runtime) -> None:
    job_id, _ = service.submit(runtime, "echo", {"items": ["a"]}, actor="agent")

    def worker_finishes_first(session: Session, row: JobRow) -> bool:
        with runtime.db.session() as other:  # the worker's own transaction, committed
            other.execute(update(JobRow).where(JobRow.id == job_id)
                          .values(state="succeeded"))
        return records.cancel(session, job_id, "Cancelled by agent.")

    with pytest.raises(JobAlreadyFinished, match="already succeeded"):
        service._change(runtime, job_id, "agent", "job.cancelled", worker_finishes_first,
                        lambda state: JobAlreadyFinished(f"Job {job_id} is already {state}."))
    assert service.status(runtime, job_id).state == "succeeded"
