"""Governance console pages: dashboard, register, documents, algorithm sheets, ethics,
review queue by person and age, rights (access, erasure, purge) and API tokens."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from starlette.concurrency import run_in_threadpool
from starlette.responses import RedirectResponse, Response

from communia.accounts.service import Account
from communia.governance import register, review
from communia.governance.console import (
    algorithm_sheet,
    api_tokens,
    ethics,
    rights,
    service,
    usage,
)
from communia.governance.console.model import (
    ASSESSMENT_STATUSES,
    DOCUMENT_KINDS,
    OPINIONS,
    OWNER_ROLES,
    RISK_LEVELS,
    age_bucket,
    parse_review_date,
    parse_use_case,
)
from communia.store.base import utcnow
from communia.web.charts import bar_chart
from communia.web.deps import get_runtime, language, require_area
from communia.web.i18n import gettext_for
from communia.web.templating import render

AREA = "governance"
router = APIRouter(prefix="/governance", include_in_schema=False)
_member = require_area(AREA)
CHOICES = {"risk_levels": RISK_LEVELS, "assessments": ASSESSMENT_STATUSES,
           "owner_roles": OWNER_ROLES, "statuses": register.STATUSES,
           "document_kinds": DOCUMENT_KINDS, "opinion_choices": OPINIONS}


def _back(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


@router.get("")
def dashboard(request: Request) -> Response:
    runtime = get_runtime(request)
    _ = gettext_for(language(request))
    with runtime.db.session() as session:
        figures = usage.usage(session)
        context = {"reminders": ethics.reminders(session, date.today()),
                   "referrals": ethics.referrals(session, open_only=True),
                   "conditions": ethics.conditions(session, open_only=True),
                   "pending": len(review.pending(session)),
                   "last_purge": rights.last_purge(session), "usage": figures}
    names = sorted(figures.by_use_case)
    context["chart"] = bar_chart(names, [figures.by_use_case[n].calls for n in names],
                                 _("Model calls per use case"),
                                 _("Number of model calls recorded in the journal, per use case."))
    return render(request, "governance/dashboard.html", context)


@router.get("/register")
def register_list(request: Request) -> Response:
    with get_runtime(request).db.session() as session:
        rows = register.list_all(session)
    return render(request, "governance/register.html", {"rows": rows})


@router.get("/register/new")
def register_new(request: Request) -> Response:
    return render(request, "governance/use_case_form.html", {"row": None, **CHOICES})


@router.post("/register")
async def register_create(request: Request, account: Account = Depends(_member)) -> Response:
    fields = parse_use_case({k: str(v) for k, v in (await request.form()).items()})
    with get_runtime(request).db.session() as session:
        service.create_use_case(session, fields, account.username)
    return _back(f"/governance/register/{fields.id}")


@router.get("/register/{use_case_id}")
def register_show(request: Request, use_case_id: str) -> Response:
    with get_runtime(request).db.session() as session:
        row = register.get(session, use_case_id)
        context = {**CHOICES, "row": row, "blockers": register.approval_blockers(session, row),
                   "documents": service.list_documents(session, use_case_id),
                   "opinions": ethics.opinions(session, use_case_id),
                   "conditions": ethics.conditions(session, use_case_id),
                   "history": ethics.history(session, use_case_id)}
    return render(request, "governance/use_case.html", context)


@router.post("/register/{use_case_id}/edit")
async def register_edit(request: Request, use_case_id: str,
                        account: Account = Depends(_member)) -> Response:
    values = {k: str(v) for k, v in (await request.form()).items()}
    fields = parse_use_case({**values, "id": use_case_id})
    with get_runtime(request).db.session() as session:
        service.update_use_case(session, fields, account.username)
    return _back(f"/governance/register/{use_case_id}")


@router.post("/register/{use_case_id}/status")
def register_status(request: Request, use_case_id: str, status: str = Form(...),
                    account: Account = Depends(_member)) -> Response:
    with get_runtime(request).db.session() as session:
        service.change_status(session, use_case_id, status, account.username)
    return _back(f"/governance/register/{use_case_id}")


@router.post("/register/{use_case_id}/documents")
async def document_upload(request: Request, use_case_id: str, kind: str = Form(...),
                          file: UploadFile = File(...),
                          account: Account = Depends(_member)) -> Response:
    runtime = get_runtime(request)
    limit = runtime.settings.max_upload_bytes
    data = await file.read(limit + 1)
    await run_in_threadpool(service.attach_document, runtime.db, runtime.settings.data_dir,
                            use_case_id, kind, file.filename or "", data, account.username,
                            limit)
    return _back(f"/governance/register/{use_case_id}")


@router.get("/register/{use_case_id}/documents/{document_id}")
def document_download(request: Request, use_case_id: str, document_id: str) -> Response:
    runtime = get_runtime(request)
    with runtime.db.session() as session:
        row, data = service.read_document(session, runtime.settings.data_dir, use_case_id,
                                          document_id)
    return Response(data, media_type="application/octet-stream",
                    headers={"Content-Disposition": f'attachment; filename="{row.id}-{row.kind}"'})


@router.get("/register/{use_case_id}/sheet.json")
def sheet_json(request: Request, use_case_id: str) -> Response:
    runtime = get_runtime(request)
    with runtime.db.session() as session:
        data = algorithm_sheet.sheet(session, use_case_id, runtime.gateway.backend.name,
                                     language(request))
    return Response(algorithm_sheet.sheet_json(data), media_type="application/json")


@router.get("/register/{use_case_id}/sheet.pdf")
def sheet_pdf(request: Request, use_case_id: str) -> Response:
    runtime = get_runtime(request)
    settings = runtime.settings
    with runtime.db.session() as session:
        data = algorithm_sheet.sheet(session, use_case_id, runtime.gateway.backend.name,
                                     language(request))
        approver = algorithm_sheet.approval_of(session, runtime.vault, data)
    pdf = algorithm_sheet.to_pdf(data, (settings.authority_name, settings.authority_address),
                                 approver)
    return Response(pdf, media_type="application/pdf",
                    headers={"Content-Disposition":
                             f'attachment; filename="algorithm-sheet-{use_case_id}.pdf"'})


@router.post("/register/{use_case_id}/sheet")
def sheet_submit(request: Request, use_case_id: str,
                 account: Account = Depends(_member)) -> Response:
    runtime = get_runtime(request)
    with runtime.db.session() as session:
        draft = algorithm_sheet.submit(session, runtime.vault, use_case_id,
                                       runtime.gateway.backend.name, language(request),
                                       account.username)
    return _back(f"/review/{draft.id}")


@router.get("/ethics")
def ethics_page(request: Request) -> Response:
    with get_runtime(request).db.session() as session:
        context = {"referrals": ethics.referrals(session),
                   "conditions": ethics.conditions(session),
                   **CHOICES, "use_cases": register.list_all(session)}
    return render(request, "governance/ethics.html", context)


@router.post("/ethics/referrals")
def ethics_refer(request: Request, use_case: str = Form(...), reason: str = Form(...),
                 account: Account = Depends(_member)) -> Response:
    with get_runtime(request).db.session() as session:
        ethics.refer(session, use_case, account.username, reason)
    return _back("/governance/ethics")


@router.post("/ethics/referrals/{referral_id}/opinion")
def ethics_opinion(request: Request, referral_id: int, opinion: str = Form(...),
                   conditions: str = Form(""), review_date: str = Form(""),
                   account: Account = Depends(_member)) -> Response:
    with get_runtime(request).db.session() as session:
        ethics.give_opinion(session, referral_id, opinion, account.username,
                            [c for c in conditions.splitlines() if c.strip()],
                            parse_review_date(review_date))
    return _back("/governance/ethics")


@router.post("/ethics/conditions/{condition_id}")
def ethics_condition(request: Request, condition_id: int, status: str = Form(...),
                     note: str = Form(""), account: Account = Depends(_member)) -> Response:
    with get_runtime(request).db.session() as session:
        ethics.update_condition(session, condition_id, status, account.username, note)
    return _back("/governance/ethics")


@router.get("/queue")
def queue(request: Request) -> Response:
    from sqlalchemy import select

    from communia.store.tables import User

    now = utcnow()
    with get_runtime(request).db.session() as session:
        roles = dict(session.execute(select(User.username, User.role)).tuples().all())
        drafts = review.pending(session)
    rows = [{"draft": d, "role": roles.get(d.requested_by, "-"),
             "age": age_bucket(_aware(d.created_at), now)} for d in drafts]
    summary: dict[tuple[str, str], int] = {}
    for draft in drafts:
        key = (draft.requested_by, roles.get(draft.requested_by, "-"))
        summary[key] = summary.get(key, 0) + 1
    return render(request, "governance/queue.html", {"rows": rows, "summary": summary})


def _aware(moment: datetime) -> datetime:
    """SQLite returns naive datetimes: they are UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


@router.get("/usage")
def usage_page(request: Request) -> Response:
    _ = gettext_for(language(request))
    with get_runtime(request).db.session() as session:
        figures = usage.usage(session)
    backends = sorted(figures.by_backend)
    chart = bar_chart(backends, [figures.by_backend[b].energy_wh for b in backends],
                      _("Estimated energy per backend (Wh)"),
                      _("Estimated energy of the recorded model calls, per backend, in Wh."))
    return render(request, "governance/usage.html", {"usage": figures, "chart": chart})


@router.get("/rights")
def rights_page(request: Request) -> Response:
    with get_runtime(request).db.session() as session:
        last = rights.last_purge(session)
    return render(request, "governance/rights.html", {"last_purge": last})


@router.post("/rights/access")
def rights_access(request: Request, subject: str = Form(...),
                  account: Account = Depends(_member)) -> Response:
    runtime = get_runtime(request)
    report = rights.subject_access(runtime.db, runtime.vault, runtime.settings.data_dir,
                                   subject, account.username)
    body = json.dumps(report.as_dict(), ensure_ascii=False, indent=2)
    return Response(body, media_type="application/json", headers={
        "Content-Disposition": f'attachment; filename="subject-access-{report.subject_ref}.json"'})


@router.post("/rights/erase")
def rights_erase(request: Request, subject: str = Form(...), confirm: str = Form(""),
                 account: Account = Depends(_member)) -> Response:
    runtime = get_runtime(request)
    if confirm != "yes":
        return render(request, "governance/rights.html",
                      {"error": "Tick the confirmation box: erasure cannot be undone."},
                      status_code=400)
    report = rights.erase(runtime.db, runtime.vault, runtime.settings.data_dir, subject,
                          account.username)
    return render(request, "governance/rights.html", {"erased": report})


@router.post("/rights/purge")
def rights_purge(request: Request, dry_run: str = Form(""),
                 account: Account = Depends(_member)) -> Response:
    runtime = get_runtime(request)
    if account.role not in rights.RIGHTS_ROLES:
        from communia.errors import Refused

        raise Refused("Only the DPO or an administrator runs the purge.")
    report = rights.purge(runtime.db, account.username, dry_run=dry_run == "yes")
    return render(request, "governance/rights.html", {"purge": report})


@router.get("/tokens")
def tokens_page(request: Request) -> Response:
    with get_runtime(request).db.session() as session:
        tokens = api_tokens.list_tokens(session)
    return render(request, "governance/tokens.html", {"tokens": tokens, "roles": OWNER_ROLES})


@router.post("/tokens")
def tokens_create(request: Request, name: str = Form(...), owner: str = Form(...),
                  role: str = Form(...), account: Account = Depends(_member)) -> Response:
    with get_runtime(request).db.session() as session:
        issued = api_tokens.create(session, name, owner, role, account.username)
        tokens = api_tokens.list_tokens(session)
    return render(request, "governance/tokens.html",
                  {"tokens": tokens, "issued": issued, "roles": OWNER_ROLES})


@router.post("/tokens/{token_id}/revoke")
def tokens_revoke(request: Request, token_id: int,
                  account: Account = Depends(_member)) -> Response:
    with get_runtime(request).db.session() as session:
        api_tokens.revoke(session, token_id, account.username)
    return _back("/governance/tokens")
