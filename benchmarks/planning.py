"""Planning benchmark on the Berkeley calls-for-service log (../shared/data/incidents-berkeley).

One table, one run: rolling-origin MASE and fit time of Communia's Poisson model, the
seasonal-naive baseline and statsforecast's MSTL; the 4-week plan for 20 mediators in
6 zones against a demand-blind uniform rota; reading 1,000,000 events in chunks.

    .venv/bin/python benchmarks/planning.py
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
from _table import print_table  # noqa: E402

from communia.planning import glm, schedule  # noqa: E402
from communia.planning.demo import find_log  # noqa: E402
from communia.planning.forecast import (  # noqa: E402
    ForecastOptions,
    Series,
    _origins,
    _scale,
    blocks,
    build_series,
    forecast,
    seasonal_naive,
)
from communia.planning.ingest import ImportOptions, read_events  # noqa: E402
from communia.planning.rota import uniform_rota  # noqa: E402
from communia.planning.team import parse_team  # noqa: E402
from communia.planning.window import covered_share, demand_window, staff_matrix  # noqa: E402

HORIZON = 2 * 168
ORIGINS = 4
TEAM = {"mediators": [{"id": "N", "count": 10, "team": "Nord"},
                      {"id": "S", "count": 10, "team": "Sud"}]}


def main() -> None:
    path = find_log()
    if path is None:
        sys.exit("The Berkeley log is not in ../shared/data/incidents-berkeley.")
    options = ImportOptions("EVENTDT", "Block_Location", None, "America/Los_Angeles")
    with path.open("rb") as handle:
        counts = read_events(path.name, handle, options)
    series = build_series(counts)
    fc_options = ForecastOptions(2, "US", "")
    scores = backtest_all(series, fc_options)
    rows = forecast_rows(scores)
    rows += schedule_rows(counts)
    rows += ingest_rows()
    print_table(f"Planning — Berkeley PD calls 2018 ({counts.events} events, {len(counts.zones)} "
                f"zones, {series.hours / 168:.1f} weeks; {ORIGINS} rolling origins, 2-week "
                "horizon)", ("measure", "Communia", "baseline", "value", "ratio"), rows)


def backtest_all(series: Series, options: ForecastOptions) -> dict[str, list[float]]:
    """MASE (4-hour blocks and hourly) and fit seconds per origin for the three methods."""
    out: dict[str, list[float]] = {k: [] for k in (
        "glm", "naive", "mstl", "glm_h", "naive_h", "mstl_h", "t_glm", "t_naive", "t_mstl")}
    mstl = _mstl_forecaster()
    for origin in _origins(series.hours, HORIZON, ORIGINS):
        train, test = series.y[:, :origin], series.y[:, origin:origin + HORIZON]
        scale, scale_h = _scale(blocks(train)), _scale(train, 168)
        cal_train = series.calendar(0, origin, options)
        cal_test = series.calendar(origin, HORIZON, options)
        began = time.perf_counter()
        predicted = glm.fit(train, cal_train).mean(cal_test)
        out["t_glm"].append(time.perf_counter() - began)
        began = time.perf_counter()
        naive = seasonal_naive(train, cal_train, cal_test)
        out["t_naive"].append(time.perf_counter() - began)
        for key, values in (("glm", predicted), ("naive", naive)):
            out[key].append(_mae(blocks(test), blocks(values)) / scale)
            out[f"{key}_h"].append(_mae(test, values) / scale_h)
        if mstl is not None:
            began = time.perf_counter()
            other = mstl(train)
            out["t_mstl"].append(time.perf_counter() - began)
            out["mstl"].append(_mae(blocks(test), blocks(other)) / scale)
            out["mstl_h"].append(_mae(test, other) / scale_h)
    return out


def _mstl_forecaster():  # type: ignore[no-untyped-def]
    """statsforecast MSTL (daily and weekly seasons, AutoETS trend), or None if unavailable."""
    try:
        import pandas as pd
        from statsforecast import StatsForecast
        from statsforecast.models import MSTL
    except ImportError as exc:
        print(f"statsforecast unavailable ({exc}); its rows are left empty.", file=sys.stderr)
        return None

    def run(train: np.ndarray) -> np.ndarray:
        zones, hours = train.shape
        frame = pd.DataFrame({
            "unique_id": np.repeat([f"z{z}" for z in range(zones)], hours),
            "ds": np.tile(pd.date_range("2018-01-01", periods=hours, freq="h"), zones),
            "y": train.reshape(-1)})
        model = StatsForecast(models=[MSTL(season_length=[24, 168])], freq="h", n_jobs=1)
        result = model.forecast(df=frame, h=HORIZON)
        values = result.sort_values(["unique_id", "ds"])["MSTL"].to_numpy()
        return np.maximum(values.reshape(zones, HORIZON), 0.0)

    run(np.abs(np.random.default_rng(0).normal(size=(1, 400))))  # compile numba once
    return run


def forecast_rows(s: dict[str, list[float]]) -> list[tuple[object, ...]]:
    m = {k: float(np.mean(v)) if v else float("nan") for k, v in s.items()}
    return [
        ("MASE, 4-hour blocks (lower is better)", "Poisson GLM", "seasonal naive",
         f"{m['glm']:.3f} vs {m['naive']:.3f}", f"{m['glm'] / m['naive']:.2f}"),
        ("MASE, 4-hour blocks", "statsforecast MSTL", "seasonal naive",
         f"{m['mstl']:.3f} vs {m['naive']:.3f}", f"{m['mstl'] / m['naive']:.2f}"),
        ("MASE, 4-hour blocks", "Poisson GLM", "statsforecast MSTL",
         f"{m['glm']:.3f} vs {m['mstl']:.3f}", f"{m['glm'] / m['mstl']:.2f}"),
        ("MASE, hourly", "Poisson GLM", "seasonal naive",
         f"{m['glm_h']:.3f} vs {m['naive_h']:.3f}", f"{m['glm_h'] / m['naive_h']:.2f}"),
        ("MASE, hourly", "statsforecast MSTL", "seasonal naive",
         f"{m['mstl_h']:.3f} vs {m['naive_h']:.3f}", f"{m['mstl_h'] / m['naive_h']:.2f}"),
        ("fit + forecast time per origin (s)", "Poisson GLM", "statsforecast MSTL",
         f"{m['t_glm']:.2f} vs {m['t_mstl']:.2f}", f"{m['t_glm'] / m['t_mstl']:.2f}"),
        ("fit + forecast time per origin (s)", "Poisson GLM", "seasonal naive",
         f"{m['t_glm']:.2f} vs {m['t_naive']:.4f}", f"{m['t_glm'] / max(m['t_naive'], 1e-6):.0f}"),
    ]


def schedule_rows(counts: object) -> list[tuple[object, ...]]:
    """Forecast 4 weeks, plan 20 mediators; compare with the uniform rota under the same rules."""
    result = forecast(counts, ForecastOptions(4, "US", ""))  # type: ignore[arg-type]
    team = parse_team(TEAM)
    window = demand_window(result, team)
    began = time.perf_counter()
    plan = schedule.propose(result, team, seconds=20.0, analyse=False)
    elapsed = time.perf_counter() - began
    uniform = covered_share(staff_matrix(uniform_rota(team, window), team.shifts, window),
                            window.demand)
    return [
        ("4-week plan, 20 mediators, 6 zones: time (s)", f"CP-SAT ({plan.status})", "target 30 s",
         f"{elapsed:.1f}", f"{elapsed / 30:.2f}"),
        ("share of forecast demand covered", "CP-SAT plan", "uniform rota",
         f"{plan.covered_share:.3f} vs {uniform:.3f}", f"{plan.covered_share / uniform:.2f}"),
    ]


# Peak RSS from /proc (VmHWM, reset at exec; ru_maxrss would inherit the parent's peak).
CHILD = """
import sys, time
import pandas as pd
from communia.planning.ingest import ImportOptions, read_events
def peak_kb():
    line = [x for x in open("/proc/self/status") if x.startswith("VmHWM")][0]
    return int(line.split()[1])
path, how = sys.argv[1], sys.argv[2]
before = peak_kb()
began = time.perf_counter()
if how == "chunked":
    with open(path, "rb") as handle:
        events = read_events(path, handle, ImportOptions("quand", "lieu")).events
else:
    whole = pd.read_csv(path, sep=";", dtype=str)
    events = int(pd.to_datetime(whole["quand"], format="%d/%m/%Y %H:%M").notna().sum())
seconds = time.perf_counter() - began
after = peak_kb()
print(events, seconds, (after - before) / 1024)
"""


def ingest_rows() -> list[tuple[object, ...]]:
    """Read 1,000,000 events in chunks against pandas reading the whole file (own processes)."""
    import subprocess

    import pandas as pd

    rng = np.random.default_rng(1)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "events.csv"
        stamps = pd.Timestamp("2024-01-01") + pd.to_timedelta(
            rng.integers(0, 365 * 24 * 3600, 1_000_000), unit="s")
        pd.DataFrame({"quand": stamps.strftime("%d/%m/%Y %H:%M"),
                      "lieu": rng.choice([f"Secteur {i}" for i in range(12)], 1_000_000),
                      "type": rng.choice(["bruit", "dégradation", "conflit"], 1_000_000)}
                     ).to_csv(path, sep=";", index=False)
        measured = {}
        for how in ("chunked", "whole"):
            out = subprocess.run([sys.executable, "-c", CHILD, str(path), how], check=True,
                                 capture_output=True, text=True).stdout.split()
            measured[how] = (int(out[0]), float(out[1]), float(out[2]))
    (events, ours, ours_mb), (_, theirs, theirs_mb) = measured["chunked"], measured["whole"]
    return [
        (f"read {events:,} events: time (s)", "chunked reader", "pandas whole file",
         f"{ours:.1f} vs {theirs:.1f}", f"{ours / theirs:.2f}"),
        ("peak memory growth while reading (MB)", "chunked reader", "pandas whole file",
         f"{ours_mb:.0f} vs {theirs_mb:.0f}", f"{ours_mb / max(theirs_mb, 1):.2f}"),
    ]


def _mae(actual: np.ndarray, predicted: np.ndarray) -> float:
    return float(np.abs(actual - predicted).mean())


if __name__ == "__main__":
    main()
