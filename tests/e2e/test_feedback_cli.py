"""The ``communia feedback themes`` contract through the real command."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

from communia.feedback.model import MIN_GROUP_SIZE
from communia.governance.vault import generate_key

DEV = Path(__file__).parents[1].parent / "benchmarks" / "data" / "feedback" / "dev.csv"


def communia(tmp: Path, *args: str, **settings: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COMMUNIA_DATA_DIR": str(tmp / "data"), "COMMUNIA_BACKEND": "none",
           "COMMUNIA_ENCRYPTION_KEY": generate_key(), "COMMUNIA_SECRET_KEY": "x",
           **{f"COMMUNIA_{name.upper()}": value for name, value in settings.items()}}
    return subprocess.run([sys.executable, "-m", "communia", *args], env=env, text=True,
                          capture_output=True, timeout=900)


def test_themes_writes_the_contract_json(tmp_path: Path) -> None:
    with DEV.open(encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle) if r["theme"] in ("min_wage", "profile")]
    source = tmp_path / "reports.csv"
    with source.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["text", "when"])
        writer.writerows([r["text"], r["timestamp"]] for r in rows)
    out = tmp_path / "out.json"
    done = communia(tmp_path, "feedback", "themes", str(source), "--text-column", "text",
                    "--date-column", "when", "--themes", "2", "--out", str(out))
    assert done.returncode == 0, done.stderr
    result = json.loads(out.read_text(encoding="utf-8"))
    assert set(result) == {"themes", "assignments"}
    assert len(result["themes"]) == 2
    ids = {t["id"] for t in result["themes"]}
    for theme in result["themes"]:
        assert set(theme) == {"id", "label", "keywords", "count", "quotes", "trend"}
        assert theme["count"] >= MIN_GROUP_SIZE and theme["quotes"]
        assert all(set(p) == {"period", "count"} and p["count"] >= MIN_GROUP_SIZE
                   for p in theme["trend"])
        assert all(any(q in r["text"] for r in rows) for q in theme["quotes"])
    assert [a["row"] for a in result["assignments"]] == list(range(len(rows)))
    assert all(a["theme_ids"] and set(a["theme_ids"]) <= ids for a in result["assignments"])


def test_bad_input_gets_a_clear_message_and_exit_code_2(tmp_path: Path) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    done = communia(tmp_path, "feedback", "themes", str(empty), "--text-column", "t",
                    "--out", str(tmp_path / "o.json"))
    assert done.returncode == 2 and "empty" in done.stderr and "Traceback" not in done.stderr
    wrong = tmp_path / "r.csv"
    wrong.write_text("comment;place\nhello;Nord\n", encoding="utf-8")
    done = communia(tmp_path, "feedback", "themes", str(wrong), "--text-column", "texte",
                    "--out", str(tmp_path / "o.json"))
    assert done.returncode == 2
    assert "Available columns: 'comment', 'place'" in done.stderr
    assert not (tmp_path / "o.json").exists()


def test_a_file_over_the_configured_number_of_reports_is_refused_with_exit_code_2(
        tmp_path: Path) -> None:
    source = tmp_path / "r.csv"
    source.write_text("text\nfirst\nsecond\nthird\n", encoding="utf-8")
    done = communia(tmp_path, "feedback", "themes", str(source), "--text-column", "text",
                    "--out", str(tmp_path / "o.json"), feedback_max_reports="2")
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "r.csv: more than 2 data rows" in done.stderr
    assert not (tmp_path / "o.json").exists()
