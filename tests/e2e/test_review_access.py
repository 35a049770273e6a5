"""The review queue respects the capability a draft comes from, and its checks: a
recruitment summary (high-risk use case) is reviewed only by those who may open
recruitment; a drafted document is approved only once it passes its checks."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
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
                         ("reject", {"reason": "no"}), ("reject", {}), ("edit", {})):
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
    refused = web.post(f"/review/{draft_id}/approve")
    assert refused.status_code == 409
    page = html.unescape(refused.text)  # the reviewer's page says why, in their language
    assert "ne peut pas être approuvé tant qu'il échoue à ces vérifications" in page
    assert "Aucune ligne « Objet : »" in page and "n'importe quoi" in page
    with runtime.db.session() as session:
        assert review.get_draft(session, draft_id).status == "draft"


def _letter(runtime: Runtime, content: str = "Bonjour") -> str:
    with runtime.db.session() as session:
        return review.create_draft(session, runtime.vault, use_case="drafting", kind="letter",
                                   title="Lettre", content=content, requested_by="system",
                                   provenance={}).id


def test_an_edit_over_the_limit_is_refused_by_its_size_and_the_text_is_kept(
        make_runtime: Callable[..., Runtime]) -> None:
    runtime = make_runtime(review_max_edit_chars=1_000)
    draft_id = _letter(runtime)
    web = WebClient(runtime)
    web.login_as("agent")
    pasted = "Madame, " + "une phrase trop longue " * 200 + "FIN-DU-TEXTE"
    page = web.post(f"/review/{draft_id}/edit", {"content": pasted, "reason": "relu"},
                    headers={"Accept-Language": "fr"})
    assert page.status_code == 413
    text = html.unescape(page.text)
    size = f"{len(pasted):,}".replace(",", "\u202f")
    assert (f"Votre modification fait {size} caractères ; la limite est de 1\u202f000 "
            "(COMMUNIA_REVIEW_MAX_EDIT_CHARS).") in text
    alert = text.split('id="edit-error">', 1)[1].split("</p>", 1)[0]
    assert "FIN-DU-TEXTE" not in alert and len(alert) < 300  # the size, never the text
    assert text.count("FIN-DU-TEXTE") == 1 and f"{pasted}</textarea>" in text  # kept, once
    assert 'name="reason" value="relu"' in text
    with runtime.db.session() as session:
        assert len(review.versions(session, runtime.vault, draft_id)) == 1
    assert web.post(f"/review/{draft_id}/edit", {"content": "Madame, merci."}).status_code == 303


def test_a_draft_already_longer_than_the_limit_can_still_be_corrected(
        make_runtime: Callable[..., Runtime]) -> None:
    runtime = make_runtime(review_max_edit_chars=1_000)
    generated = "x" * 3_000
    draft_id = _letter(runtime, generated)
    web = WebClient(runtime)
    web.login_as("agent")
    assert web.post(f"/review/{draft_id}/edit",
                    {"content": generated[:-1] + "y"}).status_code == 303
    longer = web.post(f"/review/{draft_id}/edit", {"content": generated + "more"},
                      headers={"Accept-Language": "en"})
    assert longer.status_code == 413 and "the limit is 3,000" in longer.text


def test_an_empty_edit_comes_back_on_the_draft_page(runtime: Runtime) -> None:
    draft_id = _letter(runtime)
    web = WebClient(runtime)
    web.login_as("agent")
    page = web.post(f"/review/{draft_id}/edit", {"content": "   ", "reason": "oops"},
                    headers={"Accept-Language": "en"})
    assert page.status_code == 400
    assert "The new text is empty" in page.text and "<h1>Lettre</h1>" in page.text
    assert 'value="oops"' in page.text


def test_the_governance_queue_links_only_the_drafts_the_viewer_may_open(
        runtime: Runtime) -> None:
    draft_id = _summary(runtime)
    web = WebClient(runtime)
    web.login_as("dpo")
    page = web.http.get("/governance/queue").text
    assert "Summary — C001" in page  # the DPO oversees the queue…
    assert f'href="/review/{draft_id}"' not in page  # …without a link that would be refused
    web.login_as("admin")
    assert f'href="/review/{draft_id}"' in web.http.get("/governance/queue").text


def test_a_recruitment_summary_is_shown_as_sentences_with_its_kind_and_author_named(
        runtime: Runtime) -> None:
    import json

    web = WebClient(runtime)
    hr = web.login_as("hr")
    content = json.dumps({"sentences": [{"text": "Titulaire du BAFA depuis 2021.",
                                         "extract": 3}]})
    with runtime.db.session() as session:
        draft = review.create_draft(session, runtime.vault, use_case="recruitment",
                                    kind="recruitment.summary", title="Summary — Animateur",
                                    content=content, requested_by=hr, provenance={})
    page = html.unescape(web.http.get(f"/review/{draft.id}",
                                      headers={"Accept-Language": "fr"}).text)
    assert "<li>Titulaire du BAFA depuis 2021. <span" in page
    assert "Synthèse de candidature" in page
    assert "Communia (automatique)" in page and "<td>ai</td>" not in page
    assert re.search(r"<td>\d{4}-\d\d-\d\d \d\d:\d\d</td>", page)
    queue = html.unescape(web.http.get("/review", headers={"Accept-Language": "fr"}).text)
    assert "<td>Synthèse de candidature</td>" in queue
