"""French dates: read them (ISO, 12/03/2026, « 1er mars 2026 ») and write them (no I/O)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
          "septembre", "octobre", "novembre", "décembre")
_MONTH_INDEX = {name: i + 1 for i, name in enumerate(MONTHS)}
_MONTH_INDEX.update({"fevrier": 2, "aout": 8, "decembre": 12})
_WORDS = re.compile(
    r"\b(\d{1,2})(?:er)?\s+(" + "|".join(sorted(_MONTH_INDEX, key=len, reverse=True))
    + r")\s+(\d{4})\b", re.IGNORECASE)
_NUMERIC = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b")
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


@dataclass(frozen=True)
class DateMention:
    """A date written in a text; ``value`` is None when no such day exists (31 février)."""

    text: str
    value: date | None


def _make(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse_date(text: str) -> date | None:
    """The date written in ``text`` (whole string), or None."""
    value = text.strip()
    for mention in find_dates(value):
        if mention.text == value or len(mention.text) >= len(value) - 1:
            return mention.value
    return None


def find_dates(text: str) -> list[DateMention]:
    """Every date written in ``text``, impossible ones included (value None)."""
    found: list[DateMention] = []
    for m in _WORDS.finditer(text):
        month = _MONTH_INDEX[m.group(2).lower()]
        found.append(DateMention(m.group(0), _make(int(m.group(3)), month, int(m.group(1)))))
    for m in _NUMERIC.finditer(text):
        found.append(DateMention(m.group(0),
                                 _make(int(m.group(3)), int(m.group(2)), int(m.group(1)))))
    for m in _ISO.finditer(text):
        found.append(DateMention(m.group(0),
                                 _make(int(m.group(1)), int(m.group(2)), int(m.group(3)))))
    return found


def format_date(value: date, lang: str = "fr") -> str:
    """« 1er mars 2026 » in French, « 1 March 2026 » in English."""
    if lang != "fr":
        return value.strftime("%-d %B %Y")
    day = "1er" if value.day == 1 else str(value.day)
    return f"{day} {MONTHS[value.month - 1]} {value.year}"
