"""What the jobs page says each job works on: the kind's description of its payload."""

from __future__ import annotations

import io
from typing import Any

from communia.bootstrap import Runtime
from communia.jobs import JobContext, register_job, service
from communia.planning import service as planning
from communia.planning.ingest import ImportOptions
from communia.planning.jobs import FORECAST, SCHEDULE
from communia.planning.tables import PlanningRunRow
from tests.planning_support import synthetic_csv


def _imported(runtime: Runtime, name: str) -> str:
    return planning.import_log(runtime, name, io.BytesIO(synthetic_csv(2)),
                               ImportOptions("horodatage", "lieu"), "lead")


def _queued(runtime: Runtime, kind: str, payload: dict[str, Any]) -> str:
    job_id, _ = service.submit(runtime, kind, payload, actor="lead")  # stored, not run
    return job_id


def test_planning_jobs_are_described_by_the_file_they_read(runtime: Runtime) -> None:
    nord, sud = _imported(runtime, "nord.csv"), _imported(runtime, "sud.csv")
    one = _queued(runtime, FORECAST, {"run_id": nord, "horizon_weeks": 1, "holidays": "FR",
                                      "school_zone": ""})
    two = _queued(runtime, FORECAST, {"run_id": sud, "horizon_weeks": 3, "holidays": "FR",
                                      "school_zone": ""})
    plan = _queued(runtime, SCHEDULE, {"run_id": sud, "team_sha256": "t",
                                       "forecast_sha256": "f"})

    found = service.inputs(runtime, [one, two, plan])

    assert {job_id: described.text() for job_id, described in found.items()} == {
        one: "nord.csv, 1 week(s)", two: "sud.csv, 3 week(s)", plan: "sud.csv"}
    french = {"{file}, {weeks} week(s)": "{file}, {weeks} semaine(s)"}
    assert found[two].text(lambda msgid: french.get(msgid, msgid)) == "sud.csv, 3 semaine(s)"


def test_a_job_whose_input_is_gone_or_unsaid_has_no_description(runtime: Runtime) -> None:
    gone = _imported(runtime, "supprime.csv")
    orphan = _queued(runtime, FORECAST, {"run_id": gone, "horizon_weeks": 1, "holidays": "FR",
                                         "school_zone": ""})
    with runtime.db.session() as session:
        session.delete(session.get(PlanningRunRow, gone))

    def silent(ctx: JobContext, payload: dict[str, Any]) -> None:
        return None

    register_job("test-undescribed", silent)
    unsaid = _queued(runtime, "test-undescribed", {"file": "secret.csv"})
    texts = _queued(runtime, "pii-batch", {"texts": ["Un.", "Deux."]})

    found = service.inputs(runtime, [orphan, unsaid, texts, "no-such-job"])

    assert {job_id: described.text() for job_id, described in found.items()} == {
        texts: "2 text(s)"}


def test_feedback_and_screening_jobs_are_described_by_their_file_and_campaign(
        runtime: Runtime) -> None:
    from communia.feedback.jobs import SYNTHESIS
    from communia.feedback.tables import FeedbackRun
    from communia.recruitment.jobs import KIND as SCREENING
    from communia.recruitment.tables import CampaignRow

    with runtime.db.session() as session:
        session.add(FeedbackRun(id="run-1", title="remontees-mars.csv", created_by="lead"))
        session.add(CampaignRow(id="camp-1", title="Chargé·e d'accueil", created_by="rh"))
    synthesis = _queued(runtime, SYNTHESIS, {"run_id": "run-1"})
    screening = _queued(runtime, SCREENING, {"campaign_id": "camp-1", "version": 2})

    found = service.inputs(runtime, [synthesis, screening])

    assert found[synthesis].text() == "remontees-mars.csv"
    assert found[screening].text() == "Chargé·e d'accueil, criteria version 2"
