"""The tamper-evident journal: an append-only, hash-chained list of typed events.

Each entry's hash covers its content and the previous entry's hash; a head row
keeps the latest sequence number and hash so that a truncated tail is detected.
``verify`` names the first entry that breaks the chain.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from communia.governance.events import Event
from communia.store.base import utcnow
from communia.store.tables import JournalEntryRow, JournalHead

GENESIS = "0" * 64
_append_lock = threading.Lock()


@dataclass(frozen=True)
class VerifyReport:
    """The outcome of a verification: ``ok``, entries checked, and the first problem."""

    ok: bool
    checked: int
    first_bad_seq: int | None = None
    problem: str = ""


def entry_hash(
    prev_hash: str, seq: int, at: str, kind: str, actor: str, use_case: str, payload: Any
) -> str:
    """SHA-256 over the previous hash and a canonical JSON of the entry."""
    body = json.dumps(
        [seq, at, kind, actor, use_case, payload],
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256((prev_hash + body).encode("utf-8")).hexdigest()


def record(session: Session, event: Event) -> JournalEntryRow:
    """Append ``event`` to the journal inside the caller's unit of work."""
    with _append_lock:
        _lock_chain(session)
        head = session.get(JournalHead, 1, with_for_update=True)
        prev_seq, prev_hash = (head.seq, head.entry_hash) if head else (0, GENESIS)
        seq = prev_seq + 1
        at = utcnow().isoformat()
        payload = json.loads(json.dumps(event.payload(), default=str))
        digest = entry_hash(prev_hash, seq, at, event.kind, event.actor, event.use_case, payload)
        row = JournalEntryRow(
            seq=seq,
            at=at,
            kind=event.kind,
            actor=event.actor,
            use_case=event.use_case,
            payload=payload,
            prev_hash=prev_hash,
            entry_hash=digest,
        )
        session.add(row)
        if head is None:
            session.add(JournalHead(id=1, seq=seq, entry_hash=digest))
        else:
            head.seq, head.entry_hash = seq, digest
        session.flush()
        return row


def _lock_chain(session: Session) -> None:
    """Serialise appends until the appending transaction ends, across threads and
    processes: an advisory lock on PostgreSQL; on SQLite, the database's write lock,
    taken by a no-op update before the head is read. Without it, a thread could read
    the head while another thread's append was flushed but not yet committed, and
    reuse its sequence number."""
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(724300001)"))
    elif dialect == "sqlite":
        session.execute(text("UPDATE journal_head SET seq = seq WHERE id = 1"))


def iter_entries(session: Session, batch: int = 1000) -> Iterator[JournalEntryRow]:
    """All entries in sequence order, read in bounded batches."""
    last = 0
    while True:
        rows = session.scalars(
            select(JournalEntryRow)
            .where(JournalEntryRow.seq > last)
            .order_by(JournalEntryRow.seq)
            .limit(batch)
        ).all()
        if not rows:
            return
        yield from rows
        last = rows[-1].seq


def verify(session: Session) -> VerifyReport:
    """Check the whole chain; report the first edited, missing, inserted or moved entry."""
    expected_seq, prev_hash, checked = 1, GENESIS, 0
    for row in iter_entries(session):
        problem = _check_row(row, expected_seq, prev_hash)
        if problem:
            return VerifyReport(False, checked, min(row.seq, expected_seq), problem)
        prev_hash = row.entry_hash
        expected_seq += 1
        checked += 1
    return _check_head(session, checked, prev_hash)


def _check_row(row: JournalEntryRow, expected_seq: int, prev_hash: str) -> str:
    if row.seq != expected_seq:
        return f"entry {expected_seq} is missing (found {row.seq} next): deleted or reordered"
    if row.prev_hash != prev_hash:
        return f"entry {row.seq} does not follow entry {row.seq - 1}: inserted or reordered"
    digest = entry_hash(
        row.prev_hash, row.seq, row.at, row.kind, row.actor, row.use_case, row.payload
    )
    if digest != row.entry_hash:
        return f"entry {row.seq} was modified after it was written"
    return ""


def _check_head(session: Session, checked: int, last_hash: str) -> VerifyReport:
    head = session.get(JournalHead, 1)
    if head is None:
        if checked:
            return VerifyReport(False, checked, 1, "the journal head record is missing")
        return VerifyReport(True, 0)
    if head.seq != checked or head.entry_hash != last_hash:
        return VerifyReport(
            False,
            checked,
            checked + 1,
            f"the journal ends at entry {checked} but its head says {head.seq}: "
            "entries were removed from the end",
        )
    return VerifyReport(True, checked)
