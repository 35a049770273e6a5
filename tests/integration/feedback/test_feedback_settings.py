"""The feedback limits are settings: a configured value changes what is refused and shown."""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest

from communia.bootstrap import Runtime
from communia.errors import InvalidInput
from communia.feedback import outputs, service
from communia.feedback.ingest import ColumnChoice, TooManyReports
from communia.feedback.tables import FeedbackReport, FeedbackRun
from tests.integration.feedback.test_feedback_service import EMAIL, run_sample, sample_csv


def same_store(make_runtime: Callable[..., Runtime], runtime: Runtime,
               **overrides: object) -> Runtime:
    """Communia restarted on the same store and keys with other settings."""
    settings = runtime.settings
    return make_runtime(secret_key=settings.secret_key.get_secret_value(),
                        encryption_key=settings.encryption_key.get_secret_value(),
                        **overrides)


def shown(runtime: Runtime, run_id: str) -> tuple[list[outputs.ThemeView], dict[str, object],
                                                  tuple[list[tuple[str, int]], int], str]:
    with runtime.db.session() as session:
        run = service.get_run(session, run_id)
        return (outputs.theme_views(runtime, session, run),
                outputs.contract_json(runtime, session, run),
                outputs.places(runtime, session, run),
                outputs.note_text(runtime, session, run_id, "en"))


def test_the_configured_group_size_decides_which_figures_are_shown(
        make_runtime: Callable[..., Runtime]) -> None:
    first = make_runtime()
    run_id = run_sample(first)
    _, document, (places, hidden), note = shown(first, run_id)
    assert ("Port", 3) not in places and hidden == 3  # 3 reports < the default 5
    assert document["themes"] and "fewer than 5 reports" in note

    lowered = same_store(make_runtime, first, feedback_min_group_size=3)
    _, _, (places, hidden), note = shown(lowered, run_id)
    assert ("Port", 3) in places and hidden == 0
    assert "fewer than 3 reports" in note

    raised = same_store(make_runtime, first, feedback_min_group_size=61)  # 60 reports
    views, document, (places, hidden), note = shown(raised, run_id)
    assert views and all(v.count is None and not v.quotes and not v.trend for v in views)
    assert document["themes"] == [] and places == [] and hidden == 60
    assert all(a["theme_ids"] == [] for a in document["assignments"])  # type: ignore[index]
    assert "fewer than 61 reports" in note and all(f"| {v.label} | < 61 |" in note
                                                   for v in views)


def test_the_analysis_makes_no_theme_under_the_configured_group_size(
        make_runtime: Callable[..., Runtime]) -> None:
    runtime = make_runtime(feedback_min_group_size=61)
    run_id = run_sample(runtime, n_themes=None)
    with runtime.db.session() as session:
        run = service.get_run(session, run_id)
        notices, reports = list(run.notices), run.reports
        themes = service.active_themes(session, run_id)
    assert reports == 60 and themes == []
    assert any("no theme is shown under 61 reports" in n for n in notices), notices


def test_the_theme_count_range_follows_the_configured_group_size(
        make_runtime: Callable[..., Runtime]) -> None:
    runtime = make_runtime(feedback_min_group_size=25)
    with pytest.raises(InvalidInput, match="between 2 and 2 for 60 reports .each theme "
                                           "needs 25 reports"):
        run_sample(runtime, n_themes=3)


def test_a_file_over_the_configured_number_of_reports_is_refused_by_name(
        make_runtime: Callable[..., Runtime]) -> None:
    runtime = make_runtime(feedback_max_reports=59)
    run_id = service.create_run(runtime, "sample", "tester", {})
    with pytest.raises(TooManyReports) as refused:
        service.execute(runtime, run_id, "sample.csv", io.BytesIO(sample_csv()),
                        ColumnChoice("comment", "when", "where"), None, "tester")
    assert "sample.csv: more than 59 data rows" in str(refused.value)
    with runtime.db.session() as session:
        run = session.get(FeedbackRun, run_id)
        assert run is not None and run.status == "failed"
        assert "more than 59 data rows" in run.message


def test_reports_over_the_configured_length_are_cut_with_a_notice(
        make_runtime: Callable[..., Runtime]) -> None:
    runtime = make_runtime(feedback_max_report_chars=150, feedback_min_group_size=61)
    run_id = run_sample(runtime, n_themes=None)  # no theme: the analysis stops after reading
    with runtime.db.session() as session:
        notices = list(service.get_run(session, run_id).notices)
        stored = session.query(FeedbackReport).filter_by(run_id=run_id).all()
        lengths = [len(runtime.vault.decrypt(r.text)) for r in stored]
        cut = sum(1 for r in stored if r.truncated)
    assert cut and max(lengths) == 150
    assert any(f"{cut} report(s) longer than 150 characters were truncated" in n
               for n in notices), notices


def test_above_the_configured_size_only_what_leaves_the_analysis_is_pseudonymised(
        make_runtime: Callable[..., Runtime]) -> None:
    runtime = make_runtime(feedback_pseudonymise_all_max=10)
    run_id = run_sample(runtime)
    with runtime.db.session() as session:
        run = service.get_run(session, run_id)
        notices, everything = list(run.notices), run.params["pseudonymised_all"]
        document = outputs.contract_json(runtime, session, run)
        row = session.query(FeedbackReport).filter_by(run_id=run_id, row=3).one()
        text = runtime.vault.decrypt(row.text)
        quoted = runtime.vault.decrypt(row.quoted) if row.quoted is not None else None
    assert everything is False
    assert any("60 reports: the analysis ran on this machine" in n for n in notices), notices
    assert all(EMAIL not in q for theme in document["themes"] for q in theme["quotes"])
    assert (EMAIL in text) if quoted is None else (EMAIL not in quoted)
