"""Journal console: filters, verification status, JSON-lines and syslog exports."""

from __future__ import annotations

from collections.abc import Iterator
from socket import gethostname

from fastapi import APIRouter, Request
from starlette.responses import Response, StreamingResponse

from communia.governance import journal
from communia.governance.console import journal_export
from communia.governance.console.journal_export import JournalFilter
from communia.web.deps import get_runtime
from communia.web.templating import render

AREA = "journal"
router = APIRouter(prefix="/journal", include_in_schema=False)
PAGE = 200


def _filters(request: Request) -> JournalFilter:
    q = request.query_params
    return JournalFilter(kind=q.get("kind", "").strip(), actor=q.get("actor", "").strip(),
                         use_case=q.get("use_case", "").strip(), since=q.get("since", "").strip(),
                         until=q.get("until", "").strip())


@router.get("")
def console(request: Request) -> Response:
    filters = _filters(request)
    with get_runtime(request).db.session() as session:
        report = journal.verify(session)
        rows = journal_export.entries(session, filters, PAGE)
        kinds = journal_export.kinds(session)
    query = str(request.url.query)
    return render(request, "journal/console.html", {
        "report": report, "rows": rows, "kinds": kinds, "f": filters, "page": PAGE,
        "query": query})


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
