"""A long model call or file extraction in one request does not stall the others.

The web app serves everyone from one event loop: a route that ran the model or parsed
uploads on it would freeze every page for every user until it finished.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx

from communia.ai.backends import Completion
from communia.bootstrap import Runtime
from tests.e2e.browser import live_server
from tests.support import PASSWORD, csrf_of

DATA = Path(__file__).parents[1].parent / "benchmarks" / "data" / "drafting"
MODEL_SECONDS = 3.0


class SlowBackend:
    """A model that takes a few seconds to answer each prose request."""

    name = "slow"
    model = "slow-1"
    trusted_for_personal_data = True

    def __init__(self) -> None:
        self.started = threading.Event()

    def complete(self, messages: list[dict[str, str]], schema: dict[str, Any] | None,
                 max_tokens: int) -> Completion:
        self.started.set()
        time.sleep(MODEL_SECONDS)
        keys = list((schema or {}).get("properties", {}))
        return Completion(json.dumps({k: ["…"] for k in keys}), self.model)


def _signed_in(client: httpx.Client, base: str, runtime: Runtime) -> str:
    from communia.accounts import service

    with runtime.db.session() as session:
        service.add_user(session, "agent-slow", "Agent Slow", "agent", PASSWORD)
    token = csrf_of(client.get(f"{base}/login").text)
    client.post(f"{base}/login", data={"username": "agent-slow", "password": PASSWORD,
                                       "csrf_token": token, "next": "/"})
    return csrf_of(client.get(f"{base}/").text)


def test_pages_answer_while_a_draft_waits_for_the_model(
        make_runtime: Callable[..., Runtime]) -> None:
    backend = SlowBackend()
    runtime = make_runtime(backend=backend)
    with live_server(runtime) as base, httpx.Client(timeout=30) as drafter, \
            httpx.Client(timeout=30) as other:
        token = _signed_in(drafter, base, runtime)
        answers: list[int] = []
        drafting = threading.Thread(target=lambda: answers.append(drafter.post(
            f"{base}/drafting/new/arrete", data={"csrf_token": token},
            files={"facts_file": ("faits.yaml", (DATA / "arrete_06.yaml").read_bytes(),
                                  "application/yaml")}).status_code))
        drafting.start()
        assert backend.started.wait(10), "the draft never reached the model"
        started = time.monotonic()
        health = other.get(f"{base}/healthz")
        login_page = other.get(f"{base}/login")
        waited = time.monotonic() - started
        drafting.join(30)
    assert health.status_code == 200 and login_page.status_code == 200
    assert waited < MODEL_SECONDS / 2, f"other requests waited {waited:.1f} s for the model"
    assert answers == [303]  # the draft itself was stored: redirect to its page
