"""Long work behind one interface: in-process threads or Celery workers on Redis.

Capabilities register job kinds (``register_job``), submit through ``runner_for(runtime)``
and show progress with the ``/jobs/{id}/progress`` fragment. See docs/jobs.md.
"""

from communia.jobs.context import JobContext
from communia.jobs.model import (
    JobAlreadyFinished,
    JobCancelled,
    JobInput,
    JobNotFinished,
    JobNotFound,
    JobNotRetryable,
    JobRunner,
    JobStatus,
    UnknownJobKind,
    content_key,
)
from communia.jobs.registry import JobKind, get_job, register_job
from communia.jobs.runners import CeleryRunner, InProcessRunner, QueueUnavailable, runner_for

__all__ = [
    "CeleryRunner",
    "InProcessRunner",
    "JobAlreadyFinished",
    "JobNotRetryable",
    "JobCancelled",
    "JobContext",
    "JobInput",
    "JobKind",
    "JobNotFinished",
    "JobNotFound",
    "JobRunner",
    "JobStatus",
    "QueueUnavailable",
    "UnknownJobKind",
    "content_key",
    "get_job",
    "register_job",
    "runner_for",
]
