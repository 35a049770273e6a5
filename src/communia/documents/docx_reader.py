"""Word (DOCX) text: visible runs apart from hidden, white and microscopic ones.

Body, tables, text boxes, headers and footers are read in document order. A run is
hidden when it (or its character or paragraph style) is marked ``w:vanish``, is
white on a white background, or is 2 pt or smaller. Deleted revisions and field
codes are not text a reader sees, so they are left out.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

import docx
from docx.oxml.ns import qn

from communia.documents.cleanup import preview, tidy
from communia.documents.model import ExtractedDocument, Flag
from communia.documents.properties import flag_properties

TINY_HALF_POINTS = 4  # w:sz is in half-points: 4 means 2 pt
WHITE = {"ffffff", "fefefe", "fdfdfd", "white"}
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_SHAPE = "{http://schemas.microsoft.com/office/word/2010/wordprocessingShape}wsp"
_DRAWING = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_W_P, _W_R, _W_T, _W_TAB, _W_BR = qn("w:p"), qn("w:r"), qn("w:t"), qn("w:tab"), qn("w:br")
_VALUE = qn("w:val")


def read_docx(name: str, data: bytes) -> ExtractedDocument:
    """Extract a DOCX; the caller has already checked the ZIP container for bombs."""
    document = docx.Document(io.BytesIO(data))
    styles = _Styles(document)
    visible: list[str] = []
    hidden: dict[str, list[str]] = {}
    for root in _roots(document):
        for paragraph in _paragraphs(root):
            shown, unseen = _read_paragraph(paragraph, styles)
            visible.append(shown)
            for kind, text in unseen.items():
                hidden.setdefault(kind, []).append(text)
    flags: list[Flag] = []
    hidden_parts: list[str] = []
    for kind, texts in hidden.items():
        joined = tidy("\n".join(texts))
        hidden_parts.append(joined)
        flags.append(Flag(kind, f"{_LABELS[kind]}: {preview(joined)}"))
    metadata = _core_properties(document)
    flags.extend(flag_properties(metadata))
    metadata["format"] = "docx"
    return ExtractedDocument(
        name=name,
        text=tidy("\n".join(visible)),
        hidden_text="\n\n".join(hidden_parts),
        flags=flags,
        metadata=metadata,
    )


_LABELS = {
    "hidden_run": "text marked hidden in Word",
    "white_text": "white text on a white background",
    "tiny_text": "text of 2 pt or less",
}


def _roots(document: Any) -> Iterator[Any]:
    """The body, then each distinct header and footer part."""
    yield document.element.body
    seen: set[int] = set()
    for section in document.sections:
        for part in (
            section.header,
            section.first_page_header,
            section.even_page_header,
            section.footer,
            section.first_page_footer,
            section.even_page_footer,
        ):
            if part.is_linked_to_previous:
                continue
            element = part._element
            if id(element) not in seen:
                seen.add(id(element))
                yield element


def _paragraphs(root: Any) -> Iterator[Any]:
    """Every w:p in order, including tables and text boxes, skipping VML fallback copies."""
    for paragraph in root.iter(_W_P):
        if not any(a.tag == _FALLBACK for a in paragraph.iterancestors()):
            yield paragraph


def _read_paragraph(paragraph: Any, styles: _Styles) -> tuple[str, dict[str, str]]:
    shown: list[str] = []
    unseen: dict[str, list[str]] = {}
    paragraph_style = _style_id(paragraph.find(qn("w:pPr")), "w:pStyle")
    for run in paragraph.iter(_W_R):
        if next(run.iterancestors(_W_P), None) is not paragraph:
            continue  # belongs to a nested text-box paragraph, read on its own
        text = _run_text(run)
        if not text:
            continue
        kind = styles.hidden_kind(run, paragraph_style)
        if kind is None:
            shown.append(text)
        else:
            unseen.setdefault(kind, []).append(text)
    return "".join(shown), {k: "".join(v) for k, v in unseen.items()}


def _run_text(run: Any) -> str:
    parts = []
    for child in run:
        if child.tag == _W_T and child.text:
            parts.append(child.text)
        elif child.tag == _W_TAB:
            parts.append("\t")
        elif child.tag == _W_BR:
            parts.append("\n")
    return "".join(parts)


def _style_id(properties: Any, tag: str) -> str | None:
    if properties is None:
        return None
    element = properties.find(qn(tag))
    return None if element is None else element.get(_VALUE)


class _Styles:
    """Resolve run formatting through character and paragraph styles (basedOn chains)."""

    def __init__(self, document: Any) -> None:
        self._by_id: dict[str, Any] = {}
        for style in document.styles.element.iter(qn("w:style")):
            style_id = style.get(qn("w:styleId"))
            if style_id:
                self._by_id[style_id] = style

    def hidden_kind(self, run: Any, paragraph_style: str | None) -> str | None:
        chain = [run.find(qn("w:rPr"))]
        chain += self._style_chain(_style_id(run.find(qn("w:rPr")), "w:rStyle"))
        chain += self._style_chain(paragraph_style)
        vanish = _first(chain, "w:vanish")
        if vanish is not None and vanish.get(_VALUE, "true") not in {"0", "false", "off"}:
            return "hidden_run"
        size = _first(chain, "w:sz")
        if size is not None and (size.get(_VALUE) or "99").isdigit():
            if int(size.get(_VALUE)) <= TINY_HALF_POINTS:
                return "tiny_text"
        colour = _first(chain, "w:color")
        if colour is not None and (colour.get(_VALUE) or "").lower() in WHITE:
            if not _dark_background(run):
                return "white_text"
        return None

    def _style_chain(self, style_id: str | None) -> list[Any]:
        chain: list[Any] = []
        while style_id and style_id in self._by_id and len(chain) < 20:
            style = self._by_id[style_id]
            chain.append(style.find(qn("w:rPr")))
            based_on = style.find(qn("w:basedOn"))
            style_id = None if based_on is None else based_on.get(_VALUE)
        return chain


def _first(chain: list[Any], tag: str) -> Any:
    for properties in chain:
        if properties is not None:
            found = properties.find(qn(tag))
            if found is not None:
                return found
    return None


def _dark_background(run: Any) -> bool:
    """True when the run sits on shading or in a filled shape that is not white."""
    shadings = run.findall(f"{qn('w:rPr')}/{qn('w:shd')}")
    fills: list[str] = []
    for ancestor in run.iterancestors():
        for holder in ("w:pPr", "w:tcPr"):
            shadings += ancestor.findall(f"{qn(holder)}/{qn('w:shd')}")
        if ancestor.tag == _SHAPE:
            for solid in ancestor.iter(f"{_DRAWING}solidFill"):
                fills += [c.get("val") or "" for c in solid.iter(f"{_DRAWING}srgbClr")]
    fills += [shading.get(qn("w:fill")) or "auto" for shading in shadings]
    return any(fill.lower() not in WHITE | {"auto", "none", ""} for fill in fills)


def _core_properties(document: Any) -> dict[str, str]:
    properties = document.core_properties
    fields = (
        "title",
        "subject",
        "author",
        "keywords",
        "comments",
        "category",
        "last_modified_by",
        "content_status",
        "identifier",
        "version",
    )
    found = {field: str(getattr(properties, field) or "") for field in fields}
    return {key: value for key, value in found.items() if value.strip()}
