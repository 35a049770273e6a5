"""Entry points: one file to an ExtractedDocument, a batch (ZIPs included) to a BatchResult.

The format is recognised from the content first and the extension second, so a
DOCX renamed ``.pdf`` is still read as DOCX. Every reader's output then gets the same
treatment: character limit, injection scan of visible and hidden text, language hint.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import PurePosixPath

from communia.documents import archive, messages
from communia.documents.cleanup import guess_language, truncate
from communia.documents.docx_reader import read_docx
from communia.documents.injection import find_injections
from communia.documents.messages import said
from communia.documents.model import (
    MIB,
    BatchResult,
    ExtractedDocument,
    ExtractionError,
    Flag,
    Limits,
)
from communia.documents.odt_reader import read_odt
from communia.documents.pdf_reader import read_pdf
from communia.documents.text_reader import read_text

DEFAULT_LIMITS = Limits()
TEXT_EXTENSIONS = frozenset({".txt", ".text", ".md", ".markdown", ".csv"})
MARKDOWN_EXTENSIONS = frozenset({".md", ".markdown"})
IMAGE_MAGIC = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"II*\x00", b"MM\x00*")
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"


def extract(name: str, data: bytes, limits: Limits = DEFAULT_LIMITS) -> ExtractedDocument:
    """Read one file into visible text, hidden text and flags, or raise ExtractionError."""
    _check_size(name, data, limits)
    kind = sniff(name, data)
    try:
        document = _read(kind, name, data, limits)
    except ExtractionError:
        raise
    except Exception as error:  # a reader library failing on a malformed file
        raise ExtractionError(
            name, *said(messages.DAMAGED, kind=kind.upper()), code="corrupt"
        ) from error
    return _finish(document, limits)


def extract_batch(
    files: Iterable[tuple[str, bytes]], limits: Limits = DEFAULT_LIMITS
) -> BatchResult:
    """Read many files, expanding ZIPs one level deep; one bad file never stops the rest.

    Every input (and every member of an archive) ends in ``documents`` or ``errors``;
    only system files inside archives (``__MACOSX``, ``.DS_Store``) go to ``skipped``.
    """
    result = BatchResult()
    for name, data in files:
        _extract_into(result, name, data, limits, depth=0)
    return result


def _extract_into(result: BatchResult, name: str, data: bytes, limits: Limits, depth: int) -> None:
    try:
        _check_size(name, data, limits)
        if sniff(name, data) != "zip":
            result.documents.append(extract(name, data, limits))
            return
        if depth >= 2:
            raise ExtractionError(name, *messages.NESTED_ARCHIVE, code="nested_archive")
        with archive.open_zip(name, data) as zipped:
            expansion = archive.expand(name, zipped, limits)
    except ExtractionError as error:
        result.errors.append(error)
        return
    except Exception as error:  # never let one file stop the batch
        result.errors.append(_unexpected(name, error))
        return
    result.errors.extend(expansion.errors)
    result.skipped.extend(expansion.skipped)
    for member_name, member_data in expansion.files:
        _extract_into(result, member_name, member_data, limits, depth + 1)


def _unexpected(name: str, error: Exception) -> ExtractionError:
    return ExtractionError(
        name, *said(messages.UNEXPECTED, error=type(error).__name__), code="unexpected"
    )


def _check_size(name: str, data: bytes, limits: Limits) -> None:
    if not data:
        raise ExtractionError(name, *messages.EMPTY, code="empty")
    if len(data) > limits.max_bytes:
        raise ExtractionError(
            name,
            *said(messages.TOO_LARGE, size=len(data) / MIB, limit=limits.max_bytes / MIB),
            code="too_large",
        )


def sniff(name: str, data: bytes) -> str:
    """Return the format: pdf, docx, odt, zip, image, markdown or text; raise if unsupported."""
    head = data[:1024]
    if b"%PDF-" in head:
        return "pdf"
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _sniff_zip(name, data)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise _unsupported(name, "an old Word 97-2003 (.doc) or Office file")
    if head.startswith(b"{\\rtf"):
        raise _unsupported(name, "an RTF file")
    if head.startswith(IMAGE_MAGIC) or head[8:12] == b"WEBP":
        return "image"
    suffix = PurePosixPath(name.lower()).suffix
    if suffix in MARKDOWN_EXTENSIONS:
        return "markdown"
    if suffix in TEXT_EXTENSIONS or _looks_like_text(head):
        return "text"
    raise _unsupported(name, "a file in an unknown format")


def _sniff_zip(name: str, data: bytes) -> str:
    with archive.open_zip(name, data) as zipped:
        names = set(zipped.namelist())
        if "word/document.xml" in names:
            return "docx"
        if "mimetype" in names:
            if zipped.read("mimetype").strip() == ODT_MIMETYPE:
                return "odt"
            raise _unsupported(name, "an OpenDocument file other than text (ODS, ODP...)")
        if "[Content_Types].xml" in names:
            raise _unsupported(name, "an Office file other than Word (XLSX, PPTX...)")
    return "zip"


def _looks_like_text(head: bytes) -> bool:
    if head.startswith((b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf")):
        return True
    zeros = head.count(0)
    return zeros == 0 or (
        zeros > len(head) * 0.3 and (head[0::2].count(0) < 2 or head[1::2].count(0) < 2)
    )


def _unsupported(name: str, what: str) -> ExtractionError:
    return ExtractionError(name, *said(messages.UNSUPPORTED, what=what), code="unsupported")


def _read(kind: str, name: str, data: bytes, limits: Limits) -> ExtractedDocument:
    if kind == "pdf":
        return read_pdf(name, data, limits)
    if kind in {"docx", "odt"}:
        with archive.open_zip(name, data) as zipped:
            archive.check_container(name, zipped, limits)
        return read_docx(name, data) if kind == "docx" else read_odt(name, data)
    if kind == "image":
        detail = "image file: scanned, OCR needed; no text was extracted"
        return ExtractedDocument(
            name, "", flags=[Flag("no_text_layer", detail)], metadata={"format": "image"}
        )
    if kind == "zip":
        raise ExtractionError(name, *messages.NOT_A_DOCUMENT, code="archive")
    return read_text(name, data, markdown=kind == "markdown")


def _finish(document: ExtractedDocument, limits: Limits) -> ExtractedDocument:
    """Apply the character limit, scan for injections and guess the language."""
    document.text, flags = truncate(document.text, limits.max_chars, "visible text")
    document.hidden_text, hidden_flags = truncate(
        document.hidden_text, limits.max_chars, "hidden text"
    )
    document.flags.extend(flags + hidden_flags)
    for flag in find_injections(document.text):
        document.flags.append(Flag("injection", f"in the visible text, {flag.detail}"))
    for flag in find_injections(document.hidden_text):
        document.flags.append(Flag("injection", f"in the hidden text, {flag.detail}"))
    document.lang_hint = guess_language(document.text)
    return document
