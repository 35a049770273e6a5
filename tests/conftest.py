"""Shared fixtures: settings on a temporary data directory, runtimes on SQLite or PostgreSQL,
a signed-in web client per role."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from communia.ai.backends import Backend, NoneBackend
from communia.bootstrap import Runtime, bootstrap
from communia.config import Settings
from tests.support import WebClient, approve_all, make_settings

PG_ADMIN_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return make_settings(tmp_path)


@pytest.fixture
def make_runtime(tmp_path: Path) -> Iterator[Callable[..., Runtime]]:
    """Build runtimes on SQLite in the test's directory; disposed afterwards."""
    built: list[Runtime] = []

    def build(
        backend: Backend | None = None, approved: bool = True, **overrides: object
    ) -> Runtime:
        runtime = bootstrap(make_settings(tmp_path, **overrides), backend=backend or NoneBackend())
        if approved:
            approve_all(runtime)
        built.append(runtime)
        return runtime

    yield build
    for runtime in built:
        runtime.db.dispose()


@pytest.fixture
def runtime(make_runtime: Callable[..., Runtime]) -> Runtime:
    return make_runtime()


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A fresh PostgreSQL database on the machine's server, dropped afterwards."""
    name = "communia_" + uuid.uuid4().hex[:12]
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:  # the server is part of the test platform: fail loudly
        pytest.fail(f"PostgreSQL on 127.0.0.1:5432 is not usable ({exc}); run scripts/services.sh")
    yield f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store_runtime(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Runtime]:
    """The same runtime on SQLite and on PostgreSQL, for store tests."""
    overrides: dict[str, object] = {}
    if request.param == "postgresql":
        overrides["database_url"] = request.getfixturevalue("pg_url")
    runtime = bootstrap(make_settings(tmp_path, **overrides), backend=NoneBackend())
    approve_all(runtime)
    yield runtime
    runtime.db.dispose()


@pytest.fixture
def web(runtime: Runtime) -> WebClient:
    return WebClient(runtime)


@pytest.fixture(scope="session")
def embedded_backend() -> Iterator[Backend]:
    """The packaged local model (assembled by `make install` into var/models), loaded once."""
    from communia.ai.backends import EmbeddedBackend
    from communia.ai.model_files import default_model_path

    path = default_model_path(Path(__file__).parents[1] / "var")
    if not path.is_file():
        pytest.skip(f"embedded model not installed at {path}: run 'make install' "
                    "(CI installs it, so these tests run there)")
    pytest.importorskip("llama_cpp", reason="llama-cpp-python not installed (embedded extra)")
    yield EmbeddedBackend(path, threads=2, context=4096)
