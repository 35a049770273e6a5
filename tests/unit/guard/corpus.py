"""Load the guard's labelled corpora (YAML lists of {text, category})."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).parent


def load(name: str) -> list[dict[str, Any]]:
    """Return the cases of one corpus file beside this module."""
    cases: list[dict[str, Any]] = yaml.safe_load((HERE / name).read_text(encoding="utf-8"))
    return cases


def case_id(case: dict[str, Any]) -> str:
    """A short, readable test id: the category and the first words of the text."""
    return f"{case['category']}:{case['text'][:50]}"
