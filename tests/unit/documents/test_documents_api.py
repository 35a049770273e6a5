"""The public surface of communia.documents and its model rules."""

from __future__ import annotations

from types import ModuleType

import pytest

import communia.documents as documents
from communia.documents import ExtractionError, Flag, Limits
from communia.documents.layout import Glyph, arrange


def test_all_lists_exactly_the_public_names() -> None:
    public = {
        name
        for name, value in vars(documents).items()
        if not name.startswith("_") and not isinstance(value, ModuleType)
    }
    assert set(documents.__all__) == public


def test_unknown_flag_kind_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown flag kind"):
        Flag("suspicious", "x")


def test_extraction_error_names_file_problem_and_next_step() -> None:
    error = ExtractionError("cv.pdf", "the PDF is protected by a password", "Ask for a copy.")

    assert str(error) == "cv.pdf: the PDF is protected by a password. Ask for a copy."
    assert error.code == "unreadable"


def test_default_limits_are_the_documented_safe_values() -> None:
    limits = Limits()

    assert (limits.max_bytes, limits.max_pages, limits.max_zip_members) == (20 << 20, 200, 500)
    assert (limits.max_zip_total_bytes, limits.max_zip_ratio) == (200 << 20, 100)
    assert limits.max_chars == 2_000_000


def _line(text: str, x: float, top: float, size: float = 10) -> list[Glyph]:
    width = size * 0.5
    return [
        Glyph(c, x + i * width, x + (i + 1) * width, top, top + size, size)
        for i, c in enumerate(text)
        if c != " "
    ]


def test_aligned_rows_with_a_narrow_date_column_read_row_by_row() -> None:
    first = "Animateur au centre de loisirs municipal de Villeurbanne"
    second = "Directeur adjoint de l ALSH des Pentes"
    glyphs = _line("2019-2021", 50, 100) + _line(first, 160, 100)
    glyphs += _line("2021-2024", 50, 114) + _line(second, 160, 114)

    assert arrange(glyphs).split("\n") == [f"2019-2021 {first}", f"2021-2024 {second}"]


def test_offset_columns_read_left_column_first() -> None:
    glyphs = _line("Gauche un", 50, 100) + _line("Gauche deux", 50, 113)
    glyphs += _line("Droite un", 300, 104, 11) + _line("Droite deux", 300, 119, 11)

    assert arrange(glyphs).split() == [
        "Gauche",
        "un",
        "Gauche",
        "deux",
        "Droite",
        "un",
        "Droite",
        "deux",
    ]
