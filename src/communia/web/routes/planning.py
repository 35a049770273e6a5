"""Planning pages: import a log, forecast with the baseline beside it, propose, adopt, export.

Forecasts and plans are jobs (``planning.jobs``): the form gets the job's progress
fragment (HTMX) or the run page with it, which links to the result when it is done.
A log that cannot be read or is too short, and forecast settings out of range, are
refused when the form is sent: the form comes back with what was typed and a message
naming the field by its label (``planning.texts`` gives every sentence its browser
wording, in the reader's language).
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from starlette.concurrency import run_in_threadpool
from starlette.responses import RedirectResponse, Response

from communia.accounts.service import Account
from communia.errors import CommuniaError
from communia.jobs.model import JobNotFound
from communia.jobs.runners import runner_for
from communia.planning import editing, jobs, service, texts, views
from communia.planning.forecast import ForecastOptions, option_problems
from communia.planning.ingest import ImportOptions
from communia.planning.model import DEFAULT_HOLIDAYS, DEFAULT_TIMEZONE, MAX_HORIZON_WEEKS
from communia.planning.texts import Said
from communia.web.charts import bar_chart, heatmap, line_chart
from communia.web.deps import (
    get_runtime,
    language,
    redisplay_on_invalid,
    require_area,
    status_of,
)
from communia.web.i18n import gettext_for
from communia.web.routes.jobs import job_view, reword
from communia.web.templating import render

AREA = "planning"
router = APIRouter(prefix="/planning")
_lead = require_area(AREA)
EXAMPLE_TEAM = """# One entry per mediator, or a group with "count" (ids N01, N02, ...).
mediators:
  - id: N
    count: 6
    team: Nord
    contract_hours: 35
  - id: S
    count: 6
    team: Sud
    contract_hours: 35
    available_days: [mon, tue, wed, thu, fri, sat]
shifts:
  - {name: matin, start: "08:00", end: "15:00"}
  - {name: apres-midi, start: "12:00", end: "19:00"}
  - {name: soiree, start: "17:00", end: "24:00", evening: true}
rules: {max_hours_day: 10, max_hours_week: 48, min_rest_hours: 11, days_off_in_row: 2}
"""


def say(sentence: str, lang: str) -> Said:
    """A planning sentence (notice, refusal) in the browser's wording and ``lang``."""
    return texts.say(sentence, gettext_for(lang), french=lang == "fr")


def _sayer(request: Request) -> Callable[[str], str]:
    """``say`` for the templates: a stored sentence as the reader should see it."""
    lang = language(request)
    return lambda sentence: say(sentence, lang).message


for _kind in (jobs.FORECAST, jobs.SCHEDULE):  # a failed job says it with the form's labels
    reword(_kind, lambda message, lang: say(message, lang).message)


def _done(request: Request, url: str) -> Response:
    """Redirect after a successful POST (HTMX follows ``HX-Redirect``)."""
    if request.headers.get("hx-request"):
        return Response(status_code=204, headers={"HX-Redirect": url})
    return RedirectResponse(url, status_code=303)


def _in_place(request: Request, exc: CommuniaError) -> Response:
    if not request.headers.get("hx-request"):
        raise exc
    return render(request, "partials/error.html",
                  {"message": say(str(exc), language(request)).message, "status": 400})


def _follow(request: Request, run_id: str, submit: Callable[[], str], account: Account
            ) -> Response:
    """Submit a job; HTMX gets its progress fragment, a plain form the run page showing it."""
    try:
        job_id = submit()
    except CommuniaError as exc:
        return _in_place(request, exc)
    if request.headers.get("hx-request"):
        return render(request, "jobs/progress.html",
                      {"job": job_view(request, job_id, account)})
    return RedirectResponse(f"/planning/runs/{run_id}?job={job_id}", status_code=303)


@router.get("")
def index(request: Request) -> Response:
    return _index(request, {"timezone": DEFAULT_TIMEZONE})


def _index(request: Request, form: dict[str, str], problem: Said | None = None,
           status: int = 200) -> Response:
    """The planning home: the import form (with what was typed) and the imported logs."""
    runs = service.list_runs(get_runtime(request))
    return render(request, "planning/index.html",
                  {"runs": runs, "form": form, "problem": problem,
                   "model_labels": views.MODEL_LABELS}, status_code=status)


@router.post("/import")
async def import_log(request: Request, file: UploadFile | None = File(None),
                     time_column: str = Form(""), place_column: str = Form(""),
                     source_column: str = Form(""), timezone: str = Form(DEFAULT_TIMEZONE),
                     account: Account = Depends(_lead)) -> Response:
    runtime = get_runtime(request)
    lang = language(request)
    _ = gettext_for(lang)
    limit = runtime.settings.max_upload_bytes
    form = {"time_column": time_column.strip(), "place_column": place_column.strip(),
            "source_column": source_column.strip(),
            "timezone": timezone.strip() or DEFAULT_TIMEZONE}
    data = await file.read(limit + 1) if file is not None and file.filename else None
    name = Path(file.filename or "events.csv").name if file is not None else ""
    status = 400
    if data is None:
        problem = Said(_("Choose the event log file (CSV or XLSX, one event per row)."), "file")
    elif len(data) > limit:
        problem = Said(_("{name} is larger than {limit} MB, the most this page imports. Import a "
                         "shorter period, or ask an administrator to forecast it with the "
                         "command line (communia plan forecast).").format(
                             name=name, limit=f"{limit / 1_000_000:.0f}"), "file")
        status = 413
    elif not form["time_column"]:
        problem = Said(_("“Timestamp column” is empty. Enter the name of the column holding the "
                         "date and time of each event, as written in the file's header line."),
                       "time_column")
    else:
        options = ImportOptions(form["time_column"], form["place_column"] or None,
                                form["source_column"] or None, form["timezone"])
        try:  # reading a log takes seconds: off the event loop
            run_id = await run_in_threadpool(service.import_log, runtime, name,
                                             io.BytesIO(data), options, account.username)
        except CommuniaError as exc:
            problem = say(str(exc), lang)
        else:
            return _done(request, f"/planning/runs/{run_id}")
    if request.headers.get("hx-request"):  # the form keeps the file and what was typed
        return render(request, "partials/error.html", {"message": problem.message,
                                                       "status": status})
    return _index(request, form, problem, status)


@router.get("/runs/{run_id}")
def show_run(request: Request, run_id: str, zone: str = "", job: str = "",
             account: Account = Depends(_lead)) -> Response:
    return _run_page(request, run_id, zone, _job(request, job, account))


def _run_page(request: Request, run_id: str, zone: str = "",
              job: dict[str, Any] | None = None, form: dict[str, str] | None = None,
              errors: dict[str, str] | None = None, status: int = 200,
              team: str | None = None, team_error: str = "") -> Response:
    """A log's page; ``form`` and ``errors`` re-show a refused forecast form, ``team`` and
    ``team_error`` a refused team file as it was typed."""
    runtime = get_runtime(request)
    run = service.get_run(runtime, run_id)
    context: dict[str, Any] = {"run": run, "team_error": team_error,
                               "example_team": team if team is not None else
                               run.team_yaml or EXAMPLE_TEAM,
                               "seconds": runtime.settings.planning_schedule_seconds,
                               "job": job, **_forecast_form(form, errors),
                               "say": _sayer(request), "model_labels": views.MODEL_LABELS}
    if run.forecast is not None:
        context.update(_forecast_figures(request, run.forecast, zone))
    return render(request, "planning/run.html", context, status_code=status)


def _forecast_form(form: dict[str, str] | None, errors: dict[str, str] | None
                   ) -> dict[str, Any]:
    """What the forecast form shows: the values typed (defaults at first) and the errors."""
    return {"forecast_form": form or {"horizon_weeks": "2", "holidays": DEFAULT_HOLIDAYS,
                                      "school_zone": ""},
            "forecast_errors": errors or {}, "max_weeks": MAX_HORIZON_WEEKS}


def _job(request: Request, job_id: str, account: Account) -> dict[str, Any] | None:
    """The job the page follows, if this person may see it."""
    if not job_id.isalnum():
        return None
    try:
        return job_view(request, job_id, account)
    except JobNotFound:
        return None


def _forecast_figures(request: Request, result: Any, zone: str) -> dict[str, Any]:
    lang = language(request)
    _ = gettext_for(lang)
    chosen = zone if zone in result.zones else views.busiest_zone(result)
    week = views.zone_week(result, chosen, lang)
    profile = views.hour_of_week(result)
    return {
        "zone": chosen, "week_rows": views.daily_rows(week),
        "dow_totals": views.day_of_week_totals(result), "days": views.DAYS[lang],
        "heatmap": heatmap(result.zones, views.hour_labels(lang), profile,
                           _("Expected events per zone and hour of the week"),
                           _("Darker cells: more events expected. Figures in the table below.")),
        "line": line_chart(week.labels, {_("Expected events"): week.mean},
                           _("Forecast for the zone, hour by hour, with its interval"),
                           _("The band is the prediction interval. Daily figures in the table "
                             "below."), low=week.low, high=week.high),
    }


@router.post("/runs/{run_id}/forecast")
def run_forecast(request: Request, run_id: str, horizon_weeks: str = Form("2"),
                 holidays: str = Form(DEFAULT_HOLIDAYS), school_zone: str = Form(""),
                 account: Account = Depends(_lead)) -> Response:
    runtime = get_runtime(request)
    service.get_run(runtime, run_id)  # an unknown log is refused here, not in the job
    form = {"horizon_weeks": horizon_weeks.strip(), "holidays": holidays.strip().upper(),
            "school_zone": school_zone.strip().upper()}
    errors = forecast_errors(form, language(request))
    job: dict[str, Any] | None = None
    if not errors:
        try:
            job_id = jobs.submit_forecast(runtime, runner_for(runtime), run_id,
                                          int(form["horizon_weeks"]), form["holidays"],
                                          form["school_zone"], account.username)
        except CommuniaError as exc:  # e.g. the job queue cannot be reached
            errors = {"": say(str(exc), language(request)).message}
        else:
            job = job_view(request, job_id, account)
    if request.headers.get("hx-request"):  # the form in place: what was typed, and the
        # job's progress or the errors
        return render(request, "planning/forecast_form.html",
                      {"run": service.get_run(runtime, run_id), "forecast_job": job,
                       **_forecast_form(form, errors)})
    if job is not None:
        return RedirectResponse(f"/planning/runs/{run_id}?job={job_id}", status_code=303)
    return _run_page(request, run_id, form=form, errors=errors, status=400)


def forecast_errors(form: dict[str, str], lang: str) -> dict[str, str]:
    """A message per forecast field whose value cannot be used (none when all can)."""
    _ = gettext_for(lang)
    raw = form["horizon_weeks"]
    weeks = int(raw) if re.fullmatch(r"[0-9]{1,6}", raw) else None
    errors: dict[str, str] = {}
    if not raw:
        errors["horizon_weeks"] = _(
            "“Weeks to forecast” is empty. Enter a whole number of weeks from 1 to {most}, "
            "for example 2.").format(most=MAX_HORIZON_WEEKS)
    elif weeks is None:
        errors["horizon_weeks"] = say(texts.HORIZON(most=MAX_HORIZON_WEEKS, value=raw),
                                      lang).message
    options = ForecastOptions(1 if weeks is None else weeks, form["holidays"],
                              form["school_zone"])
    for problem in option_problems(options):
        said = say(problem, lang)
        errors.setdefault(said.field, said.message)
    return errors


def _show_team(request: Request, values: dict[str, str], message: str,
               status: int) -> Response:
    """The log's page again after a plan form the app refused before ``propose`` ran (the
    team file missing), with what was typed and the message next to it."""
    return _run_page(request, request.path_params["run_id"], team=values.get("team", ""),
                     team_error=message, status=status)


@router.post("/runs/{run_id}/plan")
@redisplay_on_invalid(_show_team)
def propose(request: Request, run_id: str, team: str = Form(...),
            account: Account = Depends(_lead)) -> Response:
    runtime = get_runtime(request)

    def submit() -> str:
        return jobs.submit_plan(runtime, runner_for(runtime), run_id, team, account.username)

    if not request.headers.get("hx-request"):  # HTMX keeps the form and shows the error
        try:
            service.read_team(team)
        except CommuniaError as exc:  # the page again, with the team as it was typed
            return _run_page(request, run_id, team=team, status=400,
                             team_error=say(str(exc), language(request)).message)
    return _follow(request, run_id, submit, account)


@router.get("/plans/{draft_id}")
def show_plan(request: Request, draft_id: str) -> Response:
    return _plan_page(request, draft_id)


def _plan_page(request: Request, draft_id: str, edit: dict[str, str] | None = None,
               edit_error: str = "", status: int = 200) -> Response:
    """A plan's page; ``edit`` and ``edit_error`` re-show a refused edit as it was typed."""
    view = service.load_plan(get_runtime(request), draft_id)
    plan = view.plan
    _ = gettext_for(language(request))
    chart = bar_chart([f"{z.zone} ({_('demand')})" for z in plan.zone_shares] +
                      [f"{z.zone} ({_('hours')})" for z in plan.zone_shares],
                      [round(z.demand_share * 100, 1) for z in plan.zone_shares] +
                      [round(z.hours_share * 100, 1) for z in plan.zone_shares],
                      _("Share of forecast demand and of planned hours per zone (%)"))
    return render(request, "planning/plan.html",
                  {"view": view, "plan": plan, "chart": chart,
                   "lines": editing.plan_lines(plan) if edit is None else edit["lines"],
                   "edit_reason": "" if edit is None else edit["reason"],
                   "edit_error": edit_error, "say": _sayer(request),
                   "model_labels": views.MODEL_LABELS}, status_code=status)


@router.post("/plans/{draft_id}/adopt")
def adopt(request: Request, draft_id: str, reason: str = Form(""),
          account: Account = Depends(_lead)) -> Response:
    service.adopt_plan(get_runtime(request), draft_id, account.username, reason)
    return RedirectResponse(f"/planning/plans/{draft_id}", status_code=303)


def _show_edit(request: Request, values: dict[str, str], message: str,
               status: int) -> Response:
    """The plan's page again after an edit the app refused before ``edit`` ran (the lines
    missing), with what was typed and the message next to the lines."""
    return _plan_page(request, request.path_params["draft_id"],
                      {"lines": values.get("lines", ""), "reason": values.get("reason", "")},
                      message, status)


@router.post("/plans/{draft_id}/edit")
@redisplay_on_invalid(_show_edit)
def edit(request: Request, draft_id: str, lines: str = Form(...), reason: str = Form(""),
         account: Account = Depends(_lead)) -> Response:
    try:
        service.edit_plan(get_runtime(request), draft_id, account.username, lines, reason)
    except editing.PlanLinesInvalid as exc:  # the lines as typed, to correct them
        return _plan_page(request, draft_id, {"lines": lines, "reason": reason},
                          say(str(exc), language(request)).message, status_of(exc))
    return RedirectResponse(f"/planning/plans/{draft_id}", status_code=303)


@router.get("/plans/{draft_id}/export/{fmt}")
def export(request: Request, draft_id: str, fmt: str, team: str = "") -> Response:
    name, media, data = service.export_plan(get_runtime(request), draft_id, fmt,
                                            language(request), team)
    return Response(data, media_type=media,
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})
