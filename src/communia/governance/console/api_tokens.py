"""Service-account API tokens: shown once, stored as SHA-256, scoped by role, revocable.

A token acts for its owner (a named, active account) with the token's role, which
cannot exceed what an administrator grants; every creation, revocation and refused
use is journaled.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from communia.accounts.model import check_role
from communia.errors import InvalidInput, NotFound, Refused
from communia.governance import journal, review
from communia.governance.console.tables import ApiTokenRow
from communia.governance.events import ActionRecorded
from communia.store.base import utcnow

PREFIX = "cmn_"
ISSUER_ROLES = ("admin",)
"""Who issues and revokes tokens."""


class TokenRejected(Refused):
    """An API token is unknown, malformed, revoked or its owner is disabled."""


@dataclass(frozen=True)
class IssuedToken:
    """A new token: ``secret`` is shown once and never stored."""

    id: int
    name: str
    owner: str
    role: str
    secret: str


@dataclass(frozen=True)
class TokenIdentity:
    """Who a valid token acts for."""

    token_id: int
    owner: str
    role: str
    name: str


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def create(session: Session, name: str, owner: str, role: str, actor: str) -> IssuedToken:
    """Issue a token for ``owner`` with ``role``; only an administrator may."""
    creator = review.require_named_user(session, actor)
    if creator.role not in ISSUER_ROLES:
        raise Refused("Only an administrator issues API tokens.")
    try:
        review.require_named_user(session, owner)
    except review.ReviewerRequired:
        raise InvalidInput(f"The owner '{owner[:60]}' is not an active account; give the "
                           "username of a named person.") from None
    check_role(role)
    name = name.strip()
    if not name or len(name) > 120:
        raise InvalidInput("Give the token a name of 1 to 120 characters (what system uses it).")
    secret = PREFIX + secrets.token_urlsafe(32)
    row = ApiTokenRow(name=name, prefix=secret[:12], token_hash=_digest(secret), owner=owner,
                      role=role, created_by=actor)
    session.add(row)
    session.flush()
    journal.record(session, ActionRecorded(actor=actor, use_case="-", action="token.created",
                                           detail={"token_id": row.id, "owner": owner,
                                                   "role": role}))
    return IssuedToken(row.id, name, owner, role, secret)


def revoke(session: Session, token_id: int, actor: str) -> ApiTokenRow:
    """Revoke a token at once; journaled."""
    creator = review.require_named_user(session, actor)
    if creator.role not in ISSUER_ROLES:
        raise Refused("Only an administrator revokes API tokens.")
    row = session.get(ApiTokenRow, token_id)
    if row is None:
        raise NotFound(f"No API token number {token_id}; list them with: communia tokens list")
    if row.revoked_at is None:
        row.revoked_at = utcnow()
        journal.record(session, ActionRecorded(actor=actor, use_case="-", action="token.revoked",
                                               detail={"token_id": token_id}))
    return row


def list_tokens(session: Session) -> list[ApiTokenRow]:
    return list(session.scalars(select(ApiTokenRow).order_by(ApiTokenRow.id)))


def authenticate(session: Session, secret: str) -> TokenIdentity:
    """The identity behind a presented token, or ``TokenRejected`` (to be journaled)."""
    if not secret.startswith(PREFIX) or len(secret) > 200:
        raise TokenRejected("The API token is malformed; it starts with 'cmn_'.")
    row = session.scalars(select(ApiTokenRow)
                          .where(ApiTokenRow.token_hash == _digest(secret))).first()
    if row is None:
        raise TokenRejected("The API token is unknown; ask an administrator for a token.")
    if row.revoked_at is not None:
        raise TokenRejected(f"The API token '{row.name}' was revoked; ask an administrator "
                            "for a new one.")
    try:
        review.require_named_user(session, row.owner)
    except Refused:
        raise TokenRejected(f"The owner of the API token '{row.name}' is no longer active.") \
            from None
    row.last_used_at = utcnow()
    return TokenIdentity(row.id, row.owner, row.role, row.name)


def record_rejection(session: Session, secret: str, reason: str, path: str) -> None:
    """Journal a refused token use (a short prefix only, never the secret)."""
    journal.record(session, ActionRecorded(actor="api", use_case="-", action="token.rejected",
                                           detail={"prefix": secret[:8], "reason": reason[:200],
                                                   "path": path[:200]}))
