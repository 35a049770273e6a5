"""The administrator's CLI: accounts and journal verification, through the real command."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from communia.governance.vault import generate_key


def run(args: list[str], data_dir: Path, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COMMUNIA_DATA_DIR": str(data_dir), "COMMUNIA_BACKEND": "none",
           "COMMUNIA_ENCRYPTION_KEY": KEY, "COMMUNIA_SECRET_KEY": "cli-test-secret"}
    return subprocess.run([sys.executable, "-m", "communia", *args], input=stdin, env=env,
                          capture_output=True, text=True, timeout=120)


KEY = generate_key()


def test_users_add_list_and_set_role(tmp_path: Path) -> None:
    added = run(["users", "add", "marie", "--role", "hr", "--name", "Marie Curie"], tmp_path,
                stdin="a long password\na long password\n")
    assert added.returncode == 0, added.stderr
    changed = run(["users", "set-role", "marie", "dpo"], tmp_path)
    assert changed.returncode == 0, changed.stderr
    listed = run(["users", "list", "--json"], tmp_path)
    users = json.loads(listed.stdout)
    assert {"username": "marie", "display_name": "Marie Curie", "role": "dpo",
            "language": None} in users


def test_unknown_role_is_refused_with_the_list_of_roles(tmp_path: Path) -> None:
    result = run(["users", "add", "bob", "--role", "boss"], tmp_path, stdin="x" * 12 + "\n" +
                 "x" * 12 + "\n")
    assert result.returncode != 0
    assert "field_lead" in result.stderr


def test_journal_verify_fails_after_an_edit_and_names_the_entry(tmp_path: Path) -> None:
    import sqlite3

    twice = "p" * 12 + "\n" + "p" * 12 + "\n"
    run(["users", "add", "a1", "--role", "agent"], tmp_path, stdin=twice)
    run(["users", "add", "a2", "--role", "agent"], tmp_path, stdin=twice)
    ok = run(["journal", "verify"], tmp_path)
    assert ok.returncode == 0, ok.stderr
    db = sqlite3.connect(tmp_path / "communia.db")
    db.execute("UPDATE journal_entries SET actor='mallory' WHERE seq=1")
    db.commit()
    db.close()
    bad = run(["journal", "verify"], tmp_path)
    assert bad.returncode == 1
    assert "entry 1" in bad.stderr


def test_a_wrong_setting_is_reported_by_name(tmp_path: Path) -> None:
    env_extra = {"COMMUNIA_MODEL_THREADS": "many"}
    env = {**os.environ, "COMMUNIA_DATA_DIR": str(tmp_path), **env_extra}
    result = subprocess.run([sys.executable, "-m", "communia", "users", "list"], env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert "model_threads" in result.stderr and "COMMUNIA_MODEL_THREADS" in result.stderr
