"""Exports: one neutral document model rendered to DOCX, ODT and PDF (tagged, PDF/A option)."""

from communia.exports.model import Block, Document, Heading, ListBlock, Paragraph, Table
from communia.exports.render import FORMATS, render

__all__ = ["FORMATS", "Block", "Document", "Heading", "ListBlock", "Paragraph", "Table", "render"]
