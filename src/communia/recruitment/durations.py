"""Periods of experience computed from dates written in a CV (rules only, no I/O).

Reads ranges such as "09/2019 – 06/2022", "janvier 2017 à aujourd'hui", "2018-2021",
"depuis 2020", "summer 2021", "juillet-août 2022", and stated durations such as
"3 ans d'expérience" or "pendant deux saisons". Works on folded text (lower case,
no accents). Months are counted inclusively; overlapping periods are merged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Period", "find_periods", "merged_months", "stated_months"]

MONTHS: dict[str, int] = {
    "janvier": 1, "janv": 1, "jan": 1, "january": 1, "fevrier": 2, "fevr": 2, "fev": 2,
    "february": 2, "feb": 2, "mars": 3, "march": 3, "mar": 3, "avril": 4, "avr": 4,
    "april": 4, "apr": 4, "mai": 5, "may": 5, "juin": 6, "june": 6, "jun": 6,
    "juillet": 7, "juil": 7, "july": 7, "jul": 7, "aout": 8, "august": 8, "aug": 8,
    "septembre": 9, "sept": 9, "sep": 9, "september": 9, "octobre": 10, "oct": 10,
    "october": 10, "novembre": 11, "nov": 11, "november": 11, "decembre": 12, "dec": 12,
    "december": 12,
}
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_DATE = (rf"(?:(?P<{{p}}m>{_MONTH})\.?\s+|(?P<{{p}}mm>0?[1-9]|1[0-2])\s*[/.\-]\s*)?"
         rf"(?P<{{p}}y>(?:19|20)\d\d)")
_PRESENT = (r"(?P<now>aujourd'hui|ce jour|a ce jour|present|now|today|current|actuellement|"
            r"en cours|date|maintenant|ongoing)")
_SEP = r"\s*(?:-|/|a|au|to|until|till|jusqu'(?:a|en)|->|>)\s*"
RANGE = re.compile(
    r"(?<![\d/.])" + _DATE.format(p="a") + _SEP + "(?:" + _DATE.format(p="b") + "|" + _PRESENT
    + r")(?![\d/])"
)
SINCE = re.compile(r"\b(?:depuis|since|des|from)\s+(?:(?:le|the)\s+)?" + _DATE.format(p="a")
                   + r"(?!\d|\s*(?:-|a|au|to|until|jusqu)\s*(?:\d|[a-z]+\.?\s+\d))")
SUMMER = re.compile(rf"\b(?:ete|summer|(?P<m1>{_MONTH})\s*(?:-|a|et|to|and|&)\s*"
                    rf"(?P<m2>{_MONTH}))\s+(?P<y>(?:19|20)\d\d)\b")
_NUMBER = (r"\d{1,2}(?:[.,]5)?|un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|one|two|"
           r"three|four|five|seven|eight|nine|ten")
_WORDS = {"un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6,
          "sept": 7, "huit": 8, "neuf": 9, "dix": 10, "one": 1, "two": 2, "three": 3,
          "four": 4, "five": 5, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
STATED = re.compile(
    r"(?P<pre>\b(?:depuis|pendant|durant|for|over|plus de|more than|nearly|almost|presque|"
    r"environ|about|around|de)\s+)?(?P<n>" + _NUMBER + r")\s*\+?\s*"
    r"(?P<u>ans|annees|an|years?|yrs?|mois|months?|saisons|seasons|etes|summers)\b"
    r"(?P<post>\s+(?:d'experience|of experience|experience|d'animation|comme|en tant qu|as |"
    r"aupres|with|working|dans|en accueil|en centre|en colonie|au sein|in )|'? ?(?:experience|"
    r"d'experience))?"
)
_RANGE_BEFORE = re.compile(r"(?:\d\s*(?:a|-|et|to|and)\s*|\baged? |\bagee?s? de )$")
_UNIT_MONTHS = {"an": 12, "ans": 12, "annees": 12, "year": 12, "years": 12, "yr": 12,
                "yrs": 12, "mois": 1, "month": 1, "months": 1, "saisons": 2, "seasons": 2,
                "etes": 2, "summers": 2}


@dataclass(frozen=True)
class Period:
    """An inclusive run of months (``year * 12 + month - 1``), with where it was written."""

    first: int
    last: int
    start: int
    end: int

    @property
    def months(self) -> int:
        """Length of the period in months (inclusive)."""
        return self.last - self.first + 1


def _month_index(year: str, month: int) -> int:
    return int(year) * 12 + month - 1


def _month_of(match: re.Match[str], prefix: str) -> int | None:
    name, number = match.group(prefix + "m"), match.group(prefix + "mm")
    if name:
        return MONTHS[name]
    return int(number) if number else None


def find_periods(folded: str, today: tuple[int, int]) -> list[Period]:
    """Every dated period in ``folded``; ``today`` is (year, month) for open ranges."""
    now = today[0] * 12 + today[1] - 1
    periods: list[Period] = []
    taken: list[tuple[int, int]] = []
    for match in RANGE.finditer(folded):
        first_month = _month_of(match, "a")
        first = _month_index(match.group("ay"), first_month or 1)
        if match.group("now"):
            last = now
        else:
            last_month = _month_of(match, "b")
            if first_month and not last_month:
                last_month = 12
            last = _month_index(match.group("by"), last_month or 1)
            if not first_month and not last_month:
                last -= 1  # "2018-2021" reads as three years, not four
        if first <= last <= now + 1 and last - first < 12 * 45:
            periods.append(Period(first, last, match.start(), match.end()))
            taken.append((match.start(), match.end()))
    for match in SINCE.finditer(folded):
        if any(a <= match.start() < b for a, b in taken):
            continue
        first = _month_index(match.group("ay"), _month_of(match, "a") or 1)
        if first <= now:
            periods.append(Period(first, now, match.start(), match.end()))
    for match in SUMMER.finditer(folded):
        if any(a <= match.start() < b for a, b in taken):
            continue
        m1 = MONTHS[match.group("m1")] if match.group("m1") else 7
        m2 = MONTHS[match.group("m2")] if match.group("m2") else 8
        year = match.group("y")
        periods.append(Period(_month_index(year, m1), _month_index(year, max(m1, m2)),
                              match.start(), match.end()))
    return periods


def merged_months(periods: list[Period]) -> int:
    """Months covered by the union of ``periods`` (overlaps counted once)."""
    covered: set[int] = set()
    for period in periods:
        covered.update(range(period.first, period.last + 1))
    return len(covered)


def stated_months(folded: str) -> list[tuple[int, int, int]]:
    """Durations written as such ("3 ans d'expérience"): (months, start, end) each.

    An age ("enfants de 6 à 12 ans", "âgé de 25 ans") is not a duration: a number
    counts only with a lead-in ("pendant", "plus de") or a follow-on ("d'expérience").
    """
    found: list[tuple[int, int, int]] = []
    for match in STATED.finditer(folded):
        pre, post = match.group("pre"), match.group("post")
        if pre and pre.strip() == "de":
            pre = None  # "de 3 ans" is a duration only when "d'expérience" follows
        if not pre and not post:
            continue
        if not pre and _RANGE_BEFORE.search(folded[max(0, match.start("n") - 12):
                                                  match.start("n")]):
            continue
        raw = match.group("n").replace(",", ".")
        number = float(raw) if raw[0].isdigit() else float(_WORDS[raw])
        months = int(round(number * _UNIT_MONTHS[match.group("u")]))
        if 0 < months <= 12 * 45:
            found.append((months, match.start(), match.end()))
    return found
