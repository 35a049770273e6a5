"""The review queue respects the capability a draft comes from, and its checks: a
recruitment summary (high-risk use case) is reviewed only by those who may open
recruitment; a drafted document is approved only once it passes its checks."""

from __future__ import annotations

from pathlib import Path

import pytest

from communia.accounts import service as accounts
from communia.bootstrap import Runtime
from communia.governance import review
from communia.governance.console import api_tokens
from communia.store.tables import JournalEntryRow
from tests.support import WebClient

DATA = Path(__file__).parents[1].parent / "benchmarks" / "data" / "drafting"


def _summary(runtime: Runtime) -> str:
    with runtime.db.session() as session:
        return review.create_draft(session, runtime.vault, use_case="recruitment",
                                   kind="recruitment.summary", title="Summary — C001",
                                   content='{"sentences": []}', requested_by="system",
                                   provenance={}).id


@pytest.mark.parametrize("role", ["agent", "field_lead", "dpo", "ethics"])
def test_a_recruitment_summary_is_out_of_reach_of_roles_without_recruitment(
        runtime: Runtime, role: str) -> None:
    draft_id = _summary(runtime)
    web = WebClient(runtime)
    user = web.login_as(role)
    assert draft_id not in web.http.get("/review").text
    assert web.http.get(f"/review/{draft_id}").status_code == 403
    for action, form in (("approve", {}), ("edit", {"content": "x"}),
                         ("reject", {"reason": "no"})):
        assert web.post(f"/review/{draft_id}/{action}", form).status_code == 403
    with runtime.db.session() as session:
        assert review.get_draft(session, draft_id).status == "draft"
        denied = session.query(JournalEntryRow).filter_by(kind="auth.denied", actor=user).all()
    assert any(entry.use_case == "recruitment" for entry in denied)


def test_hr_reviews_the_recruitment_summary(runtime: Runtime) -> None:
    draft_id = _summary(runtime)
    web = WebClient(runtime)
    web.login_as("hr")
    assert draft_id in web.http.get("/review").text
    assert web.post(f"/review/{draft_id}/approve").status_code == 303


def test_the_api_keeps_recruitment_drafts_from_other_roles(runtime: Runtime) -> None:
    draft_id = _summary(runtime)
    owner = WebClient(runtime).login_as("agent")
    with runtime.db.session() as session:
        if accounts.get_account(session, "root") is None:
            accounts.add_user(session, "root", "Root", "admin", None)
        secret = api_tokens.create(session, "ci", owner, "agent", "root").secret
    client = WebClient(runtime).http
    headers = {"Authorization": f"Bearer {secret}"}
    assert draft_id not in client.get("/api/v1/drafts", headers=headers).text
    assert client.get(f"/api/v1/drafts/{draft_id}", headers=headers).status_code == 403
    refused = client.post(f"/api/v1/drafts/{draft_id}/approve", json={"reason": "ok"},
                          headers=headers)
    assert refused.status_code == 403


def test_the_review_queue_cannot_approve_a_document_failing_its_checks(
        runtime: Runtime) -> None:
    web = WebClient(runtime)
    web.login_as("agent")
    facts = (DATA / "courrier_05.yaml").read_bytes()
    url = web.http.post("/drafting/new/courrier", data={"csrf_token": web.csrf},
                        files={"facts_file": ("f.yaml", facts, "application/yaml")},
                        follow_redirects=False).headers["location"]
    draft_id = url.rsplit("/", 1)[1]
    assert web.post(f"/review/{draft_id}/edit", {"content": "n'importe quoi"}).status_code == 303
    assert web.post(f"/review/{draft_id}/approve").status_code == 409
    with runtime.db.session() as session:
        assert review.get_draft(session, draft_id).status == "draft"
