"""Governance console: attached documents, ethics circuit, API tokens, workshop records.

Revision ID: governance_0001
Revises: 0001_foundation
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "governance_0001"
down_revision = "0001_foundation"
branch_labels = ("governance",)
depends_on = None


def _ts(name: str, nullable: bool = False) -> sa.Column:  # type: ignore[type-arg]
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "gov_documents",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("use_case", sa.String(64), sa.ForeignKey("use_cases.id"), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("filename", sa.String(255), nullable=False),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("uploaded_by", sa.String(120), nullable=False),
        _ts("at"),
    )
    op.create_index("ix_gov_documents_use_case", "gov_documents", ["use_case"])
    op.create_table(
        "gov_referrals",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("use_case", sa.String(64), sa.ForeignKey("use_cases.id"), nullable=False),
        sa.Column("referred_by", sa.String(120), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("opinion_id", sa.Integer, nullable=True),
        _ts("created_at"),
        _ts("closed_at", nullable=True),
    )
    op.create_index("ix_gov_referrals_use_case", "gov_referrals", ["use_case"])
    op.create_table(
        "gov_conditions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("opinion_id", sa.Integer, sa.ForeignKey("ethics_opinions.id"), nullable=False),
        sa.Column("use_case", sa.String(64), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column("updated_by", sa.String(120), nullable=False),
        _ts("updated_at"),
    )
    op.create_index("ix_gov_conditions_opinion_id", "gov_conditions", ["opinion_id"])
    op.create_index("ix_gov_conditions_use_case", "gov_conditions", ["use_case"])
    op.create_table(
        "gov_ethics_events",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("use_case", sa.String(64), nullable=False),
        sa.Column("actor", sa.String(120), nullable=False),
        sa.Column("action", sa.String(40), nullable=False),
        sa.Column("detail", sa.JSON, nullable=False),
        _ts("at"),
    )
    op.create_index("ix_gov_ethics_events_use_case", "gov_ethics_events", ["use_case"])
    op.create_table(
        "gov_api_tokens",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(120), nullable=False),
        sa.Column("prefix", sa.String(16), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("owner", sa.String(120), nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("created_by", sa.String(120), nullable=False),
        _ts("created_at"),
        _ts("last_used_at", nullable=True),
        _ts("revoked_at", nullable=True),
    )
    op.create_index("ix_gov_api_tokens_prefix", "gov_api_tokens", ["prefix"])
    op.create_index("ix_gov_api_tokens_owner", "gov_api_tokens", ["owner"])
    op.create_table(
        "gov_workshop_completions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("username", sa.String(120), nullable=False),
        sa.Column("exercise", sa.String(64), nullable=False),
        sa.Column("use_case", sa.String(64), nullable=False),
        sa.Column("flags", sa.JSON, nullable=False),
        _ts("at"),
    )
    op.create_index("ix_gov_workshop_completions_username", "gov_workshop_completions",
                    ["username"])


def downgrade() -> None:
    for table in ("gov_workshop_completions", "gov_api_tokens", "gov_ethics_events",
                  "gov_conditions", "gov_referrals", "gov_documents"):
        op.drop_table(table)
