"""Campaign lifecycle: criteria versions, applications, blind review, decisions, closing.

Criteria are frozen by a named person before any application is read; a change makes
a new version and re-runs the analysis. Identities stay masked until a decision is
recorded; revealing one is journaled. Decisions are written only by a named user with
a reason; a campaign closes only when every candidate has one.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from communia.bootstrap import Runtime
from communia.errors import Conflict, InvalidInput, NotFound, Refused
from communia.governance import journal, review
from communia.governance.events import ActionRecorded, HumanDecision, PersonalDataRevealed
from communia.governance.vault import Vault, sha256_text
from communia.recruitment.blind import Masker
from communia.recruitment.model import (
    DECISIONS,
    CandidateResult,
    JobProfile,
    profile_from_dict,
    profile_to_dict,
)
from communia.recruitment.protected import check_profile
from communia.recruitment.screening import candidate_json, screen_files
from communia.recruitment.service import USE_CASE, embedder, limits_for, make_summariser
from communia.recruitment.tables import (
    AnalysisRow,
    CampaignRow,
    CandidateRow,
    DecisionRow,
    DocumentRow,
    ProfileVersionRow,
)
from communia.store.base import utcnow

__all__ = ["CampaignNotFound", "CriteriaNotFrozen", "add_applications", "close_campaign",
           "create_campaign", "decide", "freeze_criteria", "get_campaign", "latest_version",
           "list_campaigns", "reveal_identity", "save_criteria"]

RETENTION_DAYS = 730  # two years after the last contact (register default for recruitment)
MIN_REASON = 10


class CampaignNotFound(NotFound):
    """No campaign or candidate with this identifier (it may have been purged)."""


class CriteriaNotFrozen(Conflict):
    """Applications cannot be read before a named person freezes the criteria."""


class DecisionIncomplete(Conflict):
    """The campaign cannot close while a candidate has no recorded decision."""


def _journal(session: Session, actor: str, action: str, **detail: Any) -> None:
    journal.record(session, ActionRecorded(actor=actor, use_case=USE_CASE, action=action,
                                           detail=detail))


def create_campaign(session: Session, title: str, profile: JobProfile, actor: str) -> str:
    """Open a campaign with its first (unfrozen) criteria version."""
    review.require_named_user(session, actor)
    if not title.strip():
        raise InvalidInput("The campaign needs a title (the post's name).")
    check_profile(profile)
    campaign = CampaignRow(id=str(uuid.uuid4()), title=title.strip()[:300], lang=profile.lang,
                           status="open", created_by=actor)
    session.add(campaign)
    session.add(ProfileVersionRow(campaign_id=campaign.id, version=1, created_by=actor,
                                  profile=profile_to_dict(profile), proxy_flags=[]))
    session.flush()
    _journal(session, actor, "campaign.created", campaign=campaign.id)
    return campaign.id


def get_campaign(session: Session, campaign_id: str) -> CampaignRow:
    campaign = session.get(CampaignRow, campaign_id)
    if campaign is None:
        raise CampaignNotFound(f"No campaign '{campaign_id}'; it may have been purged.")
    return campaign


def list_campaigns(session: Session) -> list[CampaignRow]:
    return list(session.scalars(select(CampaignRow).order_by(CampaignRow.created_at.desc())))


def latest_version(session: Session, campaign_id: str, frozen: bool = False
                   ) -> ProfileVersionRow | None:
    """The newest criteria version (the newest frozen one with ``frozen``)."""
    query = select(ProfileVersionRow).where(ProfileVersionRow.campaign_id == campaign_id)
    if frozen:
        query = query.where(ProfileVersionRow.frozen_at.is_not(None))
    return session.scalars(query.order_by(ProfileVersionRow.version.desc())).first()


def save_criteria(session: Session, campaign_id: str, profile: JobProfile, actor: str) -> int:
    """Store edited criteria: in place while unfrozen, else as a new version. Returns it."""
    review.require_named_user(session, actor)
    _open(get_campaign(session, campaign_id))
    check_profile(profile)
    current = latest_version(session, campaign_id)
    assert current is not None
    if current.frozen_at is None:
        current.profile = profile_to_dict(profile)
        return current.version
    row = ProfileVersionRow(campaign_id=campaign_id, version=current.version + 1,
                            created_by=actor, proxy_flags=[], profile=profile_to_dict(
                                profile_from_dict({**profile_to_dict(profile),
                                                   "version": current.version + 1})))
    session.add(row)
    _journal(session, actor, "criteria.new_version", campaign=campaign_id, version=row.version)
    return row.version


def freeze_criteria(runtime: Runtime, campaign_id: str, actor: str) -> int:
    """A named person freezes the latest version; existing applications are re-read."""
    with runtime.db.session() as session:
        review.require_named_user(session, actor)
        _open(get_campaign(session, campaign_id))
        row = latest_version(session, campaign_id)
        assert row is not None
        if row.frozen_at is not None:
            raise Conflict(f"Version {row.version} is already frozen; edit the criteria to "
                           "make a new version.")
        profile = profile_from_dict(row.profile).freeze()
        flags = [f"{cid}: {f.words} — {f.reason(profile.lang)}"
                 for cid, f in check_profile(profile)]
        row.profile, row.proxy_flags = profile_to_dict(profile), flags
        row.frozen_by, row.frozen_at = actor, utcnow()
        _journal(session, actor, "criteria.frozen", campaign=campaign_id, version=row.version,
                 profile_sha256=sha256_text(json.dumps(row.profile, sort_keys=True)))
        has_candidates = session.scalar(select(func.count()).select_from(CandidateRow).where(
            CandidateRow.campaign_id == campaign_id)) or 0
    if has_candidates:
        reanalyse(runtime, campaign_id, actor)
    return row.version


def frozen_profile(session: Session, campaign_id: str) -> JobProfile:
    row = latest_version(session, campaign_id, frozen=True)
    if row is None:
        raise CriteriaNotFrozen("Freeze the criteria before adding applications: they must be "
                                "fixed before any application is read.")
    return profile_from_dict(row.profile)


def add_applications(runtime: Runtime, campaign_id: str, files: Sequence[tuple[str, bytes]],
                     actor: str, progress: Callable[[str, int, int], None] | None = None,
                     today: date | None = None) -> int:
    """Read a batch against the frozen criteria and store it; returns candidates added."""
    with runtime.db.session() as session:
        review.require_named_user(session, actor)
        _open(get_campaign(session, campaign_id))
        profile = frozen_profile(session, campaign_id)
        start = session.scalar(select(func.count()).select_from(CandidateRow).where(
            CandidateRow.campaign_id == campaign_id)) or 0
    screening = screen_files(profile, files, today=today, embed=embedder(),
                             summarise=make_summariser(runtime, actor), progress=progress,
                             limits=limits_for(runtime))
    with runtime.db.session() as session:
        for offset, result in enumerate(screening.candidates, start=start + 1):
            docs = {n: screening.documents.get(n) for n in result.files}
            _store_candidate(session, runtime.vault, campaign_id, f"C{offset:03d}", result,
                             docs, profile.version)
        _journal(session, actor, "applications.added", campaign=campaign_id,
                 candidates=len(screening.candidates), files=len(files))
    return len(screening.candidates)


def _store_candidate(session: Session, vault: Vault, campaign_id: str, label: str,
                     result: CandidateResult, docs: dict[str, Any], version: int) -> None:
    texts = [d.text for d in docs.values() if d is not None]
    masker = Masker()
    masker.mask_many(texts[:1])
    identity = {"files": result.files, "mapping": masker.mapping}
    row = CandidateRow(id=str(uuid.uuid4()), campaign_id=campaign_id, label=label,
                       identity=vault.encrypt(json.dumps(identity, ensure_ascii=False)),
                       objected=False)
    session.add(row)
    session.flush()
    for name, doc in docs.items():
        payload = {"name": name, "text": doc.text if doc else "",
                   "hidden_text": doc.hidden_text if doc else "",
                   "flags": [{"kind": f.kind, "detail": f.detail} for f in doc.flags] if doc
                   else [], "error": next((e["error"] for e in result.errors
                                           if e["file"] == name), "")}
        session.add(DocumentRow(candidate_id=row.id, readable=doc is not None,
                                payload=vault.encrypt(json.dumps(payload, ensure_ascii=False))))
    _store_analysis(session, vault, row.id, result, version, masker)


def _store_analysis(session: Session, vault: Vault, candidate_id: str, result: CandidateResult,
                    version: int, masker: Masker) -> None:
    data = candidate_json(result)
    quotes = [e["quote"] for c in data["criteria"] for e in c["evidence"]]
    data["masked_quotes"] = masker.mask_many(quotes) if quotes else []
    session.add(AnalysisRow(candidate_id=candidate_id, profile_version=version,
                            score=result.match_score,
                            statuses={r.criterion_id: r.status for r in result.criteria},
                            result=vault.encrypt(json.dumps(data, ensure_ascii=False))))


def reanalyse(runtime: Runtime, campaign_id: str, actor: str) -> int:
    """Re-read every stored application against the newest frozen version."""
    with runtime.db.session() as session:
        profile = frozen_profile(session, campaign_id)
        rows = candidates(session, campaign_id)
        stored = [(r.id, r.label, _documents(session, runtime.vault, r.id)) for r in rows]
    count = 0
    for candidate_id, label, docs in stored:
        files = [(d["name"], d["text"].encode("utf-8")) for d in docs if d["text"]]
        named = [(f"{label}/{i}-{n.rsplit('/', 1)[-1]}.txt", data)
                 for i, (n, data) in enumerate(files)]
        screening = screen_files(profile, named, embed=embedder())
        if not screening.candidates:
            continue
        result = screening.candidates[0]
        result.files = [d["name"] for d in docs]
        with runtime.db.session() as session:
            _store_analysis(session, runtime.vault, candidate_id, result, profile.version,
                            Masker())
        count += 1
    with runtime.db.session() as session:
        _journal(session, actor, "applications.reanalysed", campaign=campaign_id,
                 version=profile.version, candidates=count)
    return count


def candidates(session: Session, campaign_id: str) -> list[CandidateRow]:
    return list(session.scalars(select(CandidateRow).where(
        CandidateRow.campaign_id == campaign_id).order_by(CandidateRow.label)))


def _documents(session: Session, vault: Vault, candidate_id: str) -> list[dict[str, Any]]:
    rows = session.scalars(select(DocumentRow).where(DocumentRow.candidate_id == candidate_id)
                           .order_by(DocumentRow.id))
    return [json.loads(vault.decrypt(r.payload)) for r in rows]


def get_candidate(session: Session, campaign_id: str, candidate_id: str) -> CandidateRow:
    row = session.get(CandidateRow, candidate_id)
    if row is None or row.campaign_id != campaign_id:
        raise CampaignNotFound(f"No candidate '{candidate_id}' in this campaign.")
    return row


def latest_decision(session: Session, candidate_id: str) -> DecisionRow | None:
    return session.scalars(select(DecisionRow).where(DecisionRow.candidate_id == candidate_id)
                           .order_by(DecisionRow.id.desc())).first()


def decide(session: Session, vault: Vault, campaign_id: str, candidate_id: str,
           decision: str, reason: str, actor: str) -> DecisionRow:
    """A named person records invite / not_retained / on_hold with a written reason."""
    review.require_named_user(session, actor)
    _open(get_campaign(session, campaign_id))
    candidate = get_candidate(session, campaign_id, candidate_id)
    if decision not in DECISIONS:
        raise InvalidInput(f"Unknown decision '{decision}'; choose invite, not_retained or "
                           "on_hold.")
    if len(reason.strip()) < MIN_REASON:
        raise InvalidInput("Write the reason for this decision (at least a short sentence); "
                           "it is kept with the decision.")
    version = latest_version(session, campaign_id, frozen=True)
    row = DecisionRow(candidate_id=candidate.id, decision=decision, decided_by=actor,
                      reason=vault.encrypt(reason.strip()),
                      profile_version=version.version if version else 0)
    session.add(row)
    candidate.last_contact_at = utcnow()
    journal.record(session, HumanDecision(actor=actor, use_case=USE_CASE,
                                          subject_ref=f"{campaign_id}/{candidate.label}",
                                          decision=decision,
                                          reason_sha256=sha256_text(reason.strip())))
    session.flush()
    return row


def reveal_identity(session: Session, vault: Vault, campaign_id: str, candidate_id: str,
                    actor: str) -> dict[str, Any]:
    """Lift the masking for one candidate at the decision stage; journaled."""
    review.require_named_user(session, actor)
    candidate = get_candidate(session, campaign_id, candidate_id)
    if latest_decision(session, candidate.id) is None:
        raise Refused("Identity stays masked until the decision stage: record a decision "
                      "for this candidate first.")
    candidate.revealed_by = actor
    journal.record(session, PersonalDataRevealed(actor=actor, use_case=USE_CASE,
                                                 scope="candidate identity",
                                                 subject_ref=f"{campaign_id}/{candidate.label}"))
    identity: dict[str, Any] = json.loads(vault.decrypt(candidate.identity))
    return identity


def close_campaign(session: Session, campaign_id: str, actor: str) -> None:
    """Close once every candidate has a decision; retention runs from then."""
    review.require_named_user(session, actor)
    campaign = _open(get_campaign(session, campaign_id))
    missing = [c.label for c in candidates(session, campaign_id)
               if latest_decision(session, c.id) is None]
    if missing:
        raise DecisionIncomplete(f"{len(missing)} candidate(s) have no decision yet ("
                                 + ", ".join(missing[:10]) + "); record one for each first.")
    campaign.status, campaign.closed_by, campaign.closed_at = "closed", actor, utcnow()
    campaign.retention_until = utcnow() + timedelta(days=RETENTION_DAYS)
    _journal(session, actor, "campaign.closed", campaign=campaign_id)


def _open(campaign: CampaignRow) -> CampaignRow:
    if campaign.status != "open":
        raise Conflict(f"The campaign '{campaign.title}' is closed; nothing can change in it.")
    return campaign
