"""Plain text and Markdown files, with the encoding detected and reported."""

from __future__ import annotations

import codecs
import re

from communia.documents import messages
from communia.documents.cleanup import preview, tidy
from communia.documents.model import ExtractedDocument, ExtractionError, Flag

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


def decode(name: str, data: bytes) -> tuple[str, str]:
    """Return the text and the encoding used: BOM, UTF-8, UTF-16 without BOM, cp1252, latin-1."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _strict(name, data, encoding), encoding
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return _strict(name, data, utf16), utf16
    if b"\x00" in data:
        raise ExtractionError(name, *messages.BINARY, code="unsupported")
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def _strict(name: str, data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise ExtractionError(
            name,
            *messages.said(messages.BAD_ENCODING, encoding=encoding, position=error.start),
            code="bad_encoding",
        ) from error


def _utf16_without_bom(data: bytes) -> str | None:
    """Recognise UTF-16 text by its zero bytes on every other position (Latin scripts)."""
    sample = data[:4000]
    if len(sample) < 4 or len(sample) % 2:
        return None
    even_zeros = sample[0::2].count(0) / (len(sample) / 2)
    odd_zeros = sample[1::2].count(0) / (len(sample) / 2)
    if odd_zeros > 0.3 and even_zeros < 0.05:
        return "utf-16-le"
    if even_zeros > 0.3 and odd_zeros < 0.05:
        return "utf-16-be"
    return None


def read_text(name: str, data: bytes, markdown: bool) -> ExtractedDocument:
    """Decode a text file; in Markdown, HTML comments are not displayed so they are hidden."""
    raw, encoding = decode(name, data)
    hidden = ""
    flags: list[Flag] = []
    if markdown:
        comments = [m.group(0)[4:-3] for m in _HTML_COMMENT.finditer(raw)]
        hidden = tidy("\n".join(comments))
        raw = _HTML_COMMENT.sub("", raw)
        if hidden:
            flags.append(Flag("hidden_text", f"Markdown comment not displayed: {preview(hidden)}"))
    if encoding in {"cp1252", "latin-1"}:
        detail = f"not UTF-8; read as {encoding} (Windows/Western European), check accents"
        flags.append(Flag("encoding", detail))
    return ExtractedDocument(
        name=name,
        text=tidy(raw),
        hidden_text=hidden,
        flags=flags,
        metadata={"format": "markdown" if markdown else "text", "encoding": encoding},
    )
