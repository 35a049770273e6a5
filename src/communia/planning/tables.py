"""Planning records: one row per imported event log (counts only), its forecast and team."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from communia.store.base import Base, utcnow


class PlanningRunRow(Base):
    """An imported log reduced to counts per zone × hour, with its forecast and latest plan."""

    __tablename__ = "planning_runs"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(255))
    created_by: Mapped[str] = mapped_column(String(120), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    source_sha256: Mapped[str] = mapped_column(String(64))
    counts: Mapped[dict[str, Any]] = mapped_column(JSON)
    options: Mapped[dict[str, Any]] = mapped_column(JSON)
    forecast: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    team_yaml: Mapped[str | None] = mapped_column(Text, nullable=True)
    draft_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
