"""Text repairs shared by the readers: ligatures, hyphenation, spacing, language hint."""

from __future__ import annotations

import re
import unicodedata

from communia.documents.model import Flag

LIGATURES: dict[str, str] = {
    "\ufb00": "ff",
    "\ufb01": "fi",
    "\ufb02": "fl",
    "\ufb03": "ffi",
    "\ufb04": "ffl",
    "\ufb05": "st",
    "\ufb06": "st",
    "\u0132": "IJ",
    "\u0133": "ij",
}

# Characters that take no room on screen and only ever hide or split words.
INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"), None)

_HYPHEN_BREAK = re.compile(r"(\w)[-\u2010\u2011]\n(?=[a-zà-ÿ])")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f]+")
_BLANK_LINES = re.compile(r"\n{3,}")

_FRENCH = frozenset(
    "le la les des du de et est une un pour dans avec sur que qui au aux ce cette "
    "je mon ma mes nous vous son sa ses été par pas plus".split()
)
_ENGLISH = frozenset(
    "the and of to in for with on is are was a an my i at as by this that from "
    "have has be been your our it".split()
)


def fix_ligatures(text: str) -> str:
    """Replace typographic ligature characters (ﬁ, ﬂ, ﬀ...) by their letters."""
    for ligature, letters in LIGATURES.items():
        text = text.replace(ligature, letters)
    return text


def join_hyphenated(text: str) -> str:
    """Join words split by a hyphen at a line end ("anima-\\ntion" becomes "animation").

    Only a lowercase continuation is joined, so "Jean-\\nPierre" and list dashes stay.
    """
    return _HYPHEN_BREAK.sub(r"\1", text)


def tidy(text: str) -> str:
    """Normalise a reader's output: NFC, ligatures, invisible characters, spaces, hyphens."""
    text = unicodedata.normalize("NFC", fix_ligatures(text)).translate(INVISIBLE)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    text = join_hyphenated("\n".join(lines))
    return _BLANK_LINES.sub("\n\n", text).strip()


def guess_language(text: str) -> str | None:
    """Return "fr" or "en" from common function words, or None when it cannot tell."""
    words = re.findall(r"[a-zà-ÿ]+", text[:20_000].lower())
    french = sum(word in _FRENCH for word in words)
    english = sum(word in _ENGLISH for word in words)
    if max(french, english) < 3:
        return None
    if french >= 1.5 * english:
        return "fr"
    if english >= 1.5 * french:
        return "en"
    return None


def truncate(text: str, max_chars: int, label: str) -> tuple[str, list[Flag]]:
    """Cut text at ``max_chars`` and say so with a ``truncated`` flag."""
    if len(text) <= max_chars:
        return text, []
    detail = f"{label} cut at {max_chars:,} characters out of {len(text):,}"
    return text[:max_chars], [Flag("truncated", detail)]


def preview(text: str, width: int = 160) -> str:
    """Return the start of a text on one line, for flag details."""
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"
