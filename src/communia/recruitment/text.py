"""Folded text with offsets back to the original, and segments (lines, sentences) to quote.

Matching runs on a folded copy (lower case, no accents, ligatures undone, dotted
acronyms joined, spaces collapsed); every folded character remembers where it came
from, so a match always yields a verbatim quote with its offsets in the visible text.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

__all__ = ["Folded", "Segment", "fold_with_offsets", "segments"]

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'",
                              "\u00b4": "'", "\u2010": "-", "\u2011": "-", "\u2013": "-",
                              "\u2014": "-", "\u2212": "-"})
_ACRONYM_DOT = re.compile(r"(?<![a-z0-9])[a-z](\.)(?=[a-z0-9](?:\.|[^a-z0-9]|$))")
_SENTENCE_END = re.compile(r"(?<=[a-zà-ÿ0-9)]{2}[.!?])\s+(?=[A-ZÀ-ÖØ-Þ0-9«\"(•\-–])|\n+")
MAX_SEGMENT = 320


@dataclass(frozen=True)
class Folded:
    """A folded text and, per folded character, its offset in the original."""

    text: str
    origin: tuple[int, ...]
    source_length: int

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Offsets in the original text of the folded slice ``[start, end)``."""
        if start >= len(self.origin):
            return self.source_length, self.source_length
        last = self.origin[max(end - 1, start)]
        return self.origin[start], last + 1


def fold_with_offsets(text: str) -> Folded:
    """Fold ``text`` for matching and keep the offset of every folded character."""
    chars: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text.translate(_APOSTROPHES)):
        for piece in unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", char)):
            if unicodedata.combining(piece):
                continue
            piece = piece.casefold()
            if piece.isspace() or piece in "\u00a0\u202f":
                piece = "\n" if piece in "\n\r\u2028\u2029" else " "
                if chars and chars[-1] in " \n":
                    if piece == "\n":
                        chars[-1] = "\n"
                    continue
            for sub in piece:
                chars.append(sub)
                origin.append(index)
    folded = "".join(chars)
    drop = {m.start(1) for m in _ACRONYM_DOT.finditer(folded)}
    if drop:
        kept = [i for i in range(len(folded)) if i not in drop]
        folded = "".join(folded[i] for i in kept)
        origin = [origin[i] for i in kept]
    return Folded(folded, tuple(origin), len(text))


@dataclass(frozen=True)
class Segment:
    """A line or sentence of the visible text: the unit quoted as evidence."""

    start: int
    end: int
    text: str


def segments(text: str) -> list[Segment]:
    """Split into lines, then sentences; long pieces are cut at commas or spaces."""
    found: list[Segment] = []
    position = 0
    for match in _SENTENCE_END.finditer(text):
        _add(found, text, position, match.start())
        position = match.end()
    _add(found, text, position, len(text))
    return found


def _add(found: list[Segment], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end <= start:
        return
    while end - start > MAX_SEGMENT:
        cut = _cut_point(text, start, start + MAX_SEGMENT)
        _add(found, text, start, cut)
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        found.append(Segment(start, end, text[start:end]))


def _cut_point(text: str, start: int, limit: int) -> int:
    window = text[start:limit]
    for mark in (", ", " ; ", " - ", " "):
        at = window.rfind(mark, MAX_SEGMENT // 2)
        if at > 0:
            return start + at + 1
    return limit
