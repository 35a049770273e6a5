"""Planning pages: import a log, forecast with the baseline beside it, propose, adopt, export.

Forecasts and plans are jobs (``planning.jobs``): the form gets the job's progress
fragment (HTMX) or the run page with it, which links to the result when it is done.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from starlette.concurrency import run_in_threadpool
from starlette.responses import RedirectResponse, Response

from communia.accounts.service import Account
from communia.errors import CommuniaError, TooLarge
from communia.jobs.model import JobNotFound
from communia.jobs.runners import runner_for
from communia.planning import editing, jobs, service, views
from communia.planning.ingest import ImportOptions
from communia.planning.model import DEFAULT_HOLIDAYS, DEFAULT_TIMEZONE
from communia.web.charts import bar_chart, heatmap, line_chart
from communia.web.deps import get_runtime, language, require_area
from communia.web.routes.jobs import job_view
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


def _done(request: Request, url: str) -> Response:
    """Redirect after a successful POST (HTMX follows ``HX-Redirect``)."""
    if request.headers.get("hx-request"):
        return Response(status_code=204, headers={"HX-Redirect": url})
    return RedirectResponse(url, status_code=303)


def _attempt(request: Request, action: Callable[[], str]) -> Response:
    """Run ``action`` (returns the next URL); under HTMX show a domain error in place."""
    try:
        return _done(request, action())
    except CommuniaError as exc:
        return _in_place(request, exc)


def _in_place(request: Request, exc: CommuniaError) -> Response:
    if not request.headers.get("hx-request"):
        raise exc
    return render(request, "partials/error.html", {"message": str(exc), "status": 400})


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
    runs = service.list_runs(get_runtime(request))
    return render(request, "planning/index.html",
                  {"runs": runs, "timezone": DEFAULT_TIMEZONE, "holidays": DEFAULT_HOLIDAYS})


@router.post("/import")
async def import_log(request: Request, file: UploadFile = File(...),
                     time_column: str = Form(...), place_column: str = Form(""),
                     source_column: str = Form(""), timezone: str = Form(DEFAULT_TIMEZONE),
                     account: Account = Depends(_lead)) -> Response:
    runtime = get_runtime(request)
    limit = runtime.settings.max_upload_bytes
    data = await file.read(limit + 1)
    name = Path(file.filename or "events.csv").name
    options = ImportOptions(time_column.strip(), place_column.strip() or None,
                            source_column.strip() or None, timezone.strip() or DEFAULT_TIMEZONE)

    def act() -> str:
        if len(data) > limit:
            raise TooLarge(f"{name}: larger than {limit:,} bytes; use 'communia plan forecast' "
                           "for large logs.")
        run_id = service.import_log(runtime, name, io.BytesIO(data), options, account.username)
        return f"/planning/runs/{run_id}"

    return await run_in_threadpool(_attempt, request, act)  # parsing a log takes seconds


@router.get("/runs/{run_id}")
def show_run(request: Request, run_id: str, zone: str = "", job: str = "",
             account: Account = Depends(_lead)) -> Response:
    runtime = get_runtime(request)
    run = service.get_run(runtime, run_id)
    context: dict[str, Any] = {"run": run, "example_team": run.team_yaml or EXAMPLE_TEAM,
                               "seconds": runtime.settings.planning_schedule_seconds,
                               "holidays": DEFAULT_HOLIDAYS,
                               "job": _job(request, job, account)}
    if run.forecast is not None:
        context.update(_forecast_figures(request, run.forecast, zone))
    return render(request, "planning/run.html", context)


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
    from communia.web.i18n import gettext_for

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
def run_forecast(request: Request, run_id: str, horizon_weeks: int = Form(2),
                 holidays: str = Form(DEFAULT_HOLIDAYS), school_zone: str = Form(""),
                 account: Account = Depends(_lead)) -> Response:
    runtime = get_runtime(request)

    def submit() -> str:
        service.get_run(runtime, run_id)  # an unknown log is refused here, not in the job
        return jobs.submit_forecast(runtime, runner_for(runtime), run_id, horizon_weeks,
                                    holidays.strip().upper(), school_zone.strip().upper(),
                                    account.username)

    return _follow(request, run_id, submit, account)


@router.post("/runs/{run_id}/plan")
def propose(request: Request, run_id: str, team: str = Form(...),
            account: Account = Depends(_lead)) -> Response:
    runtime = get_runtime(request)

    def submit() -> str:
        return jobs.submit_plan(runtime, runner_for(runtime), run_id, team, account.username)

    return _follow(request, run_id, submit, account)


@router.get("/plans/{draft_id}")
def show_plan(request: Request, draft_id: str) -> Response:
    view = service.load_plan(get_runtime(request), draft_id)
    plan = view.plan
    from communia.web.i18n import gettext_for

    _ = gettext_for(language(request))
    chart = bar_chart([f"{z.zone} ({_('demand')})" for z in plan.zone_shares] +
                      [f"{z.zone} ({_('hours')})" for z in plan.zone_shares],
                      [round(z.demand_share * 100, 1) for z in plan.zone_shares] +
                      [round(z.hours_share * 100, 1) for z in plan.zone_shares],
                      _("Share of forecast demand and of planned hours per zone (%)"))
    return render(request, "planning/plan.html",
                  {"view": view, "plan": plan, "chart": chart,
                   "lines": editing.plan_lines(plan)})


@router.post("/plans/{draft_id}/adopt")
def adopt(request: Request, draft_id: str, reason: str = Form(""),
          account: Account = Depends(_lead)) -> Response:
    service.adopt_plan(get_runtime(request), draft_id, account.username, reason)
    return RedirectResponse(f"/planning/plans/{draft_id}", status_code=303)


@router.post("/plans/{draft_id}/edit")
def edit(request: Request, draft_id: str, lines: str = Form(...), reason: str = Form(""),
         account: Account = Depends(_lead)) -> Response:
    service.edit_plan(get_runtime(request), draft_id, account.username, lines, reason)
    return RedirectResponse(f"/planning/plans/{draft_id}", status_code=303)


@router.get("/plans/{draft_id}/export/{fmt}")
def export(request: Request, draft_id: str, fmt: str, team: str = "") -> Response:
    name, media, data = service.export_plan(get_runtime(request), draft_id, fmt,
                                            language(request), team)
    return Response(data, media_type=media,
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})
