"""The recruitment settings reach the campaign: retention on closing, group size for rates."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

from communia.bootstrap import Runtime
from communia.recruitment import campaigns, oversight
from communia.recruitment.catalogue import KNOWN
from communia.recruitment.model import JobProfile
from communia.recruitment.tables import CampaignRow
from tests.support import WebClient

TODAY = date(2025, 6, 15)


def _frozen_campaign(runtime: Runtime) -> tuple[WebClient, str, str]:
    """An HR officer signed in, and a campaign whose catalogue criteria they froze."""
    web = WebClient(runtime)
    hr = web.login_as("hr")
    with runtime.db.session() as session:
        profile = JobProfile("Animateur enfance", tuple(k.criterion for k in KNOWN))
        campaign = campaigns.create_campaign(session, "Animateur enfance", profile, hr)
    campaigns.freeze_criteria(runtime, campaign, hr)
    return web, hr, campaign


def test_closing_from_the_web_keeps_the_campaign_for_the_configured_days(
        make_runtime: Callable[..., Runtime]) -> None:
    runtime = make_runtime(recruitment_retention_days=90)
    web, hr, campaign = _frozen_campaign(runtime)
    assert web.post(f"/recruitment/{campaign}/close").status_code in (200, 303)
    with runtime.db.session() as session:
        row = session.get(CampaignRow, campaign)
        assert row is not None and row.status == "closed" and row.retention_until is not None
        until = row.retention_until.replace(tzinfo=row.retention_until.tzinfo or UTC)
    expected = datetime.now(UTC) + timedelta(days=90)
    assert abs((until - expected).total_seconds()) < 600


def _rates_reported(runtime: Runtime) -> list[bool]:
    _, hr, campaign = _frozen_campaign(runtime)
    files = [(f"c{i}.txt", f"BAFA (2020)\nPermis B\nCandidat {i}".encode()) for i in range(3)]
    campaigns.add_applications(runtime, campaign, files, hr, today=TODAY)
    with runtime.db.session() as session:
        for candidate in campaigns.candidates(session, campaign):
            oversight.set_category(session, campaign, candidate.id, "groupe A", hr)
    report = oversight.fairness_report(runtime, campaign, hr, today=TODAY)
    return [rate.reported for rate in report.rates]


def test_rates_are_shown_from_the_configured_group_size(
        make_runtime: Callable[..., Runtime]) -> None:
    assert _rates_reported(make_runtime()) == [False]  # 3 candidates, default minimum 5
    assert _rates_reported(make_runtime(recruitment_min_group_size=3)) == [True]


def test_the_sentence_encoder_pass_follows_its_setting(
        make_runtime: Callable[..., Runtime]) -> None:
    from communia.recruitment.service import embedder

    assert embedder(make_runtime()) is None
    encode = embedder(make_runtime(recruitment_embeddings=True))
    assert encode is not None and len(encode(["BAFA obtenu en 2019"])[0]) == 512  # type: ignore[arg-type, index]
