"""Metrics for the token holder or an administrator, the upload limit before reading, and
a clear 503 when the store is gone."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, select, text

from communia.bootstrap import Runtime
from communia.jobs import InProcessRunner
from communia.store.tables import JournalEntryRow
from communia.web.app import create_app
from tests.conftest import PG_ADMIN_URL
from tests.support import WebClient

TOKEN = "prometheus-" + "s3cret" * 5
SCRAPER = {"Authorization": f"Bearer {TOKEN}"}


def test_metrics_count_requests_jobs_and_refusals(make_runtime: Callable[..., Runtime]) -> None:
    runtime = make_runtime(metrics_token=TOKEN)
    runner = InProcessRunner(runtime)
    runner.wait(runner.submit("echo", {"items": ["m"]}), timeout=30)
    runner.shutdown()
    client = TestClient(create_app(runtime))
    client.get("/healthz")

    body = client.get("/metrics", headers=SCRAPER).text

    assert 'communia_http_requests_total{method="GET",route="/healthz",status="200"}' in body
    assert 'communia_jobs{state="succeeded"} 1.0' in body
    assert "communia_store_up 1.0" in body
    assert "communia_model_calls_total 0.0" in body
    assert "communia_http_request_duration_seconds_bucket" in body


def test_metrics_need_the_token_or_an_administrators_session(
        make_runtime: Callable[..., Runtime]) -> None:
    runtime = make_runtime(metrics_token=TOKEN)
    anonymous = TestClient(create_app(runtime))
    refused = anonymous.get("/metrics")
    assert refused.status_code == 401 and refused.headers["www-authenticate"].startswith("Bearer")
    assert "communia_" not in refused.text
    wrong = anonymous.get("/metrics", headers={"Authorization": "Bearer " + "x" * 40})
    assert wrong.status_code == 401 and "communia_" not in wrong.text
    assert anonymous.get("/metrics", headers=SCRAPER).status_code == 200
    agent = WebClient(runtime)
    name = agent.login_as("agent")
    assert agent.http.get("/metrics").status_code == 403
    with runtime.db.session() as session:
        denied = session.scalars(select(JournalEntryRow).where(
            JournalEntryRow.kind == "auth.denied", JournalEntryRow.actor == name)).all()
    assert [entry.payload["path"] for entry in denied] == ["/metrics"]
    admin = WebClient(runtime)
    admin.login_as("admin")
    assert "communia_store_up 1.0" in admin.http.get("/metrics").text


def test_without_a_token_only_administrators_read_the_metrics(runtime: Runtime) -> None:
    scraper = TestClient(create_app(runtime), client=("127.0.0.1", 40000))
    assert scraper.get("/metrics").status_code == 401
    assert scraper.get("/metrics", headers={"Authorization": "Bearer "}).status_code == 401
    admin = WebClient(runtime)
    admin.login_as("admin")
    assert admin.http.get("/metrics").status_code == 200


def test_an_announced_oversized_upload_is_refused_before_it_is_read(
        make_runtime: Callable[..., Runtime]) -> None:
    web = WebClient(make_runtime(max_upload_bytes=10_000))
    web.login_as("agent")

    response = web.post("/jobs/pseudonymise", {"texts": "x" * 20_000})

    assert response.status_code == 413
    assert "COMMUNIA_MAX_UPLOAD_BYTES" in response.text


def test_a_streamed_body_is_cut_off_at_the_limit(make_runtime: Callable[..., Runtime]) -> None:
    web = WebClient(make_runtime(max_upload_bytes=10_000))
    web.login_as("agent")
    chunks = (b"texts=" + b"y" * 4_000 for _ in range(5))  # no Content-Length: chunked

    response = web.http.post("/jobs/pseudonymise", content=chunks,
                             headers={"content-type": "application/x-www-form-urlencoded",
                                      "x-csrf-token": web.csrf, "accept": "application/json"})

    assert response.status_code == 413
    assert "limit" in response.json()["error"]


def test_a_small_upload_passes_the_limit(make_runtime: Callable[..., Runtime]) -> None:
    web = WebClient(make_runtime(max_upload_bytes=10_000))
    web.login_as("agent")
    assert web.post("/jobs/pseudonymise", {"texts": "bonjour"}).status_code == 303


@pytest.fixture
def doomed_pg_url() -> Iterator[str]:
    name = "communia_doomed_" + uuid.uuid4().hex[:10]
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    yield f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.mark.postgres
def test_a_lost_database_gives_a_clear_503_page_and_readyz_503(
        make_runtime: Callable[..., Runtime], doomed_pg_url: str) -> None:
    web = WebClient(make_runtime(database_url=doomed_pg_url, metrics_token=TOKEN))
    web.login_as("agent")
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE "{doomed_pg_url.rsplit("/", 1)[1]}" WITH (FORCE)'))
    admin.dispose()

    page = web.http.get("/jobs", headers={"accept-language": "en"})
    ready = web.http.get("/readyz")

    assert page.status_code == 503
    assert "database cannot be reached" in page.text
    assert "Traceback" not in page.text and "psycopg" not in page.text
    assert ready.status_code == 503
    scraped = TestClient(web.http.app).get("/metrics", headers=SCRAPER)
    assert scraped.status_code == 200 and "communia_store_up 0.0" in scraped.text
