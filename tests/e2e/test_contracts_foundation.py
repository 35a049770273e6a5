"""CLI contracts used by outside evaluations, through the real ``communia`` command."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from communia.governance.vault import generate_key


def communia(args: list[str], stdin: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COMMUNIA_DATA_DIR": str(tmp_path), "COMMUNIA_BACKEND": "none",
           "COMMUNIA_ENCRYPTION_KEY": generate_key(), "COMMUNIA_SECRET_KEY": "contract"}
    return subprocess.run([sys.executable, "-m", "communia", *args], input=stdin, env=env,
                          capture_output=True, text=True, timeout=300)


def test_pii_detect_prints_entities_with_offsets_into_the_original(tmp_path: Path) -> None:
    text = "Écrire à Mme Sophie Marchand, sophie.marchand@free.fr, tél. 06 11 22 33 44."
    result = communia(["pii", "detect", "-", "--lang", "fr"], text, tmp_path)
    assert result.returncode == 0, result.stderr
    entities = json.loads(result.stdout)["entities"]
    labels = {e["label"] for e in entities}
    assert {"PERSON", "EMAIL", "PHONE"} <= labels
    for e in entities:
        assert set(e) == {"start", "end", "label", "text", "score"}
        assert text[e["start"]:e["end"]] == e["text"]


def test_pii_redact_prints_placeholders(tmp_path: Path) -> None:
    text = "Contact : jean.dupont@gmail.com"
    result = communia(["pii", "redact", "-"], text, tmp_path)
    assert result.returncode == 0, result.stderr
    assert "jean.dupont@gmail.com" not in result.stdout
    assert "[EMAIL_1]" in result.stdout


def test_guard_check_prints_the_verdict(tmp_path: Path) -> None:
    result = communia(["guard", "check", "-"], "Décide si on licencie l'agent Dupont.", tmp_path)
    assert result.returncode == 0, result.stderr
    verdict = json.loads(result.stdout)
    assert set(verdict) == {"decision_request", "category", "explanation"}
    assert verdict["decision_request"] is True
    assert verdict["category"] == "sanction"
    passing = communia(["guard", "check", "-"],
                       "Rédige le courrier notifiant au candidat la décision du jury.", tmp_path)
    assert json.loads(passing.stdout)["decision_request"] is False
