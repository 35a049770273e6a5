"""Jinja2 rendering with the person's language, account, CSRF token and navigation."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.templating import Jinja2Templates
from starlette.responses import HTMLResponse

from communia.accounts.model import can
from communia.web.deps import current_account, language
from communia.web.i18n import gettext_for
from communia.web.security import csrf_token

TEMPLATES = Path(__file__).parent / "templates"
templates = Jinja2Templates(directory=str(TEMPLATES))

# What each area offers, shown on the home page cards (translated with the catalog).
BLURBS: dict[str, str] = {
    "recruitment": "Screen applications against criteria you fix; you record every decision.",
    "drafting": "Letters, notes, arrêtés, délibérations, briefings, with their structure checked.",
    "feedback": "Themes, counts, quotes and trends from field reports; you finalise them.",
    "planning": "Forecast demand by place and hour, and propose mediation shifts.",
    "review": "Drafts awaiting a named person's approval.",
    "governance": "Register of AI uses, ethics circuit, rights requests, usage.",
    "learn": "What the AI can and cannot do; practise writing prompts safely.",
}

# (area, url, English label) in menu order; labels are translated with the catalog.
NAV: list[tuple[str, str, str]] = [
    ("home", "/", "Home"),
    ("recruitment", "/recruitment", "Recruitment"),
    ("drafting", "/drafting", "Drafting"),
    ("feedback", "/feedback", "Field feedback"),
    ("planning", "/planning", "Planning"),
    ("review", "/review", "Review queue"),
    ("governance", "/governance", "Governance"),
    ("learn", "/learn", "Learn"),
]


def nav_items(request: Request, role: str | None) -> list[dict[str, Any]]:
    """Menu entries the role may open and whose pages exist in this installation."""
    present: set[str] = request.app.state.areas
    path = request.url.path
    items = []
    for area, url, label in NAV:
        if role is None or not can(role, area) or area not in present:
            continue
        current = path == url if url == "/" else path.startswith(url)
        items.append({"url": url, "label": label, "current": current,
                      "blurb": BLURBS.get(area, "")})
    return items


def render(
    request: Request, template: str, context: dict[str, Any] | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    """Render ``template`` with the common context a page needs."""
    lang = language(request)
    account = current_account(request)
    base = {
        "request": request,
        "_": gettext_for(lang),
        "lang": lang,
        "account": account,
        "csrf_token": csrf_token(request.session),
        "nav": nav_items(request, account.role if account else None),
        "authority": request.app.state.runtime.settings.authority_name,
    }
    base.update(context or {})
    return templates.TemplateResponse(request, template, base, status_code=status_code)
