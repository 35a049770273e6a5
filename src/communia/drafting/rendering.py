"""The text of a document (as drafted or as edited by a person) into export blocks (no I/O)."""

from __future__ import annotations

import re

from communia.exports.model import Block, Heading, ListBlock, Paragraph

SECTION_TITLES = frozenset({
    "contexte", "analyse", "proposition", "exposé des motifs", "faits essentiels", "enjeux",
    "options", "points d'attention", "objectif", "étapes", "contacts", "que faire si",
})
_CENTRED = re.compile(r"^(ARRÊTE|ARRETE|DÉCIDE\s*:|DECIDE\s*:|NOTE|NOTE DE SYNTHÈSE)$")
_BULLET = re.compile(r"^-\s+")
_NUMBERED = re.compile(r"^\d+\.\s+")


def blocks(text: str) -> tuple[str, tuple[Block, ...]]:
    """The title (first line) and the blocks of ``text``; lists and headings recognised."""
    lines = [line.strip() for line in text.strip().splitlines()]
    title = lines[0] if lines else ""
    out: list[Block] = [Heading(title, 1)] if title else []
    pending: list[str] = []
    ordered = False

    def flush() -> None:
        if pending:
            out.append(ListBlock(tuple(pending), ordered))
            pending.clear()

    for line in lines[1:]:
        if not line:
            flush()
            continue
        if _BULLET.match(line) or _NUMBERED.match(line):
            is_numbered = bool(_NUMBERED.match(line))
            if pending and is_numbered != ordered:
                flush()
            ordered = is_numbered
            pending.append(_BULLET.sub("", _NUMBERED.sub("", line)))
            continue
        flush()
        if line.lower().rstrip(" :…") in SECTION_TITLES:
            out.append(Heading(line, 2))
        elif _CENTRED.match(line):
            out.append(Paragraph(line, bold=True, align="center"))
        elif re.match(r"^Article\s+\d+", line):
            out.append(Paragraph(line, align="justify"))
        else:
            out.append(Paragraph(line))
    flush()
    return title, tuple(out)
