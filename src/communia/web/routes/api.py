"""REST API v1 for the foundation and governance: use cases, drafts, journal, guard, PII.

Authenticate with ``Authorization: Bearer <token>`` (service accounts, see
/governance/tokens) or a signed-in session. The schema is at /api/openapi.json.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, Field

from communia.accounts.model import can
from communia.accounts.service import Account
from communia.governance import journal, privacy, register, review
from communia.governance.console import service
from communia.governance.guard import judge_request
from communia.web import reviewing
from communia.web.deps import Forbidden, get_runtime, require_area

AREA = "home"
_caller = require_area(AREA)
_journal_reader = require_area("journal")
MAX_TEXT = 10_000


class Problem(BaseModel):
    """An error: ``error`` (or ``detail``) says what went wrong and what to do."""

    error: str | None = None
    detail: Any = None


ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": Problem} for code in (400, 401, 403, 404, 409, 413, 422, 503)}
router = APIRouter(prefix="/api/v1", tags=["v1"], responses=ERRORS)


class Me(BaseModel):
    username: str
    display_name: str
    role: str


class UseCaseOut(BaseModel):
    id: str
    name_fr: str
    name_en: str
    purpose: str
    legal_basis: str
    data_categories: list[str]
    owner_role: str
    retention_days: int
    risk_level: str
    dpia_status: str
    fria_status: str
    status: str
    approval_blockers: list[str]


class StatusIn(BaseModel):
    status: str = Field(max_length=40)


class DraftOut(BaseModel):
    id: str
    use_case: str
    kind: str
    title: str
    status: str
    requested_by: str
    reviewed_by: str | None
    created_at: str


class DraftDetail(DraftOut):
    content: str
    provenance: dict[str, Any]


class ApproveIn(BaseModel):
    reason: str = Field("", max_length=2000)


class VerifyOut(BaseModel):
    ok: bool
    checked: int
    first_bad_seq: int | None
    problem: str


class TextIn(BaseModel):
    text: str = Field(max_length=MAX_TEXT)
    lang: str = Field("auto", pattern="^(auto|fr|en)$")


class VerdictOut(BaseModel):
    decision_request: bool
    category: str
    explanation: str
    suggestion: str


class EntityOut(BaseModel):
    start: int
    end: int
    label: str
    score: float


def _need(account: Account, area: str) -> None:
    if not can(account.role, area):
        raise Forbidden(area)


def _use_case(session: Any, row: Any) -> UseCaseOut:
    return UseCaseOut(**{k: getattr(row, k) for k in UseCaseOut.model_fields
                         if k != "approval_blockers"},
                      approval_blockers=register.approval_blockers(session, row))


def _draft(row: Any) -> DraftOut:
    return DraftOut(id=row.id, use_case=row.use_case, kind=row.kind, title=row.title,
                    status=row.status, requested_by=row.requested_by,
                    reviewed_by=row.reviewed_by, created_at=row.created_at.isoformat())


@router.get("/me", response_model=Me)
def me(account: Account = Depends(_caller)) -> Me:
    """Who the token or session acts for."""
    return Me(username=account.username, display_name=account.display_name, role=account.role)


@router.get("/use-cases", response_model=list[UseCaseOut])
def use_cases(request: Request) -> list[UseCaseOut]:
    """The register of AI uses."""
    with get_runtime(request).db.session() as session:
        return [_use_case(session, row) for row in register.list_all(session)]


@router.get("/use-cases/{use_case_id}", response_model=UseCaseOut)
def use_case(request: Request, use_case_id: str) -> UseCaseOut:
    """One use case with what blocks its approval."""
    with get_runtime(request).db.session() as session:
        return _use_case(session, register.get(session, use_case_id))


@router.post("/use-cases/{use_case_id}/status", response_model=UseCaseOut)
def set_status(request: Request, use_case_id: str, body: StatusIn,
               account: Account = Depends(_caller)) -> UseCaseOut:
    """Change a use case's status (DPO, admin); the approval rules apply."""
    _need(account, "governance")
    with get_runtime(request).db.session() as session:
        row = service.change_status(session, use_case_id, body.status, account.username)
        return _use_case(session, row)


@router.get("/drafts", response_model=list[DraftOut])
def drafts(request: Request, account: Account = Depends(_caller)) -> list[DraftOut]:
    """Drafts awaiting a named person's review, oldest first."""
    _need(account, "review")
    with get_runtime(request).db.session() as session:
        return [_draft(d) for d in review.pending(session)
                if reviewing.may_review(account.role, d.use_case, d.kind)]


@router.get("/drafts/{draft_id}", response_model=DraftDetail)
def draft(request: Request, draft_id: str, account: Account = Depends(_caller)) -> DraftDetail:
    """A draft with its current content and provenance."""
    _need(account, "review")
    runtime = get_runtime(request)
    with runtime.db.session() as session:
        row = review.get_draft(session, draft_id)
        _need(account, reviewing.reviewer_area(row.use_case, row.kind))
        content = review.current_content(session, runtime.vault, draft_id)
        return DraftDetail(**_draft(row).model_dump(), content=content,
                           provenance=row.provenance)


@router.post("/drafts/{draft_id}/approve", response_model=DraftOut)
def approve(request: Request, draft_id: str, body: ApproveIn,
            account: Account = Depends(_caller)) -> DraftOut:
    """Approve a draft as final in the name of the token's owner (a named person)."""
    _need(account, "review")
    runtime = get_runtime(request)
    with runtime.db.session() as session:
        row = review.get_draft(session, draft_id)
        _need(account, reviewing.reviewer_area(row.use_case, row.kind))
    reviewing.approve(runtime, draft_id, account.username, body.reason)
    with runtime.db.session() as session:
        return _draft(review.get_draft(session, draft_id))


@router.get("/journal/verify", response_model=VerifyOut)
def journal_verify(request: Request,
                   account: Account = Depends(_journal_reader)) -> VerifyOut:
    """Check the journal's hash chain (IT and the DPO)."""
    with get_runtime(request).db.session() as session:
        report = journal.verify(session)
    return VerifyOut(ok=report.ok, checked=report.checked, first_bad_seq=report.first_bad_seq,
                     problem=report.problem)


@router.post("/guard/check", response_model=VerdictOut)
def guard_check(body: TextIn) -> VerdictOut:
    """Would this request ask the tool to decide a sanction, an award or an evaluation?"""
    verdict = judge_request(body.text, None if body.lang == "auto" else body.lang)
    return VerdictOut(decision_request=verdict.decision_request, category=verdict.category,
                      explanation=verdict.explanation, suggestion=verdict.suggestion)


@router.post("/pii/detect", response_model=list[EntityOut])
def pii_detect(body: TextIn) -> list[EntityOut]:
    """Personal data found in a text: positions and labels (the text itself is not echoed)."""
    return [EntityOut(start=e.start, end=e.end, label=e.label, score=float(e.score))
            for e in privacy.detect(body.text, lang=body.lang)]
