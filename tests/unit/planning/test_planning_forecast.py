"""Forecasts: baseline beside the model, honest choice, short histories, intervals, DST."""

from __future__ import annotations

import io
from datetime import datetime, timedelta

import pytest

from communia.planning.forecast import ForecastOptions, build_series, forecast
from communia.planning.ingest import ImportOptions, read_events
from communia.planning.model import HistoryTooShort
from tests.planning_support import synthetic_csv


def _counts(weeks: int, **kw: object) -> object:
    return read_events("log.csv", io.BytesIO(synthetic_csv(weeks, **kw)),
                       ImportOptions("horodatage", "lieu"))


def test_the_model_beats_the_baseline_on_a_stable_weekly_pattern() -> None:
    result = forecast(_counts(10), ForecastOptions(horizon_weeks=1))  # type: ignore[arg-type]
    bt = result.backtest
    assert bt.origins == 4
    assert bt.mase_model is not None and bt.mase_baseline is not None
    assert bt.mase_model < 0.9 * bt.mase_baseline
    assert result.model == "poisson-glm" and result.reliable


def test_forecast_rows_are_hourly_per_zone_with_ordered_bounds() -> None:
    result = forecast(_counts(6), ForecastOptions(horizon_weeks=2))  # type: ignore[arg-type]
    assert len(result.rows) == 3 * 2 * 168
    assert all(r.low <= r.mean <= r.high for r in result.rows)
    centre = sum(r.mean for r in result.rows if r.zone == "Centre")
    north = sum(r.mean for r in result.rows if r.zone == "Quartier Nord")
    assert centre > 4 * north


def test_when_the_model_loses_the_baseline_is_used_and_said() -> None:
    # The same events every week (one extra in the first): repeating last week is exact,
    # a smooth model cannot be; the baseline must be chosen and the reason given.
    week = [(datetime(2025, 1, 6, 18, 10), "A"), (datetime(2025, 1, 6, 18, 40), "A"),
            (datetime(2025, 1, 11, 21, 5), "B"), (datetime(2025, 1, 8, 9, 30), "A")]
    lines = ["q;lieu", "07/01/2025 03:00;B"]
    for k in range(8):
        for at, place in week:
            lines.append(f"{(at + timedelta(weeks=k)):%d/%m/%Y %H:%M};{place}")
    counts = read_events("log.csv", io.BytesIO("\n".join(lines).encode()),
                         ImportOptions("q", "lieu"))
    result = forecast(counts, ForecastOptions(horizon_weeks=1))
    bt = result.backtest
    assert bt.mase_model is not None and bt.mase_baseline is not None
    assert bt.mase_baseline < bt.mase_model
    assert result.model == "seasonal-naive"
    assert any("does not beat" in n for n in result.notices)


def test_one_week_of_history_gives_an_unreliable_baseline_forecast() -> None:
    result = forecast(_counts(1), ForecastOptions(horizon_weeks=1))  # type: ignore[arg-type]
    assert not result.reliable and result.model == "seasonal-naive"
    assert result.backtest.mase_model is None
    assert any("unreliable" in n for n in result.notices)


def test_less_than_a_week_is_refused() -> None:
    counts = read_events("log.csv", io.BytesIO(b"q;lieu\n17/03/2025 10:00;A\n18/03/2025 10:00;A\n"),
                         ImportOptions("q", "lieu"))
    with pytest.raises(HistoryTooShort):
        forecast(counts)


def test_a_spring_forward_day_has_23_hours_in_the_series() -> None:
    counts = read_events("log.csv", io.BytesIO(
        b"q;lieu\n29/03/2025 10:00;A\n30/03/2025 10:00;A\n31/03/2025 10:00;A\n"),
        ImportOptions("q", "lieu"))
    assert build_series(counts).hours == 24 + 23 + 24  # type: ignore[arg-type]


def test_the_horizon_is_bounded() -> None:
    with pytest.raises(Exception, match="horizon-weeks"):
        forecast(_counts(2), ForecastOptions(horizon_weeks=20))  # type: ignore[arg-type]


def test_team_observation_triggers_the_feedback_loop_warning() -> None:
    result = forecast(_counts(3, team_share=0.4), ForecastOptions(horizon_weeks=1))  # type: ignore[arg-type]
    assert any("feedback loop" in n for n in result.notices)
