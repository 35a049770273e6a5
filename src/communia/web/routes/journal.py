"""Journal console: filters, verification status, JSON-lines and syslog exports."""

from __future__ import annotations

from collections.abc import Iterator
from socket import gethostname

from fastapi import APIRouter, Request
from starlette.responses import Response, StreamingResponse

from communia.governance import journal, register
from communia.governance.console import journal_export
from communia.governance.console.journal_export import JournalFilter
from communia.web.deps import get_runtime, language
from communia.web.i18n import gettext_for
from communia.web.templating import named_field, render

AREA = "journal"
router = APIRouter(prefix="/journal", include_in_schema=False)
PAGE = 200


def _filters(request: Request) -> JournalFilter:
    q = request.query_params
    return JournalFilter(kind=q.get("kind", "").strip(), actor=q.get("actor", "").strip(),
                         use_case=q.get("use_case", "").strip(), since=q.get("since", "").strip(),
                         until=q.get("until", "").strip())


# What is wrong with a date filter, by ``journal_export.check_filters`` code.
DATE_PROBLEMS = {
    "not_a_date": "{field}: this is not a date of the calendar ({value}); choose a day that "
                  "exists, e.g. 2026-02-28.",
    "before_since": "{field}: the end of the period ({value}) is before its start; swap the "
                    "two dates.",
}


@router.get("")
def console(request: Request) -> Response:
    filters = _filters(request)
    problems = journal_export.check_filters(filters)
    _ = gettext_for(language(request))
    errors = {name: _(DATE_PROBLEMS[code]).format(field=named_field(request, name),
                                                   value=getattr(filters, name)[:20])
              for name, code in problems.items()}
    with get_runtime(request).db.session() as session:
        report = journal.verify(session)
        rows = [] if errors else journal_export.entries(session, filters, PAGE)
        kinds = journal_export.kinds(session)
        names = register.names(session)
    query = "" if errors else str(request.url.query)
    return render(request, "journal/console.html", {
        "report": report, "rows": rows, "kinds": kinds, "f": filters, "page": PAGE,
        "query": query, "errors": errors, "use_case_names": names},
        status_code=400 if errors else 200)


@router.get("/export")
def export(request: Request, format: str = "jsonl") -> Response:
    filters = _filters(request)
    runtime = get_runtime(request)
    with runtime.db.session() as session:
        lines = list(journal_export.export_lines(session, filters, format, gethostname()))

    def body() -> Iterator[str]:
        for line in lines:
            yield line + "\n"

    suffix = "jsonl" if format == "jsonl" else "log"
    media = "application/x-ndjson" if format == "jsonl" else "text/plain; charset=utf-8"
    return StreamingResponse(body(), media_type=media, headers={
        "Content-Disposition": f'attachment; filename="communia-journal.{suffix}"'})
