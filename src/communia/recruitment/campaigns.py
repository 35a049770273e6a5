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
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from communia.bootstrap import Runtime
from communia.documents import group_by_candidate
from communia.errors import Conflict, InvalidInput, NotFound, Refused
from communia.governance import journal, review
from communia.governance.events import ActionRecorded, HumanDecision, PersonalDataRevealed
from communia.governance.vault import Vault, sha256_text
from communia.recruitment import messages
from communia.recruitment.analysis import analyse_stored, analysed_ids
from communia.recruitment.evidence import Reader
from communia.recruitment.model import (
    DECISIONS,
    RETENTION_DAYS,
    JobProfile,
    profile_from_dict,
    profile_to_dict,
    validate,
)
from communia.recruitment.protected import check_profile
from communia.recruitment.screening import extract_files, problem_json
from communia.recruitment.service import USE_CASE, embedder, limits_for, make_summariser
from communia.recruitment.tables import (
    CampaignRow,
    CandidateRow,
    DecisionRow,
    DocumentRow,
    ProfileVersionRow,
)
from communia.store.base import utcnow

__all__ = ["AnalysisRun", "CampaignNotFound", "CriteriaNotFrozen", "add_applications",
           "analyse", "close_campaign", "create_campaign", "decide", "freeze_criteria",
           "get_campaign", "latest_version", "list_campaigns", "pending_analysis",
           "reveal_identity", "save_criteria", "store_applications"]

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
        raise CampaignNotFound(messages.CAMPAIGN_NOT_FOUND.format(campaign_id=campaign_id))
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
    validate(profile)
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


def freeze_criteria(runtime: Runtime, campaign_id: str, actor: str, reanalyse: bool = True
                    ) -> int:
    """A named person freezes the latest version; existing applications are re-read.

    With ``reanalyse=False`` the re-reading is left to the caller (the web runs it as a
    ``screening`` job).
    """
    with runtime.db.session() as session:
        review.require_named_user(session, actor)
        _open(get_campaign(session, campaign_id))
        row = latest_version(session, campaign_id)
        assert row is not None
        if row.frozen_at is not None:
            raise Conflict(f"Version {row.version} is already frozen; edit the criteria to "
                           "make a new version.")
        profile = profile_from_dict(row.profile).freeze()
        flags = [messages.proxy_flag(cid, f.words, f.ground, profile.lang)
                 for cid, f in check_profile(profile)]
        row.profile, row.proxy_flags = profile_to_dict(profile), flags
        row.frozen_by, row.frozen_at = actor, utcnow()
        _journal(session, actor, "criteria.frozen", campaign=campaign_id, version=row.version,
                 profile_sha256=sha256_text(json.dumps(row.profile, sort_keys=True)))
        has_candidates = session.scalar(select(func.count()).select_from(CandidateRow).where(
            CandidateRow.campaign_id == campaign_id)) or 0
    if has_candidates and reanalyse:
        analyse(runtime, campaign_id, actor)
    return row.version


def frozen_profile(session: Session, campaign_id: str) -> JobProfile:
    row = latest_version(session, campaign_id, frozen=True)
    if row is None:
        raise CriteriaNotFrozen(messages.FREEZE_FIRST)
    return profile_from_dict(row.profile)


def add_applications(runtime: Runtime, campaign_id: str, files: Sequence[tuple[str, bytes]],
                     actor: str, progress: Callable[[str, int, int], None] | None = None,
                     today: date | None = None) -> int:
    """Read a batch against the frozen criteria, in this call; returns candidates added."""
    added = store_applications(runtime, campaign_id, files, actor, progress)
    analyse(runtime, campaign_id, actor, today=today,
            progress=(lambda done, total: progress("analyse", done, total)) if progress
            else None)
    return len(added)


def store_applications(runtime: Runtime, campaign_id: str, files: Sequence[tuple[str, bytes]],
                       actor: str, progress: Callable[[str, int, int], None] | None = None
                       ) -> list[str]:
    """Extract a batch and store it per candidate, not yet analysed; returns their ids.

    The analysis against the frozen criteria is ``analyse`` (the web runs it as a job).
    """
    with runtime.db.session() as session:
        review.require_named_user(session, actor)
        _open(get_campaign(session, campaign_id))
        frozen_profile(session, campaign_id)
        start = session.scalar(select(func.count()).select_from(CandidateRow).where(
            CandidateRow.campaign_id == campaign_id)) or 0
    documents, errors = extract_files(files, limits_for(runtime), progress)
    groups = group_by_candidate(sorted({*documents, *errors}))
    added = []
    with runtime.db.session() as session:
        for offset, (_, names) in enumerate(sorted(groups.items()), start=start + 1):
            docs = [(n, documents.get(n), problem_json(errors[n]) if n in errors else None)
                    for n in sorted(names)]
            added.append(_store_candidate(session, runtime.vault, campaign_id,
                                          f"C{offset:03d}", docs))
        _journal(session, actor, "applications.added", campaign=campaign_id,
                 candidates=len(added), files=len(files))
    return added


def _store_candidate(session: Session, vault: Vault, campaign_id: str, label: str,
                     docs: list[tuple[str, Any, dict[str, str] | None]]) -> str:
    # The identity mapping is sealed by the first analysis (``analysis.analyse_stored``).
    identity = {"files": [name for name, _, _ in docs], "mapping": {}, "sealed": False}
    row = CandidateRow(id=str(uuid.uuid4()), campaign_id=campaign_id, label=label,
                       identity=vault.encrypt(json.dumps(identity, ensure_ascii=False)),
                       objected=False)
    session.add(row)
    session.flush()
    for name, doc, problem in docs:
        payload = {"name": name, "text": doc.text if doc else "",
                   "hidden_text": doc.hidden_text if doc else "",
                   "flags": [{"kind": f.kind, "detail": f.detail} for f in doc.flags] if doc
                   else [], "error": problem["error"] if problem else "",
                   "code": problem["code"] if problem else ""}
        session.add(DocumentRow(candidate_id=row.id, readable=doc is not None,
                                payload=vault.encrypt(json.dumps(payload, ensure_ascii=False))))
    return row.id


@dataclass(frozen=True)
class AnalysisRun:
    """What one ``analyse`` call did: the version read, the campaign's candidates, how many
    this call analysed, batch notices, and the newer version if this one was superseded."""

    version: int
    candidates: int
    analysed: int
    notices: list[str] = field(default_factory=list)
    superseded_by: int | None = None


def pending_analysis(session: Session, campaign_id: str) -> tuple[int, list[str]]:
    """The newest frozen version and the candidates (ids) not yet analysed against it."""
    row = latest_version(session, campaign_id, frozen=True)
    if row is None:
        return 0, []
    ids = [c.id for c in candidates(session, campaign_id)]
    done = analysed_ids(session, ids, row.version)
    return row.version, [i for i in ids if i not in done]


def analyse(runtime: Runtime, campaign_id: str, actor: str, version: int | None = None,
            progress: Callable[[int, int], None] | None = None, today: date | None = None
            ) -> AnalysisRun:
    """Analyse every candidate with no analysis for ``version`` (default: the newest frozen).

    Idempotent: a candidate already analysed for the version — by an earlier run, or by a
    concurrent one — is skipped, and each result is an upsert keyed by (candidate,
    version). ``progress(done, total)`` counts the campaign's candidates, those analysed
    before included, and is called after each one outside any transaction. A version
    that a newer frozen one replaced is not analysed (``superseded_by`` says which).
    """
    with runtime.db.session() as session:
        _open(get_campaign(session, campaign_id))
        latest = latest_version(session, campaign_id, frozen=True)
        if latest is None or (version is not None and version > latest.version):
            raise CriteriaNotFrozen(messages.VERSION_NOT_FROZEN.format(version=version or 1))
        if version is not None and version < latest.version:
            return AnalysisRun(version, 0, 0, superseded_by=latest.version)
        profile = profile_from_dict(latest.profile)
        ids = [c.id for c in candidates(session, campaign_id)]
        done = analysed_ids(session, ids, latest.version)
    day = today or date.today()
    reader = Reader(profile, (day.year, day.month), embedder(runtime))
    summarise = make_summariser(runtime, actor)
    notices: set[str] = set()
    count, analysed = len(done), 0
    for candidate_id in (i for i in ids if i not in done):
        with runtime.db.session() as session:
            again = analysed_ids(session, [candidate_id], profile.version)
        if not again and analyse_stored(runtime.db, runtime.vault, candidate_id, reader,
                                        summarise, notices):
            analysed += 1
        count += 1
        if progress:
            progress(count, len(ids))
    with runtime.db.session() as session:
        _journal(session, actor, "applications.analysed", campaign=campaign_id,
                 version=profile.version, candidates=analysed)
    return AnalysisRun(profile.version, len(ids), analysed, sorted(notices))


def candidates(session: Session, campaign_id: str) -> list[CandidateRow]:
    return list(session.scalars(select(CandidateRow).where(
        CandidateRow.campaign_id == campaign_id).order_by(CandidateRow.label)))


def get_candidate(session: Session, campaign_id: str, candidate_id: str) -> CandidateRow:
    row = session.get(CandidateRow, candidate_id)
    if row is None or row.campaign_id != campaign_id:
        raise CampaignNotFound(messages.CANDIDATE_NOT_FOUND.format(candidate_id=candidate_id))
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
        raise Refused(messages.IDENTITY_MASKED)
    candidate.revealed_by = actor
    journal.record(session, PersonalDataRevealed(actor=actor, use_case=USE_CASE,
                                                 scope="candidate identity",
                                                 subject_ref=f"{campaign_id}/{candidate.label}"))
    identity: dict[str, Any] = json.loads(vault.decrypt(candidate.identity))
    return identity


def close_campaign(session: Session, campaign_id: str, actor: str,
                   retention_days: int = RETENTION_DAYS) -> None:
    """Close once every candidate has a decision; retention runs from then."""
    review.require_named_user(session, actor)
    campaign = _open(get_campaign(session, campaign_id))
    missing = [c.label for c in candidates(session, campaign_id)
               if latest_decision(session, c.id) is None]
    if missing:
        raise DecisionIncomplete(f"{len(missing)} candidate(s) have no decision yet ("
                                 + ", ".join(missing[:10]) + "); record one for each first.")
    campaign.status, campaign.closed_by, campaign.closed_at = "closed", actor, utcnow()
    campaign.retention_until = utcnow() + timedelta(days=retention_days)
    _journal(session, actor, "campaign.closed", campaign=campaign_id)


def _open(campaign: CampaignRow) -> CampaignRow:
    if campaign.status != "open":
        raise Conflict(f"The campaign '{campaign.title}' is closed; nothing can change in it.")
    return campaign
