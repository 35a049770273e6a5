"""The two executors behind ``JobRunner``: threads in this process, or Celery workers on Redis.

Both store jobs in the ``jobs`` table through ``jobs.service``; they differ only in
where ``service.execute`` runs. ``runner_for(runtime)`` picks one from the settings.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
import weakref
from abc import ABC, abstractmethod
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from sqlalchemy.exc import DBAPIError

from communia.bootstrap import Runtime
from communia.errors import Unavailable
from communia.jobs import service
from communia.jobs.model import DEFAULT_QUEUE, LEASE_SECONDS, JobRunner, JobStatus, backoff_seconds

log = logging.getLogger("communia.jobs")
TASK_NAME = "communia.jobs.execute"


class QueueUnavailable(Unavailable):
    """The job queue (Redis) cannot be reached; the job was not queued."""


class _StoredJobs(ABC):
    """Status, cancellation, retry and results: the same for every executor (read from the
    store); each executor says how a queued job is sent to it (``_send``)."""

    runtime: Runtime

    def status(self, job_id: str) -> JobStatus:
        return service.status(self.runtime, job_id)

    def cancel(self, job_id: str, actor: str = "system") -> JobStatus:
        return service.cancel(self.runtime, job_id, actor)

    def result(self, job_id: str) -> Any:
        return service.result(self.runtime, job_id)

    def retry(self, job_id: str, actor: str = "system") -> JobStatus:
        """Run a failed or cancelled job again (same id, same payload)."""
        current = service.retry(self.runtime, job_id, actor)
        self._send(job_id)
        return current

    @abstractmethod
    def _send(self, job_id: str) -> None:
        """Hand a queued job to this executor."""


class InProcessRunner(_StoredJobs):
    """Runs jobs on a small pool of threads of this process (the embedded default).

    Jobs left queued or running by a stopped process are picked up again by ``resume``.
    """

    def __init__(self, runtime: Runtime, workers: int = 2, lease: float = LEASE_SECONDS) -> None:
        self.runtime = runtime
        self.lease = lease
        self.worker = f"inprocess@{socket.gethostname()}:{os.getpid()}:{id(self):x}"
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="communia-job")
        self._closed = False
        self._held: set[str] = set()  # dispatched here and not finished: never dispatched twice
        self._held_lock = threading.Lock()

    def submit(self, kind: str, payload: dict[str, Any], key: str | None = None, *,
               actor: str = "system") -> str:
        job_id, dispatch = service.submit(self.runtime, kind, payload, key, actor)
        if dispatch:
            self._dispatch(job_id)
        return job_id

    def resume(self) -> list[str]:
        """Dispatch jobs a previous process left queued or running (expired lease).

        Safe to call again at any time: a job this runner already runs is not dispatched twice.
        """
        job_ids = service.pending(self.runtime)
        for job_id in job_ids:
            self._dispatch(job_id)
        return job_ids

    def wait(self, job_id: str, timeout: float = 60.0, poll: float = 0.05) -> JobStatus:
        """Block until the job is finished or ``timeout`` passes; return its status."""
        deadline = time.monotonic() + timeout
        while True:
            current = self.status(job_id)
            if current.finished or time.monotonic() > deadline:
                return current
            time.sleep(poll)

    def shutdown(self, wait: bool = True) -> None:
        self._closed = True
        self._pool.shutdown(wait=wait, cancel_futures=not wait)

    def _send(self, job_id: str) -> None:
        self._dispatch(job_id)

    def _dispatch(self, job_id: str) -> None:
        with self._held_lock:
            if self._closed or job_id in self._held:
                return
            self._held.add(job_id)
        self._pool.submit(self._run, job_id)

    def _run(self, job_id: str) -> None:
        try:
            self._attempts(job_id)
        finally:
            with self._held_lock:
                self._held.discard(job_id)

    def _attempts(self, job_id: str) -> None:
        for attempt in range(1, 100):
            try:
                outcome = service.execute(self.runtime, job_id, self.worker, self.lease)
            except DBAPIError:
                outcome = service.RETRY
                log.warning("job %s: the store is unreachable; retrying", job_id)
            except Exception:  # keep the pool alive; the job stays queued for resume()
                log.exception("job %s could not be run", job_id)
                return
            if outcome not in (service.RETRY, service.BUSY) or self._closed:
                return
            time.sleep(backoff_seconds(attempt, base=0.5, cap=self.lease))


class CeleryRunner(_StoredJobs):
    """Sends jobs to Celery workers through Redis; the workers run ``service.execute``."""

    def __init__(self, runtime: Runtime, queue: str = DEFAULT_QUEUE) -> None:
        from communia.jobs.celery_app import make_celery

        self.runtime = runtime
        self.queue = queue
        self.app = make_celery(runtime.settings.redis_url)

    def submit(self, kind: str, payload: dict[str, Any], key: str | None = None, *,
               actor: str = "system") -> str:
        job_id, dispatch = service.submit(self.runtime, kind, payload, key, actor)
        if dispatch:
            self.dispatch(job_id)
        return job_id

    def _send(self, job_id: str) -> None:
        self.dispatch(job_id)

    def dispatch(self, job_id: str) -> None:
        """Put the job on the queue; if Redis is down, mark it failed and say so."""
        try:
            self.app.send_task(TASK_NAME, args=[job_id], queue=self.queue)
        except Exception as exc:  # kombu raises OperationalError and friends
            log.warning("job %s could not be queued: %s", job_id, type(exc).__name__)
            message = ("The job queue (Redis) cannot be reached; the job was not queued. "
                       "Check COMMUNIA_REDIS_URL and that Redis runs, then submit again.")
            service.abandon(self.runtime, job_id, message)
            raise QueueUnavailable(message) from None

    def requeue_stale(self, stale_after: float = 300.0) -> list[str]:
        """Send again jobs queued long ago and never started (e.g. Redis lost its data)."""
        job_ids = service.pending(self.runtime, stale_after)
        for job_id in job_ids:
            self.app.send_task(TASK_NAME, args=[job_id], queue=self.queue)
        return job_ids

    def queue_length(self) -> int:
        """Messages waiting in the Redis queue (not yet taken by a worker)."""
        with self.app.connection_for_write() as connection:
            client = connection.default_channel.client
            return int(client.llen(self.queue))


_RUNNERS: dict[int, tuple[weakref.ref[Runtime], JobRunner]] = {}
_lock = threading.Lock()


def runner_for(runtime: Runtime) -> JobRunner:
    """The job runner the settings ask for (``COMMUNIA_JOBS_BACKEND``), one per runtime."""
    with _lock:
        entry = _RUNNERS.get(id(runtime))
        if entry is not None and entry[0]() is runtime:
            return entry[1]
        runner: JobRunner
        if runtime.settings.jobs_backend == "celery":
            runner = CeleryRunner(runtime)
        else:
            in_process = InProcessRunner(runtime)
            in_process.resume()
            runner = in_process
        _RUNNERS[id(runtime)] = (weakref.ref(runtime), runner)
        return runner
