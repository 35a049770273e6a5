"""Where a person's data can be held: built-in sources and the registry capabilities extend.

A capability holding personal data in its own tables adds a module named in
``SOURCE_MODULES`` exposing ``SOURCES: list[SubjectSource]`` (or calls
``register_source``); subject access, erasure and purge then cover its tables too.
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from communia.governance.console.tables import ApiTokenRow, WorkshopCompletionRow
from communia.governance.vault import Vault, VaultKeyError, normalise_value
from communia.store.tables import (
    DraftRow,
    DraftVersionRow,
    LoginAttempt,
    PseudonymIndexRow,
    PseudonymMapRow,
    User,
)

SOURCE_MODULES = (
    "communia.recruitment.subjects",
    "communia.drafting.subjects",
    "communia.feedback.subjects",
    "communia.planning.subjects",
)


@dataclass(frozen=True)
class Subject:
    """The person asked about: the words given, normalised forms and their keyed hash."""

    query: str
    forms: tuple[str, ...]
    value_hash: str

    def appears_in(self, text: str) -> bool:
        normalised = normalise_value(text)
        return any(form in normalised for form in self.forms)


def subject_for(vault: Vault, query: str) -> Subject:
    """Normalise a name or email (also "Last First" for a two-word name)."""
    base = normalise_value(query)
    words = base.split()
    forms = [base] + ([" ".join(reversed(words))] if len(words) == 2 else [])
    return Subject(query, tuple(f for f in forms if f), vault.lookup_hash(query))


Finder = Callable[[Session, Vault, Subject], list[dict[str, Any]]]
Eraser = Callable[[Session, Vault, Subject], int]
Purger = Callable[[Session, str, datetime], int]


@dataclass(frozen=True)
class SubjectSource:
    """One place holding personal data: how to find, erase and purge what it holds."""

    name: str
    find: Finder
    erase: Eraser
    purge: Purger | None = None
    meta: dict[str, str] = field(default_factory=dict)


def _account_rows(session: Session, subject: Subject) -> list[User]:
    return [u for u in session.scalars(select(User))
            if normalise_value(u.username) in subject.forms
            or normalise_value(u.display_name) in subject.forms]


def _find_accounts(session: Session, vault: Vault, subject: Subject) -> list[dict[str, Any]]:
    return [{"username": u.username, "display_name": u.display_name, "role": u.role,
             "created_at": u.created_at.isoformat(), "sso": bool(u.oidc_subject)}
            for u in _account_rows(session, subject)]


def _erase_accounts(session: Session, vault: Vault, subject: Subject) -> int:
    users = _account_rows(session, subject)
    for user in users:
        for table, column in ((LoginAttempt, LoginAttempt.username),
                              (WorkshopCompletionRow, WorkshopCompletionRow.username),
                              (ApiTokenRow, ApiTokenRow.owner)):
            session.execute(delete(table).where(column == user.username))
        session.delete(user)
    return len(users)


def _map_ids(session: Session, subject: Subject) -> list[str]:
    return list(session.scalars(select(PseudonymIndexRow.map_id)
                                .where(PseudonymIndexRow.value_hash == subject.value_hash)
                                .distinct()))


def _open(vault: Vault, blob: bytes) -> dict[str, str] | None:
    try:
        data = json.loads(vault.decrypt(blob))
    except (VaultKeyError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _find_mappings(session: Session, vault: Vault, subject: Subject) -> list[dict[str, Any]]:
    found = []
    for map_id in _map_ids(session, subject):
        row = session.get(PseudonymMapRow, map_id)
        if row is None:
            continue
        mapping = _open(vault, row.sealed)
        held = ({k: v for k, v in mapping.items() if subject.appears_in(v)}
                if mapping is not None else {"(sealed)": "sealed with another key"})
        found.append({"map_id": row.id, "use_case": row.use_case, "scope": row.scope,
                      "created_at": row.created_at.isoformat(), "values": held})
    return found


def _erase_mappings(session: Session, vault: Vault, subject: Subject) -> int:
    ids = _map_ids(session, subject)
    if ids:
        session.execute(delete(PseudonymIndexRow).where(PseudonymIndexRow.map_id.in_(ids)))
        session.execute(delete(PseudonymMapRow).where(PseudonymMapRow.id.in_(ids)))
    return len(ids)


def _matching_drafts(session: Session, vault: Vault, subject: Subject) -> list[DraftRow]:
    matched = []
    for draft in session.scalars(select(DraftRow).order_by(DraftRow.created_at)):
        versions = session.scalars(select(DraftVersionRow)
                                   .where(DraftVersionRow.draft_id == draft.id)).all()
        texts = [draft.title, draft.requested_by] + [v.reason for v in versions]
        texts += [_decrypt(vault, v.content) for v in versions]
        if any(subject.appears_in(t) for t in texts):
            matched.append(draft)
    return matched


def _decrypt(vault: Vault, blob: bytes) -> str:
    try:
        return vault.decrypt(blob)
    except VaultKeyError:
        return ""


def _find_drafts(session: Session, vault: Vault, subject: Subject) -> list[dict[str, Any]]:
    out = []
    for draft in _matching_drafts(session, vault, subject):
        versions = session.scalars(select(DraftVersionRow)
                                   .where(DraftVersionRow.draft_id == draft.id)
                                   .order_by(DraftVersionRow.number)).all()
        out.append({"draft_id": draft.id, "use_case": draft.use_case, "title": draft.title,
                    "status": draft.status, "created_at": draft.created_at.isoformat(),
                    "versions": [{"number": v.number, "author": v.author, "action": v.action,
                                  "content": _decrypt(vault, v.content)} for v in versions]})
    return out


def _erase_drafts(session: Session, vault: Vault, subject: Subject) -> int:
    drafts = _matching_drafts(session, vault, subject)
    _delete_drafts(session, [d.id for d in drafts])
    return len(drafts)


def _delete_drafts(session: Session, ids: list[str]) -> None:
    if ids:
        session.execute(delete(DraftVersionRow).where(DraftVersionRow.draft_id.in_(ids)))
        session.execute(delete(DraftRow).where(DraftRow.id.in_(ids)))


def _purge_drafts(session: Session, use_case: str, cutoff: datetime) -> int:
    ids = list(session.scalars(select(DraftRow.id).where(DraftRow.use_case == use_case,
                                                         DraftRow.created_at < cutoff)))
    _delete_drafts(session, ids)
    return len(ids)


def _purge_mappings(session: Session, use_case: str, cutoff: datetime) -> int:
    ids = list(session.scalars(select(PseudonymMapRow.id).where(
        PseudonymMapRow.use_case == use_case, PseudonymMapRow.created_at < cutoff)))
    if ids:
        session.execute(delete(PseudonymIndexRow).where(PseudonymIndexRow.map_id.in_(ids)))
        session.execute(delete(PseudonymMapRow).where(PseudonymMapRow.id.in_(ids)))
    return len(ids)


def _purge_workshop(session: Session, use_case: str, cutoff: datetime) -> int:
    if use_case != "prompt_workshop":
        return 0
    ids = list(session.scalars(select(WorkshopCompletionRow.id)
                               .where(WorkshopCompletionRow.at < cutoff)))
    if ids:
        session.execute(delete(WorkshopCompletionRow).where(WorkshopCompletionRow.id.in_(ids)))
    return len(ids)


def _none_found(session: Session, vault: Vault, subject: Subject) -> list[dict[str, Any]]:
    return []


def _none_erased(session: Session, vault: Vault, subject: Subject) -> int:
    return 0


BUILT_IN: tuple[SubjectSource, ...] = (
    SubjectSource("accounts", _find_accounts, _erase_accounts),
    SubjectSource("pseudonym_maps", _find_mappings, _erase_mappings, _purge_mappings),
    SubjectSource("drafts", _find_drafts, _erase_drafts, _purge_drafts),
    SubjectSource("workshop_completions", _none_found, _none_erased, _purge_workshop),
)
_registered: list[SubjectSource] = []


def register_source(source: SubjectSource) -> None:
    """Add a capability's source (idempotent by name)."""
    if all(s.name != source.name for s in _registered):
        _registered.append(source)


def all_sources() -> list[SubjectSource]:
    """Built-in sources, then those of installed capabilities, then registered ones."""
    sources = list(BUILT_IN)
    for name in SOURCE_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name and name.startswith(exc.name):
                continue
            raise
        sources.extend(getattr(module, "SOURCES", []))
    names = {s.name for s in sources}
    return sources + [s for s in _registered if s.name not in names]
