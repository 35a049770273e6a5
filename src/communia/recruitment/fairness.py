"""Fairness checks: counterfactual swaps (must change nothing) and selection rates.

Counterfactual: each application is re-read with its name swapped, its sex markers
swapped, its age markers changed and its address replaced; any score change is
reported. Selection rates by self-declared category (optional, supplied by HR) with
the four-fifths rule and a minimum group size below which nothing is reported.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

__all__ = ["MIN_GROUP", "SWAPS", "Counterfactual", "GroupRate", "counterfactual",
           "selection_rates", "swap"]

MIN_GROUP = 5
FOUR_FIFTHS = 0.8
OTHER_NAME = "Camille Nguyen-Moreau"
OTHER_ADDRESS = "27 avenue des Tilleuls, 13008 Marseille"
_SEX = {"madame": "monsieur", "monsieur": "madame", "mme": "m.", "mlle": "m.",
        "née": "né", "né": "née", "animatrice": "animateur", "animateur": "animatrice",
        "directrice": "directeur", "directeur": "directrice", "elle": "il", "il": "elle",
        "mrs": "mr", "ms": "mr", "mr": "ms", "she": "he", "he": "she", "her": "his",
        "his": "her", "titulaire": "titulaire", "étudiante": "étudiant", "étudiant": "étudiante",
        "salariée": "salarié", "salarié": "salariée"}
_SEX_RE = re.compile(r"(?i)\b(" + "|".join(sorted(map(re.escape, _SEX), key=len, reverse=True))
                     + r")\b")
_AGE_RE = re.compile(r"(?i)\b(\d{2})(\s*(?:ans|years old|yrs old))\b(?!\s*d'exp)")
_BIRTH_RE = re.compile(r"(?i)(\b(?:née?|born|naissance)\b[^\n]{0,25}?)\b(19\d\d|20[01]\d)\b")
_POSTCODE_RE = re.compile(r"\b\d{5}\s+[A-ZÉ][\w\-’' ]{2,30}")
SWAPS = ("name", "sex", "age", "address")


def _case_like(original: str, replacement: str) -> str:
    if original.isupper():
        return replacement.upper()
    if original[:1].isupper():
        return replacement[:1].upper() + replacement[1:]
    return replacement


def swap(kind: str, text: str, names: Sequence[str] = (), addresses: Sequence[str] = ()) -> str:
    """``text`` with one kind of marker swapped (name, sex, age or address)."""
    if kind == "name":
        for name in sorted(set(names), key=len, reverse=True):
            text = text.replace(name, OTHER_NAME)
        return text
    if kind == "sex":
        return _SEX_RE.sub(lambda m: _case_like(m.group(1), _SEX[m.group(1).lower()]), text)
    if kind == "age":
        text = _AGE_RE.sub(lambda m: f"{(int(m.group(1)) + 17) % 50 + 18}{m.group(2)}", text)
        return _BIRTH_RE.sub(lambda m: f"{m.group(1)}{int(m.group(2)) - 19}", text)
    if kind == "address":
        for address in sorted(set(addresses), key=len, reverse=True):
            text = text.replace(address, OTHER_ADDRESS)
        return _POSTCODE_RE.sub("13008 Marseille", text)
    raise ValueError(f"unknown swap {kind!r}; use one of {SWAPS}")


@dataclass(frozen=True)
class Counterfactual:
    """One candidate's score and its score under each swap."""

    label: str
    score: float
    swapped: dict[str, float]

    @property
    def max_change(self) -> float:
        """Largest absolute score change over the swaps (must be 0)."""
        return max((abs(v - self.score) for v in self.swapped.values()), default=0.0)


def counterfactual(label: str, texts: list[str], score: Callable[[list[str]], float],
                   names: Sequence[str] = (), addresses: Sequence[str] = ()) -> Counterfactual:
    """Score ``texts`` as written and under each swap."""
    base = score(texts)
    swapped = {kind: score([swap(kind, t, names, addresses) for t in texts]) for kind in SWAPS}
    return Counterfactual(label, base, swapped)


@dataclass(frozen=True)
class GroupRate:
    """Selection rate of one self-declared group; ``reported`` is False below the minimum."""

    group: str
    size: int
    selected: int
    rate: float | None
    impact_ratio: float | None
    below_four_fifths: bool
    reported: bool


def selection_rates(rows: Sequence[tuple[str | None, bool]], minimum: int = MIN_GROUP
                    ) -> list[GroupRate]:
    """Rates by group from (category, invited); groups under ``minimum`` are not reported."""
    groups: dict[str, list[bool]] = {}
    for category, invited in rows:
        if category:
            groups.setdefault(category, []).append(invited)
    rates = {g: sum(v) / len(v) for g, v in groups.items() if len(v) >= minimum}
    top = max(rates.values(), default=0.0)
    out = []
    for group, values in sorted(groups.items()):
        if group not in rates:
            out.append(GroupRate(group, len(values), 0, None, None, False, False))
            continue
        ratio = rates[group] / top if top else None
        out.append(GroupRate(group, len(values), sum(values), round(rates[group], 3),
                             None if ratio is None else round(ratio, 3),
                             ratio is not None and ratio < FOUR_FIFTHS, True))
    return out
