"""What HR and the DPO look at: the match table, a candidate, fairness, notice, retention.

Views return masked content only (blind review). Fairness re-reads every application
under counterfactual swaps and computes selection rates by optional self-declared
category. Retention purges closed campaigns past their date and honours objections.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from communia.bootstrap import Runtime
from communia.config import Settings
from communia.governance import journal, review
from communia.governance.events import ActionRecorded
from communia.governance.vault import Vault
from communia.recruitment.analysis import stored_documents
from communia.recruitment.blind import Masker
from communia.recruitment.campaigns import (
    candidates,
    frozen_profile,
    get_campaign,
    get_candidate,
    latest_decision,
    latest_version,
)
from communia.recruitment.evidence import Reader, SourceText
from communia.recruitment.fairness import Counterfactual, GroupRate, counterfactual, selection_rates
from communia.recruitment.messages import NOTICE_TITLE
from communia.recruitment.model import match_score
from communia.recruitment.notice import candidate_notice
from communia.recruitment.screening import flag_without_file
from communia.recruitment.service import USE_CASE
from communia.recruitment.tables import AnalysisRow, CampaignRow, CandidateRow
from communia.store.base import utcnow

__all__ = ["CandidateView", "FairnessReport", "candidate_detail", "fairness_report",
           "match_table", "notice_draft", "purge_expired", "set_category", "withdraw"]


@dataclass
class CandidateView:
    """A row of the match table, masked."""

    id: str
    label: str
    score: float | None
    statuses: dict[str, str]
    summary: str
    decision: str = ""
    decided_by: str = ""
    flags: list[dict[str, str]] = field(default_factory=list)
    category: str = ""
    pending: bool = False  # no analysis against the latest frozen criteria yet

    @property
    def not_analysed(self) -> bool:
        """Nothing could be read: the score says nothing about the application."""
        return any(f["kind"] == "not_analysed" for f in self.flags)

    @property
    def charted(self) -> bool:
        """Whether the score belongs in the chart (analysed and read)."""
        return not self.pending and not self.not_analysed and self.score is not None


def _analysis(session: Session, vault: Vault, candidate_id: str
              ) -> tuple[AnalysisRow | None, dict[str, Any]]:
    # The newest criteria version's analysis, even if an older one was written after it.
    row = session.scalars(select(AnalysisRow).where(AnalysisRow.candidate_id == candidate_id)
                          .order_by(AnalysisRow.profile_version.desc(),
                                    AnalysisRow.id.desc())).first()
    return row, (json.loads(vault.decrypt(row.result)) if row else {})


def match_table(session: Session, vault: Vault, campaign_id: str) -> list[CandidateView]:
    """Every candidate with its latest analysis and decision, in label order.

    A candidate not yet analysed against the latest frozen criteria is ``pending``: no
    score and no statuses, never shown like an application that meets no criterion.
    """
    frozen = latest_version(session, campaign_id, frozen=True)
    views = []
    for cand in candidates(session, campaign_id):
        row, data = _analysis(session, vault, cand.id)
        decision = latest_decision(session, cand.id)
        if row is None or (frozen is not None and row.profile_version != frozen.version):
            views.append(CandidateView(
                cand.id, cand.label, None, {}, "", decision.decision if decision else "",
                decision.decided_by if decision else "", [], cand.category or "",
                pending=True))
            continue
        views.append(CandidateView(
            cand.id, cand.label, row.score if row else None, row.statuses if row else {},
            data.get("summary", ""), decision.decision if decision else "",
            decision.decided_by if decision else "",
            [{"kind": f["kind"], "detail": f["detail"].split(": ", 1)[-1]}
             for f in data.get("flags", [])], cand.category or ""))
    return views


def _masked_flags(data: dict[str, Any], files: list[str]) -> list[dict[str, str]]:
    """The analysis' flags as HR reads them before the decision stage: without the file's
    name, and masked like the quotes (a hidden text or an injection may carry the
    candidate's name). An analysis stored before flags were masked is masked here."""
    flags = data.get("flags", [])
    masked = data.get("masked_flags")
    if not isinstance(masked, list) or len(masked) != len(flags):
        masked = Masker().mask_many([flag_without_file(f["detail"], files) for f in flags])
    return [{"kind": f["kind"], "detail": detail} for f, detail in zip(flags, masked,
                                                                         strict=True)]


def candidate_detail(session: Session, vault: Vault, campaign_id: str, candidate_id: str
                     ) -> dict[str, Any]:
    """Masked evidence per criterion, points to clarify, flags and decision history."""
    cand = get_candidate(session, campaign_id, candidate_id)
    row, data = _analysis(session, vault, cand.id)
    masked = iter(data.get("masked_quotes", []))
    criteria = []
    for item in data.get("criteria", []):
        quotes = [next(masked, "") for _ in item["evidence"]]
        criteria.append({"id": item["id"], "status": item["status"],
                         "note": item.get("note", ""), "quotes": quotes})
    from communia.recruitment.tables import DecisionRow

    history = session.scalars(select(DecisionRow).where(DecisionRow.candidate_id == cand.id)
                              .order_by(DecisionRow.id)).all()
    files: list[str] = json.loads(vault.decrypt(cand.identity)).get("files", [])
    return {
        "label": cand.label, "score": row.score if row else None, "pending": row is None,
        "not_analysed": any(f["kind"] == "not_analysed" for f in data.get("flags", [])),
        "version": row.profile_version if row else None, "criteria": criteria,
        "summary": data.get("summary", ""),
        "summary_source": data.get("summary_source", "extractive"),
        "to_clarify": data.get("to_clarify", []),
        "flags": _masked_flags(data, files),
        "revealed_by": cand.revealed_by,
        "decisions": [{"decision": d.decision, "by": d.decided_by,
                       "at": d.decided_at.strftime("%Y-%m-%d %H:%M"),
                       "reason": vault.decrypt(d.reason)} for d in history],
    }


@dataclass
class FairnessReport:
    """Counterfactual score changes (must all be zero) and selection rates."""

    counterfactuals: list[Counterfactual]
    rates: list[GroupRate]

    @property
    def changed(self) -> list[Counterfactual]:
        """Candidates whose score moved under a swap."""
        return [c for c in self.counterfactuals if c.max_change > 0]


def fairness_report(runtime: Runtime, campaign_id: str, actor: str,
                    today: date | None = None) -> FairnessReport:
    """Re-read each application under swaps; selection rates by self-declared category."""
    day = today or date.today()
    with runtime.db.session() as session:
        profile = frozen_profile(session, campaign_id)
        rows = candidates(session, campaign_id)
        material = []
        for cand in rows:
            identity = json.loads(runtime.vault.decrypt(cand.identity))
            mapping = identity.get("mapping", {})
            names = [v for k, v in mapping.items() if "PERSONNE" in k]
            places = [v for k, v in mapping.items() if "ADRESSE" in k]
            docs = [d["text"] for d in stored_documents(session, runtime.vault, cand.id)
                    if d["text"]]
            decision = latest_decision(session, cand.id)
            material.append((cand.label, docs, names, places, cand.category,
                             bool(decision and decision.decision == "invite")))
    reader = Reader(profile, (day.year, day.month))

    def score(texts: list[str]) -> float:
        sources = [SourceText(f"f{i}", t) for i, t in enumerate(texts)]
        return match_score(profile, reader.read(sources))

    checks = [counterfactual(label, docs, score, names, places)
              for label, docs, names, places, _, _ in material if docs]
    rates = selection_rates([(category, invited) for *_, category, invited in material],
                            runtime.settings.recruitment_min_group_size)
    with runtime.db.session() as session:
        journal.record(session, ActionRecorded(
            actor=actor, use_case=USE_CASE, action="fairness.checked",
            detail={"campaign": campaign_id, "candidates": len(checks),
                    "score_changes": sum(1 for c in checks if c.max_change > 0)}))
    return FairnessReport(checks, rates)


def set_category(session: Session, campaign_id: str, candidate_id: str, category: str,
                 actor: str) -> None:
    """Record a self-declared category given by the candidate (optional, for rates only)."""
    review.require_named_user(session, actor)
    cand = get_candidate(session, campaign_id, candidate_id)
    cand.category = category.strip()[:60] or None


def notice_draft(session: Session, vault: Vault, campaign_id: str, actor: str,
                 settings: Settings) -> str:
    """Create (once) the campaign's candidate notice as a draft a named person approves."""
    campaign = get_campaign(session, campaign_id)
    if campaign.notice_draft_id:
        return campaign.notice_draft_id
    profile = frozen_profile(session, campaign_id)
    text = candidate_notice(campaign.title, [c.label for c in profile.criteria], campaign.lang,
                            settings.authority_name, settings.authority_address)
    draft = review.create_draft(session, vault, use_case=USE_CASE, kind="recruitment.notice",
                                title=NOTICE_TITLE.format(title=campaign.title), content=text,
                                requested_by=actor,
                                provenance={"use_case": USE_CASE, "backend": "none",
                                            "template": "recruitment/notice/v1",
                                            "user": actor})
    campaign.notice_draft_id = draft.id
    return draft.id


def withdraw(session: Session, campaign_id: str, candidate_id: str, actor: str) -> None:
    """Honour a candidate's objection: their files, analyses and decisions are deleted."""
    review.require_named_user(session, actor)
    cand = get_candidate(session, campaign_id, candidate_id)
    label = cand.label
    session.delete(cand)
    journal.record(session, ActionRecorded(actor=actor, use_case=USE_CASE,
                                           action="candidate.erased",
                                           detail={"campaign": campaign_id, "label": label}))


def purge_expired(session: Session, actor: str, now: datetime | None = None) -> int:
    """Delete closed campaigns whose retention date has passed; returns how many."""
    moment = _aware(now or utcnow())
    expired = [c for c in session.scalars(select(CampaignRow).where(
        CampaignRow.status == "closed")) if c.retention_until and _aware(c.retention_until)
        <= moment]
    for campaign in expired:
        session.execute(delete(CandidateRow).where(CandidateRow.campaign_id == campaign.id))
        session.delete(campaign)
        journal.record(session, ActionRecorded(actor=actor, use_case=USE_CASE,
                                               action="campaign.purged",
                                               detail={"campaign": campaign.id}))
    return len(expired)


def _aware(moment: datetime) -> datetime:
    from datetime import UTC

    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
