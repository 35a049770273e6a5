"""What a team lead relies on when shaping themes: merge, split, delete, finalise, group size."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import pytest
from sqlalchemy import select

from communia.bootstrap import Runtime
from communia.errors import InvalidInput
from communia.feedback import loop, outputs, service
from communia.feedback.model import MIN_GROUP_SIZE
from communia.feedback.tables import FeedbackAssignment
from communia.governance import journal, review
from tests.integration.feedback.test_feedback_service import add_user, run_sample


@dataclass
class Memberships:
    """Who is where: rows per theme, each row's own theme, and who wrote each membership."""

    rows: dict[str, set[int]]
    own: dict[int, str]
    authors: dict[tuple[int, str], str]


def memberships(runtime: Runtime, run_id: str) -> Memberships:
    rows: dict[str, set[int]] = defaultdict(set)
    own: dict[int, str] = {}
    authors: dict[tuple[int, str], str] = {}
    with runtime.db.session() as session:
        for a in session.scalars(select(FeedbackAssignment).where(
                FeedbackAssignment.run_id == run_id)):
            assert (a.row, a.theme_id) not in authors, "a report is twice in one theme"
            rows[a.theme_id].add(a.row)
            authors[(a.row, a.theme_id)] = a.author
            if a.is_primary:
                assert a.row not in own, f"row {a.row} has two own themes"
                own[a.row] = a.theme_id
    return Memberships(dict(rows), own, authors)


def themes_of(runtime: Runtime, run_id: str) -> list[str]:
    """Active theme ids, largest first."""
    held = memberships(runtime, run_id).rows
    with runtime.db.session() as session:
        ids = [t.id for t in service.active_themes(session, run_id)]
    return sorted(ids, key=lambda t: -len(held.get(t, set())))


def also_in(runtime: Runtime, run_id: str, row: int, theme_id: str) -> None:
    """Make ``row`` a secondary member of a theme, as the synthesis does for close reports."""
    with runtime.db.session() as session:
        session.add(FeedbackAssignment(run_id=run_id, row=row, theme_id=theme_id,
                                       is_primary=False, author="ai"))


def actions(runtime: Runtime, run_id: str) -> list[tuple[str, str]]:
    with runtime.db.session() as session:
        return [(e.payload.get("action") or e.payload.get("decision", ""), e.actor)
                for e in journal.iter_entries(session)
                if run_id in str(e.payload) and e.use_case == "feedback"]


@pytest.fixture
def shaped(runtime: Runtime) -> tuple[Runtime, str, str]:
    """A synthesis of 60 reports in 3 themes, and a field lead."""
    return runtime, run_sample(runtime, 3), add_user(runtime, "lead")


def test_merged_themes_reports_all_end_in_the_merged_theme_written_by_the_lead(
        shaped: tuple[Runtime, str, str]) -> None:
    runtime, run_id, lead = shaped
    first, second, third = themes_of(runtime, run_id)
    before = memberships(runtime, run_id)
    outsider = min(before.rows[third] - before.rows[first] - before.rows[second])
    also_in(runtime, run_id, outsider, second)  # its own theme is the third one
    for nobody in ("ai", "system", "ghost"):
        with pytest.raises(review.ReviewerRequired):
            loop.merge(runtime, run_id, [first, second], nobody)

    kept = loop.merge(runtime, run_id, [first, second], lead)

    after = memberships(runtime, run_id)
    assert kept == first and second not in themes_of(runtime, run_id)
    assert after.rows[first] == before.rows[first] | before.rows[second] | {outsider}
    assert second not in after.rows
    assert {after.authors[(r, first)] for r in after.rows[first]} == {lead}
    assert after.rows[third] == before.rows[third]  # the third theme loses nobody
    assert after.own[outsider] == third
    assert {r for r, t in after.own.items() if t == first} == \
        {r for r, t in before.own.items() if t in (first, second)}
    assert ("feedback.themes_merged", lead) in actions(runtime, run_id)


def test_a_split_partitions_the_theme_reports_between_two_themes_written_by_the_lead(
        shaped: tuple[Runtime, str, str]) -> None:
    runtime, run_id, lead = shaped
    largest, other, _ = themes_of(runtime, run_id)
    before = memberships(runtime, run_id)
    visitor = min(before.rows[other] - before.rows[largest])
    also_in(runtime, run_id, visitor, largest)
    original = before.rows[largest] | {visitor}

    new = loop.split(runtime, run_id, largest, lead)

    after = memberships(runtime, run_id)
    assert new in themes_of(runtime, run_id) and largest in themes_of(runtime, run_id)
    assert after.rows[largest] and after.rows[new]
    assert after.rows[largest] & after.rows[new] == set()
    assert after.rows[largest] | after.rows[new] == original
    assert {after.authors[(r, t)] for t in (largest, new) for r in after.rows[t]} == {lead}
    assert after.rows[other] == before.rows[other] and after.own[visitor] == other
    with runtime.db.session() as session:
        codes = [t.code for t in service.active_themes(session, run_id)]
    assert len(codes) == len(set(codes)) == 4
    assert ("feedback.theme_split", lead) in actions(runtime, run_id)


def test_a_deleted_theme_reports_wait_without_theme_and_finalising_maps_them_as_ai(
        shaped: tuple[Runtime, str, str]) -> None:
    runtime, run_id, lead = shaped
    *_, smallest = themes_of(runtime, run_id)
    before = memberships(runtime, run_id)
    stranded = {r for r, t in before.own.items() if t == smallest}
    elsewhere = themes_of(runtime, run_id)[0]
    doubled = min(stranded)
    also_in(runtime, run_id, doubled, elsewhere)

    loop.delete_theme(runtime, run_id, smallest, lead)

    after = memberships(runtime, run_id)
    assert smallest not in themes_of(runtime, run_id) and smallest not in after.rows
    assert after.own[doubled] == elsewhere and after.authors[(doubled, elsewhere)] == lead
    waiting = stranded - {doubled}
    assert waiting and not waiting & set(after.own)
    with runtime.db.session() as session:
        document = outputs.contract_json(runtime, session, service.get_run(session, run_id))
    assert all(document["assignments"][r]["theme_ids"] == [] for r in waiting)

    loop.finalise(runtime, run_id, lead)

    final = memberships(runtime, run_id)
    active = set(themes_of(runtime, run_id))
    for row in waiting:
        assert final.own[row] in active
        assert [t for (r, t) in final.authors if r == row] == [final.own[row]]
        assert final.authors[(row, final.own[row])] == "ai"
    with runtime.db.session() as session:
        run = service.get_run(session, run_id)
        assert (run.status, run.finalised_by) == ("finalised", lead)
    assert ("themes_finalised", lead) in actions(runtime, run_id)


def test_the_last_theme_cannot_be_deleted(shaped: tuple[Runtime, str, str]) -> None:
    runtime, run_id, lead = shaped
    first, *others = themes_of(runtime, run_id)
    loop.merge(runtime, run_id, [first, *others], lead)
    with pytest.raises(InvalidInput, match="last theme"):
        loop.delete_theme(runtime, run_id, first, lead)


def test_no_output_shows_a_figure_under_the_group_size_after_edits(
        shaped: tuple[Runtime, str, str]) -> None:
    runtime, run_id, lead = shaped
    largest, _, smallest = themes_of(runtime, run_id)
    new = loop.split(runtime, run_id, largest, lead)
    loop.delete_theme(runtime, run_id, smallest, lead)
    rows = sorted(memberships(runtime, run_id).rows[new])
    loop.move(runtime, run_id, rows[MIN_GROUP_SIZE - 1:], largest, lead)  # leaves 4 in new
    assert len(memberships(runtime, run_id).rows[new]) == MIN_GROUP_SIZE - 1

    views, document, note = outputs_of(runtime, run_id)

    small = views[new]
    assert small.count is None and small.share is None
    assert small.quotes == [] and small.trend == [] and small.places == []
    assert new not in {t["id"] for t in document["themes"]}
    assert f"| {small.label} | < {MIN_GROUP_SIZE} |" in note
    assert_group_size(views, document)

    loop.finalise(runtime, run_id, lead)  # re-maps the deleted theme's reports

    assert_group_size(*outputs_of(runtime, run_id)[:2])


def outputs_of(runtime: Runtime, run_id: str) -> tuple[dict[str, outputs.ThemeView],
                                                       dict[str, object], str]:
    with runtime.db.session() as session:
        run = service.get_run(session, run_id)
        views = {v.id: v for v in outputs.theme_views(runtime, session, run)}
        return views, outputs.contract_json(runtime, session, run), outputs.note_text(
            runtime, session, run_id, "fr")


def assert_group_size(views: dict[str, outputs.ThemeView], document: dict[str, object]) -> None:
    """Every figure shown is over at least the minimum group size of reports."""
    for view in views.values():
        assert view.count is None or view.count >= MIN_GROUP_SIZE
        assert all(p.count >= MIN_GROUP_SIZE for p in view.trend)
        assert all(n >= MIN_GROUP_SIZE for _, n in view.places)
    themes = document["themes"]
    assert isinstance(themes, list)
    assert all(t["count"] >= MIN_GROUP_SIZE for t in themes)
    shown = {t["id"] for t in themes}
    assignments = document["assignments"]
    assert isinstance(assignments, list)
    assert all(set(a["theme_ids"]) <= shown for a in assignments)
