"""Accounts for people signing in through an identity provider (local accounts are kept).

The provider's subject identifies the person; the role is refreshed from the claims at
every sign-in and the change is journaled.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from communia.accounts import service as accounts
from communia.accounts.service import Account
from communia.errors import Refused
from communia.governance import journal
from communia.governance.events import LoginRecorded, UserChanged
from communia.store.tables import User


def sign_in(session: Session, provider: str, subject: str, username: str, display_name: str,
            role: str) -> Account:
    """The account for a verified SSO identity: found by subject, else created; journaled."""
    key = f"{provider}:{subject}"[:255]
    user = session.scalars(select(User).where(User.oidc_subject == key)).first()
    if user is None:
        name = _free_username(session, username or "user")
        accounts.add_user(session, name, display_name, role, None, actor=f"sso:{provider}")
        user = session.scalars(select(User).where(User.username == name)).one()
        user.oidc_subject = key
    if not user.active:
        raise Refused(f"The account '{user.username}' is disabled; ask an administrator.")
    if user.role != role:
        user.role = role
        journal.record(session, UserChanged(actor=f"sso:{provider}", use_case="-",
                                            username=user.username, role=role,
                                            action="role_from_claims"))
    journal.record(session, LoginRecorded(actor=user.username, use_case="-", outcome="success",
                                          method=f"oidc:{provider}"))
    return Account(user.username, user.display_name, user.role, user.language)


def record_refusal(session: Session, provider: str, reason: str) -> None:
    """Journal a refused SSO sign-in (the reason's class, never a token)."""
    journal.record(session, LoginRecorded(actor=f"sso:{provider}", use_case="-",
                                          outcome=f"refused: {reason[:80]}",
                                          method=f"oidc:{provider}"))


def _free_username(session: Session, wanted: str) -> str:
    base = "".join(ch for ch in wanted.lower() if ch.isalnum() or ch in "._-")[:100] or "user"
    name, n = base, 1
    while session.scalars(select(User.id).where(User.username == name)).first() is not None:
        n += 1
        name = f"{base}-{n}"
    return name
