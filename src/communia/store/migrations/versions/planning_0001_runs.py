"""Planning runs: imported logs as counts per zone × hour, forecasts, team and latest plan.

Revision ID: planning_0001
Revises: 0001_foundation
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "planning_0001"
down_revision = "0001_foundation"
branch_labels = ("planning",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "planning_runs",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("name", sa.String(255), nullable=False),
        sa.Column("created_by", sa.String(120), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("source_sha256", sa.String(64), nullable=False),
        sa.Column("counts", sa.JSON(), nullable=False),
        sa.Column("options", sa.JSON(), nullable=False),
        sa.Column("forecast", sa.JSON(), nullable=True),
        sa.Column("team_yaml", sa.Text(), nullable=True),
        sa.Column("draft_id", sa.String(36), nullable=True),
    )
    op.create_index("ix_planning_runs_created_by", "planning_runs", ["created_by"])


def downgrade() -> None:
    op.drop_index("ix_planning_runs_created_by", table_name="planning_runs")
    op.drop_table("planning_runs")
