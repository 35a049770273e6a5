"""The drafting record kept beside each review draft: kind, facts (encrypted), report."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, ForeignKey, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from communia.store.base import Base, utcnow


class DraftingRecord(Base):
    """What a drafted document was made from: its kind, the agent's facts and the checks."""

    __tablename__ = "drafting_records"

    draft_id: Mapped[str] = mapped_column(
        ForeignKey("drafts.id", ondelete="CASCADE"), primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), index=True)
    lang: Mapped[str] = mapped_column(String(5))
    facts: Mapped[bytes] = mapped_column(LargeBinary)  # JSON, encrypted with the vault
    report: Mapped[dict[str, Any]] = mapped_column(JSON)
    # Notes for people: ``Message.to_json`` dicts (plain English strings in older records).
    notices: Mapped[list[Any]] = mapped_column(JSON, default=list)
    model_drafts: Mapped[list[str]] = mapped_column(JSON, default=list)
    derived_from: Mapped[str | None] = mapped_column(String(36), nullable=True)
    created_by: Mapped[str] = mapped_column(String(120), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
