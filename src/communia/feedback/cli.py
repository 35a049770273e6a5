"""``communia feedback``: themes from a file of reports, finalisation and exports.

The ``themes`` command is a contract used by outside evaluations; keep its options
and JSON shape stable.
"""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from communia.cli_support import fail, runtime
from communia.errors import CommuniaError

app = typer.Typer()
feedback_app = typer.Typer(help="Field-feedback synthesis: themes, quotes, trends.",
                           no_args_is_help=True)
app.add_typer(feedback_app, name="feedback")
console = Console(stderr=True)
ACTOR = "cli"


@feedback_app.command("themes")
def themes(
    input_path: Path = typer.Argument(..., metavar="INPUT",
                                      help="CSV, XLSX, JSON or text file (one report per line)."),
    text_column: str = typer.Option(..., "--text-column", help="Column holding the reports."),
    date_column: str = typer.Option("", "--date-column", help="Column with the report date."),
    place_column: str = typer.Option("", "--place-column", help="Column with the place."),
    source_column: str = typer.Option("", "--source-column", help="Column with the source."),
    n_themes: int | None = typer.Option(None, "--themes", help="Number of themes (default: "
                                        "chosen automatically)."),
    out: Path = typer.Option(..., "--out", help="Where to write the JSON result."),
) -> None:
    """Group reports into themes and write themes and assignments as JSON."""
    from communia.feedback import outputs, service
    from communia.feedback.ingest import ColumnChoice

    if not input_path.is_file():
        raise fail(f"{input_path}: no such file.", 2)
    rt = runtime()
    choice = ColumnChoice(text_column, date_column, place_column, source_column)
    run_id = service.create_run(rt, input_path.name, ACTOR, {"file": input_path.name,
                                                             "themes": n_themes})
    try:
        with input_path.open("rb") as stream, _bar() as bar:
            task = bar.add_task("reading", total=100)

            def progress(stage: str, fraction: float) -> None:
                bar.update(task, description=stage, completed=_percent(stage, fraction))

            service.execute(rt, run_id, input_path.name, stream, choice, n_themes, ACTOR,
                            progress)
            bar.update(task, description="done", completed=100)
    except CommuniaError as exc:
        raise fail(str(exc), 2 if exc.kind in ("invalid", "too_large") else 1) from None
    with rt.db.session() as session:
        run = service.get_run(session, run_id)
        document = outputs.contract_json(rt, session, run)
        notices = list(run.notices)
    out.write_text(json.dumps(document, ensure_ascii=False, indent=1), encoding="utf-8")
    for notice in notices:
        typer.echo(f"note: {notice}", err=True)
    typer.echo(f"{len(document['themes'])} themes over {len(document['assignments'])} rows "
               f"written to {out} (synthesis {run_id}).", err=True)


@feedback_app.command("finalise")
def finalise(run_id: str, as_user: str = typer.Option(..., "--as", help="Username of the "
                                                      "person who finalises the themes.")) -> None:
    """Finalise a synthesis's themes as a named person (opens the note for review)."""
    from communia.feedback import loop

    try:
        draft_id = loop.finalise(runtime(), run_id, as_user)
    except CommuniaError as exc:
        raise fail(str(exc)) from None
    typer.echo(f"Themes finalised by {as_user}; synthesis note awaiting review: {draft_id}")


@feedback_app.command("export")
def export(run_id: str, fmt: str = typer.Option("docx", "--format", help="docx, pdf or csv"),
           out: Path = typer.Option(..., "--out"),
           lang: str = typer.Option("fr", "--lang")) -> None:
    """Write the synthesis note (DOCX/PDF, draft until approved) or the CSV of assignments."""
    from communia.feedback import outputs, service

    rt = runtime()
    try:
        with rt.db.session() as session:
            run = service.get_run(session, run_id)
            if fmt == "csv":
                out.write_text(outputs.assignments_csv(session, run), encoding="utf-8")
                typer.echo(f"Assignments written to {out}.")
                return
            if fmt not in ("docx", "pdf"):
                raise fail(f"Unknown format '{fmt}'; expected docx, pdf or csv.", 2)
            data, final = outputs.note_bytes(rt, session, run, fmt, lang)
    except CommuniaError as exc:
        raise fail(str(exc)) from None
    out.write_bytes(data)
    typer.echo(f"Note written to {out} ({'final' if final else 'DRAFT: not approved yet'}).")


def _bar() -> Progress:
    return Progress(TextColumn("{task.description}"), BarColumn(),
                    TextColumn("{task.percentage:>3.0f}%"), TimeElapsedColumn(),
                    console=console, transient=False)


def _percent(stage: str, fraction: float) -> float:
    from communia.feedback.service import STAGES

    start = 0
    for name, share in STAGES:
        if name == stage:
            return start + share * fraction
        start += share
    return start
