"""The recruitment job: ``screening`` analyses a campaign's stored applications in the background.

The payload names a campaign and a frozen criteria version, never documents. Each
application's analysis is an upsert keyed by (application, criteria version), so a job
taken over after a lost worker finishes what is missing and stores no second result.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from communia.bootstrap import Runtime
from communia.errors import InvalidInput
from communia.jobs import JobContext, JobInput, JobRunner, content_key, register_job
from communia.jobs.records import find, is_final
from communia.recruitment import campaigns
from communia.recruitment.service import USE_CASE
from communia.recruitment.tables import CampaignRow

__all__ = ["KIND", "current_screening", "screen", "submit_screening"]

KIND = "screening"
PROGRESS = "Analysing the applications"


def screen(ctx: JobContext, payload: dict[str, Any]) -> dict[str, Any]:
    """Analyse every application of the campaign not yet analysed for the version."""
    campaign_id, version = _reference(payload)

    def report(done: int, total: int) -> None:
        ctx.progress(done, total, PROGRESS)  # the page shows "done / total" beside it

    # One application (the privacy detector's first load, a model summary) can outlast the
    # lease between two reports; a killed worker still loses it.
    with ctx.keep_alive():
        run = campaigns.analyse(ctx.runtime, campaign_id, ctx.actor, version, progress=report)
    ctx.set_result_ref(f"campaign:{campaign_id}")
    return {"campaign_id": campaign_id, "version": run.version, "candidates": run.candidates,
            "analysed": run.analysed, "notices": run.notices,
            "superseded_by": run.superseded_by}


def submit_screening(runner: JobRunner, runtime: Runtime, campaign_id: str, actor: str
                     ) -> str | None:
    """Queue the analysis of the campaign's waiting applications; None if none waits.

    The job is keyed by the campaign, the version and the campaign's applications: asking
    again while it runs (or after it failed or was cancelled) gives the same job, and a
    new upload or a new criteria version makes a new one.
    """
    with runtime.db.session() as session:
        campaigns.get_campaign(session, campaign_id)
        waiting = _waiting(session, campaign_id)
    if waiting is None:
        return None
    payload, key = waiting
    return runner.submit(KIND, payload, key, actor=actor)


def current_screening(runtime: Runtime, campaign_id: str) -> str | None:
    """The unfinished analysis job of the campaign's waiting applications, whoever
    started it, so that every HR officer on the campaign sees its progress."""
    with runtime.db.session() as session:
        waiting = _waiting(session, campaign_id)
        row = find(session, KIND, waiting[1]) if waiting else None
        return row.id if row is not None and not is_final(row.state) else None


def _waiting(session: Session, campaign_id: str) -> tuple[dict[str, Any], str] | None:
    """(payload, key) of the analysis the waiting applications need, or None."""
    version, waiting = campaigns.pending_analysis(session, campaign_id)
    if not waiting:
        return None
    everyone = sorted(c.id for c in campaigns.candidates(session, campaign_id))
    payload = {"campaign_id": campaign_id, "version": version}
    return payload, content_key(KIND, {**payload, "candidates": everyone})


def _reference(payload: dict[str, Any]) -> tuple[str, int]:
    campaign_id, version = payload.get("campaign_id"), payload.get("version")
    if not isinstance(campaign_id, str) or not campaign_id:
        raise InvalidInput("The screening job needs 'campaign_id': the campaign's id.")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise InvalidInput("The screening job needs 'version': the frozen criteria version "
                           "(a number from 1).")
    return campaign_id, version


def describe(runtime: Runtime, payload: dict[str, Any]) -> JobInput | None:
    """The campaign's title and criteria version, so that the jobs page tells jobs apart."""
    campaign_id, version = payload.get("campaign_id"), payload.get("version")
    if not isinstance(campaign_id, str) or not isinstance(version, int):
        return None
    with runtime.db.session() as session:
        campaign = session.get(CampaignRow, campaign_id)
        if campaign is None:
            return None
        return JobInput("{campaign}, criteria version {version}",
                        {"campaign": campaign.title, "version": version})


register_job(KIND, screen, use_case=USE_CASE, title="Screening of applications",
             result_url="/recruitment/{ref}#applications", shared_area="recruitment",
             describe=describe)
