"""Fault test of the screening job: a Celery worker killed with SIGKILL in the middle of an
80-application screening; the batch completes and each application has exactly one result."""

from __future__ import annotations

import os
import signal
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from benchmarks.generators.applications import generate_applications
from sqlalchemy import func, select

from communia.accounts import service as accounts
from communia.bootstrap import Runtime
from communia.governance import journal
from communia.jobs import CeleryRunner, records, service
from communia.recruitment import campaigns
from communia.recruitment.catalogue import KNOWN
from communia.recruitment.jobs import submit_screening
from communia.recruitment.model import JobProfile
from communia.recruitment.tables import AnalysisRow, CandidateRow
from tests.e2e.servers import celery_runtime, start_worker, stop, wait_until

pytestmark = [pytest.mark.slow, pytest.mark.faults]
APPLICATIONS = 80


def _screening_campaign(runtime: Runtime) -> tuple[str, list[str]]:
    """80 generated applications (PDF, DOCX; CV and letter) stored against frozen criteria."""
    with runtime.db.session() as session:
        accounts.add_user(session, "rh-faults", "Camille RH", "hr", "x" * 12)
        profile = JobProfile("Animateur enfance", tuple(k.criterion for k in KNOWN))
        campaign = campaigns.create_campaign(session, "Animateur enfance", profile, "rh-faults")
    campaigns.freeze_criteria(runtime, campaign, "rh-faults")
    files = [(f"{app.key}/{name}", data) for app in generate_applications(APPLICATIONS)
             for name, data in app.files]
    return campaign, campaigns.store_applications(runtime, campaign, files, "rh-faults")


@pytest.mark.postgres
@pytest.mark.redis
def test_a_worker_killed_mid_screening_leaves_one_result_per_application(
        make_runtime: Callable[..., Runtime], pg_url: str, tmp_path: Path) -> None:
    runtime, env = celery_runtime(make_runtime, pg_url)
    campaign, candidate_ids = _screening_campaign(runtime)
    assert len(candidate_ids) == APPLICATIONS
    names = {n: f"rc{n}-{os.getpid()}@faults" for n in (1, 2)}
    workers = {n: start_worker(env, names[n], tmp_path / f"w{n}.log") for n in (1, 2)}
    try:
        for n in (1, 2):
            wait_until(lambda n=n: "ready." in (tmp_path / f"w{n}.log").read_text(), 240,
                       f"worker {n}")
        job_id = submit_screening(CeleryRunner(runtime), runtime, campaign, "rh-faults")
        assert job_id is not None
        wait_until(lambda: service.status(runtime, job_id).done >= 15, 400,
                   "the first 15 applications")

        with runtime.db.session() as session:
            owner = records.get(session, job_id).lease_owner or ""
        victim = next(n for n in (1, 2) if owner.startswith(names[n] + ":"))
        os.killpg(workers[victim].pid, signal.SIGKILL)  # kill -9 mid-screening
        workers[victim].wait(timeout=20)
        done_at_kill = service.status(runtime, job_id).done
        wait_until(lambda: service.status(runtime, job_id).state == "succeeded", 600,
                   "the whole screening", poll=0.5)
    finally:
        for worker in workers.values():
            stop(worker)

    assert done_at_kill < APPLICATIONS  # the kill did land in the middle
    status = service.status(runtime, job_id)
    assert status.attempts >= 2 and (status.done, status.total) == (80, 80)
    assert service.result(runtime, job_id)["analysed"] < APPLICATIONS  # resumed, not redone
    with runtime.db.session() as session:
        per_application = Counter(session.scalars(
            select(AnalysisRow.candidate_id).join(CandidateRow)
            .where(CandidateRow.campaign_id == campaign, AnalysisRow.profile_version == 1)))
        total = session.scalar(select(func.count()).select_from(AnalysisRow))
        assert journal.verify(session).ok
    assert per_application == Counter({c: 1 for c in candidate_ids})  # each exactly once
    assert total == APPLICATIONS
    succeeded = [e for e in _journal(runtime) if e.get("action") == "job.succeeded"
                 and e["detail"]["job_id"] == job_id]
    assert len(succeeded) == 1


def _journal(runtime: Runtime) -> list[dict[str, object]]:
    with runtime.db.session() as session:
        return [e.payload for e in journal.iter_entries(session) if e.kind == "action"]
