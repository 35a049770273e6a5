"""The ``communia guard check FILE|-`` contract."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from communia.governance.guard_cli import app

runner = CliRunner()


def test_check_reads_a_file_and_prints_exactly_the_contract_keys(tmp_path: Path) -> None:
    request = tmp_path / "request.txt"
    request.write_text("Quelle sanction dois-je infliger à M. Martin ?", encoding="utf-8")
    result = runner.invoke(app, ["guard", "check", str(request)])
    assert result.exit_code == 0
    verdict = json.loads(result.stdout)
    assert list(verdict) == ["decision_request", "category", "explanation"]
    assert verdict["decision_request"] is True and verdict["category"] == "sanction"
    assert "décision" in result.stdout  # UTF-8, not \\u escapes


def test_check_reads_standard_input_with_a_dash() -> None:
    result = runner.invoke(app, ["guard", "check", "-"],
                           input="Draft the letter for the candidate the panel rejected.")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {
        "decision_request": False, "category": "none",
        "explanation": "No request for a sanction, award or evaluation decision was detected."}


def test_check_honours_the_language_option(tmp_path: Path) -> None:
    result = runner.invoke(app, ["guard", "check", "-", "--lang", "en"],
                           input="Dois-je licencier Paul ?")
    assert json.loads(result.stdout)["explanation"].startswith("Communia does not take")


def test_check_reads_a_latin1_file(tmp_path: Path) -> None:
    request = tmp_path / "ancien.txt"
    request.write_bytes("Faut-il refuser le permis de construire de M. Blanc ?".encode("cp1252"))
    result = runner.invoke(app, ["guard", "check", str(request)])
    assert json.loads(result.stdout)["category"] == "refusal"


def test_empty_input_exits_2_with_a_message_and_no_traceback() -> None:
    result = runner.invoke(app, ["guard", "check", "-"], input="  \n")
    assert result.exit_code == 2
    assert "empty" in result.stderr and "Traceback" not in result.output
    assert result.stdout == ""


def test_unreadable_file_exits_2_naming_the_file(tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    result = runner.invoke(app, ["guard", "check", str(missing)])
    assert result.exit_code == 2
    assert "missing.txt" in result.stderr
    assert "Traceback" not in result.output


def test_a_directory_is_refused_with_exit_2(tmp_path: Path) -> None:
    result = runner.invoke(app, ["guard", "check", str(tmp_path)])
    assert result.exit_code == 2
    assert str(tmp_path) in result.stderr
