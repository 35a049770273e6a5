"""Forecast demand per zone × hour: seasonal-naive baseline, Poisson model, rolling-origin backtest.

The baseline repeats the same local hour of the last observed week. The model is
``glm.PoissonModel``. Both are scored by MASE over rolling origins one week apart;
the model is used only when it beats the baseline on this data, otherwise the
baseline is used and the result says so. One week of history gives a baseline
forecast flagged unreliable; less than a week is refused.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import numpy as np
import pandas as pd

from communia.errors import InvalidInput
from communia.planning import glm, texts
from communia.planning.calendar import (
    SCHOOL_ZONES,
    Calendar,
    build_calendar,
    known_country,
    school_coverage,
)
from communia.planning.model import (
    BACKTEST_ORIGINS,
    BLOCK_HOURS,
    DEFAULT_HOLIDAYS,
    DEFAULT_HORIZON_WEEKS,
    HOURS_PER_WEEK,
    INTERVAL_LEVEL,
    MAX_HORIZON_WEEKS,
    MIN_WEEKS_RELIABLE,
    TRAIN_WEEKS,
    Backtest,
    EventCounts,
    ForecastResult,
    ForecastRow,
    HistoryTooShort,
)

MODEL_NAME = "poisson-glm"
BASELINE_NAME = "seasonal-naive"
MIN_TRAIN_HOURS = 2 * HOURS_PER_WEEK
Steps = Callable[[int, int, str], None]  # done, total, what is being done


def _quiet(done: int, total: int, message: str) -> None:
    return None


@dataclass(frozen=True)
class ForecastOptions:
    """Horizon, holiday calendar (country code, empty for none) and French school zone."""

    horizon_weeks: int = DEFAULT_HORIZON_WEEKS
    holidays: str = DEFAULT_HOLIDAYS
    school_zone: str = ""
    origins: int = BACKTEST_ORIGINS


@dataclass(frozen=True)
class Series:
    """Counts as a dense zones × hours matrix over whole local days."""

    zones: list[str]
    y: np.ndarray
    first_hour: int
    timezone: str

    @property
    def hours(self) -> int:
        return int(self.y.shape[1])

    def calendar(self, start: int, count: int, options: ForecastOptions) -> Calendar:
        return build_calendar(self.first_hour + start, count, self.timezone,
                              options.holidays, options.school_zone)


def option_problems(options: ForecastOptions) -> list[str]:
    """What is wrong with the options, one sentence each (none when they can be used)."""
    problems = []
    if not 1 <= options.horizon_weeks <= MAX_HORIZON_WEEKS:
        problems.append(texts.HORIZON(most=MAX_HORIZON_WEEKS, value=options.horizon_weeks))
    if options.holidays and not known_country(options.holidays):
        problems.append(texts.HOLIDAYS_UNKNOWN(value=options.holidays))
    if options.school_zone and options.school_zone not in SCHOOL_ZONES:
        problems.append(texts.SCHOOL_ZONE_UNKNOWN(value=options.school_zone))
    return problems


def check_options(options: ForecastOptions) -> None:
    """Raise ``InvalidInput`` saying everything wrong with the options, if anything is."""
    problems = option_problems(options)
    if problems:
        raise InvalidInput(" ".join(problems))


def history_hours(counts: EventCounts) -> int:
    """Hours of history a forecast reads: whole local days from the first to the last
    event, at most ``TRAIN_WEEKS`` weeks."""
    first, end = _span(counts)
    return end - first


def check_history(counts: EventCounts, name: str) -> None:
    """Refuse a log of ``name`` too short to forecast from (less than one full week)."""
    hours = history_hours(counts)
    if hours < HOURS_PER_WEEK:
        raise HistoryTooShort(texts.LOG_TOO_SHORT(name=name, days=hours // 24))


def _span(counts: EventCounts) -> tuple[int, int]:
    tz = ZoneInfo(counts.timezone)
    first_day = _local_midnight(counts.first_hour, tz)
    end = _local_midnight(counts.last_hour, tz, next_day=True)
    return max(first_day, end - TRAIN_WEEKS * HOURS_PER_WEEK), end


def build_series(counts: EventCounts) -> Series:
    """Whole local days from the first to the last event (at most ``TRAIN_WEEKS`` weeks)."""
    first, end = _span(counts)
    y = np.zeros((len(counts.zones), end - first), dtype=np.float64)
    for (zone, hour), n in counts.cells.items():
        if first <= hour < end:
            y[zone, hour - first] += n
    return Series(list(counts.zones), y, first, counts.timezone)


def _local_midnight(hour: int, tz: ZoneInfo, next_day: bool = False) -> int:
    local = pd.Timestamp(hour * 3600, unit="s", tz="UTC").tz_convert(tz).normalize()
    if next_day:
        local = (local + pd.Timedelta(days=1)).normalize()
        local = local.tz_localize(None).tz_localize(tz, nonexistent="shift_forward")
    return int(local.tz_convert("UTC").timestamp() // 3600)


def forecast(counts: EventCounts, options: ForecastOptions | None = None,
             progress: Steps | None = None) -> ForecastResult:
    """Backtest both methods, pick the better, and forecast the next ``horizon_weeks``.

    ``progress(done, total, message)`` is called after each backtest origin and the fit.
    """
    options = options or ForecastOptions()
    report = progress or _quiet
    check_options(options)
    series = build_series(counts)
    weeks = series.hours / HOURS_PER_WEEK
    if series.hours < HOURS_PER_WEEK:
        raise HistoryTooShort(texts.HISTORY_TOO_SHORT(days=series.hours / 24))
    horizon = options.horizon_weeks * 7 * 24
    history = series.calendar(0, series.hours, options)
    future = series.calendar(series.hours, horizon, options)
    steps = options.origins + 1
    bt = backtest(series, options,
                  lambda n: report(n, steps, "Backtesting the model against the baseline"))
    report(steps - 1, steps, "Fitting the forecast")
    notices = _notices(counts, series, bt, options, future)
    use_model = bt.model_wins and series.hours >= MIN_TRAIN_HOURS
    if use_model:
        model = glm.fit(series.y, history)
        mean = model.mean(future)
        low, high = model.interval(mean, INTERVAL_LEVEL)
    else:
        mean = seasonal_naive(series.y, history, future)
        low, high = naive_interval(series.y, mean, INTERVAL_LEVEL)
    # Discrete quantiles can sit below a small mean (P(0) > 95 %): keep the mean inside.
    low, high = np.minimum(low, mean), np.maximum(high, mean)
    rows = [ForecastRow(zone, future.local_start[t], float(mean[z, t]), float(low[z, t]),
                        float(high[z, t]))
            for z, zone in enumerate(series.zones) for t in range(horizon)]
    return ForecastResult(series.zones, MODEL_NAME if use_model else BASELINE_NAME, bt, rows,
                          series.timezone, weeks, weeks >= MIN_WEEKS_RELIABLE, notices)


def seasonal_naive(y: np.ndarray, history: Calendar, future: Calendar) -> np.ndarray:
    """The last observed week, read by local hour of week, repeated over the future hours."""
    last = min(HOURS_PER_WEEK, y.shape[1])
    profile = np.full((y.shape[0], HOURS_PER_WEEK), np.nan)
    profile[:, history.how[-last:]] = y[:, -last:]
    gaps = np.isnan(profile)
    if gaps.any():  # the hour skipped by a spring-forward change: take the hour before
        profile = np.where(gaps, np.roll(np.nan_to_num(profile), 1, axis=1), profile)
    return np.asarray(profile[:, future.how])


def naive_interval(y: np.ndarray, mean: np.ndarray, level: float) -> tuple[np.ndarray, np.ndarray]:
    """Empirical quantiles of week-on-week changes, around the naive forecast."""
    if y.shape[1] <= HOURS_PER_WEEK:
        spread = np.maximum(np.sqrt(mean), 1.0) * 2
        return np.maximum(mean - spread, 0), mean + spread
    diffs = (y[:, HOURS_PER_WEEK:] - y[:, :-HOURS_PER_WEEK]).reshape(-1)
    lo_q, hi_q = np.quantile(diffs, [(1 - level) / 2, 1 - (1 - level) / 2])
    return np.maximum(mean + lo_q, 0), np.maximum(mean + hi_q, 0)


def backtest(series: Series, options: ForecastOptions,
             scored_origins: Callable[[int], None] | None = None) -> Backtest:
    """Rolling origins one week apart; MASE (scaled by in-sample week-on-week error).

    ``scored_origins(n)`` is called after each origin with the number done.
    """
    horizon = options.horizon_weeks * HOURS_PER_WEEK
    origins = _origins(series.hours, horizon, options.origins)
    if not origins:
        horizon = HOURS_PER_WEEK
        origins = _origins(series.hours, horizon, options.origins)
    if not origins:
        return Backtest(None, None, 0, 0)
    scores: list[tuple[float, ...]] = []
    for done, origin in enumerate(origins, start=1):
        scored = _score_origin(series, origin, horizon, options)
        if scored is not None:
            scores.append(scored)
        if scored_origins is not None:
            scored_origins(done)
    if not scores:
        return Backtest(None, None, 0, horizon)
    m, b, cm, cb, hm, hb = (float(np.mean(col)) for col in zip(*scores, strict=True))
    return Backtest(m, b, len(scores), horizon, cm, cb, hm, hb, BLOCK_HOURS)


def _origins(hours: int, horizon: int, count: int) -> list[int]:
    found = [hours - horizon - k * HOURS_PER_WEEK for k in range(count)]
    return sorted(o for o in found if o >= MIN_TRAIN_HOURS)


def _score_origin(series: Series, origin: int, horizon: int,
                  options: ForecastOptions) -> tuple[float, ...] | None:
    """MASE on 4-hour blocks and hourly, and interval coverage, for one origin."""
    train, test = series.y[:, :origin], series.y[:, origin:origin + horizon]
    scale, hourly_scale = _scale(blocks(train)), _scale(train, HOURS_PER_WEEK)
    if scale <= 0 or hourly_scale <= 0:
        return None
    cal_train = series.calendar(0, origin, options)
    cal_test = series.calendar(origin, test.shape[1], options)
    model = glm.fit(train, cal_train)
    mean = model.mean(cal_test)
    low, high = model.interval(mean, INTERVAL_LEVEL)
    naive = seasonal_naive(train, cal_train, cal_test)
    n_low, n_high = naive_interval(train, naive, INTERVAL_LEVEL)
    return (_mae(blocks(test), blocks(mean)) / scale, _mae(blocks(test), blocks(naive)) / scale,
            _covered(test, low, high), _covered(test, n_low, n_high),
            _mae(test, mean) / hourly_scale, _mae(test, naive) / hourly_scale)


def blocks(y: np.ndarray) -> np.ndarray:
    """Sums over consecutive ``BLOCK_HOURS``-hour blocks (a trailing partial block is dropped)."""
    zones, hours = y.shape
    whole = hours // BLOCK_HOURS * BLOCK_HOURS
    return np.asarray(y[:, :whole].reshape(zones, -1, BLOCK_HOURS).sum(axis=2))


def _scale(y: np.ndarray, lag: int = HOURS_PER_WEEK // BLOCK_HOURS) -> float:
    """In-sample mean absolute error of the same-time-last-week forecast."""
    if y.shape[1] <= lag:
        return 0.0
    return float(np.abs(y[:, lag:] - y[:, :-lag]).mean())


def _mae(actual: np.ndarray, predicted: np.ndarray) -> float:
    return float(np.abs(actual - predicted).mean())


def _covered(actual: np.ndarray, low: np.ndarray, high: np.ndarray) -> float:
    return float(((actual >= low) & (actual <= high)).mean())


def _notices(counts: EventCounts, series: Series, bt: Backtest, options: ForecastOptions,
             future: Calendar) -> list[str]:
    weeks = series.hours / HOURS_PER_WEEK
    out: list[str] = []
    if weeks < 2:
        out.append(texts.HISTORY_UNDER_TWO_WEEKS(weeks=weeks))
    elif weeks < MIN_WEEKS_RELIABLE:
        out.append(texts.HISTORY_UNRELIABLE(weeks=weeks, needed=MIN_WEEKS_RELIABLE))
    if bt.mase_model is not None and bt.mase_baseline is not None and not bt.model_wins:
        out.append(texts.MODEL_LOSES(model=bt.mase_model, baseline=bt.mase_baseline))
    if counts.feedback_loop_risk:
        out.append(texts.FEEDBACK_LOOP(share=counts.team_observation_share))
    if options.school_zone:
        first, last = school_coverage()
        days = [pd.Timestamp(s).date() for s in (future.local_start[0], future.local_start[-1])]
        if days[0] < first or days[1] > last:
            out.append(texts.SCHOOL_DATES(first=first, last=last))
    return out
