"""The governed gateway: register, decision guard, egress, quotes, journal, drafts."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from sqlalchemy import select

from communia.accounts import service as accounts
from communia.ai.backends import EchoBackend, NoneBackend, OpenAICompatibleBackend
from communia.ai.gateway import DecisionRefused, InputTooLong, Task
from communia.bootstrap import Runtime
from communia.governance import journal, register, review
from communia.governance.register import UseCaseNotApproved
from communia.store.tables import JournalEntryRow
from tests.recording_server import RecordingServer

IDENTIFIERS = {
    "name": "Jean-Baptiste Lefèvre",
    "email": "jb.lefevre@orange.fr",
    "phone": "06 12 34 56 78",
    "nir": "1 84 12 76 451 089 46",
    "iban": "FR76 3000 6000 0112 3456 7890 189",
    "address": "12 rue des Lilas, 35000 Rennes",
}

LETTER = (
    f"Objet : demande de place en crèche\n\nMadame, Monsieur,\nJe suis {IDENTIFIERS['name']}, "
    f"domicilié au {IDENTIFIERS['address']}. Vous pouvez me joindre au {IDENTIFIERS['phone']} "
    f"ou par courriel à {IDENTIFIERS['email']}. Mon numéro de sécurité sociale est "
    f"{IDENTIFIERS['nir']} et mon IBAN {IDENTIFIERS['iban']}.\nCordialement,\n"
    f"{IDENTIFIERS['name']}"
)


def task(prompt: str = "Résume ce courrier en deux phrases.", **kw: object) -> Task:
    values: dict[str, object] = {"use_case": "drafting", "actor": "agent-1",
                                 "template": "summary/v1", "system": "Tu es un assistant.",
                                 "prompt": prompt}
    values.update(kw)
    return Task(**values)  # type: ignore[arg-type]


def kinds(rt: Runtime) -> list[str]:
    with rt.db.session() as session:
        return list(session.scalars(select(JournalEntryRow.kind).order_by(JournalEntryRow.seq)))


def test_call_for_an_unapproved_use_case_is_refused_and_journaled(
    make_runtime: Callable[..., Runtime],
) -> None:
    rt = make_runtime(backend=EchoBackend(), approved=False)
    with pytest.raises(UseCaseNotApproved):
        rt.gateway.run(task())
    assert kinds(rt)[-1] == "model.refused"


def test_a_suspended_use_case_is_refused(make_runtime: Callable[..., Runtime]) -> None:
    rt = make_runtime(backend=EchoBackend())
    with rt.db.session() as session:
        register.set_status(session, "drafting", "suspended", "dpo")
    with pytest.raises(UseCaseNotApproved):
        rt.gateway.run(task())


def test_a_decision_request_is_refused_with_an_explanation(
    make_runtime: Callable[..., Runtime],
) -> None:
    rt = make_runtime(backend=EchoBackend())
    with pytest.raises(DecisionRefused) as refused:
        rt.gateway.run(task(request="Décide quelle sanction infliger à l'agent Martin."))
    assert refused.value.verdict.category == "sanction"
    assert refused.value.verdict.explanation
    assert kinds(rt)[-1] == "model.refused"


def test_untrusted_echo_backend_receives_no_identifier_and_reader_gets_them_back(
    make_runtime: Callable[..., Runtime],
) -> None:
    rt = make_runtime(backend=EchoBackend(trusted_for_personal_data=False))
    result = rt.gateway.run(task(prompt=LETTER))
    # the echo returned what the model saw, restored for the human reader
    assert IDENTIFIERS["email"] in result.text
    assert result.provenance["pseudonymised"] is True


def test_no_identifier_reaches_an_untrusted_server_over_http(
    make_runtime: Callable[..., Runtime],
) -> None:
    with RecordingServer() as server:
        backend = OpenAICompatibleBackend(server.url, "cloud-model",
                                          trusted_for_personal_data=False)
        rt = make_runtime(backend=backend)
        texts = [LETTER, LETTER.replace("Rennes", "Lyon"),
                 "Signalement : M. Karim Benali (karim.benali@gmail.com, +33 7 81 22 33 44) "
                 "a appelé au sujet du dossier."]
        for text in texts:
            result = rt.gateway.run(task(prompt=text, schema={"type": "object"}))
            assert json.loads(result.text)["text"]
    received = server.received
    assert received, "the server got no call"
    for value in [*IDENTIFIERS.values(), "Karim Benali", "karim.benali@gmail.com",
                  "+33 7 81 22 33 44"]:
        assert value not in received, f"{value!r} reached the untrusted server"
        assert value.replace(" ", "") not in received.replace(" ", "")


def test_trusted_backend_gets_the_text_unchanged(make_runtime: Callable[..., Runtime]) -> None:
    with RecordingServer() as server:
        backend = OpenAICompatibleBackend(server.url, "local", trusted_for_personal_data=True)
        rt = make_runtime(backend=backend)
        rt.gateway.run(task(prompt=LETTER))
    assert IDENTIFIERS["email"] in server.received


def test_quotes_not_in_the_source_are_dropped_and_flagged(
    make_runtime: Callable[..., Runtime],
) -> None:
    class Quoting(EchoBackend):
        def complete(self, messages, schema, max_tokens):  # type: ignore[no-untyped-def]
            from communia.ai.backends import Completion

            data = {"evidence": ["titulaire du BAFA", "dix ans d'expérience"]}
            return Completion(json.dumps(data, ensure_ascii=False), "q")

    rt = make_runtime(backend=Quoting(trusted_for_personal_data=True))
    result = rt.gateway.run(task(schema={"type": "object"},
                                 sources=("Je suis titulaire du BAFA depuis 2019.",)))
    assert result.data == {"evidence": ["titulaire du BAFA"]}
    assert result.dropped_quotes == ["dix ans d'expérience"]


def test_every_answer_is_a_draft_with_provenance_and_a_journal_entry(
    make_runtime: Callable[..., Runtime],
) -> None:
    rt = make_runtime(backend=EchoBackend(trusted_for_personal_data=True))
    result = rt.gateway.run(task(title="Résumé"))
    with rt.db.session() as session:
        draft = review.get_draft(session, result.draft_id)
        entry = session.scalars(select(JournalEntryRow).order_by(JournalEntryRow.seq.desc())
                                ).first()
        assert journal.verify(session).ok
    assert draft.status == "draft"
    assert set(result.provenance) >= {"use_case", "user", "backend", "model", "template", "time"}
    assert entry is not None and entry.kind == "model.called"
    assert entry.payload["draft_id"] == result.draft_id
    assert "Résume" not in json.dumps(entry.payload, ensure_ascii=False)


def test_too_long_input_is_refused_with_the_limit(make_runtime: Callable[..., Runtime]) -> None:
    rt = make_runtime(backend=EchoBackend(), max_input_chars=2000,
                      drafting_max_facts_chars=1000, drafting_max_source_chars=1000)
    with pytest.raises(InputTooLong) as err:
        rt.gateway.run(task(prompt="x" * 5000))
    assert "2,000" in str(err.value)


def test_backend_none_says_no_model_is_configured(make_runtime: Callable[..., Runtime]) -> None:
    from communia.ai.backends import BackendUnavailable

    rt = make_runtime(backend=NoneBackend())
    assert not rt.gateway.generative
    with pytest.raises(BackendUnavailable):
        rt.gateway.run(task())
    assert kinds(rt)[-1] == "model.failed"


def test_a_model_answer_that_states_a_decision_is_blocked(
    make_runtime: Callable[..., Runtime],
) -> None:
    class Deciding(EchoBackend):
        def complete(self, messages, schema, max_tokens):  # type: ignore[no-untyped-def]
            from communia.ai.backends import Completion

            return Completion("Après analyse, nous recommandons de ne pas retenir la "
                              "candidature de M. Martin.", "d")

    rt = make_runtime(backend=Deciding(trusted_for_personal_data=True))
    with pytest.raises(DecisionRefused):
        rt.gateway.run(task(prompt="Résume la candidature de M. Martin."))
    with rt.db.session() as session:
        assert review.pending(session) == []
    assert kinds(rt)[-1] == "model.refused"


def test_material_for_a_document_is_kept_for_audit_but_never_queued_nor_final(
    make_runtime: Callable[..., Runtime],
) -> None:
    rt = make_runtime(backend=EchoBackend(trusted_for_personal_data=True))
    material = rt.gateway.run(task(title="Prose of a letter", material=True))
    standalone = rt.gateway.run(task(title="A summary"))
    rt_user = "relecteur"
    with rt.db.session() as session:
        accounts.add_user(session, rt_user, "Relecteur", "agent", "a-long-password-1")
    with rt.db.session() as session:
        queued = [d.id for d in review.pending(session)]
        assert standalone.draft_id in queued and material.draft_id not in queued
        assert review.current_content(session, rt.vault, material.draft_id)  # kept for audit
        with pytest.raises(review.DraftClosed):
            review.approve(session, rt.vault, material.draft_id, rt_user)
        with pytest.raises(review.NotApproved):
            review.final_content(session, rt.vault, material.draft_id)
