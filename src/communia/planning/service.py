"""Planning use cases: import a log, forecast it, propose a plan, adopt or edit it, export it.

The plan is a draft (``governance.review``) until a named person adopts it; every
step is journaled with digests and counts only (places and times, never people).
In the web, forecasts and plans are jobs (``planning.jobs``): the run keeps the team
and the forecast, so a job's payload holds only the run's id and digests.
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import IO, Any

import yaml
from sqlalchemy import select

from communia.bootstrap import Runtime
from communia.errors import Conflict, NotFound
from communia.governance import journal, review
from communia.governance.events import ActionRecorded
from communia.governance.vault import sha256_text
from communia.planning import exports, schedule, texts
from communia.planning.forecast import ForecastOptions, check_history, forecast
from communia.planning.ingest import ImportOptions, Progress, read_events
from communia.planning.model import EventCounts, ForecastResult
from communia.planning.plan import Plan
from communia.planning.rota import to_plan
from communia.planning.tables import PlanningRunRow
from communia.planning.team import Team, TeamInvalid, parse_team
from communia.planning.window import demand_window

USE_CASE = "planning"
PLAN_KIND = "mediation_plan"
Steps = Callable[[int, int, str], None]  # done, total, what is being done


class RunNotFound(NotFound):
    """No imported log with this identifier."""


class ForecastMissing(Conflict):
    """A plan was asked for a log that has no forecast yet."""


class PlanInputsChanged(Conflict):
    """The team or forecast a plan job was asked on changed before it ran."""


@dataclass(frozen=True)
class Run:
    """An imported log as the pages show it: counts, forecast, latest plan."""

    id: str
    name: str
    created_by: str
    created_at: str
    counts: EventCounts
    forecast: ForecastResult | None
    team_yaml: str
    draft_id: str


@dataclass(frozen=True)
class PlanView:
    """A plan with its review state."""

    draft_id: str
    plan: Plan
    status: str
    adopted_by: str
    run_id: str
    timezone: str


def import_log(runtime: Runtime, name: str, handle: IO[bytes], options: ImportOptions,
               actor: str, on_progress: Progress | None = None) -> str:
    """Read a log into counts per zone × hour, store them as a run; the run's id.

    A log too short to forecast from (less than one full week) is refused here, before
    anyone waits for a forecast of it.
    """
    digest = _sha256(handle)
    counts = read_events(name, handle, options, on_progress)
    check_history(counts, name)
    run_id = str(uuid.uuid4())
    with runtime.db.session() as session:
        session.add(PlanningRunRow(id=run_id, name=name[:255], created_by=actor,
                                   source_sha256=digest, counts=counts.to_json(),
                                   options={"time_column": options.time_column,
                                            "place_column": options.place_column,
                                            "source_column": options.source_column,
                                            "timezone": options.timezone}))
        journal.record(session, ActionRecorded(
            actor=actor, use_case=USE_CASE, action="planning.imported",
            detail={"run": run_id, "file_sha256": digest, "events": counts.events,
                    "zones": len(counts.zones), "skipped": counts.skipped,
                    "team_observed": counts.team_observed}))
    return run_id


def forecast_run(runtime: Runtime, run_id: str, options: ForecastOptions,
                 actor: str, progress: Steps | None = None) -> ForecastResult:
    """Forecast a run's counts and keep the result with the run (replacing the previous one)."""
    run = get_run(runtime, run_id)
    result = forecast(run.counts, options, progress)
    if progress is not None:
        progress(1, 1, "Saving the forecast")  # the last chance to stop before it is stored
    with runtime.db.session() as session:
        row = _row(session, run_id)
        row.forecast = result.to_json()
        journal.record(session, ActionRecorded(
            actor=actor, use_case=USE_CASE, action="planning.forecast",
            detail={"run": run_id, "model": result.model, "horizon_weeks": options.horizon_weeks,
                    "mase_model": result.backtest.mase_model,
                    "mase_baseline": result.backtest.mase_baseline}))
    return result


def keep_forecast(runtime: Runtime, run_id: str, data: dict[str, Any]) -> None:
    """Show again a forecast computed earlier for the run (a job's stored result)."""
    result = ForecastResult.from_json(data)
    with runtime.db.session() as session:
        _row(session, run_id).forecast = result.to_json()


def forecast_digest(data: dict[str, Any] | None) -> str:
    """SHA-256 of a stored forecast (what a plan job was asked on)."""
    return sha256_text(json.dumps(data, sort_keys=True, ensure_ascii=False)) if data else ""


def prepare_plan(runtime: Runtime, run_id: str, team_yaml: str) -> dict[str, str]:
    """Check the team and keep it with the forecasted run; the digests a plan is made from."""
    read_team(team_yaml)
    with runtime.db.session() as session:
        row = _row(session, run_id)
        if row.forecast is None:
            raise ForecastMissing(texts.FORECAST_MISSING())
        row.team_yaml = team_yaml
        return {"team_sha256": sha256_text(team_yaml),
                "forecast_sha256": forecast_digest(row.forecast)}


def propose_for_run(runtime: Runtime, run_id: str, digests: dict[str, str], actor: str,
                    plan_key: str, seconds: float | None = None, analyse: bool = True,
                    progress: Steps | None = None) -> PlanView:
    """Plan the run's kept team on its forecast, once per ``plan_key``.

    The solver searches for ``seconds``, by default the setting ``planning_schedule_seconds``.

    ``digests`` (from ``prepare_plan``) must still match what the run holds. A plan
    already stored under ``plan_key`` (a job run again after a lost worker) is returned
    instead of a second draft.
    """
    with runtime.db.session() as session:
        row = _row(session, run_id)
        existing = _plan_under(session, row, plan_key)
        team_yaml, stored = row.team_yaml or "", row.forecast
    if existing:
        return load_plan(runtime, existing)
    if sha256_text(team_yaml) != digests.get("team_sha256") or \
            forecast_digest(stored) != digests.get("forecast_sha256"):
        raise PlanInputsChanged(texts.INPUTS_CHANGED())
    assert stored is not None
    result = ForecastResult.from_json(stored)
    plan = _propose(runtime, result, read_team(team_yaml), seconds, analyse, progress)
    if progress is not None:
        progress(2, 2, "Saving the plan")  # the last chance to stop before it is stored
    with runtime.db.session() as session:
        row = _row(session, run_id, lock=True)  # one writer per run: one draft per key
        existing = _plan_under(session, row, plan_key) or _store_plan(
            session, runtime, result, plan, actor, run_id, plan_key)
    return load_plan(runtime, existing)


def keep_plan(runtime: Runtime, run_id: str, draft_id: str) -> None:
    """Make a plan proposed earlier the run's latest plan again (a job's stored result)."""
    with runtime.db.session() as session:
        _row(session, run_id).draft_id = draft_id


def _plan_under(session: Any, row: PlanningRunRow, plan_key: str) -> str | None:
    """The run's latest plan if it was stored under ``plan_key``."""
    if not row.draft_id:
        return None
    provenance = review.get_draft(session, row.draft_id).provenance or {}
    return row.draft_id if provenance.get("plan_key") == plan_key else None


def read_team(text: str) -> Team:
    """Parse team.yaml text; ``TeamInvalid`` names the mistake."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise TeamInvalid(texts.TEAM_YAML_AT(line=mark.line + 1) if mark is not None
                          else texts.TEAM_YAML()) from None
    return parse_team(data)


def propose_plan(runtime: Runtime, result: ForecastResult, team_yaml: str, actor: str,
                 run_id: str = "", seconds: float | None = None,
                 analyse: bool = True) -> PlanView:
    """Solve a plan for the team and store it as a draft awaiting a named person's adoption.

    The solver searches for ``seconds``, by default the setting ``planning_schedule_seconds``.
    """
    team = read_team(team_yaml)
    plan = _propose(runtime, result, team, seconds, analyse)
    with runtime.db.session() as session:
        draft_id = _store_plan(session, runtime, result, plan, actor, run_id)
        if run_id:
            _row(session, run_id).team_yaml = team_yaml
    return PlanView(draft_id, plan, "draft", "", run_id, result.timezone)


def _propose(runtime: Runtime, result: ForecastResult, team: Team, seconds: float | None,
             analyse: bool, progress: Steps | None = None) -> Plan:
    """``schedule.propose`` within the solver time limits of the settings."""
    settings = runtime.settings
    return schedule.propose(
        result, team, settings.planning_schedule_seconds if seconds is None else seconds,
        analyse, progress, feasibility_seconds=settings.planning_feasibility_seconds)


def _store_plan(session: Any, runtime: Runtime, result: ForecastResult, plan: Plan, actor: str,
                run_id: str, plan_key: str = "") -> str:
    """Store a plan as a draft (the run's latest plan, if any) and journal it; its id."""
    content = json.dumps(plan.to_json(), ensure_ascii=False)
    keyed = {"plan_key": plan_key} if plan_key else {}
    draft = review.create_draft(
        session, runtime.vault, use_case=USE_CASE, kind=PLAN_KIND,
        title=f"Planning de médiation du {plan.start} ({plan.days} j)", content=content,
        requested_by=actor,
        provenance={"use_case": USE_CASE, "backend": "deterministic", "model": "cp-sat",
                    "template": "planning.schedule", "forecast_model": result.model,
                    "run_id": run_id, "timezone": result.timezone, **keyed})
    if run_id:
        _row(session, run_id).draft_id = draft.id
    journal.record(session, ActionRecorded(
        actor=actor, use_case=USE_CASE, action="planning.proposed",
        detail={"draft": draft.id, "status": plan.status, "days": plan.days,
                "assignments": len(plan.assignments),
                "covered_share": round(plan.covered_share, 4),
                "content_sha256": sha256_text(content)}))
    return str(draft.id)


def load_plan(runtime: Runtime, draft_id: str) -> PlanView:
    """The current version of a plan and its review state."""
    with runtime.db.session() as session:
        draft = review.get_draft(session, draft_id)
        if draft.use_case != USE_CASE:
            raise review.DraftNotFound(f"No plan '{draft_id}'.")
        content = review.current_content(session, runtime.vault, draft_id)
        adopted = draft.reviewed_by or "" if draft.status == "approved" else ""
        prov = dict(draft.provenance)
        status = draft.status
    return PlanView(draft_id, Plan.from_json(json.loads(content)), status, adopted,
                    str(prov.get("run_id", "")), str(prov.get("timezone", "Europe/Paris")))


def adopt_plan(runtime: Runtime, draft_id: str, username: str, reason: str = "") -> None:
    """A named person adopts the plan (``review.approve``); refused for 'ai', 'system', unknown."""
    with runtime.db.session() as session:
        review.require_named_user(session, username)
        review.approve(session, runtime.vault, draft_id, username, reason)


def edit_plan(runtime: Runtime, draft_id: str, username: str, lines: str, reason: str = "") -> Plan:
    """Replace the assignments by edited lines "mediator;day;shift;zone"; coverage is recomputed."""
    view = load_plan(runtime, draft_id)
    run = get_run(runtime, view.run_id) if view.run_id else None
    if run is None or run.forecast is None or not run.team_yaml:
        raise review.DraftClosed("This plan was made outside a run (CLI); edit it by proposing "
                                 "a new plan from the planning page.")
    from communia.planning.editing import apply_lines

    team = read_team(run.team_yaml)
    window = demand_window(run.forecast, team)
    chosen = apply_lines(lines, team, window)
    plan = to_plan("edited", chosen, team, window, 0.0, view.plan.forecast_model)
    plan.notices.append(texts.EDITED())
    with runtime.db.session() as session:
        review.edit(session, runtime.vault, draft_id, username,
                    json.dumps(plan.to_json(), ensure_ascii=False), reason)
    return plan


def export_plan(runtime: Runtime, draft_id: str, fmt: str, lang: str = "fr",
                team: str = "") -> tuple[str, str, bytes]:
    """File name, media type and bytes of a plan export (draft-marked unless adopted)."""
    view = load_plan(runtime, draft_id)
    if view.adopted_by:
        with runtime.db.session() as session:
            content, approver = review.final_content(session, runtime.vault, draft_id)
        plan, adopted = Plan.from_json(json.loads(content)), approver
    else:
        plan, adopted = view.plan, ""
    stem = f"planning-{plan.start}"
    if fmt == "xlsx":
        return (f"{stem}.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                exports.to_xlsx(plan, adopted, lang))
    if fmt == "ics":
        chosen = team or (plan.teams[0] if plan.teams else "")
        if chosen not in plan.teams:
            raise NotFound(f"No team '{chosen}' in this plan; teams: {', '.join(plan.teams)}.")
        return (f"{stem}-{_slug(chosen)}.ics", "text/calendar",
                exports.to_ics(plan, chosen, view.timezone, adopted, lang))
    if fmt == "pdf":
        settings = runtime.settings
        title = "Planning de médiation" if lang == "fr" else "Mediation plan"
        return (f"{stem}.pdf", "application/pdf",
                exports.to_pdf(plan, f"{title} — {plan.start}",
                               (settings.authority_name, settings.authority_address),
                               adopted, lang))
    raise NotFound(f"Unknown export format '{fmt}'; use xlsx, ics or pdf.")


def get_run(runtime: Runtime, run_id: str) -> Run:
    with runtime.db.session() as session:
        row = _row(session, run_id)
        return _run(row)


def list_runs(runtime: Runtime, limit: int = 50) -> list[Run]:
    """Imported logs, newest first."""
    with runtime.db.session() as session:
        rows = session.scalars(select(PlanningRunRow).order_by(
            PlanningRunRow.created_at.desc()).limit(limit)).all()
        return [_run(r) for r in rows]


def _run(row: PlanningRunRow) -> Run:
    return Run(row.id, row.name, row.created_by, row.created_at.isoformat()[:16],
               EventCounts.from_json(row.counts),
               ForecastResult.from_json(row.forecast) if row.forecast else None,
               row.team_yaml or "", row.draft_id or "")


def _row(session: Any, run_id: str, lock: bool = False) -> PlanningRunRow:
    row = session.get(PlanningRunRow, run_id, with_for_update=lock)
    if row is None:
        raise RunNotFound(texts.RUN_NOT_FOUND(run=run_id))
    assert isinstance(row, PlanningRunRow)
    return row


def _sha256(handle: IO[bytes]) -> str:
    digest = hashlib.sha256()
    for block in iter(lambda: handle.read(1 << 20), b""):
        digest.update(block)
    handle.seek(0)
    return digest.hexdigest()


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(c if c.isalnum() else "-" for c in ascii_text).strip("-").lower() or "equipe"
