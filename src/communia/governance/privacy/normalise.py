"""Undo evasion tricks (invisible characters, full-width digits, obfuscated e-mails).

The detector runs on the normalised text; ``Normalised.to_original`` maps every
span back to the original text so offsets stay Python indices into what the user gave.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

ZERO_WIDTH = frozenset(
    "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
SPACES = frozenset("\u00a0\u202f\u2007\u2009\u200a\u2002\u2003\u2004\u2005\u2006\u2008\u3000\u205f")
DASHES = frozenset("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d")
QUOTES = frozenset("\u2019\u2018\u02bc\u2032\uff07")

_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_TLD = r"(?:com|fr|org|net|eu|io|gouv|uk|de|be|ch|info|biz|co|me|es|it)"
_OBFUSCATED_AT = re.compile(r"\s*[\[\(\{<]\s*(?:at|arobase|chez|@)\s*[\]\)\}>]\s*", re.IGNORECASE)
_OBFUSCATED_DOT = re.compile(r"\s*[\[\(\{<]\s*(?:dot|point|\.)\s*[\]\)\}>]\s*", re.IGNORECASE)
_SPELLED_EMAIL = re.compile(
    r"\b[A-Za-z0-9._%+-]+\s+(?:at|arobase)\s+[A-Za-z0-9-]+"
    r"(?:\s+(?:dot|point)\s+[A-Za-z0-9-]+)*\s+(?:dot|point)\s+" + _TLD + r"\b",
    re.IGNORECASE,
)
_SPELLED_SEPARATORS = re.compile(r"\s+(at|arobase|dot|point)\s+", re.IGNORECASE)
_SPACED_DIGITS = re.compile(r"(?<![\w])\d(?:[ \t._/-]{1,3}\d){6,}(?![\w])")


@dataclass
class _Layer:
    """One rewriting step: pieces of the output and the input range each came from."""

    out_starts: list[int] = field(default_factory=list)
    in_starts: list[int] = field(default_factory=list)
    in_ends: list[int] = field(default_factory=list)
    verbatim: list[bool] = field(default_factory=list)

    def start_of(self, pos: int) -> int:
        """Map an output start offset to an input offset."""
        i = bisect.bisect_right(self.out_starts, pos) - 1
        if i < 0:
            return pos
        if self.verbatim[i]:
            return self.in_starts[i] + (pos - self.out_starts[i])
        return self.in_starts[i]

    def end_of(self, pos: int) -> int:
        """Map an output end offset (exclusive) to an input offset."""
        if pos <= 0:
            return 0
        i = bisect.bisect_right(self.out_starts, pos - 1) - 1
        if i < 0:
            return pos
        if self.verbatim[i]:
            return self.in_starts[i] + (pos - self.out_starts[i])
        return self.in_ends[i]


@dataclass(frozen=True)
class Normalised:
    """A normalised text and the layers mapping its offsets back to the original."""

    original: str
    text: str
    layers: tuple[_Layer, ...]

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of the normalised text to the matching span of the original."""
        for layer in reversed(self.layers):
            start, end = layer.start_of(start), layer.end_of(end)
        return start, max(start, end)


def _rewrite(text: str, pattern: re.Pattern[str], repl: Callable[[str], str]) -> tuple[str, _Layer]:
    """Replace every match of ``pattern`` with ``repl(match)``, recording offsets."""
    layer = _Layer()
    parts: list[str] = []
    out = 0
    last = 0

    def add(piece: str, in_start: int, in_end: int, verbatim: bool) -> None:
        nonlocal out
        if piece:
            layer.out_starts.append(out)
            layer.in_starts.append(in_start)
            layer.in_ends.append(in_end)
            layer.verbatim.append(verbatim)
            parts.append(piece)
            out += len(piece)

    for match in pattern.finditer(text):
        replacement = repl(match.group(0))
        if replacement == match.group(0):
            continue
        add(text[last : match.start()], last, match.start(), True)
        add(replacement, match.start(), match.end(), False)
        last = match.end()
    add(text[last:], last, len(text), True)
    return "".join(parts), layer


def _fold_char(char: str) -> str:
    """Return the plain form of one non-ASCII character used to hide an identifier."""
    if char in ZERO_WIDTH:
        return ""
    if char in SPACES:
        return " "
    if char in DASHES:
        return "-"
    if char in QUOTES:
        return "'"
    folded = unicodedata.normalize("NFKC", char)
    return folded if folded.isprintable() or folded.isspace() else char


def _join_spelled(email: str) -> str:
    """Turn 'jean at mail dot fr' into 'jean@mail.fr'."""
    return _SPELLED_SEPARATORS.sub(
        lambda m: "@" if m.group(1).lower() in ("at", "arobase") else ".", email
    )


def _join_digits(spaced: str) -> str:
    """Turn '0 6 1 2 3 4 5 6 7 8' into '0612345678'."""
    return re.sub(r"\D", "", spaced)


_STEPS: tuple[tuple[re.Pattern[str], Callable[[str], str]], ...] = (
    (_NON_ASCII, _fold_char),
    (_OBFUSCATED_AT, lambda _: "@"),
    (_OBFUSCATED_DOT, lambda _: "."),
    (_SPELLED_EMAIL, _join_spelled),
    (_SPACED_DIGITS, _join_digits),
)


def normalise(text: str) -> Normalised:
    """Return ``text`` with evasion tricks undone and the offset map back to it."""
    layers: list[_Layer] = []
    current = text
    for pattern, repl in _STEPS:
        if pattern is _NON_ASCII and current.isascii():
            continue
        rewritten, layer = _rewrite(current, pattern, repl)
        if rewritten != current or len(layer.out_starts) > 1:
            layers.append(layer)
            current = rewritten
    return Normalised(original=text, text=current, layers=tuple(layers))
