"""Benchmark: 50 agents browsing and submitting small jobs for 2 minutes, on loopback.

Stack started by this script, all on 127.0.0.1: a fresh PostgreSQL database on the
machine's server, Redis, two Celery workers (``communia worker``) and the app under
uvicorn (2 processes). Each simulated agent signs in, then loops: open a page
(home, jobs, review, learn), think 0.5-1.5 s, and every fifth step submit a small job
(batch pseudonymisation of one short text). The workers are warmed up first (their
language models loaded) with four jobs outside the measure. After the load, the jobs get up to
``--drain`` seconds to finish; a job is lost if it is neither finished nor queued.
The baseline is ``/healthz`` (no store, no template) measured under the same load.

    .venv/bin/python benchmarks/load.py [--users 50] [--duration 120]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import httpx
from sqlalchemy import create_engine, text

ROOT = Path(__file__).parents[1]
sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(ROOT))

from _table import print_table  # noqa: E402

from communia.accounts import service as accounts  # noqa: E402
from communia.bootstrap import bootstrap  # noqa: E402
from communia.governance.vault import generate_key  # noqa: E402
from communia.jobs import service as jobs  # noqa: E402
from tests.support import approve_all, make_settings  # noqa: E402

PG_ADMIN = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
PAGES = ("/", "/jobs", "/review", "/learn")
PASSWORD = "load-test-password"
CSRF = re.compile(r'name="csrf-token" content="([^"]+)"')


@dataclass
class Tally:
    pages: list[float] = field(default_factory=list)
    health: list[float] = field(default_factory=list)
    errors: int = 0
    requests: int = 0
    submitted: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)


async def agent(base: str, username: str, deadline: float, tally: Tally) -> None:
    async with httpx.AsyncClient(base_url=base, timeout=30, follow_redirects=False) as http:
        token = await _sign_in(http, username, tally)
        if not token:
            return
        step = 0
        while time.monotonic() < deadline:
            step += 1
            await _timed(http, "GET", random.choice(PAGES), tally, tally.pages)
            if step % 3 == 0:
                await _timed(http, "GET", "/healthz", tally, tally.health)
            if step % 5 == 0:
                await _submit(http, token, username, step, tally)
            await asyncio.sleep(random.uniform(0.5, 1.5))


async def _sign_in(http: httpx.AsyncClient, username: str, tally: Tally) -> str:
    """Sign in (not measured as a page); the CSRF token of the session, or "" on failure."""
    try:
        page = await http.get("/login")
        token = CSRF.search(page.text)
        await http.post("/login", data={"username": username, "password": PASSWORD,
                                        "csrf_token": token.group(1) if token else "",
                                        "next": "/"})
        found = CSRF.search((await http.get("/")).text)
    except httpx.HTTPError as exc:
        found = None
        tally.failures.append(f"sign-in: {type(exc).__name__}")
    tally.requests += 1
    if found is None:
        tally.errors += 1
        return ""
    return found.group(1)


async def _timed(http: httpx.AsyncClient, method: str, url: str, tally: Tally,
                 into: list[float]) -> None:
    started = time.perf_counter()
    try:
        response = await http.request(method, url)
        ok = response.status_code == 200
    except httpx.HTTPError as exc:
        ok = False
        tally.failures.append(f"{url}: {type(exc).__name__}")
    tally.requests += 1
    if ok:
        into.append(time.perf_counter() - started)
    else:
        tally.errors += 1


async def _submit(http: httpx.AsyncClient, token: str, username: str, step: int,
                  tally: Tally) -> None:
    text_ = f"Appel de {username} au 06 12 34 {step % 100:02d} 78 (étape {step})."
    tally.requests += 1
    try:
        response = await http.post("/jobs/pseudonymise",
                                    data={"texts": text_, "csrf_token": token})
    except httpx.HTTPError as exc:
        tally.errors += 1
        tally.failures.append(f"submit: {type(exc).__name__}")
        return
    if response.status_code == 303:
        tally.submitted.append(response.headers["location"].rsplit("/", 1)[-1])
    else:
        tally.errors += 1
        tally.failures.append(f"submit: HTTP {response.status_code}")


def start(argv: list[str], env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    with log.open("wb") as out:
        return subprocess.Popen(argv, env=env, stdout=out, stderr=subprocess.STDOUT,
                                start_new_session=True, cwd=ROOT)


def wait_for(check: object, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if check():  # type: ignore[operator]
                return
        except Exception:
            pass
        time.sleep(0.5)
    raise SystemExit(f"{what} did not start within {timeout:.0f} s")


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--duration", type=float, default=120.0)
    parser.add_argument("--drain", type=float, default=90.0)
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="communia-load-"))
    db_name = "communia_load_" + uuid.uuid4().hex[:8]
    admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{db_name}"'))
    url = f"postgresql+psycopg://postgres@127.0.0.1:5432/{db_name}"
    redis_url = f"redis://127.0.0.1:6379/{random.randint(9, 15)}"
    key = generate_key()
    settings = make_settings(work, database_url=url, redis_url=redis_url,
                             jobs_backend="celery", encryption_key=key,
                             secret_key="load-" + uuid.uuid4().hex)
    runtime = bootstrap(settings)
    approve_all(runtime)
    users = [f"agent{n:02d}" for n in range(args.users)]
    with runtime.db.session() as session:
        for name in users:
            accounts.add_user(session, name, name, "agent", PASSWORD)
    env = {**os.environ, "COMMUNIA_DATA_DIR": str(settings.data_dir),
           "COMMUNIA_DATABASE_URL": url, "COMMUNIA_REDIS_URL": redis_url,
           "COMMUNIA_JOBS_BACKEND": "celery", "COMMUNIA_BACKEND": "none",
           "COMMUNIA_ENCRYPTION_KEY": key,
           "COMMUNIA_SECRET_KEY": settings.secret_key.get_secret_value(),
           "COMMUNIA_LOGIN_MAX_FAILURES": "1000"}
    port = 18000 + random.randint(0, 999)
    procs = [start([sys.executable, "-m", "communia", "worker", "--pool", "solo", "--name",
                    f"load{n}@%h"], env, work / f"worker{n}.log") for n in (1, 2)]
    procs.append(start([sys.executable, "-m", "uvicorn", "communia.web.asgi:app", "--host",
                        "127.0.0.1", "--port", str(port), "--workers", "2", "--no-access-log",
                        "--timeout-worker-healthcheck", "60"],
                       env, work / "app.log"))
    base = f"http://127.0.0.1:{port}"
    tally = Tally()
    try:
        wait_for(lambda: httpx.get(base + "/readyz", timeout=5).status_code == 200, 300, "app")
        for n in (1, 2):
            wait_for(lambda n=n: "ready." in (work / f"worker{n}.log").read_text(), 300,
                     f"worker {n}")
        warm = [jobs.submit(runtime, "pii-batch", {"texts": [f"Échauffement {n}"]},
                            actor="load")[0] for n in range(4)]
        from communia.jobs.runners import CeleryRunner

        sender = CeleryRunner(runtime)
        for job_id in warm:  # each worker loads its language models once, before the load
            sender.dispatch(job_id)
        wait_for(lambda: all(jobs.status(runtime, j).finished for j in warm), 300,
                 "worker warm-up")
        started = time.monotonic()
        deadline = started + args.duration

        async def run_all() -> None:
            await asyncio.gather(*(agent(base, u, deadline, tally) for u in users))

        asyncio.run(run_all())
        elapsed = time.monotonic() - started
        drain_end = time.monotonic() + args.drain
        while time.monotonic() < drain_end:
            depth = jobs.queue_depth(runtime)
            if depth.get("queued", 0) + depth.get("running", 0) == 0:
                break
            time.sleep(1)
        states = [jobs.status(runtime, j).state for j in tally.submitted]
    finally:
        for proc in procs:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
        for proc in procs:
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
        runtime.db.dispose()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{db_name}" WITH (FORCE)'))
        admin.dispose()
    report(args, tally, states, elapsed)


def report(args: argparse.Namespace, tally: Tally, states: list[str], elapsed: float) -> None:
    done = states.count("succeeded")
    pending = states.count("queued") + states.count("running")
    lost = len(states) - done - pending
    p50, p95 = pct(tally.pages, 0.5), pct(tally.pages, 0.95)
    h50, h95 = pct(tally.health, 0.5), pct(tally.health, 0.95)
    error_rate = tally.errors / max(1, tally.requests)
    rows = [
        ("page latency p50 (ms)", p50 * 1000, h50 * 1000, p50 / h50, "-", "-"),
        ("page latency p95 (ms)", p95 * 1000, h95 * 1000, p95 / h95, "< 300",
         "yes" if p95 < 0.3 else "NO"),
        ("pages answered / s", len(tally.pages) / elapsed, len(tally.health) / elapsed,
         len(tally.pages) / max(1, len(tally.health)), "-", "-"),
        ("error rate", error_rate, "-", "-", "0", "yes" if tally.errors == 0 else "NO"),
        ("jobs submitted", len(states), "-", "-", "-", "-"),
        ("jobs completed", done, "-", "-", "all", "yes" if done == len(states) else "NO"),
        ("jobs still queued after drain", pending, "-", "-", "-", "-"),
        ("jobs lost or failed", lost, "-", "-", "0", "yes" if lost == 0 else "NO"),
    ]
    print_table(f"Load: {args.users} agents for {elapsed:.0f} s (PostgreSQL, 2 Celery workers, "
                f"uvicorn x2; baseline = /healthz under the same load)",
                ("measure", "pages", "baseline /healthz", "ratio", "target", "met"), rows)
    if tally.failures:
        print("first errors:", "; ".join(sorted(set(tally.failures))[:5]))
    print(f"load average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print("median page latency (s):", f"{statistics.median(tally.pages):.3f}"
          if tally.pages else "n/a")


if __name__ == "__main__":
    main()
