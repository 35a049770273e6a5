"""Subject access, erasure and purge on SQLite and PostgreSQL: nothing of the person remains."""

from __future__ import annotations

import json
import uuid
from datetime import timedelta

from sqlalchemy import select, text

from communia.accounts import service as accounts
from communia.bootstrap import Runtime
from communia.governance import journal, review
from communia.governance.console import rights
from communia.store.base import Base, utcnow
from communia.store.tables import DraftRow, PseudonymIndexRow, PseudonymMapRow
from tests.support import PASSWORD

PERSON = "Marie-Claire Fontaine"


def _seed_person(runtime: Runtime, name: str) -> None:
    vault = runtime.vault
    with runtime.db.session() as session:
        accounts.add_user(session, "dpo-" + uuid.uuid4().hex[:4], "DPO", "dpo", PASSWORD)
        review.create_draft(session, vault, use_case="recruitment", kind="summary",
                            title="Summary", content=f"Candidate {name} has 5 years as a nurse.",
                            requested_by="rh", provenance={})
        review.create_draft(session, vault, use_case="drafting", kind="letter",
                            title="Unrelated", content="Letter about the village hall.",
                            requested_by="agent", provenance={})
        map_id = str(uuid.uuid4())
        mapping = {"<PERSON_1>": name, "<EMAIL_1>": "mc.fontaine@example.org"}
        session.add(PseudonymMapRow(id=map_id, use_case="recruitment", scope="batch-1",
                                    sealed=vault.encrypt(json.dumps(mapping))))
        session.flush()
        for value in mapping.values():
            session.add(PseudonymIndexRow(map_id=map_id, value_hash=vault.lookup_hash(value)))
    exports = runtime.settings.data_dir / "exports"
    exports.mkdir(parents=True, exist_ok=True)
    (exports / "note.txt").write_text(f"Entretien avec {name.upper()}", encoding="utf-8")
    (exports / "other.txt").write_text("Nothing personal", encoding="utf-8")


def _dpo(runtime: Runtime) -> str:
    with runtime.db.session() as session:
        return next(a.username for a in accounts.list_users(session) if a.role == "dpo")


def _everything_as_text(runtime: Runtime) -> str:
    """Every row of every table, as text (encrypted blobs decrypted where they are ours)."""
    parts = []
    with runtime.db.session() as session:
        for table in Base.metadata.sorted_tables:
            if runtime.db.engine.dialect.has_table(session.connection(), table.name):
                parts.extend(str(tuple(r)) for r in session.execute(select(table)))
        for blob in session.scalars(text("SELECT content FROM draft_versions")):
            parts.append(runtime.vault.decrypt(blob))
    return "\n".join(parts).lower()


def test_subject_access_finds_the_person_everywhere(store_runtime: Runtime) -> None:
    _seed_person(store_runtime, PERSON)
    report = rights.subject_access(store_runtime.db, store_runtime.vault,
                                   store_runtime.settings.data_dir, "marie-claire FONTAINE",
                                   _dpo(store_runtime))
    counts = report.counts()
    assert counts["drafts"] == 1 and counts["pseudonym_maps"] == 1 and counts["files"] == 1
    assert report.found["pseudonym_maps"][0]["values"] == {"<PERSON_1>": PERSON}
    assert PERSON in report.found["drafts"][0]["versions"][0]["content"]
    assert report.files == ["exports/note.txt"]


def test_erasure_leaves_no_trace_in_the_store_or_the_data_directory(
        store_runtime: Runtime) -> None:
    _seed_person(store_runtime, PERSON)
    data_dir = store_runtime.settings.data_dir
    report = rights.erase(store_runtime.db, store_runtime.vault, data_dir, PERSON,
                          _dpo(store_runtime))
    assert report.deleted["drafts"] == 1 and report.deleted["pseudonym_maps"] == 1
    assert report.deleted["files"] == 1
    assert "fontaine" not in _everything_as_text(store_runtime)
    for path in data_dir.rglob("*"):
        if path.is_file():
            assert b"fontaine" not in path.read_bytes().lower(), path
    with store_runtime.db.session() as session:
        assert journal.verify(session).ok
        assert session.scalar(select(DraftRow.title).where(DraftRow.title == "Unrelated"))
    again = rights.subject_access(store_runtime.db, store_runtime.vault, data_dir, PERSON,
                                  _dpo(store_runtime))
    assert sum(again.counts().values()) == 0


def test_only_the_dpo_or_an_administrator_answers_rights_requests(runtime: Runtime) -> None:
    import pytest

    from communia.errors import Refused

    with runtime.db.session() as session:
        accounts.add_user(session, "clerk", "Clerk", "agent", PASSWORD)
    with pytest.raises(Refused):
        rights.erase(runtime.db, runtime.vault, runtime.settings.data_dir, PERSON, "clerk")
    with pytest.raises(Refused):
        rights.subject_access(runtime.db, runtime.vault, runtime.settings.data_dir, PERSON, "ai")


def test_purge_deletes_only_what_is_past_retention(runtime: Runtime) -> None:
    with runtime.db.session() as session:
        old = review.create_draft(session, runtime.vault, use_case="drafting", kind="letter",
                                  title="Old", content="old", requested_by="agent",
                                  provenance={})
        old.created_at = utcnow() - timedelta(days=400)
        review.create_draft(session, runtime.vault, use_case="drafting", kind="letter",
                            title="Recent", content="new", requested_by="agent", provenance={})
    dry = rights.purge(runtime.db, "cli", dry_run=True)
    assert dry.counts["drafting"]["drafts"] == 1
    with runtime.db.session() as session:
        assert len(session.scalars(select(DraftRow)).all()) == 2
    done = rights.purge(runtime.db, "cli")
    assert done.total == 1
    with runtime.db.session() as session:
        assert [d.title for d in session.scalars(select(DraftRow))] == ["Recent"]
        assert rights.last_purge(session)
