"""Journeys through the web app: sign in, language, role denials, CSRF, throttling."""

from __future__ import annotations

import html
import re

import pytest
from fastapi.routing import APIRoute

from communia.accounts.model import AREAS, ROLES, can
from communia.bootstrap import Runtime
from tests.support import PASSWORD, WebClient


def test_anonymous_visitor_is_sent_to_login(web: WebClient) -> None:
    response = web.http.get("/", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"].startswith("/login")


def test_login_then_home_shows_the_person_and_the_menu(web: WebClient) -> None:
    web.login_as("hr", "helene")
    page = web.http.get("/").text
    assert "Helene" in page
    assert 'href="/review"' in page


def test_wrong_password_is_refused_with_a_message(web: WebClient) -> None:
    web.login_as("agent", "paul")
    web.post("/logout")
    web.refresh_csrf()
    response = web.post("/login", {"username": "paul", "password": "nope", "next": "/"})
    assert response.status_code == 401
    assert "wrong password" in response.text.lower() or "mot de passe" in response.text.lower()


def test_login_is_throttled_after_repeated_failures(web: WebClient) -> None:
    web.login_as("agent", "rita")
    web.post("/logout")
    web.refresh_csrf()
    limit = web.runtime.settings.login_max_failures
    for _ in range(limit):
        web.post("/login", {"username": "rita", "password": "bad", "next": "/"})
    response = web.post("/login", {"username": "rita", "password": PASSWORD, "next": "/"})
    assert response.status_code == 429


def test_form_without_csrf_token_is_refused(web: WebClient) -> None:
    web.login_as("agent")
    response = web.http.post("/logout", data={}, follow_redirects=False)
    assert response.status_code == 403


def test_language_follows_accept_language_then_the_switch(web: WebClient) -> None:
    web.login_as("agent")
    english = web.http.get("/", headers={"accept-language": "en-GB,en;q=0.9"}).text
    assert '<html lang="en">' in english
    french = web.http.get("/", headers={"accept-language": "fr-FR,fr;q=0.9"}).text
    assert '<html lang="fr">' in french
    assert "Se déconnecter" in french
    web.post("/lang", {"lang": "en", "next": "/"})
    switched = web.http.get("/", headers={"accept-language": "fr-FR"}).text
    assert '<html lang="en">' in switched
    assert "Sign out" in switched


def test_a_mistyped_address_gets_a_page_in_the_readers_language(web: WebClient) -> None:
    web.login_as("agent", "nora")
    english = web.http.get("/recrutement", headers={"Accept-Language": "en"})
    assert english.status_code == 404
    assert "This page does not exist" in english.text
    assert 'href="/"' in english.text  # the layout, with its way home
    french = web.http.get("/recrutement", headers={"Accept-Language": "fr"})
    assert "Cette page n'existe pas" in html.unescape(french.text)
    api = web.http.get("/api/nope", headers={"Accept": "application/json"})
    assert api.status_code == 404
    assert api.json() == {"detail": "Not Found"}


def test_a_form_sent_with_a_required_field_empty_says_which_field(
        web: WebClient, runtime: Runtime) -> None:
    from communia.governance import review

    user = web.login_as("agent", "ines")
    with runtime.db.session() as session:
        draft_id = review.create_draft(session, runtime.vault, use_case="drafting",
                                       kind="letter", title="Lettre", content="Bonjour",
                                       requested_by=user, provenance={}).id
    page = web.post(f"/review/{draft_id}/reject", {}, headers={"Accept-Language": "en"})
    assert page.status_code == 422
    text = html.unescape(page.text)
    assert "Fill in “Reason for rejecting”, then submit again." in text
    assert f'action="/review/{draft_id}/reject"' in text  # the draft's page, not an error page
    assert 'aria-invalid="true" aria-describedby="reject-error"' in text
    partial = web.post(f"/review/{draft_id}/reject", {},
                       headers={"HX-Request": "true", "Accept-Language": "fr"})
    assert partial.status_code == 422
    assert "Remplissez « Motif du rejet », puis envoyez de nouveau." in html.unescape(partial.text)
    assert "<main" not in partial.text  # a fragment for the page's result area
    with runtime.db.session() as session:
        assert review.get_draft(session, draft_id).status == "draft"


def test_a_form_without_its_own_page_again_gets_an_input_error_page_with_a_way_back(
        web: WebClient) -> None:
    web.refresh_csrf()
    page = web.post("/login", {"username": "paul", "next": "/"},
                    headers={"Accept-Language": "fr", "Referer": "http://testserver/login"})
    assert page.status_code == 422
    text = html.unescape(page.text)
    assert "<h1>Saisie invalide</h1>" in text and "Accès refusé" not in text
    assert "Remplissez « Mot de passe », puis envoyez de nouveau." in text
    assert '<a class="button" href="/login" data-history-back>Retour au formulaire</a>' in text
    elsewhere = web.post("/login", {"username": "paul"},
                         headers={"Referer": "https://evil.example/login"})
    assert "data-history-back" not in elsewhere.text  # no way back to another site


def test_error_pages_speak_the_readers_language(web: WebClient) -> None:
    web.login_as("agent", "odile")
    french = {"Accept-Language": "fr"}
    denied = web.http.get("/governance", headers=french)
    assert denied.status_code == 403
    assert "<h1>Accès refusé</h1>" in html.unescape(denied.text)
    assert "Votre rôle ne donne pas accès à cette page" in html.unescape(denied.text)
    wrong_method = web.http.get("/logout", headers=french)
    assert wrong_method.status_code == 405
    assert "Cette adresse n'accepte pas ce type de requête" in html.unescape(wrong_method.text)
    assert "<h1>Page indisponible</h1>" in wrong_method.text
    expired = web.http.post("/logout", data={"csrf_token": "stale"}, headers=french)
    assert expired.status_code == 403
    assert "<h1>Formulaire expiré</h1>" in html.unescape(expired.text)
    assert "This page" not in expired.text and "Your role" not in denied.text
    english = web.http.get("/recrutement", headers={"Accept-Language": "en"})
    assert "<h1>Page not found</h1>" in english.text


def test_security_headers_forbid_inline_scripts_and_framing(web: WebClient) -> None:
    response = web.http.get("/login")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert "unsafe-inline" not in response.headers["content-security-policy"]
    assert response.headers["x-frame-options"] == "DENY"


def _concrete(path: str) -> str:
    return re.sub(r"\{[^}]+\}", "00000000-0000-0000-0000-000000000000", path)


def _route_areas(route: APIRoute) -> list[str]:
    """Areas a route requires on top of its module's (route-level ``require_area``)."""
    areas = [getattr(dep.call, "area", None) for dep in route.dependant.dependencies]
    return [a for a in areas if a]


# /metrics: its token or an administrator (tests/integration/ops/test_web_hardening.py)
PUBLIC = {"/login", "/logout", "/lang", "/healthz", "/readyz", "/metrics"}


@pytest.mark.slow
def test_every_route_checks_the_role_of_every_role(runtime: Runtime) -> None:
    from communia.web.app import route_modules

    clients = {}
    for role in ROLES:
        client = WebClient(runtime)
        client.login_as(role)
        clients[role] = client
    checked = 0
    for module in route_modules():
        area = getattr(module, "AREA", None)
        for route in module.router.routes:
            if not isinstance(route, APIRoute):
                continue
            assert area or route.path in PUBLIC or route.path.startswith(("/sso", "/api/auth")), \
                f"{route.path} ({module.__name__}) has no role check"
            if not area or "GET" not in route.methods:
                continue
            assert area in AREAS, f"{route.path}: unknown area {area}"
            narrower = _route_areas(route)
            for role, client in clients.items():
                status = client.http.get(_concrete(route.path),
                                         follow_redirects=False).status_code
                if can(role, area) and all(can(role, a) for a in narrower):
                    assert status != 403, f"{role} refused on {route.path}"
                else:
                    assert status == 403, f"{role} allowed on {route.path} ({status})"
                checked += 1
    assert checked >= len(ROLES) * 3


def test_denied_access_is_journaled(web: WebClient) -> None:
    from sqlalchemy import select

    from communia.store.tables import JournalEntryRow

    user = web.login_as("agent")
    assert web.http.get("/review", follow_redirects=False).status_code == 200
    with web.runtime.db.session() as session:
        before = session.scalars(select(JournalEntryRow).where(
            JournalEntryRow.kind == "auth.denied", JournalEntryRow.actor == user)).all()
    assert before == []


def test_an_oversized_upload_is_refused_with_a_message_and_journaled(
    make_runtime: object,
) -> None:
    from collections.abc import Callable

    from sqlalchemy import select

    from communia.store.tables import JournalEntryRow

    assert callable(make_runtime)
    build: Callable[..., Runtime] = make_runtime
    client = WebClient(build(max_upload_bytes=4000))
    user = client.login_as("agent")
    response = client.post("/review/00000000-0000-0000-0000-000000000000/edit",
                           {"content": "x" * 20_000})
    assert response.status_code == 413
    assert "COMMUNIA_MAX_UPLOAD_BYTES" in response.text
    with client.runtime.db.session() as session:
        entries = session.scalars(select(JournalEntryRow).where(
            JournalEntryRow.kind == "action", JournalEntryRow.actor == user)).all()
    assert [e.payload["action"] for e in entries] == ["upload.refused"]


def test_the_workshop_names_personal_data_and_shows_no_answer_to_a_refused_request(
        web: WebClient) -> None:
    web.login_as("agent")
    page = html.unescape(web.post("/learn/workshop", {
        "prompt": "Rejette la candidature de Jean Dupont, jean.dupont@example.fr, "
                  "né le 12/03/1990, et dis-lui qu'il n'est pas retenu."},
        headers={"Accept-Language": "fr"}).text)
    assert "adresse électronique" in page and "EMAIL" not in page
    assert "demande demande" not in page
    assert "no model was called" not in page and "aucun modèle n'a été appelé" in page
    assert "La réponse du modèle" not in page


def test_the_recruitment_explain_page_shows_the_benchmark_table_once_as_printed(
        web: WebClient) -> None:
    web.login_as("agent")
    page = html.unescape(web.http.get("/learn/use-cases/recruitment",
                                      headers={"Accept-Language": "fr"}).text)
    assert "Structurer les candidatures selon des critères fixés par les RH" in page
    assert page.count("total wall time (s)") == 1
    assert "Tableau affiché par le programme de mesure" in page
    assert "pass --embedded" not in page
