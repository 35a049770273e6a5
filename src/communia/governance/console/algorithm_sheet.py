"""The public algorithm sheet of a use case, as JSON and as a PDF for the public register.

The sheet is a deterministic artefact: ``submit`` stores it as a draft a named person
approves; an export is final only when an approved sheet matches the register today,
otherwise it carries the draft mark.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from communia import exports
from communia.exports import Document, Heading, ListBlock, Paragraph, Table
from communia.governance import register, review
from communia.governance.console import ethics
from communia.governance.console.model import value_label
from communia.governance.vault import Vault
from communia.store.tables import DraftRow

KIND = "algorithm_sheet"
HUMAN_CONTROL = {
    "fr": "Toute production de l'IA est un brouillon jusqu'à validation par une personne "
          "nommée ; l'outil ne prend aucune décision de sanction, d'attribution ou d'évaluation.",
    "en": "Every AI output is a draft until a named person approves it; the tool takes no "
          "sanction, award or evaluation decision.",
}


def sheet(session: Session, use_case_id: str, backend: str, lang: str = "fr") -> dict[str, Any]:
    """The public facts of a use case (no personal data), in a stable order; a standard
    use case's seeded description in ``lang``, as on the other governance pages."""
    row = register.get(session, use_case_id)
    description = register.described(row, "fr" if lang == "fr" else "en")
    latest = register.latest_opinion(session, use_case_id)
    conditions = [c.text for c in ethics.conditions(session, use_case_id)
                  if c.opinion_id == (latest.id if latest else -1)]
    return {
        "id": row.id,
        "name": row.name_fr if lang == "fr" else row.name_en,
        "purpose": description.purpose,
        "legal_basis": description.legal_basis,
        "data_categories": list(description.data_categories),
        "risk_level": row.risk_level,
        "dpia_status": row.dpia_status,
        "fria_status": row.fria_status,
        "status": row.status,
        "retention_days": row.retention_days,
        "owner_role": row.owner_role,
        "human_control": HUMAN_CONTROL["fr" if lang == "fr" else "en"],
        "model_backend": backend,
        "ethics_opinion": latest.opinion if latest else None,
        "ethics_conditions": conditions,
        "review_date": latest.review_date.date().isoformat()
        if latest and latest.review_date else None,
        "updated_at": row.updated_at.date().isoformat(),
        "language": lang,
    }


def sheet_json(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True)


def submit(session: Session, vault: Vault, use_case_id: str, backend: str, lang: str,
           actor: str) -> DraftRow:
    """Store today's sheet as a draft for a named person to approve."""
    data = sheet(session, use_case_id, backend, lang)
    return review.create_draft(session, vault, use_case=use_case_id, kind=KIND,
                               title=f"Algorithm sheet — {data['name']}",
                               content=sheet_json(data), requested_by=actor,
                               provenance={"use_case": use_case_id, "user": actor,
                                           "backend": "none", "template": "algorithm_sheet/v1"})


def approval_of(session: Session, vault: Vault, data: dict[str, Any]) -> str:
    """The approver of a sheet identical to ``data``, or "" when none is approved."""
    drafts = session.scalars(select(DraftRow).where(DraftRow.kind == KIND,
                                                    DraftRow.use_case == data["id"],
                                                    DraftRow.status == "approved")
                             .order_by(DraftRow.updated_at.desc())).all()
    wanted = sheet_json(data)
    for draft in drafts:
        content, approver = review.final_content(session, vault, draft.id)
        if content == wanted:
            return approver
    return ""


def to_pdf(data: dict[str, Any], letterhead: tuple[str, ...], approved_by: str) -> bytes:
    """The sheet as an accessible PDF; final only when a named person approved it."""
    fr = data["language"] == "fr"
    labels = _LABELS["fr" if fr else "en"]
    lang = "fr" if fr else "en"
    rows = tuple((labels[k], value_label(_VALUE_GROUPS[k], data[k], lang)
                  if k in _VALUE_GROUPS and data[k] else _cell(data[k])) for k in _FIELDS)
    blocks = (
        Heading(data["name"]),
        Paragraph(data["purpose"]),
        Table((labels["field"], labels["value"]), rows, caption=labels["caption"]),
        Heading(labels["control"], 2),
        Paragraph(data["human_control"]),
        Heading(labels["conditions"], 2),
        ListBlock(tuple(data["ethics_conditions"]) or (labels["none"],)),
    )
    doc = Document(title=data["name"], lang="fr" if fr else "en", blocks=blocks,
                   letterhead=letterhead, final=bool(approved_by), approved_by=approved_by)
    return exports.render(doc, "pdf")


def _cell(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or "—"
    return "—" if value in (None, "") else str(value)


# Fields holding a stored value, shown by its label in the PDF (the JSON keeps the value).
_VALUE_GROUPS = {"risk_level": "risk_level", "dpia_status": "assessment",
                 "fria_status": "assessment", "status": "use_case_status",
                 "ethics_opinion": "opinion"}
_FIELDS = ("id", "legal_basis", "data_categories", "risk_level", "dpia_status", "fria_status",
           "status", "retention_days", "model_backend", "ethics_opinion", "review_date",
           "updated_at")
_LABELS = {
    "fr": {"id": "Identifiant", "legal_basis": "Base légale",
           "data_categories": "Catégories de données", "risk_level": "Niveau de risque (AI Act)",
           "dpia_status": "AIPD", "fria_status": "FRIA", "status": "Statut",
           "retention_days": "Conservation (jours)", "model_backend": "Modèle",
           "ethics_opinion": "Avis éthique", "review_date": "Date de réexamen",
           "updated_at": "Mise à jour", "caption": "Fiche de l'algorithme",
           "control": "Contrôle humain", "conditions": "Conditions de l'avis éthique",
           "none": "Aucune", "field": "Rubrique", "value": "Valeur"},
    "en": {"id": "Identifier", "legal_basis": "Legal basis", "data_categories": "Data categories",
           "risk_level": "Risk level (AI Act)", "dpia_status": "DPIA", "fria_status": "FRIA",
           "status": "Status", "retention_days": "Retention (days)", "model_backend": "Model",
           "ethics_opinion": "Ethics opinion", "review_date": "Review date",
           "updated_at": "Updated", "caption": "Algorithm sheet", "control": "Human control",
           "conditions": "Conditions of the ethics opinion", "none": "None",
           "field": "Field", "value": "Value"},
}
