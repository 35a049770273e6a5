"""Governance through the web and the REST API: the approval rule holds, tokens, uploads."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import select

from communia.bootstrap import Runtime
from communia.governance import register
from communia.governance.console import api_tokens
from communia.store.tables import JournalEntryRow
from tests.support import WebClient


@pytest.fixture
def fresh(make_runtime: Callable[..., Runtime]) -> Runtime:
    """A register as installed: nothing approved, recruitment high-risk without FRIA."""
    return make_runtime(approved=False)


def _status(runtime: Runtime, use_case: str) -> str:
    with runtime.db.session() as session:
        return register.get(session, use_case).status


def _token(runtime: Runtime, owner: str, role: str) -> str:
    with runtime.db.session() as session:
        from communia.accounts import service

        if service.get_account(session, "root") is None:
            service.add_user(session, "root", "Root", "admin", None)
        return api_tokens.create(session, "ci", owner, role, "root").secret


def _actions(runtime: Runtime, action: str) -> list[JournalEntryRow]:
    with runtime.db.session() as session:
        rows = session.scalars(select(JournalEntryRow).where(JournalEntryRow.kind == "action"))
        return [r for r in rows if r.payload.get("action") == action]


def test_the_web_cannot_approve_a_high_risk_use_case_without_fria_and_opinion(
        fresh: Runtime) -> None:
    web = WebClient(fresh)
    web.login_as("dpo")
    refused = web.post("/governance/register/recruitment/status", {"status": "approved"})
    assert refused.status_code == 403 and "FRIA" in refused.text
    edited = web.post("/governance/register/recruitment/edit", {
        "name_fr": "x", "name_en": "x", "purpose": "x", "legal_basis": "x",
        "risk_level": "minimal", "dpia_status": "done", "fria_status": "not_required"})
    assert edited.status_code == 303  # lowering the risk is the DPO's documented act...
    assert _status(fresh, "recruitment") == "draft"  # ...and approval is still a separate step


def test_the_api_cannot_approve_a_high_risk_use_case(fresh: Runtime) -> None:
    web = WebClient(fresh)
    owner = web.login_as("dpo")
    secret = _token(fresh, owner, "dpo")
    response = web.http.post("/api/v1/use-cases/recruitment/status", json={"status": "approved"},
                             headers={"Authorization": f"Bearer {secret}"})
    assert response.status_code == 403 and "FRIA" in response.json()["error"]
    assert _status(fresh, "recruitment") == "draft"
    ok = web.http.post("/api/v1/use-cases/drafting/status", json={"status": "approved"},
                       headers={"Authorization": f"Bearer {secret}"})
    assert ok.status_code == 200 and ok.json()["status"] == "approved"


def test_a_token_with_an_agent_role_cannot_change_the_register(fresh: Runtime) -> None:
    web = WebClient(fresh)
    owner = web.login_as("agent")
    secret = _token(fresh, owner, "agent")
    response = WebClient(fresh).http.post("/api/v1/use-cases/drafting/status",
                                          json={"status": "approved"},
                                          headers={"Authorization": f"Bearer {secret}"})
    assert response.status_code == 403 and _status(fresh, "drafting") == "draft"


def test_revoked_and_unknown_tokens_get_401_with_a_reason_and_are_journaled(
        runtime: Runtime) -> None:
    web = WebClient(runtime)
    owner = web.login_as("dpo")
    secret = _token(runtime, owner, "dpo")
    client = WebClient(runtime).http
    headers = {"Authorization": f"Bearer {secret}"}
    assert client.get("/api/v1/me", headers=headers).json()["username"] == owner
    with runtime.db.session() as session:
        api_tokens.revoke(session, api_tokens.list_tokens(session)[0].id, "root")
    revoked = client.get("/api/v1/me", headers=headers)
    assert revoked.status_code == 401 and "revoked" in revoked.json()["detail"]
    unknown = client.get("/api/v1/me", headers={"Authorization": "Bearer cmn_nope"})
    assert unknown.status_code == 401 and "unknown" in unknown.json()["detail"]
    rejected = _actions(runtime, "token.rejected")
    assert len(rejected) == 2 and all(secret not in str(r.payload) for r in rejected)


def test_a_token_approves_a_draft_in_its_owners_name_without_csrf(runtime: Runtime) -> None:
    from communia.governance import review

    web = WebClient(runtime)
    owner = web.login_as("agent")
    with runtime.db.session() as session:
        draft = review.create_draft(session, runtime.vault, use_case="drafting", kind="letter",
                                    title="Letter", content="Hello", requested_by=owner,
                                    provenance={})
    secret = _token(runtime, owner, "agent")
    client = WebClient(runtime).http
    response = client.post(f"/api/v1/drafts/{draft.id}/approve", json={"reason": "ok"},
                           headers={"Authorization": f"Bearer {secret}"})
    assert response.status_code == 200
    assert response.json()["status"] == "approved" and response.json()["reviewed_by"] == owner


def test_an_oversized_upload_is_refused_with_a_message(
        make_runtime: Callable[..., Runtime]) -> None:
    runtime = make_runtime(max_upload_bytes=1000)
    web = WebClient(runtime)
    web.login_as("dpo")
    response = web.http.post("/governance/register/recruitment/documents",
                             data={"csrf_token": web.csrf, "kind": "fria"},
                             files={"file": ("fria.pdf", b"%PDF" + b"x" * 5000)})
    assert response.status_code == 413 and "COMMUNIA_MAX_UPLOAD_BYTES" in response.text
    small = web.http.post("/governance/register/recruitment/documents",
                          data={"csrf_token": web.csrf, "kind": "fria"},
                          files={"file": ("fria.txt", b"FRIA done on 2026-11-01")},
                          follow_redirects=False)
    assert small.status_code == 303
    assert "fria.txt" in web.http.get("/governance/register/recruitment").text


def test_the_document_service_journals_an_oversized_file(runtime: Runtime) -> None:
    from communia.errors import TooLarge
    from communia.governance.console import service

    with pytest.raises(TooLarge, match="COMMUNIA_MAX_UPLOAD_BYTES"):
        service.attach_document(runtime.db, runtime.settings.data_dir, "recruitment", "fria",
                                "fria.pdf", b"x" * 2000, "dpo", 1000)
    assert _actions(runtime, "upload_refused")


@pytest.mark.parametrize("lang,word", [("fr", "Registre des usages"), ("en", "Register of AI")])
def test_governance_pages_speak_french_and_english(runtime: Runtime, lang: str,
                                                   word: str) -> None:
    web = WebClient(runtime)
    web.login_as("admin")
    web.http.cookies.set("lang", lang)
    page = web.http.get("/governance/register")
    assert page.status_code == 200 and word in page.text


def test_the_algorithm_sheet_is_a_draft_until_a_named_person_approves_it(
        runtime: Runtime) -> None:
    import io

    from pypdf import PdfReader

    web = WebClient(runtime)
    web.login_as("dpo")
    draft_pdf = web.http.get("/governance/register/drafting/sheet.pdf")
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(draft_pdf.content)).pages)
    assert "PROJET" in text or "DRAFT" in text
    submitted = web.post("/governance/register/drafting/sheet")
    draft_id = submitted.headers["location"].rsplit("/", 1)[-1]
    assert web.post(f"/review/{draft_id}/approve").status_code == 303
    final_pdf = web.http.get("/governance/register/drafting/sheet.pdf")
    final = "".join(p.extract_text() for p in PdfReader(io.BytesIO(final_pdf.content)).pages)
    assert "PROJET" not in final and "DRAFT" not in final
    assert web.http.get("/governance/register/drafting/sheet.json").json()["id"] == "drafting"


def test_agents_cannot_open_the_governance_console(runtime: Runtime) -> None:
    web = WebClient(runtime)
    web.login_as("agent")
    assert web.http.get("/governance").status_code == 403
    assert web.http.get("/journal").status_code == 403
    assert web.http.get("/learn/workshop").status_code == 200
