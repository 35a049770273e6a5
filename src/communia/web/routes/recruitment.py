"""Recruitment pages: campaign, criteria, upload, blind match table, candidate, decisions."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import PurePosixPath
from typing import Any

import yaml
from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from starlette.concurrency import run_in_threadpool
from starlette.responses import RedirectResponse, Response

from communia.accounts.service import Account
from communia.errors import CommuniaError, InvalidInput, TooLarge
from communia.exports import render as render_document
from communia.jobs import JobNotFound, runner_for
from communia.recruitment import campaigns, messages, oversight
from communia.recruitment.catalogue import propose_profile
from communia.recruitment.grid import build_grid
from communia.recruitment.jobs import current_screening, submit_screening
from communia.recruitment.model import (
    DECISIONS,
    JobProfile,
    profile_from_dict,
    profile_to_dict,
)
from communia.recruitment.protected import LAW, REFUSED_CRITERION, ProtectedCriterion
from communia.recruitment.report import grid_document
from communia.web.charts import bar_chart
from communia.web.deps import current_account, get_runtime, language, require_area, status_of
from communia.web.i18n import gettext_for
from communia.web.routes.jobs import job_view
from communia.web.templating import render, translated

AREA = "recruitment"
router = APIRouter(prefix="/recruitment")
_hr = require_area(AREA)
NOT_YAML = "The criteria are not valid YAML; check the indentation."
TITLE_NEEDED = "The campaign needs a title (the post's name)."
MEDIA = {"docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
         "pdf": "application/pdf", "odt": "application/vnd.oasis.opendocument.text"}


def _back(campaign_id: str, anchor: str = "") -> Response:
    return RedirectResponse(f"/recruitment/{campaign_id}{anchor}", status_code=303)


def _screen(request: Request, campaign_id: str, account: Account) -> Response:
    """Queue the analysis of the waiting applications; the campaign page shows its progress."""
    runtime = get_runtime(request)
    job_id = submit_screening(runner_for(runtime), runtime, campaign_id, account.username)
    if job_id is None:
        return _back(campaign_id, "#applications")
    return RedirectResponse(f"/recruitment/{campaign_id}?job={job_id}#applications",
                            status_code=303)


def _job(request: Request, job_id: str, account: Account | None) -> dict[str, object] | None:
    """The screening job's progress for the page, if this person may follow it."""
    if not job_id or account is None:
        return None
    try:
        return job_view(request, job_id, account)
    except JobNotFound:
        return None


def _problem(request: Request, exc: CommuniaError) -> str:
    """A service's refusal in the reader's language."""
    lang = language(request)
    if isinstance(exc, ProtectedCriterion):
        _ = gettext_for(lang)
        finding = exc.finding
        return _(REFUSED_CRITERION).format(
            label=exc.criterion.label, words=finding.words,
            ground=finding.ground_fr if lang == "fr" else finding.ground_en, law=LAW)
    return translated(lang, str(exc))


def proxy_flag_shown(lang: str, sentence: str, labels: dict[str, str] | None = None) -> str:
    """A proxy flag stored at freeze time (in the campaign's language) in ``lang``: read back
    to its criterion (named by its label when ``labels`` knows it) and its proxy; a
    sentence that is not one goes through the catalog fallback."""
    found = messages.read_proxy_flag(sentence)
    if found is None:
        return translated(lang, sentence)
    criterion, words, proxy = found
    return gettext_for(lang)(messages.PROXY_FLAG).format(
        criterion=(labels or {}).get(criterion, criterion), words=words,
        reason=messages.proxy_reason(proxy, lang))


def ad_flag_shown(lang: str, sentence: str) -> str:
    """A flag of the job-ad check stored with the proposed criteria (in the ad's language)
    in ``lang``: read back to its words and its ground or proxy; a sentence that is not one
    goes through the catalog fallback."""
    found = messages.read_ad_flag(sentence)
    if found is None:
        return translated(lang, sentence)
    kind, words, ident, law = found
    return messages.ad_flag(kind, words, ident, lang, law)  # as an ad in ``lang`` stores it


def _tr(request: Request) -> Callable[[str], str]:
    lang = language(request)
    return lambda message: translated(lang, message)


def _index_page(request: Request, values: dict[str, str] | None = None, error: str = "",
                status_code: int = 200) -> Response:
    with get_runtime(request).db.session() as session:
        items = campaigns.list_campaigns(session)
    return render(request, "recruitment/index.html", {
        "campaigns": items, "values": values or {}, "error": error}, status_code=status_code)


@router.get("")
def index(request: Request) -> Response:
    return _index_page(request)


@router.post("")
def create(request: Request, title: str = Form(""), ad: str = Form(""),
           account: Account = Depends(_hr)) -> Response:
    values = {"title": title, "ad": ad}
    if not title.strip():
        return _index_page(request, values, translated(language(request), TITLE_NEEDED), 400)
    # Criteria are proposed from the ad only: with no ad, HR writes them.
    profile = propose_profile(ad)
    try:
        with get_runtime(request).db.session() as session:
            campaign_id = campaigns.create_campaign(session, title, profile, account.username)
    except InvalidInput as exc:
        return _index_page(request, values, _problem(request, exc), status_of(exc))
    return _back(campaign_id)


@router.get("/{campaign_id}")
def campaign(request: Request, campaign_id: str, sort: str = "score", job: str = "") -> Response:
    return _campaign_page(request, campaign_id, sort=sort, job=job)


def _campaign_page(request: Request, campaign_id: str, *, sort: str = "score", job: str = "",
                   criteria: str | None = None, error: str = "", error_form: str = "",
                   status_code: int = 200) -> Response:
    """The campaign page; ``criteria``: YAML typed and kept, ``error`` shown at
    ``error_form`` (criteria, freeze or close)."""
    runtime = get_runtime(request)
    with runtime.db.session() as session:
        row = campaigns.get_campaign(session, campaign_id)
        version = campaigns.latest_version(session, campaign_id)
        table = oversight.match_table(session, runtime.vault, campaign_id)
        _, waiting = campaigns.pending_analysis(session, campaign_id)
    assert version is not None
    profile = profile_from_dict(version.profile)
    if sort == "score":
        table.sort(key=lambda v: (not v.charted, -(v.score or 0), v.label))
    else:
        table.sort(key=lambda v: v.label)
    editable = criteria if criteria is not None else (
        yaml.safe_dump(profile_to_dict(profile)["criteria"], allow_unicode=True,
                       sort_keys=False, width=100) if profile.criteria else "")
    decided = sum(1 for v in table if v.decision)
    labels = {c.id: c.label for c in profile.criteria}
    lang = language(request)
    charted = [v for v in table if v.charted]
    return render(request, "recruitment/campaign.html", {
        "campaign": row, "version": version, "profile": profile, "table": table,
        "editable": editable, "decided": decided, "sort": sort, "waiting": len(waiting),
        "error": error, "error_form": error_form, "tr": _tr(request),
        "ad_flags": [ad_flag_shown(lang, f) for f in profile.flags],
        "proxy_flags": [proxy_flag_shown(lang, f, labels) for f in version.proxy_flags or []],
        # Only applications still waiting can have a screening under way.
        "job": _job(request, job or (current_screening(runtime, campaign_id) if waiting
                                     else None) or "", current_account(request)),
        # Pending and unreadable applications have no score to draw: the table says why.
        "chart": bar_chart([v.label for v in charted], [v.score or 0 for v in charted],
                           gettext_for(lang)("Criteria match per application (%)"))
        if charted else None,
    }, status_code=status_code)


@router.post("/{campaign_id}/criteria")
def save_criteria(request: Request, campaign_id: str, criteria: str = Form(""),
                  account: Account = Depends(_hr)) -> Response:
    try:
        items: Any = yaml.safe_load(criteria)
    except yaml.YAMLError:
        return _campaign_page(request, campaign_id, criteria=criteria, error_form="criteria",
                              error=translated(language(request), NOT_YAML), status_code=400)
    runtime = get_runtime(request)
    try:
        with runtime.db.session() as session:
            version = campaigns.latest_version(session, campaign_id)
            assert version is not None
            current = profile_from_dict(version.profile)
            profile = profile_from_dict({**profile_to_dict(current), "criteria": items,
                                         "frozen": False})
            campaigns.save_criteria(session, campaign_id, profile, account.username)
    except (InvalidInput, ProtectedCriterion) as exc:
        return _campaign_page(request, campaign_id, criteria=criteria, error_form="criteria",
                              error=_problem(request, exc), status_code=status_of(exc))
    return _back(campaign_id, "#criteria")


@router.post("/{campaign_id}/freeze")
def freeze(request: Request, campaign_id: str, account: Account = Depends(_hr)) -> Response:
    try:
        campaigns.freeze_criteria(get_runtime(request), campaign_id, account.username,
                                  reanalyse=False)
    except (InvalidInput, ProtectedCriterion) as exc:
        return _campaign_page(request, campaign_id, error_form="criteria",
                              error=_problem(request, exc), status_code=status_of(exc))
    return _screen(request, campaign_id, account)


@router.post("/{campaign_id}/applications")
async def upload(request: Request, campaign_id: str, files: list[UploadFile] = File(...),
                 account: Account = Depends(_hr)) -> Response:
    runtime = get_runtime(request)
    limit = runtime.settings.max_upload_bytes
    if len(files) > runtime.settings.max_batch_files:
        raise TooLarge(messages.TOO_MANY_FILES.format(
            count=len(files), limit=runtime.settings.max_batch_files))
    batch = []
    for upload_file in files:
        data = await upload_file.read(limit + 1)
        name = PurePosixPath((upload_file.filename or "file").replace("\\", "/")).as_posix()
        batch.append((name.lstrip("/"), data))
    # Reading hundreds of files takes seconds: off the event loop, so other pages answer.
    await run_in_threadpool(campaigns.store_applications, runtime, campaign_id, batch,
                            account.username)
    return _screen(request, campaign_id, account)


@router.post("/{campaign_id}/analyse")
def analyse(request: Request, campaign_id: str, account: Account = Depends(_hr)) -> Response:
    return _screen(request, campaign_id, account)


@router.get("/{campaign_id}/candidates/{candidate_id}")
def candidate(request: Request, campaign_id: str, candidate_id: str) -> Response:
    return _candidate_page(request, campaign_id, candidate_id)


def _candidate_page(request: Request, campaign_id: str, candidate_id: str,
                    values: dict[str, str] | None = None, error: str = "",
                    status_code: int = 200) -> Response:
    runtime = get_runtime(request)
    with runtime.db.session() as session:
        row = campaigns.get_campaign(session, campaign_id)
        detail = oversight.candidate_detail(session, runtime.vault, campaign_id, candidate_id)
        version = campaigns.latest_version(session, campaign_id, frozen=True)
    labels = {c.id: c.label for c in profile_from_dict(version.profile).criteria} \
        if version else {}
    return render(request, "recruitment/candidate.html", {
        "campaign": row, "candidate_id": candidate_id, "detail": detail, "labels": labels,
        "decisions": DECISIONS, "identity": None, "values": values or {}, "error": error,
        "tr": _tr(request)}, status_code=status_code)


@router.post("/{campaign_id}/candidates/{candidate_id}/decision")
def decide(request: Request, campaign_id: str, candidate_id: str,
           decision: str = Form(""), reason: str = Form(""),
           account: Account = Depends(_hr)) -> Response:
    runtime = get_runtime(request)
    try:
        with runtime.db.session() as session:
            campaigns.decide(session, runtime.vault, campaign_id, candidate_id, decision,
                             reason, account.username)
    except InvalidInput as exc:
        return _candidate_page(request, campaign_id, candidate_id,
                               {"decision": decision, "reason": reason},
                               _problem(request, exc), status_of(exc))
    return RedirectResponse(f"/recruitment/{campaign_id}/candidates/{candidate_id}",
                            status_code=303)


@router.post("/{campaign_id}/candidates/{candidate_id}/reveal")
def reveal(request: Request, campaign_id: str, candidate_id: str,
           account: Account = Depends(_hr)) -> Response:
    runtime = get_runtime(request)
    with runtime.db.session() as session:
        identity = campaigns.reveal_identity(session, runtime.vault, campaign_id,
                                             candidate_id, account.username)
        row = campaigns.get_campaign(session, campaign_id)
        detail = oversight.candidate_detail(session, runtime.vault, campaign_id, candidate_id)
    return render(request, "recruitment/candidate.html", {
        "campaign": row, "candidate_id": candidate_id, "detail": detail, "labels": {},
        "decisions": DECISIONS, "identity": identity, "values": {}, "error": "",
        "tr": _tr(request)})


@router.post("/{campaign_id}/candidates/{candidate_id}/category")
def category(request: Request, campaign_id: str, candidate_id: str,
             value: str = Form(""), account: Account = Depends(_hr)) -> Response:
    with get_runtime(request).db.session() as session:
        oversight.set_category(session, campaign_id, candidate_id, value, account.username)
    return RedirectResponse(f"/recruitment/{campaign_id}/candidates/{candidate_id}",
                            status_code=303)


@router.post("/{campaign_id}/close")
def close(request: Request, campaign_id: str, account: Account = Depends(_hr)) -> Response:
    runtime = get_runtime(request)
    try:
        with runtime.db.session() as session:
            campaigns.close_campaign(session, campaign_id, account.username,
                                     runtime.settings.recruitment_retention_days)
    except campaigns.DecisionIncomplete as exc:
        return _campaign_page(request, campaign_id, error_form="close",
                              error=_problem(request, exc), status_code=status_of(exc))
    return _back(campaign_id)


@router.get("/{campaign_id}/fairness")
def fairness(request: Request, campaign_id: str, account: Account = Depends(_hr)) -> Response:
    runtime = get_runtime(request)
    report = oversight.fairness_report(runtime, campaign_id, account.username)
    with runtime.db.session() as session:
        row = campaigns.get_campaign(session, campaign_id)
    return render(request, "recruitment/fairness.html", {"campaign": row, "report": report})


@router.post("/{campaign_id}/notice")
def notice(request: Request, campaign_id: str, account: Account = Depends(_hr)) -> Response:
    runtime = get_runtime(request)
    with runtime.db.session() as session:
        draft_id = oversight.notice_draft(session, runtime.vault, campaign_id,
                                          account.username, runtime.settings)
    return RedirectResponse(f"/review/{draft_id}", status_code=303)


@router.get("/{campaign_id}/grid.{fmt}")
def grid(request: Request, campaign_id: str, fmt: str) -> Response:
    if fmt not in MEDIA:
        raise InvalidInput(messages.UNKNOWN_FORMAT.format(fmt=fmt))
    runtime = get_runtime(request)
    with runtime.db.session() as session:
        profile: JobProfile = campaigns.frozen_profile(session, campaign_id)
    letterhead = (runtime.settings.authority_name, runtime.settings.authority_address)
    data = render_document(grid_document(build_grid(profile), letterhead=letterhead), fmt)
    return Response(data, media_type=MEDIA[fmt], headers={
        "Content-Disposition": f'attachment; filename="interview-grid.{fmt}"'})
