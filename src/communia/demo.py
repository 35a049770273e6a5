"""Demo data a person can click through: accounts for each role, an approved register.

The register approvals are recorded as the demo DPO's and the demo ethics committee's
acts, journaled like any other, so the demo shows the governance path end to end.
Capabilities add their own demo data through a ``demo`` module with ``load(runtime)``.
"""

from __future__ import annotations

import importlib

from sqlalchemy import select

from communia.accounts import service as accounts
from communia.bootstrap import Runtime
from communia.governance import register
from communia.store.tables import UseCaseRow, User

DEMO_PASSWORD = "communia-demo"
DEMO_USERS = (
    ("admin", "Alix Martin", "admin"),
    ("dpo", "Dominique Petit", "dpo"),
    ("rh", "Camille Bernard", "hr"),
    ("agent", "Sacha Robert", "agent"),
    ("terrain", "Noa Richard", "field_lead"),
    ("ethique", "Claude Durand", "ethics"),
)
CAPABILITY_DEMOS = (
    "communia.recruitment.demo",
    "communia.drafting.demo",
    "communia.feedback.demo",
    "communia.planning.demo",
)


def seed_demo(runtime: Runtime) -> list[str]:
    """Create demo accounts and approve the register as the demo DPO; return what was done."""
    done: list[str] = []
    with runtime.db.session() as session:
        for username, name, role in DEMO_USERS:
            if session.scalars(select(User).where(User.username == username)).first() is None:
                accounts.add_user(session, username, name, role, DEMO_PASSWORD, actor="demo")
                done.append(f"account {username} ({role})")
    with runtime.db.session() as session:
        for row in register.list_all(session):
            if row.status != "approved":
                _approve(session, row)
                done.append(f"use case {row.id} approved")
    for name in CAPABILITY_DEMOS:
        done.extend(importlib.import_module(name).load(runtime))
    return done


def _approve(session: object, row: UseCaseRow) -> None:
    from sqlalchemy.orm import Session

    assert isinstance(session, Session)
    if row.dpia_status == "required":
        row.dpia_status = "done"
    if row.risk_level == "high":
        row.fria_status = "done"
        if register.latest_opinion(session, row.id) is None:
            register.record_opinion(session, row.id, "favourable_with_conditions", "ethique",
                                    "Blind review by default; a named HR officer records "
                                    "every decision; annual fairness review.")
    register.set_status(session, row.id, "approved", "dpo")
