"""Every kind of tampering with the journal is detected and named."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import delete, select, update

from communia.bootstrap import Runtime
from communia.governance import journal
from communia.governance.events import ActionRecorded
from communia.store.tables import JournalEntryRow, JournalHead


def _fill(rt: Runtime, n: int = 6) -> None:
    with rt.db.session() as session:
        for i in range(n):
            journal.record(session, ActionRecorded(actor=f"user{i}", use_case="drafting",
                                                   action="act", detail={"i": i}))


def _base(rt: Runtime) -> int:
    with rt.db.session() as session:
        return int(session.scalar(select(JournalHead.seq)) or 0) - 6


def edit(rt: Runtime, base: int) -> int:
    with rt.db.session() as session:
        session.execute(update(JournalEntryRow).where(JournalEntryRow.seq == base + 3)
                        .values(actor="mallory"))
    return base + 3


def delete_middle(rt: Runtime, base: int) -> int:
    with rt.db.session() as session:
        session.execute(delete(JournalEntryRow).where(JournalEntryRow.seq == base + 2))
    return base + 2


def truncate_tail(rt: Runtime, base: int) -> int:
    with rt.db.session() as session:
        session.execute(delete(JournalEntryRow).where(JournalEntryRow.seq >= base + 5))
    return base + 5


def reorder(rt: Runtime, base: int) -> int:
    with rt.db.session() as session:
        a = session.get(JournalEntryRow, base + 2)
        b = session.get(JournalEntryRow, base + 3)
        assert a and b
        fields = ("at", "kind", "actor", "use_case", "payload", "prev_hash", "entry_hash")
        values_a = {f: getattr(a, f) for f in fields}
        for f in fields:
            setattr(a, f, getattr(b, f))
            setattr(b, f, values_a[f])
    return base + 2


def insert_forged(rt: Runtime, base: int) -> int:
    with rt.db.session() as session:
        rows = session.scalars(select(JournalEntryRow).where(JournalEntryRow.seq > base + 3)
                               .order_by(JournalEntryRow.seq.desc())).all()
        for row in rows:  # shift later entries to make room
            row.seq += 1
            session.flush()
        prev = session.get(JournalEntryRow, base + 3)
        assert prev
        payload = {"action": "forged", "detail": {}}
        session.add(JournalEntryRow(
            seq=base + 4, at=prev.at, kind="action", actor="mallory", use_case="drafting",
            payload=payload, prev_hash=prev.entry_hash,
            entry_hash=journal.entry_hash(prev.entry_hash, base + 4, prev.at, "action",
                                          "mallory", "drafting", payload)))
        head = session.get(JournalHead, 1)
        assert head
        head.seq += 1
    return base + 5


@pytest.mark.parametrize("tamper", [edit, delete_middle, truncate_tail, reorder, insert_forged])
def test_tampering_is_detected_at_the_first_bad_entry(
    store_runtime: Runtime, tamper: Callable[[Runtime, int], int]
) -> None:
    _fill(store_runtime)
    base = _base(store_runtime)
    with store_runtime.db.session() as session:
        assert journal.verify(session).ok
    first_bad = tamper(store_runtime, base)
    with store_runtime.db.session() as session:
        report = journal.verify(session)
    assert not report.ok
    assert report.first_bad_seq == first_bad, report.problem
