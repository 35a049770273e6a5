"""Sign in, sign out and the language switch (public routes, CSRF-protected)."""

from __future__ import annotations

from fastapi import APIRouter, Form, Request
from starlette.responses import RedirectResponse, Response

from communia.accounts import service as accounts
from communia.web.deps import current_account, get_runtime
from communia.web.i18n import LANGUAGES
from communia.web.templating import render

AREA = None
router = APIRouter()


def _safe_next(target: str) -> str:
    return target if target.startswith("/") and not target.startswith("//") else "/"


@router.get("/login")
def login_page(request: Request, next: str = "/") -> Response:
    if current_account(request):
        return RedirectResponse(_safe_next(next), status_code=303)
    return render(request, "login.html", {"next": _safe_next(next)})


@router.post("/login")
def login(
    request: Request, username: str = Form(...), password: str = Form(...), next: str = Form("/")
) -> Response:
    runtime = get_runtime(request)
    settings = runtime.settings
    address = request.client.host if request.client else "-"
    with runtime.db.session() as session:
        outcome = accounts.authenticate(session, username, password, address,
                                        settings.login_max_failures, settings.login_lockout_seconds)
    if outcome.account is None:
        status = 429 if outcome.outcome == "throttled" else 401
        return render(request, "login.html", {"next": _safe_next(next), "error": outcome.message,
                                              "username": username}, status_code=status)
    request.session.clear()
    request.session["user"] = outcome.account.username
    return RedirectResponse(_safe_next(next), status_code=303)


@router.post("/logout")
def logout(request: Request) -> Response:
    request.session.clear()
    return RedirectResponse("/login", status_code=303)


@router.post("/lang")
def switch_language(request: Request, lang: str = Form(...), next: str = Form("/")) -> Response:
    response = RedirectResponse(_safe_next(next), status_code=303)
    if lang in LANGUAGES:
        response.set_cookie("lang", lang, max_age=365 * 86400, samesite="lax",
                            secure=get_runtime(request).settings.secure_cookies)
        account = current_account(request)
        if account:
            with get_runtime(request).db.session() as session:
                accounts.set_language(session, account.username, lang)
    return response
