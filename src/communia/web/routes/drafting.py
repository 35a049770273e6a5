"""Drafting pages: choose a kind, give facts (form or YAML) and sources, review, approve, export.

Every sentence the drafting package says to a person (a missing or contradictory fact,
a check result, a note) is a ``Message``: these pages say it in the reader's language
and name a fact by the label of its form field, not by its key.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from babel.numbers import format_decimal
from fastapi import APIRouter, Depends, Request
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.responses import RedirectResponse, Response

from communia.accounts.service import Account
from communia.documents import ExtractionError, extract
from communia.drafting import forms, service
from communia.drafting.messages import Message, said
from communia.drafting.model import (
    KIND_LABELS,
    KINDS,
    ContradictoryFacts,
    InvalidFacts,
    MissingFacts,
    canonical_kind,
)
from communia.drafting.sources import Source
from communia.errors import CommuniaError, InvalidInput, NotFound
from communia.governance.guard import judge_request
from communia.governance.review import AI_AUTHOR, DraftClosed
from communia.web.deps import get_runtime, language, require_area
from communia.web.i18n import gettext_for
from communia.web.templating import render

AREA = "drafting"
router = APIRouter(prefix="/drafting")
_member = require_area(AREA)
MEDIA = {"docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
         "odt": "application/vnd.oasis.opendocument.text", "pdf": "application/pdf",
         "pdfa": "application/pdf"}
# Why an uploaded source could not be read, by the stable code of ``ExtractionError``
# (English; translated with the catalog). Archive problems all say "send them one by one".
UNREADABLE: dict[str, str] = {
    "empty": "{file}: the file is empty. Send it again.",
    "encrypted": "{file}: the file is protected by a password. Send a copy without a "
                 "password.",
    "corrupt": "{file}: the file is damaged and cannot be read. Open it, save it again (or "
               "export it as PDF) and send the new copy.",
    "unsupported": "{file}: this kind of file cannot be read. Send a PDF, DOCX, ODT or TXT "
                   "file.",
    "too_large": "{file}: the file is too large. Send a lighter version (compressed images, "
                 "fewer pages).",
    "too_many_pages": "{file}: the file has too many pages. Send only the pages that matter.",
    "bad_encoding": "{file}: the text is damaged (not valid UTF-8). Open it in a text editor "
                    "and save it again as UTF-8.",
    "archive": "{file}: this is an archive (ZIP), not a document. Send the documents one by "
               "one.",
}
ARCHIVE_CODES = ("nested_archive", "too_many_members", "zip_bomb", "unsafe_path")
UNREADABLE_OTHER = "{file}: the file cannot be read. Open it, save it again and send the new copy."
SEVERITY_ORDER = {"error": 0, "warning": 1, "notice": 2}


@dataclass
class Problem:
    """What the page says went wrong: a sentence, and items (link target or "", text)."""

    text: str
    items: list[tuple[str, str]] = field(default_factory=list)


class _SourceRefused(InvalidInput):
    """An uploaded source cannot be used; ``said`` is the message to translate."""

    def __init__(self, message: Message) -> None:
        self.said = message
        super().__init__(str(message))


def speaker(lang: str, kind: str) -> Callable[[Message], str]:
    """Say a drafting message in ``lang``, naming facts by their form label for ``kind``."""
    _ = gettext_for(lang)

    def fact(name: str) -> str:
        found = forms.field_for(kind, name)
        return _(found.label) if found else name

    def number(value: int) -> str:
        return format_decimal(value, locale=lang)

    return lambda message: message.translate(_, fact, number)


def _kind_or_404(request: Request, kind: str) -> str | Response:
    try:
        return canonical_kind(kind)
    except InvalidInput:
        return _error(request, 404, "There is no such kind of document. Choose one on the "
                                    "drafting page.")


def _error(request: Request, status: int, english: str) -> Response:
    """The error page with ``english`` in the reader's language."""
    message = gettext_for(language(request))(english)
    return render(request, "error.html", {"message": message, "status": status},
                  status_code=status)


def _no_draft(request: Request) -> Response:
    return _error(request, 404, "There is no drafted document at this address; it may have "
                                "been purged. Find the documents in the drafting page's list.")


@router.get("")
def index(request: Request) -> Response:
    records = service.recent(get_runtime(request))
    return render(request, "drafting/index.html", {"records": records, "kinds": KINDS,
                                                   "labels": KIND_LABELS})


@router.get("/new/{kind}")
def new(request: Request, kind: str) -> Response:
    found = _kind_or_404(request, kind)
    if isinstance(found, Response):
        return found
    return _form(request, found, {}, None)


def _form(request: Request, kind: str, values: dict[str, str], problem: Problem | None,
          status: int = 200, invalid: frozenset[str] = frozenset()) -> Response:
    return render(request, "drafting/new.html", {
        "kind": kind, "kind_label": KIND_LABELS[kind], "fields": forms.FIELDS[kind],
        "choice_labels": forms.CHOICE_LABELS, "element_id": forms.element_id,
        "values": values, "problem": problem, "invalid": invalid}, status_code=status)


async def _uploads(form: Any, field_name: str) -> list[UploadFile]:
    return [f for f in form.getlist(field_name) if isinstance(f, UploadFile) and f.filename]


@router.post("/new/{kind}")
async def create(request: Request, kind: str,
                 account: Account = Depends(_member)) -> Response:
    found = _kind_or_404(request, kind)
    if isinstance(found, Response):
        return found
    kind = found
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
        values = forms.form_from_facts(kind, facts) or flat
        missing = frozenset(exc.names) if isinstance(exc, MissingFacts) else frozenset()
        return _form(request, kind, values, _refusal(exc, language(request), kind), 400,
                     missing)
    return RedirectResponse(f"/drafting/{drafted.draft_id}", status_code=303)


def _refusal(exc: CommuniaError, lang: str, kind: str) -> Problem:
    """Why the facts were refused, in ``lang``, naming fields by their label."""
    _ = gettext_for(lang)
    say = speaker(lang, kind)
    if isinstance(exc, MissingFacts):
        order = [f.name for f in forms.FIELDS[kind]]
        items = []
        for name in sorted(exc.names, key=lambda n: order.index(n) if n in order else len(order)):
            found = forms.field_for(kind, name)
            items.append((f"#{forms.element_id(name)}", _(found.label)) if found
                         else ("", name))
        return Problem(_("Some facts the document needs are missing. Fill in these fields, "
                         "then draft again (nothing is invented in their place):"), items)
    if isinstance(exc, InvalidFacts):
        return Problem(_("Some values are not valid. Correct them, then draft again:"),
                       [("", say(m)) for m in exc.messages])
    if isinstance(exc, ContradictoryFacts):
        return Problem(_("The facts contradict each other. Correct them, then draft again:"),
                       [("", say(m)) for m in exc.messages])
    if isinstance(exc, service.DecisionRequested):
        # The guard says it again in the reader's language (it judged the facts' language).
        verdict = judge_request(exc.words, lang)
        if not verdict.decision_request:
            verdict = exc.verdict
        found = forms.field_for(kind, exc.fact)
        where = (f"#{forms.element_id(exc.fact)}", _(found.label)) if found else ("", exc.fact)
        items = [(where[0], f"{where[1]} : « {exc.words} »" if lang == "fr"
                  else f"{where[1]}: “{exc.words}”")]
        items += [("", text) for text in (verdict.suggestion, _(service.INSTEAD)) if text]
        return Problem(verdict.explanation, items)
    message = said(exc)
    return Problem(say(message) if message is not None else _(str(exc)))


async def _source(upload: UploadFile, limit: int) -> Source:
    name = upload.filename or "source"
    data = await upload.read(limit + 1)
    if len(data) > limit:
        raise _SourceRefused(Message("{file}: larger than the {limit}-byte upload limit. Send "
                                     "a lighter version.", {"file": name, "limit": limit}))
    try:
        return Source(name, (await run_in_threadpool(extract, name, data)).text)
    except ExtractionError as exc:
        code = "archive" if exc.code in ARCHIVE_CODES else exc.code
        raise _SourceRefused(Message(UNREADABLE.get(code, UNREADABLE_OTHER),
                                     {"file": name})) from None


@router.get("/{draft_id}")
def show(request: Request, draft_id: str) -> Response:
    return _page(request, draft_id)


def _page(request: Request, draft_id: str, problem: str | Message = "",
          status: int = 200) -> Response:
    """The draft page, with ``problem`` (English, translated) when an action was refused."""
    try:
        view = service.load(get_runtime(request), draft_id)
    except NotFound:
        return _no_draft(request)
    say = speaker(language(request), view.kind)
    if isinstance(problem, str):
        problem = Message(problem)
    checks = [{"code": i.code, "severity": i.severity, "text": say(i.said)}
              for i in sorted(view.issues, key=lambda i: SEVERITY_ORDER.get(i.severity, 3))]
    return render(request, "drafting/draft.html", {
        "view": view, "kind_label": KIND_LABELS[view.kind], "checks": checks,
        "notes": [say(n) for n in view.notices], "problem": say(problem) if problem.text else "",
        "ai_author": AI_AUTHOR, "formats": ("docx", "odt", "pdf", "pdfa")},
        status_code=status)


def _closed(request: Request, draft_id: str) -> Response:
    """The page after an action on a document that is no longer open to it."""
    try:
        status = service.load(get_runtime(request), draft_id).status
    except NotFound:
        return _no_draft(request)
    if status == "approved":
        return _page(request, draft_id, "This document is already approved. To change it, "
                                        "edit its text: it then goes back to draft.", 409)
    return _page(request, draft_id, "This document was rejected: it can no longer be changed "
                                    "or approved. Draft a new document instead.", 409)


@router.post("/{draft_id}/edit")
async def edit(request: Request, draft_id: str, account: Account = Depends(_member)) -> Response:
    form = await request.form()
    text, reason = str(form.get("content", "")), str(form.get("reason", ""))
    if not text.strip():
        return _page(request, draft_id, "The new text is empty: write the text, or reject the "
                                        "document in the review queue with a reason.", 400)
    try:
        await run_in_threadpool(service.edit, get_runtime(request), draft_id, account.username,
                                text, reason)
    except NotFound:
        return _no_draft(request)
    except DraftClosed:
        return _closed(request, draft_id)
    return RedirectResponse(f"/drafting/{draft_id}", status_code=303)


@router.post("/{draft_id}/approve")
async def approve(request: Request, draft_id: str,
                  account: Account = Depends(_member)) -> Response:
    form = await request.form()
    try:
        await run_in_threadpool(service.approve, get_runtime(request), draft_id,
                                account.username, str(form.get("reason", "")))
    except NotFound:
        return _no_draft(request)
    except service.NotApprovable:
        return _page(request, draft_id, "This document cannot be approved: it fails the checks "
                                        "listed under Checks. Correct the text, save your "
                                        "edit, then approve it.", 409)
    except DraftClosed:
        return _closed(request, draft_id)
    return RedirectResponse(f"/drafting/{draft_id}", status_code=303)


@router.post("/{draft_id}/plain")
def plain(request: Request, draft_id: str, account: Account = Depends(_member)) -> Response:
    try:
        drafted = service.rewrite_plain(get_runtime(request), draft_id, account.username)
    except NotFound:
        return _no_draft(request)
    except service.PlainChangesFacts as exc:
        if not exc.lost:
            return _page(request, draft_id, "The plain-language version would add facts, so "
                                            "it was not made; the document is left as it is.",
                         409)
        return _page(request, draft_id, Message(
            "The plain-language version would lose facts ({facts}), so it was not made; the "
            "document is left as it is.", {"facts": ", ".join(exc.lost[:5])}), 409)
    return RedirectResponse(f"/drafting/{drafted.draft_id}", status_code=303)


@router.get("/{draft_id}/export/{fmt}")
def export(request: Request, draft_id: str, fmt: str,
           account: Account = Depends(_member)) -> Response:
    if fmt not in MEDIA:
        return _error(request, 404, "Unknown export format: choose DOCX, ODT, PDF or PDF/A on "
                                    "the document's page.")
    try:
        data = service.export(get_runtime(request), draft_id, fmt, account.username)
    except NotFound:
        return _no_draft(request)
    suffix = "pdf" if fmt == "pdfa" else fmt
    return Response(data, media_type=MEDIA[fmt], headers={
        "Content-Disposition": f'attachment; filename="document-{draft_id[:8]}.{suffix}"'})
