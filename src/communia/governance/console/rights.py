"""Data-subject rights and retention: subject access export, erasure, scheduled purge.

Everything held about a person is found through the keyed-hash pseudonym index, the
accounts, the drafts (decrypted and searched) and the sources capabilities register.
The journal keeps only a keyed hash of the person and counts, never the name.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from communia.errors import InvalidInput, Refused
from communia.governance import journal, register, review
from communia.governance.console.subjects import Subject, all_sources, subject_for
from communia.governance.events import ActionRecorded
from communia.governance.vault import Vault, normalise_value
from communia.store.base import Database, utcnow
from communia.store.tables import JournalEntryRow

RIGHTS_ROLES = ("dpo", "admin")
SKIPPED_FILES = ("communia.db", "communia.db-wal", "communia.db-shm", "secrets.toml",
                 "oidc.toml")
SKIPPED_DIRS = ("models",)
SCAN_LIMIT = 50 * 1024 * 1024


@dataclass
class SubjectReport:
    """What was found (or deleted) about a person, per source, plus data-directory files."""

    subject_ref: str
    found: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)
    deleted: dict[str, int] = field(default_factory=dict)

    def counts(self) -> dict[str, int]:
        counts = {name: len(items) for name, items in self.found.items()}
        counts["files"] = len(self.files)
        return counts

    def as_dict(self) -> dict[str, Any]:
        return {"subject_ref": self.subject_ref, "generated_at": utcnow().isoformat(),
                "found": self.found, "files": self.files, "deleted": self.deleted,
                "counts": self.counts()}


def _check_query(query: str) -> str:
    query = query.strip()
    if len(normalise_value(query)) < 3:
        raise InvalidInput("Give the person's full name or email (at least 3 characters).")
    return query


def _require_rights_holder(session: Session, actor: str) -> None:
    user = review.require_named_user(session, actor)
    if user.role not in RIGHTS_ROLES:
        raise Refused(f"'{actor}' is not the DPO or an administrator; only they answer "
                      "access and erasure requests.")


def _find(session: Session, vault: Vault, subject: Subject, data_dir: Path) -> SubjectReport:
    report = SubjectReport(subject.value_hash[:16])
    for source in all_sources():
        report.found[source.name] = source.find(session, vault, subject)
    report.files = scan_files(data_dir, subject)
    return report


def subject_access(db: Database, vault: Vault, data_dir: Path, query: str,
                   actor: str) -> SubjectReport:
    """Everything held about a person, for the DPO to send them; journaled with a hash."""
    subject = subject_for(vault, _check_query(query))
    with db.session() as session:
        _require_rights_holder(session, actor)
        report = _find(session, vault, subject, data_dir)
        journal.record(session, ActionRecorded(actor=actor, use_case="-",
                                               action="rights.subject_access",
                                               detail={"subject_ref": report.subject_ref,
                                                       "counts": report.counts()}))
    return report


def erase(db: Database, vault: Vault, data_dir: Path, query: str, actor: str) -> SubjectReport:
    """Delete everything held about a person; report what was found and deleted."""
    subject = subject_for(vault, _check_query(query))
    with db.session() as session:
        _require_rights_holder(session, actor)
        report = _find(session, vault, subject, data_dir)
        for source in all_sources():
            report.deleted[source.name] = source.erase(session, vault, subject)
        for name in report.files:
            (data_dir / name).unlink(missing_ok=True)
        report.deleted["files"] = len(report.files)
        journal.record(session, ActionRecorded(actor=actor, use_case="-", action="rights.erasure",
                                               detail={"subject_ref": report.subject_ref,
                                                       "deleted": report.deleted}))
    compact_store(db)
    return report


def scan_files(data_dir: Path, subject: Subject) -> list[str]:
    """Files of the data directory (not the store, keys or models) that name the person."""
    found: list[str] = []
    if not data_dir.is_dir():
        return found
    for path in sorted(data_dir.rglob("*")):
        rel = path.relative_to(data_dir)
        if not path.is_file() or rel.parts[0] in SKIPPED_DIRS or rel.name in SKIPPED_FILES:
            continue
        if path.stat().st_size > SCAN_LIMIT:
            continue
        if subject.appears_in(path.read_bytes().decode("utf-8", errors="ignore")):
            found.append(str(rel))
    return found


def compact_store(db: Database) -> None:
    """Rewrite a SQLite store so deleted rows leave no bytes behind (PostgreSQL: VACUUM)."""
    if db.is_sqlite:
        with db.engine.connect() as conn:
            conn.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("VACUUM"))
            conn.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))


@dataclass
class PurgeReport:
    """Rows past their use case's retention, per use case and source; deleted unless a dry run."""

    dry_run: bool
    at: str
    counts: dict[str, dict[str, int]] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(sum(c.values()) for c in self.counts.values())


def purge(db: Database, actor: str, dry_run: bool = False, now: datetime | None = None
          ) -> PurgeReport:
    """Delete what is older than each use case's retention (a dry run only counts)."""
    now = now or utcnow()
    report = PurgeReport(dry_run, now.isoformat())
    with db.session() as session:
        for case in register.list_all(session):
            cutoff = now - timedelta(days=case.retention_days)
            counts = {s.name: s.purge(session, case.id, cutoff)
                      for s in all_sources() if s.purge is not None}
            report.counts[case.id] = counts
        if dry_run:
            session.rollback()
            return report
        journal.record(session, ActionRecorded(actor=actor, use_case="-", action="rights.purge",
                                               detail={"counts": report.counts}))
    if report.total:
        compact_store(db)
    return report


def last_purge(session: Session, window: int = 5000) -> str:
    """When the last purge ran (ISO time) among recent actions, or "" when none did."""
    rows = session.scalars(select(JournalEntryRow).where(JournalEntryRow.kind == "action")
                           .order_by(JournalEntryRow.seq.desc()).limit(window))
    for row in rows:
        if row.payload.get("action") == "rights.purge":
            return row.at
    return ""
