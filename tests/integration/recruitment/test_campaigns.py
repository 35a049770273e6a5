"""Campaign lifecycle on a real store (SQLite and PostgreSQL): frozen criteria, blind review,
human decisions."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from communia.accounts import service as accounts
from communia.bootstrap import Runtime
from communia.errors import Conflict, Refused
from communia.governance import journal, review
from communia.recruitment import campaigns, oversight
from communia.recruitment.catalogue import KNOWN
from communia.recruitment.model import JobProfile
from communia.recruitment.tables import AnalysisRow, CampaignRow
from communia.store.tables import JournalEntryRow
from tests.unit.recruitment.factories import CV_FR

LETTER = ("Madame, Monsieur,\nJ'accueille les familles chaque soir et je veille au respect "
          "des consignes de sécurité lors des sorties.\nInès Marchand")
OTHER = "Karim Haddad\nVendeur, 2018 - 2024\nPermis B\n"
TODAY = date(2025, 6, 15)


@pytest.fixture
def runtime(store_runtime: Runtime) -> Runtime:
    """Campaigns, criteria, analyses and decisions persist on SQLite and on PostgreSQL."""
    return store_runtime


def _setup(runtime: Runtime) -> tuple[str, str]:
    with runtime.db.session() as session:
        accounts.add_user(session, "rh1", "Camille RH", "hr", "x" * 12)
        profile = JobProfile("Animateur enfance", tuple(k.criterion for k in KNOWN))
        campaign = campaigns.create_campaign(session, "Animateur enfance", profile, "rh1")
    return campaign, "rh1"


def _kinds(runtime: Runtime) -> list[str]:
    with runtime.db.session() as session:
        return list(session.scalars(select(JournalEntryRow.kind)))


def _files() -> list[tuple[str, bytes]]:
    return [("marchand/cv.txt", CV_FR.encode()), ("marchand/lettre.txt", LETTER.encode()),
            ("haddad_cv.txt", OTHER.encode())]


def test_applications_cannot_be_read_before_the_criteria_are_frozen(runtime: Runtime) -> None:
    campaign, hr = _setup(runtime)
    with pytest.raises(campaigns.CriteriaNotFrozen):
        campaigns.add_applications(runtime, campaign, _files(), hr)


def test_the_whole_journey_keeps_humans_in_charge(runtime: Runtime) -> None:
    campaign, hr = _setup(runtime)
    assert campaigns.freeze_criteria(runtime, campaign, hr) == 1
    assert campaigns.add_applications(runtime, campaign, _files(), hr, today=TODAY) == 2
    with runtime.db.session() as session:
        table = oversight.match_table(session, runtime.vault, campaign)
    assert [v.label for v in table] == ["C001", "C002"]
    rich = next(v for v in table if v.statuses.get("qualification") == "met")
    assert rich.score and rich.score > 50
    assert "Marchand" not in rich.summary  # blind review
    with runtime.db.session() as session:
        detail = oversight.candidate_detail(session, runtime.vault, campaign, rich.id)
    assert not any("Marchand" in q for c in detail["criteria"] for q in c["quotes"])

    for actor in ("ai", "system", "nobody"):
        with pytest.raises(review.ReviewerRequired), runtime.db.session() as session:
            campaigns.decide(session, runtime.vault, campaign, rich.id, "invite",
                             "Expérience solide en accueil de loisirs.", actor)
    with pytest.raises(Refused), runtime.db.session() as session:
        campaigns.reveal_identity(session, runtime.vault, campaign, rich.id, hr)
    with runtime.db.session() as session:
        campaigns.decide(session, runtime.vault, campaign, rich.id, "invite",
                         "Expérience solide en accueil de loisirs.", hr)
    with pytest.raises(Conflict), runtime.db.session() as session:
        campaigns.close_campaign(session, campaign, hr)
    with runtime.db.session() as session:
        identity = campaigns.reveal_identity(session, runtime.vault, campaign, rich.id, hr)
    assert "Inès Marchand" in identity["mapping"].values()
    other = next(v for v in table if v.id != rich.id)
    with runtime.db.session() as session:
        campaigns.decide(session, runtime.vault, campaign, other.id, "not_retained",
                         "Aucune expérience auprès d'enfants dans le dossier.", hr)
        campaigns.close_campaign(session, campaign, hr)
    kinds = _kinds(runtime)
    assert kinds.count("decision.recorded") == 2
    assert "privacy.revealed" in kinds
    with runtime.db.session() as session:
        assert journal.verify(session).ok


def test_a_new_version_reruns_the_analysis(runtime: Runtime) -> None:
    campaign, hr = _setup(runtime)
    campaigns.freeze_criteria(runtime, campaign, hr)
    campaigns.add_applications(runtime, campaign, _files(), hr, today=TODAY)
    lighter = JobProfile("Animateur enfance", tuple(k.criterion for k in KNOWN[:2]))
    with runtime.db.session() as session:
        assert campaigns.save_criteria(session, campaign, lighter, hr) == 2
    assert campaigns.freeze_criteria(runtime, campaign, hr) == 2
    with runtime.db.session() as session:
        table = oversight.match_table(session, runtime.vault, campaign)
    assert all(set(v.statuses) == {"qualification", "first_aid"} for v in table)


def test_a_new_version_rereads_an_unreadable_application_and_keeps_its_flags(
        runtime: Runtime) -> None:
    campaign, hr = _setup(runtime)
    campaigns.freeze_criteria(runtime, campaign, hr)
    files = [*_files(), ("dupuis/cv.pdf", b"%PDF-1.4 broken")]
    assert campaigns.add_applications(runtime, campaign, files, hr, today=TODAY) == 3
    lighter = JobProfile("Animateur enfance", tuple(k.criterion for k in KNOWN[:2]))
    with runtime.db.session() as session:
        campaigns.save_criteria(session, campaign, lighter, hr)
    campaigns.freeze_criteria(runtime, campaign, hr)

    with runtime.db.session() as session:
        table = oversight.match_table(session, runtime.vault, campaign)
        versions = sorted(session.scalars(select(AnalysisRow.profile_version)))
    assert versions == [1, 1, 1, 2, 2, 2]  # every application, the unreadable one too
    unreadable = next(v for v in table if any(f["kind"] == "unreadable" for f in v.flags))
    assert unreadable.score == 0 and {f["kind"] for f in unreadable.flags} >= {
        "unreadable", "not_analysed"}
    assert all(set(v.statuses) == {"qualification", "first_aid"} for v in table)


def test_fairness_report_finds_no_score_change(runtime: Runtime) -> None:
    campaign, hr = _setup(runtime)
    campaigns.freeze_criteria(runtime, campaign, hr)
    campaigns.add_applications(runtime, campaign, _files(), hr, today=TODAY)
    report = oversight.fairness_report(runtime, campaign, hr, today=TODAY)
    assert len(report.counterfactuals) == 2
    assert report.changed == []


def test_purge_deletes_closed_campaigns_past_retention(runtime: Runtime) -> None:
    campaign, hr = _setup(runtime)
    campaigns.freeze_criteria(runtime, campaign, hr)
    with runtime.db.session() as session:
        campaigns.close_campaign(session, campaign, hr)
        row = session.get(CampaignRow, campaign)
        assert row is not None and row.retention_until is not None
        later = row.retention_until + timedelta(days=1)
    with runtime.db.session() as session:
        assert oversight.purge_expired(session, "dpo", now=later) == 1
    with runtime.db.session() as session:
        assert session.get(CampaignRow, campaign) is None


def test_a_short_readable_cv_is_analysed_and_an_empty_one_is_not(runtime: Runtime) -> None:
    """The demo's C002: a 19-word CV with evidence is scored, not reported unreadable."""
    campaign, actor = _setup(runtime)
    campaigns.freeze_criteria(runtime, campaign, actor)
    short = ("Marc Olivier\nAnimateur ados (11-17 ans), maison des jeunes, 2016 - 2023\n"
             "BPJEPS Loisirs tous publics (2016). Permis B.\n")
    campaigns.add_applications(runtime, campaign, [("marc/cv.txt", short.encode()),
                                                   ("scan/cv.txt", b"Curriculum vitae")],
                               actor)
    with runtime.db.session() as session:
        table = oversight.match_table(session, runtime.vault, campaign)
    read, scan = sorted(table, key=lambda v: -(v.score or 0))  # labels are not in file order
    assert not read.not_analysed and read.charted and (read.score or 0) > 0
    assert scan.not_analysed and not scan.charted and scan.score == 0
