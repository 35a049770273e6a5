"""The CLI contract: communia draft KIND --facts FACTS.yaml --out FILE."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from docx import Document as Docx

from communia.governance.vault import generate_key

DATA = Path(__file__).parents[1].parent / "benchmarks" / "data" / "drafting"


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return {**os.environ, "COMMUNIA_DATA_DIR": str(tmp_path / "data"),
            "COMMUNIA_BACKEND": "none", "COMMUNIA_ENCRYPTION_KEY": generate_key(),
            "COMMUNIA_SECRET_KEY": "x"}


def _run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "communia", *args], env=env,
                          capture_output=True, text=True, timeout=300)


def test_draft_writes_json_and_docx(env: dict[str, str], tmp_path: Path) -> None:
    out = tmp_path / "d.json"
    done = _run(env, "draft", "deliberation", "--facts", str(DATA / "deliberation_02.yaml"),
                "--out", str(out))
    assert done.returncode == 0, done.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["report"]["passed"] and data["status"] == "draft"
    assert "à l'unanimité" in data["text"]
    docx = tmp_path / "l.docx"
    done = _run(env, "draft", "letter", "--facts", str(DATA / "courrier_03.yaml"),
                "--out", str(docx))
    assert done.returncode == 0, done.stderr
    assert "Bâti-Ouest" in "\n".join(p.text for p in Docx(str(docx)).paragraphs)


def test_missing_facts_and_bad_kind_exit_2_with_names(env: dict[str, str],
                                                      tmp_path: Path) -> None:
    facts = tmp_path / "f.yaml"
    facts.write_text("objet: Travaux\nnumero: '1'\n", encoding="utf-8")
    done = _run(env, "draft", "arrete", "--facts", str(facts), "--out", str(tmp_path / "a.pdf"))
    assert done.returncode == 2
    assert "'visas'" in done.stderr and "Traceback" not in done.stderr
    done = _run(env, "draft", "poem", "--facts", str(facts), "--out", str(tmp_path / "a.pdf"))
    assert done.returncode == 2 and "expected one of" in done.stderr


def test_check_and_approve_need_a_named_user(env: dict[str, str], tmp_path: Path) -> None:
    out = tmp_path / "a.json"
    assert _run(env, "draft", "arrete", "--facts", str(DATA / "arrete_04.yaml"),
                "--out", str(out)).returncode == 0
    draft_id = json.loads(out.read_text(encoding="utf-8"))["draft_id"]
    refused = _run(env, "draft-approve", draft_id, "--as", "nobody")
    assert refused.returncode == 1 and "not an active account" in refused.stderr
    text = tmp_path / "a.txt"
    text.write_text(json.loads(out.read_text(encoding="utf-8"))["text"].replace(
        "deux mois", "un mois"), encoding="utf-8")
    checked = _run(env, "draft-check", str(text), "--kind", "arrete")
    assert checked.returncode == 1 and "two-month" in checked.stdout


def test_facts_over_the_configured_limit_exit_2_naming_the_file(env: dict[str, str],
                                                                tmp_path: Path) -> None:
    facts = tmp_path / "f.yaml"
    facts.write_text("objet: Travaux\n# " + "x" * 1_200 + "\n", encoding="utf-8")
    text = tmp_path / "a.txt"
    text.write_text("ARRÊTÉ\n", encoding="utf-8")
    limited = {**env, "COMMUNIA_DRAFTING_MAX_FACTS_CHARS": "1000"}
    for args in (("draft", "arrete", "--facts", str(facts), "--out", str(tmp_path / "a.json")),
                 ("draft-check", str(text), "--kind", "arrete", "--facts", str(facts))):
        done = _run(limited, *args)
        assert done.returncode == 2 and "Traceback" not in done.stderr, done.stderr
        assert (f"{facts}: {len(facts.read_text(encoding='utf-8')):,} characters; facts are "
                "limited to 1,000") in done.stderr
