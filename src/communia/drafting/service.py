"""Drafting use cases: draft from facts, check, edit, approve, rewrite plainly, export.

Flow of ``draft``: facts → typed structure (missing facts named, contradictions
reported) → deterministic document → optional model prose per section through the
gateway (facts as the only source) → validation report → review draft. Without a
model, or when it fails, the deterministic document stands on its own.
"""

from __future__ import annotations

import json
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import yaml
from sqlalchemy import select

from communia.ai.backends import BackendFailed, BackendUnavailable
from communia.ai.gateway import DecisionRefused, InputTooLong
from communia.bootstrap import Runtime
from communia.drafting import plain, prose, rendering, sources, templates, validators
from communia.drafting.grounding import added_facts, lost_facts
from communia.drafting.legal_refs import grounded_keys
from communia.drafting.messages import Message
from communia.drafting.model import (
    MAX_FACTS_CHARS,
    USE_CASE,
    canonical_kind,
    facts_text,
    parse_facts,
)
from communia.drafting.tables import DraftingRecord
from communia.errors import Conflict, InvalidInput, NotFound, TooLarge
from communia.exports import Document, render
from communia.governance import journal, review
from communia.governance.events import ActionRecorded, CallRefused
from communia.governance.guard import GuardVerdict, judge_request
from communia.governance.vault import sha256_text


class FactsTooLong(TooLarge):
    """The facts are longer than a drafting request accepts; ``said`` to translate."""

    def __init__(self, said: Message) -> None:
        self.said = said
        super().__init__(str(said))


class FactsUnreadable(InvalidInput):
    """A facts file is not YAML facts (syntax, or not a mapping); ``said`` to translate."""

    def __init__(self, said: Message) -> None:
        self.said = said
        super().__init__(str(said))


class DecisionRequested(InvalidInput):
    """What the person typed asks the tool to take a decision (a sanction, an award, an
    evaluation); nothing was drafted and no model was called.

    ``fact`` is the dotted key of the fact holding the words, ``words`` the words the
    guard judged, ``verdict`` its verdict (explanation and suggestion in ``lang``).
    """

    def __init__(self, fact: str, words: str, verdict: GuardVerdict) -> None:
        self.fact, self.words, self.verdict = fact, words, verdict
        super().__init__(f"'{fact}': {verdict.explanation} {verdict.suggestion} "
                         f"{INSTEAD}".replace("  ", " "))


# What drafting can do instead of a decision (English; the web translates it).
INSTEAD = ("Once the competent authority has decided, give its decision as a fact (who "
           "decided what, and when) and Communia drafts the document that notifies it.")
# Facts whose words state the authority's own decision in the form of an act (ATTRIBUE,
# FIXE, « Article 1 – … »), or only name the document: the guard's rule reading a bare
# verb or noun as an order (« imperative ») does not apply to them.
_ACT_WORDING = frozenset({"objet", "articles", "decisions"})


def _own_words(facts: Mapping[str, Any], prefix: str = "") -> list[tuple[str, str]]:
    """Every line of free text the person typed, with the dotted key of its fact."""
    found: list[tuple[str, str]] = []
    for key, value in facts.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            found += _own_words(value, f"{name}.")
        elif isinstance(value, list | tuple):
            found += [(name, " ".join(str(v).split())) for v in value if str(v).strip()]
        elif isinstance(value, str):
            found += [(name, " ".join(line.split())) for line in value.splitlines()
                      if line.strip()]
    return found


def judge_words(runtime: Runtime, actor: str, kind: str, facts: Mapping[str, Any],
                lang: str = "fr") -> None:
    """Refuse (``DecisionRequested``, journaled) facts that ask the tool for a decision.

    Each line the person typed is judged by the decision guard before anything is
    drafted or sent to a model. The guard's rules decide; its classifier, trained on
    whole requests, is not applied to lone names, addresses and clauses.
    """
    for name, words in _own_words(facts):
        verdict = judge_request(words, lang)
        if not verdict.decision_request or verdict.rule == "learned":
            continue
        if verdict.rule == "imperative" and name in _ACT_WORDING:
            continue
        with runtime.db.session() as session:
            journal.record(session, CallRefused(
                actor=actor, use_case=USE_CASE.get(kind, "drafting"),
                reason="decision_request", category=verdict.category,
                input_sha256=sha256_text(words)))
        raise DecisionRequested(name, words, verdict)


class NotApprovable(Conflict):
    """The current text fails its checks, so it cannot be approved; ``issues`` says why."""

    def __init__(self, title: str, issues: list[validators.Issue]) -> None:
        self.issues = issues
        problems = "; ".join(i.message for i in issues if i.severity == "error")
        super().__init__(f"'{title}' cannot be approved while it fails validation: "
                         f"{problems} Edit the text first.")


class PlainChangesFacts(Conflict):
    """The plain-language rewrite would lose or add facts; ``lost`` names those it loses."""

    def __init__(self, lost: list[str]) -> None:
        self.lost = lost
        super().__init__("The plain-language rewrite would change facts ("
                         + ", ".join(lost[:5]) + "); the draft is left as it is.")


@dataclass
class DraftRequest:
    """What an agent asks for: a kind, the facts, optional source documents."""

    kind: str
    facts: Mapping[str, Any]
    actor: str
    lang: str = "fr"
    sources: list[sources.Source] = field(default_factory=list)
    use_model: bool = True


@dataclass
class Drafted:
    """A drafted document: its review draft, text, validation report and notices."""

    draft_id: str
    kind: str
    title: str
    text: str
    report: dict[str, Any]
    notices: list[str]
    used_model: bool
    status: str = "draft"

    def to_json(self) -> str:
        """The structured document with its validation report."""
        return json.dumps({"draft_id": self.draft_id, "kind": self.kind, "title": self.title,
                           "status": self.status, "text": self.text,
                           "report": self.report, "notices": self.notices,
                           "used_model": self.used_model}, ensure_ascii=False, indent=2)


def read_facts(text: str, name: str = "facts", *,
               max_chars: int = MAX_FACTS_CHARS) -> dict[str, Any]:
    """Facts from YAML (or JSON) text; errors name the file and the line.

    Text longer than ``max_chars`` (setting ``drafting_max_facts_chars``) is refused.
    """
    if len(text) > max_chars:
        raise FactsTooLong(Message(
            "{file}: {chars} characters; facts are limited to {limit} "
            "(COMMUNIA_DRAFTING_MAX_FACTS_CHARS). Keep the facts and attach long texts as "
            "source documents instead.", {"file": name, "chars": len(text), "limit": max_chars}))
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        if mark is None:
            said = Message("{file}: not valid YAML. Check the indentation and quote values "
                           "containing ':'.", {"file": name})
        else:
            said = Message("{file}: not valid YAML at line {line}. Check the indentation and "
                           "quote values containing ':'.", {"file": name, "line": mark.line + 1})
        raise FactsUnreadable(said) from None
    if not isinstance(data, dict):
        raise FactsUnreadable(Message("{file}: expected facts as 'name: value' lines, one "
                                      "fact a line.", {"file": name}))
    return data


def draft(runtime: Runtime, request: DraftRequest) -> Drafted:
    """Draft a document from facts and store it as a review draft."""
    kind = canonical_kind(request.kind)
    judge_words(runtime, request.actor, kind, request.facts, request.lang)
    kept, notes = sources.limit(request.sources, runtime.settings.drafting_max_source_chars)
    facts = dict(request.facts)
    if kind == "briefing" and kept and not facts.get("faits_cles"):
        facts["faits_cles"] = sources.digest(kept)
        notes.append(Message("Key facts were extracted verbatim from the attached sources."))
    if kept:
        facts.setdefault("sources", [s.name for s in kept])
    structure = parse_facts(kind, facts)
    document = templates.build(kind, structure, request.lang)
    source_text = facts_text(facts) + "".join(f"\n\n[{s.name}]\n{s.text}" for s in kept)
    keys = grounded_keys([source_text])
    document, used_model, model_drafts = _with_prose(runtime, request, document, source_text,
                                                     keys, facts, notes)
    report = validators.validate_text(kind, document.text, "draft", keys, facts)
    return _store(runtime, request.actor, kind, request.lang, facts, document.title,
                  document.text, report, notes, used_model, model_drafts)


def _with_prose(runtime: Runtime, request: DraftRequest, document: templates.DraftDocument,
                source_text: str, keys: frozenset[str], facts: dict[str, Any],
                notes: list[Message]) -> tuple[templates.DraftDocument, bool, list[str]]:
    if not (request.use_model and runtime.gateway.generative):
        return document, False, []
    try:
        result = prose.write(runtime.gateway, document, source_text, request.actor,
                             USE_CASE.get(document.kind, "drafting"))
    except (BackendUnavailable, BackendFailed, InputTooLong) as exc:
        notes.append(Message("The model could not write the prose ({reason}); the template's "
                             "wording is used.", {"reason": str(exc)}))
        return document, False, []
    except DecisionRefused as exc:
        notes.append(Message("The decision guard stopped the model's prose ({reason}); the "
                             "template's wording, built only from your facts, is used.",
                             {"reason": str(exc)}))
        return document, False, []
    notes.extend(result.notices)
    checked = validators.validate_text(document.kind, result.document.text, "draft", keys,
                                       facts)
    if not checked.passed:
        notes.append(Message("The model's prose made the document fail validation; the "
                             "template's wording is used."))
        return document, False, result.model_drafts
    return result.document, bool(result.accepted), result.model_drafts


def _store(runtime: Runtime, actor: str, kind: str, lang: str, facts: Mapping[str, Any],
           title: str, text: str, report: validators.Report, notices: list[Message],
           used_model: bool, model_drafts: list[str], derived_from: str | None = None
           ) -> Drafted:
    use_case = USE_CASE.get(kind, "drafting")
    provenance = {"use_case": use_case, "user": actor, "template": f"drafting/{kind}/v1",
                  "backend": runtime.gateway.backend.name if used_model else "none",
                  "model": runtime.gateway.backend.model if used_model else "",
                  "time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                  "model_drafts": model_drafts, "derived_from": derived_from or ""}
    facts_json = json.dumps(facts, ensure_ascii=False, default=str)
    with runtime.db.session() as session:
        row = review.create_draft(session, runtime.vault, use_case=use_case,
                                  kind=f"drafting.{kind}", title=title, content=text,
                                  requested_by=actor, provenance=provenance)
        session.add(DraftingRecord(
            draft_id=row.id, kind=kind, lang=lang, facts=runtime.vault.encrypt(facts_json),
            report=report.to_dict(), notices=[n.to_json() for n in notices],
            model_drafts=model_drafts,
            derived_from=derived_from, created_by=actor))
        journal.record(session, ActionRecorded(
            actor=actor, use_case=use_case, action="drafting.drafted",
            detail={"draft_id": row.id, "kind": kind, "passed": report.passed,
                    "used_model": used_model, "facts_sha256": sha256_text(facts_json)}))
    return Drafted(row.id, kind, title, text, report.to_dict(), [str(n) for n in notices],
                   used_model)


@dataclass
class DraftView:
    """A drafted document as the review page shows it (``issues``: the report's findings,
    with their messages to translate)."""

    draft_id: str
    kind: str
    title: str
    status: str
    reviewed_by: str
    text: str
    report: dict[str, Any]
    notices: list[Message]
    versions: list[review.Version]
    facts: dict[str, Any]
    lang: str
    issues: list[validators.Issue] = field(default_factory=list)


def _record(session: Any, draft_id: str) -> DraftingRecord:
    record = session.get(DraftingRecord, draft_id)
    if record is None:
        raise NotFound(f"No drafted document '{draft_id}'; it may have been purged.")
    return record  # type: ignore[no-any-return]


def drafted(runtime: Runtime, draft_id: str) -> bool:
    """Whether the draft is a drafted document, whose approval runs the document checks."""
    with runtime.db.session() as session:
        return session.get(DraftingRecord, draft_id) is not None


def load(runtime: Runtime, draft_id: str) -> DraftView:
    """The draft, its current text, its versions and the report on the current text."""
    with runtime.db.session() as session:
        record = _record(session, draft_id)
        row = review.get_draft(session, draft_id)
        versions = review.versions(session, runtime.vault, draft_id)
        facts = json.loads(runtime.vault.decrypt(record.facts))
        text = versions[-1].content
        checked = check(record.kind, text, facts)
        return DraftView(draft_id, record.kind, row.title, row.status, row.reviewed_by or "",
                         text, checked.to_dict(),
                         [Message.from_json(n) for n in record.notices], versions, facts,
                         record.lang, checked.issues)


def recent(runtime: Runtime, limit: int = 30) -> list[tuple[DraftingRecord, str, str]]:
    """Latest drafted documents with their title and status."""
    with runtime.db.session() as session:
        records = session.scalars(select(DraftingRecord)
                                  .order_by(DraftingRecord.created_at.desc()).limit(limit)).all()
        return [(r, review.get_draft(session, r.draft_id).title,
                 review.get_draft(session, r.draft_id).status) for r in records]


def check(kind: str, text: str, facts: Mapping[str, Any] | None = None,
          profile: str = "draft") -> validators.Report:
    """Validate ``text`` as a ``kind``; references are grounded by ``facts``."""
    given = dict(facts or {})
    keys = grounded_keys([facts_text(given)]) if given else frozenset()
    return validators.validate_text(canonical_kind(kind), text, profile, keys, given)


def edit(runtime: Runtime, draft_id: str, editor: str, text: str, reason: str = ""
         ) -> validators.Report:
    """A named person's edit (kept as a new version); returns the report on the new text."""
    with runtime.db.session() as session:
        record = _record(session, draft_id)
        facts = json.loads(runtime.vault.decrypt(record.facts))
        review.edit(session, runtime.vault, draft_id, editor, text, reason)
    return check(record.kind, text, facts)


def approve(runtime: Runtime, draft_id: str, reviewer: str, reason: str = "") -> None:
    """Approval by a named person, refused while the current text fails validation."""
    view = load(runtime, draft_id)
    if not view.report["passed"]:
        raise NotApprovable(view.title, view.issues)
    with runtime.db.session() as session:
        review.approve(session, runtime.vault, draft_id, reviewer, reason)


def rewrite_plain(runtime: Runtime, draft_id: str, actor: str) -> Drafted:
    """A plain-language version as a new draft, keeping every fact of the current text."""
    view = load(runtime, draft_id)
    text = plain.rewrite(view.text)
    notices = [Message("Plain-language rewrite of draft {draft}: average sentence length "
                       "{before} → {after} words.",
                       {"draft": draft_id,
                        "before": round(plain.average_sentence_words(view.text)),
                        "after": round(plain.average_sentence_words(text))})]
    lost = lost_facts(view.text, text)
    if lost or added_facts(text, view.text):
        raise PlainChangesFacts(lost)
    report = check(view.kind, text, view.facts)
    return _store(runtime, actor, view.kind, view.lang, view.facts, view.title, text,
                  report, notices, False, [], derived_from=draft_id)


def export(runtime: Runtime, draft_id: str, fmt: str, actor: str) -> bytes:
    """The document in ``fmt``; final (no draft mark) only when a named person approved it."""
    with runtime.db.session() as session:
        record = _record(session, draft_id)
        row = review.get_draft(session, draft_id)
        if row.status == "approved":
            text, approver = review.final_content(session, runtime.vault, draft_id)
        else:
            text, approver = review.current_content(session, runtime.vault, draft_id), ""
        journal.record(session, ActionRecorded(
            actor=actor, use_case=row.use_case, action="drafting.exported",
            detail={"draft_id": draft_id, "format": fmt, "final": bool(approver)}))
    return render_text(runtime, text, record.lang, fmt, approved_by=approver)


def render_text(runtime: Runtime, text: str, lang: str, fmt: str, approved_by: str = "") -> bytes:
    """Render a document's text with the authority's letterhead; a draft mark unless approved."""
    settings = runtime.settings
    title, blocks = rendering.blocks(text)
    logo = settings.authority_logo
    document = Document(title=title, lang=lang, blocks=blocks,
                        letterhead=(settings.authority_name, settings.authority_address),
                        logo_path=str(logo) if logo and logo.is_file() else None,
                        final=bool(approved_by), approved_by=approved_by)
    return render(document, fmt)
