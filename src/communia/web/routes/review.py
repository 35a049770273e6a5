"""The review queue: drafts awaiting a named person, their versions, approve / edit / reject."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Form, Request
from starlette.responses import RedirectResponse, Response

from communia.accounts.service import Account
from communia.governance import review
from communia.web.deps import get_runtime, require_area
from communia.web.templating import render

AREA = "review"
router = APIRouter(prefix="/review")
_reviewer = require_area(AREA)


@router.get("")
def queue(request: Request) -> Response:
    with get_runtime(request).db.session() as session:
        drafts = review.pending(session)
    return render(request, "review/queue.html", {"drafts": drafts})


@router.get("/{draft_id}")
def show(request: Request, draft_id: str) -> Response:
    runtime = get_runtime(request)
    with runtime.db.session() as session:
        draft = review.get_draft(session, draft_id)
        versions = review.versions(session, runtime.vault, draft_id)
    return render(request, "review/draft.html", {"draft": draft, "versions": versions,
                                                 "current": versions[-1]})


@router.post("/{draft_id}/approve")
def approve(request: Request, draft_id: str, reason: str = Form(""),
            account: Account = Depends(_reviewer)) -> Response:
    runtime = get_runtime(request)
    with runtime.db.session() as session:
        review.approve(session, runtime.vault, draft_id, account.username, reason)
    return RedirectResponse(f"/review/{draft_id}", status_code=303)


@router.post("/{draft_id}/edit")
def edit(request: Request, draft_id: str, content: str = Form(...), reason: str = Form(""),
         account: Account = Depends(_reviewer)) -> Response:
    runtime = get_runtime(request)
    with runtime.db.session() as session:
        review.edit(session, runtime.vault, draft_id, account.username, content, reason)
    return RedirectResponse(f"/review/{draft_id}", status_code=303)


@router.post("/{draft_id}/reject")
def reject(request: Request, draft_id: str, reason: str = Form(...),
           account: Account = Depends(_reviewer)) -> Response:
    runtime = get_runtime(request)
    with runtime.db.session() as session:
        review.reject(session, runtime.vault, draft_id, account.username, reason)
    return RedirectResponse(f"/review/{draft_id}", status_code=303)
