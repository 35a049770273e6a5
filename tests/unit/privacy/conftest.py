"""Shared helpers for the privacy tests."""

from __future__ import annotations

from communia.governance.privacy import Entity, detect


def labels_of(text: str, lang: str = "auto") -> dict[str, list[str]]:
    """Return the detected texts grouped by label."""
    found: dict[str, list[str]] = {}
    for entity in detect(text, lang):
        found.setdefault(entity.label, []).append(entity.text)
    return found


def assert_offsets(text: str, entities: list[Entity]) -> None:
    """Check each entity's text is the original text at its offsets."""
    for entity in entities:
        assert text[entity.start : entity.end] == entity.text
