"""The ethics circuit: referral → opinion → conditions tracked → review date reminders.

Opinions are written with ``register.record_opinion`` so the register's approval rule
sees them. Every step also lands in ``gov_ethics_events``: the history is never edited.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from communia.errors import Conflict, InvalidInput, NotFound, Refused
from communia.governance import journal, register, review
from communia.governance.console.model import (
    CONDITION_STATUSES,
    Reminder,
    reminder_for,
)
from communia.governance.console.tables import ConditionRow, EthicsEventRow, ReferralRow
from communia.governance.events import ActionRecorded
from communia.store.base import utcnow
from communia.store.tables import EthicsOpinionRow

OPINION_ROLES = ("ethics", "admin")


class ReferralNotFound(NotFound):
    """No referral with this number."""


class ReferralClosed(Conflict):
    """The referral already has an opinion; refer the use case again for a new one."""


def _event(session: Session, use_case: str, actor: str, action: str, **detail: Any) -> None:
    session.add(EthicsEventRow(use_case=use_case, actor=actor, action=action, detail=detail))
    journal.record(session, ActionRecorded(actor=actor, use_case=use_case,
                                           action=f"ethics.{action}",
                                           detail={k: v for k, v in detail.items()
                                                   if k in ("referral", "opinion", "status")}))


def refer(session: Session, use_case_id: str, referred_by: str, reason: str) -> ReferralRow:
    """Refer a use case to the ethics committee; a draft use case goes under review."""
    review.require_named_user(session, referred_by)
    row = register.get(session, use_case_id)
    if not reason.strip():
        raise InvalidInput("A referral needs a reason: say what the committee should look at.")
    referral = ReferralRow(use_case=use_case_id, referred_by=referred_by, reason=reason.strip(),
                           status="open")
    session.add(referral)
    session.flush()
    if row.status == "draft":
        register.set_status(session, use_case_id, "under_review", referred_by)
    _event(session, use_case_id, referred_by, "referred", referral=referral.id,
           reason=reason.strip())
    return referral


def give_opinion(
    session: Session, referral_id: int, opinion: str, author: str, conditions: list[str],
    review_date: date | None,
) -> EthicsOpinionRow:
    """Answer a referral with an opinion, its conditions and a review date."""
    user = review.require_named_user(session, author)
    if user.role not in OPINION_ROLES:
        raise Refused(f"'{author}' is not a member of the ethics committee; only the committee "
                      "records opinions.")
    referral = session.get(ReferralRow, referral_id)
    if referral is None:
        raise ReferralNotFound(f"No referral number {referral_id}; list them on the ethics page.")
    if referral.status != "open":
        raise ReferralClosed(f"Referral {referral_id} already has an opinion; refer the use case "
                             "again for a new opinion.")
    text = "\n".join(c.strip() for c in conditions if c.strip())
    row = register.record_opinion(session, referral.use_case, opinion, author, text)
    if review_date is not None:
        row.review_date = datetime(review_date.year, review_date.month, review_date.day,
                                   tzinfo=UTC)
    for condition in conditions:
        if condition.strip():
            session.add(ConditionRow(opinion_id=row.id, use_case=referral.use_case,
                                     text=condition.strip(), status="open", note="",
                                     updated_by=author))
    referral.status, referral.opinion_id, referral.closed_at = "answered", row.id, utcnow()
    _event(session, referral.use_case, author, "opinion", referral=referral_id, opinion=opinion,
           conditions=len([c for c in conditions if c.strip()]),
           review_date=review_date.isoformat() if review_date else "")
    session.flush()
    return row


def update_condition(
    session: Session, condition_id: int, status: str, actor: str, note: str = ""
) -> ConditionRow:
    """Mark a condition met, dropped or open again, with a note; the history keeps each step."""
    review.require_named_user(session, actor)
    row = get_condition(session, condition_id)
    if status not in CONDITION_STATUSES:
        raise InvalidInput(
            f"Condition status '{status}' is not one of {', '.join(CONDITION_STATUSES)}.")
    row.status, row.note, row.updated_by, row.updated_at = status, note.strip(), actor, utcnow()
    _event(session, row.use_case, actor, "condition", condition=condition_id, status=status,
           note=note.strip())
    return row


def get_condition(session: Session, condition_id: int) -> ConditionRow:
    """The condition numbered ``condition_id``; ``NotFound`` says there is none."""
    row = session.get(ConditionRow, condition_id)
    if row is None:
        raise NotFound(f"No condition number {condition_id}; list them on the ethics page.")
    return row


def referrals(session: Session, open_only: bool = False) -> list[ReferralRow]:
    query = select(ReferralRow).order_by(ReferralRow.created_at.desc(), ReferralRow.id.desc())
    if open_only:
        query = query.where(ReferralRow.status == "open")
    return list(session.scalars(query))


def conditions(session: Session, use_case_id: str | None = None,
               open_only: bool = False) -> list[ConditionRow]:
    query = select(ConditionRow).order_by(ConditionRow.id)
    if use_case_id:
        query = query.where(ConditionRow.use_case == use_case_id)
    if open_only:
        query = query.where(ConditionRow.status == "open")
    return list(session.scalars(query))


def history(session: Session, use_case_id: str) -> list[EthicsEventRow]:
    """Every step of the circuit for a use case, oldest first."""
    return list(session.scalars(select(EthicsEventRow)
                                .where(EthicsEventRow.use_case == use_case_id)
                                .order_by(EthicsEventRow.at, EthicsEventRow.id)))


def opinions(session: Session, use_case_id: str) -> list[EthicsOpinionRow]:
    return list(session.scalars(select(EthicsOpinionRow)
                                .where(EthicsOpinionRow.use_case == use_case_id)
                                .order_by(EthicsOpinionRow.at, EthicsOpinionRow.id)))


def reminders(session: Session, today: date) -> list[Reminder]:
    """Review dates due soon or past, from each use case's latest opinion."""
    found = []
    for case in register.list_all(session):
        latest = register.latest_opinion(session, case.id)
        due = latest.review_date.date() if latest and latest.review_date else None
        reminder = reminder_for(case.id, due, today)
        if reminder:
            found.append(reminder)
    return sorted(found, key=lambda r: r.due)
