"""Decide when two spellings of a name ("Jean Dupont", "J. Dupont", "DUPONT") are one person."""

from __future__ import annotations

import re
import unicodedata

from .lexicon import PARTICLES

MIN_SURNAME = 3


def name_tokens(value: str) -> tuple[str, ...]:
    """Return the folded words of a name: no accents, no case, no particles."""
    stripped = unicodedata.normalize("NFKD", value.casefold())
    plain = "".join(c for c in stripped if not unicodedata.combining(c))
    words = re.split(r"[\s]+", plain.replace("’", "'"))
    return tuple(w.strip(".,'") for w in words if w and w.strip(".,'") not in PARTICLES)


def _is_initial(token: str) -> bool:
    """Return True for an initial such as 'j' (from 'J.') or 'j-p'."""
    return len(token.replace("-", "")) <= 2


def _compatible(short: tuple[str, ...], full: tuple[str, ...]) -> bool:
    """Return True when every word of ``short`` matches a distinct word of ``full``."""
    remaining = list(full)
    for token in sorted(short, key=_is_initial):
        match = next(
            (
                w
                for w in remaining
                if w == token or (_is_initial(token) and w.startswith(token.split("-")[0]))
            ),
            None,
        )
        if match is None:
            return False
        remaining.remove(match)
    return any(not _is_initial(t) and len(t) >= MIN_SURNAME for t in short)


class PersonBook:
    """Names seen in a batch, to link a new spelling to one known person if unambiguous."""

    def __init__(self) -> None:
        self._people: list[tuple[tuple[str, ...], int]] = []

    def find(self, value: str) -> int | None:
        """Return the number of the single known person ``value`` can refer to, if any."""
        tokens = name_tokens(value)
        if not tokens:
            return None
        numbers = {
            number
            for known, number in self._people
            if sorted(known) == sorted(tokens)
            or _compatible(tokens, known)
            or _compatible(known, tokens)
        }
        return numbers.pop() if len(numbers) == 1 else None

    def add(self, value: str, number: int) -> None:
        """Record that ``value`` names person ``number``."""
        tokens = name_tokens(value)
        if tokens and (tokens, number) not in self._people:
            self._people.append((tokens, number))
