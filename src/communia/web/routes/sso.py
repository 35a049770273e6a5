"""Single sign-on pages: the provider list, the redirect to a provider and its callback."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import RedirectResponse, Response

from communia.errors import CommuniaError
from communia.governance.console import sso_accounts
from communia.web import oidc
from communia.web.deps import get_runtime
from communia.web.templating import render

AREA = None
router = APIRouter(prefix="/sso", include_in_schema=False)


def _providers(request: Request) -> dict[str, oidc.ProviderConfig]:
    return oidc.load_config(get_runtime(request).settings)


def _redirect_uri(request: Request, cfg: oidc.ProviderConfig) -> str:
    base = cfg.public_url or str(request.base_url).rstrip("/")
    return f"{base}/sso/{cfg.name}/callback"


def _safe_next(target: str) -> str:
    return target if target.startswith("/") and not target.startswith("//") else "/"


@router.get("")
def providers(request: Request) -> Response:
    return render(request, "sso.html", {"providers": list(_providers(request).values())})


@router.get("/{provider}/login")
def login(request: Request, provider: str, next: str = "/") -> Response:
    cfg = _providers(request).get(provider)
    if cfg is None:
        return _refuse(request, provider, "No identity provider with this name; see /sso.", 404)
    url, saved = oidc.start(cfg, _redirect_uri(request, cfg))
    request.session["oidc"] = {**saved, "next": _safe_next(next)}
    return RedirectResponse(url, status_code=303)


@router.get("/{provider}/callback")
def callback(request: Request, provider: str) -> Response:
    runtime = get_runtime(request)
    cfg = _providers(request).get(provider)
    saved = request.session.pop("oidc", None) or {}
    if cfg is None:
        return _refuse(request, provider, "No identity provider with this name; see /sso.", 404)
    try:
        identity = oidc.finish(cfg, _redirect_uri(request, cfg), dict(request.query_params),
                               saved)
        with runtime.db.session() as session:
            account = sso_accounts.sign_in(session, provider, identity.subject,
                                           identity.username, identity.display_name,
                                           identity.role)
    except CommuniaError as exc:
        return _refuse(request, provider, str(exc), 403 if exc.kind == "refused" else 503)
    request.session.clear()
    request.session["user"] = account.username
    return RedirectResponse(_safe_next(str(saved.get("next", "/"))), status_code=303)


def _refuse(request: Request, provider: str, message: str, status: int) -> Response:
    with get_runtime(request).db.session() as session:
        sso_accounts.record_refusal(session, provider[:40], message)
    return render(request, "error.html", {"message": message, "status": status},
                  status_code=status)
