"""Governance through the web and the REST API: the approval rule holds, tokens, uploads."""

from __future__ import annotations

import html
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


def test_the_algorithm_sheet_describes_a_standard_use_case_in_the_readers_language(
        runtime: Runtime) -> None:
    import io

    from pypdf import PdfReader

    web = WebClient(runtime)
    web.login_as("dpo")
    french = web.http.get("/governance/register/planning/sheet.json",
                          headers={"Accept-Language": "fr"}).json()
    assert french["purpose"].startswith("Prévoir la demande par lieu et par heure")
    assert "mission d'intérêt public" in french["legal_basis"]
    assert "disponibilités des médiateurs" in french["data_categories"]
    pdf = web.http.get("/governance/register/planning/sheet.pdf",
                       headers={"Accept-Language": "fr"})
    text = " ".join("".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
                    .split())
    assert "Prévoir la demande" in text and "mission d'intérêt public" in text
    assert "Forecast demand" not in text and "public task" not in text
    english = web.http.get("/governance/register/planning/sheet.json",
                           headers={"Accept-Language": "en"}).json()
    assert english["purpose"].startswith("Forecast demand by place and hour of week")
    assert "public task" in english["legal_basis"]


def test_agents_cannot_open_the_governance_console(runtime: Runtime) -> None:
    web = WebClient(runtime)
    web.login_as("agent")
    assert web.http.get("/governance").status_code == 403
    assert web.http.get("/journal").status_code == 403
    assert web.http.get("/learn/workshop").status_code == 200


def _refer(runtime: Runtime, use_case: str = "drafting") -> int:
    from communia.accounts import service as accounts
    from communia.governance.console import ethics

    with runtime.db.session() as session:
        if accounts.get_account(session, "root") is None:
            accounts.add_user(session, "root", "Root", "admin", None)
        return ethics.refer(session, use_case, "root", "New data source").id


# What each governance role finds on the pages: the forms it may use, and for the others a
# sentence saying who can.
FORMS = {
    "/governance/tokens": ('action="/governance/tokens"', "Only an administrator issues"),
    "/governance/rights": ('action="/governance/rights/erase"',
                           "Only the DPO or an administrator runs the purge"),
    "/governance/register": ('href="/governance/register/new"',
                             "Only the DPO or an administrator adds use cases"),
    "/governance/register/new": ('action="/governance/register"',
                                 "Only the DPO or an administrator adds use cases"),
    "/governance/register/drafting": ('action="/governance/register/drafting/edit"',
                                      "Only the DPO or an administrator changes the status"),
    "/governance/ethics": ('/opinion"', "Only the ethics committee"),
}
MAY_USE = {"admin": set(FORMS), "dpo": set(FORMS) - {"/governance/tokens", "/governance/ethics"},
           "ethics": {"/governance/ethics"}}


@pytest.mark.parametrize("role", ["admin", "dpo", "ethics"])
def test_each_governance_role_sees_the_forms_it_may_use_and_who_can_do_the_rest(
        runtime: Runtime, role: str) -> None:
    _refer(runtime)
    web = WebClient(runtime)
    web.login_as(role)
    for path, (form, who_can) in FORMS.items():
        page = web.http.get(path, headers={"Accept-Language": "en"})
        assert page.status_code == 200, path
        if path in MAY_USE[role]:
            assert form in page.text and who_can not in page.text, (role, path)
        else:
            assert form not in page.text and who_can in page.text, (role, path)
    journal_link = 'href="/journal"' in web.http.get("/governance").text
    assert journal_link == (role != "ethics")


def test_the_ethics_committee_records_the_opinion_it_is_shown(runtime: Runtime) -> None:
    referral = _refer(runtime)
    web = WebClient(runtime)
    web.login_as("ethics")
    page = web.http.get("/governance/ethics").text
    assert f'action="/governance/ethics/referrals/{referral}/opinion"' in page
    done = web.post(f"/governance/ethics/referrals/{referral}/opinion",
                    {"opinion": "favourable", "conditions": "", "review_date": "2027-01-15"})
    assert done.status_code == 303
    assert "Opinion given" in web.http.get("/governance/ethics",
                                           headers={"Accept-Language": "en"}).text


def test_an_impossible_review_date_brings_the_opinion_form_back_with_the_input(
        runtime: Runtime) -> None:
    referral = _refer(runtime)
    web = WebClient(runtime)
    web.login_as("ethics")
    page = web.post(f"/governance/ethics/referrals/{referral}/opinion",
                    {"opinion": "unfavourable", "conditions": "Keep a human check",
                     "review_date": "2027-02-30"}, headers={"Accept-Language": "fr"})
    assert page.status_code == 400
    text = html.unescape(page.text)
    assert "« Date de réexamen » : ce n'est pas une date du calendrier" in text
    assert "Accès refusé" not in text and "Action refusée" not in text
    assert 'value="2027-02-30"' in text and "Keep a human check</textarea>" in text
    assert '<option value="unfavourable" selected>' in text
    with runtime.db.session() as session:
        assert register.latest_opinion(session, "drafting") is None


def test_a_wrong_register_form_comes_back_with_the_input_and_the_field_named(
        runtime: Runtime) -> None:
    web = WebClient(runtime)
    web.login_as("dpo")
    form = {"id": "Parking Fines", "name_fr": "Amendes", "name_en": "Fines",
            "purpose": "Summarise appeals", "legal_basis": "Public task",
            "risk_level": "limited", "retention_days": "90"}
    page = web.post("/governance/register", form, headers={"Accept-Language": "en"})
    assert page.status_code == 400
    text = html.unescape(page.text)
    assert "<h1>Add a use case</h1>" in text
    assert "“Identifier”: 2 to 64 lowercase letters" in text
    assert 'value="Parking Fines" aria-invalid="true"' in text
    assert "Summarise appeals</textarea>" in text
    assert '<option value="limited" selected>Limited</option>' in text
    french = web.post("/governance/register", {**form, "id": "parking_fines",
                                               "retention_days": "dix"},
                      headers={"Accept-Language": "fr"})
    assert "« Conservation » : un nombre entier de jours est attendu" in html.unescape(
        french.text)
    assert web.post("/governance/register", {**form, "id": "parking_fines"}).status_code == 303


# A governance form sent with a required field empty, and what the person typed in the others.
MISSING_FIELD = {
    "/governance/tokens": ({"name": "ci-nightly", "owner": "dpo-bot"}, 'value="dpo-bot"'),
    "/governance/ethics/referrals": ({"reason": "Nouvelle source de données"},
                                     "Nouvelle source de données</textarea>"),
    "/governance/rights/erase": ({"confirm": "yes"}, 'id="er-confirm"'),
}


@pytest.mark.parametrize("path", sorted(MISSING_FIELD))
def test_a_governance_form_refused_before_it_runs_comes_back_with_the_input(
        runtime: Runtime, path: str) -> None:
    web = WebClient(runtime)
    web.login_as("admin")
    typed, kept = MISSING_FIELD[path]
    page = web.post(path, typed, headers={"Accept-Language": "fr",
                                          "Referer": f"http://testserver{path}"})
    assert page.status_code == 422
    text = html.unescape(page.text)
    assert "Remplissez « " in text and f'action="{path}"' in text
    assert kept in text
    assert "data-history-back" not in text and "Retour au formulaire" not in text


def test_an_input_error_is_not_shown_as_a_refusal(runtime: Runtime) -> None:
    web = WebClient(runtime)
    web.login_as("dpo")
    status = web.post("/governance/register/drafting/status", {"status": "closed"},
                      headers={"Accept-Language": "fr"})
    assert status.status_code == 400
    assert "Statut inconnu « closed »" in html.unescape(status.text)
    assert "Accès refusé" not in html.unescape(status.text)
    blank = web.post("/governance/ethics/referrals", {"use_case": "feedback", "reason": "  "},
                     headers={"Accept-Language": "en"})
    assert blank.status_code == 400
    assert "A referral needs a reason" in blank.text
    assert '<option value="feedback" selected>' in blank.text
    not_a_number = web.post("/governance/ethics/conditions/abc", {"status": "met"},
                            headers={"Accept-Language": "en"})
    assert not_a_number.status_code == 404 and "<h1>Page not found</h1>" in not_a_number.text


def test_a_refusal_by_the_approval_rule_names_what_is_missing_in_french(fresh: Runtime) -> None:
    web = WebClient(fresh)
    web.login_as("dpo")
    page = web.post("/governance/register/recruitment/status", {"status": "approved"},
                    headers={"Accept-Language": "fr"})
    text = html.unescape(page.text)
    assert page.status_code == 403 and "<h1>Aide au tri des candidatures</h1>" in text
    assert ("Le cas d'usage « recruitment » ne peut pas être approuvé : un cas d'usage à haut "
            "risque doit avoir sa FRIA") in text


@pytest.mark.parametrize("lang,shown,hidden", [
    ("en", ["Not required", "Approved", "Minimal", "Administrative drafting"],
     [">not_required<", ">approved<", ">minimal<"]),
    ("fr", ["Non requise", "Approuvé", "Élevé", "Rédaction administrative"],
     [">not_required<", ">approved<", ">high<"]),
])
def test_the_register_shows_labels_not_internal_values(runtime: Runtime, lang: str,
                                                       shown: list[str],
                                                       hidden: list[str]) -> None:
    web = WebClient(runtime)
    web.login_as("dpo")
    register_page = html.unescape(web.http.get("/governance/register",
                                               headers={"Accept-Language": lang}).text)
    form = html.unescape(web.http.get("/governance/register/new",
                                      headers={"Accept-Language": lang}).text)
    for text in shown[:3]:
        assert f">{text}<" in register_page + form, text
    assert shown[3] in register_page
    for raw in hidden:
        assert raw not in register_page and raw not in form, raw


def test_the_queue_and_the_journal_show_roles_kinds_and_use_cases_by_name(
        runtime: Runtime) -> None:
    from communia.governance import review

    web = WebClient(runtime)
    lead = web.login_as("field_lead")
    with runtime.db.session() as session:
        review.create_draft(session, runtime.vault, use_case="prompt_workshop", kind="answer",
                            title="Answer", content="Hi", requested_by=lead, provenance={})
    admin = WebClient(runtime)
    admin.login_as("admin")
    queue = html.unescape(admin.http.get("/governance/queue",
                                         headers={"Accept-Language": "en"}).text)
    assert "Field-team lead" in queue and "Under a day" in queue
    assert ">field_lead<" not in queue and ">under_1_day<" not in queue
    journal = html.unescape(admin.http.get("/journal", headers={"Accept-Language": "fr"}).text)
    assert '<option value="auth.login">Connexion</option>' in journal
    assert "<td>Connexion</td>" in journal and "<td>auth.login</td>" not in journal


def test_the_journal_refuses_a_date_that_is_not_on_the_calendar_and_keeps_the_filters(
        runtime: Runtime) -> None:
    web = WebClient(runtime)
    web.login_as("dpo")
    page = web.http.get("/journal?kind=auth.login&since=2026-02-30&until=2026-03-31",
                        headers={"Accept-Language": "fr"})
    assert page.status_code == 400
    text = html.unescape(page.text)
    assert ("« Du » : ce n'est pas une date du calendrier (2026-02-30) ; choisissez un jour "
            "qui existe") in text
    assert 'value="2026-02-30" aria-invalid="true"' in text and 'value="2026-03-31"' in text
    assert '<option value="auth.login" selected>' in text
    assert "/journal/export" not in text  # no export of something other than what was asked
    backwards = web.http.get("/journal?since=2026-03-02&until=2026-03-01",
                             headers={"Accept-Language": "en"})
    assert backwards.status_code == 400
    assert "“To”: the end of the period (2026-03-01) is before its start" in html.unescape(
        backwards.text)
    export = web.http.get("/journal/export?format=jsonl&until=2026-13-01",
                          headers={"Accept-Language": "fr"})
    assert export.status_code == 400
    assert "« 2026-13-01 » n'est pas une date du calendrier" in html.unescape(export.text)
    fine = web.http.get("/journal?since=2024-02-29")
    assert fine.status_code == 200 and "<td>Connexion</td>" in fine.text


def test_a_standard_use_case_is_described_in_the_readers_language(runtime: Runtime) -> None:
    web = WebClient(runtime)
    web.login_as("dpo")
    french = html.unescape(web.http.get("/governance/register/planning",
                                        headers={"Accept-Language": "fr"}).text)
    assert "Prévoir la demande par lieu et par heure" in french
    assert "mission d'intérêt public" in french
    assert "Forecast demand by place" not in french and "public task" not in french
    english = html.unescape(web.http.get("/governance/register/planning",
                                         headers={"Accept-Language": "en"}).text)
    assert "Forecast demand by place and hour of week" in english


def test_a_purpose_typed_by_the_dpo_is_shown_as_typed(runtime: Runtime) -> None:
    """On the use case's page and on its algorithm sheet, in both languages."""
    web = WebClient(runtime)
    web.login_as("dpo")
    web.post("/governance/register/drafting/edit", {
        "name_fr": "Rédaction", "name_en": "Drafting", "purpose": "Courriers du maire",
        "legal_basis": "Mission de service public", "risk_level": "minimal",
        "dpia_status": "not_required", "fria_status": "not_required"})
    for lang in ("fr", "en"):
        page = html.unescape(web.http.get("/governance/register/drafting",
                                          headers={"Accept-Language": lang}).text)
        assert "Courriers du maire" in page and "Mission de service public" in page
        sheet = web.http.get("/governance/register/drafting/sheet.json",
                             headers={"Accept-Language": lang}).json()
        assert sheet["purpose"] == "Courriers du maire"
        assert sheet["legal_basis"] == "Mission de service public"


def test_the_journal_shows_details_as_labelled_values(runtime: Runtime) -> None:
    from communia.governance import journal
    from communia.governance.events import ActionRecorded

    with runtime.db.session() as session:
        journal.record(session, ActionRecorded(actor="agent1", use_case="drafting",
                                               action="drafting.exported",
                                       detail={"draft_id": "d-42", "final": False,
                                               "format": "pdfa"}))
    admin = WebClient(runtime)
    admin.login_as("admin")
    french = html.unescape(admin.http.get("/journal", headers={"Accept-Language": "fr"}).text)
    assert "<dt>Brouillon</dt><dd>d-42</dd>" in french
    assert "<dt>Version finale</dt><dd>non</dd>" in french
    assert "<dt>Format</dt><dd>pdfa</dd>" in french
    assert '"draft_id"' not in french and "{&#34;" not in french
    english = html.unescape(admin.http.get("/journal", headers={"Accept-Language": "en"}).text)
    assert "<dt>Draft</dt><dd>d-42</dd>" in english and "<dt>Final</dt><dd>no</dd>" in english


def test_a_refused_status_comes_back_with_the_status_chosen(fresh: Runtime) -> None:
    web = WebClient(fresh)
    web.login_as("dpo")
    page = web.post("/governance/register/recruitment/status", {"status": "approved"},
                    headers={"Accept-Language": "fr"})
    assert page.status_code == 403  # a high-risk use case without its assessments
    text = html.unescape(page.text)
    assert 'aria-describedby="status-error"' in text and "Retour au formulaire" not in text
    assert '<option value="approved" selected>' in page.text
    missing = web.post("/governance/register/recruitment/status", {},
                       headers={"Accept-Language": "fr"})
    assert missing.status_code == 422 and "Remplissez « " in html.unescape(missing.text)
    assert 'aria-invalid="true" aria-describedby="status-error"' in missing.text


def test_a_condition_that_does_not_exist_is_said_in_the_readers_language(
        runtime: Runtime) -> None:
    web = WebClient(runtime)
    web.login_as("admin")
    for sent in ({"status": "met"}, {}, {"status": "bogus"}):
        page = web.post("/governance/ethics/conditions/999", sent,
                        headers={"Accept-Language": "fr"})
        assert page.status_code == 404, sent
        assert "Aucune condition numéro 999 ; consultez la liste" in html.unescape(page.text)
    web.http.cookies.set("lang", "en")
    page = web.post("/governance/ethics/conditions/999", {})
    assert page.status_code == 404 and "No condition number 999" in page.text
