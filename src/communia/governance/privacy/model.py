"""Entities, labels and errors of the personal-data detector (no I/O)."""

from __future__ import annotations

from dataclasses import dataclass

LABELS: tuple[str, ...] = (
    "PERSON",
    "EMAIL",
    "PHONE",
    "ADDRESS",
    "DATE_OF_BIRTH",
    "NIR",
    "IBAN",
    "SIRET",
    "SIREN",
    "ID_DOCUMENT",
    "PLATE",
    "IP",
    "URL",
)

PLACEHOLDER_NAMES: dict[str, str] = {
    "PERSON": "PERSONNE",
    "EMAIL": "EMAIL",
    "PHONE": "TELEPHONE",
    "ADDRESS": "ADRESSE",
    "DATE_OF_BIRTH": "DATE_NAISSANCE",
    "NIR": "NIR",
    "IBAN": "IBAN",
    "SIRET": "SIRET",
    "SIREN": "SIREN",
    "ID_DOCUMENT": "PIECE_IDENTITE",
    "PLATE": "PLAQUE",
    "IP": "IP",
    "URL": "URL",
}

LANGUAGES: tuple[str, ...] = ("fr", "en", "auto")


@dataclass(frozen=True)
class Entity:
    """One piece of personal data found in a text, with offsets into the original text."""

    start: int
    end: int
    label: str
    text: str
    score: float


class PrivacyError(Exception):
    """Base class of the errors raised by the privacy package."""


class MappingKeyError(PrivacyError):
    """The key given cannot open the sealed mapping (wrong key or corrupted blob)."""


class UnsupportedLanguageError(PrivacyError):
    """The language asked for is not one the detector handles."""


def check_language(lang: str) -> str:
    """Return ``lang`` if it is supported, else raise with the accepted values."""
    if lang not in LANGUAGES:
        raise UnsupportedLanguageError(
            f"Unsupported language {lang!r}: use one of {', '.join(LANGUAGES)}."
        )
    return lang
