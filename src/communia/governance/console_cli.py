"""Governance commands: register, purge, subject access, erasure, API tokens, journal export.

Human acts (status changes, erasure, tokens) need ``--as USERNAME`` of an existing
account; the service checks the account and its role.
"""

from __future__ import annotations

import json
import socket
import sys
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from communia.cli_support import fail, runtime
from communia.errors import CommuniaError

app = typer.Typer()
register_app = typer.Typer(help="The register of AI uses.", no_args_is_help=True)
tokens_app = typer.Typer(help="API tokens for service accounts.", no_args_is_help=True)
app.add_typer(register_app, name="register")
app.add_typer(tokens_app, name="tokens")
AS_USER = typer.Option(..., "--as", help="Username of the named person acting.")


@register_app.command("list")
def register_list(as_json: bool = typer.Option(False, "--json")) -> None:
    """List the use cases with their risk level and status."""
    from communia.governance import register

    with runtime().db.session() as session:
        rows = [(r.id, r.risk_level, r.dpia_status, r.fria_status, r.status)
                for r in register.list_all(session)]
    if as_json:
        keys = ("id", "risk_level", "dpia_status", "fria_status", "status")
        typer.echo(json.dumps([dict(zip(keys, r, strict=True)) for r in rows]))
        return
    table = Table("id", "risk", "DPIA", "FRIA", "status")
    for row in rows:
        table.add_row(*row)
    Console().print(table)


@register_app.command("show")
def register_show(use_case: str) -> None:
    """Show one use case as its public algorithm sheet (JSON)."""
    from communia.governance.console import algorithm_sheet

    rt = runtime()
    try:
        with rt.db.session() as session:
            data = algorithm_sheet.sheet(session, use_case, rt.gateway.backend.name, "en")
    except CommuniaError as exc:
        raise fail(str(exc)) from None
    typer.echo(algorithm_sheet.sheet_json(data))


@register_app.command("set-status")
def register_set_status(use_case: str, status: str, actor: str = AS_USER) -> None:
    """Move a use case to draft, under_review, approved or suspended (rules enforced)."""
    from communia.governance.console import service

    try:
        with runtime().db.session() as session:
            row = service.change_status(session, use_case, status, actor)
            final = row.status
    except CommuniaError as exc:
        raise fail(str(exc)) from None
    typer.echo(f"'{use_case}' is now {final}.")


@app.command("purge")
def purge(dry_run: bool = typer.Option(False, "--dry-run", help="Count only.")) -> None:
    """Delete what is past each use case's retention (schedule it daily)."""
    from communia.governance.console import rights

    try:
        report = rights.purge(runtime().db, "cli", dry_run=dry_run)
    except CommuniaError as exc:
        raise fail(str(exc)) from None
    for use_case, counts in sorted(report.counts.items()):
        detail = ", ".join(f"{k} {v}" for k, v in counts.items() if v) or "nothing"
        typer.echo(f"{use_case}: {detail}")
    verb = "would be deleted (dry run)" if dry_run else "deleted"
    typer.echo(f"{report.total} item(s) {verb}.")


@app.command("subject-access")
def subject_access(subject: str, out: Path = typer.Option(..., "--out", help="JSON file."),
                   actor: str = AS_USER) -> None:
    """Export everything held about a person (name or email) to a JSON file."""
    from communia.governance.console import rights

    rt = runtime()
    try:
        report = rights.subject_access(rt.db, rt.vault, rt.settings.data_dir, subject, actor)
    except CommuniaError as exc:
        raise fail(str(exc)) from None
    out.write_text(json.dumps(report.as_dict(), ensure_ascii=False, indent=2), encoding="utf-8")
    counts = ", ".join(f"{k} {v}" for k, v in report.counts().items())
    typer.echo(f"Written {out}: {counts}.")


@app.command("erase")
def erase(subject: str, actor: str = AS_USER,
          yes: bool = typer.Option(False, "--yes", help="Confirm without a prompt.")) -> None:
    """Erase everything held about a person; prints what was deleted."""
    from communia.governance.console import rights

    if not yes and not typer.confirm(f"Erase everything held about '{subject}'?"):
        raise fail("Nothing erased.", 1)
    rt = runtime()
    try:
        report = rights.erase(rt.db, rt.vault, rt.settings.data_dir, subject, actor)
    except CommuniaError as exc:
        raise fail(str(exc)) from None
    typer.echo(json.dumps({"subject_ref": report.subject_ref, "deleted": report.deleted}))


@tokens_app.command("create")
def tokens_create(name: str, owner: str = typer.Option(..., help="Named account it acts for."),
                  role: str = typer.Option(..., help="Role granted to the token."),
                  actor: str = AS_USER) -> None:
    """Issue a token; it is printed once and never stored."""
    from communia.governance.console import api_tokens

    try:
        with runtime().db.session() as session:
            issued = api_tokens.create(session, name, owner, role, actor)
    except CommuniaError as exc:
        raise fail(str(exc)) from None
    typer.echo(f"Token {issued.id} for {issued.owner} ({issued.role}); copy it now:",
               err=True)
    typer.echo(issued.secret)


@tokens_app.command("list")
def tokens_list() -> None:
    """List tokens (never their secret)."""
    from communia.governance.console import api_tokens

    with runtime().db.session() as session:
        rows = [(str(t.id), t.name, t.prefix + "…", t.owner, t.role,
                 "revoked" if t.revoked_at else "active") for t in api_tokens.list_tokens(session)]
    table = Table("id", "name", "prefix", "owner", "role", "state")
    for row in rows:
        table.add_row(*row)
    Console().print(table)


@tokens_app.command("revoke")
def tokens_revoke(token_id: int, actor: str = AS_USER) -> None:
    """Revoke a token at once."""
    from communia.governance.console import api_tokens

    try:
        with runtime().db.session() as session:
            api_tokens.revoke(session, token_id, actor)
    except CommuniaError as exc:
        raise fail(str(exc)) from None
    typer.echo(f"Token {token_id} revoked.")


@app.command("journal-export")
def journal_export(fmt: str = typer.Option("jsonl", "--format", help="jsonl or syslog"),
                   kind: str = "", actor: str = "", use_case: str = "", since: str = "",
                   until: str = "") -> None:
    """Write the journal to standard output as JSON lines or RFC 5424 syslog lines."""
    from communia.governance.console import journal_export as export
    from communia.governance.console.journal_export import JournalFilter

    filters = JournalFilter(kind, actor, use_case, since, until)
    try:
        with runtime().db.session() as session:
            for line in export.export_lines(session, filters, fmt, socket.gethostname()):
                sys.stdout.write(line + "\n")
    except CommuniaError as exc:
        raise fail(str(exc), 2) from None
