"""Recruitment tables: campaigns, profile versions, candidates, documents, analyses, decisions.

Anything that can identify a person (file names, texts, quotes, reasons, the identity
mapping) is stored encrypted with the vault; plain columns hold only labels ("C007"),
statuses, scores and who acted when.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from communia.store.base import Base, utcnow

ANALYSIS_KEY = "uq_recruitment_analyses_candidate_version"


class CampaignRow(Base):
    """One recruitment for one post, from criteria to the last decision."""

    __tablename__ = "recruitment_campaigns"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    title: Mapped[str] = mapped_column(String(300))
    lang: Mapped[str] = mapped_column(String(5), default="fr")
    status: Mapped[str] = mapped_column(String(20), default="open")  # open | closed
    created_by: Mapped[str] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    closed_by: Mapped[str | None] = mapped_column(String(120), nullable=True)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    retention_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True),
                                                             nullable=True)
    notice_draft_id: Mapped[str | None] = mapped_column(String(36), nullable=True)


class ProfileVersionRow(Base):
    """A version of the campaign's criteria; frozen before any application is read."""

    __tablename__ = "recruitment_profiles"
    __table_args__ = (UniqueConstraint("campaign_id", "version"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    campaign_id: Mapped[str] = mapped_column(
        ForeignKey("recruitment_campaigns.id", ondelete="CASCADE"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    profile: Mapped[dict[str, Any]] = mapped_column(JSON)
    proxy_flags: Mapped[list[str]] = mapped_column(JSON, default=list)
    created_by: Mapped[str] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    frozen_by: Mapped[str | None] = mapped_column(String(120), nullable=True)
    frozen_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class CandidateRow(Base):
    """An application (one or more files) known by a neutral label until the decision stage."""

    __tablename__ = "recruitment_candidates"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    campaign_id: Mapped[str] = mapped_column(
        ForeignKey("recruitment_campaigns.id", ondelete="CASCADE"), index=True)
    label: Mapped[str] = mapped_column(String(20))
    identity: Mapped[bytes] = mapped_column(LargeBinary)  # encrypted JSON: files, mapping
    revealed_by: Mapped[str | None] = mapped_column(String(120), nullable=True)
    category: Mapped[str | None] = mapped_column(String(60), nullable=True)
    objected: Mapped[bool] = mapped_column(Boolean, default=False)
    last_contact_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class DocumentRow(Base):
    """One file of an application: encrypted name, visible and hidden text, flags."""

    __tablename__ = "recruitment_documents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    candidate_id: Mapped[str] = mapped_column(
        ForeignKey("recruitment_candidates.id", ondelete="CASCADE"), index=True)
    payload: Mapped[bytes] = mapped_column(LargeBinary)  # encrypted JSON
    readable: Mapped[bool] = mapped_column(Boolean, default=True)


class AnalysisRow(Base):
    """The deterministic reading of a candidate against one profile version (one per pair:
    a re-run after a lost worker replaces it, never adds a second)."""

    __tablename__ = "recruitment_analyses"
    __table_args__ = (Index(ANALYSIS_KEY, "candidate_id", "profile_version", unique=True),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    candidate_id: Mapped[str] = mapped_column(
        ForeignKey("recruitment_candidates.id", ondelete="CASCADE"), index=True)
    profile_version: Mapped[int] = mapped_column(Integer)
    score: Mapped[float] = mapped_column(Float)
    statuses: Mapped[dict[str, str]] = mapped_column(JSON)
    result: Mapped[bytes] = mapped_column(LargeBinary)  # encrypted JSON (quotes, summary)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class DecisionRow(Base):
    """A decision a named person recorded, with a reason; history is kept."""

    __tablename__ = "recruitment_decisions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    candidate_id: Mapped[str] = mapped_column(
        ForeignKey("recruitment_candidates.id", ondelete="CASCADE"), index=True)
    decision: Mapped[str] = mapped_column(String(20))
    reason: Mapped[bytes] = mapped_column(LargeBinary)  # encrypted
    decided_by: Mapped[str] = mapped_column(String(120))
    decided_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    profile_version: Mapped[int] = mapped_column(Integer)
