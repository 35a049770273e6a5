"""OpenDocument text (ODT): visible text apart from hidden sections, paragraphs and spans.

Hidden means a section or style with ``text:display="none"``, a hidden paragraph or
hidden-text field, white text, text of 2 pt or less, or a comment (annotation).
Tracked deletions are skipped: they are not text a reader sees.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Any

from odfdo import Document

from communia.documents.cleanup import preview, tidy
from communia.documents.model import ExtractedDocument, Flag
from communia.documents.properties import flag_properties

WHITE = {"#ffffff", "#fefefe", "white"}
TINY_POINTS = 2.0
SKIPPED = {"text:tracked-changes", "text:sequence-decls", "office:forms", "text:soft-page-break"}
FAMILIES = {
    "text:span": "text",
    "text:p": "paragraph",
    "text:h": "paragraph",
    "text:section": "section",
}
_LABELS = {
    "hidden_run": "text marked hidden in the document",
    "white_text": "white text",
    "tiny_text": f"text of {TINY_POINTS:g} pt or less",
    "hidden_text": "comment not printed with the text",
}


@dataclass
class _Reading:
    visible: list[str] = field(default_factory=list)
    hidden: dict[str, list[str]] = field(default_factory=dict)

    def add(self, text: str, reason: str | None) -> None:
        if reason is None:
            self.visible.append(text)
        else:
            self.hidden.setdefault(reason, []).append(text)

    def end_paragraph(self) -> None:
        self.visible.append("\n")
        for texts in self.hidden.values():
            texts.append("\n")


def read_odt(name: str, data: bytes) -> ExtractedDocument:
    """Extract an ODT; the caller has already checked the ZIP container for bombs."""
    document = Document(io.BytesIO(data))
    reading = _Reading()
    _Walker(document, reading).walk(document.body, None)
    flags: list[Flag] = []
    hidden_parts: list[str] = []
    for kind, texts in reading.hidden.items():
        joined = tidy("".join(texts))
        if joined:
            hidden_parts.append(joined)
            flags.append(Flag(kind, f"{_LABELS[kind]}: {preview(joined)}"))
    metadata = _properties(document)
    flags.extend(flag_properties(metadata))
    metadata["format"] = "odt"
    return ExtractedDocument(
        name=name,
        text=tidy("".join(reading.visible)),
        hidden_text="\n\n".join(hidden_parts),
        flags=flags,
        metadata=metadata,
    )


class _Walker:
    def __init__(self, document: Any, reading: _Reading) -> None:
        self._document = document
        self._reading = reading
        self._cache: dict[tuple[str, str], str | None] = {}

    def walk(self, element: Any, reason: str | None) -> None:
        tag = element.tag
        if tag in SKIPPED:
            return
        reason = reason or self._own_reason(element, tag)
        if tag == "text:hidden-text":
            self._reading.add(str(element.get_attribute("text:string-value") or ""), "hidden_run")
        elif tag == "text:s":
            self._reading.add(" " * int(element.get_attribute("text:c") or 1), reason)
        elif tag in {"text:tab", "text:line-break"}:
            self._reading.add("\t" if tag == "text:tab" else "\n", reason)
        else:
            self._reading.add(element.text or "", reason)
            for child in element.children:
                self.walk(child, reason)
                self._reading.add(child.tail or "", reason)
        if tag in {"text:p", "text:h"}:
            self._reading.end_paragraph()

    def _own_reason(self, element: Any, tag: str) -> str | None:
        if tag == "office:annotation":
            return "hidden_text"
        if element.get_attribute("text:display") == "none":
            return "hidden_run"
        if tag in {"text:p", "text:h"} and any(
            child.tag == "text:hidden-paragraph"
            and str(child.get_attribute("text:is-hidden")).lower() in {"true", "1"}
            for child in element.children
        ):
            return "hidden_run"
        family = FAMILIES.get(tag)
        style = element.get_attribute("text:style-name")
        if family is None or not style:
            return None
        return self._style_reason(family, str(style))

    def _style_reason(self, family: str, name: str) -> str | None:
        key = (family, name)
        if key not in self._cache:
            self._cache[key] = None  # guards against a style that is its own parent
            self._cache[key] = self._resolve(family, name)
        return self._cache[key]

    def _resolve(self, family: str, name: str) -> str | None:
        style = self._document.get_style(family, name)
        if style is None:
            return None
        if family == "section" and style.get_properties(area="section"):
            if (style.get_properties(area="section") or {}).get("text:display") == "none":
                return "hidden_run"
        reason = _text_reason(style.get_properties(area="text") or {})
        parent = getattr(style, "parent_style", None)
        if reason is None and parent:
            return self._style_reason(family, str(parent))
        return reason


def _text_reason(properties: dict[str, Any]) -> str | None:
    if properties.get("text:display") == "none":
        return "hidden_run"
    if str(properties.get("fo:color", "")).lower() in WHITE:
        return "white_text"
    size = str(properties.get("fo:font-size", ""))
    if size.endswith("pt"):
        try:
            if float(size[:-2]) <= TINY_POINTS:
                return "tiny_text"
        except ValueError:
            return None
    return None


def _properties(document: Any) -> dict[str, str]:
    meta = document.meta
    found = {
        "title": meta.get_title(),
        "subject": meta.get_subject(),
        "description": meta.get_description(),
        "keywords": meta.get_keywords(),
        "author": meta.get_initial_creator(),
    }
    return {key: str(value) for key, value in found.items() if value and str(value).strip()}
