"""Every HR officer on a campaign follows its analysis, whoever started it."""

from __future__ import annotations

from typing import Any

from communia.bootstrap import Runtime
from communia.jobs import service
from communia.recruitment import campaigns
from communia.recruitment.catalogue import KNOWN
from communia.recruitment.jobs import current_screening, submit_screening
from communia.recruitment.model import JobProfile
from tests.support import WebClient
from tests.unit.recruitment.factories import CV_FR


class QueueOnly:
    """Stores the job as the real runners do, without starting it: it stays queued."""

    def __init__(self, runtime: Runtime) -> None:
        self.runtime = runtime

    def submit(self, kind: str, payload: dict[str, Any], key: str | None = None,
               actor: str = "system") -> str:
        return service.submit(self.runtime, kind, payload, key, actor)[0]


def test_a_colleague_sees_the_running_analysis_and_an_agent_does_not(runtime: Runtime) -> None:
    first, colleague, agent = WebClient(runtime), WebClient(runtime), WebClient(runtime)
    starter = first.login_as("hr")
    colleague.login_as("hr")
    agent.login_as("agent")
    with runtime.db.session() as session:
        profile = JobProfile("Animateur enfance", tuple(k.criterion for k in KNOWN))
        campaign = campaigns.create_campaign(session, "Animateur enfance", profile, starter)
    campaigns.freeze_criteria(runtime, campaign, starter, reanalyse=False)
    campaigns.store_applications(runtime, campaign, [("cv.txt", CV_FR.encode())], starter)
    job_id = submit_screening(QueueOnly(runtime), runtime, campaign, starter)
    assert job_id and current_screening(runtime, campaign) == job_id

    page = colleague.http.get(f"/recruitment/{campaign}")
    assert page.status_code == 200 and f"/jobs/{job_id}/progress" in page.text
    assert agent.http.get(f"/jobs/{job_id}/progress").status_code == 404

    # Cancelled before the colleague opens the progress fragment: opening it revives a
    # queued in-process job, which would then race with the cancellation.
    service.cancel(runtime, job_id, starter)
    assert colleague.http.get(f"/jobs/{job_id}/progress").status_code == 200
    assert current_screening(runtime, campaign) is None
    assert f"/jobs/{job_id}/progress" not in colleague.http.get(f"/recruitment/{campaign}").text
