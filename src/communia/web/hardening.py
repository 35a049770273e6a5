"""Operational layers of the web app: upload limit, request metrics, store-outage answers.

``install(app, settings)`` is called once by the app factory.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from fastapi import FastAPI, Request
from sqlalchemy.exc import DBAPIError
from starlette.responses import JSONResponse, Response

from communia.config import Settings
from communia.ops.metrics import observe_request
from communia.web.i18n import LANGUAGES, gettext_for, negotiate
from communia.web.limits import UploadLimit

log = logging.getLogger("communia.web")
STORE_DOWN = ("The database cannot be reached right now. Your last action was not saved; "
              "try again in a minute. If it lasts, tell your IT department.")
DISK_FULL = ("The server's storage is full. Your last action was not saved and nothing "
             "stored was damaged. Tell your IT department to free space, then try again.")


class RequestMetrics:
    """Pure ASGI middleware counting requests by method, route template and status."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = {"code": 500}

        async def watch(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                status["code"] = int(message["status"])
            await send(message)

        try:
            await self.app(scope, receive, watch)
        finally:
            route = scope.get("route")
            template = str(getattr(route, "path", "")) or "unmatched"
            observe_request(scope.get("method", ""), template, status["code"],
                            time.perf_counter() - started)


def _journal_upload_refusal(app: FastAPI, scope: dict[str, Any]) -> None:
    """Journal an upload refused for its size: who (if signed in), where, the limit."""
    from communia.governance import journal
    from communia.governance.events import ActionRecorded

    session = scope.get("session") or {}
    actor = str(session.get("user") or "anonymous")
    runtime = app.state.runtime
    try:
        with runtime.db.session() as db:
            journal.record(db, ActionRecorded(
                actor=actor, use_case="-", action="upload.refused",
                detail={"path": scope.get("path", ""),
                        "limit_bytes": runtime.settings.max_upload_bytes}))
    except Exception:  # the 413 must reach the person even if the store is down
        log.warning("could not journal a refused upload on %s", scope.get("path", ""))


def install(app: FastAPI, settings: Settings) -> None:
    """Add the upload limit, the request metrics and the store-outage handler to ``app``."""
    app.add_middleware(UploadLimit, max_bytes=settings.max_upload_bytes,
                       on_reject=lambda scope: _journal_upload_refusal(app, scope))
    app.add_middleware(RequestMetrics)
    app.add_exception_handler(DBAPIError, _store_unreachable)


async def _store_unreachable(request: Request, exc: Exception) -> Response:
    """503 with a plain explanation; the page is rendered without touching the store."""
    log.error("store error on %s: %s", request.url.path, type(exc).__name__)  # no SQL, no data
    lang = request.cookies.get("lang", "")
    if lang not in LANGUAGES:
        lang = negotiate(request.headers.get("accept-language", ""), "fr")
    detail = str(getattr(exc, "orig", "") or exc).lower()
    full = "disk is full" in detail or "no space left" in detail
    message = gettext_for(lang)(DISK_FULL if full else STORE_DOWN)
    headers = {"Retry-After": "30"}
    if request.url.path.startswith("/api/") or "json" in request.headers.get("accept", ""):
        return JSONResponse({"error": message}, status_code=503, headers=headers)
    from communia.web.templating import templates

    return templates.TemplateResponse(
        request, "error.html",
        {"request": request, "_": gettext_for(lang), "lang": lang, "account": None,
         "csrf_token": "", "nav": [], "authority": request.app.state.runtime.settings
         .authority_name, "message": message, "status": 503},
        status_code=503, headers=headers)
