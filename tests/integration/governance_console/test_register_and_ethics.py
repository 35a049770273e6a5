"""Register editing and the ethics circuit against the real store."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from communia.accounts import service as accounts
from communia.bootstrap import Runtime
from communia.errors import Refused
from communia.governance import register
from communia.governance.console import ethics, service
from communia.governance.console.model import parse_use_case
from tests.support import PASSWORD

FORM = {"id": "benefits_triage", "name_fr": "Tri des demandes d'aide",
        "name_en": "Benefit request triage", "purpose": "Sort requests by topic",
        "legal_basis": "Public task", "risk_level": "high", "dpia_status": "done",
        "fria_status": "in_progress"}


@pytest.fixture
def people(runtime: Runtime) -> Runtime:
    with runtime.db.session() as session:
        accounts.add_user(session, "dpo1", "DPO", "dpo", PASSWORD)
        accounts.add_user(session, "eth1", "Ethics", "ethics", PASSWORD)
        accounts.add_user(session, "agent1", "Agent", "agent", PASSWORD)
    return runtime


def test_a_high_risk_use_case_needs_a_fria_done_and_an_opinion(people: Runtime) -> None:
    with people.db.session() as session:
        service.create_use_case(session, parse_use_case(FORM), "dpo1")
    with pytest.raises(register.ApprovalRefused, match="FRIA"), people.db.session() as session:
        service.change_status(session, "benefits_triage", "approved", "dpo1")
    with people.db.session() as session:
        referral = ethics.refer(session, "benefits_triage", "dpo1", "High-risk triage")
        assert register.get(session, "benefits_triage").status == "under_review"
        ethics.give_opinion(session, referral.id, "favourable_with_conditions", "eth1",
                            ["Annual bias audit", "Human reads every request"],
                            date.today() + timedelta(days=10))
        service.update_use_case(session, parse_use_case({**FORM, "fria_status": "done"}), "dpo1")
        assert service.change_status(session, "benefits_triage", "approved", "dpo1").status \
            == "approved"


def test_an_approved_use_case_cannot_be_edited_out_of_its_rules(people: Runtime) -> None:
    with people.db.session() as session:
        service.create_use_case(session, parse_use_case({**FORM, "risk_level": "minimal"}),
                                "dpo1")
        service.change_status(session, "benefits_triage", "approved", "dpo1")
    with pytest.raises(register.ApprovalRefused, match="Suspend it first"), \
            people.db.session() as session:
        service.update_use_case(session, parse_use_case(FORM), "dpo1")
    with people.db.session() as session:
        assert register.get(session, "benefits_triage").risk_level == "minimal"


def test_only_the_dpo_or_an_admin_keeps_the_register(people: Runtime) -> None:
    with pytest.raises(Refused), people.db.session() as session:
        service.change_status(session, "drafting", "suspended", "agent1")
    with pytest.raises(Refused), people.db.session() as session:
        service.change_status(session, "drafting", "suspended", "cli")


def test_the_ethics_circuit_keeps_history_conditions_and_reminders(people: Runtime) -> None:
    with people.db.session() as session:
        referral = ethics.refer(session, "feedback", "dpo1", "Small groups risk")
        with pytest.raises(Refused):
            ethics.give_opinion(session, referral.id, "favourable", "agent1", [], None)
        opinion = ethics.give_opinion(session, referral.id, "favourable_with_conditions",
                                      "eth1", ["Minimum group size of 5"],
                                      date.today() - timedelta(days=1))
        assert register.latest_opinion(session, "feedback").id == opinion.id
        condition = ethics.conditions(session, "feedback")[0]
        ethics.update_condition(session, condition.id, "met", "dpo1", "Set to 5 in settings")
        reminders = ethics.reminders(session, date.today())
        assert [r.use_case for r in reminders] == ["feedback"] and reminders[0].overdue
        actions = [e.action for e in ethics.history(session, "feedback")]
        assert actions == ["referred", "opinion", "condition"]
        with pytest.raises(ethics.ReferralClosed):
            ethics.give_opinion(session, referral.id, "unfavourable", "eth1", [], None)
