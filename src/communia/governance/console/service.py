"""Register editing: create and edit use cases, change their status, attach DPIA/FRIA files.

Status changes go through ``register.set_status`` so that the high-risk approval rule
(FRIA done and a recorded, not unfavourable ethics opinion) applies on every path.
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import asdict
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from communia.errors import Conflict, InvalidInput, NotFound, Refused, TooLarge
from communia.governance import journal, register, review
from communia.governance.console.model import (
    DOCUMENT_KINDS,
    DOCUMENT_SUFFIXES,
    UseCaseFields,
)
from communia.governance.console.tables import UseCaseDocumentRow
from communia.governance.events import ActionRecorded, UseCaseChanged
from communia.store.base import Database, utcnow
from communia.store.tables import UseCaseRow

DOCUMENTS_DIR = "governance/documents"
KEEPER_ROLES = ("dpo", "admin")


class UseCaseExists(Conflict):
    """A use case with this identifier is already in the register."""


class DocumentNotFound(NotFound):
    """No attached document with this identifier for this use case."""


def require_keeper(session: Session, actor: str) -> None:
    """The register is kept by the DPO or an administrator, acting under their own name."""
    user = review.require_named_user(session, actor)
    if user.role not in KEEPER_ROLES:
        raise Refused(f"'{actor}' is not the DPO or an administrator; only they change the "
                      "register.")


def create_use_case(session: Session, fields: UseCaseFields, actor: str) -> UseCaseRow:
    """Add a use case to the register, in status ``draft``; journaled."""
    require_keeper(session, actor)
    if session.get(UseCaseRow, fields.id) is not None:
        raise UseCaseExists(f"The use case '{fields.id}' already exists; edit it instead.")
    values = asdict(fields)
    values["data_categories"] = list(fields.data_categories)
    row = UseCaseRow(**values, status="draft", updated_at=utcnow())
    session.add(row)
    session.flush()
    journal.record(session, UseCaseChanged(actor=actor, use_case=fields.id, status="draft",
                                           detail="created"))
    return row


def update_use_case(session: Session, fields: UseCaseFields, actor: str) -> UseCaseRow:
    """Change a use case's fields; an approved one must still meet the approval rules.

    Raises ``register.ApprovalRefused`` when the change would leave an approved use case
    without what approval requires (e.g. raising the risk to high without a FRIA done):
    suspend it first, complete the file, then approve it again.
    """
    require_keeper(session, actor)
    row = register.get(session, fields.id)
    changed = _apply(row, fields)
    if row.status == "approved":
        blockers = register.approval_blockers(session, row)
        if blockers:
            raise register.ApprovalRefused(
                f"The use case '{row.id}' is approved and this change would break its approval: "
                + "; ".join(blockers) + ". Suspend it first, complete the file, then approve it."
            )
    row.updated_at = utcnow()
    journal.record(session, UseCaseChanged(actor=actor, use_case=row.id, status=row.status,
                                           detail="edited: " + ", ".join(changed)))
    return row


def _apply(row: UseCaseRow, fields: UseCaseFields) -> list[str]:
    changed = []
    for name, value in asdict(fields).items():
        if name == "id":
            continue
        value = list(value) if name == "data_categories" else value
        if getattr(row, name) != value:
            setattr(row, name, value)
            changed.append(name)
    return changed


def change_status(session: Session, use_case_id: str, status: str, actor: str) -> UseCaseRow:
    """Move a use case to ``status`` through the register's own rule check."""
    require_keeper(session, actor)
    return register.set_status(session, use_case_id, status, actor)


def attach_document(
    db: Database, data_dir: Path, use_case_id: str, kind: str, filename: str, data: bytes,
    actor: str, max_bytes: int,
) -> UseCaseDocumentRow:
    """Store a DPIA, FRIA or other file for a use case in the data directory; journaled.

    An oversized upload is refused and the refusal is journaled in its own unit of work,
    so it stays recorded.
    """
    name = Path(filename or "").name
    if len(data) > max_bytes:
        with db.session() as session:
            journal.record(session, ActionRecorded(actor=actor, use_case=use_case_id,
                                                   action="upload_refused",
                                                   detail={"reason": "too_large",
                                                           "size": len(data)}))
        raise TooLarge(f"{name or 'The file'}: over the {max_bytes:,}-byte limit "
                       "(COMMUNIA_MAX_UPLOAD_BYTES); compress it or split it.")
    with db.session() as session:
        require_keeper(session, actor)
        register.get(session, use_case_id)
        _check_document(kind, name, data)
        row = UseCaseDocumentRow(id=str(uuid.uuid4()), use_case=use_case_id, kind=kind,
                                 filename=name[:255], size=len(data),
                                 sha256=hashlib.sha256(data).hexdigest(), uploaded_by=actor)
        path = document_path(data_dir, row.id)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        session.add(row)
        session.flush()
        journal.record(session, ActionRecorded(actor=actor, use_case=use_case_id,
                                               action="document_attached",
                                               detail={"kind": kind, "sha256": row.sha256}))
    return row


def _check_document(kind: str, name: str, data: bytes) -> None:
    if kind not in DOCUMENT_KINDS:
        raise InvalidInput(f"Document kind '{kind}' is not one of {', '.join(DOCUMENT_KINDS)}.")
    if not name.lower().endswith(DOCUMENT_SUFFIXES):
        raise InvalidInput(f"{name or 'The file'}: attach a PDF, ODT, DOCX, TXT or MD file.")
    if not data:
        raise InvalidInput(f"{name}: the file is empty; choose the document again.")


def document_path(data_dir: Path, document_id: str) -> Path:
    """Where an attached document's bytes live (named by id, never by the uploaded name)."""
    return data_dir / DOCUMENTS_DIR / document_id


def list_documents(session: Session, use_case_id: str) -> list[UseCaseDocumentRow]:
    return list(session.scalars(select(UseCaseDocumentRow)
                                .where(UseCaseDocumentRow.use_case == use_case_id)
                                .order_by(UseCaseDocumentRow.at)))


def read_document(
    session: Session, data_dir: Path, use_case_id: str, document_id: str
) -> tuple[UseCaseDocumentRow, bytes]:
    """An attached document and its bytes; ``DocumentNotFound`` when absent."""
    row = session.get(UseCaseDocumentRow, document_id)
    path = document_path(data_dir, document_id)
    if row is None or row.use_case != use_case_id or not path.is_file():
        raise DocumentNotFound(f"No document '{document_id}' for the use case '{use_case_id}'.")
    return row, path.read_bytes()
