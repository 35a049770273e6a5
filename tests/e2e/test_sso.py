"""Single sign-on end to end against a real OpenID Connect provider (npm oidc-provider)."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select

from communia.bootstrap import Runtime
from communia.store.tables import JournalEntryRow, User
from tests.e2e.browser import ROOT, free_port, live_server
from tests.support import WebClient

PROVIDER = Path(__file__).parent / "oidc" / "provider.mjs"


@pytest.fixture
def idp_port() -> Iterator[int]:
    yield free_port()


@pytest.fixture
def app_port() -> int:
    return free_port()


@pytest.fixture
def idp(idp_port: int, app_port: int) -> Iterator[str]:
    """The provider, started on 127.0.0.1 for this test and stopped afterwards."""
    if shutil.which("node") is None or not (ROOT / "node_modules" / "oidc-provider").is_dir():
        pytest.skip("node and node_modules/oidc-provider are needed (npm ci)")
    redirect = f"http://127.0.0.1:{app_port}/sso/PROVIDER/callback"
    proc = subprocess.Popen(["node", str(PROVIDER), str(idp_port), redirect], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    assert proc.stdout is not None
    line = proc.stdout.readline()
    assert line.startswith("ready"), f"the OIDC provider did not start: {line!r}"
    yield f"http://127.0.0.1:{idp_port}"
    proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture
def sso_runtime(make_runtime: Callable[..., Runtime], idp: str) -> Runtime:
    runtime = make_runtime()
    roles = '"communia-dpo" = "dpo"\n"communia-agent" = "agent"\n'
    (runtime.settings.data_dir / "oidc.toml").write_text(
        f'[providers.kc]\nlabel = "Keycloak"\nkind = "keycloak"\nissuer = "{idp}"\n'
        'client_id = "kc"\nclient_secret = "kc-secret"\nscopes = "openid profile email roles"\n'
        f'role_claim = "roles"\n[providers.kc.roles]\n{roles}'
        f'[providers.pc]\nlabel = "ProConnect"\nkind = "proconnect"\nissuer = "{idp}"\n'
        'client_id = "pc"\nclient_secret = "pc-secret"\ntoken_auth = "client_secret_post"\n'
        'scopes = "openid profile email roles"\nrole_claim = "roles"\nuserinfo_signed = true\n'
        f'[providers.pc.roles]\n{roles}', encoding="utf-8")
    return runtime


def _sign_in(client: httpx.Client, base: str, provider: str, login: str) -> httpx.Response:
    """Start at Communia, fill the provider's real login form, follow back to Communia."""
    form_page = client.get(f"{base}/sso/{provider}/login")
    assert form_page.status_code == 200, form_page.text[:300]
    action = re.search(r'<form[^>]+action="([^"]+)"', form_page.text)
    assert action, "the provider showed no login form"
    target = httpx.URL(str(form_page.url)).join(action.group(1))
    return client.post(target, data={"prompt": "login", "login": login, "password": "x"})


def _journal(runtime: Runtime, kind: str) -> list[JournalEntryRow]:
    with runtime.db.session() as session:
        return list(session.scalars(select(JournalEntryRow).where(JournalEntryRow.kind == kind)))


def test_keycloak_like_sign_in_creates_an_account_with_the_mapped_role(
        sso_runtime: Runtime, app_port: int) -> None:
    with live_server(sso_runtime, app_port) as base, \
            httpx.Client(follow_redirects=True, timeout=20) as client:
        landed = _sign_in(client, base, "kc", "alice")
        assert landed.status_code == 200 and str(landed.url) == f"{base}/"
        me = client.get(f"{base}/api/v1/me").json()
        assert me["role"] == "dpo" and me["username"] == "alice"
        assert client.get(f"{base}/governance").status_code == 200
    with sso_runtime.db.session() as session:
        user = session.scalars(select(User).where(User.username == "alice")).one()
        assert user.oidc_subject == "kc:alice" and user.password_hash is None
    methods = [e.payload["method"] for e in _journal(sso_runtime, "auth.login")]
    assert "oidc:kc" in methods


def test_proconnect_like_signed_userinfo_is_verified_and_accepted(
        sso_runtime: Runtime, app_port: int) -> None:
    with live_server(sso_runtime, app_port) as base, \
            httpx.Client(follow_redirects=True, timeout=20) as client:
        landed = _sign_in(client, base, "pc", "bob")
        assert str(landed.url) == f"{base}/"
        assert client.get(f"{base}/api/v1/me").json()["role"] == "agent"
        assert client.get(f"{base}/governance").status_code == 403


def test_unknown_role_in_claims_is_refused_with_a_message_and_journaled(
        sso_runtime: Runtime, app_port: int) -> None:
    with live_server(sso_runtime, app_port) as base, \
            httpx.Client(follow_redirects=True, timeout=20) as client:
        refused = _sign_in(client, base, "kc", "mallory")
        assert refused.status_code == 403
        assert "astronaut" in refused.text and "oidc.toml" in refused.text
        assert client.get(f"{base}/api/v1/me").status_code == 401
    outcomes = [e.payload["outcome"] for e in _journal(sso_runtime, "auth.login")]
    assert any(o.startswith("refused") for o in outcomes)
    with sso_runtime.db.session() as session:
        assert session.scalars(select(User).where(User.username == "mallory")).first() is None


def test_a_callback_with_a_forged_state_is_refused(sso_runtime: Runtime, app_port: int) -> None:
    with live_server(sso_runtime, app_port) as base, \
            httpx.Client(follow_redirects=False, timeout=20) as client:
        client.get(f"{base}/sso/kc/login")
        forged = client.get(f"{base}/sso/kc/callback", params={"code": "abc", "state": "forged"})
        assert forged.status_code == 403
        assert "state" in forged.text


def test_local_accounts_still_sign_in_beside_sso(sso_runtime: Runtime, app_port: int) -> None:
    from communia.accounts import service
    from tests.support import PASSWORD, csrf_of

    with sso_runtime.db.session() as session:
        service.add_user(session, "clerk", "Clerk", "agent", PASSWORD)
    with live_server(sso_runtime, app_port) as base, \
            httpx.Client(follow_redirects=False, timeout=20) as client:
        assert "Keycloak" in client.get(f"{base}/sso").text
        token = csrf_of(client.get(f"{base}/login").text)
        response = client.post(f"{base}/login", data={"username": "clerk", "password": PASSWORD,
                                                      "csrf_token": token, "next": "/"})
        assert response.status_code == 303


def _providers_file(path: Path, name: str, label: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f'[providers.{name}]\nlabel = "{label}"\nkind = "keycloak"\n'
                    f'issuer = "https://sso.example.org/realms/{name}"\nclient_id = "communia"\n'
                    f'[providers.{name}.roles]\n"communia-agent" = "agent"\n', encoding="utf-8")


def test_providers_are_read_from_the_data_directory_by_default(web: WebClient) -> None:
    assert "/sso/mairie/login" not in web.http.get("/sso").text
    _providers_file(web.runtime.settings.data_dir / "oidc.toml", "mairie", "SSO de la mairie")
    page = web.http.get("/sso").text
    assert "SSO de la mairie" in page and "/sso/mairie/login" in page


def test_providers_are_read_from_the_configured_file(make_runtime: Callable[..., Runtime],
                                                     tmp_path: Path) -> None:
    configured = tmp_path / "etc" / "sso.toml"
    _providers_file(configured, "agglo", "SSO de l'agglomération")
    web = WebClient(make_runtime(oidc_config_file=configured))
    _providers_file(web.runtime.settings.data_dir / "oidc.toml", "mairie", "SSO de la mairie")

    page = web.http.get("/sso")

    assert "SSO de l&#39;agglomération" in page.text and "/sso/agglo/login" in page.text
    assert "SSO de la mairie" not in page.text
    unknown = web.http.get("/sso/mairie/login", follow_redirects=False)
    assert unknown.status_code == 404 and "No identity provider with this name" in unknown.text


def test_a_configured_providers_file_that_is_missing_is_named(
        make_runtime: Callable[..., Runtime], tmp_path: Path) -> None:
    missing = tmp_path / "etc" / "absent.toml"
    web = WebClient(make_runtime(oidc_config_file=missing))

    page = web.http.get("/sso")

    assert page.status_code == 400
    assert str(missing) in page.text and "oidc_config_file" in page.text
