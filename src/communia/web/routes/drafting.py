"""Drafting pages: choose a kind, give facts (form or YAML) and sources, review, approve, export."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.responses import RedirectResponse, Response

from communia.accounts.service import Account
from communia.documents import ExtractionError, extract
from communia.drafting import forms, service
from communia.drafting.model import KIND_LABELS, KINDS, canonical_kind
from communia.drafting.sources import Source
from communia.errors import CommuniaError, InvalidInput
from communia.web.deps import get_runtime, require_area
from communia.web.templating import render

AREA = "drafting"
router = APIRouter(prefix="/drafting")
_member = require_area(AREA)
MEDIA = {"docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
         "odt": "application/vnd.oasis.opendocument.text", "pdf": "application/pdf",
         "pdfa": "application/pdf"}


def _kinds(lang: str) -> list[tuple[str, str]]:
    return [(k, KIND_LABELS[k][0 if lang == "fr" else 1]) for k in KINDS]


@router.get("")
def index(request: Request) -> Response:
    records = service.recent(get_runtime(request))
    return render(request, "drafting/index.html", {"records": records, "kinds": KINDS,
                                                   "labels": KIND_LABELS})


@router.get("/new/{kind}")
def new(request: Request, kind: str) -> Response:
    kind = canonical_kind(kind)
    return _form(request, kind, {}, "")


def _form(request: Request, kind: str, values: dict[str, str], error: str,
          status: int = 200) -> Response:
    return render(request, "drafting/new.html", {
        "kind": kind, "label": KIND_LABELS[kind], "fields": forms.FIELDS[kind],
        "values": values, "error": error}, status_code=status)


async def _uploads(form: Any, field: str) -> list[UploadFile]:
    return [f for f in form.getlist(field) if isinstance(f, UploadFile) and f.filename]


@router.post("/new/{kind}")
async def create(request: Request, kind: str,
                 account: Account = Depends(_member)) -> Response:
    kind = canonical_kind(kind)
    runtime = get_runtime(request)
    form = await request.form()
    flat = {k: v for k, v in form.items() if isinstance(v, str)}
    facts = forms.facts_from_form(kind, flat)
    most = runtime.settings.drafting_max_facts_chars
    try:
        for upload in await _uploads(form, "facts_file"):
            data = await upload.read(most * 4 + 1)  # UTF-8: at most 4 bytes a character
            facts = {**facts, **service.read_facts(data.decode("utf-8", "replace"),
                                                   upload.filename or "facts",
                                                   max_chars=most)}
        sources = [await _source(upload, runtime.settings.max_upload_bytes)
                   for upload in await _uploads(form, "sources")]
        # The model may take a minute: off the event loop, so other pages still answer.
        drafted = await run_in_threadpool(service.draft, runtime, service.DraftRequest(
            kind, facts, account.username, sources=sources))
    except CommuniaError as exc:
        return _form(request, kind, forms.form_from_facts(kind, facts) or flat, str(exc), 400)
    return RedirectResponse(f"/drafting/{drafted.draft_id}", status_code=303)


async def _source(upload: UploadFile, limit: int) -> Source:
    name = upload.filename or "source"
    data = await upload.read(limit + 1)
    if len(data) > limit:
        raise InvalidInput(f"{name}: larger than the {limit:,}-byte upload limit.")
    try:
        return Source(name, (await run_in_threadpool(extract, name, data)).text)
    except ExtractionError as exc:
        raise InvalidInput(str(exc)) from None


@router.get("/{draft_id}")
def show(request: Request, draft_id: str, notice: str = "") -> Response:
    view = service.load(get_runtime(request), draft_id)
    return render(request, "drafting/draft.html", {"view": view, "label": KIND_LABELS[view.kind],
                                                   "notice": notice,
                                                   "formats": ("docx", "odt", "pdf", "pdfa")})


@router.post("/{draft_id}/edit")
async def edit(request: Request, draft_id: str, account: Account = Depends(_member)) -> Response:
    form = await request.form()
    text, reason = str(form.get("content", "")), str(form.get("reason", ""))
    await run_in_threadpool(service.edit, get_runtime(request), draft_id, account.username,
                            text, reason)
    return RedirectResponse(f"/drafting/{draft_id}", status_code=303)


@router.post("/{draft_id}/approve")
async def approve(request: Request, draft_id: str,
                  account: Account = Depends(_member)) -> Response:
    form = await request.form()
    await run_in_threadpool(service.approve, get_runtime(request), draft_id, account.username,
                            str(form.get("reason", "")))
    return RedirectResponse(f"/drafting/{draft_id}", status_code=303)


@router.post("/{draft_id}/plain")
def plain(request: Request, draft_id: str, account: Account = Depends(_member)) -> Response:
    drafted = service.rewrite_plain(get_runtime(request), draft_id, account.username)
    return RedirectResponse(f"/drafting/{drafted.draft_id}", status_code=303)


@router.get("/{draft_id}/export/{fmt}")
def export(request: Request, draft_id: str, fmt: str,
           account: Account = Depends(_member)) -> Response:
    if fmt not in MEDIA:
        raise InvalidInput(f"Unknown export format '{fmt}'; choose docx, odt, pdf or pdfa.")
    data = service.export(get_runtime(request), draft_id, fmt, account.username)
    suffix = "pdf" if fmt == "pdfa" else fmt
    return Response(data, media_type=MEDIA[fmt], headers={
        "Content-Disposition": f'attachment; filename="document-{draft_id[:8]}.{suffix}"'})
