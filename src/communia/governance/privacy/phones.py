"""International phone numbers found with Google's libphonenumber (``phonenumbers``)."""

from __future__ import annotations

import re

import phonenumbers
from presidio_analyzer import LocalRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from .contact import PHONE_CONTEXT
from .rules import Rule, has_context

REGIONS: dict[str, tuple[str, ...]] = {"fr": ("FR",), "en": ("GB", "US")}
_FORMATTED = re.compile(r"^\+|^00|^\(|[ .\-()]")
_CONTEXT_RULE = Rule(re.compile("$^"), 0.0, context=PHONE_CONTEXT)
MIN_DIGITS = 8
# Eight digits, none further than 24 characters from the next one (room for separators
# and an extension word): a text without such a run holds no number kept below.
_DIGIT_RUN = re.compile(rf"\d(?:\D{{0,24}}\d){{{MIN_DIGITS - 1}}}")


TRUNK_ZERO_REGIONS = frozenset({"FR", "GB"})


def _written_like_a_phone(raw: str, region: str, digits: int) -> bool:
    """Return False for digit runs nobody writes as a phone ("2017-79738" in France).

    In France and the UK a national number always keeps its leading 0.
    """
    if raw.startswith(("+", "00")):
        return True
    if region in TRUNK_ZERO_REGIONS:
        return raw.lstrip("(").startswith("0")
    return digits >= 10


def find_phones(text: str, language: str) -> list[tuple[int, int, float]]:
    """Return (start, end, score) for phone numbers in ``text``.

    Valid numbers score high; merely possible ones need phone-like formatting or a
    context word, so plain reference numbers are left alone.
    """
    found: dict[tuple[int, int], float] = {}
    if _DIGIT_RUN.search(text) is None:
        return []
    for region in REGIONS.get(language, ("FR",)):
        matcher = phonenumbers.PhoneNumberMatcher(
            text, region, leniency=phonenumbers.Leniency.POSSIBLE, max_tries=100_000
        )
        for match in matcher:
            raw = match.raw_string
            digits = sum(c.isdigit() for c in raw)
            if digits < MIN_DIGITS:
                continue
            if not _written_like_a_phone(raw, region, digits):
                continue
            valid = phonenumbers.is_valid_number(match.number)
            near = has_context(text, match.start, match.end, _CONTEXT_RULE)
            formatted = _FORMATTED.search(raw) is not None
            if valid:
                score = 0.75 if formatted or near else 0.5
            elif formatted and (near or raw.startswith(("+", "00"))):
                score = 0.6
            elif (formatted or region == "GB") and digits >= 10:
                score = 0.45
            else:
                continue
            key = (match.start, match.end)
            found[key] = max(score, found.get(key, 0.0))
    return [(start, end, score) for (start, end), score in found.items()]


class PhoneNumbersRecognizer(LocalRecognizer):
    """Presidio recognizer wrapping ``find_phones`` for one language."""

    def __init__(self, language: str) -> None:
        super().__init__(
            supported_entities=["PHONE"],
            name=f"communia_phonenumbers_{language}",
            supported_language=language,
        )

    def load(self) -> None:
        """Nothing to load: phonenumbers carries its metadata."""

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        """Return PHONE results found by libphonenumber."""
        if entities and "PHONE" not in entities:
            return []
        return [
            RecognizerResult("PHONE", start, end, score)
            for start, end, score in find_phones(text, self.supported_language)
        ]
