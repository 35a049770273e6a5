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


def start_worker(queue: str, concurrency: int, pool: str, name: str,
                 visibility_timeout: int, lease: float, loglevel: str = "INFO") -> Any:
    """Run a worker in this process until it is stopped (blocks)."""
    registry.load_job_modules()
    celery_app.conf.broker_transport_options.update(
        visibility_timeout=visibility_timeout,
        unacked_restore_interval=max(1, min(10, visibility_timeout // 4)))
    celery_app.conf.communia_lease_seconds = lease
    argv = ["worker", f"--loglevel={loglevel}", "-Q", queue, f"--concurrency={concurrency}",
            f"--pool={pool}", "-n", name, "--without-gossip", "--without-mingle",
            "--without-heartbeat"]
    return celery_app.worker_main(argv)
