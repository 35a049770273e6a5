"""Recruitment campaigns, profile versions, candidates, documents, analyses and decisions.

Revision ID: recruitment_0001
Revises: 0001_foundation
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "recruitment_0001"
down_revision = "0001_foundation"
branch_labels = ("recruitment",)
depends_on = None


def _when(name: str, nullable: bool = False) -> sa.Column:  # type: ignore[type-arg]
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def _candidate_fk() -> sa.Column:  # type: ignore[type-arg]
    return sa.Column("candidate_id", sa.String(36),
                     sa.ForeignKey("recruitment_candidates.id", ondelete="CASCADE"),
                     nullable=False, index=True)


def upgrade() -> None:
    op.create_table(
        "recruitment_campaigns",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("lang", sa.String(5), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("created_by", sa.String(120), nullable=False),
        _when("created_at"),
        sa.Column("closed_by", sa.String(120), nullable=True),
        _when("closed_at", True),
        _when("retention_until", True),
        sa.Column("notice_draft_id", sa.String(36), nullable=True),
    )
    op.create_table(
        "recruitment_profiles",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("campaign_id", sa.String(36),
                  sa.ForeignKey("recruitment_campaigns.id", ondelete="CASCADE"),
                  nullable=False, index=True),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("profile", sa.JSON(), nullable=False),
        sa.Column("proxy_flags", sa.JSON(), nullable=False),
        sa.Column("created_by", sa.String(120), nullable=False),
        _when("created_at"),
        sa.Column("frozen_by", sa.String(120), nullable=True),
        _when("frozen_at", True),
        sa.UniqueConstraint("campaign_id", "version"),
    )
    op.create_table(
        "recruitment_candidates",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("campaign_id", sa.String(36),
                  sa.ForeignKey("recruitment_campaigns.id", ondelete="CASCADE"),
                  nullable=False, index=True),
        sa.Column("label", sa.String(20), nullable=False),
        sa.Column("identity", sa.LargeBinary(), nullable=False),
        sa.Column("revealed_by", sa.String(120), nullable=True),
        sa.Column("category", sa.String(60), nullable=True),
        sa.Column("objected", sa.Boolean(), nullable=False),
        _when("last_contact_at"),
        _when("created_at"),
    )
    op.create_table(
        "recruitment_documents",
        sa.Column("id", sa.Integer, primary_key=True),
        _candidate_fk(),
        sa.Column("payload", sa.LargeBinary(), nullable=False),
        sa.Column("readable", sa.Boolean(), nullable=False),
    )
    op.create_table(
        "recruitment_analyses",
        sa.Column("id", sa.Integer, primary_key=True),
        _candidate_fk(),
        sa.Column("profile_version", sa.Integer, nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("statuses", sa.JSON(), nullable=False),
        sa.Column("result", sa.LargeBinary(), nullable=False),
        _when("created_at"),
    )
    op.create_table(
        "recruitment_decisions",
        sa.Column("id", sa.Integer, primary_key=True),
        _candidate_fk(),
        sa.Column("decision", sa.String(20), nullable=False),
        sa.Column("reason", sa.LargeBinary(), nullable=False),
        sa.Column("decided_by", sa.String(120), nullable=False),
        _when("decided_at"),
        sa.Column("profile_version", sa.Integer, nullable=False),
    )


def downgrade() -> None:
    for table in ("recruitment_decisions", "recruitment_analyses", "recruitment_documents",
                  "recruitment_candidates", "recruitment_profiles", "recruitment_campaigns"):
        op.drop_table(table)
