"""The CLI contract: job propose and screen, through the real command."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from communia.governance.vault import generate_key
from tests.unit.documents import builders
from tests.unit.recruitment.factories import CV_FR

AD = """Animateur / Animatrice enfance
Profil : BAFA exigé (ou équivalent), PSC1 obligatoire, 2 ans d'expérience auprès d'enfants
de 6 à 12 ans, permis B apprécié.
"""


def communia(tmp: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COMMUNIA_DATA_DIR": str(tmp / "data"), "COMMUNIA_BACKEND": "none",
           "COMMUNIA_ENCRYPTION_KEY": generate_key(), "COMMUNIA_SECRET_KEY": "x"}
    return subprocess.run([sys.executable, "-m", "communia", *args], env=env,
                          capture_output=True, text=True, timeout=600)


def test_propose_then_screen_writes_the_contract_and_reports_bad_files(tmp_path: Path) -> None:
    (tmp_path / "ad.txt").write_text(AD, encoding="utf-8")
    proposed = communia(tmp_path, "job", "propose", str(tmp_path / "ad.txt"), "--out",
                        str(tmp_path / "job.yaml"))
    assert proposed.returncode == 0, proposed.stderr
    apps = tmp_path / "apps"
    (apps / "marchand").mkdir(parents=True)
    (apps / "marchand" / "cv.pdf").write_bytes(builders.make_pdf(CV_FR.splitlines()))
    (apps / "marchand" / "lettre.txt").write_text("Madame, Monsieur,\nJe postule.",
                                                  encoding="utf-8")
    (apps / "broken_cv.pdf").write_bytes(b"%PDF-1.4 this is not a PDF")
    (apps / "empty_cv.docx").write_bytes(b"")
    out = tmp_path / "out"
    screened = communia(tmp_path, "screen", "--job", str(tmp_path / "job.yaml"),
                        "--applications", str(apps), "--out", str(out))
    assert screened.returncode == 0, screened.stderr
    assert "broken_cv.pdf" in screened.stderr and "empty_cv.docx" in screened.stderr
    data = json.loads((out / "screening.json").read_text(encoding="utf-8"))
    assert {"job", "candidates", "interview_grid"} <= set(data)
    assert len(data["candidates"]) == 3
    rich = next(c for c in data["candidates"] if "marchand/cv.pdf" in c["files"])
    assert 0 <= rich["match_score"] <= 100 and rich["match_score"] > 0
    for criterion in rich["criteria"]:
        assert criterion["status"] in {"met", "partial", "not_found"}
        for item in criterion["evidence"]:
            assert {"file", "quote", "start", "end"} <= set(item)
    assert "Marchand" not in rich["summary"]
    broken = [c for c in data["candidates"] if c["errors"]]
    assert len(broken) == 2 and all(c["flags"] for c in broken)
    assert (out / "report.html").stat().st_size > 0 and (out / "report.docx").stat().st_size > 0


def test_protected_criterion_is_refused_by_screen(tmp_path: Path) -> None:
    job = tmp_path / "job.yaml"
    job.write_text("title: Animateur\ncriteria:\n  - id: age\n    label: Âge maximum 30 ans\n"
                   "    terms: [ans]\n", encoding="utf-8")
    (tmp_path / "apps").mkdir()
    (tmp_path / "apps" / "a.txt").write_text("BAFA", encoding="utf-8")
    result = communia(tmp_path, "screen", "--job", str(job), "--applications",
                      str(tmp_path / "apps"), "--out", str(tmp_path / "out"))
    assert result.returncode == 2
    assert "L1132-1" in result.stderr and "Traceback" not in result.stderr


def test_a_decision_needs_a_named_account(tmp_path: Path) -> None:
    result = communia(tmp_path, "campaign", "decide", "nope", "C001", "--decision", "invite",
                      "--reason", "Parcours solide.", "--as", "ai")
    assert result.returncode == 2 and "named person" in result.stderr
    assert "Traceback" not in result.stderr
