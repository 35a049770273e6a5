"""A live worker keeps its job through a long step that cannot report progress."""

from __future__ import annotations

import threading
import time
import uuid
from typing import Any

from communia.bootstrap import Runtime
from communia.jobs import JobContext, register_job, service


def test_a_long_step_inside_keep_alive_is_not_taken_over(runtime: Runtime) -> None:
    def slow(ctx: JobContext, payload: dict[str, Any]) -> str:
        ctx.progress(0, 1, "fitting")
        with ctx.keep_alive():
            time.sleep(1.2)  # three leases without a progress call
        return "fitted"

    kind = "slow-" + uuid.uuid4().hex[:8]
    register_job(kind, slow)
    job_id, _ = service.submit(runtime, kind, {})
    outcome: list[str] = []
    first = threading.Thread(target=lambda: outcome.append(
        service.execute(runtime, job_id, "worker-a", lease=0.4)))
    first.start()
    time.sleep(0.8)

    assert service.execute(runtime, job_id, "worker-b", lease=0.4) == service.BUSY
    first.join()
    assert outcome == [service.DONE]
    assert service.result(runtime, job_id) == "fitted"
    assert service.status(runtime, job_id).attempts == 1

