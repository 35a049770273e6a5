"""The web application factory: middleware, static files, routes and error pages."""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path
from types import ModuleType

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
from communia.web.deps import CsrfFailed, Forbidden, LoginRequired, csrf_protect, require_area
from communia.web.i18n import gettext_for
from communia.web.templating import render

STATIC = Path(__file__).parent / "static"
STATUS = {"invalid": 400, "not_found": 404, "refused": 403, "conflict": 409,
          "unavailable": 503, "too_large": 413}


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


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(LoginRequired)
    async def login_required(request: Request, exc: LoginRequired) -> Response:
        if _wants_json(request):
            return JSONResponse({"error": "authentication required"}, status_code=401)
        return RedirectResponse(f"/login?next={request.url.path}", status_code=303)

    @app.exception_handler(Forbidden)
    async def forbidden(request: Request, exc: Forbidden) -> Response:
        return _error(request, 403, "Your role does not give access to this page. "
                      "Ask an administrator if you need it.")

    @app.exception_handler(CsrfFailed)
    async def csrf_failed(request: Request, exc: CsrfFailed) -> Response:
        return _error(request, 403, "This form has expired. Reload the page and submit again.")

    @app.exception_handler(CommuniaError)
    async def domain_error(request: Request, exc: CommuniaError) -> Response:
        return _error(request, STATUS.get(exc.kind, 400), str(exc), translate=False)

    app.add_exception_handler(RequestValidationError, _invalid_form)  # type: ignore[arg-type]

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        # A mistyped address gets the product's page in the reader's language, not
        # FastAPI's JSON; API clients keep FastAPI's answer.
        message = _HTTP_MESSAGES.get(exc.status_code)
        if message is None or _wants_json(request):
            return await http_exception_handler(request, exc)
        return _error(request, exc.status_code, message)


async def _invalid_form(request: Request, exc: RequestValidationError) -> Response:
    """A form sent with a required field empty or a value of the wrong form: the page
    says which field, in the reader's language; API clients keep FastAPI's answer."""
    if _wants_json(request):
        return await request_validation_exception_handler(request, exc)
    from communia.web.deps import language

    fields = sorted({str(error["loc"][-1]) for error in exc.errors() if error.get("loc")})
    message = gettext_for(language(request))(
        "Fill in every required field, then submit again. Missing or invalid: {fields}."
    ).format(fields=", ".join(fields) or "?")
    return _error(request, 422, message, translate=False)


_HTTP_MESSAGES = {
    404: "This page does not exist. Check the address, or go back to the home page.",
    405: "This address does not take this kind of request. Go back to the page and use "
         "its buttons or forms.",
}


def _error(request: Request, status: int, message: str, translate: bool = True) -> Response:
    if _wants_json(request):
        return JSONResponse({"error": message}, status_code=status)
    if translate:
        from communia.web.deps import language

        message = gettext_for(language(request))(message)
    if request.headers.get("hx-request"):
        return render(request, "partials/error.html", {"message": message, "status": status},
                      status_code=status)
    return render(request, "error.html", {"message": message, "status": status},
                  status_code=status)
