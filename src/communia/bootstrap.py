"""Wire the product together in one place: settings → store, vault, backend, gateway, jobs.

The web app factory, the CLI and the tests call ``bootstrap``; no other code builds
these objects.
"""

from __future__ import annotations

import fcntl
import os
import secrets
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import text

from communia.ai.backends import (
    Backend,
    EchoBackend,
    EmbeddedBackend,
    NoneBackend,
    OpenAICompatibleBackend,
)
from communia.ai.gateway import Gateway
from communia.ai.model_files import default_model_path
from communia.config import Settings
from communia.governance import register
from communia.governance.vault import Vault, generate_key
from communia.store import migrate
from communia.store.base import Database

SECRETS_FILE = "secrets.toml"


@dataclass
class Runtime:
    """Everything a service needs, built once from the settings."""

    settings: Settings
    db: Database
    vault: Vault
    gateway: Gateway
    secret_key: str


def bootstrap(
    settings: Settings, backend: Backend | None = None, migrate_store: bool = True
) -> Runtime:
    """Prepare the data directory, the store (migrated, register seeded) and the gateway."""
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    db = Database(settings.store_url)
    with _startup_lock(settings, db, store=migrate_store):
        secret_key, encryption_key = _keys(settings)
        if migrate_store:
            migrate.upgrade(settings.store_url)
            with db.session() as session:
                register.seed(session)
    vault = Vault(encryption_key)
    chosen = backend or make_backend(settings)
    gateway = Gateway(db, vault, chosen, settings.max_input_chars)
    return Runtime(settings, db, vault, gateway, secret_key)


STARTUP_LOCK_FILE = ".startup.lock"
STARTUP_ADVISORY_KEY = 724300002  # the journal's appends use 724300001


@contextmanager
def _startup_lock(settings: Settings, db: Database, store: bool) -> Iterator[None]:
    """Let one process at a time create the keys, migrate and seed the register.

    The app and its workers start together after a reboot or an upgrade: a file lock in
    the data directory orders the processes of one machine, and on PostgreSQL an
    advisory lock orders app servers and workers on different machines.
    """
    with (settings.data_dir / STARTUP_LOCK_FILE).open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            if store and db.engine.dialect.name == "postgresql":
                with db.engine.connect().execution_options(
                        isolation_level="AUTOCOMMIT") as conn:
                    conn.execute(text("SELECT pg_advisory_lock(:key)"),
                                 {"key": STARTUP_ADVISORY_KEY})
                    try:
                        yield
                    finally:
                        conn.execute(text("SELECT pg_advisory_unlock(:key)"),
                                     {"key": STARTUP_ADVISORY_KEY})
            else:
                yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def make_backend(settings: Settings) -> Backend:
    """The generative backend the settings ask for."""
    if settings.backend == "none":
        return NoneBackend()
    if settings.backend == "echo":
        return EchoBackend(trusted_for_personal_data=False)
    if settings.backend == "openai-compatible":
        return OpenAICompatibleBackend(
            settings.openai_base_url,
            settings.openai_model,
            settings.openai_api_key.get_secret_value(),
            settings.openai_trusted_for_personal_data,
            settings.openai_timeout_seconds,
            settings.openai_max_concurrency,
            settings.openai_retries,
        )
    path = settings.model_path or default_model_path(settings.data_dir)
    return EmbeddedBackend(path, settings.model_threads, settings.model_context)


def _keys(settings: Settings) -> tuple[str, str]:
    """Keys from the settings, else from (or into) ``data_dir/secrets.toml``, mode 0600."""
    secret = settings.secret_key.get_secret_value()
    encryption = settings.encryption_key.get_secret_value()
    if secret and encryption:
        return secret, encryption
    path = settings.data_dir / SECRETS_FILE
    stored = _read_secrets(path)
    if not stored:
        stored = {"secret_key": secrets.token_urlsafe(48), "encryption_key": generate_key()}
        _write_secrets(path, stored)
    return secret or stored["secret_key"], encryption or stored["encryption_key"]


def _read_secrets(path: Path) -> dict[str, str]:
    if not path.is_file():
        return {}
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return {k: str(v) for k, v in data.items()}


def _write_secrets(path: Path, values: dict[str, str]) -> None:
    body = "".join(f'{k} = "{v}"\n' for k, v in values.items())
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(body)
