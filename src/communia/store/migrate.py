"""Alembic migrations, run programmatically: ``upgrade(url)`` brings a store to the latest schema.

Each capability owns a migration branch starting from the foundation revision, so
the store is upgraded to all heads.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config

MIGRATIONS = Path(__file__).parent / "migrations"


def alembic_config(url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade(url: str) -> None:
    """Apply every pending migration of every branch."""
    command.upgrade(alembic_config(url), "heads")


def downgrade_all(url: str) -> None:
    """Remove every table (used by tests that check migrations both ways)."""
    command.downgrade(alembic_config(url), "base")
