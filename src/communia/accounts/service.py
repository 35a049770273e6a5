"""Account use cases: add, list, change role, authenticate with throttling."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from communia.accounts.model import check_role
from communia.errors import InvalidInput
from communia.governance import journal
from communia.governance.events import LoginRecorded, UserChanged
from communia.store.base import utcnow
from communia.store.tables import LoginAttempt, User

_hasher = PasswordHasher()
MIN_PASSWORD = 10


class AccountError(InvalidInput):
    """An account operation cannot be done; the message says why and what to do."""


@dataclass(frozen=True)
class Account:
    """What the rest of the product knows of a signed-in person."""

    username: str
    display_name: str
    role: str
    language: str | None = None


def _account(user: User) -> Account:
    return Account(user.username, user.display_name, user.role, user.language)


def add_user(
    session: Session, username: str, display_name: str, role: str, password: str | None,
    actor: str = "system",
) -> Account:
    """Create a local account (password hashed with argon2id)."""
    check_role(role)
    username = username.strip().lower()
    if not username or len(username) > 120:
        raise AccountError("A username of 1 to 120 characters is needed.")
    if session.scalars(select(User).where(User.username == username)).first():
        raise AccountError(f"The account '{username}' already exists; use set-role to change it.")
    if password is not None and len(password) < MIN_PASSWORD:
        raise AccountError(f"The password needs at least {MIN_PASSWORD} characters.")
    user = User(username=username, display_name=display_name or username, role=role,
                password_hash=_hasher.hash(password) if password else None)
    session.add(user)
    journal.record(session, UserChanged(actor=actor, use_case="-", username=username, role=role,
                                        action="created"))
    session.flush()
    return _account(user)


def list_users(session: Session) -> list[Account]:
    return [_account(u) for u in session.scalars(select(User).order_by(User.username))]


def get_account(session: Session, username: str) -> Account | None:
    user = session.scalars(select(User).where(User.username == username,
                                              User.active.is_(True))).first()
    return _account(user) if user else None


def set_role(session: Session, username: str, role: str, actor: str = "system") -> Account:
    check_role(role)
    user = session.scalars(select(User).where(User.username == username)).first()
    if user is None:
        raise AccountError(f"No account '{username}'; list them with: communia users list")
    user.role = role
    journal.record(session, UserChanged(actor=actor, use_case="-", username=username, role=role,
                                        action="role_changed"))
    return _account(user)


def set_language(session: Session, username: str, language: str) -> None:
    user = session.scalars(select(User).where(User.username == username)).first()
    if user is not None:
        user.language = language


@dataclass(frozen=True)
class LoginOutcome:
    """The result of a sign-in attempt; ``account`` is None unless it succeeded."""

    account: Account | None
    outcome: str  # success | failure | throttled
    message: str = ""


def authenticate(
    session: Session, username: str, password: str, address: str,
    max_failures: int, lockout_seconds: int,
) -> LoginOutcome:
    """Check a password with throttling; the attempt and its outcome are recorded.

    Returns an outcome rather than raising, so that the caller's unit of work commits
    the record of a failed attempt.
    """
    username = username.strip().lower()
    since = utcnow() - timedelta(seconds=lockout_seconds)
    failures = session.scalar(
        select(func.count()).select_from(LoginAttempt).where(
            LoginAttempt.username == username, LoginAttempt.address == address,
            LoginAttempt.success.is_(False), LoginAttempt.at >= since)
    ) or 0
    if failures >= max_failures:
        journal.record(session, LoginRecorded(actor=username, use_case="-", outcome="throttled"))
        minutes = max(1, lockout_seconds // 60)
        return LoginOutcome(None, "throttled", f"Too many failed attempts; wait {minutes} "
                            "minutes or ask an administrator.")
    user = session.scalars(select(User).where(User.username == username,
                                              User.active.is_(True))).first()
    ok = user is not None and user.password_hash is not None and _verify(user.password_hash,
                                                                       password)
    session.add(LoginAttempt(username=username, address=address, success=ok))
    journal.record(session, LoginRecorded(actor=username, use_case="-",
                                          outcome="success" if ok else "failure"))
    if not ok or user is None:
        return LoginOutcome(None, "failure", "Unknown username or wrong password.")
    if _hasher.check_needs_rehash(user.password_hash or ""):
        user.password_hash = _hasher.hash(password)
    return LoginOutcome(_account(user), "success")


def _verify(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False
