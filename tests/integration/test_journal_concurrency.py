"""Appends from many threads at once keep one unbroken chain (SQLite and PostgreSQL).

The web app and the in-process job runner write from several threads: two drafts
approved at the same moment, two screenings of one campaign. An append that read the
journal head before another thread's append was committed would reuse its number.
"""

from __future__ import annotations

import threading
import time

from sqlalchemy import func, select

from communia.bootstrap import Runtime
from communia.governance import journal
from communia.governance.events import ActionRecorded
from communia.store.tables import JournalEntryRow

THREADS = 6
APPENDS = 8


def test_concurrent_appends_keep_one_chain(store_runtime: Runtime) -> None:
    errors: list[BaseException] = []

    def append(worker: int) -> None:
        try:
            for n in range(APPENDS):
                with store_runtime.db.session() as session:
                    journal.record(session, ActionRecorded(
                        actor=f"worker-{worker}", use_case="drafting", action="test.append",
                        detail={"n": n}))
                    time.sleep(0.005)  # the rest of the unit of work, before its commit
        except BaseException as exc:  # reported by the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=append, args=(w,)) for w in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert errors == []
    with store_runtime.db.session() as session:
        appended = session.scalar(select(func.count()).select_from(JournalEntryRow).where(
            JournalEntryRow.kind == "action")) or 0
        assert appended == THREADS * APPENDS
        assert journal.verify(session).ok
