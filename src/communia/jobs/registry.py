"""Job kinds by name: capabilities register the function that does their long work.

A capability declares its kinds in ``communia/<capability>/jobs.py``::

    from communia.jobs import JobContext, register_job

    def screen(ctx: JobContext, payload: dict[str, Any]) -> dict[str, Any]:
        ...

    register_job("screening", screen, use_case="recruitment")

A kind may also say what a job works on (``describe``): the jobs page shows it beside
each job, so that a person with several jobs can tell them apart.

Workers import every module named in ``JOB_MODULES`` before taking work, so a kind
registered there is known to the web process and to every Celery worker alike.
"""

from __future__ import annotations

import importlib
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from communia.jobs.model import JobInput, UnknownJobKind

if TYPE_CHECKING:
    from communia.bootstrap import Runtime
    from communia.jobs.context import JobContext

JobFunction = Callable[["JobContext", dict[str, Any]], Any]
# What a job of a kind works on, from its payload (e.g. the name of the file it reads);
# None when there is nothing to show. It may read the store; a ``CommuniaError`` (the
# input was deleted since) means "nothing to show".
JobDescriber = Callable[["Runtime", dict[str, Any]], JobInput | None]

# Modules that register job kinds; a module that is absent from this build is skipped.
JOB_MODULES: tuple[str, ...] = (
    "communia.jobs.examples",
    "communia.recruitment.jobs",
    "communia.feedback.jobs",
    "communia.planning.jobs",
    "communia.drafting.jobs",
    "communia.governance.jobs",
)


@dataclass(frozen=True)
class JobKind:
    """A registered kind: its function, the register use case it serves, and where its
    result is shown (``result_url`` may contain ``{ref}`` and ``{job_id}``).

    ``shared_area`` names the web area whose members may follow the job's progress, for
    work on something they share (a recruitment campaign); empty means only the person
    who submitted it and administrators.

    ``describe`` says what a job works on (a file's name), from its payload.
    """

    name: str
    function: JobFunction
    use_case: str
    title: str
    result_url: str
    shared_area: str = ""
    describe: JobDescriber | None = None


_KINDS: dict[str, JobKind] = {}
_loaded = False
_lock = threading.Lock()


def register_job(
    name: str, function: JobFunction, *, use_case: str = "-", title: str = "",
    result_url: str = "", shared_area: str = "", describe: JobDescriber | None = None,
) -> JobKind:
    """Register ``function`` as the job kind ``name`` (re-registering replaces it)."""
    if not name or len(name) > 60:
        raise ValueError("A job kind needs a name of 1 to 60 characters.")
    kind = JobKind(name, function, use_case, title or name, result_url, shared_area, describe)
    _KINDS[name] = kind
    return kind


def get_job(name: str) -> JobKind:
    """The registered kind ``name``; loads the capabilities' job modules on first miss."""
    if name not in _KINDS:
        load_job_modules()
    try:
        return _KINDS[name]
    except KeyError:
        known = ", ".join(sorted(_KINDS)) or "none"
        raise UnknownJobKind(
            f"No job kind '{name}' is registered (known kinds: {known}). Check the "
            "capability that submits it is installed and registers it in its jobs module."
        ) from None


def kinds() -> list[JobKind]:
    """Every registered kind, by name."""
    load_job_modules()
    return [_KINDS[name] for name in sorted(_KINDS)]


def load_job_modules() -> None:
    """Import every module of ``JOB_MODULES`` once (missing capabilities are skipped)."""
    global _loaded
    with _lock:
        if _loaded:
            return
        for module in JOB_MODULES:
            try:
                importlib.import_module(module)
            except ModuleNotFoundError as exc:
                if exc.name and module.startswith(exc.name):
                    continue
                raise
        _loaded = True
