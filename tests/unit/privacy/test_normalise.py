"""Normalisation undoes evasion tricks and maps offsets back to the original text."""

from __future__ import annotations

from communia.governance.privacy.normalise import normalise


def _back(original: str, needle: str) -> str:
    """Return the original text behind ``needle`` found in the normalised text."""
    norm = normalise(original)
    start = norm.text.index(needle)
    a, b = norm.to_original(start, start + len(needle))
    return original[a:b]


def test_zero_width_characters_are_removed_and_mapped_back() -> None:
    original = "Écrire à jean\u200b.dupont@mai\u200bl.fr demain"
    assert "jean.dupont@mail.fr" in normalise(original).text
    assert _back(original, "jean.dupont@mail.fr") == "jean\u200b.dupont@mai\u200bl.fr"


def test_full_width_digits_and_nbsp_become_ascii() -> None:
    original = "Tél\u00a0: ０６\u202f１２ 34 56 78."
    norm = normalise(original)
    assert "Tél : 06 12 34 56 78." == norm.text
    assert _back(original, "06 12") == "０６\u202f１２"


def test_obfuscated_email_is_rebuilt() -> None:
    original = "contact : jean [at] mail [dot] fr ou marie(at)exemple(point)fr"
    norm = normalise(original)
    assert "jean@mail.fr" in norm.text and "marie@exemple.fr" in norm.text
    assert _back(original, "jean@mail.fr") == "jean [at] mail [dot] fr"


def test_spelled_email_without_brackets() -> None:
    original = "write to john.smith at example dot co dot uk please"
    assert _back(original, "john.smith@example.co.uk") == "john.smith at example dot co dot uk"


def test_spaced_out_digits_are_joined() -> None:
    original = "appelez le 0 6 1 2 3 4 5 6 7 8 ce soir"
    assert _back(original, "0612345678") == "0 6 1 2 3 4 5 6 7 8"


def test_plain_text_is_unchanged_and_offsets_are_identity() -> None:
    original = "Le 12 mars, la commune a voté 3 délibérations."
    norm = normalise(original)
    assert norm.text == original
    assert norm.to_original(3, 10) == (3, 10)


def test_ordinary_numbers_are_not_joined() -> None:
    original = "Version 121.0.6167.85, articles 1, 2 et 3."
    assert normalise(original).text == original
