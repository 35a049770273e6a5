"""The human loop: rename, merge, split, delete themes, move reports, finalise.

Only a named, active account may act; each action is journaled and the assignments
it writes carry that person as author. Merge and split change only the memberships in
the themes they act on: a report that also belongs to another theme stays there.
Deleting a theme leaves its reports without a theme (or in their other theme, if they
had one) until finalising re-maps every report left without a theme to the nearest
final theme and opens the synthesis note for review.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Sequence

import numpy as np
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from communia.bootstrap import Runtime
from communia.errors import InvalidInput
from communia.feedback import clustering, keywords, outputs
from communia.feedback import messages as msg
from communia.feedback.model import AI_AUTHOR, KEYWORDS_PER_THEME, keyword_label
from communia.feedback.service import (
    USE_CASE,
    active_themes,
    editable_run,
    reassign,
    rows_of,
    theme_of,
)
from communia.feedback.tables import FeedbackAssignment, FeedbackReport, FeedbackTheme
from communia.governance import journal, review
from communia.governance.events import ActionRecorded, HumanDecision
from communia.governance.vault import sha256_text
from communia.store.base import utcnow


def rename(runtime: Runtime, run_id: str, theme_id: str, label: str, user: str) -> None:
    """Give a theme a person's label."""
    label = label.strip()
    if not label:
        raise InvalidInput(msg.EMPTY_LABEL)
    with runtime.db.session() as session:
        review.require_named_user(session, user)
        editable_run(session, run_id)
        theme = theme_of(session, run_id, theme_id)
        theme.label, theme.author = label[:200], user
        _journal(session, user, "feedback.theme_renamed", run_id, theme=theme.code)


def merge(runtime: Runtime, run_id: str, theme_ids: list[str], user: str) -> str:
    """Merge themes into the first one; their reports' memberships now carry ``user`` as author.

    A report keeps its other themes, and stays the merged theme's own report only if it
    was the own report of one of the merged themes.
    """
    if len(set(theme_ids)) < 2:
        raise InvalidInput(msg.MERGE_TWO)
    with runtime.db.session() as session:
        review.require_named_user(session, user)
        editable_run(session, run_id)
        themes = [theme_of(session, run_id, t) for t in dict.fromkeys(theme_ids)]
        target, others = themes[0], themes[1:]
        rows = _repoint(session, run_id, [t.id for t in themes], target.id, user)
        target.keywords = list(dict.fromkeys(w for t in themes for w in t.keywords))[:12]
        target.quotes = [q for t in themes for q in t.quotes][:6]
        target.centroid = _mean([t.centroid for t in themes])
        target.author = user
        for other in others:
            other.active = False
        _journal(session, user, "feedback.themes_merged", run_id,
                 theme=target.code, merged=[t.code for t in others], rows=len(rows))
        return target.id


def split(runtime: Runtime, run_id: str, theme_id: str, user: str) -> str:
    """Split a theme in two by its reports' embeddings; returns the new theme's id."""
    from communia.feedback.themes import _encode

    with runtime.db.session() as session:
        review.require_named_user(session, user)
        editable_run(session, run_id)
        theme = theme_of(session, run_id, theme_id)
        rows = rows_of(session, theme.id)
        if len(rows) < 2:
            raise InvalidInput(msg.TOO_FEW_TO_SPLIT.format(label=theme.label))
        texts = _texts(runtime, session, run_id, rows)
        vectors = _encode(texts, runtime.settings.feedback_embedding_threads)
        halves = clustering.split_in_two(vectors)
        if len(set(halves.tolist())) < 2:
            raise InvalidInput(msg.TOO_ALIKE.format(label=theme.label))
        terms = keywords.distinctive_keywords(texts, halves, 2, KEYWORDS_PER_THEME)
        new = FeedbackTheme(
            id=str(uuid.uuid4()), run_id=run_id, code=_next_code(session, run_id),
            label=keyword_label(terms[1]), keywords=terms[1], quotes=[],
            centroid=_mean([v.tolist() for v in vectors[halves == 1]]), active=True,
            author=user, position=theme.position)
        session.add(new)
        session.flush()
        theme.keywords = terms[0] or theme.keywords
        theme.centroid = _mean([v.tolist() for v in vectors[halves == 0]])
        theme.author = user
        moved = [r for r, h in zip(rows, halves.tolist(), strict=True) if h == 1]
        _repoint(session, run_id, [theme.id], new.id, user, set(moved))
        _repoint(session, run_id, [theme.id], theme.id, user)  # the half that stays
        theme.quotes = [q for q in theme.quotes if q in _quoted(runtime, session, run_id,
                                                                 rows_of(session, theme.id))]
        new.quotes = [q for q in outputs.quotes_for(runtime, session, run_id, moved)]
        _journal(session, user, "feedback.theme_split", run_id, theme=theme.code,
                 new_theme=new.code, moved=len(moved))
        return new.id


def delete_theme(runtime: Runtime, run_id: str, theme_id: str, user: str) -> None:
    """Withdraw a theme; its reports wait for re-mapping at finalisation.

    A report that also belonged to another theme keeps that one, now as its own theme.
    """
    with runtime.db.session() as session:
        review.require_named_user(session, user)
        editable_run(session, run_id)
        theme = theme_of(session, run_id, theme_id)
        if len(active_themes(session, run_id)) < 2:
            raise InvalidInput(msg.LAST_THEME)
        theme.active = False
        theme.author = user
        gone = list(session.scalars(select(FeedbackAssignment).where(
            FeedbackAssignment.theme_id == theme.id)))
        lost_primary = {a.row for a in gone if a.is_primary}
        for assignment in gone:
            session.delete(assignment)
        session.flush()
        promoted = _promote(session, run_id, lost_primary, user)
        _journal(session, user, "feedback.theme_deleted", run_id, theme=theme.code,
                 rows=len({a.row for a in gone}), kept_in_other_theme=promoted)


def move(runtime: Runtime, run_id: str, rows: list[int], theme_id: str, user: str) -> None:
    """Move reports (by 0-based row) to one theme; ``user`` becomes their author.

    The web page numbers reports from 1: ``rows_from_numbers`` turns its numbers into rows.
    """
    with runtime.db.session() as session:
        review.require_named_user(session, user)
        run = editable_run(session, run_id)
        theme = theme_of(session, run_id, theme_id)
        bad = [r for r in rows if not 0 <= r < run.reports]
        if bad or not rows:
            raise InvalidInput(f"Rows must be between 0 and {run.reports - 1}; got "
                               f"{', '.join(map(str, bad)) or 'none'}.")
        reassign(session, run_id, sorted(set(rows)), theme.id, user)
        _journal(session, user, "feedback.reports_moved", run_id, theme=theme.code,
                 rows=len(set(rows)))


def rows_from_numbers(typed: str, ticked: Sequence[str], reports: int) -> list[int]:
    """The 0-based rows of the reports a person picked by their numbers (1 to ``reports``).

    ``ticked`` are the numbers of the ticked boxes, ``typed`` what was typed: numbers
    separated by commas, semicolons or spaces, and ranges such as ``12-15``. Raises
    ``InvalidInput`` naming the first value that is not a number, a range written
    backwards, or every number outside 1 to ``reports``.
    """
    numbers: list[int] = []
    for value in ticked:
        if not value.strip().isdigit():
            raise InvalidInput(msg.NOT_A_NUMBER.format(value=value.strip()))
        numbers.append(int(value))
    for token in _NUMBER_SEPARATORS.split(_RANGE_DASH.sub("-", typed.strip())):
        if not token:
            continue
        found = _NUMBER_OR_RANGE.fullmatch(token)
        if found is None:
            raise InvalidInput(msg.NOT_A_NUMBER.format(value=token))
        low, high = int(found.group(1)), int(found.group(2) or found.group(1))
        if low > high:
            raise InvalidInput(msg.RANGE_BACKWARDS.format(value=token))
        if not (1 <= low <= reports and 1 <= high <= reports):
            numbers.extend(n for n in (low, high) if not 1 <= n <= reports)
            continue
        numbers.extend(range(low, high + 1))
    if not numbers:
        raise InvalidInput(msg.NOTHING_TO_MOVE)
    outside = list(dict.fromkeys(n for n in numbers if not 1 <= n <= reports))
    if outside:
        raise InvalidInput(msg.OUT_OF_RANGE.format(
            numbers=", ".join(map(str, outside[:10])) + (", …" if len(outside) > 10 else ""),
            last=reports))
    return sorted({n - 1 for n in numbers})


_RANGE_DASH = re.compile(r"\s*[-–—]\s*")
_NUMBER_SEPARATORS = re.compile(r"[,;\s]+")
_NUMBER_OR_RANGE = re.compile(r"(\d{1,9})(?:-(\d{1,9}))?")


def finalise(runtime: Runtime, run_id: str, user: str, lang: str = "fr") -> str:
    """A named person finalises the themes; returns the synthesis note's draft id."""
    with runtime.db.session() as session:
        review.require_named_user(session, user)
        run = editable_run(session, run_id)
        remapped = _remap_orphans(runtime, session, run_id)
        run.status, run.finalised_by, run.finalised_at = "finalised", user, utcnow()
        session.flush()
        content = outputs.note_text(runtime, session, run_id, lang)
        draft = review.create_draft(
            session, runtime.vault, use_case=USE_CASE, kind="feedback_note",
            title=f"Synthesis note — {run.title}", content=content, requested_by=user,
            provenance={"use_case": USE_CASE, "user": user, "backend": "deterministic",
                        "run_id": run_id, "finalised_by": user})
        run.note_draft_id = draft.id
        journal.record(session, HumanDecision(
            actor=user, use_case=USE_CASE, subject_ref=f"feedback-run:{run_id}",
            decision="themes_finalised", reason_sha256=sha256_text(f"remapped={remapped}")))
        return draft.id


def _repoint(session: Session, run_id: str, from_ids: list[str], to_id: str, user: str,
             rows: set[int] | None = None) -> list[int]:
    """Move the memberships in ``from_ids`` (optionally of ``rows`` only) to one theme.

    A report in several of these themes gets one membership, its own theme if any of
    them was; its memberships in other themes are left as they are. Returns the rows.
    """
    found = [a for a in session.scalars(select(FeedbackAssignment).where(
        FeedbackAssignment.run_id == run_id, FeedbackAssignment.theme_id.in_(from_ids)))
        if rows is None or a.row in rows]
    primary = {a.row for a in found if a.is_primary}
    touched = sorted({a.row for a in found})
    for assignment in found:
        session.delete(assignment)
    session.flush()
    session.add_all(FeedbackAssignment(run_id=run_id, row=r, theme_id=to_id,
                                       is_primary=r in primary, author=user, at=utcnow())
                    for r in touched)
    session.flush()
    return touched


def _promote(session: Session, run_id: str, rows: set[int], user: str) -> int:
    """Give each of ``rows`` that lost its own theme its first other theme as its own."""
    if not rows:
        return 0
    promoted: set[int] = set()
    for assignment in session.scalars(select(FeedbackAssignment).where(
            FeedbackAssignment.run_id == run_id, FeedbackAssignment.is_primary.is_(False))
            .order_by(FeedbackAssignment.id)):
        if assignment.row in rows and assignment.row not in promoted:
            assignment.is_primary, assignment.author, assignment.at = True, user, utcnow()
            promoted.add(assignment.row)
    session.flush()
    return len(promoted)


def _remap_orphans(runtime: Runtime, session: Session, run_id: str) -> int:
    from communia.feedback.themes import _encode

    themes = [t for t in active_themes(session, run_id) if t.centroid]
    assigned = set(session.scalars(select(FeedbackAssignment.row)
                                   .where(FeedbackAssignment.run_id == run_id)))
    reports = session.scalars(select(FeedbackReport).where(FeedbackReport.run_id == run_id))
    orphans = [r for r in reports if r.row not in assigned]
    texts = [runtime.vault.decrypt(r.text) for r in orphans]
    keep = [(r.row, t) for r, t in zip(orphans, texts, strict=True) if t.strip()]
    if not keep or not themes:
        return 0
    vectors = _encode([t for _, t in keep], runtime.settings.feedback_embedding_threads)
    centroids = np.asarray([t.centroid for t in themes], dtype=np.float32)
    nearest = (vectors @ centroids.T).argmax(axis=1)
    session.add_all(FeedbackAssignment(run_id=run_id, row=row, theme_id=themes[int(n)].id,
                                       is_primary=True, author=AI_AUTHOR)
                    for (row, _), n in zip(keep, nearest.tolist(), strict=True))
    session.flush()
    return len(keep)


def _texts(runtime: Runtime, session: Session, run_id: str, rows: list[int]) -> list[str]:
    found = {r.row: runtime.vault.decrypt(r.text) for r in session.scalars(
        select(FeedbackReport).where(FeedbackReport.run_id == run_id,
                                     FeedbackReport.row.in_(rows)))}
    return [found.get(r, "") for r in rows]


def _quoted(runtime: Runtime, session: Session, run_id: str, rows: list[int]) -> str:
    return "\n".join(outputs.quotes_for(runtime, session, run_id, rows, limit=len(rows)))


def _next_code(session: Session, run_id: str) -> str:
    count = session.scalar(select(func.count()).select_from(FeedbackTheme)
                           .where(FeedbackTheme.run_id == run_id)) or 0
    return f"t{count + 1}"


def _mean(vectors: list[list[float]]) -> list[float]:
    usable = [v for v in vectors if v]
    if not usable:
        return []
    mean = np.mean(np.asarray(usable, dtype=np.float32), axis=0)
    norm = float(np.linalg.norm(mean)) or 1.0
    return [round(float(x), 5) for x in mean / norm]


def _journal(session: Session, user: str, action: str, run_id: str, **detail: object) -> None:
    journal.record(session, ActionRecorded(actor=user, use_case=USE_CASE, action=action,
                                           detail={"run_id": run_id, **detail}))
