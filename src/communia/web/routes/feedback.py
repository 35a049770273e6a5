"""Field-feedback pages: import with a column picker, progress, themes, the human loop, exports."""

from __future__ import annotations

import secrets
from collections.abc import Callable, Coroutine, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, File, Form, Query, Request, UploadFile
from fastapi.routing import APIRoute
from starlette.concurrency import run_in_threadpool
from starlette.responses import RedirectResponse, Response

from communia.accounts.service import Account
from communia.errors import CommuniaError, InvalidInput, TooLarge
from communia.feedback import columns as column_guess
from communia.feedback import ingest, loop, outputs, service
from communia.feedback import messages as msg
from communia.feedback.ingest import ColumnChoice
from communia.feedback.jobs import start_synthesis
from communia.feedback.model import AI_AUTHOR, theme_bounds
from communia.feedback.tables import FeedbackRun
from communia.jobs.model import JobNotFound
from communia.jobs.runners import runner_for
from communia.web.charts import bar_chart, line_chart
from communia.web.deps import (
    FormPage,
    LoginRequired,
    current_account,
    get_runtime,
    language,
    redisplay_on_invalid,
    require_area,
    status_of,
)
from communia.web.i18n import gettext_for
from communia.web.routes.jobs import job_view
from communia.web.templating import render

AREA = "feedback"


def say(request: Request) -> Callable[[str], str]:
    """Field feedback's sentences (errors, notices, run messages) in the reader's language."""
    lang = language(request)
    gettext = gettext_for(lang)
    return lambda text: msg.translate(text, gettext, lang)


class _InReadersLanguage(APIRoute):
    """Every refusal of these pages (a wrong column, a finalised run...) in the reader's
    language: the service's English message is translated before the error page shows it."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def translated(request: Request) -> Response:
            try:
                return await handler(request)
            except CommuniaError as exc:
                if "application/json" not in request.headers.get("accept", ""):
                    exc.args = (say(request)(str(exc)),)  # API clients keep the English
                raise

        return translated


router = APIRouter(prefix="/feedback", route_class=_InReadersLanguage)
_lead = require_area(AREA)


def _uploads(request: Request) -> Path:
    folder = get_runtime(request).settings.data_dir / "feedback-uploads"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _index(request: Request, error: str = "", status_code: int = 200) -> Response:
    """The import page; after a refused file, with the message next to the file field."""
    runtime = get_runtime(request)
    with runtime.db.session() as session:
        runs = service.list_runs(session)
    return render(request, "feedback/index.html", {
        "runs": runs, "min_group_size": runtime.settings.feedback_min_group_size,
        "status_label": msg.status_label, "error": error}, status_code=status_code)


@router.get("")
def index(request: Request) -> Response:
    return _index(request)


@router.post("/import")
async def upload(request: Request, file: UploadFile = File(...)) -> Response:
    limit = get_runtime(request).settings.max_upload_bytes
    data = await file.read(limit + 1)
    name = Path(file.filename or "reports.txt").name
    if len(data) > limit:
        raise TooLarge(msg.TOO_LARGE_UPLOAD.format(name=name, limit=f"{limit:,}"))
    found = await run_in_threadpool(ingest.preview, name, ingest.open_bytes(data))
    try:  # more reports than one synthesis takes: said here, before any job
        await run_in_threadpool(service.check_size, get_runtime(request), name, data)
    except ingest.TooManyReports as exc:
        return _index(request, say(request)(str(exc)), status_of(exc))
    token = secrets.token_hex(16)
    (_uploads(request) / token).write_bytes(data)
    suggested = column_guess.suggest(found)
    reports = (await run_in_threadpool(service.reports_with_text, get_runtime(request), name,
                                       data, suggested)
               if suggested.text else len(found.rows))
    return _columns_page(request, token, name, found.columns, suggested, reports)


def _columns_page(request: Request, token: str, name: str, columns: list[str],
                  chosen: ColumnChoice, reports: int, themes: str = "", error: str = "",
                  status_code: int = 200) -> Response:
    """The column step; after a refusal, with the message and every choice kept."""
    low, high = theme_bounds(reports, get_runtime(request).settings.feedback_min_group_size)
    return render(request, "feedback/columns.html",
                  {"token": token, "name": name, "columns": columns, "suggested": chosen,
                   "themes": themes, "low": low, "high": high, "error": error},
                  status_code=status_code)


def _kept_upload(request: Request, token: str) -> Path:
    """The file kept between the upload and the column step."""
    if not token.isalnum():
        raise InvalidInput(msg.UPLOAD_REF_INVALID)
    path = _uploads(request) / token
    if not path.is_file():
        raise InvalidInput(msg.UPLOAD_EXPIRED)
    return path


def _columns_again(request: Request, token: str, name: str, data: bytes, choice: ColumnChoice,
                   themes: str, error: str, status_code: int) -> Response:
    """The column step of a kept file again, with every choice and the problem."""
    runtime = get_runtime(request)
    columns = ingest.read_columns(name, ingest.open_bytes(data))
    reports = (service.reports_with_text(runtime, name, data, choice)
               if ingest.has_column(columns, choice.text) else 0)
    return _columns_page(request, token, name, columns, choice, reports, themes, error,
                         status_code=status_code)


def _show_columns(request: Request, values: dict[str, str], message: str,
                  status: int) -> Response:
    """The column step again after a form the app refused before ``start`` ran (a field
    missing): not an error page whose way back reloads the form without the choices."""
    token, name = values.get("token", ""), values.get("name", "")
    data = _kept_upload(request, token).read_bytes()
    choice = ColumnChoice(values.get("text_column", ""), values.get("date_column", ""),
                          values.get("place_column", ""), values.get("source_column", ""))
    return _columns_again(request, token, name, data, choice, values.get("themes", ""),
                          message, status)


@router.post("/start")
@redisplay_on_invalid(_show_columns)
def start(request: Request, token: str = Form(...), name: str = Form(...),
          text_column: str = Form(...), date_column: str = Form(""),
          place_column: str = Form(""), source_column: str = Form(""),
          themes: str = Form(""), account: Account = Depends(_lead)) -> Response:
    path = _kept_upload(request, token)
    data = path.read_bytes()
    runtime = get_runtime(request)
    choice = ColumnChoice(text_column, date_column, place_column, source_column)
    try:
        wanted = service.check_start(runtime, name, data, choice, themes)
    except ingest.TooManyReports as exc:  # the limit was lowered since the upload
        path.unlink()
        return _index(request, say(request)(str(exc)), status_of(exc))
    except InvalidInput as exc:  # the file stays, to choose again
        return _columns_again(request, token, name, data, choice, themes,
                              say(request)(str(exc)), 400)
    path.unlink()
    run_id = start_synthesis(runtime, runner_for(runtime), name, data, choice, wanted,
                             account.username)
    return RedirectResponse(f"/feedback/runs/{run_id}", status_code=303)


@router.get("/runs/{run_id}/status")
def status(request: Request, run_id: str) -> Response:
    with get_runtime(request).db.session() as session:
        run = service.get_run(session, run_id)
    response = render(request, "feedback/status.html",
                      {"run": run, "run_message": say(request)(run.message)})
    if run.status != "running":
        response.headers["HX-Refresh"] = "true"
    return response


@router.get("/runs/{run_id}")
def show(request: Request, run_id: str, account: Account = Depends(_lead),
         moved: int = Query(0, ge=0), to: str = Query("")) -> Response:
    return _run_page(request, run_id, account, _moved_note(request, run_id, moved, to))


def _run_page(request: Request, run_id: str, account: Account, note: str = "",
              refused: tuple[str, str, str, str] | None = None,
              status_code: int = 200) -> Response:
    """The synthesis page; ``refused`` is a theme form sent back: (its action — rename,
    merge, move, split or delete —, the theme id, the message, what was typed or chosen)."""
    runtime = get_runtime(request)
    with runtime.db.session() as session:
        run = service.get_run(session, run_id)
    job = _job(request, run, account)
    if job is not None and job["status"].state in ("failed", "cancelled"):
        service.stop_run(runtime, run_id, job["status"].state, job["status"].message)
        job = None  # the run now says what happened
    with runtime.db.session() as session:
        run = service.get_run(session, run_id)
        views = (outputs.theme_views(runtime, session, run)
                 if run.status in service.STORED else [])
        places, hidden = outputs.places(runtime, session, run)
    least = runtime.settings.feedback_min_group_size
    translate = say(request)
    return render(request, "feedback/run.html", {
        "run": run, "job": job, "views": views, "places": places, "hidden_places": hidden,
        "notices": [translate(n) for n in run.notices], "run_message": translate(run.message),
        "ai_author": AI_AUTHOR, "note": note, "refused": refused,
        "refused_elsewhere": refused is not None and refused[1] not in {v.id for v in views},
        "min_group_size": least, **_charts(views, gettext_for(language(request)), least)},
        status_code=status_code)


def _job(request: Request, run: FeedbackRun, account: Account) -> dict[str, Any] | None:
    """The analysing job's progress while the run is running, if this person may see it."""
    job_id = service.job_of(run)
    if not job_id or run.status != "running":
        return None
    try:
        return job_view(request, job_id, account)
    except JobNotFound:  # another person's job: the run's own progress is shown
        return None


def _charts(views: list[outputs.ThemeView], _: Callable[[str], str],
            least: int) -> dict[str, object]:
    sized = [v for v in views if v.count]
    title = _("Reports per theme (no figure under %(n)s reports)") % {"n": least}
    sizes = bar_chart([v.label for v in sized], [v.count or 0 for v in sized],
                      title) if sized else None
    periods = sorted({p.period for v in sized for p in v.trend})
    series: dict[str, Sequence[float]] = {
        v.label[:30]: [float(dict((p.period, p.count) for p in v.trend).get(period, 0))
                       for period in periods] for v in sized[:3]}
    trend = line_chart(periods, series, _("Reports per period, three largest themes")) \
        if len(periods) > 1 else None
    return {"sizes_chart": sizes, "trend_chart": trend, "periods": periods,
            "trend_series": series}


def _back(run_id: str) -> RedirectResponse:
    return RedirectResponse(f"/feedback/runs/{run_id}", status_code=303)


def _show_theme_form(action: str, typed: str = "") -> FormPage:
    """The synthesis page again after a theme form the app refused before its route ran
    (a field missing, a value of the wrong form), with what was typed (``typed``: the
    field kept) and the message next to the form."""

    def show(request: Request, values: dict[str, str], message: str,
             status: int) -> Response:
        account = current_account(request)
        if account is None:
            raise LoginRequired()
        return _run_page(request, request.path_params["run_id"], account,
                         refused=(action, values.get("theme_id", ""), message,
                                  values.get(typed, "")), status_code=status)

    return show


def _theme_action(request: Request, run_id: str, account: Account, action: str,
                  theme_id: str, typed: str, act: Callable[[], object]) -> Response:
    """Run a theme edit; a refused value brings the synthesis page back with the message
    next to the form and what was typed."""
    try:
        act()
    except InvalidInput as exc:
        return _run_page(request, run_id, account,
                         refused=(action, theme_id, say(request)(str(exc)), typed),
                         status_code=status_of(exc))
    return _back(run_id)


@router.post("/runs/{run_id}/rename")
@redisplay_on_invalid(_show_theme_form("rename", "label"))
def rename(request: Request, run_id: str, theme_id: str = Form(...), label: str = Form(...),
           account: Account = Depends(_lead)) -> Response:
    return _theme_action(request, run_id, account, "rename", theme_id, label, lambda: loop.rename(
        get_runtime(request), run_id, theme_id, label, account.username))


@router.post("/runs/{run_id}/merge")
@redisplay_on_invalid(_show_theme_form("merge", "other_id"))
def merge(request: Request, run_id: str, theme_id: str = Form(...), other_id: str = Form(...),
          account: Account = Depends(_lead)) -> Response:
    return _theme_action(request, run_id, account, "merge", theme_id, other_id, lambda: loop.merge(
        get_runtime(request), run_id, [theme_id, other_id], account.username))


@router.post("/runs/{run_id}/split")
@redisplay_on_invalid(_show_theme_form("split"))
def split(request: Request, run_id: str, theme_id: str = Form(...),
          account: Account = Depends(_lead)) -> Response:
    return _theme_action(request, run_id, account, "split", theme_id, "", lambda: loop.split(
        get_runtime(request), run_id, theme_id, account.username))


@router.post("/runs/{run_id}/delete")
@redisplay_on_invalid(_show_theme_form("delete"))
def delete(request: Request, run_id: str, theme_id: str = Form(...),
           account: Account = Depends(_lead)) -> Response:
    return _theme_action(request, run_id, account, "delete", theme_id, "",
                         lambda: loop.delete_theme(get_runtime(request), run_id, theme_id,
                                                   account.username))


@router.get("/runs/{run_id}/themes/{theme_id}")
def theme_page(request: Request, run_id: str, theme_id: str,
               account: Account = Depends(_lead), page: int = Query(1, ge=1),
               moved: int = Query(0, ge=0), to: str = Query("")) -> Response:
    return _theme_page(request, run_id, theme_id, page,
                       note=_moved_note(request, run_id, moved, to))


def _theme_page(request: Request, run_id: str, theme_id: str, page: int, *, note: str = "",
                error: str = "", typed: str = "", ticked: Sequence[str] = (),
                target: str = "", status_code: int = 200) -> Response:
    """A page of one theme's reports, numbered, to tick the ones to move elsewhere."""
    runtime = get_runtime(request)
    with runtime.db.session() as session:
        run = service.get_run(session, run_id)
        theme = service.theme_of(session, run_id, theme_id)
        listing = outputs.theme_reports(runtime, session, run, theme, page)
        others = [t for t in service.active_themes(session, run_id) if t.id != theme_id]
        return render(request, "feedback/theme.html", {
            "run": run, "theme": theme, "listing": listing, "others": others,
            "min_group_size": runtime.settings.feedback_min_group_size,
            "ai_author": AI_AUTHOR, "note": note, "error": error, "typed": typed,
            "ticked": set(ticked), "target": target}, status_code=status_code)


def _show_move(request: Request, values: dict[str, str], message: str,
               status: int) -> Response:
    """The form the move came from again (a theme's page or the synthesis page) after the
    app refused it before ``move`` ran (e.g. a page number that is not a number)."""
    run_id, from_theme = request.path_params["run_id"], values.get("from_theme", "")
    if not from_theme:
        return _show_theme_form("move", "rows")(request, values, message, status)
    page = values.get("page", "")
    submitted = getattr(request.state, "submitted", None)  # the boxes ticked, all of them
    ticked = [v for v in submitted.getlist("picked") if isinstance(v, str)] if submitted else []
    return _theme_page(request, run_id, from_theme, max(1, int(page)) if page.isdigit() else 1,
                       error=message, typed=values.get("rows", ""), ticked=ticked,
                       target=values.get("theme_id", ""), status_code=status)


@router.post("/runs/{run_id}/move")
@redisplay_on_invalid(_show_move)
def move(request: Request, run_id: str, theme_id: str = Form(...), rows: str = Form(""),
         picked: list[str] = Form([]), from_theme: str = Form(""), page: int = Form(1),
         account: Account = Depends(_lead)) -> Response:
    """Move the reports ticked (``picked``) or typed (``rows``) by the numbers the pages
    show (1 = first report) to the theme ``theme_id``; a wrong number re-shows the form
    with the message and what was typed."""
    runtime = get_runtime(request)
    with runtime.db.session() as session:
        reports = service.editable_run(session, run_id).reports
    try:
        chosen = loop.rows_from_numbers(rows, picked, reports)
    except InvalidInput as exc:
        message = say(request)(str(exc))
        if from_theme:
            return _theme_page(request, run_id, from_theme, page, error=message, typed=rows,
                               ticked=picked, target=theme_id, status_code=400)
        return _run_page(request, run_id, account, refused=("move", theme_id, message, rows),
                         status_code=400)
    loop.move(runtime, run_id, chosen, theme_id, account.username)
    done = urlencode({"moved": len(chosen), "to": theme_id})
    if from_theme:
        return RedirectResponse(f"/feedback/runs/{run_id}/themes/{from_theme}?page={page}&"
                                f"{done}#fb-note", status_code=303)
    return RedirectResponse(f"/feedback/runs/{run_id}?{done}#fb-note", status_code=303)


def _moved_note(request: Request, run_id: str, moved: int, to: str) -> str:
    """'3 reports moved to …' after a move, in the reader's language ("" otherwise)."""
    if not moved or not to:
        return ""
    with get_runtime(request).db.session() as session:
        try:
            label = service.theme_of(session, run_id, to).label
        except CommuniaError:
            return ""
    return say(request)(msg.MOVED.format(n=moved, label=label))


@router.post("/runs/{run_id}/finalise")
def finalise(request: Request, run_id: str, account: Account = Depends(_lead)) -> Response:
    loop.finalise(get_runtime(request), run_id, account.username, language(request))
    return _back(run_id)


@router.get("/runs/{run_id}/note.{fmt}")
def note(request: Request, run_id: str, fmt: str) -> Response:
    if fmt not in ("docx", "pdf"):
        raise InvalidInput(msg.UNKNOWN_FORMAT.format(fmt=fmt))
    runtime = get_runtime(request)
    with runtime.db.session() as session:
        run = service.get_run(session, run_id)
        data, _ = outputs.note_bytes(runtime, session, run, fmt, language(request))
    media = ("application/pdf" if fmt == "pdf" else
             "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    return Response(data, media_type=media, headers={
        "Content-Disposition": f'attachment; filename="synthesis-{run_id[:8]}.{fmt}"'})


@router.get("/runs/{run_id}/assignments.csv")
def assignments(request: Request, run_id: str) -> Response:
    with get_runtime(request).db.session() as session:
        body = outputs.assignments_csv(session, service.get_run(session, run_id))
    return Response(body, media_type="text/csv; charset=utf-8", headers={
        "Content-Disposition": f'attachment; filename="assignments-{run_id[:8]}.csv"'})
