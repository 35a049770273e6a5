"""Imports every module that declares tables, so the metadata is complete for Alembic."""

import communia.drafting.tables  # noqa: F401
import communia.feedback.tables  # noqa: F401
import communia.governance.console.tables  # noqa: F401
import communia.jobs.tables  # noqa: F401
import communia.planning.tables  # noqa: F401
import communia.recruitment.tables  # noqa: F401
import communia.store.tables  # noqa: F401
