"""The screening job on a real store: each application analysed once, progress, take-over,
concurrent runs, superseded versions and cancellation."""

from __future__ import annotations

import threading
import time
import uuid
from collections import Counter
from collections.abc import Iterator

import pytest
from benchmarks.generators.applications import generate_applications
from sqlalchemy import select

from communia.accounts import service as accounts
from communia.bootstrap import Runtime
from communia.jobs import InProcessRunner, records, service
from communia.recruitment import campaigns
from communia.recruitment.catalogue import KNOWN
from communia.recruitment.jobs import KIND, submit_screening
from communia.recruitment.model import JobProfile
from communia.recruitment.tables import AnalysisRow, CandidateRow


class WorkerLost(Exception):
    """Stands for a worker killed in the middle of a batch."""


@pytest.fixture
def runner(store_runtime: Runtime) -> Iterator[InProcessRunner]:
    built = InProcessRunner(store_runtime, workers=2, lease=30.0)
    yield built
    built.shutdown(wait=True)


def _campaign(runtime: Runtime, applications: int, seed: int = 5) -> tuple[str, str, list[str]]:
    """A campaign with frozen criteria and ``applications`` stored, not yet analysed."""
    hr = f"rh-{uuid.uuid4().hex[:6]}"
    with runtime.db.session() as session:
        accounts.add_user(session, hr, "Camille RH", "hr", "x" * 12)
        profile = JobProfile("Animateur enfance", tuple(k.criterion for k in KNOWN))
        campaign = campaigns.create_campaign(session, "Animateur enfance", profile, hr)
    campaigns.freeze_criteria(runtime, campaign, hr)
    files = [(f"{app.key}/{name.rsplit('.', 1)[0]}.txt", text.encode())  # CV, letter
             for app in generate_applications(applications, seed=seed)
             for (name, _), text in zip(app.files, app.texts, strict=True)]
    ids = campaigns.store_applications(runtime, campaign, files, hr)
    assert len(ids) == applications
    return campaign, hr, ids


def _analyses(runtime: Runtime, campaign: str) -> Counter[tuple[str, int]]:
    with runtime.db.session() as session:
        rows = session.execute(
            select(AnalysisRow.candidate_id, AnalysisRow.profile_version)
            .join(CandidateRow, CandidateRow.id == AnalysisRow.candidate_id)
            .where(CandidateRow.campaign_id == campaign)).all()
    return Counter((row[0], row[1]) for row in rows)


def _die_after(count: int):  # type: ignore[no-untyped-def]
    def progress(done: int, total: int) -> None:
        if done >= count:
            raise WorkerLost
    return progress


def test_the_job_analyses_every_application_once_and_reports_progress(
        store_runtime: Runtime, runner: InProcessRunner) -> None:
    campaign, hr, ids = _campaign(store_runtime, 4)

    job_id = submit_screening(runner, store_runtime, campaign, hr)
    assert job_id is not None
    final = runner.wait(job_id, timeout=180)

    assert final.state == "succeeded", final.message
    assert (final.done, final.total) == (4, 4)  # reported after each application
    assert final.result_ref == f"campaign:{campaign}"
    assert runner.result(job_id)["analysed"] == 4
    assert _analyses(store_runtime, campaign) == Counter({(i, 1): 1 for i in ids})
    assert submit_screening(runner, store_runtime, campaign, hr) is None  # nothing waits


def test_a_job_taken_over_after_a_lost_worker_finishes_the_rest_once(
        store_runtime: Runtime) -> None:
    campaign, hr, ids = _campaign(store_runtime, 5)
    job_id, _ = service.submit(store_runtime, KIND, {"campaign_id": campaign, "version": 1},
                               actor=hr)
    with store_runtime.db.session() as session:  # worker A takes the job ...
        assert records.claim(session, job_id, "worker-a", lease=0.5)
    with pytest.raises(WorkerLost):  # ... analyses two applications and is killed
        campaigns.analyse(store_runtime, campaign, hr, 1, progress=_die_after(2))
    assert sum(_analyses(store_runtime, campaign).values()) == 2
    time.sleep(0.6)  # A's lease expires

    outcome = service.execute(store_runtime, job_id, "worker-b", lease=30)

    assert outcome == service.DONE
    assert service.status(store_runtime, job_id).attempts == 2
    assert service.result(store_runtime, job_id)["analysed"] == 3
    assert _analyses(store_runtime, campaign) == Counter({(i, 1): 1 for i in ids})
    rerun, _ = service.submit(store_runtime, KIND, {"campaign_id": campaign, "version": 1},
                              key=uuid.uuid4().hex, actor=hr)  # the whole job once more
    assert service.execute(store_runtime, rerun, "worker-c") == service.DONE
    assert service.result(store_runtime, rerun)["analysed"] == 0
    assert _analyses(store_runtime, campaign) == Counter({(i, 1): 1 for i in ids})


def test_two_runs_at_once_store_one_analysis_per_application(store_runtime: Runtime) -> None:
    campaign, hr, ids = _campaign(store_runtime, 4)
    errors: list[BaseException] = []

    def run() -> None:
        try:
            campaigns.analyse(store_runtime, campaign, hr, 1)
        except BaseException as exc:  # reported by the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=180)

    assert errors == []
    assert _analyses(store_runtime, campaign) == Counter({(i, 1): 1 for i in ids})


def test_a_screening_of_a_replaced_criteria_version_analyses_nothing(
        store_runtime: Runtime) -> None:
    campaign, hr, _ = _campaign(store_runtime, 2)
    lighter = JobProfile("Animateur enfance", tuple(k.criterion for k in KNOWN[:2]))
    with store_runtime.db.session() as session:
        campaigns.save_criteria(session, campaign, lighter, hr)
    assert campaigns.freeze_criteria(store_runtime, campaign, hr, reanalyse=False) == 2

    run = campaigns.analyse(store_runtime, campaign, hr, 1)

    assert (run.analysed, run.superseded_by) == (0, 2)
    assert _analyses(store_runtime, campaign) == Counter()


def test_cancelling_the_screening_stops_it_and_asking_again_finishes_it(
        runtime: Runtime) -> None:
    campaign, hr, ids = _campaign(runtime, 24, seed=9)
    runner = InProcessRunner(runtime, workers=1)
    try:
        job_id = submit_screening(runner, runtime, campaign, hr)
        assert job_id is not None
        deadline = time.monotonic() + 180
        while runner.status(job_id).done < 1 and time.monotonic() < deadline:
            time.sleep(0.02)

        assert runner.cancel(job_id, hr).state == "cancelled"
        time.sleep(2.0)  # the run notices at its next progress report and stops
        stopped = sum(_analyses(runtime, campaign).values())
        time.sleep(1.0)
        assert sum(_analyses(runtime, campaign).values()) == stopped < len(ids)
        assert runner.status(job_id).state == "cancelled"

        again = submit_screening(runner, runtime, campaign, hr)
        assert again == job_id  # the same job, queued again
        assert runner.wait(job_id, timeout=180).state == "succeeded"
        assert runner.result(job_id)["analysed"] == len(ids) - stopped
        assert _analyses(runtime, campaign) == Counter({(i, 1): 1 for i in ids})
    finally:
        runner.shutdown()
