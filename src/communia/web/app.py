"""The web application factory: middleware, static files, routes and error pages."""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path
from types import ModuleType
from typing import Any
from urllib.parse import urlsplit

from fastapi import Depends, FastAPI, Request
from fastapi.exception_handlers import http_exception_handler, request_validation_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.sessions import SessionMiddleware
from starlette.responses import JSONResponse, RedirectResponse, Response

from communia.bootstrap import Runtime
from communia.errors import CommuniaError
from communia.web import routes
from communia.web.deps import (
    STATUS,
    CsrfFailed,
    Forbidden,
    LoginRequired,
    csrf_protect,
    language,
    require_area,
)
from communia.web.i18n import gettext_for
from communia.web.security import CSRF_FIELD
from communia.web.templating import named_field, render, translated

STATIC = Path(__file__).parent / "static"


def create_app(runtime: Runtime) -> FastAPI:
    """Build the FastAPI app over an already bootstrapped runtime."""
    settings = runtime.settings
    app = FastAPI(title="Communia", version="0.1.0", docs_url="/api/docs",
                  redoc_url=None, openapi_url="/api/openapi.json")
    app.state.runtime = runtime
    app.state.areas = set()
    from communia.web.hardening import install as install_hardening
    from communia.web.security import SecurityHeaders

    install_hardening(app, settings)  # upload limit, request metrics, store-outage 503
    app.add_middleware(SecurityHeaders, hsts=settings.secure_cookies)
    app.add_middleware(SessionMiddleware, secret_key=runtime.secret_key,
                       session_cookie="communia_session", max_age=settings.session_max_age_seconds,
                       same_site="lax", https_only=settings.secure_cookies)
    app.mount("/static", StaticFiles(directory=str(STATIC)), name="static")
    for module in route_modules():
        _include(app, module)
    _add_error_handlers(app)
    return app


def route_modules() -> list[ModuleType]:
    """Every module of ``communia.web.routes``, in name order."""
    names = sorted(m.name for m in pkgutil.iter_modules(routes.__path__))
    return [importlib.import_module(f"communia.web.routes.{name}") for name in names]


def _include(app: FastAPI, module: ModuleType) -> None:
    area = getattr(module, "AREA", None)
    if area is None:
        app.include_router(module.router, dependencies=[Depends(csrf_protect)])
        return
    app.state.areas.add(area)
    app.include_router(module.router, dependencies=[Depends(require_area(area))])


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or "application/json" in request.headers.get(
        "accept", "")


# The heading of an error page says what kind of problem it is (translated with the
# catalog): a value to correct is not a refusal, and a refusal by a rule is not a role's.
TITLES = {
    "invalid": "Invalid input",
    "denied": "Access denied",
    "expired": "Form expired",
    "refused": "Action refused",
    "not_found": "Page not found",
    "not_allowed_here": "Page not available",
    "conflict": "Action not possible now",
    "too_large": "Too large",
    "unavailable": "Temporarily unavailable",
}
_CAUSE_OF_STATUS = {400: "invalid", 422: "invalid", 403: "refused", 404: "not_found",
                    405: "not_allowed_here", 409: "conflict", 413: "too_large",
                    503: "unavailable"}


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(LoginRequired)
    async def login_required(request: Request, exc: LoginRequired) -> Response:
        if _wants_json(request):
            return JSONResponse({"error": "authentication required"}, status_code=401)
        return RedirectResponse(f"/login?next={request.url.path}", status_code=303)

    @app.exception_handler(Forbidden)
    async def forbidden(request: Request, exc: Forbidden) -> Response:
        return _error(request, 403, "Your role does not give access to this page. "
                      "Ask an administrator if you need it.", cause="denied")

    @app.exception_handler(CsrfFailed)
    async def csrf_failed(request: Request, exc: CsrfFailed) -> Response:
        return _error(request, 403, "This form has expired. Reload the page and submit again.",
                      cause="expired")

    @app.exception_handler(CommuniaError)
    async def domain_error(request: Request, exc: CommuniaError) -> Response:
        status = STATUS.get(exc.kind, 400)
        message = str(exc) if _wants_json(request) else translated(language(request), str(exc))
        return _error(request, status, message, translate=False,
                      cause=_CAUSE_OF_STATUS.get(status, "invalid"))

    app.add_exception_handler(RequestValidationError, _invalid_form)  # type: ignore[arg-type]

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        # A mistyped address gets the product's page in the reader's language, not
        # FastAPI's JSON; API clients keep FastAPI's answer.
        message = _HTTP_MESSAGES.get(exc.status_code)
        if message is None or _wants_json(request):
            return await http_exception_handler(request, exc)
        return _error(request, exc.status_code, message,
                      cause=_CAUSE_OF_STATUS.get(exc.status_code, "invalid"))


async def _invalid_form(request: Request, exc: RequestValidationError) -> Response:
    """A form sent with a required field empty or a value of the wrong form: the form page
    again with the input kept when its route offers it (``redisplay_on_invalid``), else the
    message where the answer goes (HTMX) or on an error page. The message names each field
    by its visible label, in the reader's language. API clients keep FastAPI's answer."""
    if _wants_json(request):
        return await request_validation_exception_handler(request, exc)
    errors = [e for e in exc.errors() if e.get("loc")]
    if any(e["loc"][0] == "path" for e in errors):  # /governance/ethics/conditions/abc
        return _error(request, 404, _HTTP_MESSAGES[404], cause="not_found")
    message = form_problems(request, errors)
    show = getattr(request.scope.get("endpoint"), "redisplay", None)
    if show is not None and not request.headers.get("hx-request"):
        form = await request.form()
        values = {k: v for k, v in form.items() if isinstance(v, str) and k != CSRF_FIELD}
        request.state.submitted = form  # every value of a repeated field (ticked boxes)
        try:
            response: Response = show(request, values, message, 422)
        except Exception as refusal:  # the page itself refused (role, missing record)
            return await _handled(request, refusal)
        return response
    return _error(request, 422, message, translate=False, cause="invalid", back=True)


async def _handled(request: Request, exc: Exception) -> Response:
    """The app's answer to ``exc`` raised while answering another error."""
    for kind in type(exc).__mro__:
        handler = request.app.exception_handlers.get(kind)
        if handler is not None:
            response: Response = await handler(request, exc)
            return response
    raise exc


# What is expected instead of a refused value, by pydantic error type.
_HINTS = {
    "int_parsing": "enter a whole number",
    "int_type": "enter a whole number",
    "int_from_float": "enter a whole number",
    "float_parsing": "enter a number",
    "float_type": "enter a number",
    "bool_parsing": "tick or untick the box",
    "date_parsing": "enter a date as YYYY-MM-DD",
    "date_from_datetime_parsing": "enter a date as YYYY-MM-DD",
    "string_too_long": "at most {max_length} characters",
    "string_too_short": "at least {min_length} characters",
    "greater_than_equal": "at least {ge}",
    "greater_than": "more than {gt}",
    "less_than_equal": "at most {le}",
    "less_than": "less than {lt}",
    "literal_error": "choose one of the values offered",
    "enum": "choose one of the values offered",
}


def form_problems(request: Request, errors: list[dict[str, Any]]) -> str:
    """One sentence per kind of problem, each field named by its visible label."""
    _ = gettext_for(language(request))
    missing: list[str] = []
    wrong: list[str] = []
    for error in errors:
        name = named_field(request, str(error["loc"][-1]))
        if error.get("type") == "missing":
            if name not in missing:
                missing.append(name)
            continue
        hint = _(_HINTS.get(str(error.get("type")), "this value is not accepted"))
        try:
            hint = hint.format(**(error.get("ctx") or {}))
        except (KeyError, IndexError, ValueError):
            pass
        wrong.append(_("{field}: {hint}.").format(field=name, hint=hint))
    sentences = []
    if missing:
        sentences.append(_("Fill in {fields}, then submit again.").format(
            fields=", ".join(missing)))
    sentences.extend(wrong)
    return " ".join(sentences) or _("Check the form, then submit again.")


_HTTP_MESSAGES = {
    404: "This page does not exist. Check the address, or go back to the home page.",
    405: "This address does not take this kind of request. Go back to the page and use "
         "its buttons or forms.",
}


def _error(request: Request, status: int, message: str, translate: bool = True,
           cause: str = "invalid", back: bool = False) -> Response:
    """The error page (a fragment for HTMX, JSON for API clients), headed by its cause.

    ``back``: the page offers to go back to the form, whose input the browser keeps."""
    if _wants_json(request):
        return JSONResponse({"error": message}, status_code=status)
    _ = gettext_for(language(request))
    if translate:
        message = _(message)
    context = {"message": message, "status": status, "title": _(TITLES[cause]),
               "back": _same_site_referer(request) if back else ""}
    if request.headers.get("hx-request"):
        return render(request, "partials/error.html", context, status_code=status)
    return render(request, "error.html", context, status_code=status)


def _same_site_referer(request: Request) -> str:
    """The page the form was sent from, when it is one of ours (a path), else ""."""
    referer = urlsplit(request.headers.get("referer", ""))
    same = referer.netloc == request.url.netloc and referer.scheme in ("http", "https")
    if not same or not referer.path.startswith("/") or referer.path.startswith("//"):
        return ""
    return referer.path + (f"?{referer.query}" if referer.query else "")
