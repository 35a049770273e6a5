"""Plain functions that build test documents in memory (PDF, DOCX, ODT, ZIP).

Reused by the recruitment benchmark generator, so each returns bytes and needs no
fixture machinery. Hidden-text tricks are named by ``HIDDEN_KINDS``.
"""

from __future__ import annotations

import io
import os
import zipfile
from collections.abc import Iterable, Sequence

import docx
import reportlab
from docx.enum.text import WD_COLOR_INDEX
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor
from odfdo import Document, Element, Paragraph, Span, Style
from PIL import Image, ImageDraw
from pypdf import PdfReader, PdfWriter
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader, simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

HIDDEN_KINDS = ("white", "tiny", "off_page", "invisible", "covered", "background")
WIDTH, HEIGHT = A4
MARGIN = 56.0
NAVY = (0.1, 0.15, 0.35)


def make_pdf(
    paragraphs: Sequence[str],
    hidden: Iterable[tuple[str, str]] = (),
    *,
    font_size: float = 11,
    pages: int = 1,
    banner: str | None = None,
    metadata: dict[str, str] | None = None,
) -> bytes:
    """A text PDF: paragraphs wrapped on page 1, then hidden texts, then blank-ish pages.

    Args:
        paragraphs: visible paragraphs, wrapped to the page width.
        hidden: (kind, text) pairs, kind in HIDDEN_KINDS.
        pages: total page count; pages after the first carry one short line each.
        banner: white text on a navy band at the top (visible, must not be flagged).
        metadata: PDF document info (title, subject, keywords...).
    """
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4)
    for key, value in (metadata or {}).items():
        getattr(canvas, f"set{key.capitalize()}")(value)
    y = HEIGHT - MARGIN
    if banner:
        canvas.setFillColorRGB(*NAVY)
        canvas.rect(0, y - 14, WIDTH, 34, stroke=0, fill=1)
        canvas.setFillColorRGB(1, 1, 1)
        canvas.setFont("Helvetica-Bold", 14)
        canvas.drawString(MARGIN, y, banner)
        y -= 40
    canvas.setFillColorRGB(0, 0, 0)
    y = _draw_paragraphs(canvas, paragraphs, MARGIN, WIDTH - 2 * MARGIN, y, font_size)
    for kind, text in hidden:
        _draw_hidden(canvas, kind, text, y - 30)
    for number in range(2, pages + 1):
        canvas.showPage()
        canvas.setFont("Helvetica", font_size)
        canvas.drawString(MARGIN, HEIGHT - MARGIN, f"Page {number}")
    canvas.save()
    return buffer.getvalue()


def _draw_paragraphs(
    canvas: Canvas,
    paragraphs: Sequence[str],
    x: float,
    width: float,
    y: float,
    size: float,
    font: str = "Helvetica",
    leading: float = 1.3,
) -> float:
    canvas.setFont(font, size)
    for paragraph in paragraphs:
        for line in simpleSplit(paragraph, font, size, width):
            canvas.drawString(x, y, line)
            y -= size * leading
        y -= size
    return y


def _draw_hidden(canvas: Canvas, kind: str, text: str, y: float) -> None:
    canvas.saveState()
    canvas.setFont("Helvetica", 10)
    if kind == "white":
        canvas.setFillColorRGB(1, 1, 1)
        canvas.drawString(MARGIN, y, text)
    elif kind == "tiny":
        canvas.setFont("Helvetica", 1)
        canvas.drawString(MARGIN, y, text)
    elif kind == "off_page":
        canvas.drawString(WIDTH + 200, y, text)
    elif kind == "invisible":
        label = canvas.beginText(MARGIN, y)
        label.setTextRenderMode(3)
        label.textOut(text)
        canvas.drawText(label)
    elif kind == "covered":
        canvas.drawString(MARGIN, y, text)
        canvas.setFillColorRGB(1, 1, 1)
        canvas.rect(MARGIN - 2, y - 4, WIDTH - 2 * MARGIN, 16, stroke=0, fill=1)
    elif kind == "background":
        canvas.setFillColorRGB(*NAVY)
        canvas.rect(MARGIN - 2, y - 4, WIDTH - 2 * MARGIN, 16, stroke=0, fill=1)
        canvas.drawString(MARGIN, y, text)
    else:
        raise ValueError(f"unknown hidden kind {kind!r}; use one of {HIDDEN_KINDS}")
    canvas.restoreState()


def make_two_column_pdf(
    header: str, left: Sequence[str], right: Sequence[str], *, left_share: float = 0.5
) -> bytes:
    """A page with a full-width header then two columns of wrapped paragraphs."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4)
    canvas.setFont("Helvetica-Bold", 16)
    canvas.drawString(MARGIN, HEIGHT - MARGIN, header)
    usable = WIDTH - 2 * MARGIN - 24
    left_width = usable * left_share
    top = HEIGHT - MARGIN - 40
    _draw_paragraphs(canvas, left, MARGIN, left_width, top, 10, leading=1.25)
    _draw_paragraphs(canvas, right, MARGIN + left_width + 24, usable - left_width, top - 5, 11)
    canvas.save()
    return buffer.getvalue()


def make_ligature_pdf(lines: Sequence[str]) -> bytes:
    """One line per item, in a font (Vera, shipped by reportlab) that has the ligatures ﬁ and ﬂ."""
    font_path = os.path.join(os.path.dirname(reportlab.__file__), "fonts", "Vera.ttf")
    pdfmetrics.registerFont(TTFont("VeraLig", font_path))
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4)
    canvas.setFont("VeraLig", 11)
    for index, line in enumerate(lines):
        canvas.drawString(MARGIN, HEIGHT - MARGIN - index * 14, line)
    canvas.save()
    return buffer.getvalue()


def make_scanned_pdf(pages: int = 1) -> bytes:
    """A PDF holding only a picture of a page (grey bars, no text layer), like a scan."""
    picture = Image.new("RGB", (600, 850), "white")
    drawing = ImageDraw.Draw(picture)
    for row in range(60, 800, 28):
        drawing.rectangle((50, row, 50 + (row * 7) % 480 + 60, row + 10), fill="grey")
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4)
    for _ in range(pages):
        canvas.drawImage(ImageReader(picture), 0, 0, WIDTH, HEIGHT)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def encrypt_pdf(data: bytes, password: str = "secret") -> bytes:
    """The same PDF protected by a user password (AES-256)."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=password, owner_password=password + "-owner", algorithm="AES-256")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def make_docx(
    paragraphs: Sequence[str],
    *,
    hidden_runs: Sequence[str] = (),
    white_runs: Sequence[str] = (),
    tiny_runs: Sequence[str] = (),
    white_on_dark: Sequence[str] = (),
    header: str | None = None,
    footer: str | None = None,
    table: Sequence[Sequence[str]] = (),
    text_box: str | None = None,
    properties: dict[str, str] | None = None,
) -> bytes:
    """A DOCX with visible paragraphs and, appended to the first one, hidden runs.

    ``white_on_dark`` runs are white on navy shading: visible, and must not be flagged.
    """
    document = docx.Document()
    for index, text in enumerate(paragraphs):
        paragraph = document.add_paragraph(text)
        if index == 0:
            _append_runs(paragraph, hidden_runs, white_runs, tiny_runs, white_on_dark)
    for row in table:
        cells = document.add_table(rows=1, cols=len(row)).rows[0].cells
        for cell, value in zip(cells, row, strict=True):
            cell.text = value
    if text_box:
        document.element.body.append(_text_box_paragraph(text_box))
    section = document.sections[0]
    if header:
        section.header.paragraphs[0].text = header
    if footer:
        section.footer.paragraphs[0].text = footer
    defaults = {"comments": "", "author": "", "title": "", "subject": "", "keywords": ""}
    for key, value in {**defaults, **(properties or {})}.items():
        setattr(document.core_properties, key, value)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _append_runs(
    paragraph: object,
    hidden: Sequence[str],
    white: Sequence[str],
    tiny: Sequence[str],
    white_on_dark: Sequence[str],
) -> None:
    for text in hidden:
        paragraph.add_run(" " + text).font.hidden = True  # type: ignore[attr-defined]
    for text in white:
        paragraph.add_run(" " + text).font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)  # type: ignore[attr-defined]  # noqa: E501
    for text in tiny:
        paragraph.add_run(" " + text).font.size = Pt(1)  # type: ignore[attr-defined]
    for text in white_on_dark:
        run = paragraph.add_run(" " + text)  # type: ignore[attr-defined]
        run.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
        shading = OxmlElement("w:shd")
        shading.set(qn("w:val"), "clear")
        shading.set(qn("w:fill"), "1F2A5A")
        run._r.get_or_add_rPr().append(shading)
        run.font.highlight_color = WD_COLOR_INDEX.AUTO


def _text_box_paragraph(text: str) -> object:
    """A paragraph holding a DrawingML text box, as Word writes it (with a VML fallback)."""
    xml = (
        '<w:p xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
        'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
        'xmlns:v="urn:schemas-microsoft-com:vml">'
        '<w:r><mc:AlternateContent><mc:Choice Requires="wps">'
        f"<wps:wsp><wps:txbx><w:txbxContent><w:p><w:r><w:t>{text}</w:t></w:r></w:p>"
        "</w:txbxContent></wps:txbx></wps:wsp></mc:Choice><mc:Fallback><v:shape><v:textbox>"
        f"<w:txbxContent><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:txbxContent>"
        "</v:textbox></v:shape></mc:Fallback></mc:AlternateContent></w:r></w:p>"
    )
    from docx.oxml import parse_xml

    return parse_xml(xml)


def make_odt(
    paragraphs: Sequence[str],
    *,
    hidden: Sequence[str] = (),
    white: Sequence[str] = (),
    hidden_section: str | None = None,
    title: str | None = None,
) -> bytes:
    """An ODT with visible paragraphs, hidden or white spans, and a hidden section."""
    document = Document("text")
    body = document.body
    body.clear()
    document.insert_style(Style("text", name="Hidden", display="none"), automatic=True)
    document.insert_style(Style("text", name="White", color="#FFFFFF"), automatic=True)
    for text in paragraphs:
        body.append(Paragraph(text))
    holder = Paragraph("")
    for text in hidden:
        holder.append(Span(" " + text, style="Hidden"))
    for text in white:
        holder.append(Span(" " + text, style="White"))
    body.append(holder)
    if hidden_section:
        section = Element.from_tag('<text:section text:name="S1" text:display="none"/>')
        section.append(Paragraph(hidden_section))
        body.append(section)
    if title:
        document.meta.set_title(title)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def make_zip(members: dict[str, bytes]) -> bytes:
    """A deflated ZIP holding the given members (names used as given, even unsafe ones)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(zipfile.ZipInfo(name), data, compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def make_zip_bomb(megabytes: int = 50) -> bytes:
    """A small ZIP whose one member unpacks to ``megabytes`` MiB of zeros."""
    return make_zip({"bomb.txt": b"\0" * (megabytes * 1024 * 1024)})
