"""The store on SQLite and PostgreSQL: migrations, journal, review, accounts."""

from __future__ import annotations

import pytest
from sqlalchemy import inspect

from communia.accounts import service as accounts
from communia.bootstrap import Runtime
from communia.governance import journal, register, review
from communia.governance.events import ActionRecorded
from communia.store import migrate


def test_migrations_create_every_table_of_the_metadata(store_runtime: Runtime) -> None:
    import communia.store.all_tables  # noqa: F401
    from communia.store.base import Base

    tables = set(inspect(store_runtime.db.engine).get_table_names())
    assert set(Base.metadata.tables) <= tables


def test_journal_chain_verifies_after_many_appends(store_runtime: Runtime) -> None:
    with store_runtime.db.session() as session:
        for i in range(25):
            journal.record(session, ActionRecorded(actor="alice", use_case="drafting",
                                                   action="test", detail={"i": i}))
    with store_runtime.db.session() as session:
        report = journal.verify(session)
    assert report.ok, report.problem
    assert report.checked >= 25


def test_draft_is_final_only_after_a_named_approval(store_runtime: Runtime) -> None:
    rt = store_runtime
    with rt.db.session() as session:
        accounts.add_user(session, "claire", "Claire", "agent", "a long password")
        draft = review.create_draft(session, rt.vault, use_case="drafting", kind="letter",
                                    title="Courrier", content="Madame, ...",
                                    requested_by="claire", provenance={"backend": "none"})
    with rt.db.session() as session, pytest.raises(review.NotApproved):
        review.final_content(session, rt.vault, draft.id)
    with rt.db.session() as session:
        review.edit(session, rt.vault, draft.id, "claire", "Madame, bonjour.", "tone")
        review.approve(session, rt.vault, draft.id, "claire")
    with rt.db.session() as session:
        content, approver = review.final_content(session, rt.vault, draft.id)
        history = review.versions(session, rt.vault, draft.id)
    assert (content, approver) == ("Madame, bonjour.", "claire")
    assert [v.action for v in history] == ["generated", "edited", "approved"]
    assert history[0].content == "Madame, ..."


def test_a_second_approval_and_an_empty_edit_are_refused_not_recorded(
        store_runtime: Runtime) -> None:
    rt = store_runtime
    with rt.db.session() as session:
        accounts.add_user(session, "yann", "Yann", "agent", "a long password")
        draft = review.create_draft(session, rt.vault, use_case="drafting", kind="letter",
                                    title="Courrier", content="Madame, ...",
                                    requested_by="yann", provenance={})
    with rt.db.session() as session, pytest.raises(review.InvalidInput, match="empty"):
        review.edit(session, rt.vault, draft.id, "yann", "  \n ")
    with rt.db.session() as session:
        review.approve(session, rt.vault, draft.id, "yann")
    with rt.db.session() as session, pytest.raises(review.DraftClosed, match="already approved"):
        review.approve(session, rt.vault, draft.id, "yann")
    with rt.db.session() as session:
        assert [v.action for v in review.versions(session, rt.vault, draft.id)] == [
            "generated", "approved"]


def test_personal_content_of_drafts_is_encrypted_at_rest(store_runtime: Runtime) -> None:
    from sqlalchemy import select

    from communia.store.tables import DraftVersionRow

    rt = store_runtime
    with rt.db.session() as session:
        review.create_draft(session, rt.vault, use_case="drafting", kind="letter", title="t",
                            content="Jean Dupont, 12 rue des Lilas", requested_by="x",
                            provenance={})
    with rt.db.session() as session:
        blobs = session.scalars(select(DraftVersionRow.content)).all()
    assert blobs and all(b"Dupont" not in blob for blob in blobs)


def test_high_risk_use_case_cannot_be_approved_without_fria_and_opinion(
    store_runtime: Runtime,
) -> None:
    with store_runtime.db.session() as session:
        row = register.get(session, "recruitment")
        register.set_status(session, "recruitment", "suspended", "dpo")
        row.fria_status = "in_progress"
    with store_runtime.db.session() as session, pytest.raises(register.ApprovalRefused) as err:
        register.set_status(session, "recruitment", "approved", "dpo")
    assert "FRIA" in str(err.value)


def test_migrations_go_down_and_up_again(store_runtime: Runtime) -> None:
    url = store_runtime.settings.store_url
    store_runtime.db.dispose()
    migrate.downgrade_all(url)
    assert "journal_entries" not in inspect(store_runtime.db.engine).get_table_names()
    migrate.upgrade(url)
    assert "journal_entries" in inspect(store_runtime.db.engine).get_table_names()
