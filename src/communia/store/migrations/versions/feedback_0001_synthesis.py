"""Feedback synthesis: runs, reports, themes and assignments.

Revision ID: feedback_0001
Revises: 0001_foundation
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "feedback_0001"
down_revision = "0001_foundation"
branch_labels = ("feedback",)
depends_on = None


def _ts(name: str, nullable: bool = False) -> sa.Column:  # type: ignore[type-arg]
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def _run_fk() -> sa.Column:  # type: ignore[type-arg]
    return sa.Column("run_id", sa.String(36),
                     sa.ForeignKey("feedback_runs.id", ondelete="CASCADE"), nullable=False)


def upgrade() -> None:
    op.create_table(
        "feedback_runs",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("created_by", sa.String(120), nullable=False),
        _ts("created_at"),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("stage", sa.String(40), nullable=False),
        sa.Column("progress", sa.Integer, nullable=False),
        sa.Column("message", sa.Text, nullable=False),
        sa.Column("params", sa.JSON, nullable=False),
        sa.Column("notices", sa.JSON, nullable=False),
        sa.Column("reports", sa.Integer, nullable=False),
        sa.Column("granularity", sa.String(10), nullable=False),
        sa.Column("finalised_by", sa.String(120), nullable=True),
        _ts("finalised_at", nullable=True),
        sa.Column("note_draft_id", sa.String(36), nullable=True),
    )
    op.create_table(
        "feedback_reports",
        sa.Column("run_id", sa.String(36), sa.ForeignKey("feedback_runs.id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("row", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("text", sa.LargeBinary, nullable=False),
        sa.Column("quoted", sa.LargeBinary, nullable=True),
        sa.Column("day", sa.Date, nullable=True),
        sa.Column("place", sa.String(120), nullable=False),
        sa.Column("source", sa.String(120), nullable=False),
        sa.Column("truncated", sa.Boolean, nullable=False),
    )
    op.create_table(
        "feedback_themes",
        sa.Column("id", sa.String(36), primary_key=True),
        _run_fk(),
        sa.Column("code", sa.String(20), nullable=False),
        sa.Column("label", sa.String(200), nullable=False),
        sa.Column("keywords", sa.JSON, nullable=False),
        sa.Column("quotes", sa.JSON, nullable=False),
        sa.Column("centroid", sa.JSON, nullable=False),
        sa.Column("active", sa.Boolean, nullable=False),
        sa.Column("author", sa.String(120), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
    )
    op.create_index("ix_feedback_themes_run_id", "feedback_themes", ["run_id"])
    op.create_table(
        "feedback_assignments",
        sa.Column("id", sa.Integer, primary_key=True),
        _run_fk(),
        sa.Column("row", sa.Integer, nullable=False),
        sa.Column("theme_id", sa.String(36),
                  sa.ForeignKey("feedback_themes.id", ondelete="CASCADE"), nullable=False),
        sa.Column("is_primary", sa.Boolean, nullable=False),
        sa.Column("author", sa.String(120), nullable=False),
        _ts("at"),
    )
    op.create_index("ix_feedback_assignments_run_id", "feedback_assignments", ["run_id"])
    op.create_index("ix_feedback_assignments_theme_id", "feedback_assignments", ["theme_id"])


def downgrade() -> None:
    op.drop_table("feedback_assignments")
    op.drop_table("feedback_themes")
    op.drop_table("feedback_reports")
    op.drop_table("feedback_runs")
