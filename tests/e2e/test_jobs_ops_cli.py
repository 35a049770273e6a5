"""The jobs, backup and restore commands through the real ``communia`` entry point."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from communia.governance.vault import generate_key


def _env(data: Path, key: str) -> dict[str, str]:
    return {**os.environ, "COMMUNIA_DATA_DIR": str(data), "COMMUNIA_BACKEND": "none",
            "COMMUNIA_ENCRYPTION_KEY": key, "COMMUNIA_SECRET_KEY": "x",
            "COMMUNIA_JOBS_BACKEND": "inprocess"}


def communia(env: dict[str, str], *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "communia", *args], env=env, input=stdin,
                          capture_output=True, text=True, timeout=300)


@pytest.mark.slow
def test_a_job_is_submitted_followed_listed_and_read_back(tmp_path: Path) -> None:
    env = _env(tmp_path / "data", generate_key())
    payload = json.dumps({"items": ["un deux trois", "quatre"]})

    submitted = communia(env, "jobs", "submit", "echo", "-", stdin=payload)

    assert submitted.returncode == 0, submitted.stderr
    job_id = submitted.stdout.strip().splitlines()[-1]
    listed = json.loads(communia(env, "jobs", "list", "--json").stdout)
    assert [(j["job_id"], j["state"], j["actor"]) for j in listed] == [
        (job_id, "succeeded", "cli")]
    result = json.loads(communia(env, "jobs", "result", job_id).stdout)
    assert [item["words"] for item in result["items"]] == [3, 1]
    again = communia(env, "jobs", "cancel", job_id)
    assert again.returncode == 1 and "already succeeded" in again.stderr
    assert "Traceback" not in again.stderr
    retried = communia(env, "jobs", "retry", job_id)
    assert retried.returncode == 1 and "only a failed or cancelled job" in retried.stderr

    bad = communia(env, "jobs", "submit", "echo", "-", stdin=json.dumps({"items": 3}))
    failed_id = bad.stdout.strip().splitlines()[-1]
    assert bad.returncode == 1 and "needs 'items'" in bad.stderr
    rerun = communia(env, "jobs", "retry", failed_id)
    assert f"{failed_id}: queued" in rerun.stdout  # run again, here, and fails again
    assert rerun.returncode == 1 and "needs 'items'" in rerun.stderr


@pytest.mark.slow
def test_backup_then_restore_into_a_new_data_directory_verifies_the_journal(
        tmp_path: Path) -> None:
    key = generate_key()
    source = _env(tmp_path / "data", key)
    assert communia(source, "jobs", "submit", "echo", "-",
                    stdin='{"items": ["a"]}').returncode == 0

    backed = communia(source, "backup", "--out", str(tmp_path / "bk"))
    restored = communia(_env(tmp_path / "new", key), "restore", str(tmp_path / "bk"))
    refused = communia(_env(tmp_path / "new", key), "restore", str(tmp_path / "bk"))
    not_a_backup = communia(_env(tmp_path / "other", key), "restore", str(tmp_path))

    assert backed.returncode == 0 and "store as sqlite" in backed.stdout, backed.stderr
    assert restored.returncode == 0, restored.stderr
    assert "Journal verified" in restored.stdout
    assert refused.returncode == 1 and "--force" in refused.stderr
    assert not_a_backup.returncode == 1 and "manifest.json" in not_a_backup.stderr
    assert all("Traceback" not in r.stderr for r in (refused, not_a_backup))
