"""Recruitment commands: ``communia job propose`` and ``communia screen`` (stable contract)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)

from communia.cli_support import fail, runtime
from communia.errors import CommuniaError, InvalidInput, NotFound, Refused

app = typer.Typer()
job_app = typer.Typer(help="Job profiles: criteria fixed by a human before screening.",
                      no_args_is_help=True)
app.add_typer(job_app, name="job")
console = Console(stderr=True)
STAGES = {"extract": "Reading files", "analyse": "Analysing applications"}


def _code(exc: CommuniaError) -> int:
    return 2 if isinstance(exc, InvalidInput | NotFound | Refused) else 1


@job_app.command("propose")
def job_propose(
    ad_file: Annotated[Path, typer.Argument(help="The job ad (TXT, MD, PDF, DOCX, ODT).")],
    out: Annotated[Path, typer.Option("--out", help="YAML file to write.")] = Path("job.yaml"),
) -> None:
    """Propose weighted criteria from a job ad, for a human to edit and freeze."""
    from communia.recruitment import service

    try:
        profile = service.propose_from_file(runtime(), ad_file)
        service.write_job(profile, out)
    except CommuniaError as exc:
        raise fail(str(exc), _code(exc)) from None
    typer.echo(f"{len(profile.criteria)} criteria proposed in {out}; edit them, then run "
               f"'communia screen --job {out} --applications DIR --out OUTDIR'.")
    for flag in profile.flags:
        typer.echo(f"Flag in the ad: {flag}", err=True)


@app.command("screen")
def screen(
    job: Annotated[Path, typer.Option("--job", help="The job profile (YAML).")],
    applications: Annotated[Path, typer.Option(
        "--applications", help="Folder of applications (files, ZIPs, sub-folders).")],
    out: Annotated[Path, typer.Option(
        "--out", help="Folder for screening.json, report.html and report.docx.")],
) -> None:
    """Screen applications against frozen criteria; the tool takes no decision."""
    from communia.recruitment import service

    rt = runtime()
    try:
        profile = service.load_job(job)
        with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                      TimeElapsedColumn(), console=console) as bar:
            tasks: dict[str, TaskID] = {}

            def progress(stage: str, done: int, total: int) -> None:
                if stage not in tasks:
                    tasks[stage] = bar.add_task(STAGES.get(stage, stage), total=total)
                bar.update(tasks[stage], completed=done, total=total)

            screening = service.screen_directory(rt, profile, applications, out,
                                                 progress=progress)
    except CommuniaError as exc:
        raise fail(str(exc), _code(exc)) from None
    errors = [e for c in screening.candidates for e in c.errors]
    for error in errors:
        typer.echo(f"Not read: {error['error']}", err=True)
    for notice in screening.notices:
        typer.echo(notice, err=True)
    typer.echo(f"{len(screening.candidates)} candidates screened ({len(errors)} unreadable "
               f"files) in {screening.timings.get('total', 0):.1f} s; see {out / 'report.html'}."
               " Every decision is yours, with a reason.")


campaign_app = typer.Typer(help="Recruitment campaigns: decisions and retention.",
                           no_args_is_help=True)
app.add_typer(campaign_app, name="campaign")


@campaign_app.command("decide")
def campaign_decide(
    campaign: Annotated[str, typer.Argument(help="Campaign identifier.")],
    label: Annotated[str, typer.Argument(help="Application label, e.g. C007.")],
    decision: Annotated[str, typer.Option(help="invite, not_retained or on_hold.")],
    reason: Annotated[str, typer.Option(help="Written reason, kept with the decision.")],
    as_user: Annotated[str, typer.Option("--as", help="Your username (a named account).")],
) -> None:
    """Record a decision for one application as a named user (journaled)."""
    from communia.governance import review
    from communia.recruitment import campaigns

    rt = runtime()
    try:
        with rt.db.session() as session:
            review.require_named_user(session, as_user)
            match = [c for c in campaigns.candidates(session, campaign) if c.label == label]
            if not match:
                raise campaigns.CampaignNotFound(f"No application '{label}' in '{campaign}'.")
            campaigns.decide(session, rt.vault, campaign, match[0].id, decision, reason,
                             as_user)
    except CommuniaError as exc:
        raise fail(str(exc), _code(exc)) from None
    typer.echo(f"Decision '{decision}' recorded for {label} by {as_user}.")


@campaign_app.command("purge")
def campaign_purge() -> None:
    """Delete closed campaigns whose retention period is over (journaled)."""
    from communia.recruitment import oversight

    with runtime().db.session() as session:
        count = oversight.purge_expired(session, "cli")
    typer.echo(f"{count} campaign(s) purged.")
