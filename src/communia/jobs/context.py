"""What a job's function receives: the runtime, who asked, and a way to report progress."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
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

log = logging.getLogger("communia.jobs")


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
    _last: tuple[int, int, str] = field(default=(0, 0, ""), repr=False)

    def progress(self, done: int, total: int, message: str = "") -> None:
        """Report ``done`` of ``total`` items; raises ``JobCancelled`` if a person cancelled.

        Writes are throttled (the last item is always written). Call it between items,
        never while holding a transaction of your own.
        """
        now = time.monotonic()
        self._last = (done, total, message)
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

    @contextmanager
    def keep_alive(self) -> Iterator[None]:
        """Renew the lease from a helper thread while a step runs too long to report between.

        A model fit or a solver can outlast the lease between two ``progress`` calls; the
        job would then be taken over although its worker is alive. The helper rewrites the
        last progress every quarter lease while this process lives (a killed worker still
        loses its lease); a cancellation is noticed at the next ``progress`` call.
        """
        stop = threading.Event()

        def renew() -> None:
            while not stop.wait(self.lease / 4):
                try:
                    with self.runtime.db.session() as session:
                        if not records.report(session, self.job_id, self.worker, *self._last,
                                              self.lease):
                            return  # cancelled or taken over: ``progress`` will say so
                except Exception:  # the store is briefly unreachable: try again next time
                    log.warning("job %s: could not renew its lease", self.job_id)

        helper = threading.Thread(target=renew, name=f"lease-{self.job_id[:8]}", daemon=True)
        helper.start()
        try:
            yield
        finally:
            stop.set()
            helper.join()

    def set_result_ref(self, ref: str) -> None:
        """Point the status at where the capability stored its result (e.g. a batch id)."""
        self.result_ref = ref

    def _stop(self) -> None:
        with self.runtime.db.session() as session:
            state = records.get(session, self.job_id).state
        if state == CANCELLED:
            raise JobCancelled(self.job_id)
        raise JobSuperseded(self.job_id)
