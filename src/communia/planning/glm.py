"""Communia's forecasting model: a penalised Poisson regression of counts per zone × hour.

log E[count] = zone + hour of week + zone × hour of day + zone × day of week
               + public holiday + school holiday + zone trend,
fitted with an L2 penalty (scikit-learn ``PoissonRegressor``) and recency weights
(half-life ``HALF_LIFE_WEEKS``). Intervals are negative-binomial quantiles whose
over-dispersion is estimated by moments on the training data.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import sparse, stats
from sklearn.linear_model import PoissonRegressor

from communia.planning.calendar import Calendar

ALPHA = 1e-4
HALF_LIFE_WEEKS = 12.0
MAX_ITER = 300
TREND_SCALE_HOURS = 168.0 * 52


@dataclass
class PoissonModel:
    """A fitted model: the estimator, the number of zones and the over-dispersion."""

    estimator: PoissonRegressor
    zones: int
    last_hour: int
    dispersion: float

    def mean(self, cal: Calendar) -> np.ndarray:
        """Expected counts, shape (zones, hours)."""
        design = _design(self.zones, cal, self.last_hour)
        return np.asarray(self.estimator.predict(design)).reshape(self.zones, -1)

    def interval(self, mean: np.ndarray, level: float) -> tuple[np.ndarray, np.ndarray]:
        """Central ``level`` interval of a negative binomial (Poisson when not over-dispersed)."""
        lo_q, hi_q = (1 - level) / 2, 1 - (1 - level) / 2
        mu = np.maximum(mean, 1e-9)
        if self.dispersion <= 1e-6:
            return stats.poisson.ppf(lo_q, mu), stats.poisson.ppf(hi_q, mu)
        n = 1.0 / self.dispersion
        p = n / (n + mu)
        return stats.nbinom.ppf(lo_q, n, p), stats.nbinom.ppf(hi_q, n, p)


def fit(y: np.ndarray, cal: Calendar) -> PoissonModel:
    """Fit on counts ``y`` (zones × hours) whose hours are described by ``cal``."""
    zones, hours = y.shape
    last = int(cal.utc_hours[-1])
    design = _design(zones, cal, last)
    age_weeks = (last - cal.utc_hours) / 168.0
    weights = np.tile(0.5 ** (age_weeks / HALF_LIFE_WEEKS), zones)
    estimator = PoissonRegressor(alpha=ALPHA, max_iter=MAX_ITER, solver="lbfgs")
    target = y.reshape(-1)
    estimator.fit(design, target, sample_weight=weights)
    mu = np.asarray(estimator.predict(design))
    dispersion = max(0.0, float(((target - mu) ** 2 - mu).sum() / max((mu**2).sum(), 1e-9)))
    return PoissonModel(estimator, zones, last, dispersion)


def _design(zones: int, cal: Calendar, last_hour: int) -> sparse.csr_matrix:
    hours = len(cal.utc_hours)
    n = zones * hours
    zone = np.repeat(np.arange(zones), hours)
    how = np.tile(cal.how, zones)
    hod = np.tile(cal.hod, zones)
    dow = np.tile(cal.dow, zones)
    trend = np.tile((cal.utc_hours - last_hour) / TREND_SCALE_HOURS, zones)
    pub = np.tile(cal.public_holiday, zones)
    school = np.tile(cal.school_holiday, zones)
    c_how = zones
    c_hod = c_how + 168
    c_dow = c_hod + 24 * zones
    c_cal = c_dow + 7 * zones
    c_trend = c_cal + 2
    width = c_trend + zones
    rows = np.arange(n)
    cols = [zone, c_how + how, c_hod + zone * 24 + hod, c_dow + zone * 7 + dow,
            np.full(n, c_cal), np.full(n, c_cal + 1), c_trend + zone]
    vals = [np.ones(n), np.ones(n), np.ones(n), np.ones(n), pub, school, trend]
    return sparse.csr_matrix(
        (np.concatenate(vals), (np.tile(rows, len(cols)), np.concatenate(cols))),
        shape=(n, width))
