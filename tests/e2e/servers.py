"""Real servers for the fault and inference tests: a llama.cpp OpenAI-compatible server, a
private PostgreSQL cluster, Celery workers. Each starts on 127.0.0.1 and is stopped by pid."""

from __future__ import annotations

import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from communia.bootstrap import Runtime
from communia.governance.vault import generate_key

ROOT = Path(__file__).parents[2]
MODEL = ROOT / "var" / "models" / "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf"
PG_BIN = Path("/usr/lib/postgresql")


def celery_runtime(make_runtime: Callable[..., Runtime], pg_url: str
                   ) -> tuple[Runtime, dict[str, str]]:
    """A runtime on PostgreSQL and a private Redis database with Celery jobs, and the
    environment its ``communia worker`` processes need to share its store and keys."""
    redis_url = f"redis://127.0.0.1:6379/{random.randint(9, 15)}"
    key = generate_key()
    runtime = make_runtime(database_url=pg_url, redis_url=redis_url, jobs_backend="celery",
                           encryption_key=key)
    env = {**os.environ, "COMMUNIA_DATA_DIR": str(runtime.settings.data_dir),
           "COMMUNIA_DATABASE_URL": pg_url, "COMMUNIA_REDIS_URL": redis_url,
           "COMMUNIA_JOBS_BACKEND": "celery", "COMMUNIA_BACKEND": "none",
           "COMMUNIA_ENCRYPTION_KEY": key, "COMMUNIA_SECRET_KEY": "x"}
    return runtime, env


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_until(check: object, timeout: float, what: str, poll: float = 0.2) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if check():  # type: ignore[operator]
                return
        except Exception:
            pass
        time.sleep(poll)
    raise AssertionError(f"{what} not ready after {timeout:.0f} s")


def stop(process: subprocess.Popen[bytes], sig: int = signal.SIGTERM) -> None:
    """Stop a process we started (and its group), by pid."""
    if process.poll() is None:
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            return
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=20)


def start_llama_server(port: int, log: Path) -> subprocess.Popen[bytes]:
    """``python -m llama_cpp.server`` with the packaged model, on 127.0.0.1:port."""
    argv = [sys.executable, "-m", "llama_cpp.server", "--model", str(MODEL), "--host",
            "127.0.0.1", "--port", str(port), "--n_ctx", "2048", "--n_threads", "2",
            "--model_alias", "communia-test"]
    with log.open("wb") as out:
        process = subprocess.Popen(argv, stdout=out, stderr=subprocess.STDOUT,
                                   start_new_session=True)
    wait_until(lambda: httpx.get(f"http://127.0.0.1:{port}/v1/models", timeout=2)
               .status_code == 200, 180, "llama.cpp server")
    return process


@contextmanager
def llama_server(tmp: Path) -> Iterator[str]:
    """A running llama.cpp server; yields its base URL (…/v1)."""
    port = free_port()
    process = start_llama_server(port, tmp / "llama.log")
    try:
        yield f"http://127.0.0.1:{port}/v1"
    finally:
        stop(process)


class PrivateCluster:
    """A throw-away PostgreSQL cluster owned by the postgres user, on a free port."""

    def __init__(self) -> None:
        versions = sorted(PG_BIN.iterdir()) if PG_BIN.is_dir() else []
        if not versions:
            raise RuntimeError("PostgreSQL server binaries are not installed")
        self.bin = versions[-1] / "bin"
        self.dir = Path(tempfile.mkdtemp(prefix="communia-pg-"))
        self.port = free_port()
        shutil.chown(self.dir, "postgres", "postgres")
        self._as_postgres([str(self.bin / "initdb"), "-D", str(self.dir / "data"), "-A",
                           "trust", "-U", "postgres", "--no-sync"])
        self.url = f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    def start(self) -> None:
        self._as_postgres([str(self.bin / "pg_ctl"), "-D", str(self.dir / "data"), "-w",
                           "-l", str(self.dir / "log"), "-o",
                           f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 "
                           "-c fsync=off", "start"])

    def stop(self) -> None:
        self._as_postgres([str(self.bin / "pg_ctl"), "-D", str(self.dir / "data"), "-w",
                           "-m", "fast", "stop"], check=False)

    def remove(self) -> None:
        self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)

    def _as_postgres(self, argv: list[str], check: bool = True) -> None:
        subprocess.run(["runuser", "-u", "postgres", "--", *argv], check=check,
                       capture_output=True, timeout=120)


def start_worker(env: dict[str, str], name: str, log: Path, visibility: int = 6,
                 lease: float = 4.0) -> subprocess.Popen[bytes]:
    """``communia worker`` (solo pool) as a separate process group."""
    argv = [sys.executable, "-m", "communia", "worker", "--pool", "solo", "--name", name,
            "--visibility-timeout", str(visibility), "--lease", str(lease)]
    with log.open("wb") as out:
        return subprocess.Popen(argv, env=env, stdout=out, stderr=subprocess.STDOUT,
                                start_new_session=True, cwd=ROOT)
