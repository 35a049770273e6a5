"""Render a ``Document`` to DOCX (python-docx), ODT (odfdo) or PDF (WeasyPrint)."""

from __future__ import annotations

import html
import io
from pathlib import Path

from communia.errors import InvalidInput
from communia.exports.model import Document, Heading, ListBlock, Paragraph, Table

FORMATS = ("docx", "odt", "pdf", "pdfa")


def render(document: Document, fmt: str) -> bytes:
    """The document's bytes in ``fmt`` (docx, odt, pdf, or pdfa for archival PDF/A-3b)."""
    if fmt == "docx":
        return to_docx(document)
    if fmt == "odt":
        return to_odt(document)
    if fmt in ("pdf", "pdfa"):
        return to_pdf(document, archival=fmt == "pdfa")
    raise InvalidInput(f"Unknown export format '{fmt}'; expected one of {', '.join(FORMATS)}.")


def to_docx(document: Document) -> bytes:
    from docx import Document as Docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt, RGBColor

    doc = Docx()
    doc.core_properties.title = document.title
    doc.core_properties.language = document.lang
    section = doc.sections[0]
    header = section.header.paragraphs[0]
    header.text = document.mark
    if not document.final:
        header.runs[0].font.color.rgb = RGBColor(0x7A, 0x4B, 0x00)
        header.runs[0].bold = True
    if document.logo_path and Path(document.logo_path).suffix.lower() == ".png":
        doc.add_picture(document.logo_path)
    for line in document.letterhead:
        doc.add_paragraph(line).runs[0].font.size = Pt(10)
    aligns = {"left": WD_ALIGN_PARAGRAPH.LEFT, "right": WD_ALIGN_PARAGRAPH.RIGHT,
              "center": WD_ALIGN_PARAGRAPH.CENTER, "justify": WD_ALIGN_PARAGRAPH.JUSTIFY}
    for block in document.blocks:
        if isinstance(block, Heading):
            doc.add_heading(block.text, level=min(max(block.level, 1), 4))
        elif isinstance(block, Paragraph):
            para = doc.add_paragraph()
            run = para.add_run(block.text)
            run.bold = block.bold
            para.alignment = aligns.get(block.align, WD_ALIGN_PARAGRAPH.LEFT)
        elif isinstance(block, ListBlock):
            style = "List Number" if block.ordered else "List Bullet"
            for item in block.items:
                doc.add_paragraph(item, style=style)
        elif isinstance(block, Table):
            _docx_table(doc, block)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def _docx_table(doc: object, block: Table) -> None:
    from docx.document import Document as DocxDocument

    assert isinstance(doc, DocxDocument)
    if block.caption:
        doc.add_paragraph(block.caption).runs[0].bold = True
    table = doc.add_table(rows=1, cols=len(block.header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, block.header, strict=False):
        cell.text = text
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for row in block.rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=False):
            cell.text = text


def to_odt(document: Document) -> bytes:
    from odfdo import Document as Odt
    from odfdo import Header, List, ListItem
    from odfdo import Paragraph as OdtParagraph
    from odfdo import Table as OdtTable

    odt = Odt("text")
    body = odt.body
    odt.meta.title = document.title
    odt.meta.language = document.lang
    body.append(OdtParagraph(document.mark))
    for line in document.letterhead:
        body.append(OdtParagraph(line))
    for block in document.blocks:
        if isinstance(block, Heading):
            body.append(Header(min(max(block.level, 1), 4), block.text))
        elif isinstance(block, Paragraph):
            body.append(OdtParagraph(block.text))
        elif isinstance(block, ListBlock):
            items = List()
            for item in block.items:
                items.append(ListItem(item))
            body.append(items)
        elif isinstance(block, Table):
            if block.caption:
                body.append(OdtParagraph(block.caption))
            table = OdtTable("Table", width=len(block.header), height=len(block.rows) + 1)
            for col, text in enumerate(block.header):
                table.set_value((col, 0), text)
            for r, row in enumerate(block.rows, start=1):
                for col, text in enumerate(row):
                    table.set_value((col, r), text)
            body.append(table)
    buffer = io.BytesIO()
    odt.save(buffer)
    return buffer.getvalue()


def to_html(document: Document) -> str:
    """Semantic HTML of the document (used for PDF and for previews)."""
    e = html.escape
    parts = [f'<!doctype html><html lang="{e(document.lang)}"><head><meta charset="utf-8">'
             f"<title>{e(document.title)}</title><style>{_PDF_CSS}</style></head><body>"]
    parts.append(f'<p class="mark{"" if document.final else " draft"}">{e(document.mark)}</p>')
    if document.letterhead:
        parts.append('<div class="letterhead">' + "".join(
            f"<p>{e(line)}</p>" for line in document.letterhead) + "</div>")
    for block in document.blocks:
        parts.append(_html_block(block))
    parts.append("</body></html>")
    return "".join(parts)


def _html_block(block: object) -> str:
    e = html.escape
    if isinstance(block, Heading):
        level = min(max(block.level, 1), 4)
        return f"<h{level}>{e(block.text)}</h{level}>"
    if isinstance(block, Paragraph):
        text = e(block.text).replace("\n", "<br>")
        text = f"<strong>{text}</strong>" if block.bold else text
        return f'<p style="text-align:{block.align}">{text}</p>'
    if isinstance(block, ListBlock):
        tag = "ol" if block.ordered else "ul"
        return f"<{tag}>" + "".join(f"<li>{e(i)}</li>" for i in block.items) + f"</{tag}>"
    if isinstance(block, Table):
        head = "".join(f'<th scope="col">{e(h)}</th>' for h in block.header)
        rows = "".join("<tr>" + "".join(f"<td>{e(c)}</td>" for c in row) + "</tr>"
                       for row in block.rows)
        caption = f"<caption>{e(block.caption)}</caption>" if block.caption else ""
        return f"<table>{caption}<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
    return ""


_PDF_CSS = """
@page { size: A4; margin: 2cm; @bottom-center { content: counter(page) " / " counter(pages);
  font-size: 9pt; } }
body { font-family: "DejaVu Sans", sans-serif; font-size: 11pt; line-height: 1.4; }
.mark { font-size: 9pt; color: #333; border-bottom: 1px solid #999; }
.mark.draft { color: #7a4b00; font-weight: bold; }
.letterhead p { margin: 0; font-size: 10pt; }
h1 { font-size: 16pt; } h2 { font-size: 13pt; } h3 { font-size: 12pt; }
table { border-collapse: collapse; width: 100%; margin: 8pt 0; }
th, td { border: 1px solid #666; padding: 3pt 5pt; text-align: left; vertical-align: top; }
caption { font-weight: bold; text-align: left; }
"""


def to_pdf(document: Document, archival: bool = False) -> bytes:
    """Tagged PDF (PDF/UA-1) with the document language; PDF/A-3b when archival."""
    from weasyprint import HTML

    variant = "pdf/a-3b" if archival else "pdf/ua-1"
    pdf = HTML(string=to_html(document)).write_pdf(pdf_variant=variant, pdf_tags=True)
    assert pdf is not None
    return bytes(pdf)
