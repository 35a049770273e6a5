"""Analyse stored applications against one frozen criteria version, one candidate at a time.

Each candidate's analysis is keyed by (candidate, criteria version) and written as an
upsert, so a batch run again — after a lost worker, a cancellation or a second click —
finishes what is missing and never stores two analyses for one candidate and version.
The model (summaries only) is called outside any transaction.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from communia.documents import ExtractedDocument, Flag
from communia.governance.vault import Vault
from communia.recruitment.blind import Masker, profile_vocabulary
from communia.recruitment.evidence import Reader
from communia.recruitment.model import CandidateResult
from communia.recruitment.screening import (
    Summariser,
    analyse_candidate,
    candidate_json,
    flag_without_file,
)
from communia.recruitment.tables import AnalysisRow, CandidateRow, DocumentRow
from communia.store.base import Database, utcnow

__all__ = ["analyse_stored", "analysed_ids", "stored_documents", "upsert_analysis"]

# The unique index of ``recruitment_analyses`` (migration recruitment_0002) and what a
# re-run replaces.
KEY = ["candidate_id", "profile_version"]
REPLACED = ("score", "statuses", "result", "created_at")


def stored_documents(session: Session, vault: Vault, candidate_id: str) -> list[dict[str, Any]]:
    """A candidate's files as stored (decrypted): name, text, hidden_text, flags, error."""
    rows = session.scalars(select(DocumentRow).where(DocumentRow.candidate_id == candidate_id)
                           .order_by(DocumentRow.id))
    return [json.loads(vault.decrypt(r.payload)) for r in rows]


def analysed_ids(session: Session, candidate_ids: Iterable[str], version: int) -> set[str]:
    """The candidates among ``candidate_ids`` that have an analysis for ``version``."""
    ids = list(candidate_ids)
    if not ids:
        return set()
    return set(session.scalars(select(AnalysisRow.candidate_id).where(
        AnalysisRow.candidate_id.in_(ids), AnalysisRow.profile_version == version)))


def analyse_stored(db: Database, vault: Vault, candidate_id: str, reader: Reader,
                   summarise: Summariser | None, notices: set[str]) -> bool:
    """Analyse one stored candidate against ``reader.profile`` and upsert the result.

    Reads in one short transaction, analyses outside any, writes in another. The first
    analysis of a candidate also seals their identity mapping (used by reveal). Returns
    False when the candidate is gone (withdrawn meanwhile).
    """
    with db.session() as session:
        candidate = session.get(CandidateRow, candidate_id)
        if candidate is None:
            return False
        label = candidate.label
        identity: dict[str, Any] = json.loads(vault.decrypt(candidate.identity))
        docs = stored_documents(session, vault, candidate_id)
    names = [d["name"] for d in docs]
    documents = {d["name"]: _document(d) for d in docs if not d.get("error")}
    problems = {d["name"]: {"file": d["name"], "code": d.get("code", "unreadable"),
                            "error": d["error"]} for d in docs if d["name"] not in documents}
    result = analyse_candidate(label, names, documents, problems, reader, summarise, notices)
    masker = Masker(profile_vocabulary(reader.profile))
    sealed = bool(identity.get("sealed", identity.get("mapping")))
    if not sealed:  # the identity mapping of the first file, as HR will see it masked
        texts = [documents[n].text for n in names if n in documents]
        masker.mask_many(texts[:1])
        identity = {**identity, "mapping": masker.mapping, "sealed": True}
    with db.session() as session:
        candidate = session.get(CandidateRow, candidate_id)
        if candidate is None:
            return False
        if not sealed:
            candidate.identity = vault.encrypt(json.dumps(identity, ensure_ascii=False))
        upsert_analysis(session, vault, candidate_id, result, reader.profile.version, masker)
    return True


def upsert_analysis(session: Session, vault: Vault, candidate_id: str, result: CandidateResult,
                    version: int, masker: Masker) -> None:
    """Store the analysis of (candidate, version), replacing one a previous run stored."""
    data = candidate_json(result)
    quotes = [e["quote"] for c in data["criteria"] for e in c["evidence"]]
    data["masked_quotes"] = masker.mask_many(quotes) if quotes else []
    # A flag quotes hidden text or an injection, which may carry the candidate's name.
    details = [flag_without_file(f["detail"], result.files) for f in data["flags"]]
    data["masked_flags"] = masker.mask_many(details) if details else []
    values = {"candidate_id": candidate_id, "profile_version": version,
              "score": result.match_score,
              "statuses": {r.criterion_id: r.status for r in result.criteria},
              "result": vault.encrypt(json.dumps(data, ensure_ascii=False)),
              "created_at": utcnow()}
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        pg = postgresql.insert(AnalysisRow).values(**values)
        session.execute(pg.on_conflict_do_update(
            index_elements=KEY, set_={k: pg.excluded[k] for k in REPLACED}))
    elif dialect == "sqlite":
        lite = sqlite.insert(AnalysisRow).values(**values)
        session.execute(lite.on_conflict_do_update(
            index_elements=KEY, set_={k: lite.excluded[k] for k in REPLACED}))
    else:  # another store: the unique index still refuses a second analysis
        existing = session.scalars(select(AnalysisRow).where(
            AnalysisRow.candidate_id == candidate_id,
            AnalysisRow.profile_version == version)).first()
        if existing is None:
            session.add(AnalysisRow(**values))
        else:
            for name, value in values.items():
                setattr(existing, name, value)


def _document(stored: dict[str, Any]) -> ExtractedDocument:
    flags = [Flag(f["kind"], f["detail"]) for f in stored.get("flags", [])]
    return ExtractedDocument(stored["name"], stored.get("text", ""),
                             stored.get("hidden_text", ""), flags)

