"""Governance console pages: dashboard, register, documents, algorithm sheets, ethics,
review queue by person and age, rights (access, erasure, purge) and API tokens.

Each page shows a role only the forms it may use (the services check again); a form
refused for its input comes back with the input kept and the problem next to it.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from typing import Any

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from starlette.concurrency import run_in_threadpool
from starlette.responses import RedirectResponse, Response

from communia.accounts.model import can
from communia.accounts.service import Account
from communia.errors import CommuniaError, InvalidInput, Refused, TooLarge
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
    CONDITION_STATUSES,
    DOCUMENT_KINDS,
    OPINIONS,
    OWNER_ROLES,
    RISK_LEVELS,
    FormInvalid,
    age_bucket,
    parse_review_date,
    parse_use_case,
)
from communia.store.base import utcnow
from communia.web import reviewing
from communia.web.charts import bar_chart
from communia.web.deps import (
    FormPage,
    current_account,
    get_runtime,
    language,
    redisplay_on_invalid,
    require_area,
    status_of,
)
from communia.web.i18n import gettext_for
from communia.web.templating import named_field, render, translated

AREA = "governance"
router = APIRouter(prefix="/governance", include_in_schema=False)
_member = require_area(AREA)
CHOICES = {"risk_levels": RISK_LEVELS, "assessments": ASSESSMENT_STATUSES,
           "owner_roles": OWNER_ROLES, "statuses": register.STATUSES,
           "document_kinds": DOCUMENT_KINDS, "opinion_choices": OPINIONS,
           "condition_statuses": CONDITION_STATUSES}
USE_CASE_FIELDS = ("id", "name_fr", "name_en", "purpose", "legal_basis", "data_categories",
                   "owner_role", "retention_days", "risk_level", "dpia_status", "fria_status")


def _back(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


def powers(role: str) -> dict[str, bool]:
    """What the role may do on these pages (the services enforce the same rules)."""
    return {"keep_register": role in service.KEEPER_ROLES,
            "give_opinion": role in ethics.OPINION_ROLES,
            "answer_rights": role in rights.RIGHTS_ROLES,
            "issue_tokens": role in api_tokens.ISSUER_ROLES,
            "read_journal": can(role, "journal")}


def _page(request: Request, template: str, context: dict[str, Any],
          status_code: int = 200) -> Response:
    """Render a console page with what every one of them needs: the role's powers and the
    use cases' names (tables show names, not identifiers)."""
    account = current_account(request)
    with get_runtime(request).db.session() as session:
        names = register.names(session)
    return render(request, template, {
        **CHOICES, "may": powers(account.role if account else ""), "use_case_names": names,
        **context}, status_code=status_code)


def _problem(request: Request, exc: CommuniaError) -> str:
    """A service's refusal in the reader's language; a form field named by its label."""
    lang = language(request)
    if isinstance(exc, FormInvalid):
        _ = gettext_for(lang)
        return _("{field}: {hint}").format(field=named_field(request, exc.field),
                                           hint=_(exc.problem).format(**exc.values))
    return translated(lang, str(exc))


async def _form(request: Request) -> dict[str, str]:
    return {k: v for k, v in (await request.form()).items() if isinstance(v, str)}


@router.get("")
def dashboard(request: Request) -> Response:
    runtime = get_runtime(request)
    _ = gettext_for(language(request))
    with runtime.db.session() as session:
        figures = usage.usage(session)
        names = register.names(session)
        context = {"reminders": ethics.reminders(session, date.today()),
                   "referrals": ethics.referrals(session, open_only=True),
                   "conditions": ethics.conditions(session, open_only=True),
                   "pending": len(review.pending(session)),
                   "last_purge": rights.last_purge(session), "usage": figures}
    ids = sorted(figures.by_use_case)
    lang = language(request)
    context["chart"] = bar_chart([_name(names, i, lang) for i in ids],
                                 [figures.by_use_case[i].calls for i in ids],
                                 _("Model calls per use case"),
                                 _("Number of model calls recorded in the journal, per use case."))
    return _page(request, "governance/dashboard.html", context)


def _name(names: dict[str, tuple[str, str]], use_case: str, lang: str) -> str:
    return names[use_case][0 if lang == "fr" else 1] if use_case in names else use_case


@router.get("/register")
def register_list(request: Request) -> Response:
    with get_runtime(request).db.session() as session:
        rows = register.list_all(session)
    return _page(request, "governance/register.html", {"rows": rows})


def _new_form(request: Request, values: dict[str, str], error: str = "", field: str = "",
              status: int = 200) -> Response:
    form = {"owner_role": "admin", "retention_days": "365", "risk_level": "minimal",
            "dpia_status": "not_required", "fria_status": "not_required", **values}
    return _page(request, "governance/use_case_form.html",
                 {"row": None, "form": form, "error": error, "error_field": field},
                 status_code=status)


@router.get("/register/new")
def register_new(request: Request) -> Response:
    return _new_form(request, {})


def _show_new(request: Request, values: dict[str, str], message: str, status: int) -> Response:
    return _new_form(request, values, message, status=status)


@router.post("/register")
@redisplay_on_invalid(_show_new)
async def register_create(request: Request, account: Account = Depends(_member)) -> Response:
    values = await _form(request)
    try:
        fields = parse_use_case(values)
        with get_runtime(request).db.session() as session:
            service.create_use_case(session, fields, account.username)
    except (InvalidInput, service.UseCaseExists) as exc:
        return _new_form(request, values, _problem(request, exc),
                         getattr(exc, "field", "id"), status_of(exc))
    return _back(f"/governance/register/{fields.id}")


def _use_case_page(request: Request, use_case_id: str, **shown: Any) -> Response:
    """The use case page; ``shown``: a form's values kept and its problem (``error``,
    ``error_form``: status, edit or documents; ``error_field``; ``status_code``)."""
    status_code = shown.pop("status_code", 200)
    with get_runtime(request).db.session() as session:
        row = register.get(session, use_case_id)
        description = register.described(row, language(request))
        context = {"row": row, "description": description,
                   "blockers": register.approval_blockers(session, row),
                   "documents": service.list_documents(session, use_case_id),
                   "opinions": ethics.opinions(session, use_case_id),
                   "conditions": ethics.conditions(session, use_case_id),
                   "history": ethics.history(session, use_case_id)}
    form = {name: getattr(row, name) for name in USE_CASE_FIELDS}
    form.update(purpose=description.purpose, legal_basis=description.legal_basis,
                data_categories="\n".join(description.data_categories))
    if shown.get("error_form") == "edit":
        form.update(shown.pop("values", {}))
    return _page(request, "governance/use_case.html",
                 {**context, "form": form, **shown}, status_code=status_code)


@router.get("/register/{use_case_id}")
def register_show(request: Request, use_case_id: str) -> Response:
    return _use_case_page(request, use_case_id)


@router.post("/register/{use_case_id}/edit")
async def register_edit(request: Request, use_case_id: str,
                        account: Account = Depends(_member)) -> Response:
    values = await _form(request)
    try:
        fields = parse_use_case(register.as_stored(use_case_id, {**values, "id": use_case_id}))
        with get_runtime(request).db.session() as session:
            service.update_use_case(session, fields, account.username)
    except (InvalidInput, register.ApprovalRefused) as exc:
        return _use_case_page(request, use_case_id, values=values, error_form="edit",
                              error=_problem(request, exc),
                              error_field=getattr(exc, "field", ""),
                              status_code=status_of(exc))
    return _back(f"/governance/register/{use_case_id}")


def _show_status(request: Request, values: dict[str, str], message: str,
                 status: int) -> Response:
    use_case_id = request.path_params["use_case_id"]
    return _use_case_page(request, use_case_id, error_form="status", error=message,
                          chosen=values.get("status", ""), status_code=status)


@router.post("/register/{use_case_id}/status")
@redisplay_on_invalid(_show_status)
def register_status(request: Request, use_case_id: str, status: str = Form(...),
                    account: Account = Depends(_member)) -> Response:
    try:
        with get_runtime(request).db.session() as session:
            service.change_status(session, use_case_id, status, account.username)
    except (InvalidInput, register.ApprovalRefused) as exc:
        return _use_case_page(request, use_case_id, error_form="status", chosen=status,
                              error=_problem(request, exc), status_code=status_of(exc))
    return _back(f"/governance/register/{use_case_id}")


def _show_documents(request: Request, values: dict[str, str], message: str,
                    status: int) -> Response:
    return _use_case_page(request, request.path_params["use_case_id"],
                          error_form="documents", error=message, kind=values.get("kind", ""),
                          status_code=status)


@router.post("/register/{use_case_id}/documents")
@redisplay_on_invalid(_show_documents)
async def document_upload(request: Request, use_case_id: str, kind: str = Form(...),
                          file: UploadFile = File(...),
                          account: Account = Depends(_member)) -> Response:
    runtime = get_runtime(request)
    limit = runtime.settings.max_upload_bytes
    data = await file.read(limit + 1)
    try:
        await run_in_threadpool(service.attach_document, runtime.db, runtime.settings.data_dir,
                                use_case_id, kind, file.filename or "", data, account.username,
                                limit)
    except (InvalidInput, TooLarge) as exc:
        return _use_case_page(request, use_case_id, error_form="documents", kind=kind,
                              error=_problem(request, exc), status_code=status_of(exc))
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


def _ethics_page(request: Request, status_code: int = 200, **shown: Any) -> Response:
    """The ethics page; ``shown``: the form refused (``error_form``: refer, opinion-N or
    condition-N), its values kept and the problem."""
    with get_runtime(request).db.session() as session:
        context = {"referrals": ethics.referrals(session),
                   "conditions": ethics.conditions(session),
                   "use_cases": register.list_all(session)}
    return _page(request, "governance/ethics.html", {**context, "values": {}, **shown},
                 status_code=status_code)


@router.get("/ethics")
def ethics_page(request: Request) -> Response:
    return _ethics_page(request)


def _show_ethics(form_of: str) -> FormPage:
    def show(request: Request, values: dict[str, str], message: str, status: int) -> Response:
        which = form_of.format(**request.path_params)
        if "condition_id" in request.path_params:  # no form to show the message next to
            with get_runtime(request).db.session() as session:
                ethics.get_condition(session, int(request.path_params["condition_id"]))
        return _ethics_page(request, status, error_form=which, error=message, values=values)

    return show


@router.post("/ethics/referrals")
@redisplay_on_invalid(_show_ethics("refer"))
def ethics_refer(request: Request, use_case: str = Form(...), reason: str = Form(...),
                 account: Account = Depends(_member)) -> Response:
    try:
        with get_runtime(request).db.session() as session:
            ethics.refer(session, use_case, account.username, reason)
    except (InvalidInput, register.UseCaseNotFound) as exc:
        return _ethics_page(request, status_of(exc), error_form="refer",
                            error=_problem(request, exc),
                            values={"use_case": use_case, "reason": reason})
    return _back("/governance/ethics")


@router.post("/ethics/referrals/{referral_id}/opinion")
@redisplay_on_invalid(_show_ethics("opinion-{referral_id}"))
def ethics_opinion(request: Request, referral_id: int, opinion: str = Form(...),
                   conditions: str = Form(""), review_date: str = Form(""),
                   account: Account = Depends(_member)) -> Response:
    try:
        with get_runtime(request).db.session() as session:
            ethics.give_opinion(session, referral_id, opinion, account.username,
                                [c for c in conditions.splitlines() if c.strip()],
                                parse_review_date(review_date))
    except InvalidInput as exc:
        return _ethics_page(request, status_of(exc), error_form=f"opinion-{referral_id}",
                            error=_problem(request, exc),
                            values={"opinion": opinion, "conditions": conditions,
                                    "review_date": review_date})
    return _back("/governance/ethics")


@router.post("/ethics/conditions/{condition_id}")
@redisplay_on_invalid(_show_ethics("condition-{condition_id}"))
def ethics_condition(request: Request, condition_id: int, status: str = Form(...),
                     note: str = Form(""), account: Account = Depends(_member)) -> Response:
    try:
        with get_runtime(request).db.session() as session:
            ethics.update_condition(session, condition_id, status, account.username, note)
    except InvalidInput as exc:
        return _ethics_page(request, status_of(exc), error_form=f"condition-{condition_id}",
                            error=_problem(request, exc),
                            values={"status": status, "note": note})
    return _back("/governance/ethics")


@router.get("/queue")
def queue(request: Request) -> Response:
    from sqlalchemy import select

    from communia.store.tables import User

    now = utcnow()
    with get_runtime(request).db.session() as session:
        roles = dict(session.execute(select(User.username, User.role)).tuples().all())
        drafts = review.pending(session)
    account = current_account(request)
    viewer = account.role if account is not None else ""
    rows = [{"draft": d, "role": roles.get(d.requested_by, "-"),
             "age": age_bucket(_aware(d.created_at), now),
             "opens": reviewing.may_review(viewer, d.use_case, d.kind)} for d in drafts]
    summary: dict[tuple[str, str], int] = {}
    for draft in drafts:
        key = (draft.requested_by, roles.get(draft.requested_by, "-"))
        summary[key] = summary.get(key, 0) + 1
    return _page(request, "governance/queue.html", {"rows": rows, "summary": summary})


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
    return _page(request, "governance/usage.html", {"usage": figures, "chart": chart})


def _rights_page(request: Request, status_code: int = 200, **shown: Any) -> Response:
    with get_runtime(request).db.session() as session:
        last = rights.last_purge(session)
    return _page(request, "governance/rights.html", {"last_purge": last, "values": {}, **shown},
                 status_code=status_code)


@router.get("/rights")
def rights_page(request: Request) -> Response:
    return _rights_page(request)


def _show_rights(form_of: str) -> FormPage:
    def show(request: Request, values: dict[str, str], message: str, status: int) -> Response:
        return _rights_page(request, status, error_form=form_of, error=message, values=values)

    return show


@router.post("/rights/access")
@redisplay_on_invalid(_show_rights("access"))
def rights_access(request: Request, subject: str = Form(...),
                  account: Account = Depends(_member)) -> Response:
    runtime = get_runtime(request)
    try:
        report = rights.subject_access(runtime.db, runtime.vault, runtime.settings.data_dir,
                                       subject, account.username)
    except InvalidInput as exc:
        return _rights_page(request, status_of(exc), error_form="access",
                            error=_problem(request, exc), values={"subject": subject})
    body = json.dumps(report.as_dict(), ensure_ascii=False, indent=2)
    return Response(body, media_type="application/json", headers={
        "Content-Disposition": f'attachment; filename="subject-access-{report.subject_ref}.json"'})


@router.post("/rights/erase")
@redisplay_on_invalid(_show_rights("erase"))
def rights_erase(request: Request, subject: str = Form(...), confirm: str = Form(""),
                 account: Account = Depends(_member)) -> Response:
    runtime = get_runtime(request)
    _ = gettext_for(language(request))
    if confirm != "yes":
        return _rights_page(request, 400, error_form="erase", error_field="confirm",
                            error=_("Tick the confirmation box: erasure cannot be undone."),
                            values={"subject": subject})
    try:
        report = rights.erase(runtime.db, runtime.vault, runtime.settings.data_dir, subject,
                              account.username)
    except InvalidInput as exc:
        return _rights_page(request, status_of(exc), error_form="erase",
                            error=_problem(request, exc), values={"subject": subject})
    return _rights_page(request, erased=report)


@router.post("/rights/purge")
def rights_purge(request: Request, dry_run: str = Form(""),
                 account: Account = Depends(_member)) -> Response:
    runtime = get_runtime(request)
    if account.role not in rights.RIGHTS_ROLES:
        raise Refused("Only the DPO or an administrator runs the purge.")
    report = rights.purge(runtime.db, account.username, dry_run=dry_run == "yes")
    return _rights_page(request, purge=report)


def _tokens_page(request: Request, status_code: int = 200, **shown: Any) -> Response:
    with get_runtime(request).db.session() as session:
        tokens = api_tokens.list_tokens(session)
    return _page(request, "governance/tokens.html",
                 {"tokens": tokens, "roles": OWNER_ROLES, "values": {}, **shown},
                 status_code=status_code)


@router.get("/tokens")
def tokens_page(request: Request) -> Response:
    return _tokens_page(request)


def _show_tokens(request: Request, values: dict[str, str], message: str,
                 status: int) -> Response:
    return _tokens_page(request, status, error=message, values=values)


@router.post("/tokens")
@redisplay_on_invalid(_show_tokens)
def tokens_create(request: Request, name: str = Form(...), owner: str = Form(...),
                  role: str = Form(...), account: Account = Depends(_member)) -> Response:
    try:
        with get_runtime(request).db.session() as session:
            issued = api_tokens.create(session, name, owner, role, account.username)
    except InvalidInput as exc:
        return _tokens_page(request, status_of(exc), error=_problem(request, exc),
                            values={"name": name, "owner": owner, "role": role})
    return _tokens_page(request, issued=issued)


@router.post("/tokens/{token_id}/revoke")
def tokens_revoke(request: Request, token_id: int,
                  account: Account = Depends(_member)) -> Response:
    with get_runtime(request).db.session() as session:
        api_tokens.revoke(session, token_id, account.username)
    return _back("/governance/tokens")
