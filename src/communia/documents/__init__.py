"""Document layer: visible and hidden text from PDF, DOCX, ODT, TXT, MD and ZIP uploads.

Used by recruitment, drafting and feedback. Only ``ExtractedDocument.text`` is what a
reader sees; hidden text, injections and scanned pages come back as flags.
"""

from communia.documents.extract import DEFAULT_LIMITS, extract, extract_batch, sniff
from communia.documents.grouping import candidate_tokens, group_by_candidate
from communia.documents.injection import find_injections
from communia.documents.model import (
    FLAG_KINDS,
    BatchResult,
    ExtractedDocument,
    ExtractionError,
    Flag,
    Limits,
)

__all__ = [
    "DEFAULT_LIMITS",
    "FLAG_KINDS",
    "BatchResult",
    "ExtractedDocument",
    "ExtractionError",
    "Flag",
    "Limits",
    "candidate_tokens",
    "extract",
    "extract_batch",
    "find_injections",
    "group_by_candidate",
    "sniff",
]
