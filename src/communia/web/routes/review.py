"""The review queue: drafts awaiting a named person, their versions, approve / edit / reject
(who may review what: ``communia.web.reviewing``)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Form, Request
from starlette.responses import RedirectResponse, Response

from communia.accounts.service import Account
from communia.governance import journal, review
from communia.governance.events import AccessDenied
from communia.web import reviewing
from communia.web.deps import Forbidden, current_account, get_runtime, require_area
from communia.web.templating import render

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
    return render(request, "review/queue.html", {"drafts": drafts})


@router.get("/{draft_id}")
def show(request: Request, draft_id: str) -> Response:
    _check_reviewer(request, draft_id)
    runtime = get_runtime(request)
    with runtime.db.session() as session:
        draft = review.get_draft(session, draft_id)
        versions = review.versions(session, runtime.vault, draft_id)
    return render(request, "review/draft.html", {"draft": draft, "versions": versions,
                                                 "current": versions[-1]})


@router.post("/{draft_id}/approve")
def approve(request: Request, draft_id: str, reason: str = Form(""),
            account: Account = Depends(_reviewer)) -> Response:
    _check_reviewer(request, draft_id)
    reviewing.approve(get_runtime(request), draft_id, account.username, reason)
    return RedirectResponse(f"/review/{draft_id}", status_code=303)


@router.post("/{draft_id}/edit")
def edit(request: Request, draft_id: str, content: str = Form(...), reason: str = Form(""),
         account: Account = Depends(_reviewer)) -> Response:
    _check_reviewer(request, draft_id)
    runtime = get_runtime(request)
    with runtime.db.session() as session:
        review.edit(session, runtime.vault, draft_id, account.username, content, reason)
    return RedirectResponse(f"/review/{draft_id}", status_code=303)


@router.post("/{draft_id}/reject")
def reject(request: Request, draft_id: str, reason: str = Form(...),
           account: Account = Depends(_reviewer)) -> Response:
    _check_reviewer(request, draft_id)
    runtime = get_runtime(request)
    with runtime.db.session() as session:
        review.reject(session, runtime.vault, draft_id, account.username, reason)
    return RedirectResponse(f"/review/{draft_id}", status_code=303)
