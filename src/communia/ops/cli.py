"""``communia backup --out DIR`` and ``communia restore DIR``."""

from __future__ import annotations

from pathlib import Path

import typer
from sqlalchemy.exc import DBAPIError

from communia.cli_support import fail, settings
from communia.errors import CommuniaError
from communia.ops import backup as backups

app = typer.Typer()


@app.command("backup")
def backup_command(
    out: Path = typer.Option(..., "--out", help="New, empty folder to write the backup into."),
    logical: bool = typer.Option(False, "--logical", help="Portable dump through SQLAlchemy "
                                 "(restores into SQLite or PostgreSQL) instead of the native one."),
) -> None:
    """Back up the store, the data directory and the journal into a folder."""
    try:
        manifest = backups.backup(settings(), out, logical)
    except CommuniaError as exc:
        raise fail(str(exc)) from None
    except DBAPIError as exc:
        raise fail(_store_problem(exc)) from None
    state = ("verified" if manifest.journal_verified
             else "NOT VERIFIED (see communia journal verify)")
    typer.echo(f"Backup written to {out}: store as {manifest.store_format}, "
               f"{len(manifest.files)} files, journal of {manifest.journal_entries} entries "
               f"{state}.")
    typer.echo("It holds encrypted personal data and possibly its key (secrets.toml): "
               "keep it as securely as the server.", err=True)


@app.command("restore")
def restore_command(
    folder: Path = typer.Argument(..., help="A folder written by 'communia backup'."),
    force: bool = typer.Option(False, "--force", help="Replace a store and data directory "
                               "that already hold data (stop Communia first)."),
) -> None:
    """Restore a backup into the configured store and data directory; verify the journal."""
    try:
        report = backups.restore(settings(), folder, force)
    except CommuniaError as exc:
        raise fail(str(exc)) from None
    except DBAPIError as exc:
        raise fail(_store_problem(exc)) from None
    typer.echo(f"Restored {report.rows} rows in {report.tables} tables and {report.files} "
               f"files ({report.store_format}).")
    if not report.journal_ok:
        raise fail(f"The restored journal does NOT verify: {report.journal_problem}")
    typer.echo(f"Journal verified: {report.journal_entries} entries, chain intact.")


def _store_problem(exc: DBAPIError) -> str:
    where = settings().store_url.split("@")[-1]
    reason = str(exc.orig).strip().splitlines()[0] if exc.orig else type(exc).__name__
    return (f"The store ({where}) cannot be used: {reason}. Check COMMUNIA_DATABASE_URL "
            "and that the database server runs.")
