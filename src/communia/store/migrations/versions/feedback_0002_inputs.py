"""Feedback: the uploaded file of a synthesis waiting for its job (encrypted).

Revision ID: feedback_0002
Revises: feedback_0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "feedback_0002"
down_revision = "feedback_0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "feedback_inputs",
        sa.Column("run_id", sa.String(36), sa.ForeignKey("feedback_runs.id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("name", sa.String(300), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("data", sa.LargeBinary, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("feedback_inputs")
