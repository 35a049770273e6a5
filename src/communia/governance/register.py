"""The register of AI uses, enforced at run time by the gateway.

A use case has a purpose, a legal basis, data categories, an owner role, a retention,
an AI Act risk level and DPIA/FRIA statuses. Only ``approved`` use cases may call a
model; a high-risk one is approved only with a FRIA marked done and a recorded
ethics opinion that is not unfavourable.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from communia.errors import InvalidInput, NotFound, Refused
from communia.governance import journal
from communia.governance.events import UseCaseChanged
from communia.store.base import utcnow
from communia.store.tables import EthicsOpinionRow, UseCaseRow

STATUSES = ("draft", "under_review", "approved", "suspended")
RISK_LEVELS = ("minimal", "limited", "high")
FAVOURABLE = ("favourable", "favourable_with_conditions")


class UseCaseNotFound(NotFound):
    """No use case with this identifier is in the register."""


class UseCaseNotApproved(Refused):
    """The use case exists but is not approved: no model call may be made for it."""


class ApprovalRefused(Refused):
    """An approval was asked for that the register's rules do not allow."""


@dataclass(frozen=True)
class UseCase:
    """One use of AI, as documented for the DPO and the public algorithm register."""

    id: str
    name_fr: str
    name_en: str
    purpose: str
    legal_basis: str
    data_categories: list[str] = field(default_factory=list)
    owner_role: str = "admin"
    retention_days: int = 365
    risk_level: str = "minimal"
    dpia_status: str = "not_required"
    fria_status: str = "not_required"
    status: str = "draft"


SEED: tuple[UseCase, ...] = (
    UseCase(
        "recruitment",
        "Aide au tri des candidatures",
        "Recruitment assistance",
        "Structure applications against criteria fixed by HR, quote evidence, summarise "
        "profiles and prepare interview grids; every decision is taken by a named person.",
        "GDPR art. 6(1)(e) public task and art. 88; Code général de la fonction publique; "
        "AI Act Annex III 4(a) high-risk obligations.",
        ["identity (masked)", "education", "professional experience", "certifications"],
        "hr",
        730,
        "high",
        "required",
        "required",
    ),
    UseCase(
        "drafting",
        "Rédaction administrative",
        "Administrative drafting",
        "Draft letters, notes, arrêtés and délibérations from facts given by an agent.",
        "GDPR art. 6(1)(e) public task.",
        ["names and addresses of correspondents"],
        "agent",
        365,
        "minimal",
    ),
    UseCase(
        "feedback",
        "Synthèse des remontées de terrain",
        "Field-feedback synthesis",
        "Group free-text field reports into themes with counts, quotes and trends.",
        "GDPR art. 6(1)(e) public task.",
        ["free-text reports (pseudonymised)"],
        "field_lead",
        365,
        "limited",
        "done",
    ),
    UseCase(
        "planning",
        "Prévision et planification de la médiation",
        "Schedule forecasting",
        "Forecast demand by place and hour of week and propose mediation shifts; "
        "places and times only, never individuals.",
        "GDPR art. 6(1)(e) public task; working-time rules of the authority.",
        ["event counts per zone and hour", "mediators' availability"],
        "field_lead",
        365,
        "limited",
    ),
    UseCase(
        "briefing",
        "Notes de synthèse et fiches d'instruction",
        "Briefing notes and instruction sheets",
        "Write briefings and instruction sheets from documents the agent provides.",
        "GDPR art. 6(1)(e) public task.",
        ["content of source documents"],
        "agent",
        365,
        "minimal",
    ),
    UseCase(
        "prompt_workshop",
        "Atelier d'écriture de prompts",
        "Prompt workshop",
        "Let agents practise writing prompts safely, with feedback.",
        "GDPR art. 6(1)(e) public task (training of staff).",
        ["training prompts (pseudonymised)"],
        "admin",
        90,
        "minimal",
    ),
)


# The standard use cases' description in French: (purpose, legal basis, data categories).
# Shown to French readers while the stored text is still the seeded English one; a text an
# administrator typed is shown as typed.
SEED_FR: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "recruitment": (
        "Structurer les candidatures selon des critères fixés par les RH, citer les "
        "preuves, résumer les profils et préparer les grilles d'entretien ; chaque décision "
        "est prise par une personne nommée.",
        "RGPD art. 6(1)(e) mission d'intérêt public et art. 88 ; Code général de la "
        "fonction publique ; obligations à haut risque de l'AI Act, annexe III 4(a).",
        ("identité (masquée)", "formation", "expérience professionnelle", "certifications"),
    ),
    "drafting": (
        "Rédiger courriers, notes, arrêtés et délibérations à partir des faits donnés par "
        "un agent.",
        "RGPD art. 6(1)(e) mission d'intérêt public.",
        ("noms et adresses des correspondants",),
    ),
    "feedback": (
        "Regrouper les remontées de terrain en texte libre par thèmes, avec effectifs, "
        "citations et tendances.",
        "RGPD art. 6(1)(e) mission d'intérêt public.",
        ("remontées en texte libre (pseudonymisées)",),
    ),
    "planning": (
        "Prévoir la demande par lieu et par heure de la semaine et proposer des créneaux "
        "de médiation ; des lieux et des horaires seulement, jamais des personnes.",
        "RGPD art. 6(1)(e) mission d'intérêt public ; règles de temps de travail de la "
        "collectivité.",
        ("nombre d'événements par zone et par heure", "disponibilités des médiateurs"),
    ),
    "briefing": (
        "Rédiger des notes de synthèse et des fiches d'instruction à partir des documents "
        "fournis par l'agent.",
        "RGPD art. 6(1)(e) mission d'intérêt public.",
        ("contenu des documents sources",),
    ),
    "prompt_workshop": (
        "Permettre aux agents de s'exercer sans risque à écrire des prompts, avec des "
        "conseils.",
        "RGPD art. 6(1)(e) mission d'intérêt public (formation des agents).",
        ("prompts d'exercice (pseudonymisés)",),
    ),
}


@dataclass(frozen=True)
class Description:
    """A use case's purpose, legal basis and data categories as a reader sees them."""

    purpose: str
    legal_basis: str
    data_categories: tuple[str, ...]


def described(row: UseCaseRow, lang: str) -> Description:
    """``row``'s description in ``lang``: a standard use case's seeded English text is
    shown in French to French readers; text typed by an administrator stays as typed."""
    shown = Description(row.purpose, row.legal_basis, tuple(row.data_categories))
    seeded = next((case for case in SEED if case.id == row.id), None)
    french = SEED_FR.get(row.id)
    if lang != "fr" or seeded is None or french is None:
        return shown
    return Description(
        french[0] if row.purpose == seeded.purpose else row.purpose,
        french[1] if row.legal_basis == seeded.legal_basis else row.legal_basis,
        french[2] if list(row.data_categories) == list(seeded.data_categories)
        else tuple(row.data_categories),
    )


def as_stored(use_case_id: str, values: dict[str, str]) -> dict[str, str]:
    """A register form's ``values`` with a standard use case's French description, sent
    back unchanged, replaced by the stored (English) text, so that saving other fields does
    not turn the seeded text into text typed in French."""
    seeded = next((case for case in SEED if case.id == use_case_id), None)
    french = SEED_FR.get(use_case_id)
    if seeded is None or french is None:
        return values
    kept = dict(values)
    if kept.get("purpose", "").strip() == french[0]:
        kept["purpose"] = seeded.purpose
    if kept.get("legal_basis", "").strip() == french[1]:
        kept["legal_basis"] = seeded.legal_basis
    typed = [line.strip() for line in kept.get("data_categories", "").splitlines()
             if line.strip()]
    if typed == list(french[2]):
        kept["data_categories"] = "\n".join(seeded.data_categories)
    return kept


def seed(session: Session) -> int:
    """Add the standard use cases missing from the register (status draft); return how many."""
    added = 0
    for case in SEED:
        if session.get(UseCaseRow, case.id) is None:
            session.add(_to_row(case))
            added += 1
    session.flush()
    return added


def _to_row(case: UseCase) -> UseCaseRow:
    return UseCaseRow(
        id=case.id,
        name_fr=case.name_fr,
        name_en=case.name_en,
        purpose=case.purpose,
        legal_basis=case.legal_basis,
        data_categories=list(case.data_categories),
        owner_role=case.owner_role,
        retention_days=case.retention_days,
        risk_level=case.risk_level,
        dpia_status=case.dpia_status,
        fria_status=case.fria_status,
        status=case.status,
    )


def get(session: Session, use_case_id: str) -> UseCaseRow:
    row = session.get(UseCaseRow, use_case_id)
    if row is None:
        raise UseCaseNotFound(
            f"The use case '{use_case_id}' is not in the register; "
            "ask the DPO to register it before using AI for it."
        )
    return row


def list_all(session: Session) -> list[UseCaseRow]:
    return list(session.scalars(select(UseCaseRow).order_by(UseCaseRow.id)))


def require_approved(session: Session, use_case_id: str) -> UseCaseRow:
    """Return the use case if approved; raise ``UseCaseNotApproved`` otherwise."""
    row = get(session, use_case_id)
    if row.status != "approved":
        raise UseCaseNotApproved(
            f"The use case '{use_case_id}' is {row.status.replace('_', ' ')}, not approved: "
            "AI cannot be used for it until the DPO approves it in the register."
        )
    return row


def approval_blockers(session: Session, row: UseCaseRow) -> list[str]:
    """What stops this use case from being approved (empty when nothing does)."""
    blockers: list[str] = []
    if row.risk_level == "high":
        if row.fria_status != "done":
            blockers.append("a high-risk use case needs its FRIA (fundamental-rights impact "
                            "assessment) marked done")
        opinion = latest_opinion(session, row.id)
        if opinion is None:
            blockers.append("a high-risk use case needs a recorded ethics opinion")
        elif opinion.opinion not in FAVOURABLE:
            blockers.append("the latest ethics opinion is unfavourable")
    if row.dpia_status == "required":
        blockers.append("the DPIA is required but not marked done")
    return blockers


def names(session: Session) -> dict[str, tuple[str, str]]:
    """Each use case's (French, English) name, by identifier."""
    return {row.id: (row.name_fr, row.name_en) for row in list_all(session)}


def latest_opinion(session: Session, use_case_id: str) -> EthicsOpinionRow | None:
    return session.scalars(
        select(EthicsOpinionRow)
        .where(EthicsOpinionRow.use_case == use_case_id)
        .order_by(EthicsOpinionRow.at.desc(), EthicsOpinionRow.id.desc())
        .limit(1)
    ).first()


def set_status(session: Session, use_case_id: str, status: str, actor: str) -> UseCaseRow:
    """Move a use case to ``status``, enforcing the approval rules; journaled."""
    if status not in STATUSES:
        raise InvalidInput(f"Unknown status '{status}'; expected one of {', '.join(STATUSES)}.")
    row = get(session, use_case_id)
    if status == "approved":
        blockers = approval_blockers(session, row)
        if blockers:
            raise ApprovalRefused(
                f"The use case '{use_case_id}' cannot be approved: " + "; ".join(blockers) + "."
            )
    row.status = status
    row.updated_at = utcnow()
    journal.record(session, UseCaseChanged(actor=actor, use_case=use_case_id, status=status))
    return row


def record_opinion(
    session: Session, use_case_id: str, opinion: str, author: str, conditions: str = ""
) -> EthicsOpinionRow:
    """Record an ethics committee opinion on a use case; journaled."""
    allowed = (*FAVOURABLE, "unfavourable")
    if opinion not in allowed:
        raise InvalidInput(f"Unknown opinion '{opinion}'; expected one of {', '.join(allowed)}.")
    get(session, use_case_id)
    row = EthicsOpinionRow(use_case=use_case_id, opinion=opinion, author=author,
                           conditions=conditions)
    session.add(row)
    journal.record(session, UseCaseChanged(actor=author, use_case=use_case_id,
                                           status="opinion", detail=opinion))
    session.flush()
    return row
