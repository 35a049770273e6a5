"""Jobs in the browser: one's own jobs, a progress fragment any capability can poll, cancel.

A capability page shows a job's progress with
``<div hx-get="/jobs/{id}/progress" hx-trigger="load" hx-swap="outerHTML"></div>``
or ``{% include "jobs/progress.html" %}`` with ``job`` from ``job_view``; the fragment
polls itself every second until the job is finished, then links to its result.
A capability whose jobs write sentences with values in them (a file name, a number)
says how they read in the browser with ``reword``; the list says what each job works
on (its kind's ``describe``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, Depends, Form, Request
from starlette.responses import RedirectResponse, Response

from communia.accounts.model import can
from communia.accounts.service import Account
from communia.bootstrap import Runtime
from communia.errors import InvalidInput
from communia.jobs import registry, service
from communia.jobs.model import JobNotFound, JobRunner, JobStatus, UnknownJobKind
from communia.jobs.runners import InProcessRunner, runner_for
from communia.web.deps import get_runtime, language, require_area
from communia.web.i18n import gettext_for
from communia.web.templating import render

AREA = "home"
router = APIRouter(prefix="/jobs")
_member = require_area(AREA)
MAX_TEXTS = 200
# A job kind's messages in the reader's language: (message, language) -> what to show.
Rewording = Callable[[str, str], str]
_REWORDING: dict[str, Rewording] = {}
# Messages the jobs themselves write with values in them, and their msgids.
_MESSAGES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"Cancelled by (?P<actor>.+)\.", re.DOTALL), "Cancelled by {actor}."),
    (re.compile(r"Waiting to retry \(attempt (?P<attempt>\d+)\): (?P<reason>.*)", re.DOTALL),
     "Waiting to retry (attempt {attempt}): {reason}"),
    (re.compile(r"(?P<done>\d+) of (?P<total>\d+) texts"), "{done} of {total} texts"),
    (re.compile(r"(?P<done>\d+) of (?P<total>\d+) items"), "{done} of {total} items"),
)


def reword(kind: str, rewording: Rewording) -> None:
    """Show the messages of jobs of ``kind`` through ``rewording`` (message, language)."""
    _REWORDING[kind] = rewording


def job_view(request: Request, job_id: str, account: Account) -> dict[str, Any]:
    """The job's status, message and links, if ``account`` may see it: its submitter, an
    admin, or a member of the area its kind is shared with (colleagues on the same campaign)."""
    current = service.status(get_runtime(request), job_id)
    if not _may_follow(current, account):
        raise JobNotFound(f"No job '{job_id}' among yours.")
    return {"status": current, "title": _title(current), "result_url": _result_url(current),
            "message": _message(current, language(request))}


def _message(current: JobStatus, lang: str) -> str:
    """The job's message in the reader's language."""
    if not current.message:
        return ""
    translate = gettext_for(lang)
    for pattern, msgid in _MESSAGES:
        found = pattern.fullmatch(current.message)
        if found is not None:
            values = found.groupdict()
            if "reason" in values:  # an unavailable component's own sentence
                values["reason"] = translate(values["reason"])
            return translate(msgid).format(**values)
    rewording = _REWORDING.get(current.kind)
    return rewording(current.message, lang) if rewording else translate(current.message)


def _may_follow(job: JobStatus, account: Account) -> bool:
    if job.actor == account.username or account.role == "admin":
        return True
    try:
        shared = registry.get_job(job.kind).shared_area
    except UnknownJobKind:
        return False
    return bool(shared) and can(account.role, shared)


@router.get("")
def index(request: Request, account: Account = Depends(_member)) -> Response:
    actor = "" if account.role == "admin" else account.username
    runtime = get_runtime(request)
    jobs = service.list_jobs(runtime, 50, actor=actor)
    translate = gettext_for(language(request))
    inputs = service.inputs(runtime, [j.job_id for j in jobs])
    return render(request, "jobs/index.html",
                  {"jobs": [{"status": j, "title": _title(j),
                             "input": inputs[j.job_id].text(translate)
                             if j.job_id in inputs else "",
                             "created": _when(j.created_at)} for j in jobs],
                   "max_texts": MAX_TEXTS})


@router.post("/pseudonymise")
def pseudonymise(request: Request, texts: str = Form(""),
                 account: Account = Depends(_member)) -> Response:
    parts = [p.strip() for p in texts.replace("\r\n", "\n").split("\n\n") if p.strip()]
    if not parts:
        raise InvalidInput("Paste at least one text (separate texts with an empty line).")
    if len(parts) > MAX_TEXTS:
        raise InvalidInput(f"{len(parts)} texts were pasted; the limit is {MAX_TEXTS}. "
                           "Split them into several batches.")
    job_id = runner_for(get_runtime(request)).submit("pii-batch", {"texts": parts},
                                                     actor=account.username)
    return RedirectResponse(f"/jobs/{job_id}", status_code=303)


@router.get("/{job_id}")
def show(request: Request, job_id: str, account: Account = Depends(_member)) -> Response:
    job = job_view(request, job_id, account)
    runtime = get_runtime(request)
    outcome = None
    if job["status"].state == "succeeded" and job["status"].kind in ("pii-batch", "echo"):
        outcome = service.result(runtime, job_id)
    described = service.inputs(runtime, [job_id]).get(job_id)
    return render(request, "jobs/show.html", {
        "job": job, "outcome": outcome, "created": _when(job["status"].created_at),
        "input": described.text(gettext_for(language(request))) if described else ""})


@router.get("/{job_id}/progress")
def progress(request: Request, job_id: str, account: Account = Depends(_member)) -> Response:
    job = job_view(request, job_id, account)
    if not job["status"].finished:
        _revive(get_runtime(request), job_id)
    return render(request, "jobs/progress.html", {"job": job})


def _revive(runtime: Runtime, job_id: str) -> None:
    """Run here an in-process job whose worker was lost (the app restarted within its lease)."""
    runner = runner_for(runtime)
    if isinstance(runner, InProcessRunner) and job_id in service.pending(runtime):
        runner.resume()


@router.post("/{job_id}/cancel")
def cancel(request: Request, job_id: str, account: Account = Depends(_member)) -> Response:
    return _act(request, job_id, account, lambda runner, actor: runner.cancel(job_id, actor))


@router.post("/{job_id}/retry")
def retry(request: Request, job_id: str, account: Account = Depends(_member)) -> Response:
    return _act(request, job_id, account, lambda runner, actor: runner.retry(job_id, actor))


def _act(request: Request, job_id: str, account: Account,
         action: Callable[[JobRunner, str], JobStatus]) -> Response:
    """Cancel or retry as this person (if they may follow the job); answer with the fragment
    for HTMX, else go to the job's page."""
    job_view(request, job_id, account)
    action(runner_for(get_runtime(request)), account.username)
    if request.headers.get("hx-request"):
        return render(request, "jobs/progress.html",
                      {"job": job_view(request, job_id, account)})
    return RedirectResponse(f"/jobs/{job_id}", status_code=303)


def _when(stamp: str) -> str:
    """An ISO timestamp as a page shows it: date and minute ("2025-03-17 14:05", UTC)."""
    return stamp[:16].replace("T", " ")


def _title(current: JobStatus) -> str:
    try:
        return registry.get_job(current.kind).title
    except InvalidInput:
        return current.kind


def _result_url(current: JobStatus) -> str:
    try:
        template = registry.get_job(current.kind).result_url
    except InvalidInput:
        return ""
    ref = current.result_ref.split(":", 1)[-1]
    return template.format(ref=ref, job_id=current.job_id) if template else ""
