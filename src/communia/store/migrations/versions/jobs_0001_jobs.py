"""Jobs: long work with progress, cancellation and a stored result, shared by all executors.

Revision ID: jobs_0001
Revises: 0001_foundation
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "jobs_0001"
down_revision = "0001_foundation"
branch_labels = ("jobs",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "jobs",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("kind", sa.String(60), nullable=False, index=True),
        sa.Column("key", sa.String(64), nullable=False),
        sa.Column("use_case", sa.String(64), nullable=False),
        sa.Column("actor", sa.String(120), nullable=False, index=True),
        sa.Column("state", sa.String(12), nullable=False, index=True),
        sa.Column("done", sa.Integer(), nullable=False),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.Column("message", sa.String(500), nullable=False),
        sa.Column("payload", sa.LargeBinary(), nullable=False),
        sa.Column("result", sa.LargeBinary(), nullable=True),
        sa.Column("result_ref", sa.String(200), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("lease_owner", sa.String(200), nullable=False),
        sa.Column("lease_until", sa.Float(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.UniqueConstraint("kind", "key", name="uq_jobs_kind_key"),
    )


def downgrade() -> None:
    op.drop_table("jobs")
