"""The `communia pii` contract: JSON shape, offsets, redaction and bad input."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from communia.governance.privacy.cli import app

runner = CliRunner()
TEXT = "Bonjour,\n\nM. Hugo Lambert (hugo.lambert@exemple.fr, 06 98 76 54 32) a appelé.\n"


def _write(tmp_path: Path, content: bytes) -> str:
    path = tmp_path / "input.txt"
    path.write_bytes(content)
    return str(path)


def test_detect_prints_the_contract_json(tmp_path: Path) -> None:
    result = runner.invoke(app, ["detect", _write(tmp_path, TEXT.encode()), "--lang", "fr"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert set(payload) == {"entities"}
    labels = set()
    for entity in payload["entities"]:
        assert set(entity) == {"start", "end", "label", "text", "score"}
        assert TEXT[entity["start"] : entity["end"]] == entity["text"]
        assert isinstance(entity["score"], float)
        labels.add(entity["label"])
    assert labels == {"PERSON", "EMAIL", "PHONE"}


def test_detect_reads_standard_input() -> None:
    result = runner.invoke(app, ["detect", "-"], input="Write to anna.smith@example.com please.")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["entities"][0]["label"] == "EMAIL"


def test_redact_prints_pseudonymised_text(tmp_path: Path) -> None:
    result = runner.invoke(app, ["redact", _write(tmp_path, TEXT.encode())])
    assert result.exit_code == 0
    assert result.stdout == ("Bonjour,\n\nM. [PERSONNE_1] ([EMAIL_1], [TELEPHONE_1]) a appelé.\n")


def test_empty_input_gives_an_empty_result(tmp_path: Path) -> None:
    path = _write(tmp_path, b"")
    assert json.loads(runner.invoke(app, ["detect", path]).stdout) == {"entities": []}
    assert runner.invoke(app, ["redact", path]).stdout == ""


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"), (b"caf\xe9 au lait", "not UTF-8")],
)
def test_binary_or_wrong_encoding_fails_clearly(
    tmp_path: Path, content: bytes, message: str
) -> None:
    for command in ("detect", "redact"):
        result = runner.invoke(app, [command, _write(tmp_path, content)])
        assert result.exit_code == 2
        assert message in result.stderr
        assert "Traceback" not in result.output + result.stderr


def test_missing_file_and_bad_language_fail_clearly(tmp_path: Path) -> None:
    result = runner.invoke(app, ["detect", str(tmp_path / "absent.txt")])
    assert result.exit_code == 2 and "no such file" in result.stderr
    result = runner.invoke(app, ["detect", "-", "--lang", "de"], input="texte")
    assert result.exit_code != 0 and "Traceback" not in result.stderr


def test_size_limit_is_enforced(tmp_path: Path) -> None:
    path = _write(tmp_path, b"x" * 2_000_000)
    result = runner.invoke(app, ["detect", path, "--max-mb", "1"])
    assert result.exit_code == 2 and "limit" in result.stderr


@pytest.mark.slow
@pytest.mark.skipif(
    os.environ.get("COMMUNIA_SLOW_TESTS") != "1",
    reason="runs spaCy over 5 MB (about 10 min on 2 cores); set COMMUNIA_SLOW_TESTS=1 to run",
)
def test_five_megabyte_text_is_processed_in_chunks(tmp_path: Path) -> None:
    paragraph = (
        "Le conseil a examiné la demande de M. Louis Perrin, joignable au 06 11 22 33 44. "
        "La séance s'est poursuivie avec l'examen du budget et des travaux de voirie.\n\n"
    )
    text = paragraph * (5_000_000 // len(paragraph))
    result = runner.invoke(app, ["detect", _write(tmp_path, text.encode())])
    assert result.exit_code == 0
    entities = json.loads(result.stdout)["entities"]
    phones = [e for e in entities if e["label"] == "PHONE"]
    assert len(phones) == text.count("06 11 22 33 44")
    assert all(text[e["start"] : e["end"]] == e["text"] for e in entities)
