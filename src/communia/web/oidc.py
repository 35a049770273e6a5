"""OpenID Connect sign-in (authorization code + PKCE) for Keycloak, LemonLDAP::NG, ProConnect.

Providers are declared in a TOML file: the setting ``oidc_config_file``, by default
``<data_dir>/oidc.toml`` (see docs/integration.md). ID tokens are verified against the
provider's JWKS (signature, issuer, audience, expiry, nonce); a userinfo answer that is a
signed JWT (ProConnect) is verified the same way. Roles come from a claim through a
documented mapping; a person whose claims map to no known role is refused.
"""

from __future__ import annotations

import secrets
import time
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from authlib.integrations.httpx_client import OAuth2Client
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet

from communia.accounts.model import ROLES
from communia.config import Settings
from communia.errors import InvalidInput, Refused, Unavailable

CONFIG_FILE = "oidc.toml"  # in the data directory, unless the setting names another file
KINDS = ("keycloak", "lemonldap", "proconnect", "generic")
TOKEN_AUTH = ("client_secret_basic", "client_secret_post", "none")
ROLE_PRIORITY = ("admin", "dpo", "ethics", "hr", "field_lead", "agent")
ALGORITHMS = ("RS256", "PS256", "ES256", "RS384", "RS512", "ES384")
LEEWAY_SECONDS = 60
HTTP_TIMEOUT = 10.0
_discovery: dict[str, tuple[float, dict[str, Any]]] = {}
DISCOVERY_TTL = 300.0


class SsoRefused(Refused):
    """A single sign-on answer cannot be trusted or maps to no role; nothing is signed in."""


class SsoUnavailable(Unavailable):
    """The identity provider cannot be reached."""


@dataclass(frozen=True)
class ProviderConfig:
    """One identity provider, as declared in the providers file (``source``)."""

    name: str
    issuer: str
    client_id: str
    client_secret: str = ""
    label: str = ""
    kind: str = "generic"
    token_auth: str = "client_secret_basic"
    scopes: str = "openid profile email"
    role_claim: str = "roles"
    roles: dict[str, str] = field(default_factory=dict)
    userinfo_signed: bool = False
    public_url: str = ""
    source: str = CONFIG_FILE


@dataclass(frozen=True)
class Identity:
    """A verified person from a provider, with the role their claims map to."""

    provider: str
    subject: str
    username: str
    display_name: str
    role: str
    raw_roles: tuple[str, ...]


def config_path(settings: Settings) -> Path:
    """The providers file: the setting ``oidc_config_file``, else ``<data_dir>/oidc.toml``."""
    return settings.oidc_config_file or settings.data_dir / CONFIG_FILE


def load_config(settings: Settings) -> dict[str, ProviderConfig]:
    """Providers declared in the providers file.

    Empty when the default file is absent (no single sign-on); a file named by the
    setting must exist.
    """
    path = config_path(settings)
    if not path.is_file():
        if settings.oidc_config_file is not None:
            raise InvalidInput(f"{path}: no such file; check the setting oidc_config_file "
                               "(COMMUNIA_OIDC_CONFIG_FILE).")
        return {}
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise InvalidInput(f"{path}: cannot be read as TOML ({exc}).") from None
    providers = raw.get("providers", {})
    return {name: _provider(path, name, values) for name, values in providers.items()}


def _provider(path: Path, name: str, values: dict[str, Any]) -> ProviderConfig:
    for key in ("issuer", "client_id"):
        if not str(values.get(key, "")).strip():
            raise InvalidInput(f"{path}: [providers.{name}] needs '{key}'.")
    roles = {str(k): str(v) for k, v in values.get("roles", {}).items()}
    for claim_value, role in roles.items():
        if role not in ROLES:
            raise InvalidInput(f"{path}: [providers.{name}.roles] maps '{claim_value}' to "
                               f"'{role}', which is not one of {', '.join(ROLES)}.")
    cfg = ProviderConfig(
        name=name, issuer=str(values["issuer"]).rstrip("/"), client_id=str(values["client_id"]),
        client_secret=str(values.get("client_secret", "")), label=str(values.get("label", name)),
        kind=str(values.get("kind", "generic")),
        token_auth=str(values.get("token_auth", "client_secret_basic")),
        scopes=str(values.get("scopes", "openid profile email")),
        role_claim=str(values.get("role_claim", "roles")), roles=roles,
        userinfo_signed=bool(values.get("userinfo_signed", values.get("kind") == "proconnect")),
        public_url=str(values.get("public_url", "")).rstrip("/"), source=path.name)
    if cfg.kind not in KINDS or cfg.token_auth not in TOKEN_AUTH:
        raise InvalidInput(f"{path}: [providers.{name}] kind must be one of {', '.join(KINDS)} "
                           f"and token_auth one of {', '.join(TOKEN_AUTH)}.")
    return cfg


def discover(cfg: ProviderConfig) -> dict[str, Any]:
    """The provider's metadata (cached a few minutes)."""
    cached = _discovery.get(cfg.issuer)
    if cached and time.monotonic() - cached[0] < DISCOVERY_TTL:
        return cached[1]
    meta = _get_json(cfg.issuer + "/.well-known/openid-configuration", cfg)
    if meta.get("issuer", "").rstrip("/") != cfg.issuer:
        raise SsoRefused(f"The provider '{cfg.label}' announces another issuer; check 'issuer' "
                         f"in {cfg.source}.")
    _discovery[cfg.issuer] = (time.monotonic(), meta)
    return meta


def _get_json(url: str, cfg: ProviderConfig) -> dict[str, Any]:
    try:
        response = httpx.get(url, timeout=HTTP_TIMEOUT)
        response.raise_for_status()
        return dict(response.json())
    except (httpx.HTTPError, ValueError):
        raise SsoUnavailable(f"The identity provider '{cfg.label}' cannot be reached at {url}; "
                             "try again or sign in with a local account.") from None


def _client(cfg: ProviderConfig, redirect_uri: str) -> OAuth2Client:
    return OAuth2Client(cfg.client_id, cfg.client_secret or None,
                        token_endpoint_auth_method=cfg.token_auth, scope=cfg.scopes,
                        redirect_uri=redirect_uri, code_challenge_method="S256",
                        timeout=HTTP_TIMEOUT)


def start(cfg: ProviderConfig, redirect_uri: str) -> tuple[str, dict[str, str]]:
    """The provider's authorization URL and what the session must keep (state, nonce, PKCE)."""
    meta = discover(cfg)
    saved = {"provider": cfg.name, "state": secrets.token_urlsafe(24),
             "nonce": secrets.token_urlsafe(24), "verifier": secrets.token_urlsafe(64)}
    with _client(cfg, redirect_uri) as client:
        url, _ = client.create_authorization_url(meta["authorization_endpoint"],
                                                 state=saved["state"],
                                                 code_verifier=saved["verifier"],
                                                 nonce=saved["nonce"])
    return str(url), saved


def finish(cfg: ProviderConfig, redirect_uri: str, params: dict[str, str],
           saved: dict[str, str]) -> Identity:
    """Check the callback, exchange the code, verify the tokens and map the role."""
    if params.get("error"):
        raise SsoRefused(f"The provider refused the sign-in ({params['error'][:60]}).")
    if not saved or saved.get("provider") != cfg.name or \
            not secrets.compare_digest(saved.get("state", ""), params.get("state", "")):
        raise SsoRefused("This sign-in answer does not match the request (state); start the "
                         "sign-in again.")
    meta = discover(cfg)
    keys = KeySet.import_key_set(_get_json(meta["jwks_uri"], cfg))  # type: ignore[arg-type]
    token = _exchange(cfg, meta, redirect_uri, params.get("code", ""), saved["verifier"])
    claims = verify_jwt(str(token.get("id_token", "")), keys, cfg, nonce=saved["nonce"])
    claims.update(_userinfo(cfg, meta, str(token.get("access_token", "")), keys, claims["sub"]))
    return identity_from(cfg, claims)


def _exchange(cfg: ProviderConfig, meta: dict[str, Any], redirect_uri: str, code: str,
              verifier: str) -> dict[str, Any]:
    if not code:
        raise SsoRefused("The provider's answer has no authorization code; start again.")
    try:
        with _client(cfg, redirect_uri) as client:
            return dict(client.fetch_token(meta["token_endpoint"], code=code,
                                           code_verifier=verifier,
                                           grant_type="authorization_code"))
    except httpx.HTTPError:
        raise SsoUnavailable(f"The provider '{cfg.label}' cannot be reached.") from None
    except Exception as exc:  # authlib raises OAuthError subclasses for refused codes
        raise SsoRefused(f"The provider refused the code exchange ({type(exc).__name__}); "
                         "start the sign-in again.") from None


def verify_jwt(value: str, keys: KeySet, cfg: ProviderConfig, nonce: str | None = None,
               now: int | None = None) -> dict[str, Any]:
    """Claims of a JWT signed by the provider, for this client, unexpired; else SsoRefused."""
    if not value:
        raise SsoRefused("The provider sent no ID token; check the 'openid' scope.")
    try:
        token = jwt.decode(value, keys, algorithms=list(ALGORITHMS))
        options: dict[str, Any] = {"iss": {"essential": True, "value": cfg.issuer},
                                   "aud": {"essential": True, "value": cfg.client_id},
                                   "sub": {"essential": True}}
        if nonce is not None:
            options["exp"] = {"essential": True}
            options["nonce"] = {"essential": True, "value": nonce}
        jwt.JWTClaimsRegistry(now=now, leeway=LEEWAY_SECONDS, **options).validate(token.claims)
    except JoseError as exc:
        raise SsoRefused(f"The provider's token was refused: {_reason(exc)}. Sign in again; "
                         "if it persists, tell the IT department.") from None
    return dict(token.claims)


def _reason(exc: JoseError) -> str:
    name = type(exc).__name__
    return {"ExpiredTokenError": "it has expired",
            "BadSignatureError": "its signature does not match the provider's keys",
            "InvalidClaimError": "it was issued for another client, issuer or request",
            "MissingClaimError": "a required claim is missing"}.get(name, "it is malformed")


def _userinfo(cfg: ProviderConfig, meta: dict[str, Any], access_token: str, keys: KeySet,
              subject: str) -> dict[str, Any]:
    try:
        response = httpx.get(meta["userinfo_endpoint"], timeout=HTTP_TIMEOUT,
                             headers={"Authorization": f"Bearer {access_token}"})
        response.raise_for_status()
    except httpx.HTTPError:
        raise SsoUnavailable(f"The provider '{cfg.label}' did not answer the userinfo "
                             "request.") from None
    signed = response.headers.get("content-type", "").startswith("application/jwt")
    if cfg.userinfo_signed and not signed:
        raise SsoRefused("The provider's userinfo answer is not signed, as configured; "
                         "nothing was trusted.")
    info = verify_jwt(response.text.strip(), keys, cfg) if signed else dict(response.json())
    if info.get("sub") != subject:
        raise SsoRefused("The userinfo answer is about another person than the ID token.")
    return info


def claim_values(claims: dict[str, Any], path: str) -> tuple[str, ...]:
    """Values at a dotted claim path (e.g. ``realm_access.roles``) as strings."""
    value: Any = claims
    for part in path.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    if value is None:
        return ()
    items = value if isinstance(value, list) else str(value).replace(",", " ").split()
    return tuple(str(v) for v in items)


def map_role(raw: tuple[str, ...], mapping: dict[str, str], source: str = CONFIG_FILE) -> str:
    """The most privileged Communia role the claim values map to; SsoRefused when none."""
    mapped = {mapping[v] for v in raw if v in mapping}
    for role in ROLE_PRIORITY:
        if role in mapped:
            return role
    shown = ", ".join(raw[:5]) or "none"
    raise SsoRefused(f"Your identity provider gives the role(s) {shown}, which Communia does not "
                     f"know. Ask the administrator to map them in {source}.")


def identity_from(cfg: ProviderConfig, claims: dict[str, Any]) -> Identity:
    raw = claim_values(claims, cfg.role_claim)
    role = map_role(raw, cfg.roles, cfg.source)
    email = str(claims.get("email", ""))
    username = str(claims.get("preferred_username") or email.split("@")[0] or claims["sub"])
    name = str(claims.get("name") or " ".join(
        str(claims.get(k, "")) for k in ("given_name", "usual_name", "family_name")
        if claims.get(k)) or username)
    return Identity(cfg.name, str(claims["sub"]), username.lower()[:100], name[:200], role, raw)
