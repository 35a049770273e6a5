"""Fault tests: a worker killed mid-batch, PostgreSQL restarted, the inference server killed
mid-call, the data directory's disk full. Each uses real processes on 127.0.0.1."""

from __future__ import annotations

import hashlib
import os
import signal
import sqlite3
import subprocess
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import func, select

from communia.ai.backends import BackendFailed, OpenAICompatibleBackend
from communia.ai.gateway import Task
from communia.bootstrap import Runtime
from communia.governance import journal
from communia.jobs import CeleryRunner, InProcessRunner, service
from communia.store.tables import DraftRow, JournalEntryRow
from tests.e2e.servers import (
    MODEL,
    PrivateCluster,
    celery_runtime,
    free_port,
    start_llama_server,
    start_worker,
    stop,
    wait_until,
)
from tests.support import WebClient

pytestmark = [pytest.mark.slow, pytest.mark.faults]


def _succeeded_per_job(runtime: Runtime) -> dict[str, int]:
    seen: dict[str, int] = {}
    with runtime.db.session() as session:
        for entry in journal.iter_entries(session):
            if entry.kind == "action" and entry.payload.get("action") == "job.succeeded":
                job_id = entry.payload["detail"]["job_id"]
                seen[job_id] = seen.get(job_id, 0) + 1
    return seen


@pytest.mark.postgres
@pytest.mark.redis
def test_a_worker_killed_mid_batch_loses_nothing_and_runs_each_item_once(
        make_runtime: Callable[..., Runtime], pg_url: str, tmp_path: Path) -> None:
    runtime, env = celery_runtime(make_runtime, pg_url)
    workers = [start_worker(env, f"w{n}-{os.getpid()}@faults", tmp_path / f"w{n}.log")
               for n in (1, 2)]
    try:
        for n in (1, 2):
            wait_until(lambda n=n: "ready." in (tmp_path / f"w{n}.log").read_text(), 240,
                       f"worker {n}")
        runner = CeleryRunner(runtime)
        applications = [f"application {n} {os.urandom(4).hex()}" for n in range(80)]
        job_ids = [runner.submit("echo", {"items": [text], "delay": 0.25}, actor="hr")
                   for text in applications]
        wait_until(lambda: service.queue_depth(runtime).get("succeeded", 0) >= 15, 240,
                   "first results")

        os.killpg(workers[0].pid, signal.SIGKILL)  # kill -9, mid-batch
        workers[0].wait(timeout=20)
        wait_until(lambda: service.queue_depth(runtime).get("succeeded", 0) == 80, 300,
                   "the whole batch", poll=0.5)
    finally:
        for worker in workers:
            stop(worker)

    digests = [service.result(runtime, job_id)["items"][0]["sha256"] for job_id in job_ids]
    expected = [hashlib.sha256(text.encode()).hexdigest() for text in applications]
    assert sorted(digests) == sorted(expected)  # every item once, none twice, none lost
    assert set(_succeeded_per_job(runtime).values()) == {1}
    assert len(_succeeded_per_job(runtime)) == 80
    with runtime.db.session() as session:
        assert journal.verify(session).ok


@pytest.mark.postgres
def test_a_postgresql_restart_is_reported_and_the_batch_recovers(
        make_runtime: Callable[..., Runtime]) -> None:
    try:
        cluster = PrivateCluster()
    except (RuntimeError, OSError, subprocess.CalledProcessError) as exc:
        pytest.skip(f"cannot create a private PostgreSQL cluster here: {exc}")
    cluster.start()
    try:
        runtime = make_runtime(database_url=cluster.url)
        web = WebClient(runtime)
        web.login_as("agent")
        runner = InProcessRunner(runtime, workers=2, lease=3.0)
        job_ids = [runner.submit("echo", {"items": [f"{n}-a", f"{n}-b"], "delay": 0.2})
                   for n in range(20)]
        wait_until(lambda: service.queue_depth(runtime).get("succeeded", 0) >= 2, 120,
                   "first results")

        cluster.stop()
        ready = web.http.get("/readyz")
        page = web.http.get("/jobs", headers={"accept-language": "en"})
        time.sleep(2)
        cluster.start()

        assert ready.status_code == 503
        assert page.status_code == 503 and "database cannot be reached" in page.text
        wait_until(lambda: web.http.get("/readyz").status_code == 200, 60, "readyz")
        wait_until(lambda: all(runner.status(j).state == "succeeded" for j in job_ids), 180,
                   "the batch after the restart", poll=0.5)
        runner.shutdown()
        assert all(len(runner.result(j)["items"]) == 2 for j in job_ids)
        with runtime.db.session() as session:
            assert journal.verify(session).ok
        runtime.db.dispose()
    finally:
        cluster.remove()


@pytest.mark.model
def test_an_inference_server_killed_mid_call_fails_cleanly_and_stores_nothing(
        make_runtime: Callable[..., Runtime], tmp_path: Path) -> None:
    if not MODEL.is_file():
        pytest.skip(f"packaged model not installed at {MODEL}: run 'make install'")
    port = free_port()
    server = start_llama_server(port, tmp_path / "llama.log")
    backend = OpenAICompatibleBackend(f"http://127.0.0.1:{port}/v1", "m", retries=1,
                                      timeout=600)
    runtime = make_runtime(backend=backend)
    outcome: list[BaseException] = []
    task = Task(use_case="drafting", actor="agent", template="test/v1", system="Réponds.",
                prompt="Rédige une note de trois paragraphes sur les horaires d'été.",
                max_tokens=256)

    def call() -> None:
        try:
            runtime.gateway.run(task)
        except BaseException as exc:  # the assertion below says which
            outcome.append(exc)

    caller = threading.Thread(target=call)
    try:
        caller.start()
        time.sleep(4)  # the server is generating (minutes for 256 tokens on this machine)
    finally:
        stop(server, signal.SIGKILL)
    caller.join(timeout=60)

    assert not caller.is_alive()
    assert len(outcome) == 1 and isinstance(outcome[0], BackendFailed), outcome
    with runtime.db.session() as session:
        assert session.scalar(select(func.count()).select_from(DraftRow)) == 0
        failures = session.scalar(select(func.count()).select_from(JournalEntryRow)
                                  .where(JournalEntryRow.kind == "model.failed"))
    assert failures == 1


def test_a_full_disk_gives_a_clear_error_and_leaves_the_store_intact(
        make_runtime: Callable[..., Runtime], tmp_path: Path) -> None:
    mount = tmp_path / "small"
    mount.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount)],
                             capture_output=True, text=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here (needs root): {mounted.stderr.strip()}")
    try:
        runtime = make_runtime(data_dir=mount)
        web = WebClient(runtime)
        web.login_as("agent")
        runner = InProcessRunner(runtime)
        before = runner.submit("echo", {"items": ["kept"]})
        assert runner.wait(before, 30).state == "succeeded"
        filler = mount / "filler"
        with filler.open("wb") as handle:
            try:
                while True:
                    handle.write(b"\0" * 65536)
                    handle.flush()
            except OSError:
                pass

        response = web.post("/jobs/pseudonymise", {"texts": "Jean Dupont. " * 8000},
                            headers={"accept-language": "en"})

        assert response.status_code == 503
        assert "storage is full" in response.text and "Traceback" not in response.text
        filler.unlink()
        runtime.db.dispose()
        check = sqlite3.connect(mount / "communia.db")
        assert check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        check.close()
        with runtime.db.session() as session:
            assert journal.verify(session).ok
        assert runner.result(before)["items"][0]["words"] == 1
        after = runner.submit("echo", {"items": ["after"]})
        assert runner.wait(after, 30).state == "succeeded"
        runner.shutdown()
        runtime.db.dispose()
    finally:
        subprocess.run(["umount", "-l", str(mount)], capture_output=True)



@pytest.mark.postgres
@pytest.mark.redis
def test_a_running_job_left_without_a_message_is_sent_again_by_a_worker(
        make_runtime: Callable[..., Runtime], pg_url: str, tmp_path: Path) -> None:
    """A job 'running' under a lost worker, its Redis message gone, still finishes."""
    from communia.jobs import records

    runtime, env = celery_runtime(make_runtime, pg_url)
    job_id, _ = service.submit(runtime, "echo", {"items": ["orphan"]}, actor="hr")
    with runtime.db.session() as session:  # a worker took it, then vanished with its message
        assert records.claim(session, job_id, "lost-worker", lease=0.1)
    worker = start_worker(env, f"sweeper-{os.getpid()}@faults", tmp_path / "w.log")
    try:
        wait_until(lambda: service.status(runtime, job_id).state == "succeeded", 240,
                   "the orphaned job", poll=0.5)
    finally:
        stop(worker)
    assert service.result(runtime, job_id)["items"][0]["sha256"] == hashlib.sha256(
        b"orphan").hexdigest()
    assert _succeeded_per_job(runtime) == {job_id: 1}
