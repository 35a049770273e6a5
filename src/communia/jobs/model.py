"""Jobs: states, statuses, content keys and the ``JobRunner`` port (rules only, no I/O).

A job is one unit of long work (a screening batch, a synthesis, a forecast) named by
its ``kind`` and keyed by a hash of its content: submitting the same content twice
gives the same job, and a job whose result is stored is never run again.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from communia.errors import Conflict, InvalidInput, NotFound

QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED = (
    "queued", "running", "succeeded", "failed", "cancelled")
STATES: tuple[str, ...] = (QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED)
FINAL_STATES = frozenset({SUCCEEDED, FAILED, CANCELLED})

# A running job whose worker has not reported for this long is taken over by another.
LEASE_SECONDS = 60.0
# Progress is written at most this often (the last item is always written).
PROGRESS_WRITE_SECONDS = 0.5
# A job that keeps failing on an unavailable component is given up after this many runs.
MAX_ATTEMPTS = 5
# Celery/Redis: an unacknowledged task is handed to another worker after this long.
VISIBILITY_TIMEOUT_SECONDS = 600
# The Celery queue Communia's tasks go to (a worker listens on it).
DEFAULT_QUEUE = "communia"
MESSAGE_MAX = 500


class JobNotFound(NotFound):
    """No job has this id (or the person may not see it)."""


class UnknownJobKind(InvalidInput):
    """No capability registered a job of this kind."""


class JobNotFinished(Conflict):
    """The result was asked for before the job succeeded."""


class JobAlreadyFinished(Conflict):
    """A finished job cannot be cancelled."""


class JobNotRetryable(Conflict):
    """Only a failed or cancelled job can be run again."""


class JobCancelled(Exception):
    """Raised inside a job's function when a person cancelled it; the run stops there."""


class JobSuperseded(Exception):
    """Raised inside a job's function when another worker took the job over."""


@dataclass(frozen=True)
class JobStatus:
    """Where a job stands: state, progress in [0, 1], a message and a reference to its result."""

    state: str
    progress: float
    message: str
    result_ref: str
    job_id: str = ""
    kind: str = ""
    done: int = 0
    total: int = 0
    attempts: int = 0
    actor: str = ""
    created_at: str = ""

    @property
    def finished(self) -> bool:
        return self.state in FINAL_STATES

    @property
    def percent(self) -> int:
        return int(round(self.progress * 100))


@dataclass(frozen=True)
class JobInput:
    """What a job works on, so that a person can tell their jobs apart (a file's name, the
    number of texts): an English ``template`` with ``{name}`` placeholders (a msgid of the
    web catalogs) and the ``values`` put in it."""

    template: str
    values: dict[str, str | int] = field(default_factory=dict)

    def text(self, translate: Callable[[str], str] | None = None) -> str:
        """The description, with ``translate`` (a catalog's gettext) if given."""
        return (translate or str)(self.template).format(**self.values)


class JobRunner(Protocol):
    """One interface for long work, run in-process or on Celery workers."""

    def submit(
        self, kind: str, payload: dict[str, Any], key: str | None = None, *, actor: str = "system"
    ) -> str:
        """Queue a job (or find the one with the same kind and key); return its id."""
        ...

    def status(self, job_id: str) -> JobStatus:
        """The job's current state and progress."""
        ...

    def cancel(self, job_id: str, actor: str = "system") -> JobStatus:
        """Ask the job to stop; a queued job never starts, a running one stops at its next step."""
        ...

    def result(self, job_id: str) -> Any:
        """The stored result of a succeeded job."""
        ...

    def retry(self, job_id: str, actor: str = "system") -> JobStatus:
        """Run a failed or cancelled job again, same id and payload."""
        ...


def content_key(kind: str, payload: dict[str, Any]) -> str:
    """SHA-256 of the kind and a canonical JSON of the payload: the job's idempotency key."""
    try:
        body = json.dumps([kind, payload], sort_keys=True, ensure_ascii=False,
                          separators=(",", ":"))
    except (TypeError, ValueError):
        raise InvalidInput(
            f"The payload of the '{kind}' job is not JSON (only text, numbers, lists "
            "and objects can be queued); pass references to stored data instead."
        ) from None
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def normalise_key(key: str) -> str:
    """A caller's key as stored: kept if it is a hex SHA-256, else hashed (never raw text)."""
    if len(key) == 64 and all(ch in "0123456789abcdef" for ch in key):
        return key
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def progress_of(done: int, total: int, state: str) -> float:
    """Progress in [0, 1]: 1 for a succeeded job, done/total otherwise."""
    if state == SUCCEEDED:
        return 1.0
    if total <= 0:
        return 0.0
    return max(0.0, min(1.0, done / total))


def clip_message(message: str) -> str:
    """A status message short enough for the store, on one line."""
    one_line = " ".join(message.split())
    return one_line if len(one_line) <= MESSAGE_MAX else one_line[: MESSAGE_MAX - 1] + "…"


def backoff_seconds(attempt: int, base: float = 2.0, cap: float = 60.0) -> float:
    """Delay before the next try of a job that met an unavailable component."""
    return float(min(cap, base * (2 ** max(0, attempt - 1))))
