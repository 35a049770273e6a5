"""ID-token and userinfo verification: forged, expired, wrong-audience tokens are refused."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from joserfc import jwt
from joserfc.jwk import KeySet, RSAKey

from communia.web.oidc import (
    ProviderConfig,
    SsoRefused,
    claim_values,
    identity_from,
    load_config,
    map_role,
    verify_jwt,
)
from tests.support import make_settings

CFG = ProviderConfig(name="kc", issuer="http://idp.test", client_id="communia",
                     roles={"communia-dpo": "dpo", "agents": "agent"})


def _token(key: RSAKey, **overrides: object) -> str:
    now = int(time.time())
    claims = {"iss": CFG.issuer, "aud": CFG.client_id, "sub": "u1", "iat": now,
              "exp": now + 300, "nonce": "n1", **overrides}
    return jwt.encode({"alg": "RS256", "kid": key.kid}, claims, key)


@pytest.fixture
def key() -> RSAKey:
    return RSAKey.generate_key(2048, parameters={"kid": "k1"})


def test_a_token_signed_by_the_provider_is_accepted(key: RSAKey) -> None:
    claims = verify_jwt(_token(key), KeySet([key]), CFG, nonce="n1")
    assert claims["sub"] == "u1"


def test_a_forged_signature_is_refused(key: RSAKey) -> None:
    forger = RSAKey.generate_key(2048, parameters={"kid": "k1"})
    with pytest.raises(SsoRefused, match="signature"):
        verify_jwt(_token(forger), KeySet([key]), CFG, nonce="n1")


def test_an_expired_token_is_refused(key: RSAKey) -> None:
    past = int(time.time()) - 3600
    with pytest.raises(SsoRefused, match="expired"):
        verify_jwt(_token(key, iat=past - 300, exp=past), KeySet([key]), CFG, nonce="n1")


def test_a_token_for_another_client_or_request_is_refused(key: RSAKey) -> None:
    with pytest.raises(SsoRefused, match="another client"):
        verify_jwt(_token(key, aud="someone-else"), KeySet([key]), CFG, nonce="n1")
    with pytest.raises(SsoRefused, match="another client"):
        verify_jwt(_token(key), KeySet([key]), CFG, nonce="replayed")


def test_an_unsigned_token_is_refused(key: RSAKey) -> None:
    header, payload, _ = _token(key).split(".")
    with pytest.raises(SsoRefused):
        verify_jwt(f"{header}.{payload}.", KeySet([key]), CFG, nonce="n1")


def test_roles_map_to_the_most_privileged_known_role() -> None:
    claims = {"realm_access": {"roles": ["agents", "communia-dpo", "other"]}}
    raw = claim_values(claims, "realm_access.roles")
    assert map_role(raw, CFG.roles) == "dpo"


def test_unknown_roles_are_refused_naming_them() -> None:
    with pytest.raises(SsoRefused, match="astronaut"):
        map_role(("astronaut",), CFG.roles)
    with pytest.raises(SsoRefused, match="none"):
        map_role((), CFG.roles)


def test_a_refusal_names_the_providers_file_the_setting_configures(tmp_path: Path) -> None:
    configured = tmp_path / "sso-agglo.toml"
    configured.write_text('[providers.kc]\nissuer = "http://idp.test"\nclient_id = "communia"\n'
                          '[providers.kc.roles]\n"agents" = "agent"\n', encoding="utf-8")
    cfg = load_config(make_settings(tmp_path, oidc_config_file=configured))["kc"]
    with pytest.raises(SsoRefused, match="map them in sso-agglo.toml"):
        identity_from(cfg, {"sub": "u1", "roles": ["astronaut"]})
