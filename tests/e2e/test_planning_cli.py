"""The ``communia plan`` contract through the real command: forecast, schedule, adopt, bad input."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from communia.governance.vault import generate_key
from tests.planning_support import TEAM_YAML, synthetic_csv


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return {**os.environ, "COMMUNIA_DATA_DIR": str(tmp_path / "data"), "COMMUNIA_BACKEND": "none",
            "COMMUNIA_ENCRYPTION_KEY": generate_key(), "COMMUNIA_SECRET_KEY": "x"}


def _run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "communia", *args], env=env,
                          capture_output=True, text=True, timeout=600)


def test_forecast_then_schedule_keep_their_contract(tmp_path: Path, env: dict[str, str]) -> None:
    events = tmp_path / "events.csv"
    events.write_bytes(synthetic_csv(4))
    (tmp_path / "team.yaml").write_text(TEAM_YAML, encoding="utf-8")
    done = _run(env, "plan", "forecast", str(events), "--time-column", "horodatage",
                "--place-column", "lieu", "--horizon-weeks", "1",
                "--out", str(tmp_path / "forecast.json"))
    assert done.returncode == 0, done.stderr
    forecast = json.loads((tmp_path / "forecast.json").read_text())
    assert forecast["zones"] == ["Centre", "Gare", "Quartier Nord"]
    assert forecast["model"] in ("poisson-glm", "seasonal-naive")
    assert set(forecast["backtest"]) >= {"mase_model", "mase_baseline"}
    assert len(forecast["forecast"]) == 3 * 168
    assert set(forecast["forecast"][0]) == {"zone", "start", "mean", "low", "high"}
    done = _run(env, "plan", "schedule", str(tmp_path / "forecast.json"), "--team",
                str(tmp_path / "team.yaml"), "--out", str(tmp_path / "schedule.json"),
                "--time-limit", "3", "--no-analyse")
    assert done.returncode == 0, done.stderr
    plan = json.loads((tmp_path / "schedule.json").read_text())
    assert plan["status"] in ("optimal", "feasible") and plan["assignments"]
    assert {"coverage", "zone_shares", "binding", "draft_id"} <= set(plan)
    refused = _run(env, "plan", "adopt", plan["draft_id"], "--as", "nobody")
    assert refused.returncode != 0 and "not an active account" in refused.stderr


def test_unreadable_timestamps_fail_with_a_message(tmp_path: Path, env: dict[str, str]) -> None:
    events = tmp_path / "events.csv"
    events.write_text("quand;lieu\nhier;Centre\navant-hier;Gare\n", encoding="utf-8")
    done = _run(env, "plan", "forecast", str(events), "--time-column", "quand",
                "--out", str(tmp_path / "f.json"))
    assert done.returncode == 2
    assert "readable timestamps" in done.stderr and "Traceback" not in done.stderr


def test_forecast_settings_out_of_range_are_refused_before_reading_naming_the_flags(
        tmp_path: Path, env: dict[str, str]) -> None:
    events = tmp_path / "events.csv"
    events.write_bytes(synthetic_csv(2))
    done = _run(env, "plan", "forecast", str(events), "--time-column", "horodatage",
                "--horizon-weeks", "0", "--holidays", "xx", "--out", str(tmp_path / "f.json"))
    assert done.returncode == 2 and "Traceback" not in done.stderr
    message = " ".join(done.stderr.split())
    assert "--horizon-weeks must be between 1 and 8; got 0." in message
    assert "--holidays: no public-holiday calendar for the country code 'XX'" in message
    assert not (tmp_path / "f.json").exists()
