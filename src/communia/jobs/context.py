"""What a job's function receives: the runtime, who asked, and a way to report progress."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from communia.bootstrap import Runtime
from communia.jobs import records
from communia.jobs.model import (
    CANCELLED,
    LEASE_SECONDS,
    PROGRESS_WRITE_SECONDS,
    JobCancelled,
    JobSuperseded,
)


@dataclass
class JobContext:
    """Handed to a job function; ``progress`` also renews the lease and notices cancellation.

    Args:
        runtime: the bootstrapped runtime (store, vault, gateway) of the executing process.
        job_id, kind, key: the job being run.
        actor: username of the person who submitted it (use it as the gateway ``Task.actor``).
        worker: the executing worker's name (lease owner).
    """

    runtime: Runtime
    job_id: str
    kind: str
    key: str
    actor: str
    worker: str
    lease: float = LEASE_SECONDS
    result_ref: str = ""
    _last_write: float = field(default=0.0, repr=False)

    def progress(self, done: int, total: int, message: str = "") -> None:
        """Report ``done`` of ``total`` items; raises ``JobCancelled`` if a person cancelled.

        Writes are throttled (the last item is always written). Call it between items,
        never while holding a transaction of your own.
        """
        now = time.monotonic()
        if done < total and now - self._last_write < PROGRESS_WRITE_SECONDS:
            return
        self._last_write = now
        with self.runtime.db.session() as session:
            held = records.report(session, self.job_id, self.worker, done, total, message,
                                  self.lease)
        if not held:
            self._stop()

    def check_cancelled(self) -> None:
        """Raise ``JobCancelled`` (or ``JobSuperseded``) if this run should stop now."""
        with self.runtime.db.session() as session:
            row = records.get(session, self.job_id)
            state, owner = row.state, row.lease_owner
        if state == CANCELLED:
            raise JobCancelled(self.job_id)
        if owner != self.worker:
            raise JobSuperseded(self.job_id)

    def set_result_ref(self, ref: str) -> None:
        """Point the status at where the capability stored its result (e.g. a batch id)."""
        self.result_ref = ref

    def _stop(self) -> None:
        with self.runtime.db.session() as session:
            state = records.get(session, self.job_id).state
        if state == CANCELLED:
            raise JobCancelled(self.job_id)
        raise JobSuperseded(self.job_id)
