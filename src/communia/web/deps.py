"""Request-scoped helpers: the runtime, the signed-in account, role checks and CSRF."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from fastapi import Request
from starlette.responses import Response

from communia.accounts import service as accounts
from communia.accounts.model import can
from communia.accounts.service import Account
from communia.bootstrap import Runtime
from communia.errors import CommuniaError
from communia.governance import journal
from communia.governance.events import AccessDenied
from communia.web.i18n import LANGUAGES, negotiate
from communia.web.security import CSRF_FIELD, CSRF_HEADER, csrf_valid

UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}
# The status code of each kind of service error (``CommuniaError.kind``).
STATUS = {"invalid": 400, "not_found": 404, "refused": 403, "conflict": 409,
          "unavailable": 503, "too_large": 413}


class LoginRequired(Exception):
    """No one is signed in; the browser is sent to the login page."""


class Forbidden(Exception):
    """The signed-in person's role does not allow this page or action."""

    def __init__(self, area: str) -> None:
        super().__init__(area)
        self.area = area


class CsrfFailed(Exception):
    """A form was posted without the session's CSRF token."""


FormPage = Callable[[Request, dict[str, str], str, int], Response]
"""Shows a form page again: (request, the values sent, the message, the status code)."""
Endpoint = TypeVar("Endpoint", bound=Callable[..., Any])


def redisplay_on_invalid(show: FormPage) -> Callable[[Endpoint], Endpoint]:
    """Mark a form route: when its input is refused before the route runs (a required
    field empty, a value of the wrong form), the app answers with ``show``, i.e. the form
    page again with the person's input and the message, instead of an error page."""

    def mark(endpoint: Endpoint) -> Endpoint:
        endpoint.redisplay = show  # type: ignore[attr-defined]
        return endpoint

    return mark


def status_of(exc: CommuniaError) -> int:
    return STATUS.get(exc.kind, 400)


def get_runtime(request: Request) -> Runtime:
    runtime: Runtime = request.app.state.runtime
    return runtime


def current_account(request: Request) -> Account | None:
    """The signed-in account (by session cookie or API token), cached on the request."""
    if "account" in request.scope:
        cached: Account | None = request.scope["account"]
        return cached
    account = None
    authorization = request.headers.get("authorization", "")
    if authorization[:7].lower() == "bearer ":
        account = _token_account(request, authorization[7:].strip())
        request.scope["account"] = account
        return account
    username = request.session.get("user")
    if username:
        with get_runtime(request).db.session() as session:
            account = accounts.get_account(session, username)
        if account is None:
            request.session.clear()
    request.scope["account"] = account
    return account


def _token_account(request: Request, secret: str) -> Account:
    """The account an API token acts for; 401 JSON (journaled) for a refused token."""
    from fastapi import HTTPException

    from communia.governance.console import api_tokens

    runtime = get_runtime(request)
    try:
        with runtime.db.session() as session:
            identity = api_tokens.authenticate(session, secret)
            user = accounts.get_account(session, identity.owner)
    except api_tokens.TokenRejected as exc:
        with runtime.db.session() as session:
            api_tokens.record_rejection(session, secret, str(exc), request.url.path)
        raise HTTPException(401, detail=str(exc), headers={"WWW-Authenticate": "Bearer"}) \
            from None
    request.scope["api_token"] = True
    name = user.display_name if user else identity.owner
    return Account(identity.owner, f"{name} (token {identity.name})", identity.role, None)


def language(request: Request) -> str:
    """Language from the switch (cookie), else the account, else Accept-Language."""
    chosen = request.cookies.get("lang")
    if chosen in LANGUAGES:
        return str(chosen)
    account = current_account(request)
    if account and account.language in LANGUAGES:
        return str(account.language)
    default = get_runtime(request).settings.default_language
    return negotiate(request.headers.get("accept-language", ""), default)


def require_area(area: str) -> Callable[[Request], Awaitable[Account]]:
    """A dependency: the account must be signed in and its role allowed in ``area``."""

    async def check(request: Request) -> Account:
        account = current_account(request)
        if account is None:
            raise LoginRequired()
        if not can(account.role, area):
            with get_runtime(request).db.session() as session:
                journal.record(session, AccessDenied(actor=account.username, use_case="-",
                                                     path=request.url.path, role=account.role))
            raise Forbidden(area)
        await csrf_protect(request)
        return account

    check.area = area  # type: ignore[attr-defined]
    return check


async def csrf_protect(request: Request) -> None:
    """Refuse unsafe requests without the session's CSRF token (header or form field)."""
    if request.method not in UNSAFE or request.scope.get("api_token"):
        return
    given = request.headers.get(CSRF_HEADER)
    if not given:
        content_type = request.headers.get("content-type", "")
        if content_type.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
            form = await request.form()
            value: Any = form.get(CSRF_FIELD)
            given = value if isinstance(value, str) else None
    if not csrf_valid(request.session, given):
        raise CsrfFailed()
