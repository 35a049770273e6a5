"""The store: SQLAlchemy 2 tables, sessions and Alembic migrations (SQLite or PostgreSQL)."""

from communia.store.base import Base, Database, utcnow

__all__ = ["Base", "Database", "utcnow"]
