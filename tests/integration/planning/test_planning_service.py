"""The planning service on SQLite and PostgreSQL: runs, drafts, adoption, exports, journal."""

from __future__ import annotations

import io
import json

import pytest
from sqlalchemy import select

from communia.bootstrap import Runtime
from communia.governance import review
from communia.planning import service
from communia.planning.forecast import ForecastOptions
from communia.planning.ingest import ImportOptions
from communia.store.tables import JournalEntryRow
from tests.planning_support import TEAM_YAML, synthetic_csv


@pytest.fixture
def planned(store_runtime: Runtime) -> tuple[Runtime, str, str]:
    from communia.accounts import service as accounts

    with store_runtime.db.session() as session:
        accounts.add_user(session, "lead", "Lead", "field_lead", "long enough password")
    data = io.BytesIO(synthetic_csv(3))
    run_id = service.import_log(store_runtime, "log.csv", data,
                                ImportOptions("horodatage", "lieu"), "lead")
    result = service.forecast_run(store_runtime, run_id, ForecastOptions(1), "lead")
    view = service.propose_plan(store_runtime, result, TEAM_YAML, "lead", run_id, seconds=3,
                                analyse=False)
    return store_runtime, run_id, view.draft_id


def test_a_plan_is_a_draft_until_a_named_person_adopts_it(planned: tuple[Runtime, str, str]
                                                          ) -> None:
    runtime, run_id, draft_id = planned
    assert service.get_run(runtime, run_id).draft_id == draft_id
    with pytest.raises(review.ReviewerRequired):
        service.adopt_plan(runtime, draft_id, "ai")
    name, _, data = service.export_plan(runtime, draft_id, "ics")
    assert b"PROJET" in data and name.endswith(".ics")
    service.adopt_plan(runtime, draft_id, "lead", "checked with the team")
    view = service.load_plan(runtime, draft_id)
    assert view.adopted_by == "lead" and view.status == "approved"
    _, _, data = service.export_plan(runtime, draft_id, "ics")
    assert b"PROJET" not in data and "Adopté par lead".encode() in data


def test_an_edit_keeps_the_plan_a_draft_and_recomputes_coverage(
        planned: tuple[Runtime, str, str]) -> None:
    runtime, _, draft_id = planned
    before = service.load_plan(runtime, draft_id).plan
    first = before.assignments[0]
    plan = service.edit_plan(runtime, draft_id, "lead",
                             f"{first.mediator};{first.day};{first.shift};{first.zone}")
    assert len(plan.assignments) == 1 and plan.covered_share < before.covered_share
    assert service.load_plan(runtime, draft_id).status == "draft"


def test_the_journal_holds_counts_and_digests_not_places(planned: tuple[Runtime, str, str]
                                                         ) -> None:
    runtime, _, _ = planned
    with runtime.db.session() as session:
        rows = session.scalars(select(JournalEntryRow)
                               .where(JournalEntryRow.use_case == "planning")).all()
        payloads = [json.dumps(r.payload, ensure_ascii=False) for r in rows]
    actions = [json.loads(p).get("action") for p in payloads]
    assert {"planning.imported", "planning.forecast", "planning.proposed"} <= set(actions)
    assert not any("Quartier Nord" in p for p in payloads)
