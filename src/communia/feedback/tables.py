"""Feedback tables: a synthesis run, its reports (pseudonymised, encrypted), themes, assignments."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column

from communia.store.base import Base, utcnow


class FeedbackRun(Base):
    """One synthesis: its input, parameters, progress, and who finalised it."""

    __tablename__ = "feedback_runs"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    title: Mapped[str] = mapped_column(String(300))
    created_by: Mapped[str] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    status: Mapped[str] = mapped_column(String(20), default="running")
    stage: Mapped[str] = mapped_column(String(40), default="")
    progress: Mapped[int] = mapped_column(Integer, default=0)
    message: Mapped[str] = mapped_column(Text, default="")
    params: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    notices: Mapped[list[str]] = mapped_column(JSON, default=list)
    reports: Mapped[int] = mapped_column(Integer, default=0)
    granularity: Mapped[str] = mapped_column(String(10), default="month")
    finalised_by: Mapped[str | None] = mapped_column(String(120), nullable=True)
    finalised_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    note_draft_id: Mapped[str | None] = mapped_column(String(36), nullable=True)


class FeedbackReport(Base):
    """One input row: its text as analysed and, when shown, pseudonymised (both encrypted)."""

    __tablename__ = "feedback_reports"

    run_id: Mapped[str] = mapped_column(
        String(36), ForeignKey("feedback_runs.id", ondelete="CASCADE"), primary_key=True)
    row: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    text: Mapped[bytes] = mapped_column(LargeBinary)  # encrypted, as analysed
    quoted: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)  # pseudonymised
    day: Mapped[date | None] = mapped_column(Date, nullable=True)
    place: Mapped[str] = mapped_column(String(120), default="")
    source: Mapped[str] = mapped_column(String(120), default="")
    truncated: Mapped[bool] = mapped_column(Boolean, default=False)


class FeedbackTheme(Base):
    """A theme of a run: label, keywords, quotes, centroid; who last shaped it."""

    __tablename__ = "feedback_themes"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    run_id: Mapped[str] = mapped_column(
        String(36), ForeignKey("feedback_runs.id", ondelete="CASCADE"), index=True)
    code: Mapped[str] = mapped_column(String(20))
    label: Mapped[str] = mapped_column(String(200))
    keywords: Mapped[list[str]] = mapped_column(JSON, default=list)
    quotes: Mapped[list[str]] = mapped_column(JSON, default=list)
    centroid: Mapped[list[float]] = mapped_column(JSON, default=list)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    author: Mapped[str] = mapped_column(String(120), default="ai")
    position: Mapped[int] = mapped_column(Integer, default=0)


class FeedbackAssignment(Base):
    """A report in a theme, and who put it there (``ai`` or a named user)."""

    __tablename__ = "feedback_assignments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    run_id: Mapped[str] = mapped_column(
        String(36), ForeignKey("feedback_runs.id", ondelete="CASCADE"), index=True)
    row: Mapped[int] = mapped_column(Integer)
    theme_id: Mapped[str] = mapped_column(
        String(36), ForeignKey("feedback_themes.id", ondelete="CASCADE"), index=True)
    is_primary: Mapped[bool] = mapped_column(Boolean, default=True)
    author: Mapped[str] = mapped_column(String(120), default="ai")
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class FeedbackInput(Base):
    """The file a web synthesis reads, kept (encrypted) until its themes are stored.

    The job that analyses it finds it here by the run's id, on any worker; it is
    deleted in the same transaction that stores the synthesis.
    """

    __tablename__ = "feedback_inputs"

    run_id: Mapped[str] = mapped_column(
        String(36), ForeignKey("feedback_runs.id", ondelete="CASCADE"), primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    sha256: Mapped[str] = mapped_column(String(64))
    data: Mapped[bytes] = mapped_column(LargeBinary)  # encrypted (base64 of the file)
