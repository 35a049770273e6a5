"""Seeded generators of realistic texts with gold personal-data spans, for benchmarks."""

from .admin_texts import Document, GoldSpan, generate_documents

__all__ = ["Document", "GoldSpan", "generate_documents"]
