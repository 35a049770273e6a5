"""Detect, pseudonymise and anonymise personal data in French and English text."""

from .detection import EGRESS_THRESHOLD, contains_identifiers, detect, residual_identifiers
from .language import detect_language
from .model import LABELS, Entity, MappingKeyError, PrivacyError, UnsupportedLanguageError
from .pseudonymise import PART_BREAK, Pseudonymiser, anonymise, restore
from .sealing import open_mapping, seal_mapping

__all__ = [
    "EGRESS_THRESHOLD",
    "LABELS",
    "PART_BREAK",
    "Entity",
    "MappingKeyError",
    "PrivacyError",
    "Pseudonymiser",
    "UnsupportedLanguageError",
    "anonymise",
    "contains_identifiers",
    "detect",
    "detect_language",
    "open_mapping",
    "residual_identifiers",
    "restore",
    "seal_mapping",
]
