"""Several processes starting on an empty store at once: one migrates, the others wait.

A systemd unit for the app and one per worker start together after a reboot or an
upgrade; they must agree on the keys and the schema instead of racing.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select

from communia.store.tables import UseCaseRow

STARTERS = 3


def start_together(data_dirs: list[Path], **settings: str) -> list[subprocess.CompletedProcess]:
    """Run ``communia init`` once per data directory, all at the same time."""
    base = {**os.environ, "COMMUNIA_BACKEND": "none",
            **{f"COMMUNIA_{k.upper()}": v for k, v in settings.items()}}
    command = [sys.executable, "-m", "communia", "init"]
    processes = [subprocess.Popen(command, env={**base, "COMMUNIA_DATA_DIR": str(d)},
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                 for d in data_dirs]
    return [subprocess.CompletedProcess(p.args, p.wait(timeout=300), *p.communicate())
            for p in processes]


def count_use_cases(url: str) -> int:
    engine = create_engine(url)
    with engine.connect() as conn:
        count = conn.scalar(select(func.count()).select_from(UseCaseRow))
    engine.dispose()
    return int(count or 0)


def test_three_processes_start_on_an_empty_sqlite_store(tmp_path: Path) -> None:
    data = tmp_path / "data"
    for result in start_together([data] * STARTERS):
        assert result.returncode == 0, result.stderr[-2000:]
    secrets = (data / "secrets.toml").read_text(encoding="utf-8")
    assert "secret_key" in secrets and "encryption_key" in secrets
    assert not [p.name for p in data.iterdir() if p.name.endswith(".tmp")]
    assert count_use_cases(f"sqlite:///{data / 'communia.db'}") == 6


@pytest.mark.postgres
def test_three_processes_with_their_own_data_dirs_start_on_an_empty_postgresql(
    tmp_path: Path, pg_url: str
) -> None:
    from communia.governance.vault import generate_key

    nodes = [tmp_path / f"node{n}" for n in range(STARTERS)]
    keys = {"secret_key": "s" * 48, "encryption_key": generate_key()}
    for result in start_together(nodes, database_url=pg_url, **keys):
        assert result.returncode == 0, result.stderr[-2000:]
    assert count_use_cases(pg_url) == 6
