"""Backup and restore of the store, data directory and journal, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text, update

from communia.bootstrap import Runtime, bootstrap
from communia.governance import journal
from communia.governance.events import ActionRecorded
from communia.jobs import InProcessRunner
from communia.ops import backup as backups
from communia.ops.model import BackupInvalid, RestoreRefused
from communia.store.tables import JournalEntryRow
from tests.conftest import PG_ADMIN_URL
from tests.support import make_settings


@pytest.fixture
def second_pg_url() -> Iterator[str]:
    """Another fresh PostgreSQL database (the restore target), dropped afterwards."""
    name = "communia_restore_" + uuid.uuid4().hex[:10]
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    yield f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def _fill(runtime: Runtime) -> str:
    """Some journal entries, a job with an encrypted result, and a file in the data dir."""
    with runtime.db.session() as session:
        for n in range(5):
            journal.record(session, ActionRecorded(actor="agent", use_case="drafting",
                                                   action="test.fill", detail={"n": n}))
    runner = InProcessRunner(runtime)
    job_id = runner.submit("echo", {"items": ["backup me"]})
    assert runner.wait(job_id, timeout=30).state == "succeeded"
    runner.shutdown()
    (runtime.settings.data_dir / "exports").mkdir(exist_ok=True)
    (runtime.settings.data_dir / "exports" / "note.txt").write_text("export", encoding="utf-8")
    return job_id


@pytest.mark.parametrize("logical", [False, True], ids=["native", "logical"])
def test_a_backup_restores_into_an_empty_installation_and_its_journal_verifies(
        store_runtime: Runtime, tmp_path: Path, logical: bool, request: pytest.FixtureRequest
) -> None:
    job_id = _fill(store_runtime)
    manifest = backups.backup(store_runtime.settings, tmp_path / "bk", logical_dump=logical)
    assert manifest.journal_verified and manifest.journal_entries >= 7
    overrides: dict[str, object] = {}
    if not store_runtime.db.is_sqlite:
        overrides["database_url"] = request.getfixturevalue("second_pg_url")
    target = make_settings(tmp_path / "restored",
                           encryption_key=store_runtime.settings.encryption_key
                           .get_secret_value(), **overrides)

    report = backups.restore(target, tmp_path / "bk")

    assert report.journal_ok and report.journal_entries == manifest.journal_entries
    assert (target.data_dir / "exports" / "note.txt").read_text(encoding="utf-8") == "export"
    restored = bootstrap(target)
    try:
        from communia.jobs import service

        assert service.result(restored, job_id)["items"][0]["words"] == 2
        with restored.db.session() as session:
            assert journal.verify(session).ok
    finally:
        restored.db.dispose()


def test_a_sqlite_backup_restores_into_postgresql(runtime: Runtime, tmp_path: Path,
                                                  pg_url: str) -> None:
    _fill(runtime)
    manifest = backups.backup(runtime.settings, tmp_path / "bk")
    assert manifest.store_format == "sqlite"
    target = make_settings(tmp_path / "pg", database_url=pg_url)

    report = backups.restore(target, tmp_path / "bk")

    assert report.journal_ok and report.journal_entries == manifest.journal_entries


def test_a_tampered_backup_file_is_refused_naming_it(runtime: Runtime, tmp_path: Path) -> None:
    _fill(runtime)
    backups.backup(runtime.settings, tmp_path / "bk")
    note = tmp_path / "bk" / "data" / "exports" / "note.txt"
    note.write_text("changed", encoding="utf-8")

    with pytest.raises(BackupInvalid, match="note.txt"):
        backups.restore(make_settings(tmp_path / "t"), tmp_path / "bk")


def test_a_restore_never_overwrites_a_store_in_use_without_force(runtime: Runtime,
                                                                 tmp_path: Path) -> None:
    _fill(runtime)
    backups.backup(runtime.settings, tmp_path / "bk")

    with pytest.raises(RestoreRefused, match="--force"):
        backups.restore(runtime.settings, tmp_path / "bk")


def test_a_journal_edited_inside_the_backup_is_detected_after_restore(
        runtime: Runtime, tmp_path: Path) -> None:
    _fill(runtime)
    backups.backup(runtime.settings, tmp_path / "bk", logical_dump=True)
    target = make_settings(tmp_path / "t")
    backups.restore(target, tmp_path / "bk")
    restored = bootstrap(target)
    with restored.db.session() as session:
        session.execute(update(JournalEntryRow).where(JournalEntryRow.seq == 2)
                        .values(actor="someone-else"))
    with restored.db.session() as session:
        assert not journal.verify(session).ok
    restored.db.dispose()


def test_the_backup_folder_is_private_and_its_manifest_lists_digests(
        runtime: Runtime, tmp_path: Path) -> None:
    _fill(runtime)
    manifest = backups.backup(runtime.settings, tmp_path / "bk")
    assert (tmp_path / "bk").stat().st_mode & 0o077 == 0
    listed = json.loads((tmp_path / "bk" / "manifest.json").read_text())["files"]
    assert "store.sqlite" in listed and "data/exports/note.txt" in listed
    assert listed == manifest.files


def test_a_backup_into_a_non_empty_folder_is_refused(runtime: Runtime, tmp_path: Path) -> None:
    (tmp_path / "bk").mkdir()
    (tmp_path / "bk" / "x").write_text("x")
    with pytest.raises(RestoreRefused, match="not empty"):
        backups.backup(runtime.settings, tmp_path / "bk")


def test_postgresql_backups_use_pg_dump_of_a_matching_version(
        make_runtime: Callable[..., Runtime], tmp_path: Path, pg_url: str) -> None:
    runtime = make_runtime(database_url=pg_url)
    manifest = backups.backup(runtime.settings, tmp_path / "bk")
    assert manifest.store_format == "pgdump"  # the machine's pg_dump and server are both 15
    assert (tmp_path / "bk" / "store.pgdump").stat().st_size > 0
