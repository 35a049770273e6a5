"""Feedback use cases: run a synthesis, store it, and let a named person shape and finalise it.

A web synthesis keeps its uploaded file (encrypted) with the run and is analysed by a
job (``feedback.jobs``); the CLI analyses in the command. Either way the themes are
stored once per run. Every human action needs a named, active account
(``review.require_named_user``), is journaled, and writes the assignments it changes
with that person as author.
"""

from __future__ import annotations

import base64
import hashlib
import io
import uuid
from collections.abc import Callable
from typing import IO

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from communia.ai.backends import BackendFailed, BackendUnavailable
from communia.bootstrap import Runtime
from communia.errors import Conflict, InvalidInput, NotFound
from communia.feedback import columns as column_guess
from communia.feedback import ingest
from communia.feedback import messages as msg
from communia.feedback.ingest import ColumnChoice, Ingested
from communia.feedback.model import AI_AUTHOR, theme_bounds, validate_theme_count
from communia.feedback.tables import (
    FeedbackAssignment,
    FeedbackInput,
    FeedbackReport,
    FeedbackRun,
    FeedbackTheme,
)
from communia.feedback.themes import Labeller, Synthesis, synthesise
from communia.governance import journal
from communia.governance.events import ActionRecorded
from communia.store.base import utcnow

USE_CASE = "feedback"
Progress = Callable[[str, float], None]
# Share of the progress bar given to each stage, in order.
STAGES = (("reading", 10), ("pseudonymisation", 20), ("embeddings", 35), ("clustering", 15),
          ("keywords", 10), ("labels", 5), ("saving", 5))
STORED = ("ready", "finalised")  # a run whose themes are stored


class RunNotFound(NotFound):
    """No synthesis with this identifier."""


class RunFinalised(Conflict):
    """The synthesis is finalised; its themes can no longer change."""


def create_run(runtime: Runtime, title: str, actor: str, params: dict[str, object]) -> str:
    """Record a new synthesis (status ``running``) and return its identifier."""
    run_id = str(uuid.uuid4())
    with runtime.db.session() as session:
        session.add(FeedbackRun(id=run_id, title=title[:300], created_by=actor, status="running",
                                stage="reading", progress=0, message="", params=params,
                                notices=[], reports=0, granularity="month"))
    return run_id


def prepare_run(runtime: Runtime, name: str, data: bytes, choice: ColumnChoice,
                n_themes: int | None, actor: str) -> str:
    """Record a synthesis with its uploaded file (encrypted) for a job to analyse; its id."""
    columns = {"text": choice.text, "date": choice.date, "place": choice.place,
               "source": choice.source}
    run_id = create_run(runtime, name, actor, {"file": name, "themes": n_themes,
                                               "columns": columns})
    with runtime.db.session() as session:
        session.add(FeedbackInput(
            run_id=run_id, name=name[:300], sha256=hashlib.sha256(data).hexdigest(),
            data=runtime.vault.encrypt(base64.b64encode(data).decode("ascii"))))
    return run_id


# Fewer rows than this share holding words (not numbers, dates or nothing): the column
# chosen as the text is not the text of the reports.
TEXT_SHARE = 0.2


def reports_with_text(runtime: Runtime, name: str, data: bytes, choice: ColumnChoice) -> int:
    """How many rows of the file have text in the chosen text column."""
    read = ingest.read_reports(name, io.BytesIO(data), ColumnChoice(choice.text),
                               max_reports=runtime.settings.feedback_max_reports,
                               max_report_chars=runtime.settings.feedback_max_report_chars)
    return sum(1 for r in read.reports if r.text)


def check_size(runtime: Runtime, name: str, data: bytes) -> int:
    """The number of reports (data rows) in the file; refuses, before any job, a file with
    more than the setting ``feedback_max_reports``, naming the count and the limit (the
    job refuses it again when it reads the file)."""
    limit = runtime.settings.feedback_max_reports
    count = ingest.count_rows(name, io.BytesIO(data))
    if count > limit:
        raise ingest.TooManyReports(msg.TOO_MANY_REPORTS.format(
            name=name, count=f"{count:,}", limit=f"{limit:,}"))
    return count


def check_start(runtime: Runtime, name: str, data: bytes, choice: ColumnChoice,
                themes: str) -> int | None:
    """The number of themes asked for (None: chosen by the analysis), once the column
    step fits the file; before any job, refuses naming the field by its form label a
    column that is not in the file, a text column of numbers, dates or nothing, and a
    number of themes that is not a whole number in ``theme_bounds``; a file with more
    reports than the setting allows is refused too (``check_size``)."""
    check_size(runtime, name, data)
    header = ingest.read_columns(name, io.BytesIO(data))
    for label, column in ((msg.TEXT_LABEL, choice.text), (msg.DATE_LABEL, choice.date),
                          (msg.PLACE_LABEL, choice.place), (msg.SOURCE_LABEL, choice.source)):
        if (column or label == msg.TEXT_LABEL) and not ingest.has_column(header, column):
            raise InvalidInput(msg.FIELD_NO_COLUMN.format(field=label, column=column))
    read = ingest.read_reports(name, io.BytesIO(data), choice,
                               max_reports=runtime.settings.feedback_max_reports,
                               max_report_chars=runtime.settings.feedback_max_report_chars)
    worded = sum(1 for r in read.reports if column_guess.looks_like_text(r.text))
    if not worded or worded < TEXT_SHARE * len(read.reports):
        raise InvalidInput(msg.FIELD_NOT_TEXT.format(field=msg.TEXT_LABEL, column=choice.text))
    if not themes.strip():
        return None
    least = runtime.settings.feedback_min_group_size
    with_text = sum(1 for r in read.reports if r.text)
    low, high = theme_bounds(with_text, least)
    try:
        wanted = int(themes.strip())
    except ValueError:
        wanted = low - 1
    if not low <= wanted <= high:
        raise InvalidInput(msg.FIELD_THEME_COUNT.format(
            field=msg.THEMES_LABEL, low=low, high=high, reports=with_text, least=least))
    return wanted


def attach_job(runtime: Runtime, run_id: str, job_id: str) -> None:
    """Remember which job analyses the run (its page shows that job's progress)."""
    with runtime.db.session() as session:
        run = _run(session, run_id)
        run.params = {**run.params, "job_id": job_id}


def job_of(run: FeedbackRun) -> str:
    """The id of the job that analyses ``run`` ("" for a run made by the CLI)."""
    return str(run.params.get("job_id") or "")


def execute(runtime: Runtime, run_id: str, name: str, stream: IO[bytes], choice: ColumnChoice,
            n_themes: int | None, actor: str, progress: Progress | None = None) -> Synthesis:
    """Read, analyse and store one synthesis; on a known error the run says why, then re-raises."""
    try:
        return analyse(runtime, run_id, name, stream, choice, n_themes, actor, progress)
    except Exception as exc:
        fail_run(runtime, run_id, exc)
        raise


def analyse(runtime: Runtime, run_id: str, name: str, stream: IO[bytes], choice: ColumnChoice,
            n_themes: int | None, actor: str, progress: Progress | None = None) -> Synthesis:
    """Read, analyse and store one synthesis (once per run); errors propagate unrecorded."""
    settings = runtime.settings
    report = _progress_writer(runtime, run_id, progress)
    read = ingest.read_reports(name, stream, choice,
                               max_reports=settings.feedback_max_reports,
                               max_report_chars=settings.feedback_max_report_chars)
    report("reading", 1.0)
    try:
        k = validate_theme_count(n_themes, sum(1 for r in read.reports if r.text),
                                 settings.feedback_min_group_size)
    except ValueError as exc:
        raise InvalidInput(str(exc)) from None
    result = synthesise(read.reports, k, model_labeller(runtime, actor), report,
                        min_group_size=settings.feedback_min_group_size,
                        pseudonymise_all_max=settings.feedback_pseudonymise_all_max,
                        near_duplicate_max=settings.feedback_near_duplicate_max_reports,
                        embedding_threads=settings.feedback_embedding_threads)
    report("saving", 0.0)
    _store(runtime, run_id, read, result, actor)
    return result


def analyse_stored(runtime: Runtime, run_id: str, actor: str,
                   progress: Progress | None = None) -> dict[str, object]:
    """Analyse the file kept with a web run; a run already stored is left as it is.

    Safe to run again after a lost worker: the themes are stored once per run, in the
    transaction that deletes the kept file. Returns the run's counts.
    """
    with runtime.db.session() as session:
        run = _run(session, run_id)
        stored = run.status in STORED
        kept = None if stored else session.get(FeedbackInput, run_id)
        if not stored and kept is None:
            raise InvalidInput(msg.FILE_GONE.format(title=run.title))
        if kept is not None:
            run.status, run.message = "running", ""  # again, after a failure or a cancellation
            name, blob, params = kept.name, kept.data, dict(run.params)
    if kept is not None:
        columns = params.get("columns") or {}
        choice = ColumnChoice(columns.get("text", ""), columns.get("date", ""),
                              columns.get("place", ""), columns.get("source", ""))
        data = base64.b64decode(runtime.vault.decrypt(blob))
        analyse(runtime, run_id, name, ingest.open_bytes(data), choice, params.get("themes"),
                actor, progress)
    return summary(runtime, run_id)


def summary(runtime: Runtime, run_id: str) -> dict[str, object]:
    """A run's status and counts (no text): what its job returns."""
    with runtime.db.session() as session:
        run = _run(session, run_id)
        themes = session.scalar(select(func.count()).select_from(FeedbackTheme).where(
            FeedbackTheme.run_id == run_id, FeedbackTheme.active.is_(True))) or 0
        return {"run_id": run_id, "status": run.status, "reports": run.reports,
                "themes": int(themes)}


def percent(stage: str, fraction: float) -> int:
    """Overall progress (0-99) of a synthesis at ``fraction`` of ``stage``."""
    start = 0
    for name, share in STAGES:
        if name == stage:
            return min(99, int(start + share * max(0.0, min(1.0, fraction))))
        start += share
    return 0


def _progress_writer(runtime: Runtime, run_id: str, outer: Progress | None) -> Progress:
    last = {"value": -1}

    def report(stage: str, fraction: float) -> None:
        value = percent(stage, fraction)
        if outer:
            outer(stage, fraction)
        if value != last["value"]:
            last["value"] = value
            with runtime.db.session() as session:
                run = session.get(FeedbackRun, run_id)
                if run is not None:
                    run.stage, run.progress = stage, value

    return report


def fail_run(runtime: Runtime, run_id: str, exc: Exception) -> None:
    """Mark a run failed, saying why for the project's errors (never a raw exception)."""
    known = isinstance(exc, InvalidInput | Conflict | NotFound) or hasattr(exc, "kind")
    message = str(exc) if known else msg.FAILED_UNEXPECTEDLY
    stop_run(runtime, run_id, "failed", message)


def stop_run(runtime: Runtime, run_id: str, status: str, message: str) -> None:
    """End a running analysis as ``failed`` or ``cancelled`` and drop its kept file.

    A stored run is left as it is. Nothing offers to resume a stopped run, so its upload
    is not kept: the person uploads the file again.
    """
    with runtime.db.session() as session:
        run = session.get(FeedbackRun, run_id)
        if run is not None and run.status not in STORED:
            run.status, run.message = status, message
            session.execute(delete(FeedbackInput).where(FeedbackInput.run_id == run_id))


def model_labeller(runtime: Runtime, actor: str) -> Labeller | None:
    """Theme labels written by the model through the gateway, or None without a model."""
    if not runtime.gateway.generative:
        return None
    from communia.ai.gateway import DecisionRefused
    from communia.feedback.labels import label_with_model

    state = {"down": False}

    def labeller(keywords: list[str], quotes: list[str]) -> str | None:
        if state["down"]:
            return None
        try:
            return label_with_model(runtime.gateway, actor, keywords, quotes)
        except (BackendUnavailable, BackendFailed):
            state["down"] = True  # keyword labels for the rest; the run notes it
            return None
        except DecisionRefused:
            return None  # the guard blocked this answer (journaled): keyword label

    return labeller


def _store(runtime: Runtime, run_id: str, read: Ingested, result: Synthesis, actor: str) -> None:
    """Store the synthesis in place of anything the run held, once: a run already stored
    (by another worker that finished first) or stopped meanwhile is left as it is."""
    vault = runtime.vault
    with runtime.db.session() as session:
        run = session.get(FeedbackRun, run_id, with_for_update=True)  # one writer per run
        if run is None:
            raise RunNotFound(msg.RUN_NOT_FOUND.format(run_id=run_id))
        if run.status != "running":
            return
        for table in (FeedbackAssignment, FeedbackReport, FeedbackTheme, FeedbackInput):
            session.execute(delete(table).where(table.run_id == run_id))
        theme_ids = {}
        for position, theme in enumerate(result.themes):
            theme_ids[theme.id] = str(uuid.uuid4())
            session.add(FeedbackTheme(
                id=theme_ids[theme.id], run_id=run_id, code=theme.id, label=theme.label,
                keywords=theme.keywords, quotes=theme.quotes,
                centroid=result.centroids.get(theme.id, []), active=True, author=AI_AUTHOR,
                position=position))
        session.flush()
        session.add_all(FeedbackReport(
            run_id=run_id, row=r.row, text=vault.encrypt(result.texts.get(r.row, r.text)),
            quoted=vault.encrypt(result.texts[r.row]) if r.row in result.texts else None,
            day=r.day, place=r.place, source=r.source, truncated=r.truncated)
            for r in read.reports)
        session.add_all(FeedbackAssignment(
            run_id=run_id, row=a.row, theme_id=theme_ids[t], is_primary=n == 0, author=a.author)
            for a in result.assignments for n, t in enumerate(a.theme_ids))
        run.status, run.stage, run.progress = "ready", "done", 100
        run.reports, run.granularity = read.rows, result.granularity
        run.notices = read.notices + result.notices
        run.params = {**run.params, "pseudonymised_all": result.pseudonymised_all,
                      "k_scores": {str(k): v for k, v in result.k_scores.items()}}
        journal.record(session, ActionRecorded(
            actor=actor, use_case=USE_CASE, action="feedback.synthesised",
            detail={"run_id": run_id, "reports": read.rows, "themes": len(result.themes)}))


def get_run(session: Session, run_id: str) -> FeedbackRun:
    """The run, or ``RunNotFound`` naming it."""
    return _run(session, run_id)


def _run(session: Session, run_id: str) -> FeedbackRun:
    run = session.get(FeedbackRun, run_id)
    if run is None:
        raise RunNotFound(msg.RUN_NOT_FOUND.format(run_id=run_id))
    return run


def list_runs(session: Session) -> list[FeedbackRun]:
    """Every synthesis, newest first."""
    return list(session.scalars(select(FeedbackRun).order_by(FeedbackRun.created_at.desc())))


def active_themes(session: Session, run_id: str) -> list[FeedbackTheme]:
    """The run's themes still in use, in display order."""
    return list(session.scalars(select(FeedbackTheme).where(
        FeedbackTheme.run_id == run_id, FeedbackTheme.active.is_(True))
        .order_by(FeedbackTheme.position)))


def theme_of(session: Session, run_id: str, theme_id: str) -> FeedbackTheme:
    """An active theme of the run, or ``NotFound`` naming it."""
    theme = session.get(FeedbackTheme, theme_id)
    if theme is None or theme.run_id != run_id or not theme.active:
        raise NotFound(msg.THEME_NOT_FOUND.format(theme_id=theme_id))
    return theme


def editable_run(session: Session, run_id: str) -> FeedbackRun:
    """The run if its themes may still change (ready, not finalised)."""
    run = _run(session, run_id)
    if run.status == "finalised":
        raise RunFinalised(msg.RUN_FINALISED.format(title=run.title, user=run.finalised_by))
    if run.status != "ready":
        raise Conflict(msg.RUN_NOT_READY.format(title=run.title, status=run.status))
    return run


def rows_of(session: Session, theme_id: str) -> list[int]:
    """Rows assigned to a theme."""
    return sorted(set(session.scalars(select(FeedbackAssignment.row)
                                      .where(FeedbackAssignment.theme_id == theme_id))))


def reassign(session: Session, run_id: str, rows: list[int], theme_id: str, author: str) -> None:
    """Put ``rows`` in one theme only (their primary), written by ``author``."""
    session.execute(delete(FeedbackAssignment).where(
        FeedbackAssignment.run_id == run_id, FeedbackAssignment.row.in_(rows)))
    session.add_all(FeedbackAssignment(run_id=run_id, row=r, theme_id=theme_id, is_primary=True,
                                       author=author, at=utcnow()) for r in rows)
    session.flush()
