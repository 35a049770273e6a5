"""Which columns of an uploaded file most likely hold the text, date, place and source.

The column picker pre-selects them; the person can change every choice. A column is
suggested for a role when a word of its name says so ("Commentaire", "comment-body",
"Date de la remontée", "createdAt", "Quartier"; case and accents do not matter) and its
first rows fit the role: a text column holds words, not numbers (so "comment-id" is not
the text), a date column holds dates, a place or source column holds short values.
Without such a name, the text is the column with the longest texts on average.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from typing import Any

from communia.feedback.ingest import ColumnChoice, Preview, parse_day

# Words of a column name that say what it holds, best first within each role. A name's
# role is that of its first such word: "Date de la remontée" is a date, "Lieu de la
# remontée" a place, "Texte de la remontée" the text.
ROLE_WORDS: dict[str, tuple[str, ...]] = {
    "text": ("texte", "text", "commentaire", "comment", "description", "message",
             "remontee", "verbatim", "observation", "contenu", "content", "body", "avis",
             "signalement", "feedback", "report"),
    "date": ("date", "datetime", "created", "creation", "timestamp", "horodatage",
             "jour", "day"),
    "place": ("zone", "quartier", "lieu", "location", "place", "localisation", "secteur",
              "commune", "ville", "city", "arrondissement", "district", "neighbourhood",
              "neighborhood", "territoire", "adresse", "address", "site", "iris"),
    "source": ("source", "origine", "origin", "canal", "channel", "provenance",
               "emetteur"),
}
_RANK = {word: (role, rank) for role, words in ROLE_WORDS.items()
         for rank, word in enumerate(words)}

# Most sampled values must fit the role for a name to be trusted.
FIT_SHARE = 0.5
# A place or a source is a short value, not a sentence.
SHORT_VALUE_CHARS = 80

# A value longer than this is read as a sentence even when it starts with a date.
DATE_CHARS = 40

_CAMEL = re.compile(r"([a-z0-9])([A-Z])")
_LETTER = re.compile(r"[^\W\d_]")


def name_words(name: str) -> list[str]:
    """The words of a column name, without accents or case, plurals made singular."""
    spaced = _CAMEL.sub(r"\1 \2", name)
    bare = "".join(c for c in unicodedata.normalize("NFKD", spaced)
                   if not unicodedata.combining(c)).casefold()
    words = re.findall(r"[a-z0-9]+", bare)
    return [w[:-1] if len(w) > 3 and w[-1] in "sx" and w[:-1] in _RANK else w
            for w in words]


def role_of_name(name: str) -> tuple[str, int] | None:
    """The role a column name announces and how strongly (0 is the best word)."""
    for word in name_words(name):
        if word in _RANK:
            return _RANK[word]
    return None


def suggest(found: Preview) -> ColumnChoice:
    """The likely text, date, place and source columns ("" where none is likely)."""
    columns = found.columns
    values = [_values(found.rows, i) for i in range(len(columns))]
    named: dict[str, list[tuple[int, int]]] = {role: [] for role in ROLE_WORDS}
    for position, name in enumerate(columns):
        announced = role_of_name(name)
        if announced is not None and values[position]:
            named[announced[0]].append((announced[1], position))
    used: set[int] = set()
    text = _text_column(named["text"], values)
    if text is not None:
        used.add(text)
    chosen = {"text": text}
    for role, fits in (("date", _dates), ("place", _short), ("source", _short)):
        candidates = sorted((rank, p) for rank, p in named[role]
                            if p not in used and fits(values[p]))
        chosen[role] = candidates[0][1] if candidates else None
        if chosen[role] is not None:
            used.add(candidates[0][1])
    return ColumnChoice(*(columns[p] if p is not None else ""
                          for p in (chosen["text"], chosen["date"], chosen["place"],
                                    chosen["source"])))


def _text_column(named: list[tuple[int, int]], values: list[list[str]]) -> int | None:
    """A named text column with words (the longest if several), else the longest texts."""
    worded = [p for _, p in named if _words(values[p])]
    if worded:
        return max(worded, key=lambda p: (_mean_length(values[p]), -p))
    fallback = [p for p, v in enumerate(values) if _words(v) and not _dates(v)]
    if fallback:
        return max(fallback, key=lambda p: (_mean_length(values[p]), -p))
    return None


def looks_like_text(value: str) -> bool:
    """A value that reads as words: letters, and not a date (nor a count or an id); a
    sentence that starts with a date is still a sentence."""
    return len(_LETTER.findall(value)) >= 2 and (len(value) > DATE_CHARS
                                                  or parse_day(value) is None)


def _values(rows: Sequence[Sequence[Any]], position: int) -> list[str]:
    """The non-empty values of one column in the sampled rows, as text."""
    out = []
    for row in rows:
        if position < len(row) and row[position] is not None:
            value = str(row[position]).strip()
            if value:
                out.append(value)
    return out


def _share(values: list[str], test: Any) -> float:
    return sum(1 for v in values if test(v)) / len(values) if values else 0.0


def _words(values: list[str]) -> bool:
    """Most values hold letters (not identifiers, counts or amounts)."""
    return _share(values, lambda v: len(_LETTER.findall(v)) >= 2) >= FIT_SHARE


def _dates(values: list[str]) -> bool:
    return _share(values, lambda v: parse_day(v) is not None) >= FIT_SHARE


def _short(values: list[str]) -> bool:
    return bool(values) and _mean_length(values) <= SHORT_VALUE_CHARS


def _mean_length(values: list[str]) -> float:
    return sum(len(v) for v in values) / len(values) if values else 0.0
