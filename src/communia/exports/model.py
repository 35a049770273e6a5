"""A neutral document model every capability fills and every renderer reads (no I/O)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 1


@dataclass(frozen=True)
class Paragraph:
    text: str
    bold: bool = False
    align: str = "left"  # left | right | center | justify


@dataclass(frozen=True)
class ListBlock:
    items: tuple[str, ...]
    ordered: bool = False


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    caption: str = ""


Block = Heading | Paragraph | ListBlock | Table


@dataclass(frozen=True)
class Document:
    """What to render. ``final`` is set only from an approved draft; otherwise every page
    carries a visible draft mark.

    Args:
        title: document title (also the PDF/DOCX metadata title).
        lang: "fr" or "en" (document language for assistive technologies).
        blocks: the content, in order.
        letterhead: lines printed at the top (authority name, address).
        final: True only for content a named person approved.
        approved_by: who approved it, printed in the footer of a final document.
    """

    title: str
    lang: str
    blocks: tuple[Block, ...]
    letterhead: tuple[str, ...] = ()
    logo_path: str | None = None
    final: bool = False
    approved_by: str = ""
    draft_label: str = field(default="")

    @property
    def mark(self) -> str:
        """The visible status line: a draft mark, or who approved the final version."""
        if not self.final:
            if self.draft_label:
                return self.draft_label
            return ("PROJET — document non validé" if self.lang == "fr"
                    else "DRAFT — not approved")
        return (f"Validé par {self.approved_by}" if self.lang == "fr"
                else f"Approved by {self.approved_by}")
