"""The governance commands through the real ``communia`` executable."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from communia.governance.vault import generate_key

pytestmark = pytest.mark.slow


@pytest.fixture
def cli(tmp_path: Path):  # type: ignore[no-untyped-def]
    env = {**os.environ, "COMMUNIA_DATA_DIR": str(tmp_path / "data"), "COMMUNIA_BACKEND": "none",
           "COMMUNIA_ENCRYPTION_KEY": generate_key(), "COMMUNIA_SECRET_KEY": "x"}

    def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "communia", *args], env=env, input=stdin,
                              capture_output=True, text=True, timeout=180)

    return run


def test_the_cli_refuses_to_approve_a_high_risk_use_case_without_its_file(cli) -> None:  # type: ignore[no-untyped-def]
    added = cli("users", "add", "dpo1", "--role", "dpo", "--password", "long enough pw")
    assert added.returncode == 0
    refused = cli("register", "set-status", "recruitment", "approved", "--as", "dpo1")
    assert refused.returncode == 1 and "FRIA" in refused.stderr
    assert "Traceback" not in refused.stderr
    anonymous = cli("register", "set-status", "drafting", "approved", "--as", "cli")
    assert anonymous.returncode == 1
    ok = cli("register", "set-status", "drafting", "approved", "--as", "dpo1")
    assert ok.returncode == 0, ok.stderr
    listed = json.loads(cli("register", "list", "--json").stdout)
    status = {row["id"]: row["status"] for row in listed}
    assert status["recruitment"] == "draft" and status["drafting"] == "approved"


def test_tokens_journal_export_purge_and_rights_commands(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    cli("users", "add", "boss", "--role", "admin", "--password", "long enough pw")
    created = cli("tokens", "create", "ci", "--owner", "boss", "--role", "dpo", "--as", "boss")
    assert created.returncode == 0 and created.stdout.strip().startswith("cmn_")
    assert cli("tokens", "revoke", "1", "--as", "boss").returncode == 0
    lines = cli("journal-export", "--format", "syslog").stdout.splitlines()
    assert lines and all(line.startswith("<") and ">1 " in line for line in lines)
    assert created.stdout.strip() not in "\n".join(lines)
    jsonl = cli("journal-export", "--format", "jsonl", "--kind", "action").stdout.splitlines()
    assert [json.loads(x)["payload"]["action"] for x in jsonl] == ["token.created",
                                                                    "token.revoked"]
    assert "would be deleted" in cli("purge", "--dry-run").stdout
    out = tmp_path / "access.json"
    access = cli("subject-access", "Jeanne Martin", "--out", str(out), "--as", "boss")
    assert access.returncode == 0 and json.loads(out.read_text())["counts"]["drafts"] == 0
    erased = cli("erase", "Jeanne Martin", "--as", "boss", "--yes")
    assert erased.returncode == 0 and "deleted" in erased.stdout
    assert cli("journal", "verify").returncode == 0
