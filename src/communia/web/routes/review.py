"""The review queue: drafts awaiting a named person, their versions, approve / edit / reject
(who may review what: ``communia.web.reviewing``).

An edit or a rejection refused for its input comes back on the draft's page with what
the person typed; an edit longer than ``review_max_edit_chars`` is refused by its size.
"""

from __future__ import annotations

import json
from typing import Any

from babel.numbers import format_decimal
from fastapi import APIRouter, Depends, Form, Request
from starlette.responses import RedirectResponse, Response

from communia.accounts.service import Account
from communia.bootstrap import Runtime
from communia.drafting.service import NotApprovable
from communia.errors import InvalidInput
from communia.governance import journal, register, review
from communia.governance.events import AccessDenied
from communia.web import reviewing
from communia.web.deps import (
    Forbidden,
    FormPage,
    current_account,
    get_runtime,
    language,
    redisplay_on_invalid,
    require_area,
    status_of,
)
from communia.web.i18n import gettext_for
from communia.web.routes.drafting import speaker
from communia.web.templating import render, translated

AREA = "review"
router = APIRouter(prefix="/review")
_reviewer = require_area(AREA)


def _check_reviewer(request: Request, draft_id: str) -> None:
    """Forbidden (journaled) when the signed-in person may not review the draft's use case."""
    runtime = get_runtime(request)
    with runtime.db.session() as session:
        draft = review.get_draft(session, draft_id)
        use_case, kind = draft.use_case, draft.kind
    account = current_account(request)
    if account is not None and reviewing.may_review(account.role, use_case, kind):
        return
    if account is not None:
        with runtime.db.session() as session:
            journal.record(session, AccessDenied(actor=account.username, use_case=use_case,
                                                 path=request.url.path, role=account.role))
    raise Forbidden(reviewing.reviewer_area(use_case, kind))


@router.get("")
def queue(request: Request) -> Response:
    account = current_account(request)
    with get_runtime(request).db.session() as session:
        drafts = [d for d in review.pending(session)
                  if account is not None
                  and reviewing.may_review(account.role, d.use_case, d.kind)]
        names = register.names(session)
    return render(request, "review/queue.html", {"drafts": drafts, "use_case_names": names})


def _draft_page(request: Request, draft_id: str, status_code: int = 200,
                **shown: Any) -> Response:
    """The draft's page; ``shown``: the form refused (``error_form``: edit or reject), the
    problem (``error``) and the person's input (``values``)."""
    _check_reviewer(request, draft_id)
    runtime = get_runtime(request)
    with runtime.db.session() as session:
        draft = review.get_draft(session, draft_id)
        versions = review.versions(session, runtime.vault, draft_id)
        names = register.names(session)
    return render(request, "review/draft.html", {
        "draft": draft, "versions": versions, "current": versions[-1], "values": {},
        "use_case_names": names, "ai_author": review.AI_AUTHOR,
        "sentences": readable_sentences(versions[-1].content), **shown},
        status_code=status_code)


def readable_sentences(content: str) -> list[dict[str, Any]]:
    """The sentences of a draft stored as JSON (``{"sentences": [{"text": ..., "extract":
    n}]}``, a recruitment summary), to show them as text; empty for any other content."""
    if not content.lstrip().startswith("{"):
        return []
    try:
        data = json.loads(content)
    except ValueError:
        return []
    items = data.get("sentences") if isinstance(data, dict) else None
    if not isinstance(items, list):
        return []
    return [{"text": str(item.get("text", "")), "extract": item.get("extract")}
            for item in items if isinstance(item, dict) and item.get("text")]


@router.get("/{draft_id}")
def show(request: Request, draft_id: str) -> Response:
    return _draft_page(request, draft_id)


def _show_form(which: str) -> FormPage:
    def again(request: Request, values: dict[str, str], message: str, status: int) -> Response:
        return _draft_page(request, request.path_params["draft_id"], status,
                           error_form=which, error=message, values=values)

    return again


@router.post("/{draft_id}/approve")
def approve(request: Request, draft_id: str, reason: str = Form(""),
            account: Account = Depends(_reviewer)) -> Response:
    _check_reviewer(request, draft_id)
    try:
        reviewing.approve(get_runtime(request), draft_id, account.username, reason)
    except NotApprovable as refusal:  # a drafted document failing its checks
        lang = language(request)
        with get_runtime(request).db.session() as session:
            kind = review.get_draft(session, draft_id).kind
        say = speaker(lang, kind)
        problems = "; ".join(say(i.said) for i in refusal.issues if i.severity == "error")
        message = gettext_for(lang)("This document cannot be approved while it fails these "
                                    "checks: {problems}. Edit the text, save your edit, then "
                                    "approve it.")
        return _draft_page(request, draft_id, 409, error_form="approve",
                           error=message.format(problems=problems))
    return RedirectResponse(f"/review/{draft_id}", status_code=303)


def edit_limit(runtime: Runtime, current: str) -> int:
    """The longest edit accepted: the setting, or the current text's length when a
    generated draft is already longer (it can still be corrected)."""
    return max(runtime.settings.review_max_edit_chars, len(current))


@router.post("/{draft_id}/edit")
@redisplay_on_invalid(_show_form("edit"))
def edit(request: Request, draft_id: str, content: str = Form(...), reason: str = Form(""),
         account: Account = Depends(_reviewer)) -> Response:
    _check_reviewer(request, draft_id)
    runtime = get_runtime(request)
    _ = gettext_for(language(request))
    values = {"content": content, "reason": reason}
    with runtime.db.session() as session:
        limit = edit_limit(runtime, review.current_content(session, runtime.vault, draft_id))
    if len(content) > limit:
        message = _("Your edit is {size} characters long; the limit is {limit} "
                    "(COMMUNIA_REVIEW_MAX_EDIT_CHARS). Shorten it, then save it again.")
        lang = language(request)
        return _draft_page(request, draft_id, 413, error_form="edit", values=values,
                           error=message.format(size=format_decimal(len(content), locale=lang),
                                                limit=format_decimal(limit, locale=lang)))
    try:
        with runtime.db.session() as session:
            review.edit(session, runtime.vault, draft_id, account.username, content, reason)
    except InvalidInput as exc:
        return _draft_page(request, draft_id, status_of(exc), error_form="edit",
                           values=values, error=translated(language(request), str(exc)))
    return RedirectResponse(f"/review/{draft_id}", status_code=303)


@router.post("/{draft_id}/reject")
@redisplay_on_invalid(_show_form("reject"))
def reject(request: Request, draft_id: str, reason: str = Form(...),
           account: Account = Depends(_reviewer)) -> Response:
    _check_reviewer(request, draft_id)
    runtime = get_runtime(request)
    try:
        with runtime.db.session() as session:
            review.reject(session, runtime.vault, draft_id, account.username, reason)
    except InvalidInput as exc:
        return _draft_page(request, draft_id, status_of(exc), error_form="reject",
                           values={"reason": reason},
                           error=translated(language(request), str(exc)))
    return RedirectResponse(f"/review/{draft_id}", status_code=303)
