"""Drafting records: kind, encrypted facts and validation report of each drafted document.

Revision ID: drafting_0001
Revises: 0001_foundation
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "drafting_0001"
down_revision = "0001_foundation"
branch_labels = ("drafting",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "drafting_records",
        sa.Column("draft_id", sa.String(36),
                  sa.ForeignKey("drafts.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("kind", sa.String(20), nullable=False, index=True),
        sa.Column("lang", sa.String(5), nullable=False),
        sa.Column("facts", sa.LargeBinary(), nullable=False),
        sa.Column("report", sa.JSON(), nullable=False),
        sa.Column("notices", sa.JSON(), nullable=False),
        sa.Column("model_drafts", sa.JSON(), nullable=False),
        sa.Column("derived_from", sa.String(36), nullable=True),
        sa.Column("created_by", sa.String(120), nullable=False, index=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("drafting_records")
