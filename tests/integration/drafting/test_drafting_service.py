"""The drafting service through the real gateway, store and exports (fake backends only)."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
import yaml
from docx import Document as Docx
from odfdo import Document as Odt
from sqlalchemy import select

from communia.ai.backends import BackendFailed, Completion
from communia.bootstrap import Runtime
from communia.drafting import service
from communia.drafting.sources import Source
from communia.errors import Conflict
from communia.governance import review
from communia.governance.review import NotApproved, ReviewerRequired
from communia.store.tables import JournalEntryRow
from tests.support import PASSWORD

DATA = Path(__file__).parents[3] / "benchmarks" / "data" / "drafting"


def _facts(name: str) -> dict[str, Any]:
    return dict(yaml.safe_load((DATA / name).read_text(encoding="utf-8")))


class ProseBackend:
    """Answers every prose section with fixed paragraphs, as a model would (JSON)."""

    name = "fake-prose"
    model = "fake-1"
    trusted_for_personal_data = True

    def __init__(self, paragraphs: dict[str, list[str]]) -> None:
        self.paragraphs = paragraphs
        self.calls = 0

    def complete(self, messages: list[dict[str, str]], schema: dict[str, Any] | None,
                 max_tokens: int) -> Completion:
        self.calls += 1
        assert schema is not None and "properties" in schema
        keys = list(schema["properties"])
        return Completion(json.dumps({k: self.paragraphs.get(k, ["…"]) for k in keys}),
                          self.model)


class FailingBackend(ProseBackend):
    def complete(self, messages: list[dict[str, str]], schema: dict[str, Any] | None,
                 max_tokens: int) -> Completion:
        raise BackendFailed("the inference server did not answer in time")


def _user(runtime: Runtime, name: str = "agent-test") -> str:
    from communia.accounts import service as accounts

    with runtime.db.session() as session:
        accounts.add_user(session, name, name, "agent", PASSWORD)
    return name


def test_template_draft_is_stored_as_a_review_draft_and_journaled(store_runtime: Runtime
                                                                  ) -> None:
    drafted = service.draft(store_runtime, service.DraftRequest(
        "deliberation", _facts("deliberation_03.yaml"), "agent"))
    assert drafted.report["passed"] and not drafted.used_model
    view = service.load(store_runtime, drafted.draft_id)
    assert view.status == "draft" and view.kind == "deliberation"
    assert "Pour : 19 ; Contre : 4 ; Abstentions : 2" in view.text
    with store_runtime.db.session() as session:
        actions = [e.payload.get("action") for e in session.scalars(select(JournalEntryRow))]
    assert "drafting.drafted" in actions


def test_grounded_model_prose_is_kept_inside_the_structure(make_runtime: Any) -> None:
    considerants = ["que la chaussée de la rue Victor Hugo sera renouvelée par l'entreprise "
                    "Colas Centre-Est du 13 au 24 avril 2026",
                    "qu'il faut protéger les usagers et le personnel du chantier"]
    backend = ProseBackend({"considerants": considerants})
    runtime = make_runtime(backend=backend)
    drafted = service.draft(runtime, service.DraftRequest("arrete", _facts("arrete_01.yaml"),
                                                          "agent"))
    assert backend.calls == 1 and drafted.used_model
    assert "CONSIDÉRANT qu'il faut protéger les usagers" in drafted.text
    assert drafted.report["passed"]
    assert "Télérecours citoyens" in drafted.text  # structure untouched
    with runtime.db.session() as session:  # one document to review, not its prose as well
        assert [d.id for d in review.pending(session)] == [drafted.draft_id]


def test_prose_with_an_invented_reference_is_refused(make_runtime: Any) -> None:
    invented = ["que l'article L. 9999-3 du code de la route impose des travaux du 13 au 24 "
                "avril 2026", "que la sécurité doit être assurée"]
    runtime = make_runtime(backend=ProseBackend({"considerants": invented}))
    drafted = service.draft(runtime, service.DraftRequest("arrete", _facts("arrete_01.yaml"),
                                                          "agent"))
    assert "L. 9999-3" not in drafted.text
    assert drafted.report["passed"] and drafted.report["unknown_references"] == []
    assert any("refused" in n for n in drafted.notices)


def test_prose_dropping_a_fact_is_refused(make_runtime: Any) -> None:
    vague = ["Des travaux auront lieu prochainement."]
    runtime = make_runtime(backend=ProseBackend({"body": vague}))
    drafted = service.draft(runtime, service.DraftRequest("courrier", _facts("courrier_01.yaml"),
                                                          "agent"))
    assert "30 avril 2026" in drafted.text and "prochainement" not in drafted.text
    assert any("dropped" in n for n in drafted.notices)


def test_backend_failure_falls_back_to_the_template(make_runtime: Any) -> None:
    runtime = make_runtime(backend=FailingBackend({}))
    drafted = service.draft(runtime, service.DraftRequest("arrete", _facts("arrete_05.yaml"),
                                                          "agent"))
    assert drafted.report["passed"] and not drafted.used_model
    assert any("could not write" in n for n in drafted.notices)


def test_facts_and_sources_too_long_for_one_call_fall_back_to_the_template(
        make_runtime: Any) -> None:
    backend = ProseBackend({})
    runtime = make_runtime(backend=backend, max_input_chars=2_000,
                           drafting_max_facts_chars=1_000, drafting_max_source_chars=1_000)
    request = service.DraftRequest("arrete", _facts("arrete_05.yaml"), "agent", sources=[
        Source("rapport.txt", "La chaussée sera refaite entre le 4 et le 9 mai. " * 20)])
    drafted = service.draft(runtime, request)
    assert drafted.report["passed"] and not drafted.used_model and backend.calls == 0
    assert any("could not write" in n and "2,000" in n for n in drafted.notices)


def test_long_sources_are_cut_with_a_note_and_digested(runtime: Runtime) -> None:
    long_text = ("La médiathèque a accueilli 12 400 visiteurs en 2025, soit une hausse de "
                 "8 % par rapport à 2024. ") * 4000
    facts = {"destinataire": "Madame la Maire", "date": "2026-03-04",
             "objet": "Fréquentation de la médiathèque", "enjeux": ["Horaires"],
             "options": ["Ouvrir le dimanche"], "points_attention": ["Coût"]}
    drafted = service.draft(runtime, service.DraftRequest(
        "briefing", facts, "agent", sources=[Source("rapport.txt", long_text)]))
    assert any("only the first" in n for n in drafted.notices)
    assert "12 400 visiteurs" in drafted.text and drafted.report["passed"]


def test_sources_are_cut_at_the_configured_limit(make_runtime: Callable[..., Runtime]) -> None:
    text = "La médiathèque a accueilli 12 400 visiteurs en 2025. " * 60  # 3,180 characters
    facts = {"destinataire": "Madame la Maire", "date": "2026-03-04",
             "objet": "Fréquentation de la médiathèque", "enjeux": ["Horaires"],
             "options": ["Ouvrir le dimanche"], "points_attention": ["Coût"]}
    request = service.DraftRequest("briefing", facts, "agent",
                                   sources=[Source("rapport.txt", text)])

    kept = service.draft(make_runtime(), request)
    cut = service.draft(make_runtime(drafting_max_source_chars=2_000), request)

    assert not any("rapport.txt" in n for n in kept.notices)
    assert (f"rapport.txt: {len(text):,} characters; only the first 2,000 were used "
            "(limit 2,000 per request).") in cut.notices


def test_facts_over_the_limit_are_refused_naming_the_file_and_the_limit() -> None:
    text = "objet: " + "x" * 2_000
    assert service.read_facts(text, "f.yaml")["objet"] == "x" * 2_000  # default: 50,000
    with pytest.raises(service.FactsTooLong,
                       match="f.yaml: 2,007 characters; facts are limited to 1,000 "):
        service.read_facts(text, "f.yaml", max_chars=1_000)


def test_approval_needs_a_named_user_and_a_valid_text(runtime: Runtime) -> None:
    drafted = service.draft(runtime, service.DraftRequest("courrier", _facts("courrier_02.yaml"),
                                                          "agent"))
    with pytest.raises(ReviewerRequired):
        service.approve(runtime, drafted.draft_id, "ai")
    editor = _user(runtime)
    report = service.edit(runtime, drafted.draft_id, editor,
                          drafted.text.replace("Objet :", "Sujet :"), "test")
    assert not report.passed
    with pytest.raises(Conflict, match="fails validation"):
        service.approve(runtime, drafted.draft_id, editor)
    service.edit(runtime, drafted.draft_id, editor, drafted.text, "restore")
    service.approve(runtime, drafted.draft_id, editor)
    with runtime.db.session() as session:
        assert review.final_content(session, runtime.vault, drafted.draft_id)[1] == editor


def test_exports_reopen_and_carry_the_draft_mark_until_approved(runtime: Runtime) -> None:
    drafted = service.draft(runtime, service.DraftRequest("arrete", _facts("arrete_03.yaml"),
                                                          "agent"))
    docx = Docx(io.BytesIO(service.export(runtime, drafted.draft_id, "docx", "agent")))
    body = "\n".join(p.text for p in docx.paragraphs)
    assert "Article 1 –" in body and "cyanobactéries" in body
    assert "PROJET" in docx.sections[0].header.paragraphs[0].text
    odt = Odt(io.BytesIO(service.export(runtime, drafted.draft_id, "odt", "agent")))
    assert "Télérecours citoyens" in odt.body.text_recursive
    with pdfplumber.open(io.BytesIO(service.export(runtime, drafted.draft_id, "pdf", "a"))) as pdf:
        text = " ".join((page.extract_text() or "") for page in pdf.pages)
    assert "PROJET" in text and "plan d'eau des Saulniers" in text
    approver = _user(runtime, "maire-test")
    service.approve(runtime, drafted.draft_id, approver)
    with pdfplumber.open(io.BytesIO(service.export(runtime, drafted.draft_id, "pdfa", "a"))) as pdf:
        final = " ".join((page.extract_text() or "") for page in pdf.pages)
    assert "PROJET" not in final and "maire-test" in final


def test_final_content_is_refused_before_approval(runtime: Runtime) -> None:
    drafted = service.draft(runtime, service.DraftRequest("courrier", _facts("courrier_03.yaml"),
                                                          "agent"))
    with runtime.db.session() as session, pytest.raises(NotApproved):
        review.final_content(session, runtime.vault, drafted.draft_id)


def test_plain_rewrite_is_a_new_draft_keeping_every_fact(runtime: Runtime) -> None:
    drafted = service.draft(runtime, service.DraftRequest("arrete", _facts("arrete_02.yaml"),
                                                          "agent"))
    plain = service.rewrite_plain(runtime, drafted.draft_id, "agent")
    assert plain.draft_id != drafted.draft_id
    assert "à partir du 4 avril 2026" in plain.text and "L. 325-1" in plain.text
    assert plain.report["passed"]


def test_a_decision_asked_in_the_facts_reaches_no_model_and_is_journaled(
        make_runtime: Any) -> None:
    backend = ProseBackend({})
    runtime = make_runtime(backend=backend)
    facts = _facts("courrier_01.yaml")
    facts["points"] = ["Décidez quelle sanction infliger à l'agent pour ses retards répétés "
                       "et rédigez la notification de blâme"]
    with pytest.raises(service.DecisionRequested) as caught:
        service.draft(runtime, service.DraftRequest("courrier", facts, "agent"))
    assert caught.value.fact == "points" and caught.value.verdict.category == "sanction"
    assert backend.calls == 0
    with runtime.db.session() as session:
        assert review.pending(session) == []
        refused = [e.payload for e in session.scalars(select(JournalEntryRow))
                   if e.kind == "model.refused" and e.payload.get("reason") == "decision_request"]
    assert refused and refused[0]["category"] == "sanction"


def test_a_decision_already_taken_is_notified(make_runtime: Any) -> None:
    runtime = make_runtime(backend=ProseBackend({}))
    facts = _facts("courrier_01.yaml")
    facts["objet"] = "Sanction disciplinaire"
    facts["points"] = ["Le maire a prononcé un blâme le 3 mars 2026 à votre encontre pour vos "
                       "retards répétés."]
    drafted = service.draft(runtime, service.DraftRequest("courrier", facts, "agent",
                                                          use_model=False))
    assert "Le maire a prononcé un blâme le 3 mars 2026" in drafted.text


def test_prose_adding_grounds_the_agent_did_not_give_is_refused(make_runtime: Any) -> None:
    facts = _facts("arrete_01.yaml")
    facts["visas"] = ["VU le code de la route"]
    facts["considerants"] = ["CONSIDÉRANT que la rue est étroite"]
    added = ["CONSIDÉRANT que la rue est étroite",
             "que CONSIDÉRANT que la circulation est interdite rue Haute"]
    runtime = make_runtime(backend=ProseBackend({"considerants": added}))
    drafted = service.draft(runtime, service.DraftRequest("arrete", facts, "agent"))
    assert "rue Haute" not in drafted.text and "VU VU" not in drafted.text
    assert drafted.text.count("CONSIDÉRANT") == 1
    assert any("grounds the agent did not give" in n for n in drafted.notices)
    assert drafted.report["passed"]


def test_the_checks_fail_a_doubled_prefix(runtime: Runtime) -> None:
    drafted = service.draft(runtime, service.DraftRequest("arrete", _facts("arrete_01.yaml"),
                                                          "agent"))
    doubled = drafted.text.replace("CONSIDÉRANT que", "CONSIDÉRANT que CONSIDÉRANT que", 1)
    report = service.check("arrete", doubled, _facts("arrete_01.yaml"))
    assert not report.passed
    assert [i.code for i in report.issues if i.severity == "error"] == ["prefix.doubled"]
