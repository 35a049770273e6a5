"""The in-process executor and the job service on the real store (SQLite and PostgreSQL)."""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from typing import Any

import pytest

from communia.bootstrap import Runtime
from communia.governance import journal
from communia.jobs import (
    InProcessRunner,
    JobAlreadyFinished,
    JobContext,
    JobNotFinished,
    JobNotFound,
    UnknownJobKind,
    records,
    register_job,
    service,
)
from communia.jobs.model import content_key


@pytest.fixture
def runner(store_runtime: Runtime) -> Iterator[InProcessRunner]:
    built = InProcessRunner(store_runtime, workers=2, lease=2.0)
    yield built
    built.shutdown(wait=False)


def _items(n: int) -> list[str]:
    return [f"item {i} {uuid.uuid4().hex}" for i in range(n)]


def test_a_submitted_job_runs_reports_progress_and_stores_its_result(
        runner: InProcessRunner) -> None:
    job_id = runner.submit("echo", {"items": _items(5)}, actor="agent1")

    final = runner.wait(job_id, timeout=30)

    assert final.state == "succeeded", final
    assert (final.done, final.total, final.progress) == (5, 5, 1.0)
    assert [item["index"] for item in runner.result(job_id)["items"]] == [0, 1, 2, 3, 4]
    assert final.result_ref == f"job:{job_id}"


def test_the_same_content_gives_the_same_job_and_is_not_run_twice(
        runner: InProcessRunner) -> None:
    payload = {"items": _items(3)}
    first = runner.submit("echo", payload)
    runner.wait(first, timeout=30)

    again = runner.submit("echo", dict(payload))

    assert again == first
    assert runner.wait(again, timeout=5).attempts == 1


def test_a_caller_key_that_is_not_a_hash_is_stored_hashed(store_runtime: Runtime,
                                                          runner: InProcessRunner) -> None:
    job_id = runner.submit("echo", {"items": ["x"]}, key="candidate Jean Dupont")
    with store_runtime.db.session() as session:
        stored = records.get(session, job_id).key
    assert "Dupont" not in stored and len(stored) == 64


def test_cancelling_a_running_job_stops_it_without_a_result(runner: InProcessRunner) -> None:
    job_id = runner.submit("echo", {"items": _items(40), "delay": 0.1})
    deadline = time.monotonic() + 30
    while runner.status(job_id).state != "running" and time.monotonic() < deadline:
        time.sleep(0.05)

    cancelled = runner.cancel(job_id, "agent1")
    time.sleep(0.5)

    assert cancelled.state == "cancelled"
    assert runner.status(job_id).state == "cancelled"
    assert runner.status(job_id).done < 40
    with pytest.raises(JobNotFinished, match="cancelled"):
        runner.result(job_id)
    with pytest.raises(JobAlreadyFinished):
        runner.cancel(job_id)


def test_a_bad_payload_fails_the_job_with_a_message_naming_the_field(
        runner: InProcessRunner) -> None:
    job_id = runner.submit("echo", {"items": "not a list"})

    final = runner.wait(job_id, timeout=30)

    assert final.state == "failed"
    assert "'items'" in final.message


def test_a_failed_job_submitted_again_is_queued_again_under_the_same_id(
        runner: InProcessRunner) -> None:
    calls: list[int] = []

    def flaky(ctx: JobContext, payload: dict[str, Any]) -> int:
        calls.append(1)
        if len(calls) == 1:
            raise ValueError("first run breaks")
        return len(calls)

    kind = "flaky-" + uuid.uuid4().hex[:8]
    register_job(kind, flaky)
    first = runner.submit(kind, {"n": 1})
    assert runner.wait(first, timeout=30).state == "failed"
    assert "Internal error (ValueError)" in runner.status(first).message

    second = runner.submit(kind, {"n": 1})

    assert second == first
    assert runner.wait(second, timeout=30).state == "succeeded"
    assert runner.result(second) == 2


def test_an_unknown_kind_is_refused_naming_the_known_ones(runner: InProcessRunner) -> None:
    with pytest.raises(UnknownJobKind, match="echo"):
        runner.submit("no-such-kind", {})


def test_an_unknown_job_id_is_not_found(runner: InProcessRunner) -> None:
    with pytest.raises(JobNotFound):
        runner.status("0" * 32)


def test_only_the_lease_holder_stores_a_result(store_runtime: Runtime) -> None:
    """A redelivered task (worker presumed lost) and the original cannot both store."""
    release: list[str] = []

    def slow(ctx: JobContext, payload: dict[str, Any]) -> str:
        release.append(ctx.worker)
        return ctx.worker

    kind = "lease-" + uuid.uuid4().hex[:8]
    register_job(kind, slow)
    job_id, _ = service.submit(store_runtime, kind, {"x": 1})
    with store_runtime.db.session() as session:
        assert records.claim(session, job_id, "worker-a", lease=0.2)
    assert service.execute(store_runtime, job_id, "worker-b", lease=5) == service.BUSY

    time.sleep(0.3)  # worker-a's lease expires: worker-b takes the job over
    assert service.execute(store_runtime, job_id, "worker-b", lease=5) == service.DONE
    with store_runtime.db.session() as session:
        late = records.complete(session, job_id, "worker-a", b"late", "job:late")

    assert late is False
    assert service.result(store_runtime, job_id) == "worker-b"
    assert service.status(store_runtime, job_id).attempts == 2
    assert service.execute(store_runtime, job_id, "worker-c") == service.SKIPPED


def test_submission_and_success_are_journaled_without_content(
        store_runtime: Runtime, runner: InProcessRunner) -> None:
    secret = "Jean Dupont 06 12 34 56 78"
    job_id = runner.submit("echo", {"items": [secret]}, actor="agent1")
    runner.wait(job_id, timeout=30)

    with store_runtime.db.session() as session:
        entries = [e for e in journal.iter_entries(session)
                   if isinstance(e.payload.get("detail"), dict)
                   and e.payload["detail"].get("job_id") == job_id]
        assert journal.verify(session).ok
    assert [e.payload["action"] for e in entries] == ["job.submitted", "job.succeeded"]
    assert all(secret not in str(e.payload) for e in entries)
    assert entries[0].payload["detail"]["key_sha256"] == content_key(
        "echo", {"items": [secret]})


def test_resume_runs_jobs_a_stopped_process_left_queued(store_runtime: Runtime) -> None:
    job_id, _ = service.submit(store_runtime, "echo", {"items": _items(2)})
    fresh = InProcessRunner(store_runtime, workers=1)
    try:
        assert job_id in fresh.resume()
        assert fresh.wait(job_id, timeout=30).state == "succeeded"
    finally:
        fresh.shutdown()


def test_the_payload_is_encrypted_at_rest(store_runtime: Runtime,
                                          runner: InProcessRunner) -> None:
    job_id = runner.submit("echo", {"items": ["Marie Curie, 12 rue Cuvier"]})
    runner.wait(job_id, timeout=30)
    with store_runtime.db.session() as session:
        row = records.get(session, job_id)
        assert b"Curie" not in row.payload
        assert row.result is not None and b"sha256" not in row.result
