"""``communia plan``: forecast demand from an event log, propose, adopt and export a plan."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import typer
from rich.console import Console
from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeElapsedColumn

from communia.cli_support import fail, runtime
from communia.errors import CommuniaError
from communia.planning.model import (
    DEFAULT_HOLIDAYS,
    DEFAULT_TIMEZONE,
    ForecastResult,
)

# The service pulls in scikit-learn, SciPy and OR-Tools: it is imported inside the
# commands so that every other ``communia`` command starts fast.

app = typer.Typer()
plan_app = typer.Typer(help="Forecast demand by place and hour; propose mediation shifts.",
                       no_args_is_help=True)
app.add_typer(plan_app, name="plan")
err = Console(stderr=True)
ACTOR = "cli"


def _exit_code(exc: CommuniaError) -> int:
    return 2 if exc.kind in ("invalid", "too_large") else 1


@plan_app.command("forecast")
def forecast_command(
    events: Path = typer.Argument(..., help="Event log, CSV or XLSX, one event per row."),
    time_column: str = typer.Option(..., "--time-column", help="Timestamp column (or DATE+TIME)."),
    place_column: str = typer.Option("", "--place-column", help="Zone, district, address or "
                                     "coordinates column (guessed by name when omitted)."),
    horizon_weeks: int = typer.Option(2, "--horizon-weeks", help="Weeks to forecast (1-8)."),
    out: Path = typer.Option(..., "--out", help="Where to write forecast.json."),
    source_column: str = typer.Option("", "--source-column", help="Column saying who recorded "
                                      "the event (citizen call, team observation)."),
    timezone: str = typer.Option(DEFAULT_TIMEZONE, "--timezone", help="IANA time zone of "
                                 "timestamps without an offset."),
    holidays: str = typer.Option(DEFAULT_HOLIDAYS, "--holidays", help="Country code of public "
                                 "holidays (FR); empty for none."),
    school_zone: str = typer.Option("", "--school-zone", help="French school zone A, B or C."),
) -> None:
    """Forecast events per zone and hour; backtest the model against a seasonal-naive baseline."""
    from communia.planning import service
    from communia.planning.forecast import ForecastOptions, check_options
    from communia.planning.ingest import ImportOptions

    if not events.is_file():
        raise fail(f"{events}: no such file.", 2)
    wanted = ForecastOptions(horizon_weeks, holidays.strip().upper(), school_zone.strip().upper())
    try:
        check_options(wanted)  # before reading a large log, not after
    except CommuniaError as exc:
        raise fail(str(exc), 2) from None
    rt = runtime()
    options = ImportOptions(time_column, place_column or None, source_column or None, timezone)
    try:
        with events.open("rb") as handle, _progress(events.stat().st_size) as advance:
            run_id = service.import_log(rt, events.name, handle, options, ACTOR, advance)
        result = service.forecast_run(rt, run_id, wanted, ACTOR)
    except CommuniaError as exc:
        raise fail(str(exc), _exit_code(exc)) from None
    counts = service.get_run(rt, run_id).counts
    out.write_text(json.dumps(result.to_json(), ensure_ascii=False, indent=1), encoding="utf-8")
    for notice in counts.notices + result.notices:
        err.print(f"[yellow]•[/] {notice}", highlight=False)
    bt = result.backtest
    scores = ("no backtest (history too short)" if bt.mase_model is None else
              f"MASE model {bt.mase_model:.3f} vs seasonal naive {bt.mase_baseline:.3f}")
    typer.echo(f"{counts.events} events, {len(result.zones)} zones; model used: {result.model}; "
               f"{scores}. Forecast written to {out}.")


@plan_app.command("schedule")
def schedule_command(
    forecast_file: Path = typer.Argument(..., help="forecast.json from 'communia plan forecast'."),
    team: Path = typer.Option(..., "--team", help="team.yaml (see docs/planning.md)."),
    out: Path = typer.Option(..., "--out", help="Where to write schedule.json."),
    time_limit: float | None = typer.Option(
        None, "--time-limit", help="Seconds the solver may search (default: the setting "
        "planning_schedule_seconds, 15 unless configured)."),
    analyse: bool = typer.Option(True, "--analyse/--no-analyse",
                                 help="Measure which rules bind (a few more seconds)."),
) -> None:
    """Propose mediation shifts covering the forecast demand; the plan stays a draft."""
    from communia.planning import service

    for path in (forecast_file, team):
        if not path.is_file():
            raise fail(f"{path}: no such file.", 2)
    try:
        data = json.loads(forecast_file.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise fail(f"{forecast_file}: not a JSON file; produce it with 'communia plan "
                   "forecast'.", 2) from None
    try:
        result = ForecastResult.from_json(data)
        with err.status("Searching for a plan…"):
            view = service.propose_plan(runtime(), result, team.read_text(encoding="utf-8"),
                                        ACTOR, seconds=time_limit, analyse=analyse)
    except CommuniaError as exc:
        raise fail(str(exc), _exit_code(exc)) from None
    plan = view.plan
    out.write_text(json.dumps({"draft_id": view.draft_id, "adopted_by": None, **plan.to_json()},
                              ensure_ascii=False, indent=1), encoding="utf-8")
    if not plan.feasible:
        raise fail(f"No plan: {plan.infeasible_reason} (written to {out}).", 1)
    typer.echo(f"Plan {view.draft_id} ({plan.status}): {len(plan.assignments)} shifts, "
               f"{plan.covered_share:.0%} of forecast demand covered. It is a draft until a "
               f"named person adopts it: communia plan adopt {view.draft_id} --as USERNAME.")


@plan_app.command("adopt")
def adopt_command(draft_id: str, as_user: str = typer.Option(..., "--as", help="Username of "
                  "the person adopting the plan."), reason: str = typer.Option("", "--reason")
                  ) -> None:
    """Adopt a proposed plan as a named person."""
    from communia.planning import service

    try:
        service.adopt_plan(runtime(), draft_id, as_user, reason)
    except CommuniaError as exc:
        raise fail(str(exc), _exit_code(exc)) from None
    typer.echo(f"Plan {draft_id} adopted by {as_user}.")


@plan_app.command("export")
def export_command(draft_id: str, fmt: str = typer.Option("xlsx", "--format", help="xlsx, ics "
                   "or pdf."), out: Path = typer.Option(..., "--out"),
                   team: str = typer.Option("", "--team", help="Team (ics: one calendar per "
                                            "team)."), lang: str = typer.Option("fr", "--lang")
                   ) -> None:
    """Export a plan (marked as a draft unless a named person adopted it)."""
    from communia.planning import service

    try:
        name, _, data = service.export_plan(runtime(), draft_id, fmt, lang, team)
    except CommuniaError as exc:
        raise fail(str(exc), _exit_code(exc)) from None
    out.write_bytes(data)
    typer.echo(f"{name} written to {out}.")


class _progress:
    """A rich progress bar on stderr over the bytes read; yields the callback."""

    def __init__(self, total: int) -> None:
        self.bar = Progress(TextColumn("Reading events"), BarColumn(), DownloadColumn(),
                            TimeElapsedColumn(), console=err, transient=True)
        self.task = self.bar.add_task("read", total=max(total, 1))

    def __enter__(self) -> Callable[[int], None]:
        self.bar.start()
        return lambda done: self.bar.update(self.task, completed=done)

    def __exit__(self, *args: object) -> None:
        self.bar.stop()
