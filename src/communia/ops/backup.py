"""Back up and restore the store, the data directory and the journal, and prove the result.

A backup folder holds ``manifest.json`` (formats, schema heads, journal head, SHA-256 of
every file), the store (SQLite online backup, ``pg_dump`` custom format, or a portable
logical dump) and a copy of the data directory. ``restore`` checks every digest first,
refuses to overwrite a store that holds data unless forced, and verifies the restored
journal's hash chain.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, func, inspect, make_url, pool, select, text
from sqlalchemy.engine import Engine

from communia.config import Settings
from communia.governance import journal
from communia.ops import logical
from communia.ops.model import (
    DATA_DIR,
    LOGICAL_FILE,
    MANIFEST,
    PGDUMP_FILE,
    SKIPPED_IN_DATA,
    SQLITE_FILE,
    BackupInvalid,
    BackupToolMissing,
    Manifest,
    RestoreRefused,
    RestoreReport,
    check_heads,
    pg_major,
    store_file_for,
)
from communia.store import migrate
from communia.store.base import Database, utcnow
from communia.store.tables import JournalEntryRow, JournalHead


def backup(settings: Settings, out: Path, logical_dump: bool = False) -> Manifest:
    """Write a verified backup of the store and data directory into the empty folder ``out``."""
    if out.exists() and any(out.iterdir()):
        raise RestoreRefused(f"{out} is not empty; choose a new folder for the backup.")
    out.mkdir(parents=True, exist_ok=True, mode=0o700)
    os.chmod(out, 0o700)  # the copy holds encrypted data and, maybe, its key
    url = settings.store_url
    engine = create_engine(url, poolclass=pool.NullPool)
    try:
        entries, head_hash, verified = _journal_state(url)
        store_format = _dump_store(engine, url, out, logical_dump)
        heads = _db_heads(engine)
    finally:
        engine.dispose()
    _copy_data(settings.data_dir, out / DATA_DIR)
    manifest = Manifest(
        created_at=utcnow().isoformat(timespec="seconds"), store_format=store_format,
        store_dialect=make_url(url).get_backend_name(), schema_heads=heads,
        journal_entries=entries, journal_head_sha256=head_hash, journal_verified=verified,
        files=_digests(out))
    (out / MANIFEST).write_text(json.dumps(manifest.to_json(), indent=2), encoding="utf-8")
    return manifest


def read_manifest(folder: Path) -> Manifest:
    """The folder's manifest, after checking every listed file's SHA-256."""
    path = folder / MANIFEST
    if not path.is_file():
        raise BackupInvalid(f"{folder} has no {MANIFEST}: it is not a Communia backup folder.")
    try:
        manifest = Manifest.from_json(json.loads(path.read_text(encoding="utf-8")))
    except json.JSONDecodeError as exc:
        raise BackupInvalid(f"{path} is not valid JSON ({exc.msg}).") from None
    for name, expected in manifest.files.items():
        target = folder / name
        if not target.is_file():
            raise BackupInvalid(f"{target} is listed in the manifest but missing.")
        if _sha256(target) != expected:
            raise BackupInvalid(f"{target} does not match its SHA-256 in the manifest: "
                                "the backup was altered or damaged.")
    return manifest


def restore(settings: Settings, folder: Path, force: bool = False) -> RestoreReport:
    """Restore a backup into the configured store and data directory, then verify the journal."""
    manifest = read_manifest(folder)
    url = settings.store_url
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    _refuse_if_in_use(url, settings.data_dir, force)
    check_heads(manifest.schema_heads, _script_heads(), manifest.store_format)
    files = _restore_data(folder / DATA_DIR, settings.data_dir)
    source = folder / store_file_for(manifest.store_format)
    tables, rows = _load_store(manifest.store_format, source, url)
    migrate.upgrade(url)  # an older backup is brought to this version's schema
    db = Database(url)
    try:
        with db.session() as session:
            report = journal.verify(session)
    finally:
        db.dispose()
    return RestoreReport(manifest.store_format, tables, rows, files, report.checked, report.ok,
                         report.problem)


def _dump_store(engine: Engine, url: str, out: Path, logical_dump: bool) -> str:
    if logical_dump:
        logical.dump(engine, out / LOGICAL_FILE)
        return "logical"
    if engine.dialect.name == "sqlite":
        _sqlite_backup(_sqlite_path(url), out / SQLITE_FILE)
        return "sqlite"
    if _pg_dump_usable(engine):
        _run(["pg_dump", "--format=custom", "--no-owner", "--file", str(out / PGDUMP_FILE),
              _libpq_url(url)], "pg_dump", url)
        return "pgdump"
    logical.dump(engine, out / LOGICAL_FILE)
    return "logical"


def _load_store(store_format: str, source: Path, url: str) -> tuple[int, int]:
    dialect = make_url(url).get_backend_name()
    if store_format == "pgdump":
        if dialect != "postgresql":
            raise RestoreRefused("A pg_dump backup restores into PostgreSQL only; take a "
                                 "portable one with 'communia backup --logical'.")
        _run(["pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction",
              "--dbname", _libpq_url(url), str(source)], "pg_restore", url)
        return _count_tables(url)
    if store_format == "sqlite" and dialect == "sqlite":
        _sqlite_backup(source, _sqlite_path(url))
        return _count_tables(url)
    engine = create_engine(url, poolclass=pool.NullPool)
    try:
        if store_format == "sqlite":  # a SQLite backup loaded into PostgreSQL
            return _copy_between(source, engine)
        migrate.upgrade(url)
        return logical.load(engine, source)
    finally:
        engine.dispose()


def _copy_between(sqlite_file: Path, engine: Engine) -> tuple[int, int]:
    tmp = sqlite_file.with_suffix(".jsonl.gz")
    source = create_engine(f"sqlite:///{sqlite_file}", poolclass=pool.NullPool)
    try:
        logical.dump(source, tmp)
    finally:
        source.dispose()
    migrate.upgrade(str(engine.url.render_as_string(hide_password=False)))
    try:
        return logical.load(engine, tmp)
    finally:
        tmp.unlink(missing_ok=True)


def _journal_state(url: str) -> tuple[int, str, bool]:
    db = Database(url)
    try:
        with db.session() as session:
            head = session.get(JournalHead, 1)
            report = journal.verify(session)
            count = session.scalar(select(func.count()).select_from(JournalEntryRow)) or 0
    finally:
        db.dispose()
    return int(count), head.entry_hash if head else "", report.ok


def _refuse_if_in_use(url: str, data_dir: Path, force: bool) -> None:
    if force:
        return
    engine = create_engine(url, poolclass=pool.NullPool)
    try:
        if inspect(engine).has_table("journal_entries"):
            with engine.connect() as conn:
                used = conn.execute(text("SELECT COUNT(*) FROM journal_entries")).scalar()
            if used:
                raise RestoreRefused(
                    f"The target store already holds {used} journal entries. Stop Communia "
                    "and restore with --force to replace everything it holds.")
    finally:
        engine.dispose()
    present = [p.name for p in data_dir.iterdir()] if data_dir.is_dir() else []
    if any(name not in SKIPPED_IN_DATA for name in present):
        raise RestoreRefused(f"The data directory {data_dir} is not empty; restore with "
                             "--force to replace its files.")


def _sqlite_backup(source: Path, target: Path) -> None:
    """Copy a SQLite database page by page with SQLite's online backup API."""
    target.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("-wal", "-shm"):
        Path(str(target) + suffix).unlink(missing_ok=True)
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()


def _copy_data(data_dir: Path, target: Path) -> None:
    target.mkdir(parents=True, exist_ok=True)
    if not data_dir.is_dir():
        return
    for item in sorted(data_dir.iterdir()):
        if item.name in SKIPPED_IN_DATA:
            continue
        if item.is_dir():
            shutil.copytree(item, target / item.name, symlinks=False)
        elif item.is_file():
            shutil.copy2(item, target / item.name)


def _restore_data(source: Path, data_dir: Path) -> int:
    data_dir.mkdir(parents=True, exist_ok=True)
    count = 0
    for item in sorted(source.rglob("*")):
        if item.is_file():
            dest = data_dir / item.relative_to(source)
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(item, dest)
            count += 1
    return count


def _digests(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): _sha256(p)
            for p in sorted(folder.rglob("*")) if p.is_file() and p.name != MANIFEST}


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _db_heads(engine: Engine) -> list[str]:
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return []
        return sorted(str(r[0]) for r in conn.execute(text("SELECT version_num FROM "
                                                           "alembic_version")))


def _script_heads() -> list[str]:
    script = ScriptDirectory.from_config(migrate.alembic_config("sqlite://"))
    return sorted(script.get_heads())


def _count_tables(url: str) -> tuple[int, int]:
    engine = create_engine(url, poolclass=pool.NullPool)
    try:
        names = inspect(engine).get_table_names()
        with engine.connect() as conn:
            rows = sum(int(conn.execute(text(f'SELECT COUNT(*) FROM "{n}"')).scalar() or 0)
                       for n in names)
        return len(names), rows
    finally:
        engine.dispose()


def _pg_dump_usable(engine: Engine) -> bool:
    """pg_dump exists and is at least as new as the server (else it refuses to dump)."""
    if shutil.which("pg_dump") is None:
        return False
    try:
        tool = subprocess.run(["pg_dump", "--version"], capture_output=True, text=True,
                              check=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        return False
    with engine.connect() as conn:
        server = str(conn.execute(text("SHOW server_version")).scalar())
    return pg_major(tool) >= pg_major(server) > 0


def _run(argv: list[str], tool: str, url: str) -> None:
    """Run a PostgreSQL client tool; the password goes through PGPASSWORD, never argv."""
    env = dict(os.environ)
    password = make_url(url).password
    if password:
        env["PGPASSWORD"] = str(password)
    try:
        done = subprocess.run(argv, capture_output=True, text=True, timeout=3600, env=env)
    except OSError:
        raise BackupToolMissing(f"{tool} is not installed; install the PostgreSQL client "
                                "tools or use --logical.") from None
    if done.returncode != 0:
        first = (done.stderr or "").strip().splitlines()[:1]
        raise BackupToolMissing(f"{tool} failed: {first[0] if first else 'no message'}")


def _libpq_url(url: str) -> str:
    """The SQLAlchemy URL as libpq understands it (no ``+driver``, no password)."""
    return make_url(url).set(drivername="postgresql", password=None).render_as_string(
        hide_password=False)


def _sqlite_path(url: str) -> Path:
    database = make_url(url).database
    if not database:
        raise RestoreRefused("An in-memory SQLite store cannot be backed up or restored.")
    return Path(database)
