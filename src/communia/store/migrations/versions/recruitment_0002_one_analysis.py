"""One analysis per candidate and criteria version: a unique index makes re-runs upserts.

Revision ID: recruitment_0002
Revises: recruitment_0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "recruitment_0002"
down_revision = "recruitment_0001"
branch_labels = None
depends_on = None

INDEX = "uq_recruitment_analyses_candidate_version"


def upgrade() -> None:
    # Keep the newest analysis of any pair stored twice before the index existed.
    op.execute(sa.text(
        "DELETE FROM recruitment_analyses WHERE id NOT IN (SELECT MAX(id) FROM "
        "recruitment_analyses GROUP BY candidate_id, profile_version)"))
    op.create_index(INDEX, "recruitment_analyses", ["candidate_id", "profile_version"],
                    unique=True)


def downgrade() -> None:
    op.drop_index(INDEX, table_name="recruitment_analyses")
