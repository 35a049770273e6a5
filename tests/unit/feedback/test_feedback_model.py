"""Rules of the feedback model: minimum group size, periods, quotes, note parsing."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from communia.feedback.model import (
    MIN_GROUP_SIZE,
    breakdown,
    choose_granularity,
    parse_note,
    period_of,
    quote_of,
    shown_count,
    suppressed_total,
    trend,
    validate_theme_count,
)


def test_counts_under_the_minimum_group_size_are_hidden() -> None:
    assert shown_count(MIN_GROUP_SIZE - 1) is None
    assert shown_count(MIN_GROUP_SIZE) == MIN_GROUP_SIZE


@given(st.lists(st.sampled_from(["Nord", "Sud", "Centre", "Gare", ""]), max_size=60))
def test_place_breakdown_never_shows_a_small_group(places: list[str]) -> None:
    shown = breakdown(places)
    assert all(n >= MIN_GROUP_SIZE for _, n in shown)
    assert sum(n for _, n in shown) + suppressed_total(places) == sum(1 for p in places if p)


@given(st.lists(st.dates(date(2020, 1, 1), date(2023, 12, 31)), max_size=80))
def test_trend_never_shows_a_small_period(days: list[date]) -> None:
    points = trend(days, choose_granularity(days))
    assert all(p.count >= MIN_GROUP_SIZE for p in points)
    assert [p.period for p in points] == sorted(p.period for p in points)


def test_granularity_follows_the_span_of_the_dates() -> None:
    assert choose_granularity([date(2024, 1, 1), date(2024, 2, 1)]) == "week"
    assert choose_granularity([date(2024, 1, 1), date(2024, 12, 1)]) == "month"
    assert choose_granularity([date(2014, 1, 1), date(2024, 12, 1)]) == "year"
    assert period_of(date(2024, 2, 14), "week") == "2024-W07"
    assert period_of(date(2024, 2, 14), "month") == "2024-02"


@given(st.text(min_size=1, max_size=900))
def test_a_quote_is_always_a_verbatim_substring(text: str) -> None:
    assert quote_of(text) in text.strip()
    assert len(quote_of(text)) <= 280


def test_theme_count_outside_the_range_is_refused_with_the_range() -> None:
    assert validate_theme_count(4, 100) == 4
    with pytest.raises(ValueError, match="between 2 and 20"):
        validate_theme_count(25, 100)


def test_note_text_is_read_back_into_headings_items_and_rows() -> None:
    lines = parse_note("# Title\nIntro\n| a | b |\n| 1 | 2 |\n- one\n## Sub")
    assert [line.kind for line in lines] == ["heading", "text", "row", "row", "item", "heading"]
    assert lines[2].cells == ("a", "b") and lines[5].level == 2
