"""PDF text with visible and hidden characters told apart.

Each character is classed by what a reader of the printed page would see: its fill
colour against the shape behind it, its size, its position against the page box and
its text render mode. Only visible characters make ``text``; the rest make
``hidden_text`` and one flag per kind.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pdfplumber
from pdfminer.converter import PDFPageAggregator
from pdfminer.layout import LTChar, LTComponent, LTContainer, LTCurve, LTImage, LTItem, LTPage
from pdfminer.pdfinterp import PDFPageInterpreter
from pypdf import PdfReader
from pypdf.errors import PdfReadError

from communia.documents import layout, messages
from communia.documents.cleanup import preview, tidy
from communia.documents.model import ExtractedDocument, ExtractionError, Flag, Limits
from communia.documents.properties import flag_properties

TINY_POINTS = 4.0
INVISIBLE_MODES = frozenset({3, 7})  # 3: neither fill nor stroke; 7: clip only
OCR_IMAGE_SHARE = 0.5  # an image this large under invisible text makes it an OCR layer
WHITE = (1.0, 1.0, 1.0)
RGB = tuple[float, float, float]


class _RenderModeAggregator(PDFPageAggregator):
    """pdfminer's aggregator, also recording each character's text render mode."""

    _mode = 0

    def render_string(self, textstate: Any, seq: Any, ncs: Any, graphicstate: Any) -> None:
        self._mode = int(getattr(textstate, "render", 0) or 0)
        super().render_string(textstate, seq, ncs, graphicstate)

    def render_char(self, *args: Any, **kwargs: Any) -> float:
        advance = float(super().render_char(*args, **kwargs))
        setattr(self.cur_item._objs[-1], "render_mode", self._mode)  # noqa: B010
        return advance


@dataclass
class _Page:
    number: int
    visible: list[layout.Glyph] = field(default_factory=list)
    hidden: dict[str, list[layout.Glyph]] = field(default_factory=dict)
    has_image: bool = False
    ocr_layer: bool = False


def read_pdf(name: str, data: bytes, limits: Limits) -> ExtractedDocument:
    """Extract visible and hidden text from a PDF, or raise ExtractionError."""
    info = _check(name, data, limits)
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            pages = [_read_page(pdf, page) for page in pdf.pages]
    except ExtractionError:
        raise
    except Exception as error:
        raise ExtractionError(name, *messages.PDF_DAMAGED, code="corrupt") from error
    return _assemble(name, pages, info)


def _check(name: str, data: bytes, limits: Limits) -> dict[str, str]:
    """Refuse encrypted, damaged and over-long PDFs before any text is read."""
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise ExtractionError(name, *messages.PDF_PASSWORD, code="encrypted")
        count = len(reader.pages)
        info = {str(k).lstrip("/").lower(): str(v) for k, v in (reader.metadata or {}).items()}
    except ExtractionError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError, AttributeError) as error:
        raise ExtractionError(name, *messages.NOT_A_PDF, code="corrupt") from error
    if count > limits.max_pages:
        raise ExtractionError(
            name,
            *messages.said(messages.TOO_MANY_PAGES, count=count, limit=limits.max_pages),
            code="too_many_pages",
        )
    info["pages"] = str(count)
    return info


def _read_page(pdf: Any, page: Any) -> _Page:
    device = _RenderModeAggregator(pdf.rsrcmgr, pageno=page.page_number, laparams=None)
    PDFPageInterpreter(pdf.rsrcmgr, device).process_page(page.page_obj)
    lt_page: LTPage = device.get_result()
    result = _Page(number=page.page_number)
    items = list(_flatten(lt_page))
    shapes = [(i, item) for i, item in enumerate(items) if isinstance(item, LTCurve) and item.fill]
    images = [item for item in items if isinstance(item, LTImage)]
    result.has_image = bool(images)
    for index, item in enumerate(items):
        if isinstance(item, LTChar) and item.get_text().strip():
            _classify(result, lt_page, index, item, shapes, images)
    return result


def _flatten(container: LTContainer[Any]) -> Iterator[LTItem]:
    for item in container:
        yield item
        if isinstance(item, LTContainer) and not isinstance(item, LTChar):
            yield from _flatten(item)


def _classify(
    page: _Page,
    lt_page: LTPage,
    index: int,
    char: LTChar,
    shapes: list[tuple[int, LTCurve]],
    images: list[LTImage],
) -> None:
    height = lt_page.height
    glyph = layout.Glyph(
        text=char.get_text(),
        x0=char.x0,
        x1=char.x1,
        top=height - char.y1,
        bottom=height - char.y0,
        size=char.size,
    )
    reason = _hidden_reason(lt_page, index, char, shapes, images)
    if reason == "ocr":
        page.ocr_layer = True
        reason = None
    if reason is None:
        page.visible.append(glyph)
    else:
        page.hidden.setdefault(reason, []).append(glyph)


def _hidden_reason(
    lt_page: LTPage,
    index: int,
    char: LTChar,
    shapes: list[tuple[int, LTCurve]],
    images: list[LTImage],
) -> str | None:
    """Return why a character cannot be seen, "ocr" for an OCR layer, or None."""
    x, y = (char.x0 + char.x1) / 2, (char.y0 + char.y1) / 2
    if getattr(char, "render_mode", 0) in INVISIBLE_MODES:
        page_area = lt_page.width * lt_page.height
        for image in images:
            if _contains(image, x, y) and image.width * image.height >= OCR_IMAGE_SHARE * page_area:
                return "ocr"
        return "hidden_text"
    if not _contains(lt_page, x, y):
        return "off_page"
    if char.size < TINY_POINTS:
        return "tiny_text"
    background = WHITE
    for shape_index, shape in shapes:
        if not _contains(shape, x, y):
            continue
        colour = _rgb(getattr(shape, "non_stroking_color", None))
        if shape_index > index and colour is not None:
            return "hidden_text"  # an opaque shape drawn over the character
        if colour is not None:
            background = colour
    colour = _rgb(char.graphicstate.ncolor) or (0.0, 0.0, 0.0)
    if max(abs(a - b) for a, b in zip(colour, background, strict=True)) < 0.12:
        return "white_text"
    return None


def _contains(item: LTComponent, x: float, y: float) -> bool:
    return bool(item.x0 <= x <= item.x1 and item.y0 <= y <= item.y1)


def _rgb(value: object) -> RGB | None:
    """Convert a pdfminer colour (gray, RGB or CMYK numbers) to RGB in 0..1."""
    if isinstance(value, int | float):
        values: list[float] = [float(value)]
    elif isinstance(value, list | tuple) and all(isinstance(v, int | float) for v in value):
        values = [float(v) for v in value]
    else:
        return None
    if len(values) == 1:
        return (values[0], values[0], values[0])
    if len(values) == 3:
        return (values[0], values[1], values[2])
    if len(values) == 4:
        c, m, y, k = values
        return ((1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k))
    return None


def _assemble(name: str, pages: list[_Page], info: dict[str, str]) -> ExtractedDocument:
    text = tidy("\n\n".join(layout.arrange(page.visible) for page in pages))
    hidden_parts: list[str] = []
    flags: list[Flag] = []
    for kind in ("white_text", "tiny_text", "off_page", "hidden_text"):
        chunks = [(p.number, _plain(p.hidden.get(kind, []))) for p in pages]
        chunks = [(number, chunk) for number, chunk in chunks if chunk]
        if chunks:
            joined = tidy("\n".join(chunk for _, chunk in chunks))
            hidden_parts.append(joined)
            numbers = ", ".join(str(number) for number, _ in chunks)
            flags.append(Flag(kind, f"{_LABELS[kind]} on page {numbers}: {preview(joined)}"))
    flags.extend(_scan_flags(pages, text))
    metadata = {k: v for k, v in info.items() if k != "pages" and v.strip()}
    flags.extend(flag_properties(metadata))
    metadata["format"] = "pdf"
    if any(page.ocr_layer for page in pages):
        metadata["ocr_layer"] = "yes"
    return ExtractedDocument(
        name=name,
        text=text,
        hidden_text="\n\n".join(hidden_parts),
        flags=flags,
        pages=len(pages),
        metadata=metadata,
    )


_LABELS = {
    "white_text": "text in the colour of its background",
    "tiny_text": f"text smaller than {TINY_POINTS:g} pt",
    "off_page": "text placed outside the page",
    "hidden_text": "invisible or covered text",
}


def _plain(glyphs: list[layout.Glyph]) -> str:
    return "\n".join(" ".join(s.text for s in row) for row in layout.build_rows(glyphs))


def _scan_flags(pages: list[_Page], text: str) -> list[Flag]:
    """Say which pages are scans with no text layer (OCR needed); never guess their text."""
    empty = [p.number for p in pages if not p.visible and not p.hidden and not p.ocr_layer]
    scanned = [number for number in empty if pages[number - 1].has_image]
    if text.strip() and not scanned:
        return []
    if not text.strip():
        listed = ", ".join(str(n) for n in (scanned or empty)) or "all"
        detail = f"scanned, OCR needed: no text layer on page {listed}"
        return [Flag("no_text_layer", detail)]
    listed = ", ".join(str(n) for n in scanned)
    return [Flag("no_text_layer", f"scanned, OCR needed: page {listed} has no text layer")]
