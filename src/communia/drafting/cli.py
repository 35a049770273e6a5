"""``communia draft KIND --facts FACTS.yaml --out FILE`` and its companions (thin layer)."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn

from communia.cli_support import fail, read_text_input, runtime, settings
from communia.documents import ExtractionError, extract
from communia.drafting import service
from communia.drafting.sources import Source
from communia.errors import CommuniaError

app = typer.Typer()
console = Console(stderr=True)
FORMATS = {".docx": "docx", ".odt": "odt", ".pdf": "pdf", ".json": "json"}


def _format(out: Path, archival: bool) -> str:
    fmt = FORMATS.get(out.suffix.lower())
    if fmt is None:
        raise fail(f"{out}: unknown extension; use .docx, .odt, .pdf or .json.", 2)
    return "pdfa" if fmt == "pdf" and archival else fmt


def _sources(paths: list[Path]) -> list[Source]:
    found = []
    for path in paths:
        if not path.is_file():
            raise fail(f"{path}: no such file.", 2)
        try:
            found.append(Source(path.name, extract(path.name, path.read_bytes()).text))
        except ExtractionError as exc:
            raise fail(str(exc), 2) from None
    return found


def _print_report(drafted: service.Drafted) -> None:
    report = drafted.report
    state = "passes every validator" if report["passed"] else "FAILS validation"
    console.print(f"Draft {drafted.draft_id} ({drafted.kind}) {state}; "
                  f"{'model prose' if drafted.used_model else 'template wording'}; "
                  "it stays a draft until a named person approves it.")
    for issue in report["issues"]:
        console.print(f"  {issue['severity']}: {issue['message']}")
    for notice in drafted.notices:
        console.print(f"  note: {notice}")


@app.command("draft")
def draft(kind: str = typer.Argument(..., help="courrier, note, arrete, deliberation, briefing "
                                     "or instruction (aliases: letter, order, instruction-sheet)"),
          facts: str = typer.Option(..., "--facts", help="YAML file of facts, or - for stdin"),
          out: Path = typer.Option(..., "--out", help="Output: .docx, .odt, .pdf or .json"),
          source: list[Path] = typer.Option([], "--source", help="Source document (repeatable)"),
          pdfa: bool = typer.Option(False, "--pdfa", help="Archival PDF/A for a .pdf output"),
          no_model: bool = typer.Option(False, "--no-model", help="Template wording only"),
          lang: str = typer.Option("fr", "--lang", help="Document language (fr or en)")) -> None:
    """Draft an administrative document from facts; the extension of --out picks the format."""
    fmt = _format(out, pdfa)
    rt = runtime()
    try:
        given = service.read_facts(read_text_input(facts), facts,
                                   max_chars=rt.settings.drafting_max_facts_chars)
        request = service.DraftRequest(kind, given, "cli", lang, _sources(source),
                                       use_model=not no_model)
        with Progress(SpinnerColumn(), TextColumn("{task.description}"), console=console,
                      transient=True) as bar:
            bar.add_task("Drafting (structure, prose, validation)…", total=None)
            drafted = service.draft(rt, request)
        data = drafted.to_json().encode() if fmt == "json" else \
            service.export(rt, drafted.draft_id, fmt, "cli")
    except CommuniaError as exc:
        raise fail(str(exc), 2) from None
    out.write_bytes(data)
    _print_report(drafted)
    typer.echo(f"Written {out}")
    if not drafted.report["passed"]:
        raise typer.Exit(1)


@app.command("draft-check")
def draft_check(path: str = typer.Argument(..., help="Text or Markdown of the act, or -"),
                kind: str = typer.Option(..., "--kind", help="arrete, deliberation, courrier…"),
                profile: str = typer.Option("published", "--profile",
                                            help="published (an existing act) or draft"),
                facts: str = typer.Option("", "--facts", help="YAML facts grounding references"),
                as_json: bool = typer.Option(False, "--json")) -> None:
    """Validate an existing act's text; exit 1 when it fails."""
    try:
        given = service.read_facts(
            read_text_input(facts), facts,
            max_chars=settings().drafting_max_facts_chars) if facts else {}
        report = service.check(kind, read_text_input(path), given, profile)
    except CommuniaError as exc:
        raise fail(str(exc), 2) from None
    if as_json:
        typer.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        typer.echo(f"{path}: {'passes' if report.passed else 'FAILS'} ({profile} profile)")
        for issue in report.issues:
            typer.echo(f"  {issue.severity}: {issue.message}")
    if not report.passed:
        raise typer.Exit(1)


@app.command("draft-approve")
def draft_approve(draft_id: str, as_user: str = typer.Option(..., "--as", help="Your username"),
                  reason: str = typer.Option("", "--reason")) -> None:
    """Approve a drafted document as final, as a named person."""
    try:
        service.approve(runtime(), draft_id, as_user, reason)
    except CommuniaError as exc:
        raise fail(str(exc)) from None
    typer.echo(f"Draft {draft_id} approved by {as_user}.")


@app.command("draft-export")
def draft_export(draft_id: str, out: Path = typer.Option(..., "--out"),
                 pdfa: bool = typer.Option(False, "--pdfa")) -> None:
    """Export a drafted document (final only if approved; otherwise marked as a draft)."""
    fmt = _format(out, pdfa)
    rt = runtime()
    try:
        if fmt == "json":
            view = service.load(rt, draft_id)
            data = json.dumps({"draft_id": draft_id, "kind": view.kind, "status": view.status,
                               "text": view.text, "report": view.report},
                              ensure_ascii=False, indent=2).encode()
        else:
            data = service.export(rt, draft_id, fmt, "cli")
    except CommuniaError as exc:
        raise fail(str(exc)) from None
    out.write_bytes(data)
    typer.echo(f"Written {out}")
