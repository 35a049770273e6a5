"""Cut long texts into paragraph-aligned chunks so memory stays bounded."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

CHUNK_CHARS = 20_000


def _cut_point(text: str, limit: int) -> int:
    """Return where to cut ``text`` at or before ``limit``: paragraph, line, then space."""
    for separator in ("\n\n", "\n", ". ", " "):
        cut = text.rfind(separator, limit // 2, limit)
        if cut != -1:
            return cut + len(separator)
    return limit


def split_text(text: str, limit: int = CHUNK_CHARS) -> Iterator[tuple[int, str]]:
    """Yield (offset, chunk) pieces of ``text``, each at most ``limit`` characters."""
    offset = 0
    while len(text) - offset > limit:
        cut = _cut_point(text[offset : offset + limit], limit)
        yield offset, text[offset : offset + cut]
        offset += cut
    if offset < len(text):
        yield offset, text[offset:]


def split_stream(pieces: Iterable[str], limit: int = CHUNK_CHARS) -> Iterator[tuple[int, str]]:
    """Yield (offset, chunk) from a stream of text pieces, holding at most ~2 chunks."""
    buffer = ""
    offset = 0
    for piece in pieces:
        buffer += piece
        while len(buffer) > limit:
            cut = _cut_point(buffer[:limit], limit)
            yield offset, buffer[:cut]
            offset += cut
            buffer = buffer[cut:]
    if buffer:
        yield offset, buffer


def split_paragraphs(text: str) -> list[tuple[int, str]]:
    """Return (offset, paragraph) pairs; blank lines end a paragraph and stay attached."""
    parts: list[tuple[int, str]] = []
    start = 0
    while start < len(text):
        cut = text.find("\n\n", start)
        end = len(text) if cut == -1 else cut + 2
        while end < len(text) and text[end] == "\n":
            end += 1
        parts.append((start, text[start:end]))
        start = end
    return parts
