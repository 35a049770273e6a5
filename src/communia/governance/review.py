"""Human review: every AI artefact is a draft until a named person approves, edits or rejects it.

Versions are kept (the AI's and each human edit), with who did what and when.
``final_content`` is the only way to get content for a final export, and it
refuses anything not approved.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from communia.errors import Conflict, InvalidInput, NotFound, Refused
from communia.governance import journal
from communia.governance.events import DraftReviewed
from communia.governance.vault import Vault, sha256_text
from communia.store.base import utcnow
from communia.store.tables import DraftRow, DraftVersionRow, User

AI_AUTHOR = "ai"
# A model answer a capability folded into an artefact it submits for review itself
# (the prose of a letter, a theme's label): kept with its provenance for audit, not in
# the review queue, never final on its own.
MATERIAL = "material"


class DraftNotFound(NotFound):
    """No draft with this identifier."""


class NotApproved(Conflict):
    """The draft has not been approved by a named person, so it cannot be used as final."""


class ReviewerRequired(Refused):
    """A review action needs a named, active user, not the AI or an anonymous caller."""


class DraftClosed(Conflict):
    """The draft was already rejected; make a new one."""


@dataclass(frozen=True)
class Version:
    """One version of a draft as a reader sees it."""

    number: int
    author: str
    action: str
    reason: str
    content: str
    at: str


def create_draft(
    session: Session,
    vault: Vault,
    *,
    use_case: str,
    kind: str,
    title: str,
    content: str,
    requested_by: str,
    provenance: dict[str, Any],
    material: bool = False,
) -> DraftRow:
    """Store a new AI artefact as a draft with its provenance (version 1, author ``ai``).

    With ``material``, the artefact is model material for a document reviewed as a whole
    (status ``material``): not queued for review, never final on its own.
    """
    draft = DraftRow(
        id=str(uuid.uuid4()),
        use_case=use_case,
        kind=kind,
        title=title[:300],
        status=MATERIAL if material else "draft",
        requested_by=requested_by,
        provenance=provenance,
    )
    session.add(draft)
    session.flush()
    _add_version(session, vault, draft.id, AI_AUTHOR, "generated", "", content)
    return draft


def get_draft(session: Session, draft_id: str) -> DraftRow:
    draft = session.get(DraftRow, draft_id)
    if draft is None:
        raise DraftNotFound(f"No draft '{draft_id}'; it may have been purged.")
    return draft


def current_content(session: Session, vault: Vault, draft_id: str) -> str:
    """The latest version's content, whatever the draft's status."""
    return versions(session, vault, draft_id)[-1].content


def versions(session: Session, vault: Vault, draft_id: str) -> list[Version]:
    rows = session.scalars(
        select(DraftVersionRow)
        .where(DraftVersionRow.draft_id == draft_id)
        .order_by(DraftVersionRow.number)
    ).all()
    if not rows:
        raise DraftNotFound(f"No draft '{draft_id}'; it may have been purged.")
    return [
        Version(r.number, r.author, r.action, r.reason, vault.decrypt(r.content), r.at.isoformat())
        for r in rows
    ]


def approve(session: Session, vault: Vault, draft_id: str, reviewer: str, reason: str = "") -> None:
    """A named person approves the current version as final (once: a second click is
    refused rather than recorded twice)."""
    draft = _open_draft(session, draft_id, reviewer)
    if draft.status == "approved":
        raise DraftClosed(f"'{draft.title}' is already approved by {draft.reviewed_by}; edit "
                          "it to change it (it then goes back to draft).")
    content = current_content(session, vault, draft_id)
    _add_version(session, vault, draft_id, reviewer, "approved", reason, content)
    _close(session, draft, "approved", reviewer, content)


def edit(
    session: Session, vault: Vault, draft_id: str, editor: str, content: str, reason: str = ""
) -> None:
    """A named person edits the draft; both versions are kept and it stays a draft."""
    if not content.strip():
        raise InvalidInput("The new text is empty: write the text, or reject the draft with "
                           "a reason.")
    draft = _open_draft(session, draft_id, editor)
    if draft.status == "approved":
        draft.status = "draft"
    _add_version(session, vault, draft_id, editor, "edited", reason, content)
    draft.updated_at = utcnow()
    journal.record(
        session,
        DraftReviewed(actor=editor, use_case=draft.use_case, draft_id=draft_id, action="edited",
                      content_sha256=sha256_text(content)),
    )


def reject(session: Session, vault: Vault, draft_id: str, reviewer: str, reason: str) -> None:
    """A named person rejects the draft; a reason is required."""
    if not reason.strip():
        raise InvalidInput("A rejection needs a reason, so the author can learn from it.")
    draft = _open_draft(session, draft_id, reviewer)
    content = current_content(session, vault, draft_id)
    _add_version(session, vault, draft_id, reviewer, "rejected", reason, content)
    _close(session, draft, "rejected", reviewer, content)


def final_content(session: Session, vault: Vault, draft_id: str) -> tuple[str, str]:
    """Content and approver of an approved draft; ``NotApproved`` otherwise."""
    draft = get_draft(session, draft_id)
    if draft.status != "approved" or not draft.reviewed_by:
        raise NotApproved(
            f"'{draft.title}' is a draft ({draft.status}): a named person must approve it "
            "before it is exported or sent as final."
        )
    return current_content(session, vault, draft_id), draft.reviewed_by


def pending(session: Session) -> list[DraftRow]:
    """Drafts awaiting a human, oldest first."""
    return list(
        session.scalars(select(DraftRow).where(DraftRow.status == "draft")
                        .order_by(DraftRow.created_at))
    )


def _open_draft(session: Session, draft_id: str, person: str) -> DraftRow:
    require_named_user(session, person)
    draft = get_draft(session, draft_id)
    if draft.status == "rejected":
        raise DraftClosed(f"'{draft.title}' was rejected; generate a new draft instead.")
    if draft.status == MATERIAL:
        raise DraftClosed(f"'{draft.title}' is model material used inside another document; "
                          "review that document instead.")
    return draft


def require_named_user(session: Session, username: str) -> User:
    """The active account behind ``username``; ``ReviewerRequired`` for the AI or unknown."""
    if not username or username in (AI_AUTHOR, "system", "anonymous"):
        raise ReviewerRequired("Only a named person can review or decide; sign in first.")
    user = session.scalars(select(User).where(User.username == username)).first()
    if user is None or not user.active:
        raise ReviewerRequired(f"'{username}' is not an active account; sign in as a named user.")
    return user


def _add_version(
    session: Session, vault: Vault, draft_id: str, author: str, action: str, reason: str,
    content: str,
) -> None:
    number = (
        session.scalar(
            select(func.max(DraftVersionRow.number)).where(DraftVersionRow.draft_id == draft_id)
        )
        or 0
    ) + 1
    session.add(DraftVersionRow(draft_id=draft_id, number=number, author=author, action=action,
                                reason=reason, content=vault.encrypt(content)))
    session.flush()


def _close(session: Session, draft: DraftRow, status: str, reviewer: str, content: str) -> None:
    draft.status = status
    draft.reviewed_by = reviewer
    draft.updated_at = utcnow()
    journal.record(
        session,
        DraftReviewed(actor=reviewer, use_case=draft.use_case, draft_id=draft.id, action=status,
                      content_sha256=sha256_text(content)),
    )
