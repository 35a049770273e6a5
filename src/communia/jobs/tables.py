"""The ``jobs`` table: one row per job kind and content key, shared by every executor."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Float, Integer, LargeBinary, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from communia.store.base import Base, utcnow


class JobRow(Base):
    """A job: what to run (encrypted payload), where it stands, and its result (encrypted).

    ``lease_owner``/``lease_until`` say which worker runs it and until when it is
    presumed alive (epoch seconds); a result is stored only by the lease holder.
    """

    __tablename__ = "jobs"
    __table_args__ = (UniqueConstraint("kind", "key", name="uq_jobs_kind_key"),)

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    kind: Mapped[str] = mapped_column(String(60), index=True)
    key: Mapped[str] = mapped_column(String(64))
    use_case: Mapped[str] = mapped_column(String(64))
    actor: Mapped[str] = mapped_column(String(120), index=True)
    state: Mapped[str] = mapped_column(String(12), index=True)
    done: Mapped[int] = mapped_column(Integer, default=0)
    total: Mapped[int] = mapped_column(Integer, default=0)
    message: Mapped[str] = mapped_column(String(500), default="")
    payload: Mapped[bytes] = mapped_column(LargeBinary)
    result: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    result_ref: Mapped[str] = mapped_column(String(200), default="")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    lease_owner: Mapped[str] = mapped_column(String(200), default="")
    lease_until: Mapped[float] = mapped_column(Float, default=0.0)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
