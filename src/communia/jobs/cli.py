"""``communia worker`` and ``communia jobs list|status|submit|cancel|result|requeue``."""

from __future__ import annotations

import json
import os
import socket
import time

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn
from rich.table import Table

from communia.cli_support import fail, read_text_input, runtime
from communia.errors import CommuniaError
from communia.jobs import service
from communia.jobs.model import DEFAULT_QUEUE, LEASE_SECONDS, STATES, VISIBILITY_TIMEOUT_SECONDS

app = typer.Typer()
jobs_app = typer.Typer(help="Long work: list, follow, cancel and retry jobs.",
                       no_args_is_help=True)
app.add_typer(jobs_app, name="jobs")
err = Console(stderr=True)


@app.command()
def worker(
    queue: str = typer.Option(DEFAULT_QUEUE, help="Celery queue to take jobs from."),
    concurrency: int = typer.Option(0, help="Parallel jobs; 0 means one per CPU core."),
    pool: str = typer.Option("prefork", help="prefork (processes), threads or solo."),
    name: str = typer.Option("", help="Worker name; default communia-<pid>@<host>."),
    visibility_timeout: int = typer.Option(
        VISIBILITY_TIMEOUT_SECONDS, help="Seconds before a lost worker's task is redelivered."),
    lease: float = typer.Option(LEASE_SECONDS, help="Seconds a silent running job is kept "
                                "before another worker may take it over."),
) -> None:
    """Start a Celery worker on COMMUNIA_REDIS_URL that runs Communia's jobs."""
    if pool not in ("prefork", "threads", "solo"):
        raise fail("--pool must be prefork, threads or solo.", 2)
    runtime()  # migrate the store once, before any task runs
    from communia.jobs.celery_app import start_worker

    start_worker(queue, concurrency or (os.cpu_count() or 1), pool,
                 name or f"communia-{os.getpid()}@{socket.gethostname()}",
                 visibility_timeout, lease)


@jobs_app.command("list")
def jobs_list(state: str = typer.Option("", help="Only jobs in this state."),
              kind: str = typer.Option("", help="Only jobs of this kind."),
              limit: int = typer.Option(50, min=1, max=1000),
              as_json: bool = typer.Option(False, "--json")) -> None:
    """List the most recent jobs."""
    if state and state not in STATES:
        raise fail(f"Unknown state '{state}'; expected one of: {', '.join(STATES)}.", 2)
    jobs = service.list_jobs(runtime(), limit, state, "", kind)
    if as_json:
        typer.echo(json.dumps([j.__dict__ for j in jobs], ensure_ascii=False))
        return
    table = Table("id", "kind", "state", "progress", "attempts", "by", "created", "message")
    for j in jobs:
        table.add_row(j.job_id, j.kind, j.state, f"{j.percent}%", str(j.attempts), j.actor,
                      j.created_at, j.message)
    Console().print(table)


@jobs_app.command("status")
def jobs_status(job_id: str, as_json: bool = typer.Option(False, "--json")) -> None:
    """Show one job's state and progress."""
    try:
        current = service.status(runtime(), job_id)
    except CommuniaError as exc:
        raise fail(str(exc)) from None
    if as_json:
        typer.echo(json.dumps(current.__dict__, ensure_ascii=False))
        return
    typer.echo(f"{current.job_id} {current.kind}: {current.state}, {current.percent}% "
               f"({current.done}/{current.total}), attempts {current.attempts}"
               + (f" — {current.message}" if current.message else ""))


@jobs_app.command("submit")
def jobs_submit(kind: str, payload: str = typer.Argument(..., help="JSON file, or - for stdin."),
                wait: bool = typer.Option(False, help="Wait for the end, showing progress."),
                actor: str = typer.Option("cli", "--as", help="Who submits it.")) -> None:
    """Submit a job of KIND with a JSON payload; print its id."""
    from communia.jobs.runners import InProcessRunner, runner_for

    try:
        body = json.loads(read_text_input(payload))
    except json.JSONDecodeError as exc:
        raise fail(f"{payload}: not valid JSON ({exc.msg}, line {exc.lineno}).", 2) from None
    if not isinstance(body, dict):
        raise fail(f"{payload}: the payload must be a JSON object.", 2)
    rt = runtime()
    runner = runner_for(rt)
    try:
        job_id = runner.submit(kind, body, actor=actor)
    except CommuniaError as exc:
        raise fail(str(exc)) from None
    typer.echo(job_id)
    if wait or isinstance(runner, InProcessRunner):  # threads die with this process
        _follow(job_id)


@jobs_app.command("cancel")
def jobs_cancel(job_id: str, actor: str = typer.Option("cli", "--as")) -> None:
    """Cancel a queued or running job."""
    try:
        current = service.cancel(runtime(), job_id, actor)
    except CommuniaError as exc:
        raise fail(str(exc)) from None
    typer.echo(f"{current.job_id}: {current.state}")


@jobs_app.command("retry")
def jobs_retry(job_id: str, actor: str = typer.Option("cli", "--as")) -> None:
    """Run a failed or cancelled job again (same id, same payload)."""
    from communia.jobs.runners import InProcessRunner, runner_for

    try:
        runner = runner_for(runtime())
        current = runner.retry(job_id, actor)
    except CommuniaError as exc:
        raise fail(str(exc)) from None
    typer.echo(f"{current.job_id}: {current.state}")
    if isinstance(runner, InProcessRunner):  # threads die with this process
        _follow(job_id)


@jobs_app.command("result")
def jobs_result(job_id: str) -> None:
    """Print a succeeded job's result as JSON."""
    try:
        value = service.result(runtime(), job_id)
    except CommuniaError as exc:
        raise fail(str(exc)) from None
    typer.echo(json.dumps(value, ensure_ascii=False, indent=2))


@jobs_app.command("requeue")
def jobs_requeue(older_than: float = typer.Option(
        300.0, help="Only jobs queued for at least this many seconds.")) -> None:
    """Send again queued jobs that no worker took (Celery), or run them here (in-process)."""
    from communia.jobs.runners import CeleryRunner, InProcessRunner, runner_for

    runner = runner_for(runtime())
    if isinstance(runner, CeleryRunner):
        typer.echo(f"{len(runner.requeue_stale(older_than))} job(s) sent again.")
    elif isinstance(runner, InProcessRunner):
        job_ids = runner.resume()
        for job_id in job_ids:
            _follow(job_id)
        typer.echo(f"{len(job_ids)} job(s) run again.")


def _follow(job_id: str, poll: float = 0.3) -> None:
    with Progress(TextColumn("{task.description}"), BarColumn(),
                  TextColumn("{task.completed}/{task.total}"), console=err) as bar:
        task = bar.add_task(f"Job {job_id[:8]}", total=None)
        while True:
            current = service.status(runtime(), job_id)
            bar.update(task, completed=current.done, total=current.total or None,
                       description=f"Job {job_id[:8]} {current.state}")
            if current.finished:
                break
            time.sleep(poll)
    if current.state != "succeeded":
        raise fail(f"Job {job_id} {current.state}: {current.message}")
