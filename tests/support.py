"""Test helpers shared by the suites: settings, approvals, a signed-in web client."""

from __future__ import annotations

import re
import time
import uuid
from pathlib import Path

from fastapi.testclient import TestClient

from communia.bootstrap import Runtime
from communia.config import Settings, load_settings
from communia.governance import register
from communia.governance.vault import generate_key

PASSWORD = "correct horse battery"


def make_settings(tmp_path: Path, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "data_dir": tmp_path / "data",
        "secret_key": "test-secret-" + uuid.uuid4().hex,
        "encryption_key": generate_key(),
        "backend": "none",
    }
    values.update(overrides)
    return load_settings(**values)


def approve_all(runtime: Runtime) -> None:
    """Approve every use case the way the DPO and ethics committee would."""
    with runtime.db.session() as session:
        for row in register.list_all(session):
            row.dpia_status = "done"
            row.fria_status = "done" if row.risk_level == "high" else row.fria_status
            if row.risk_level == "high" and register.latest_opinion(session, row.id) is None:
                register.record_opinion(session, row.id, "favourable", "ethics-test")
            register.set_status(session, row.id, "approved", "dpo-test")


def csrf_of(html: str) -> str:
    match = re.search(r'name="csrf-token" content="([^"]+)"', html)
    assert match, "page has no CSRF token"
    return match.group(1)


class WebClient:
    """A TestClient that knows its CSRF token and signs in as a role."""

    def __init__(self, runtime: Runtime) -> None:
        from communia.web.app import create_app

        self.runtime = runtime
        self.http = TestClient(create_app(runtime), base_url="http://testserver")
        self.csrf = ""

    def refresh_csrf(self) -> str:
        self.csrf = csrf_of(self.http.get("/login").text)
        return self.csrf

    def login_as(self, role: str, username: str | None = None) -> str:
        from communia.accounts import service

        username = username or f"{role}-{uuid.uuid4().hex[:6]}"
        with self.runtime.db.session() as session:
            service.add_user(session, username, username.title(), role, PASSWORD)
        self.refresh_csrf()
        response = self.http.post("/login", data={"username": username, "password": PASSWORD,
                                                  "csrf_token": self.csrf, "next": "/"},
                                  follow_redirects=False)
        assert response.status_code == 303, response.text
        self.csrf = csrf_of(self.http.get("/").text)
        return username

    def post(self, url: str, data: dict[str, str] | None = None, **kw: object):  # type: ignore[no-untyped-def]
        payload = {"csrf_token": self.csrf, **(data or {})}
        return self.http.post(url, data=payload, follow_redirects=False, **kw)  # type: ignore[arg-type]


def run_after_restart(runtime: Runtime, job_id: str) -> str:
    """Leave ``job_id`` as a stopped process's running job, then let a new process's
    in-process runner take it over; the job's final state."""
    from communia.jobs import InProcessRunner, records

    with runtime.db.session() as session:  # a worker took it, then its process stopped
        assert records.claim(session, job_id, "stopped-process", lease=0.2)
    time.sleep(0.3)
    restarted = InProcessRunner(runtime, workers=1)
    try:
        assert job_id in restarted.resume()
        return restarted.wait(job_id, timeout=300).state
    finally:
        restarted.shutdown()
