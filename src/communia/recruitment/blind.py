"""Blind review: mask identity in everything HR reads until the decision stage.

Names, contacts and addresses come from the privacy module's Pseudonymiser; age,
date of birth, nationality and family situation from the rules below. Photos are
never shown (only text is extracted). Scores never depend on this masking.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from communia.governance.privacy import Pseudonymiser
from communia.recruitment.model import JobProfile, fold

__all__ = ["Masker", "mask_rules"]

SEPARATOR = "\n\n\u2063\n\n"  # invisible separator: never part of an entity

_W = r"[A-Za-zÀ-ÖØ-öø-ÿ\-]+"
RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(rf"(?i)\b(?:nationalit[ée]\s*:?\s*{_W}|de nationalité\s+{_W}|nationality\s*:?\s*"
                rf"{_W}|{_W} (?:citizen|national)\b(?:ship)?|citoyen(?:ne)?\s+{_W})"),
     "[NATIONALITÉ]"),
    (re.compile(r"(?i)\b(?:née?|born)\s+(?:le|on|the)?\s*\d{1,2}(?:er)?[\s/.\-]+(?:\d{1,2}|"
                r"[A-Za-zéû]+)[\s/.\-]+\d{2,4}(?:\s+(?:à|a|in)\s+[A-ZÀ-Ö][\w\-]+)?"),
     "[DATE_NAISSANCE]"),
    (re.compile(r"(?i)\b(?:date de naissance|date of birth|dob|birth date)\s*:?\s*[^\n,;]+"),
     "[DATE_NAISSANCE]"),
    (re.compile(r"(?i)\b(?:âgée?|agee?|aged?)\s*(?:de\s*)?:?\s*\d{2}\s*(?:ans|years)\b"),
     "[ÂGE]"),
    (re.compile(r"(?i)\b\d{2}\s*(?:years old|yrs old|y/o)\b"), "[ÂGE]"),
    (re.compile(r"(?im)(?:^|(?<=[,:(•|]))\s*\d{2}\s*ans\b(?!\s*(?:d'|de\b|of\b|en\b|dans\b|"
                r"comme\b|chez\b))"), " [ÂGE]"),
    (re.compile(r"(?i)\b(?:célibataire|mariée?|pacsée?|divorcée?|veu(?:f|ve)|en couple|"
                r"concubinage|single|married|divorced|widowed)\b(?:,?\s*(?:\d|un|une|deux|"
                r"trois|quatre|one|two|three|four)\s+(?:enfants?|children|kids?))?"),
     "[SITUATION_FAMILIALE]"),
    (re.compile(r"(?i)\b(?:mère|père|maman|papa|mother|father|parent)\s+(?:de|of)\s+(?:\d|un|"
                r"une|deux|trois|quatre|one|two|three|four)\s+(?:enfants?|children|kids?)\b"),
     "[SITUATION_FAMILIALE]"),
    (re.compile(r"(?im)^\s*(?:\d|un|une|deux|trois|quatre|one|two|three|four)\s+(?:enfants?|"
                r"children|kids?)\s*$"), "[SITUATION_FAMILIALE]"),
    (re.compile(r"(?i)\b(?:permis de séjour|titre de séjour|residence permit|visa)\b[^\n,;]*"),
     "[NATIONALITÉ]"),
)


def mask_rules(text: str) -> str:
    """Apply the age, birth-date, nationality and family-situation rules only."""
    for pattern, placeholder in RULES:
        text = pattern.sub(placeholder, text)
    return text


def profile_vocabulary(profile: JobProfile) -> tuple[str, ...]:
    """The folded words of the criteria (labels and terms): a diploma, not a person."""
    return tuple(fold(t) for c in profile.criteria
                 for t in (c.label, *c.terms, *c.partial_terms) if t)


class Masker:
    """Masks a candidate's texts with one consistent mapping (same person, same placeholder).

    Args:
        vocabulary: folded phrases of the job profile. A "name" of two words or more that
            lies entirely inside one of them ("CAP Accompagnant", from "CAP accompagnant
            éducatif petite enfance") is a diploma the detector misread and stays visible.
    """

    def __init__(self, vocabulary: Iterable[str] = ()) -> None:
        self._pseudonymiser = Pseudonymiser()
        self._vocabulary = tuple(f" {v} " for v in vocabulary)

    def mask(self, text: str) -> str:
        """The text as HR reads it before the decision stage."""
        return self._keep_vocabulary(mask_rules(self._pseudonymiser.pseudonymise(text)))

    def _keep_vocabulary(self, text: str) -> str:
        for placeholder, value in self._pseudonymiser.mapping.items():
            if (placeholder.startswith("[PERSONNE") and placeholder in text
                    and len(value.split()) >= 2
                    and any(f" {fold(value)} " in phrase for phrase in self._vocabulary)):
                text = text.replace(placeholder, value)
        return text

    def mask_many(self, texts: Iterable[str]) -> list[str]:
        """Mask several texts with the same mapping, in one pass of the detector."""
        items = list(texts)
        if len(items) <= 1:
            return [self.mask(t) for t in items]
        joined = self.mask(SEPARATOR.join(items))
        parts = joined.split(SEPARATOR)
        if len(parts) != len(items):  # a separator was masked away: fall back to one by one
            return [self.mask(t) for t in items]
        return parts

    @property
    def mapping(self) -> dict[str, str]:
        """Placeholder → original value, for sealing (reveal is a journaled act)."""
        return self._pseudonymiser.mapping
