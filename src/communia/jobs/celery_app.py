"""The Celery application: Redis broker, late acknowledgement, one task that runs a job.

Start workers with ``communia worker``. Messages are acknowledged only after the job
ran (``acks_late``); a worker that dies mid-task leaves its message unacknowledged and
Redis hands it to another worker after the visibility timeout, where the job's lease
(see ``jobs.records``) makes sure one result is stored. Results live in the store,
not in Celery's result backend.
"""

from __future__ import annotations

import logging
import threading
import time
from functools import lru_cache
from typing import Any

from celery import Celery, Task
from sqlalchemy.exc import DBAPIError

from communia.bootstrap import Runtime, bootstrap
from communia.config import load_settings
from communia.jobs import registry, service
from communia.jobs.model import (
    DEFAULT_QUEUE,
    LEASE_SECONDS,
    VISIBILITY_TIMEOUT_SECONDS,
    backoff_seconds,
)

log = logging.getLogger("communia.jobs")
TASK_NAME = "communia.jobs.execute"
STORE_RETRIES = 120  # about 10 minutes of store outage before the task gives up
_state = threading.local()


def make_celery(redis_url: str, visibility_timeout: int = VISIBILITY_TIMEOUT_SECONDS,
                queue: str = DEFAULT_QUEUE) -> Celery:
    """A Celery app on ``redis_url`` with Communia's reliability settings."""
    app = Celery("communia", broker=redis_url, set_as_current=False)
    app.conf.update(
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        task_acks_on_failure_or_timeout=True,
        worker_prefetch_multiplier=1,
        task_ignore_result=True,
        task_default_queue=queue,
        task_serializer="json",
        accept_content=["json"],
        broker_connection_retry_on_startup=True,
        broker_transport_options={
            "visibility_timeout": visibility_timeout,
            # sweep for messages of lost workers often enough for the timeout chosen
            "unacked_restore_interval": max(1, min(10, visibility_timeout // 4)),
            "unacked_restore_throttle": 1,
        },
        worker_hijack_root_logger=False,
        worker_send_task_events=False,
    )
    return app


celery_app = make_celery(load_settings().redis_url)


@lru_cache(maxsize=1)
def worker_runtime() -> Runtime:
    """The runtime of this worker process (the store is migrated by ``communia worker``)."""
    return bootstrap(load_settings(), migrate_store=False)


def worker_lease() -> float:
    return float(celery_app.conf.get("communia_lease_seconds", LEASE_SECONDS))


@celery_app.task(name=TASK_NAME, bind=True, max_retries=None)  # type: ignore[untyped-decorator]
def execute_job(self: Task, job_id: str) -> str:
    """Run one job; retry later while the store is unreachable or another worker holds it."""
    registry.load_job_modules()
    worker = f"{self.request.hostname}:{threading.get_ident():x}"
    try:
        outcome = service.execute(worker_runtime(), job_id, worker, worker_lease())
    except DBAPIError as exc:
        retries = int(self.request.retries or 0)
        if retries >= STORE_RETRIES:
            raise
        log.warning("job %s: the store is unreachable (%s); retrying", job_id,
                    type(exc).__name__)
        raise self.retry(countdown=backoff_seconds(retries + 1, base=1.0, cap=5.0)) from None
    if outcome in (service.BUSY, service.RETRY):
        countdown = worker_lease() / 2 if outcome == service.BUSY else backoff_seconds(
            int(self.request.retries or 0) + 1)
        raise self.retry(countdown=countdown)
    return outcome


class OrphanSweeper(threading.Thread):
    """Send again, now and then, running jobs whose lease expired with no worker left.

    Redis redelivers an unacknowledged message after the visibility timeout, but a job
    can lose its message: when a slow worker's lease expired and another took the job
    over, both deliveries share one tag, and the first worker's acknowledgement also drops
    the second's. A job left "running" with an expired lease is sent again (at most once
    per ``resend_after`` seconds per job); the job's lease makes a duplicate harmless.
    """

    def __init__(self, queue: str, interval: float, resend_after: float) -> None:
        super().__init__(name="communia-orphan-sweeper", daemon=True)
        self.queue, self.interval, self.resend_after = queue, interval, resend_after
        self.stopped = threading.Event()
        self._sent: dict[str, float] = {}

    def run(self) -> None:
        while not self.stopped.wait(self.interval):
            try:
                self.sweep()
            except Exception as exc:  # the store or Redis is down: try again later
                log.warning("orphan sweep skipped: %s", type(exc).__name__)

    def sweep(self) -> list[str]:
        """Send the orphaned jobs once; return their ids."""
        now = time.monotonic()
        current = service.orphaned(worker_runtime())
        self._sent = {job_id: at for job_id, at in self._sent.items() if job_id in current}
        orphans = [job_id for job_id in current
                   if now - self._sent.get(job_id, -1e9) >= self.resend_after]
        for job_id in orphans:
            celery_app.send_task(TASK_NAME, args=[job_id], queue=self.queue)
            self._sent[job_id] = now
            log.info("job %s: lease expired with no worker; sent again", job_id)
        return orphans


def start_worker(queue: str, concurrency: int, pool: str, name: str,
                 visibility_timeout: int, lease: float, loglevel: str = "INFO") -> Any:
    """Run a worker in this process until it is stopped (blocks)."""
    registry.load_job_modules()
    OrphanSweeper(queue, interval=max(1.0, lease), resend_after=max(lease * 2,
                                                                    visibility_timeout)).start()
    celery_app.conf.broker_transport_options.update(
        visibility_timeout=visibility_timeout,
        unacked_restore_interval=max(1, min(10, visibility_timeout // 4)))
    celery_app.conf.communia_lease_seconds = lease
    argv = ["worker", f"--loglevel={loglevel}", "-Q", queue, f"--concurrency={concurrency}",
            f"--pool={pool}", "-n", name, "--without-gossip", "--without-mingle",
            "--without-heartbeat"]
    return celery_app.worker_main(argv)
