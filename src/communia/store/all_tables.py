"""Imports every module that declares tables, so the metadata is complete for Alembic."""

import communia.store.tables  # noqa: F401
import communia.governance.console.tables  # noqa: F401
import communia.drafting.tables  # noqa: F401
